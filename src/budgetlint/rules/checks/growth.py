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

from ...grammar.claims import claims_of
from ...linter.finding import Finding
from ...model import Claim, Document
from ..base import Rule

NAME = "growth"
PARAMS = {
    "accept_new": (bool, True),
    "amount_places": (int, 2),
}
SELECT = {}

UP = ("增长", "增加", "上升")
DOWN = ("下降", "降低", "减少", "下滑")
HUNDRED = Decimal(100)


def rate_direction(word: Optional[str]) -> Optional[int]:
    if word in UP:
        return 1
    if word in DOWN:
        return -1
    return None


def growth_interval(x: Decimal, z: Decimal, up: bool, hx: Decimal, hz: Decimal) -> Optional[tuple[Decimal, Decimal]]:
    """The range of Z / (X − Z) (or Z / (X + Z)) in percent over the figures' intervals."""
    if up:
        lo_den, hi_den = (x + hx) - (z - hz), (x - hx) - (z + hz)
    else:
        lo_den, hi_den = (x + hx) + (z - hz), (x - hx) + (z + hz)
    if hi_den <= 0 or lo_den <= 0:
        return None  # last year's figure may be zero: no rate is implied
    return (max(z - hz, Decimal(0)) / lo_den * HUNDRED, (z + hz) / hi_den * HUNDRED)


def _places(value: Decimal, places: Optional[int]) -> Decimal:
    return printed_half(value, places)


def printed_half(value: Decimal, places: Optional[int] = None) -> Decimal:
    """Half a unit of the last printed digit, from the figure as printed.

    Not ``arith.half_unit``: its cache takes ``Decimal("100")`` and ``Decimal("100.00")``
    for the same key (they are equal), and the printed precision is the whole point."""
    exponent = value.as_tuple().exponent
    printed = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    p = printed if places is None else max(places, printed)
    return Decimal(5) * Decimal(10) ** (-(p + 1))


def amount_for(claim: Claim, claims: list[Claim]) -> Optional[Claim]:
    """The clause stating this change clause's amount: same subject, same section."""
    if claim.amount is not None:
        return claim
    found = [
        c
        for c in claims
        if c.amount is not None and c.subject == claim.subject and c.section_line == claim.section_line and c.unit == claim.change_unit
    ]
    return found[0] if len(found) == 1 else None


def fmt_pct(value: Decimal, like: Decimal) -> str:
    exponent = like.as_tuple().exponent
    places = max(2, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return f"{value.quantize(Decimal(1).scaleb(-places))}%"


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    reading = claims_of(doc)
    places = rule.params.get("amount_places")
    for claim in reading.claims:
        if claim.rate is None or claim.change is None or claim.change_word is None:
            continue
        change_dir = 1 if claim.change_word.startswith(("增加", "增长")) else -1
        if rate_direction(claim.rate_word) != change_dir:
            continue  # a contradiction of words: the direction kind's finding
        base = amount_for(claim, reading.claims)
        if base is None or base.unit != claim.change_unit:
            continue
        x, z, w = base.amount, claim.change, claim.rate
        hx, hz, hw = _places(x, places), _places(z, places), printed_half(w)
        word = claim.rate_word
        if claim.prior is not None:
            # ``比上年执行数 15 万元增加了 0 万元``: last year's figure is printed
            prior_text = f"{claim.prior}"
            hp = _places(claim.prior, places)
            interval = None
            if claim.prior > hp:
                interval = (max(z - hz, Decimal(0)) / (claim.prior + hp) * HUNDRED, (z + hz) / (claim.prior - hp) * HUNDRED)
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
                detail=f"{claim.subject}: {word} {w}% for an item with nothing last year ({x} − {z} = 0)",
                subject=claim.subject,
                computation=f"{z} / {prior_text} undefined",
            )
            continue
        if z == 0 and w == 0:
            continue
        lo, hi = interval
        if lo <= w + hw and w - hw <= hi:
            continue
        exact_den = claim.prior if claim.prior is not None else (x - z if change_dir > 0 else x + z)
        exact = z / exact_den * HUNDRED
        computation = f"{word} {w}% ≠ {z} / {prior_text} = {fmt_pct(exact, w)}"
        yield rule.finding(
            doc,
            claim.rate_line or claim.line,
            detail=f"{claim.subject}: {computation}",
            subject=claim.subject,
            computation=computation,
            expected=fmt_pct(exact, w).rstrip("%"),
            actual=str(w),
            end_line=max(claim.rate_line or claim.line, claim.line),
        )
