"""The PDF's items as the ``Line`` stream of every text form: one line per printed
line or table row, numbered in reading order, normalised as every adapter normalises
its text, with the page and the boxes kept."""

from __future__ import annotations

from budgetlint.core.model import Line, Source
from budgetlint.ingest.normalize import normalize_line
from budgetlint.ingest.pdf.model import Item

FORM = "pdf"


def item_lines(items: list[Item]) -> tuple[list[Line], list[str]]:
    """The lines, and the text shown for each in excerpts (a row's cells with ``|``
    between them, so that a reviewer sees where each cell ends)."""
    lines: list[Line] = []
    raw: list[str] = []
    page = 0
    for lineno, item in enumerate(items, 1):
        start = item.page != page
        page = item.page
        if item.kind == "row":
            cells = tuple(normalize_line(c) for c in item.cells)
            lines.append(Line(
                " ".join(c for c in cells if c), lineno, item.page, cells, start,
                box=item.box, cell_boxes=item.cell_boxes, region=item.region,
            ))
            raw.append(" | ".join(item.cells))
        else:
            lines.append(Line(normalize_line(item.text), lineno, item.page, None, start, box=item.box))
            raw.append(item.text)
    return lines, raw


def pdf_source(path: str, items: list[Item]) -> Source:
    lines, raw = item_lines(items)
    return Source(path=path, form=FORM, lines=tuple(lines), raw_lines=tuple(raw))
