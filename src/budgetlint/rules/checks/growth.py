"""growth: a stated growth rate against the amount and change it goes with.

``X 万元，比上年预算增加 Z 万元，增长 W%``: last year's figure is X − Z, so W must be
Z / (X − Z); for a decrease last year's figure is X + Z and W = Z / (X + Z). Every
figure stands for the interval its printed precision allows (amounts in 万元 are
kept to the hundredth by the budget system, so ``3100 万元`` is read as 3100.00 unless
``amount_places`` says otherwise), and W is wrong only when no value in those
intervals gives it. A new item (Z = X, nothing last year) is accepted at 100% and an
unchanged one at 0% (``accept_new``). Where the change word and the rate word
disagree (增加 … 下降) the direction kind reports it and this one says nothing.

A change clause without its own amount (``公务用车运行费减少 2.00 万元，下降 47.62%``)
takes the amount stated for the same subject in the same section.

Message fields: detail, subject, computation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from budgetlint.core.finding import Finding
from budgetlint.core.model import Document
from budgetlint.core.readings import Claim
from budgetlint.core.arith import half_unit
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._claims_common import HUNDRED, change_direction, overlaps, percent_finding, percent_interval, rate_sign

NAME = "growth"
READS = ("claims",)
PARAMS = {
    "accept_new": (bool, True),
    "amount_places": (int, 2),
}
SELECT = {}
FIELDS = ("detail", "subject", "computation")  # what a message template may name


def growth_interval(x: Decimal, z: Decimal, up: bool, hx: Decimal, hz: Decimal) -> Optional[tuple[Decimal, Decimal]]:
    """The range of Z / (X − Z) (or Z / (X + Z)) in percent over the figures' intervals."""
    if up:
        lo_den, hi_den = (x + hx) - (z - hz), (x - hx) - (z + hz)
    else:
        lo_den, hi_den = (x + hx) + (z - hz), (x - hx) + (z + hz)
    if hi_den <= 0 or lo_den <= 0:
        return None  # last year's figure may be zero: no rate is implied
    return (max(z - hz, Decimal(0)) / lo_den * HUNDRED, (z + hz) / hi_den * HUNDRED)


def amount_for(claim: Claim, claims: list[Claim], index: Optional[dict] = None) -> Optional[Claim]:
    """The clause stating this change clause's amount: same subject, same section.
    ``index`` (``amount_index(claims)``) makes the search a look-up: scanning every
    claim for every change clause was quadratic in the document's length."""
    if claim.amount is not None:
        return claim
    found = (index if index is not None else amount_index(claims)).get(
        (claim.subject, claim.section_line, claim.change_unit), ()
    )
    return found[0] if len(found) == 1 else None


def amount_index(claims: list[Claim]) -> dict[tuple, list[Claim]]:
    index: dict[tuple, list[Claim]] = {}
    for c in claims:
        if c.amount is not None:
            index.setdefault((c.subject, c.section_line, c.unit), []).append(c)
    return index


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    reading = doc.readings.claims
    places = rule.params.get("amount_places")
    index = amount_index(reading.claims)
    for claim in reading.claims:
        if claim.rate is None or claim.change is None or claim.change_word is None:
            continue
        change_dir = change_direction(claim)
        if rate_sign(claim) != change_dir:
            continue  # a contradiction of words: the direction kind's finding
        base = amount_for(claim, reading.claims, index)
        if base is None or base.unit != claim.change_unit:
            continue
        x, z, w = base.amount, claim.change, claim.rate
        # amounts at ``amount_places`` at least (3100 万元 is 3100.00); the rate as printed
        hx, hz, hw = half_unit(x, places), half_unit(z, places), half_unit(w)
        word = claim.rate_word
        if claim.prior is not None:
            # ``比上年执行数 15 万元增加了 0 万元``: last year's figure is printed
            prior_text = f"{claim.prior}"
            interval = percent_interval(z, hz, claim.prior, half_unit(claim.prior, places))
        else:
            prior_text = f"({x} {'−' if change_dir > 0 else '+'} {z})"
            interval = growth_interval(x, z, change_dir > 0, hx, hz)
        if interval is None:
            # Nothing last year: a new item. 100% is the convention; anything else is noted.
            if rule.params.get("accept_new") and w == HUNDRED:
                continue
            if z == 0:
                continue
            yield rule.finding(
                doc,
                claim.rate_line or claim.line,
                severity="info",
                msg="growth.new-item",
                words={"word": word, "rate": w, "base": x, "change": z},
                subject=claim.subject,
                computation=f"{z} / {prior_text} = {z} / 0",
            )
            continue
        if z == 0 and w == 0:
            continue
        if overlaps(w, hw, interval):
            continue
        exact_den = claim.prior if claim.prior is not None else (x - z if change_dir > 0 else x + z)
        # one unit of the last digit off (36.5859% printed 36.58%, 9.151% printed 9.1%): the
        # rate was cut rather than rounded, which rounding explains; noted, not an error
        severity = "info" if overlaps(w, 3 * hw, interval) else None
        yield percent_finding(
            doc,
            rule,
            claim.rate_line or claim.line,
            claim.subject,
            word=word,
            printed=w,
            part=z,
            whole_text=prior_text,
            exact=z / exact_den * HUNDRED,
            end_line=max(claim.rate_line or claim.line, claim.line),
            severity=severity,
        )
