"""direction: a change word and a rate word that point opposite ways.

``比上年预算增加 38.56 万元，降低 31.92%``: the amount rose and the rate says it fell.
One of the two words is wrong whatever the figures; a change of zero with a rate of
zero has no direction and is not reported.

Message fields: detail, subject, change_word, rate_word.
"""

from __future__ import annotations

from typing import Iterator

from budgetlint.core.finding import Finding
from budgetlint.core.model import Document
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._claims_common import change_direction, rate_sign

NAME = "direction"
READS = ("claims",)
PARAMS = {}
SELECT = {}
FIELDS = ("detail", "subject", "change_word", "rate_word")  # what a message template may name


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    for claim in doc.readings.claims.claims:
        if claim.change_word is None or claim.rate_word is None or claim.change is None:
            continue
        if claim.change == 0 and (claim.rate or 0) == 0:
            continue
        change_dir = change_direction(claim)
        if rate_sign(claim) in (None, change_dir):
            continue
        yield rule.finding(
            doc,
            claim.rate_line or claim.line,
            msg="direction.opposite",
            words={"basis": claim.basis or "上年", "change": claim.change, "unit": claim.change_unit or "", "rate": claim.rate},
            subject=claim.subject,
            change_word=claim.change_word,
            rate_word=claim.rate_word,
            computation=f"{claim.change_word} {claim.change}；{claim.rate_word} {claim.rate}%",
        )
