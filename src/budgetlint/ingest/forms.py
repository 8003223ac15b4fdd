"""One adapter per text form: decoded text -> normalised ``Line`` objects.

Each adapter undoes the hazards of its form and nothing else, so that the grammar
sees the same kind of line stream whatever the document was extracted from. A new
form (.pdf, .docx) is a new adapter registered in ``ADAPTERS``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Callable

from budgetlint.core.model import Line
from budgetlint.ingest.normalize import collapse, normalize_text, unspace_cjk

_ENDS_WITH_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?$")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*)?(?:第\s*)?(\d{1,3})(?:\s*页)?(?:\s*[-—–])?\s*$")


def pdf_text(text: str) -> list[Line]:
    """PDF-extracted text: a blank line after every line, a leading space on the first
    line of each page, page numbers on lines of their own."""
    raw = normalize_text(text).split("\n")
    out: list[Line] = []
    page = 0
    for index, original in enumerate(raw):
        if not original or original.isspace():
            continue
        starts_page = original.startswith((" ", "\u3000", "\f")) or index == 0 or "\f" in original
        if starts_page:
            page += 1
        # collapse() inlined, as the loop runs once per line: str.split() splits at a
        # form feed as at any whitespace, so the page break needs no replacing first
        content = " ".join(original.split())
        if " " in content:  # unspace_cjk's own first test, spared its call
            content = unspace_cjk(content)
        out.append(Line(content, index + 1, page or 1, None, starts_page))
    return _drop_page_numbers(_unglue_folios(_drop_running_headers(out)))


# A folio run into the first word of the next page's text ("2第一部分").
_GLUED_FOLIO = re.compile(r"^(\d{1,3})(?=[\u4e00-\u9fff])")


def _unglue_folios(lines: list[Line]) -> list[Line]:
    """A number glued to the CJK word that opens a page is a folio when such numbers
    keep one offset from the page count on at least two pages (a printed page number
    runs with the pages; ``12月`` opening one page does not)."""
    found = [(i, int(m.group(1))) for i, line in enumerate(lines)
             if line.page_start and (m := _GLUED_FOLIO.match(line.text))]
    offsets = Counter(n - lines[i].page for i, n in found)
    if not offsets:
        return lines
    offset, count = offsets.most_common(1)[0]
    if count < 2:
        return lines
    out = list(lines)
    for i, n in found:
        if n - lines[i].page == offset:
            out[i] = replace(lines[i], text=lines[i].text[len(str(n)):])
    return out


def _drop_running_headers(lines: list[Line]) -> list[Line]:
    """A line that opens three or more pages with the same text, not a table's row, is
    a running header: dropped, the next line opening the page in its stead."""
    # the folio may be glued to it (``3昌吉市…预算``): the header is the text after it
    starts = Counter(_GLUED_FOLIO.sub("", line.text) for line in lines if line.page_start)
    headers = {t for t, n in starts.items() if n >= 3 and len(t) >= 6 and not _ENDS_WITH_FIGURE.search(t)}
    if not headers:
        return lines
    out: list[Line] = []
    carry = False
    for line in lines:
        if line.page_start and _GLUED_FOLIO.sub("", line.text) in headers:
            carry = True
            continue
        if carry and not line.page_start:
            line = replace(line, page_start=True)
        carry = False
        out.append(line)
    return out


_FOLIO_ENDS = "页-—–"  # with a (Unicode) digit or a space, what _PAGE_NUMBER can end with


def _drop_page_numbers(lines: list[Line]) -> list[Line]:
    """A bare number at the foot of a page, equal to the page it closes, is a folio
    (where an extractor left two, as ``25`` and ``- 25 -``, both are)."""
    kept: list[Line] = []
    for i, line in enumerate(lines):
        # a folio ends in a digit, 页, a dash or a space: most lines are spared the match
        last = line.text[-1:]
        match = (last.isdecimal() or last in _FOLIO_ENDS or last.isspace()) and _PAGE_NUMBER.match(line.text)
        if match and line.page == int(match.group(1)) and _at_page_foot(lines, i):
            continue
        kept.append(line)
    return kept


def _at_page_foot(lines: list[Line], i: int) -> bool:
    """Only folios stand between line ``i`` and the next page's start."""
    for nxt in lines[i + 1:i + 4]:
        if nxt.page_start:
            return True
        if not _PAGE_NUMBER.match(nxt.text):
            return False
    return False


