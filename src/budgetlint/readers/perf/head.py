"""The head of a performance-target table (预算单位, 项目名称, 项目资金), read from its
labels the same way for every text form."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional, Sequence

from budgetlint.core.model import Line, PerfTable, Unparsed
from budgetlint.core.figures import parse_figure, squeeze

_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_SEP = r"[|:：]*"
_WAN = r"(?:[（(]万元[)）])?"
TOTAL = re.compile(rf"(?:年度预算总额|年度资金总额|资金总额{_WAN}){_SEP}{_NUM}")
FISCAL = re.compile(rf"财政拨款{_SEP}{_NUM}")
FISCAL_SOURCES = re.compile(rf"财政资金{_WAN}(.*?)(?:其他资金|$)")
OTHER = re.compile(rf"其他资金{_WAN}{_SEP}(?:其他{_SEP})?{_NUM}?")
NAME = re.compile(r"项目名称[|:：]*(.+?)(?:\||项目负责人|项目资金|项目总体|$)")


class Flat:
    """The squeezed text of some lines (cells joined by ``|``) with the input line of
    every character, so that a label found in it can name its line."""

    def __init__(self, lines: Sequence[Line]):
        parts: list[str] = []
        owners: list[int] = []
        for line in lines:
            chunks = ["|".join(squeeze(c) for c in line.cells) + "|"] if line.cells is not None else [squeeze(line.text)]
            for chunk in chunks:
                parts.append(chunk)
                owners.extend([line.lineno] * len(chunk))
        self.text = "".join(parts)
        self.owners = owners

    def line_at(self, index: int) -> Optional[int]:
        if not self.owners:
            return None
        return self.owners[max(0, min(index, len(self.owners) - 1))]


def read_head(lines: Sequence[Line], table: PerfTable) -> None:
    """Project name and funds from the lines above the indicator header."""
    cut = []
    for line in lines:
        if squeeze(line.text).startswith(("项目总体目标", "年度绩效目标", "项目总体")):
            # The goal is prose that may name amounts: a cell row of it is left out; in
            # PDF text the funds come before it and the goal runs to the header.
            if line.cells is not None:
                continue
            break
        cut.append(line)
    flat = Flat(cut)
    text = flat.text
    if table.kind == "project":
        match = NAME.search(text)
        if match and match.group(1).strip("|"):
            table.project_name = match.group(1).strip("|")
            table.project_name_line = flat.line_at(match.start(1))
    match = TOTAL.search(text)
    if match:
        table.total, table.total_line = parse_figure(match.group(1)), flat.line_at(match.start(1))
        table.funds_line = flat.line_at(match.start())
    match = FISCAL.search(text)
    if match:
        table.fiscal, table.fiscal_line = parse_figure(match.group(1)), flat.line_at(match.start(1))
    else:
        # 部门整体 tables split 财政资金 into 上级安排 and 本级安排.
        match = FISCAL_SOURCES.search(text)
        if match:
            figures = [(parse_figure(m.group(1)), m.start(1)) for m in re.finditer(_NUM, match.group(1))]
            figures = [(f, at) for f, at in figures if f is not None]
            if figures:
                table.fiscal = sum((f for f, _ in figures), Decimal(0))
                table.fiscal_line = flat.line_at(match.start(1) + figures[-1][1])
                table.funds_line = table.funds_line or flat.line_at(match.start())
    match = OTHER.search(text)
    if match:
        table.other_line = flat.line_at(match.start())
        if match.group(1):
            table.other, table.other_line = parse_figure(match.group(1)), flat.line_at(match.start(1))
    if table.total is None and table.fiscal is None:
        _positional_funds(cut, table)
    if table.funds_line is None:
        table.funds_line = table.total_line or table.fiscal_line


def read_head_above(lines: Sequence[Line], header: Optional[int], table: PerfTable, missing: str) -> bool:
    """Read the head from the lines above the indicator header (line ``header`` of
    ``lines``). Without a header all lines are head, and ``missing`` is reported over
    them; returns whether there is a header to read indicators under."""
    read_head(lines if header is None else lines[:header], table)
    if header is None:
        if lines:
            table.unparsed.append(Unparsed(lines[0].lineno, lines[-1].lineno, "", missing))
        return False
    return True


def _positional_funds(lines: Sequence[Line], table: PerfTable) -> None:
    """A 项目资金 row printed without its labels (``7 | | | 7 | | 0``): total, fiscal,
    other in the template's order."""
    for line in lines:
        if line.cells is None or not line.cells or not squeeze(line.cells[0]).startswith("项目资金"):
            continue
        figures = [parse_figure(c) for c in line.cells[1:] if c.strip()]
        if len(figures) in (2, 3) and all(f is not None for f in figures):
            table.total, table.fiscal = figures[0], figures[1]
            table.other = figures[2] if len(figures) == 3 else None
            table.funds_line = table.total_line = table.fiscal_line = line.lineno
            if len(figures) == 3:
                table.other_line = line.lineno
