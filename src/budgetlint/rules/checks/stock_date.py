"""stock-date: the date the assets are counted at does not fit the document.

``截至 2024 年 12 月 31 日，…共有车辆 3 辆``: a 决算 counts its assets at the end of
its own year, a 预算 during the year before it (``截至2023年8月31日`` in a 2024 预算).
A 2024 决算 that says ``截至2023年底`` or ``截至2024年6月30日``, or a 2024 预算 that
says ``截至2021年底``, copied last year's sentence or counted at the wrong date. The
profile says what a date looks like (``hygiene.stock_date``, with groups ``year``,
``month``, ``day``, ``end``), which sentences count a stock (``stock_context``), and
the years each kind of document may print (``stock_years``, relative to its own year,
with ``year_end`` where only the last day of the year will do). The document's kind
and year are read as ``title-year`` reads them; where they cannot be told, or the kind
has no ``stock_years``, nothing is checked.

Message fields: detail, date, expected.
"""

from __future__ import annotations

from typing import Iterator, Optional

from budgetlint.core.i18n import Joined, phrase
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document
from budgetlint.core.patterns import search
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._hygiene import JoinedTexts, identity, pattern_list, scan, section

NAME = "stock-date"
READS = ("sections",)
PARAMS: dict = {}
SELECT: dict = {}
FIELDS = ("detail", "date", "expected")  # what a message template may name


def _allowed(doc: Document, kind: str) -> Optional[dict]:
    for entry in section(doc).get("stock_years") or ():
        if isinstance(entry, dict) and entry.get("kind") == kind and isinstance(entry.get("years"), list):
            return entry
    return None


def _number(groups: dict, key: str) -> Optional[int]:
    value = groups.get(key)
    return int(value) if isinstance(value, str) and value.isdigit() else None


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    own = identity(doc)
    allowed = _allowed(doc, own.kind) if own is not None else None
    if own is None or allowed is None:
        return
    hyg = section(doc)
    years = [own.year + int(o) for o in allowed["years"] if isinstance(o, int)]
    year_end = allowed.get("year_end") is True
    context = pattern_list(hyg.get("stock_context"))
    sentences = [s for para in doc.paragraphs() for s in para.sentences]
    texts = JoinedTexts([s.text for s in sentences])
    for pattern in pattern_list(hyg.get("stock_date")):
        for i, start, m in scan(texts, pattern):
            sentence = sentences[i]
            if context and not any(search(p, sentence.text) for p in context):
                continue
            groups = m.groupdict()
            year = _number(groups, "year")
            if year is None:
                continue
            month, day = _number(groups, "month"), _number(groups, "day")
            # ``截至2024年12月`` is the year's end as well as ``12月31日``
            at_end = bool(groups.get("end")) or (month == 12 and day in (None, 31))
            if year in years and (at_end or not year_end):
                continue
            # ``expected`` is data, the same in every language (2024-12-31 | 2025-12-31);
            # the message says the dates in words
            key = "stock-date.year-end" if year_end else "stock-date.year"
            expected = " | ".join(f"{y}-12-31" if year_end else str(y) for y in years)
            said = Joined(tuple(phrase(key, year=y) for y in years), sep="stock-date.or")
            date = m.group(0)
            yield rule.finding(
                doc, sentence.line_at(start), msg="stock-date.mismatch",
                words={"year": str(own.year), "own": own.text.strip(), "expected": said},
                date=date, expected=expected, actual=date,
                related=(Related(own.line, rule.say("document.year", year=own.year)),),
            )
