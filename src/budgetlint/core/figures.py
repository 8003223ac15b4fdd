"""Reading the atoms of a table: figures, classification codes, header keys."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional

# An unsigned figure as printed: thousands separators, decimals. A pattern string, so
# that the readers of prose (claims, projects) find figures with the same pattern.
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A figure cell: optional sign, then NUMBER. "-" alone and "—" are empty cells in some
# tables, not numbers.
FIGURE = re.compile(rf"^[-+]?{NUMBER}$")


def parse_figure(text: str) -> Optional[Decimal]:
    """``"14,064.55"`` -> ``Decimal("14064.55")``; anything else -> None."""
    text = text.strip().replace("，", ",")
    if not FIGURE.match(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


# 类 is 3 digits (2xx functional, 3xx/5xx economic), 款 and 项 two digits each.
# A 款/项 part printed without its leading zero (``301 2`` for 301 02: a spreadsheet
# that stored the code as a number) is still two digits.
_CODE_SPACED = re.compile(r"^(\d{3})(?:\s+(\d{1,2}))?(?:\s+(\d{1,2}))?$")
_CODE_JOINED = re.compile(r"^(\d{3})(\d{2})?(\d{2})?$")


def parse_code(text: str, parent: tuple[str, ...] = ()) -> Optional[tuple[str, ...]]:
    """Split a classification code into 类/款/项 parts.

    ``"208 01 01"`` and ``"2080101"`` give ``("208", "01", "01")``; a bare ``"01"``
    under a 类 row ``("301",)`` gives ``("301", "01")``.
    """
    text = text.strip()
    for pattern in (_CODE_SPACED, _CODE_JOINED):
        match = pattern.match(text)
        if match:
            return tuple(p.zfill(2) if i else p for i, p in enumerate(match.groups()) if p)
    if re.fullmatch(r"\d{2}", text) and parent:
        return (parent[0], text) if len(parent) <= 2 else (parent[0], parent[1], text)
    return None


def code_level(parts: tuple[str, ...]) -> int:
    return len(parts)


_TOTAL = re.compile(r"^(?:合计|总计|收入总计|支出总计|支出合计|本年收入合计|本年支出合计)$")


def squeeze(text: str) -> str:
    return "".join(text.split())


def is_total_name(text: str) -> bool:
    return _TOTAL.match(squeeze(text)) is not None


def name_key(text: str) -> str:
    """The one normal form of a printed name (a header cell, a row name): no
    whitespace, parentheses full-width as Chinese print sets them, the colon ASCII
    (``其中:``). Column keys, row names and every lookup by name use it, whatever the
    document or its extractor did to spaces and brackets."""
    return squeeze(text).replace("(", "（").replace(")", "）").replace("：", ":")


def pattern_text(text: str) -> str:
    """``name_key(text)`` as a pack's regular expressions see it: ASCII parentheses
    (a pattern writes ``\\(补助\\)``), quotes dropped, a leading ``其中:`` (an "of which"
    marker, not part of the name) dropped."""
    key = name_key(text or "").replace("（", "(").replace("）", ")")
    key = key.replace("“", "").replace("”", "").replace('"', "")
    return key[3:] if key.startswith("其中:") else key
