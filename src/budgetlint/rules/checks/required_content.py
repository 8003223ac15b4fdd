"""required-content: the parts and tables a pack requires are there, and an empty table
says why it is empty.

``parts`` are patterns searched in the titles of the 第…部分 parts; ``tables`` are
table roles. With ``layout: true`` they come from the document's profile instead: the
``layouts`` entry of the document's kind (预算 or 决算, as detected); a kind the
profile declares no layout for gets one info saying so, never a warning per part or
table another layout has. An empty table (no figure in any row) must carry a note: a 备注/说明
line inside the table, or the paragraph right after it (``…为空表``, ``没有…``).

Message fields: detail, what.
"""

from __future__ import annotations

import re

from typing import Iterator, Optional

from budgetlint.core.i18n import phrase
from budgetlint.core.finding import Finding
from budgetlint.core.patterns import compile_pattern, pattern_problem, search
from budgetlint.core.model import TABLE_ROLES, Document, Paragraph, Section, Table
from budgetlint.rules.base import Rule
from budgetlint.rules.tables import matches

NAME = "required-content"
READS = ("sections", "tables")
PARAMS = {
    "parts": (list, []),
    "tables": (list, []),
    "layout": (bool, False),
    "empty_note": (bool, True),
    "note_pattern": (str, "空表|没有|无|未安排|不涉及|为0|为零"),
}
SELECT: dict = {}
PATTERNS = ("params.parts", "params.note_pattern")
FIELDS = ("detail", "what")  # what a message template may name


def validate(key: str, value) -> Optional[str]:
    if key == "tables":
        unknown = [r for r in value if r not in TABLE_ROLES]
        if unknown:
            return f"unknown table role {unknown[0]!r} (known: {', '.join(TABLE_ROLES)})"
    if key == "parts" and not all(isinstance(p, str) for p in value):
        return "parts are title patterns"
    if key == "note_pattern":
        return pattern_problem(value)
    return None


def _expected(doc: Document, rule: Rule) -> tuple[list[str], list[str], bool]:
    """(part patterns, table kinds, is the layout known) the rule holds the document to."""
    parts, tables = list(rule.params.get("parts") or []), list(rule.params.get("tables") or [])
    if not rule.params.get("layout"):
        return parts, tables, True
    layouts = doc.profile.section("layouts") or {}
    layout = layouts.get(doc.kind) if doc.kind else None
    if not isinstance(layout, dict):
        return parts, tables, False
    own_parts = layout.get("parts") or {}
    parts += [p for p in own_parts.values() if isinstance(p, str)] if isinstance(own_parts, dict) else []
    tables += [t for t in layout.get("tables") or () if t in TABLE_ROLES]
    return parts, tables, True


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    parts = doc.parts()
    wanted_parts, wanted_tables, known = _expected(doc, rule)
    if not known:
        yield rule.finding(doc, 1, severity="info", what="layout", msg="required-content.unknown-layout",
                           words={"pack": doc.profile.name or "core",
                                  "kind": doc.kind or phrase("required-content.kind-not-said")})
    if wanted_parts and not parts and rule.params.get("layout"):
        # Not one 第…部分: the document is not laid out in parts at all (a file of the
        # tables alone, a layout numbered 一、二、…), which is one fact, not a warning
        # per part.
        yield rule.finding(doc, 1, severity="info", what="parts", msg="required-content.no-parts")
        wanted_parts = []
    for pattern in wanted_parts:
        if not any(matches(pattern, _part_heading(doc, p)) for p in parts):
            yield rule.finding(doc, 1, msg="required-content.part", what=pattern)
    tables = doc.tables()
    anchor = next((p.line for p in parts if matches("公开表|预算表", _part_heading(doc, p))), 1)
    if wanted_tables and not tables and rule.params.get("layout"):
        # Not one table: the tables were published as another file (附后), one fact.
        yield rule.finding(doc, anchor, severity="info", what="tables", msg="required-content.no-tables")
        wanted_tables = []
    for role in wanted_tables:
        if not any(t.role == role for t in tables):
            yield rule.finding(doc, anchor, msg="required-content.table", words={"title": TABLE_ROLES[role]}, what=role)
    # A note says why one table of amounts is empty where the others report figures;
    # in a blank form (a template: no table with a figure) there is nothing to explain,
    # and a table without amount columns (a list of units) holds no figures to miss.
    amounts = [t for t in tables if t.columns or t.side_columns]
    if rule.params.get("empty_note", True) and not all(t.is_empty for t in amounts):
        following = _following(doc)
        for table in amounts:
            if table.unparsed or not table.is_empty:
                continue
            if _has_note(table, following.get(id(table)), rule.params["note_pattern"]):
                continue
            if _explained_in_prose(doc, table, rule.params["note_pattern"]):
                continue
            yield rule.finding(
                doc, table.line,
                msg="required-content.empty", words={"number": table.number_text, "title": table.title},
                what=table.title, end_line=table.end_line, page=table.page,
            )


_OPENS_BODY = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|表\s*\d)")


def _part_heading(doc: Document, part: Section) -> str:
    """The part's title with the lines it wraps onto (PDF text cuts a long title)."""
    raw = doc.source.raw_lines if doc.source is not None else ()
    tail: list[str] = []
    # A narrower page wraps it over more lines: up to three short ones, blank lines
    # between, until the first that opens a numbered heading or reads as prose.
    for text in raw[part.line: part.line + 7]:
        text = text.strip()
        if not text:
            continue
        if len(tail) == 3 or _OPENS_BODY.match(text) or "。" in text or len(re.sub(r"\s", "", text)) > 30:
            break
        tail.append(text)
    return part.title + "".join(tail)


def _following(doc: Document) -> dict[int, Optional[Paragraph]]:
    """The paragraph that comes right after each table, if the next node is one."""
    out: dict[int, Optional[Paragraph]] = {}

    def visit(children: list) -> None:
        for i, node in enumerate(children):
            if isinstance(node, Table):
                nxt = children[i + 1] if i + 1 < len(children) else None
                out[id(node)] = nxt if isinstance(nxt, Paragraph) else None
            elif isinstance(node, Section):
                visit(node.children)

    visit(doc.children)
    return out


def _explained_in_prose(doc: Document, table: Table, pattern: str) -> bool:
    """Does a paragraph about the table's kind (one of its kind's title patterns, such
    as 政府性基金) say why it is empty (the note pattern: 没有, 无此项…)? The 情况说明
    of some layouts explain each table in their own section, far from the table. (A
    paragraph that only restates the zero, ``支出 0 万元``, says that it is empty, not why.)"""
    titles = [p for entry in doc.profile.section("table_kinds") or () if isinstance(entry, dict)
              and entry.get("kind") == table.role for p in entry.get("titles") or ()]
    if not titles:
        return False
    subject = [p.rstrip("$") for p in titles]
    for para in doc.paragraphs():
        text = para.text
        if any(search(s, text) for s in subject) and search(pattern, text):
            return True
    return False


def _has_note(table: Table, after: Optional[Paragraph], pattern: str) -> bool:
    if table.note and search(pattern, table.note):
        return True
    return after is not None and compile_pattern(pattern).search(after.text) is not None
