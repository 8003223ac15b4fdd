"""placeholder: text a blank template leaves for the author to fill in.

``上海市 XX 局``, ``XXX 万元``, ``××``, ``（单位名称）``, the template's alternatives
(``增加（减少）``) and instructions (``（如持平作持平表述）``): the profile's
``hygiene.placeholders`` say what they look like. Every line of the document is
searched, tables and titles included, and the prose rejoined over its wrapped lines.

A published document has none, so each one is reported where it stands. A document
with ``template_min`` or more is a blank template (or a draft barely begun): one
finding per placeholder would bury the reader in hundreds of lines saying the same
thing, so it gets one finding per part (封面与目录, 第一部分 …), with the count, the
placeholders seen and the lines they are on.

Message fields: detail, placeholder, count.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator, Optional

from budgetlint.core.i18n import Joined, phrase
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._hygiene import JoinedTexts, any_match, part_label, scan, section

NAME = "placeholder"
READS = ("sections",)
PARAMS = {"template_min": (int, 10)}
SELECT: dict = {}
FIELDS = ("detail", "placeholder", "count")  # what a message template may name
SHOWN = 6  # placeholders and lines named in a template's per-part finding


def validate(key: str, value) -> Optional[str]:
    if key == "template_min" and value < 1:
        return "template_min must be at least 1"
    return None


def found(doc: Document) -> list[tuple[int, Optional[int], str]]:
    """(line, page, placeholder) for every placeholder, in document order."""
    if doc.source is None:
        return []
    entries = [e for e in section(doc).get("placeholders") or () if isinstance(e, dict) and isinstance(e.get("pattern"), str)]
    lines = doc.source.lines
    texts = JoinedTexts([line.text for line in lines])
    hits = []
    for entry in entries:
        for i, start, m in scan(texts, entry["pattern"]):
            if m.group(0).strip() and not any_match(entry.get("unless"), m.group(0)):
                hits.append((lines[i].lineno, start, lines[i].page, m.group(0).strip()))
    # A placeholder the PDF text wraps over two lines (``（如持平作持`` / ``平表述）``) is
    # found in the paragraph rejoined; one found on its line already is not counted twice.
    seen = Counter((line, text) for line, _, _, text in hits)
    pages = {line.lineno: line.page for line in lines}
    # (a paragraph of many lines that does not map its characters to them cannot place one)
    paragraphs = [p for p in doc.paragraphs() if p.offsets or p.line == p.end_line]
    prose = JoinedTexts([p.text for p in paragraphs])
    for entry in entries:
        for i, start, m in scan(prose, entry["pattern"]):
            text = m.group(0).strip()
            if not text or any_match(entry.get("unless"), m.group(0)):
                continue
            p = paragraphs[i]
            line = p.offsets[min(start, len(p.offsets) - 1)] if p.offsets else p.line
            if seen[(line, text)]:
                seen[(line, text)] -= 1
            else:
                hits.append((line, 10**9, pages.get(line), text))
    return [(line, page, text) for line, _, page, text in sorted(hits)]


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    hits = found(doc)
    if len(hits) < rule.params.get("template_min", 10):
        for line, page, text in hits:
            yield rule.finding(doc, line, page=page, msg="placeholder.one", placeholder=text, count=1)
        return
    parts: dict[str, list[tuple[int, Optional[int], str]]] = {}
    for hit in hits:
        parts.setdefault(part_label(doc, hit[0]) or phrase("placeholder.cover"), []).append(hit)
    for label, group in parts.items():
        kinds = list(dict.fromkeys(text for _, _, text in group))
        lines = list(dict.fromkeys(line for line, _, _ in group))
        shown = Joined(tuple(phrase("placeholder.quoted", text=k) for k in kinds[:SHOWN]),
                       tail=phrase("placeholder.more") if len(kinds) > SHOWN else None)
        # the lines go to ``related`` (a message names no line: the same document
        # read from its PDF and from its text says the same thing)
        yield rule.finding(
            doc, group[0][0], page=group[0][1], end_line=group[-1][0],
            msg="placeholder.part", words={"part": label, "shown": shown, "total": str(len(hits))},
            placeholder=kinds[0], count=len(group),
            related=tuple(Related(line, rule.say("placeholder.related")) for line in lines[1:SHOWN]),
        )
