"""Indicator rows of a performance table whose text form delimits cells (Word, Markdown).

The header row names the columns; a cell left empty under 一级/二级指标 belongs to the
cell above it (a cell spanning rows), so those two are carried down.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from budgetlint.core.model import Indicator, Line, PerfTable, Unparsed
from budgetlint.core.figures import parse_figure, squeeze
from budgetlint.readers.perf.head import read_head_above

# Header cell -> field, first match wins (指标值设置依据 must not be taken for 指标值).
_COLUMNS = (
    ("level1", re.compile(r"^一级指标")),
    ("level2", re.compile(r"^二级指标")),
    ("level3", re.compile(r"^三级指标")),
    ("basis", re.compile(r"依据")),
    ("prior", re.compile(r"上年")),
    ("weight", re.compile(r"权重|分值")),
    ("value", re.compile(r"^指标值")),
)


def _header_columns(cells: Sequence[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = squeeze(cell)
        for name, pattern in _COLUMNS:
            if name not in columns and pattern.search(key):
                columns[name] = index
                break
    return columns


def _is_header(line: Line) -> bool:
    return line.cells is not None and any(squeeze(c).startswith("一级指标") for c in line.cells)


def read_cell_indicators(lines: Sequence[Line], table: PerfTable) -> None:
    start = next((i for i, line in enumerate(lines) if _is_header(line)), None)
    if not read_head_above(lines, start, table, "no 一级指标 header row found"):
        return
    columns = _header_columns(lines[start].cells or ())
    table.has_weights = "weight" in columns
    level1 = level2 = ""
    for line in lines[start + 1:]:
        if line.cells is None:
            if squeeze(line.text):
                table.unparsed.append(Unparsed(line.lineno, line.lineno, line.text, "text inside a performance table"))
            continue
        if _is_header(line):  # a table split at a page break repeats its header
            continue
        cells = [c.strip() for c in line.cells]

        def cell(name: str) -> str:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        if not squeeze(cell("level3")) and not squeeze(cell("value")):
            if any(squeeze(c) for c in cells):
                table.unparsed.append(Unparsed(line.lineno, line.lineno, line.text, "row without 三级指标 or 指标值"))
            continue
        if squeeze(cell("level1")):
            level1, level2 = squeeze(cell("level1")), ""
        if squeeze(cell("level2")):
            level2 = squeeze(cell("level2"))
        weight_text = squeeze(cell("weight"))
        weight = parse_figure(weight_text) if weight_text else None
        if weight_text and weight is None:
            table.unparsed.append(Unparsed(line.lineno, line.lineno, weight_text, "weight is not a figure"))
        table.indicators.append(
            Indicator(
                line=line.lineno,
                level1=level1,
                level2=level2,
                level3=squeeze(cell("level3")),
                value=squeeze(cell("value")),
                weight=weight,
                prior_value=_optional(cell("prior")),
                basis=_optional(cell("basis")),
                end_line=line.lineno,
                weight_line=line.lineno if weight is not None else None,
                value_line=line.lineno,
            )
        )


def _optional(text: str) -> Optional[str]:
    text = squeeze(text)
    return text or None
