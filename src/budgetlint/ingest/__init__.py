"""Ingest: bytes -> decoded, normalised text lines with their origin line numbers."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path
from typing import Optional

from budgetlint.core.directives import strip_directives
from budgetlint.core.i18n import phrase, replaced
from budgetlint.core.files import FileRefused, not_regular, read_regular
from budgetlint.core.model import Source
from budgetlint.ingest.decode import MAX_BYTES, decode
from budgetlint.ingest.errors import InputError
from budgetlint.ingest.forms import ADAPTERS, detect_form
from budgetlint.ingest.remote import is_url, read_url

__all__ = ["InputError", "load_path", "load_bytes", "load_data", "load_text", "read_input", "FORMS", "MAX_BYTES",
           "sniff_form", "is_url", "read_from_file"]

# Forms read from the file itself rather than from decoded text.
FILE_FORMS = ("pdf", "docx")
FORMS = tuple(ADAPTERS) + FILE_FORMS
_HEAD = 1024
# What a cluster run's client reads of one input to ship it as bytes: a .pdf or .docx
# is limited by its pages and text, not its bytes (fonts and seals weigh tens of MB),
# so this bound only keeps a stray disk image from being shipped.
MAX_INPUT_BYTES = 256 * 1024 * 1024

# The corpus's longest line has 329 characters and a wide Markdown table row a few
# thousand; a line far beyond that is a dump, not a disclosure, and would only make
# every reader slow.
MAX_LINE = 20_000


def load_text(text: str, path: str = "<text>", form: Optional[str] = None) -> Source:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if form in FILE_FORMS:
        raise InputError(path, phrase("error.file-form-from-text", form=form))
    if form is not None and form not in ADAPTERS:
        raise InputError(path, phrase("error.unknown-form", form=repr(form), known=", ".join(FORMS)))
    raw = tuple(text.split("\n"))
    longest = max(map(len, raw))
    if longest > MAX_LINE:
        number = next(i for i, line in enumerate(raw, 1) if len(line) == longest)
        raise InputError(path, phrase("error.line-too-long", line=number, length=longest, limit=MAX_LINE))
    # Suppression comments are for the linter, not the readers (core.directives);
    # the raw lines keep them for the excerpts and for the suppressions themselves.
    read = strip_directives(text)
    if form is None:
        form = detect_form(read)
    return Source(path=path, form=form, lines=tuple(ADAPTERS[form](read)), raw_lines=raw)


def load_bytes(data: bytes, path: str = "<bytes>", form: Optional[str] = None) -> Source:
    return load_text(decode(data, path), path, form)


def sniff_form(head: bytes, name: str) -> Optional[str]:
    """``pdf`` or ``docx`` where the first bytes say so (or the name does, for a file
    that then fails to be one); None for text."""
    if b"%PDF-" in head[:_HEAD]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    return suffix if suffix in FILE_FORMS else None


def load_path(path: str | Path, form: Optional[str] = None) -> Source:
    name = str(path)
    if os.path.isdir(name):
        raise InputError(name, _directory_problem(name))
    try:
        head = _head(name)
        kind = form if form in FILE_FORMS else (sniff_form(head, name) if form is None else None)
        if not head.strip():
            kind = None  # empty or missing: the text path says which
        if kind == "pdf":
            return _load_pdf(name, head)
        if kind == "docx":
            from budgetlint.ingest.docx import load_docx  # a text run never pays its import

            return load_docx(name)
        # Never blocks (a FIFO, a device), never reads past the limit: a huge file is
        # refused before it is read.
        data = read_regular(name, MAX_BYTES)
    except FileRefused as exc:
        raise InputError(name, exc.said) from None
    return load_bytes(data, name, form)


def _directory_problem(name: str):
    """A directory reaches here only when it was named and could not be walked, or
    held no file to lint."""
    try:
        os.scandir(name).close()
    except OSError as exc:
        why = phrase("error.permission") if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        return phrase("error.cannot-list", why=why)
    return phrase("error.no-files")


def _head(name: str) -> bytes:
    """The first bytes of a regular file (never blocking on a FIFO or a device), which
    tell a .pdf or .docx from text."""
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return b""  # read_regular says why
    try:
        if not_regular(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, _HEAD)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _load_pdf(name: str, head: bytes) -> Source:
    if b"%PDF-" not in head:
        raise InputError(name, phrase("error.not-pdf"))
    # imported by the first PDF: the reader's modules are a tenth of a text run's start-up
    from budgetlint.ingest.pdf import PdfError, read_pdf
    from budgetlint.ingest.pdf.lines import pdf_source

    try:
        read = read_pdf(name)
    except PdfError as exc:
        raise InputError(name, exc.said) from None
    return pdf_source(name, read.items)


def read_input(path: str) -> bytes:
    """The bytes of the input ``path`` (a file or a URL), for a lint that receives
    bytes (``load_data``); InputError, one line, when they cannot be read."""
    if is_url(path):
        return read_url(path, MAX_INPUT_BYTES)
    try:
        return read_regular(path, MAX_INPUT_BYTES)
    except FileRefused as exc:
        raise InputError(path, exc.said) from None


def read_from_file(data: bytes, path: str, form: Optional[str] = None) -> bool:
    """Are these bytes read as a .pdf or .docx (whose readers open a file), as
    ``load_path`` would decide?"""
    head = data[:_HEAD]
    kind = form if form in FILE_FORMS else (sniff_form(head, path) if form is None else None)
    return kind in FILE_FORMS and bool(head.strip())


def load_data(data: bytes, path: str, form: Optional[str] = None) -> Source:
    """``load_path`` of bytes already read (a cluster's task, a URL): the same Source
    and the same errors as reading ``path`` itself would give."""
    if not read_from_file(data, path, form):
        return load_bytes(data, path, form)
    # The PDF and Word readers open files: the bytes go to a private temporary file
    # named like the input (its suffix decides what a non-PDF .pdf is told it is).
    suffix = "." + path.rsplit(".", 1)[-1] if "." in os.path.basename(path) else ""
    with tempfile.NamedTemporaryFile(prefix="budgetlint-", suffix=suffix[:16]) as tmp:
        tmp.write(data)
        tmp.flush()
        try:
            source = load_path(tmp.name, form)
        except InputError as exc:
            raise InputError(path, replaced(exc.said, tmp.name, path)) from None
    return dataclasses.replace(source, path=path)
