"""Ingest: bytes -> decoded, normalised text lines with their origin line numbers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from budgetlint.core.files import FileRefused, read_regular
from budgetlint.core.directives import strip_directives
from budgetlint.core.model import Source
from budgetlint.ingest.decode import MAX_BYTES, decode
from budgetlint.ingest.errors import InputError
from budgetlint.ingest.forms import ADAPTERS, detect_form

__all__ = ["InputError", "load_path", "load_bytes", "load_text", "FORMS", "MAX_BYTES"]

FORMS = tuple(ADAPTERS)

# The corpus's longest line has 329 characters and a wide Markdown table row a few
# thousand; a line far beyond that is a dump, not a disclosure, and would only make
# every reader slow.
MAX_LINE = 20_000


def load_text(text: str, path: str = "<text>", form: Optional[str] = None) -> Source:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if form is not None and form not in ADAPTERS:
        raise InputError(path, f"unknown text form {form!r} (known: {', '.join(FORMS)})")
    raw = tuple(text.split("\n"))
    longest = max(map(len, raw))
    if longest > MAX_LINE:
        number = next(i for i, line in enumerate(raw, 1) if len(line) == longest)
        raise InputError(path, f"line {number} has {longest} characters (limit {MAX_LINE}): not disclosure text")
    # Suppression comments are for the linter, not the readers (core.directives);
    # the raw lines keep them for the excerpts and for the suppressions themselves.
    read = strip_directives(text)
    if form is None:
        form = detect_form(read)
    return Source(path=path, form=form, lines=tuple(ADAPTERS[form](read)), raw_lines=raw)


def load_bytes(data: bytes, path: str = "<bytes>", form: Optional[str] = None) -> Source:
    return load_text(decode(data, path), path, form)


def load_path(path: str | Path, form: Optional[str] = None) -> Source:
    name = str(path)
    if os.path.isdir(name):
        raise InputError(name, _directory_problem(name))
    try:
        # Never blocks (a FIFO, a device), never reads past the limit: a huge file is
        # refused before it is read.
        data = read_regular(name, MAX_BYTES)
    except FileRefused as exc:
        raise InputError(name, exc.reason) from None
    return load_bytes(data, name, form)


def _directory_problem(name: str) -> str:
    """A directory reaches here only when it was named and could not be walked."""
    try:
        os.scandir(name).close()
    except OSError as exc:
        why = "权限不足" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        return f"无法列出目录内容（{why}）"
    return "is a directory"
