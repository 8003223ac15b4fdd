"""change-exceeds: an increase larger than the amount it led to.

``…预算 0 万元，比上年预算增加 8.00 万元``: last year's figure would be X − Z < 0, which a
budget figure cannot be. Reported when Z exceeds X beyond the figures' rounding, in the
same unit; a decrease can be of any size.

Message fields: detail, subject, computation.
"""

from __future__ import annotations

from typing import Iterator

from budgetlint.core.i18n import phrase
from budgetlint.core.arith import half_unit
from budgetlint.core.finding import Finding
from budgetlint.core.model import Document
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._claims_common import change_direction

NAME = "change-exceeds"
READS = ("claims",)
PARAMS = {"amount_places": (int, 2)}
SELECT = {}
FIELDS = ("detail", "subject", "computation")  # what a message template may name


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    places = rule.params.get("amount_places")
    for claim in doc.readings.claims.claims:
        x, z = claim.amount, claim.change
        if x is None or z is None or claim.unit != claim.change_unit or claim.prior is not None:
            continue
        if change_direction(claim) < 0:
            continue
        if z - x <= half_unit(x, places) + half_unit(z, places):
            continue
        computation = f"{x} − {z} = {x - z} < 0"
        yield rule.finding(
            doc, claim.change_line or claim.line,
            msg="change-exceeds.more",
            words={"amount": str(x), "unit": claim.unit, "basis": claim.basis or phrase("change-exceeds.last-year"),
                   "change_word": claim.change_word, "change": str(z), "change_unit": claim.change_unit},
            subject=claim.subject, computation=computation, expected=f"≤ {x}", actual=str(z),
            end_line=max(claim.change_line or claim.line, claim.line),
        )
