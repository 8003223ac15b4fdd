"""Rules: YAML packs of declared checks, their loader, and the check kinds."""
