"""Table rows: dispatch to the reader for the text form's kind of table."""

from __future__ import annotations

from ..model import Table
from .raw import RawTable


def read_rows(raw: RawTable, table: Table) -> None:
    """Fill ``table.columns``, ``rows`` (or ``sides``) and ``unparsed`` from ``raw``.

    Where the form delimits cells (Word text, Markdown) the cells say where each
    figure stands; in PDF text they do not, and the figures are placed by the header
    and the table's own arithmetic."""
    if any(line.cells is not None for _, line in raw.lines):
        from .celltable import read_cell_rows

        read_cell_rows(raw, table)
    else:
        from .pdftable import read_text_rows

        read_text_rows(raw, table)
