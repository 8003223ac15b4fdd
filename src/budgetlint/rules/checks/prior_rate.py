"""prior-rate: a rate or 持平 stated against a printed prior figure.

Shanghai's 编制说明 give last year's outturn and this year's budget, then the rate
between them with no change amount: ``2023年当年预算执行数为 60.79 万元，2024年预算安排
88.87 万元，比2023年预算执行数增加 46.19%``. The rate must be (X − P) / P, its word must
go the way X − P goes, and 持平 needs X = P, every figure within its printed
precision. A rate one unit of its last digit off (cut rather than rounded) is reported
at info. Nothing last year (P = 0) implies no rate.

Message fields: detail, subject, computation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.core.arith import half_unit
from budgetlint.core.finding import Finding
from budgetlint.core.model import Document
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._claims_common import HUNDRED, fmt_pct, overlaps, percent_interval, rate_sign

NAME = "prior-rate"
READS = ("claims",)
PARAMS = {"amount_places": (int, 2)}
SELECT = {}
FIELDS = ("detail", "subject", "computation")  # what a message template may name


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    places = rule.params.get("amount_places")
    for claim in doc.readings.claims.claims:
        x, p = claim.amount, claim.prior
        if x is None or p is None or claim.change is not None:
            continue
        hx, hp = half_unit(x, places), half_unit(p, places)
        subject = f"{claim.item} {claim.subject}" if claim.item else claim.subject
        if claim.flat and claim.rate is None:
            if abs(x - p) > hx + hp:
                computation = f"{x} ≠ {p}"
                yield rule.finding(
                    doc, claim.flat_line or claim.line,
                    msg="prior-rate.flat", words={"amount": str(x), "basis": claim.basis, "prior": str(p)},
                    subject=subject, computation=computation, expected=str(p), actual=str(x),
                )
            continue
        w = claim.rate
        if w is None or p <= hp:
            continue
        sign = rate_sign(claim)
        moved = x - p
        if sign is not None and moved != 0 and abs(moved) > hx + hp and (moved > 0) != (sign > 0):
            computation = f"{x} − {p} = {moved}"
            yield rule.finding(
                doc, claim.rate_line or claim.line,
                msg="prior-rate.direction", words={"basis": claim.basis, "rate_word": claim.rate_word, "rate": str(w)},
                subject=subject, computation=computation,
            )
            continue
        interval = percent_interval(abs(moved), hx + hp, p, hp)
        if interval is None:
            continue
        hw = half_unit(w)
        if overlaps(w, hw, interval):
            continue
        exact = abs(moved) / p * HUNDRED
        computation = f"{claim.rate_word} {w}% ≠ |{x} − {p}| / {p} = {fmt_pct(exact, w)}"
        yield rule.finding(
            doc, claim.rate_line or claim.line,
            severity="info" if overlaps(w, 3 * hw, interval) else None,
            msg="prior-rate.rate",
            subject=subject, computation=computation,
            expected=fmt_pct(exact, w).rstrip("%"), actual=str(w),
            end_line=max(claim.rate_line or claim.line, claim.line),
        )
