"""Reading .docx files (python-docx): paragraphs and table rows in document order.

A table row becomes one ``Line`` with a cell per grid column, as a PDF row does: a
horizontally merged cell's text stands in its first column and the columns it spans
are empty, a vertically merged cell's text in its first row only (python-docx's own
``row.cells`` repeats both, which would count a merged figure twice). A cell's
paragraphs are joined as a PDF cell's wrapped lines are.
"""

from __future__ import annotations

import zipfile
from typing import Iterator

from budgetlint.core.i18n import phrase
from budgetlint.core.model import Line, Source
from budgetlint.ingest.errors import InputError
from budgetlint.ingest.normalize import join_wrapped, normalize_line

FORM = "docx"
# As for a PDF, the limit is on the text a file holds, not on its bytes (images).
MAX_CHARS = 5_000_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load_docx(path: str) -> Source:
    try:
        import docx  # python-docx: imported here, as the text forms never need it
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(path, phrase("error.docx-needs")) from None
    try:
        document = docx.Document(path)
    except (zipfile.BadZipFile, PackageNotFoundError):
        raise InputError(path, _not_docx(path)) from None
    except Exception as exc:  # noqa: BLE001 - a broken package is this file's error
        raise InputError(path, phrase("error.docx-corrupt", why=f"{type(exc).__name__}: {exc}"[:300])) from None
    lines: list[Line] = []
    raw: list[str] = []
    size = 0
    for cells in _blocks(document.element.body):
        lineno = len(lines) + 1
        if isinstance(cells, str):
            text = normalize_line(cells)
            if not text:
                continue
            lines.append(Line(text, lineno))
            raw.append(cells)
        else:
            normal = tuple(normalize_line(c) for c in cells)
            if not any(normal):
                continue
            lines.append(Line(" ".join(c for c in normal if c), lineno, None, normal))
            raw.append(" | ".join(cells))
        size += len(raw[-1])
        if size > MAX_CHARS:
            raise InputError(path, phrase("error.docx-too-long", limit=MAX_CHARS))
    if not lines:
        raise InputError(path, phrase("error.docx-no-text"))
    return Source(path=path, form=FORM, lines=tuple(lines), raw_lines=tuple(raw))


def _not_docx(path: str):
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        head = b""
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # An OLE compound file: a Word 97-2003 .doc, or a .docx encrypted with a password.
        return phrase("error.doc-not-docx")
    return phrase("error.not-docx")


def _blocks(body) -> Iterator[str | tuple[str, ...]]:
    """Paragraph texts and table rows, in document order, through content controls
    (a table of contents is one)."""
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            yield _text(child)
        elif child.tag == f"{_W}tbl":
            yield from _rows(child)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _text(element) -> str:
    """The visible text of a paragraph: its runs' text, tabs as spaces, breaks as
    spaces, deleted revisions left out."""
    parts = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}delText"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag != f"{_W}delText":
            parts.append(" ")
    return "".join(parts)


def _rows(tbl) -> Iterator[tuple[str, ...]]:
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells: list[str] = []
        cells.extend([""] * _grid(tr, "gridBefore"))
        for tc in tr.iterchildren(f"{_W}tc"):
            span = _span(tc)
            if _continues_merge(tc):
                cells.extend([""] * span)
                continue
            # Nested tables' text is the cell's text, paragraph after paragraph.
            paragraphs = [_text(p) for p in tc.iter(f"{_W}p")]
            cells.append(join_wrapped(paragraphs))
            cells.extend([""] * (span - 1))
        cells.extend([""] * _grid(tr, "gridAfter"))
        yield tuple(cells)


def _tc_pr(tc, name: str):
    pr = tc.find(f"{_W}tcPr")
    return pr.find(f"{_W}{name}") if pr is not None else None


def _span(tc) -> int:
    node = _tc_pr(tc, "gridSpan")
    try:
        return max(1, int(node.get(f"{_W}val"))) if node is not None else 1
    except (TypeError, ValueError):
        return 1


def _continues_merge(tc) -> bool:
    node = _tc_pr(tc, "vMerge")
    return node is not None and node.get(f"{_W}val", "continue") == "continue"


def _grid(tr, name: str) -> int:
    pr = tr.find(f"{_W}trPr")
    node = pr.find(f"{_W}{name}") if pr is not None else None
    try:
        return max(0, int(node.get(f"{_W}val"))) if node is not None else 0
    except (TypeError, ValueError):
        return 0
