"""numbering: an enumerated list that repeats or goes back on a number.

Sibling headings (``1.`` ``2.`` … under one heading; ``（一）`` ``（二）`` …) and the
numbered items inside a paragraph (``资金分配情况:1.… ；2.… ；3.…``) must count up by
one. A number that is not larger than the one before (``… 6. 卫生健康支出 …`` then
``5. 卫生健康支出 …``) is reported where it stands, unless it is the first number again: that starts a new
list (under a heading printed without a number). A gap (``3.`` then ``5.``) is
reported at ``gap_severity`` (default info): text extraction can lose a line, so a gap
is less certain than a repeat.

Message fields: detail, number, expected.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document, Section
from budgetlint.rules.base import Rule

NAME = "numbering"
READS = ("sections", "claims")
PARAMS = {"gap_severity": (str, "info"), "inline": (bool, True)}
SELECT = {}
FIELDS = ("detail", "number", "expected")  # what a message template may name

_CN = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}
INLINE = re.compile(r"(?:^|[:：；;。])(\d{1,2})[.、](?!\d)")


def number_value(text: str) -> Optional[int]:
    """``"3."`` -> 3, ``"（十一）"`` -> 11, ``"第二部分"`` -> 2."""
    digits = re.search(r"\d+", text)
    if digits:
        return int(digits.group())
    chars = re.sub(r"[^零一二三四五六七八九十]", "", text)
    if not chars:
        return None
    if "十" in chars:
        tens, _, ones = chars.partition("十")
        return (_CN.get(tens, 1) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    return _CN.get(chars) if len(chars) == 1 else None


def _sequence(doc, rule, items: list[tuple[int, int, str]]) -> Iterator[Finding]:
    """``items``: (value, line, printed) in order."""
    for (prev, prev_line, prev_text), (value, line, text) in zip(items, items[1:]):
        if value == prev + 1:
            continue
        if value == 1:
            # Back to the first number: a new list (a section printed without a
            # number of its own, 其他相关情况说明, starts its 一、 again), not a slip.
            continue
        if value <= prev:
            msg, severity = "numbering.back", None
        else:
            msg, severity = "numbering.gap", rule.params.get("gap_severity")
        yield rule.finding(
            doc,
            line,
            severity=severity,
            msg=msg,
            words={"previous": prev_text, "previous_line": prev_line},
            number=text,
            expected=str(prev + 1),
            actual=str(value),
            related=(Related(prev_line, rule.say("numbering.previous", previous=prev_text)),),
        )


def _style(number: str) -> str:
    if re.search(r"\d", number):
        return "paren-digit" if re.match(r"[（(]", number) else "digit"
    return "paren-cn" if re.match(r"[（(]", number) else "cn"


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    def visit(nodes):
        sections = [n for n in nodes if isinstance(n, Section) and n.kind == "heading"]
        runs: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
        for section in sections:
            value = number_value(section.number) if section.number else None
            if value is None:
                continue
            runs.setdefault((section.level, _style(section.number)), []).append((value, section.line, section.number))
        for items in runs.values():
            yield from _sequence(doc, rule, items)
        for node in nodes:
            if isinstance(node, Section):
                yield from visit(node.children)

    yield from visit(doc.children)
    if not rule.params.get("inline"):
        return
    for passage in doc.readings.claims.passages:
        items: list[tuple[int, int, str]] = []
        for sentence in passage.sentences:
            for match in INLINE.finditer(sentence.text):
                if match.start(1) == 0 and passage.heading and sentence is passage.sentences[0]:
                    continue  # the heading's own number, checked with its siblings
                items.append((int(match.group(1)), sentence.offsets[match.start(1)], match.group(0).lstrip(":：；;。")))
        if len(items) >= 2:
            yield from _sequence(doc, rule, items)
