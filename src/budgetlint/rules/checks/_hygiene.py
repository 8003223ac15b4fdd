"""What the document-hygiene checks share (BL221–BL225): the profile's ``hygiene``
section, the document's own kind and year, its titles, and the part a line is in.

Not a check kind (no entry point names it). The vocabulary and the patterns are the
pack's (``profile.hygiene``); this module only walks the document with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional

from budgetlint.core.figures import pattern_text
from budgetlint.core.model import Document, Paragraph, Section, Table
from budgetlint.core.patterns import compile_pattern, search

# A cover is a few lines (unit, year and kind, a date); more than this before the
# contents or the first part is a document that starts with its body.
COVER_LINES = 6
# A heading longer than this, or with sentence punctuation, is a numbered sentence
# the outline read as a heading, not a title.
TITLE_MAX = 60
SENTENCE_MARKS = "，。；,;"
TAIL_MAX = 30  # the wrapped end of a part title


def section(doc: Document) -> dict[str, Any]:
    value = doc.profile.section("hygiene") if doc.profile is not None else {}
    return value if isinstance(value, dict) else {}


def pattern_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [p for p in value or () if isinstance(p, str)] if isinstance(value, list) else []


def any_match(patterns: Any, text: str) -> bool:
    return any(search(p, text) for p in pattern_list(patterns))


def years_in(doc: Document, text: str) -> list[int]:
    """The years ``text`` prints (the profile's ``year``, group 1), dates left out."""
    hyg = section(doc)
    for date in pattern_list(hyg.get("date")):
        text = compile_pattern(date).sub(" ", text)
    out = []
    for pattern in pattern_list(hyg.get("year")):
        compiled = compile_pattern(pattern)
        for m in compiled.finditer(text):
            digits = m.group(1) if compiled.groups else m.group(0)
            if digits and digits.isdigit():
                out.append(int(digits))
    return out


def kind_of(doc: Document, text: str) -> Optional[str]:
    """The document kind (``budget``, ``final-accounts``) the profile's
    ``document_kinds`` tell from ``text``: the first entry one of whose titles match."""
    key = pattern_text(text)
    for entry in doc.profile.section("document_kinds") or ():
        if isinstance(entry, dict) and isinstance(entry.get("kind"), str) and any_match(entry.get("titles"), key):
            return entry["kind"]
    return None


@dataclass(frozen=True)
class Title:
    line: int
    text: str
    what: str  # 封面 / part / heading / table
    page: Optional[int] = None


@dataclass(frozen=True)
class Identity:
    """What the document says it is, and where it first says so."""

    kind: str
    year: int
    line: int
    text: str  # the cover or title that says it


def cover(doc: Document) -> Optional[Title]:
    """The lines before the contents (目录) or the first part, when they are a cover."""
    if doc.source is None or not doc.source.lines:
        return None
    contents = pattern_list(section(doc).get("contents", {}).get("heading") if isinstance(section(doc).get("contents"), dict) else None)
    first_part = next((p.line for p in doc.parts()), None)
    lines = []
    for line in doc.source.lines:
        text = line.text.strip().lstrip("#").strip()
        if first_part is not None and line.lineno >= first_part:
            break
        if any_match(contents, pattern_text(text)):
            break
        lines.append(line)
        if len(lines) > COVER_LINES:
            return None
    if not lines:
        return None
    return Title(lines[0].lineno, " ".join(l.text.strip().lstrip("#").strip() for l in lines), "封面", lines[0].page)


def titles(doc: Document) -> Iterator[Title]:
    """Every title of the document in order: parts (with the lines a long title wraps
    onto), headings that are titles, and table titles."""
    raw = doc.source.raw_lines if doc.source is not None else ()
    # a paragraph may be the title's own wrapped end (the outline could not tell); a
    # heading or a table is not
    starts = {n.line for n in doc.walk() if not isinstance(n, Paragraph)}
    for node in doc.walk():
        if isinstance(node, Section):
            text = node.title
            if node.kind == "part" and raw:
                text += _wrapped_tail(raw, node.line, starts)
            if node.kind == "heading" and (len(text) > TITLE_MAX or any(c in text for c in SENTENCE_MARKS)):
                continue
            yield Title(node.line, text, node.kind, node.page)
        elif isinstance(node, Table) and node.title:
            yield Title(node.line, node.title, "table", node.page)


def _wrapped_tail(raw: tuple, line: int, starts: set[int]) -> str:
    """The line a long part title wraps onto: the next line with text, when it is
    short, no sentence, and not where another node of the tree starts."""
    for index in range(line, min(line + 2, len(raw))):
        text = raw[index].strip()
        if not text:
            continue
        if index + 1 in starts or text.isdigit() or len(text) > TAIL_MAX or any(c in text for c in SENTENCE_MARKS + "、"):
            return ""
        return text
    return ""


def identity(doc: Document) -> Optional[Identity]:
    """The document's kind and year: from its cover where it has one that names a
    single year and a kind, else from its first title that does. None where nothing
    says both: the year checks then stay silent."""
    first = cover(doc)
    candidates = ([first] if first is not None else []) + list(titles(doc))
    for title in candidates:
        kind = kind_of(doc, title.text)
        years = set(years_in(doc, title.text))
        if kind and len(years) == 1:
            return Identity(kind, years.pop(), title.line, title.text)
        if title is first and (kind or years):
            return None  # a cover that names two years, or a kind without a year: cannot tell
    return None


def part_label(doc: Document, line: int) -> str:
    """The 第…部分 a line is in, or 封面与目录 before the first part."""
    label = "封面与目录"
    for part in doc.parts():
        if part.line > line:
            break
        label = f"{part.number} {part.title}".strip()
    return label
