"""Reporters: findings (and, for ``parse``, the tree) to text, JSON, SARIF, HTML."""
