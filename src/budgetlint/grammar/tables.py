"""RawTable -> Table: number, title, role, meta and note; rows are read by ``rows``."""

from __future__ import annotations

import re
from typing import Optional

from ..model import TABLE_ROLES, Table, Unparsed
from .figures import squeeze
from .lexer import TABLE_NUMBER
from .raw import RawTable

# The diagnostic of a reader that raised: a bug to fix, unlike an unreadable row.
READER_FAILED = "reader failed"


def reader_failed(raw: RawTable, exc: Exception, text: str = "", what: str = "") -> Unparsed:
    """The diagnostic for a reader that raised on ``raw`` (every table reader turns its
    exceptions into this, never a crash); ``what`` names the reader, as ``"performance
    table: "``."""
    return Unparsed(raw.head.lineno, raw.end_line, text, f"{READER_FAILED}: {what}{exc.__class__.__name__}: {exc}")


# Roles of the tables printed with income on the left and expenditure on the right;
# both the cell reader and the PDF text reader read them side by side.
TWO_SIDED = frozenset({"summary", "fiscal-summary"})

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUMBER = re.compile(TABLE_NUMBER)


def chinese_number(text: str) -> Optional[int]:
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS for ch in text):
        return None
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if len(text) == 3 and text[1] == "十":
        return _CN_DIGITS[text[0]] * 10 + _CN_DIGITS[text[2]]
    if len(text) == 2 and text[1] == "十":
        return _CN_DIGITS[text[0]] * 10
    if len(text) == 1:
        return _CN_DIGITS[text]
    return None


def table_role(title: str) -> str:
    """The table's role from its printed title, most specific pattern first."""
    text = squeeze(title).replace('"', "“")
    order = [
        "fiscal-summary", "gpb-basic", "gpb-project", "gpb-expenditure", "gov-fund",
        "soe-capital", "three-public", "carryover", "summary", "income", "expenditure",
    ]
    if text.endswith("项目支出情况表"):
        return "gpb-project"
    if "收支总体情况表" in text and "财政拨款" not in text:
        return "summary"
    for role in order:
        key = TABLE_ROLES[role].replace("“", "").replace("”", "")
        if key in text.replace("“", "").replace("”", "").replace('"', ""):
            return role
    if "三公" in text:
        return "three-public"
    return "other"


def build_table(raw: RawTable) -> Table:
    from .rows import read_rows  # rows depend on the header this module reads

    head = squeeze(raw.head.text)
    match = _NUMBER.match(head)
    number_text = match.group(0) if match else ""
    number = chinese_number(match.group(1)) if match else None
    title = squeeze(" ".join(line.text for line in raw.tagged("TITLE")))
    rest = re.sub(r"^[:：]", "", head[len(number_text):]) if match else ""
    if rest and not title:
        title = rest
    if not match and not title:
        title = head
    org = unit = None
    meta = raw.tagged("META")
    # PDF text wraps a long 编制部门 line; its tail ("局 单位：万元") is a line of its own.
    for text in [squeeze("".join(line.text for line in meta[:2]))] + [squeeze(m.text) for m in meta]:
        org_match = re.search(r"(?:编制|填报|预算)?(?:部门|单位)[:：]([^:：]*?)(?:单位[:：].*)?$", text)
        if org_match and org_match.group(1):
            org = org or org_match.group(1)
        unit_match = re.search(r"单位[:：]?(万元|元)$", text)
        if unit_match:
            unit = unit_match.group(1)
    notes = raw.tagged("NOTE")
    table = Table(
        line=raw.head.lineno,
        end_line=raw.end_line,
        number=number,
        number_text=number_text or head,
        title=title,
        role=table_role(title),
        org=org,
        unit=unit,
        note=" ".join(n.text for n in notes) or None,
        note_line=notes[0].lineno if notes else None,
        page=raw.head.page,
    )
    try:
        read_rows(raw, table)
    except Exception as exc:  # a reader bug must become a diagnostic, not a crash
        table.unparsed.append(reader_failed(raw, exc))
    return table
