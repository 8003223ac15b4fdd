"""Where each finding stands on the printed page, for input read from a .pdf.

A finding names its line (and the lines related to it) and, for a sum, its column;
the tree knows each row's cell boxes and the source each line's box. A finding on a
table row is placed in the part of the table printed on that page, with the cells it
is about boxed: the row's cells in the finding's columns, or, where a check names no
column, the cells holding a figure the finding cites; the related rows printed in the
same region get the same treatment. A finding on prose is placed on its lines.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Iterable, Optional, Sequence

from budgetlint.core.figures import parse_figure
from budgetlint.core.finding import Finding, Place
from budgetlint.core.model import Box, Document, Line, Row

_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def locate(findings: Sequence[Finding], doc: Document) -> list[Finding]:
    source = doc.source
    if source is None or not any(line.box for line in source.lines):
        return list(findings)
    lines = {line.lineno: line for line in source.lines}
    rows: dict[int, list[Row]] = {}
    for table in doc.tables():
        for row in [*table.rows, *(r for side in table.sides.values() for r in side)]:
            rows.setdefault(row.line, []).append(row)
    out = []
    for f in findings:
        line = lines.get(f.line)
        if line is None or line.page is None or line.box is None:
            out.append(f)
            continue
        if line.region is not None:
            place = _table_place(f, line, lines, rows)
        else:
            place = _prose_place(f, line, source.lines)
        out.append(replace(f, page=f.page if f.page is not None else line.page, place=place))
    return out


def _figures(texts: Iterable[Optional[str]]) -> set[Decimal]:
    found = set()
    for text in texts:
        for match in _NUMBER.findall(text or ""):
            value = parse_figure(match)
            if value is not None:
                found.add(value.normalize())
    return found


def _cells(line: Line, row_list: Sequence[Row], columns: Sequence[str], figures: set[Decimal],
           within_row: bool = False) -> list[Box]:
    """The row's cells in ``columns``; where there are none, or where the finding is
    about this row alone (its parts are other cells of the row), also the cells that
    hold one of ``figures``."""
    named: list[Box] = []
    for row in row_list:
        named = [row.boxes[c] for c in columns if c in row.boxes]
        if named:
            break
    if (named and not within_row) or not figures or not line.cells or not line.cell_boxes:
        return named
    cited = [box for cell, box in zip(line.cells, line.cell_boxes)
             if (value := parse_figure(cell)) is not None and value.normalize() in figures]
    return list(dict.fromkeys(named + cited))


def _table_place(f: Finding, line: Line, lines: dict[int, Line], rows: dict[int, list[Row]]) -> Place:
    figures = _figures((f.computation, f.actual, f.expected))
    marks = _cells(line, rows.get(f.line, ()), f.columns, figures, within_row=not f.related) or [line.box]
    for related in f.related:
        other = lines.get(related.line)
        if other is None or other.page != line.page or other.region != line.region:
            continue
        marks.extend(_cells(other, rows.get(related.line, ()), f.columns, _figures((related.message,))))
    return Place(line.page, line.region, tuple(dict.fromkeys(marks)))


def _prose_place(f: Finding, line: Line, source: Sequence[Line]) -> Place:
    """The finding's lines on its page, with a line of context above and below."""
    end = max(f.end_line or f.line, f.line)
    on_page = [ln for ln in source if ln.page == line.page and ln.box is not None]
    hit = [ln for ln in on_page if f.line <= ln.lineno <= end]
    index = on_page.index(hit[0])
    shown = on_page[max(0, index - 1): index + len(hit) + 1]
    region = (min(ln.box[0] for ln in shown), min(ln.box[1] for ln in shown),
              max(ln.box[2] for ln in shown), max(ln.box[3] for ln in shown))
    return Place(line.page, region, tuple(ln.box for ln in hit))
