"""What the PDF reader works with: characters and rulings of a page, and what it gives:
text lines and table rows with their boxes.

Coordinates are PDF points with the origin at the top left of the page (x grows to
the right, top and bottom downwards), the convention of ``core.model.Box``.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Any

from budgetlint.core.i18n import DEFAULT_LANG, said_in
from budgetlint.core.model import Box


class PdfError(Exception):
    """The PDF cannot be read; the message is a one-line reason (``said``: a
    catalogue phrase, said in the report's language by InputError)."""

    def __init__(self, reason: Any):
        self.said = reason
        super().__init__(said_in(reason, DEFAULT_LANG))

    def text_in(self, lang: str) -> str:
        return said_in(self.said, lang)


@dataclass
class Ch:
    """One printed character, its box, and the size it was printed at."""

    t: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


Segment = tuple[float, float, float]  # (position, start, end): y, x0, x1 or x, y0, y1


@dataclass
class PageModel:
    """A page as the layout code sees it, whatever library read it."""

    number: int  # 1-based
    width: float
    height: float
    chars: list[Ch]
    hseg: list[Segment]
    vseg: list[Segment]
    images: int = 0


@dataclass
class Item:
    """A printed text line (``kind == "line"``) or a table row (``kind == "row"``).

    A row has one cell per slot of its table's grid, the same number on every page the
    table runs over; an empty cell is ``""``. A merged cell's text stands once, in the
    first slot of the span (``spans`` gives (rowspan, colspan) there and (0, 0) in the
    slots it covers), and its ``cell_boxes`` entry is the whole merged cell's box."""

    kind: str
    page: int
    box: Box
    text: str = ""
    cells: tuple[str, ...] = ()
    cell_boxes: tuple[Box, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    table: int = -1  # the same on every page a table runs over
    row: int = -1
    region: Box | None = None  # the box of the table's part on this page
    header_repeat: bool = False  # a header row a continuation page repeats
    continued: bool = False  # the table's first row on a continuation page
    source: str = ""  # "ruled" (from ruling lines) or "aligned" (from word alignment)
