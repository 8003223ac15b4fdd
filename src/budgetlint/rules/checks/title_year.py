"""title-year: a title that names another year than the document's own.

A 2024 决算 whose 第三部分 is headed ``2023年度部门决算情况说明``, or a 2025 预算 whose
table is titled ``2024年部门收入预算总表``, was copied from last year's document and
not brought up to date. The document's kind and year come from its cover (the lines
before the contents or the first part) or, without a cover, from its first title that
names both (the profile's ``document_kinds`` tell the kind). Every later title (part,
heading, table) that names a year and the document's kind must name that year; a title
that looks back or compares (``2023年预算执行情况``: the profile's
``hygiene.title_unless``) is not the document's own. A document whose cover names no
single year and kind is not checked.

Message fields: detail, year, expected.
"""

from __future__ import annotations

from typing import Iterator

from budgetlint.core.i18n import Joined, phrase
from budgetlint.core.figures import pattern_text
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._hygiene import any_match, identity, named_titles, section

NAME = "title-year"
READS = ("sections", "tables")
PARAMS: dict = {}
SELECT: dict = {}
FIELDS = ("detail", "year", "expected")  # what a message template may name

WHATS = ("part", "heading", "table")  # what a title heads: its word is title-year.what.<it>


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    named = named_titles(doc)
    own = identity(doc, named)
    if own is None:
        return
    unless = section(doc).get("title_unless")
    for n in named[1]:
        title = n.title
        if title.line == own.line or n.kind != own.kind or not n.years or own.year in n.years:
            continue
        if any_match(unless, pattern_text(title.text)):
            continue
        years = sorted(set(n.years))
        said = Joined(tuple(phrase("title-year.year", year=y) for y in years))
        what = title.what if title.what in WHATS else "heading"
        yield rule.finding(
            doc, title.line, page=title.page, msg="title-year.mismatch",
            words={"what": phrase(f"title-year.what.{what}"), "title": title.text.strip(), "said": said,
                   "doc_year": str(own.year),
                   "own": own.text.strip()},
            # ``actual`` is data, the same in every language
            year=str(years[0]), expected=str(own.year), actual=", ".join(str(y) for y in years),
            related=(Related(own.line, rule.say("document.year", year=own.year)),),
        )