def word_text(text: str) -> list[Line]:
    """Word-extracted text: one table cell per line, each prefixed by a tab; a blank line
    closes a table row. Cells of one row become one ``Line`` with ``cells`` set."""
    out: list[Line] = []
    cells: list[str] = []
    first = 0
    for index, original in enumerate(normalize_text(text).split("\n")):
        lineno = index + 1
        if original.startswith("\t"):
            cell = collapse(original[1:])
            # A row is placed at its first non-empty cell: rows often open with empty cells.
            if not any(cells) and cell:
                first = lineno
            elif not cells:
                first = lineno
            cells.append(cell)
            continue
        content = collapse(original)
        if cells and content:
            # A cell whose text holds a hard line break continues on an untabbed line.
            if not any(cells):
                first = lineno
            cells[-1] = f"{cells[-1]}{content}"
            continue
        if cells:
            out.append(_cell_line(cells, first))
            cells = []
        if content:
            out.append(Line(content, lineno, None))
    if cells:
        out.append(_cell_line(cells, first))
    return out


def _cell_line(cells: list[str], lineno: int) -> Line:
    return Line(" ".join(c for c in cells if c), lineno, None, tuple(cells))


_MD_TAG = re.compile(r"</?b>|</?strong>|</?i>|</?em>", re.I)
_MD_BR = re.compile(r"<br\s*/?>", re.I)
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s*")
_MD_LIST = re.compile(r"^[-*+]\s+")
_MD_LIST_MARKS = ("-", "*", "+")
_MD_EMPHASIS = re.compile(r"\*\*|__")


def md_cell(cell: str) -> str:
    # most cells hold no markup: each substitution only where its first character is
    if "<" in cell:
        cell = _MD_BR.sub("", cell)
        cell = _MD_TAG.sub("", cell)
    if "*" in cell or "_" in cell:
        cell = _MD_EMPHASIS.sub("", cell)
    return collapse(cell)


def markdown(text: str) -> list[Line]:
    """Markdown from a PDF converter: pipe tables with <b>/<br> in cells, headings at
    inconsistent levels (so the level markup is dropped and the numbering decides),
    list items that start with ``- 1、``."""
    out: list[Line] = []
    for index, original in enumerate(normalize_text(text).split("\n")):
        lineno = index + 1
        stripped = original.strip()
        if not stripped:
            continue
        if stripped.startswith("|"):
            if "--" in stripped and _MD_SEPARATOR.match(stripped):  # a separator has a -{2,}
                continue
            inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
            if "<" in inner or "*" in inner or "_" in inner:
                cells = tuple(md_cell(c) for c in inner.split("|"))
            else:  # no markup in the row: each cell only collapsed, as md_cell would
                cells = tuple(" ".join(c.split()) for c in inner.split("|"))
            out.append(Line(" ".join(c for c in cells if c), lineno, None, cells))
            continue
        # each pattern opens with the character tested: most lines are spared the call
        content = _MD_HEADING.sub("", stripped) if stripped.startswith("#") else stripped
        content = _MD_LIST.sub("", content) if content.startswith(_MD_LIST_MARKS) else content
        content = md_cell(content)
        if content:
            out.append(Line(content, lineno, None))
    return out


ADAPTERS: dict[str, Callable[[str], list[Line]]] = {
    "pdf-text": pdf_text,
    "word-text": word_text,
    "markdown": markdown,
}


_MD_ATX = re.compile(r"^#{1,6} \S")
_MD_ATX_LINE = re.compile(_MD_ATX.pattern, re.M)  # the same at every line's start (\S is no \n)


def detect_form(text: str) -> str:
    """Tell the text form from the content, not the file name."""
    lines = text.split("\n", 4000)[:4000]
    # Counted over the first lines joined: a scan in C where a loop per line would
    # ask each line three questions, most of them of a character it does not hold.
    head = "\n".join(lines)
    if "|" in head and any("|" in ln and _MD_SEPARATOR.match(ln.strip()) for ln in lines):
        return "markdown"  # one table is enough: the first ends the search
    if "#" in head and len(_MD_ATX_LINE.findall(head)) >= 3:
        return "markdown"
    tabbed = head.count("\n\t") + head.startswith("\t")
    if tabbed >= 10 and tabbed * 20 >= len([ln for ln in lines if ln.strip()]):
        return "word-text"
    return "pdf-text"
