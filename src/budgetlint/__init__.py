"""budgetlint: a rule-engine linter for public budget disclosures."""

__version__ = "0.1.0"
