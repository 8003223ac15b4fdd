"""What the prose-claim checks share: change and rate words, percentages over printed
figures, the stated totals a share may be of, and the 元/万元 unit-slip finding.

Not a check kind (no entry point names it): growth, direction, share-value,
share-sum, enumeration-sum and prose-table import from here, so that one fact (a
share's interval, a slip's wording) is computed and worded one way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Optional, Sequence

from budgetlint.core.finding import Finding
from budgetlint.core.model import Document
from budgetlint.core.readings import Claim
from budgetlint.core.arith import ZERO, decimals, fmt, half_unit
from budgetlint.rules.base import Rule

HUNDRED = Decimal(100)
UP = ("增长", "增加", "上升")
DOWN = ("下降", "降低", "减少", "下滑")


def rate_direction(word: Optional[str]) -> Optional[int]:
    """+1 for a rate word that says up, -1 for down, None for a word of neither."""
    if word in UP:
        return 1
    if word in DOWN:
        return -1
    return None


def change_direction(claim: Claim) -> int:
    """+1 when the change word says the amount rose (增加/增长), else -1."""
    if claim.change_sign:
        return claim.change_sign
    return 1 if claim.change_word.startswith(("增加", "增长")) else -1


def rate_sign(claim: Claim) -> Optional[int]:
    """+1 for a rate word that says up, -1 for down (the profile's words), else None."""
    return claim.rate_sign or rate_direction(claim.rate_word)


def fmt_pct(value: Decimal, like: Decimal) -> str:
    """A computed percentage to the precision of the printed one (two places at least)."""
    places = max(2, decimals(like))
    return f"{value.quantize(Decimal(1).scaleb(-places))}%"


def percent_interval(part: Decimal, h_part: Decimal, whole: Decimal, h_whole: Decimal) -> Optional[tuple[Decimal, Decimal]]:
    """The range of part / whole in percent when each figure may be anywhere within
    its half-unit (``h_*``) of the printed value; None when the whole may be zero (no
    percentage is implied)."""
    if whole <= h_whole:
        return None
    return (max(part - h_part, ZERO) / (whole + h_whole) * HUNDRED, (part + h_part) / (whole - h_whole) * HUNDRED)


def overlaps(value: Decimal, half: Decimal, interval: tuple[Decimal, Decimal]) -> bool:
    """Can a printed percentage (``value`` ± ``half``) be a value of ``interval``?"""
    lo, hi = interval
    return lo <= value + half and value - half <= hi


def stated_totals(claims: Iterable[Claim]) -> list[Decimal]:
    """The totals the prose states in 万元 (a group's lead figures): a share may be of
    any of them, not only of its own group's lead."""
    return sorted({c.amount for c in claims if c.lead and c.amount is not None and c.unit == "万元"})


def share_fits(amount: Decimal, share: Decimal, wholes: Sequence[Decimal], places: Optional[int]) -> bool:
    """Is ``占 share%`` right for ``amount`` against any of ``wholes``? (``占一般公共预算
    当年拨款 X%`` names a whole that need not be the group's lead.)"""
    h_amount, h_share = half_unit(amount, places), half_unit(share)
    for whole in wholes:
        interval = percent_interval(amount, h_amount, whole, half_unit(whole, places))
        if interval is not None and overlaps(share, h_share, interval):
            return True
    return False


def percent_finding(
    doc: Document,
    rule: Rule,
    line: int,
    subject: str,
    *,
    word: str,
    printed: Decimal,
    part: Decimal,
    whole_text: str,
    exact: Decimal,
    **fields: Any,
) -> Finding:
    """A printed percentage that no value within the figures' rounding gives:
    ``{word} {printed}% ≠ part / whole = exact%``, the exact figure shown to the
    printed one's precision."""
    computation = f"{word} {printed}% ≠ {part} / {whole_text} = {fmt_pct(exact, printed)}"
    return rule.finding(
        doc,
        line,
        msg="claim.computation",
        words={"what": subject},
        subject=subject,
        computation=computation,
        expected=fmt_pct(exact, printed).rstrip("%"),
        actual=str(printed),
        **fields,
    )


def unit_slip_finding(
    doc: Document, rule: Rule, claim: Claim, *, expected_wan: Decimal, why: Any, computation: str, **fields: Any
) -> Finding:
    """A figure printed in 元 that reads right as 万元, reported at its own line;
    ``why`` is the reason: a phrase, said in the language of the message."""
    return rule.finding(
        doc,
        claim.line,
        msg="claim.unit-slip",
        words={"amount": fmt(claim.amount), "why": why},
        subject=claim.subject,
        computation=computation,
        expected=f"{fmt(expected_wan)} 万元",
        actual=f"{fmt(claim.amount)} 元",
        **fields,
    )
