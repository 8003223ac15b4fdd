"""RawTable -> Table: number, title, role, meta and note; the rows by the reader of
the text form (``cells`` where the form delimits cells, ``pdftext`` where not)."""

from __future__ import annotations

import re
from typing import Optional

from budgetlint.core.model import Table
from budgetlint.core.patterns import search
from budgetlint.core.profile import Profile
from budgetlint.core.figures import name_key, squeeze
from budgetlint.outline.lexer import TABLE_NUMBER
from budgetlint.outline.raw import RawTable
from budgetlint.readers.cells.table import read_cell_rows
from budgetlint.readers.columns import Vocabulary, vocabulary
from budgetlint.readers.failed import reader_failed
from budgetlint.readers.pdftext.header import Templates, templates
from budgetlint.readers.pdftext.table import read_text_rows
from budgetlint.readers.pdftext.uncoded import SideNames, side_names

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


def table_role(title: str, profile: Profile) -> str:
    """The table's kind from its printed title: the first kind of the profile's
    ``table_synonyms`` (a pack's own spellings) one of whose patterns matches, else the
    first of its ``table_kinds`` one of whose title patterns matches and none of whose
    ``unless`` patterns does; ``other`` where none does."""
    text = squeeze(title).replace("“", "").replace("”", "").replace('"', "")
    for kind, patterns in (profile.section("table_synonyms") or {}).items():
        if any(search(pattern, text) for pattern in patterns or ()):
            return kind
    for entry in profile.section("table_kinds") or ():
        if any(search(pattern, text) for pattern in entry.get("titles", ())) and not any(
            search(pattern, text) for pattern in entry.get("unless", ())
        ):
            return entry["kind"]
    return "other"


def header_role(raw: RawTable, profile: Profile) -> str:
    """A table whose title names no kind: the first of the profile's ``table_kinds``
    whose ``columns`` the header prints, every one (``人员经费`` and ``公用经费``: the
    basic-expenditure table); ``other`` where none does."""
    header = name_key(" ".join(_header_lines(raw)))
    if not header:
        return "other"
    for entry in profile.section("table_kinds") or ():
        names = entry.get("columns") or ()
        if names and all(name_key(n) in header for n in names):
            return entry["kind"]
    return "other"


_FIGURE_OR_CODE = re.compile(r"(?<![\d.])\d[\d,]*\.\d+|^\s*[235]\d{2}(?:\s?\d{2}){0,2}(?!\d)")


def _header_lines(raw: RawTable) -> list[str]:
    """The lines above the first row (one with a figure or opening with a code)."""
    out = []
    for tag, line in raw.lines:
        if tag != "TROW":
            continue
        texts = [c for c in line.cells if c] if line.cells is not None else [line.text]
        if any(_FIGURE_OR_CODE.search(t) for t in texts):
            break
        out.extend(texts)
        if len(out) > 40:
            break
    return out


def build_table(raw: RawTable, profile: Profile) -> Table:
    head = squeeze(raw.head.text)
    match = _NUMBER.match(head)
    number_text = match.group(0) if match else ""
    number = chinese_number(match.group(1) or match.group(2)) if match else None
    title = squeeze(" ".join(line.text for line in raw.tagged("TITLE")))
    rest = re.sub(r"^[:：]", "", head[len(number_text):]) if match else head
    # A title wrapped over lines: its head is on the 表N line (or is the head line
    # itself where the table has no number), the rest in the TITLE lines after it.
    if rest and not title.startswith(rest):
        title = squeeze(rest + title)
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
    if unit is None:
        unit = (profile.section("units") or {}).get("table")
    notes = raw.tagged("NOTE")
    role = table_role(title, profile)
    if role == "other":
        role = header_role(raw, profile)
    table = Table(
        line=raw.head.lineno,
        end_line=raw.end_line,
        number=number,
        number_text=number_text or head,
        title=title,
        role=role,
        org=org,
        unit=unit,
        note=" ".join(n.text for n in notes) or None,
        note_line=notes[0].lineno if notes else None,
        page=raw.head.page,
    )
    try:
        read_rows(raw, table, vocabulary(profile), side_names(profile), templates(profile))
    except Exception as exc:  # a reader bug must become a diagnostic, not a crash
        table.unparsed.append(reader_failed(raw, exc))
    return table


def read_rows(raw: RawTable, table: Table, vocab: Vocabulary = (), sides: Optional[SideNames] = None,
              known: Optional[Templates] = None) -> None:
    """Fill ``table.columns``, ``rows`` (or ``sides``) and ``unparsed`` from ``raw``.

    Where the form delimits cells (Word text, Markdown) the cells say where each
    figure stands; in PDF text they do not, and the figures are placed by the header
    and the table's own arithmetic."""
    if any(line.cells is not None for _, line in raw.lines):
        read_cell_rows(raw, table)
    else:
        read_text_rows(raw, table, vocab, sides, known)
