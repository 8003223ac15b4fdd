"""What the document-hygiene checks share (BL221–BL225): the profile's ``hygiene``
section, the document's own kind and year, its titles, and the part a line is in.

Not a check kind (no entry point names it). The vocabulary and the patterns are the
pack's (``profile.hygiene``); this module only walks the document with them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, Iterator, Optional, Sequence, Union

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


class JoinedTexts:
    """Texts joined by newlines once, for several ``scan``s of them (a pack gives a
    dozen placeholder patterns; joining a long document per pattern was a tenth of
    the scan)."""

    def __init__(self, texts: Sequence[str]):
        self.texts = texts
        self.text = "\n".join(texts)
        self.begins = [0, *accumulate(len(t) + 1 for t in texts)]


def scan(texts: Union[Sequence[str], JoinedTexts], pattern: str) -> Iterator[tuple[int, int, Any]]:
    """(index of the text, start in it, match) for each match of ``pattern`` in any of
    ``texts``. One search over the texts joined by newlines: a call into RE2 per line
    costs far more than the search itself (a 19 MB document has half a million lines)."""
    compiled = compile_pattern("(?m)" + pattern)
    # A pattern that matches the empty text finds nothing in particular, at every
    # character of the document: it finds nothing here.
    joined = texts if isinstance(texts, JoinedTexts) else None
    if not (joined.texts if joined is not None else texts) or compiled.fullmatch("") is not None:
        return
    if joined is None:
        joined = JoinedTexts(texts)
    begins = joined.begins
    # multi-line: ``^`` and ``$`` stand at the start and end of each text, as they
    # would searching the texts one by one
    for m in compiled.finditer(joined.text):
        i = bisect_right(begins, m.start()) - 1
        yield i, m.start() - begins[i], m


def years_of(doc: Document, texts: Sequence[str]) -> list[list[int]]:
    """The years each text prints (the profile's ``year``, its group 1 the digits),
    those inside a date (``date``) left out."""
    hyg = section(doc)
    joined = JoinedTexts(texts)
    dates: dict[int, list[tuple[int, int]]] = {}
    for pattern in pattern_list(hyg.get("date")):
        for i, start, m in scan(joined, pattern):
            dates.setdefault(i, []).append((start, start + len(m.group(0))))
    out: list[list[int]] = [[] for _ in texts]
    for pattern in pattern_list(hyg.get("year")):
        for i, start, m in scan(joined, pattern):
            if any(a <= start < b for a, b in dates.get(i, ())):
                continue
            digits = m.group(1) if m.re.groups else m.group(0)
            if digits and digits.isdigit():
                out[i].append(int(digits))
    return out


def kinds_of(doc: Document, texts: Sequence[str]) -> list[Optional[str]]:
    """The document kind (``budget``, ``final-accounts``) each text names, as the
    profile's ``document_kinds`` tell it: the first entry one of whose titles match."""
    keys = JoinedTexts([pattern_text(t) for t in texts])
    out: list[Optional[str]] = [None] * len(texts)
    for entry in doc.profile.section("document_kinds") or ():
        if not isinstance(entry, dict) or not isinstance(entry.get("kind"), str):
            continue
        for pattern in pattern_list(entry.get("titles")):
            for i, _, _ in scan(keys, pattern):
                out[i] = out[i] or entry["kind"]
    return out


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


@dataclass(frozen=True)
class Named:
    """A title with the kind of document and the years it names."""

    title: Title
    kind: Optional[str]
    years: tuple[int, ...]


def named_titles(doc: Document) -> tuple[Optional[Named], list[Named]]:
    """The cover and every title, each with the kind and years it names (read once
    per document: title_year and stock_date both ask)."""
    if doc.readings is None:
        return _named_titles(doc)
    first, rest = doc.readings.memo("hygiene.named_titles", lambda: _named_titles(doc))
    return first, list(rest)


def _named_titles(doc: Document) -> tuple[Optional[Named], list[Named]]:
    first = cover(doc)
    found = ([first] if first is not None else []) + list(titles(doc))
    texts = [t.text for t in found]
    named = [Named(t, k, tuple(y)) for t, k, y in zip(found, kinds_of(doc, texts), years_of(doc, texts))]
    if first is not None:
        return named[0], named[1:]
    return None, named


def identity(doc: Document, named: Optional[tuple[Optional[Named], list[Named]]] = None) -> Optional[Identity]:
    """The document's kind and year: from its cover where it has one that names a
    single year and a kind, else from its first title that does. None where nothing
    says both: the year checks then stay silent."""
    first, rest = named if named is not None else named_titles(doc)
    for n in ([first] if first is not None else []) + rest:
        if n.kind and len(set(n.years)) == 1:
            if doc.kind and doc.kind != n.kind:
                return None  # the detected kind (core.detect) says otherwise: cannot tell
            return Identity(n.kind, n.years[0], n.title.line, n.title.text)
        if n is first and (n.kind or n.years):
            return None  # a cover that names two years, or a kind without a year: cannot tell
    return None


def part_label(doc: Document, line: int) -> str:
    """The 第…部分 a line is in, or "" before the first part (the cover and contents,
    which the check names in its language)."""
    label = ""
    for part in doc.parts():
        if part.line > line:
            break
        label = f"{part.number} {part.title}".strip()
    return label
