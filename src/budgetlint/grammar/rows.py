"""Table rows (placeholder until the row readers land)."""

from __future__ import annotations

from ..model import Table
from .raw import RawTable


def read_rows(raw: RawTable, table: Table) -> None:
    return None
