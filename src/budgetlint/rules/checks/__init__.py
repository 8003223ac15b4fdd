"""Check kinds, one module each. A kind exposes NAME, PARAMS and ``check(doc, rule)``."""
