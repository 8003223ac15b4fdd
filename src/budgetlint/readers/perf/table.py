"""RawTable -> PerfTable: 项目支出绩效目标表 and 部门整体绩效目标表.

The head of the table is read by ``head`` for every text form; the indicator rows by
``cells`` where the text form delimits cells (Word text, Markdown) and by ``text`` from
PDF text. A reader bug becomes an ``Unparsed`` diagnostic on the table, never an
exception.
"""

from __future__ import annotations

from budgetlint.core.figures import squeeze
from budgetlint.core.model import PerfTable
from budgetlint.outline.raw import RawTable
from budgetlint.readers.failed import reader_failed
from budgetlint.readers.perf.cells import read_cell_indicators
from budgetlint.readers.perf.text import read_text_indicators


def build_perf_table(raw: RawTable) -> PerfTable:
    head = squeeze(raw.head.text)
    lines = [line for _, line in raw.lines]
    title = head
    if "绩效目标" not in head:
        # An untitled cell table (the 2020 Word text) starts at its 预算单位 row.
        title = next((squeeze(ln.text) for ln in lines[:3] if "绩效目标" in squeeze(ln.text)), "")
    kind = "overall" if "整体" in title else "project"
    table = PerfTable(raw.head.lineno, raw.end_line, kind, title, page=raw.head.page)
    body = ([raw.head] if raw.head_kind == "ANON" else []) + lines
    try:
        if any(line.cells is not None for line in body):
            read_cell_indicators(body, table)
        else:
            read_text_indicators(body, table)
    except Exception as exc:  # a reader bug must become a diagnostic, not a crash
        table.unparsed.append(reader_failed(raw, exc, what="performance table: "))
    return table
