"""A PDF's pages -> text lines and table rows in reading order, each with its page and
box (see ``model.Item``).

Per page: ruled tables first (the characters under a grid go into its cells), then
unruled tables among the remaining lines, then the furniture is dropped and the
tables are chained over page breaks. Pages are read one at a time and closed, so
memory holds the items, never the document's pages.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Optional

from budgetlint.core.i18n import phrase
from budgetlint.ingest.pdf.aligned import aligned_tables
from budgetlint.ingest.pdf.chain import link_tables
from budgetlint.ingest.pdf.furniture import PageLine, drop_furniture
from budgetlint.ingest.pdf.model import Item, PdfError
from budgetlint.ingest.pdf.ruled import Frag, fill_cells, ruled_tables
from budgetlint.ingest.pdf.rows import chain_rows
from budgetlint.ingest.pdf.text import WHITE, box_of, dedupe, group_lines, line_text

# A disclosure runs to tens of pages, a province's bundle to a few hundred; past these
# a file is no disclosure, and reading it would only take minutes and memory. (A PDF's
# bytes say little: fonts and scanned seals make a 30-page one weigh tens of MB.)
MAX_PAGES = 2000
MAX_CHARS = 5_000_000


@dataclass
class PdfRead:
    items: list[Item]
    pages: int
    warnings: list[str] = field(default_factory=list)
    library_seconds: float = 0.0  # time spent inside the PDF library (for the benchmark)
    total_seconds: float = 0.0


def read_pdf(path: str, password: Optional[str] = None, rulings: bool = True, repeat_spans: bool = False,
             max_pages: int = MAX_PAGES, max_chars: int = MAX_CHARS) -> PdfRead:
    """Read ``path``; a ``PdfError`` says in one line why it cannot be read.

    ``rulings=False`` ignores the drawing (every table from word alignment), for tests
    of the alignment reader; ``repeat_spans`` writes a merged cell's text into every
    slot it covers."""
    # PDFium is loaded with the first PDF: a run over text forms never pays for it.
    from budgetlint.ingest.pdf.pdfium import open_pdf

    start = time.perf_counter()
    doc = open_pdf(path, password)
    try:
        npages = len(doc)
        if npages > max_pages:
            raise PdfError(phrase("error.pdf-pages", pages=npages, limit=max_pages))
        result = _read_pages(doc, npages, rulings, repeat_spans, max_chars)
    finally:
        doc.close()
    result.total_seconds = time.perf_counter() - start
    return result


def _drop_band_lines_inside_tables(chains: list[list[Frag]], page_lines: list[list[PageLine]]) -> None:
    """A table continued over a page break was linked because nothing but the page
    bands stands below its part on one page and above its part on the next; what is
    left in those bands (a running header on too few pages to be known as one) would
    only cut the table in two for the outline."""
    for chain in chains:
        for before, after in zip(chain, chain[1:]):
            i, j = before.page - 1, after.page - 1
            page_lines[i] = [ln for ln in page_lines[i] if ln[1][1] <= before.bbox[3] - 1]
            page_lines[j] = [ln for ln in page_lines[j] if ln[1][3] >= after.bbox[1] + 1]


def _read_pages(doc, npages: int, rulings: bool, repeat_spans: bool, max_chars: int) -> PdfRead:
    from budgetlint.ingest.pdf.pdfium import pages

    page_lines: list[list[PageLine]] = []
    page_frags: list[list[Frag]] = []
    dims: list[tuple[float, float]] = []
    total = 0
    blank: list[int] = []
    library = 0.0
    models = pages(doc)
    while True:
        t0 = time.perf_counter()
        pm = next(models, None)
        library += time.perf_counter() - t0
        if pm is None:
            break
        chars = dedupe(c for c in pm.chars if c.t not in WHITE)
        total += len(chars)
        if total > max_chars:
            raise PdfError(phrase("error.docx-too-long", limit=max_chars))
        if not chars:
            blank.append(pm.number)
        dims.append((pm.width, pm.height))
        frags = []
        rest = chars
        for frag in ruled_tables(pm) if rulings else ():
            rest = fill_cells(frag, rest)
            # A grid with text in fewer than two cells is a frame or a chart (a blank
            # template's tables still have their header cells).
            if sum(1 for c in frag.cells if c.text) >= 2:
                frags.append(frag)
        lines = [ln for ln in group_lines(rest) if any(c.t not in WHITE for c in ln)]
        unruled, used = aligned_tables(pm, lines)
        frags.extend(unruled)
        page_frags.append(frags)
        page_lines.append([(line_text(ln), box_of(ln), ln) for k, ln in enumerate(lines) if k not in used])
    if total == 0:
        raise PdfError(phrase("error.pdf-no-text", pages=npages))
    warnings = [f"pages without text (scanned or blank): {', '.join(map(str, blank))}"] if blank else []
    drop_furniture(page_lines, [h for _, h in dims])
    chains = link_tables(page_frags, page_lines, dims)
    _drop_band_lines_inside_tables(chains, page_lines)
    rows: dict[int, list[Item]] = {}
    for chain in chains:
        rows.update(chain_rows(chain, repeat_spans))
    items: list[Item] = []
    for i, lines in enumerate(page_lines):
        on_page = [Item("line", i + 1, tuple(round(v, 2) for v in box), text=text) for text, box, _ in lines if text]
        for frag in page_frags[i]:
            on_page.extend(rows.get(id(frag), []))
        on_page.sort(key=lambda it: (round(it.box[1], 1), it.box[0]))
        items.extend(on_page)
    return PdfRead(items, npages, warnings, library_seconds=library)
