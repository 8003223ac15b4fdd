"""RawTable -> PerfTable (placeholder until the performance-table reader lands)."""

from __future__ import annotations

from ..model import PerfTable
from .lexer import squeeze
from .raw import RawTable


def build_perf_table(raw: RawTable) -> PerfTable:
    kind = "overall" if "整体" in squeeze(raw.head.text) else "project"
    return PerfTable(raw.head.lineno, raw.end_line, kind, squeeze(raw.head.text), page=raw.head.page)
