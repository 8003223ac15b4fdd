"""What a reader that raised leaves in the tree: a diagnostic, never a crash."""

from __future__ import annotations

from budgetlint.core.model import Unparsed
from budgetlint.outline.raw import RawTable

# The diagnostic of a reader that raised: a bug to fix, unlike an unreadable row.
READER_FAILED = "reader failed"


def reader_failed(raw: RawTable, exc: Exception, text: str = "", what: str = "") -> Unparsed:
    """The diagnostic for a reader that raised on ``raw`` (every table reader turns its
    exceptions into this, never a crash); ``what`` names the reader, as ``"performance
    table: "``."""
    return Unparsed(raw.head.lineno, raw.end_line, text, f"{READER_FAILED}: {what}{exc.__class__.__name__}: {exc}")
