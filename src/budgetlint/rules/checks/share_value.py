"""share-value: ``X 万元，占 Y%`` against the whole the share is of.

The whole is the group's stated total (``收入预算 5743.77 万元，其中:`` … ``一般公共预算
4058.19 万元，占 70.65%``); for a run of items that state shares without a lead
(``1. 社会保障和就业支出 3955.69 万元，占 97.47%`` …) it is the sum of the items, but only
when their shares make 100 within rounding (otherwise they may not cover the whole,
and share-sum speaks). Y is wrong when no value within the printed precision of X, the
whole and Y gives it. A share whose amount and whole are in different units (a 元/万元
slip) is left to enumeration-sum.

Message fields: detail, subject, computation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from ...grammar.claim_groups import Group
from ...grammar.claims import claims_of
from ...linter.finding import Finding, Related
from ...model import Claim, Document
from ..arith import compare
from ..base import Rule
from .growth import fmt_pct, printed_half

NAME = "share-value"
PARAMS = {"amount_places": (int, 2)}
SELECT = {}
HUNDRED = Decimal(100)


def shares_make_whole(group: Group) -> bool:
    """Do the group's shares add to 100 within their rounding?"""
    shares = [m.share for m in group.members if m.share is not None]
    if len(shares) != len(group.members) or not shares:
        return False
    tolerance = sum((printed_half(s) for s in shares), Decimal(0))
    return abs(sum(shares, Decimal(0)) - HUNDRED) <= tolerance


def whole_of(group: Group, places: Optional[int]) -> Optional[tuple[Decimal, Decimal, str, Optional[Claim]]]:
    """(whole, its half-unit, how it is shown, the lead) for a group, or None."""
    units = {m.unit for m in group.members}
    if group.lead is not None and group.lead.amount is not None:
        lead = group.lead
        if units != {lead.unit}:
            # A total printed in 元 over parts in 万元 is a unit slip (enumeration-sum
            # reports it) when the parts make the figure as 万元; the shares are of that.
            slipped = lead.unit == "元" and units == {"万元"}
            parts = [m.amount for m in group.members]
            if not (slipped and compare(lead.amount, parts, places=places).status != "error"):
                return None
        return lead.amount, printed_half(lead.amount, places), str(lead.amount), lead
    if group.kind == "siblings" and len(units) == 1 and shares_make_whole(group):
        amounts = [m.amount for m in group.members]
        total = sum(amounts, Decimal(0))
        half = sum((printed_half(a, places) for a in amounts), Decimal(0))
        return total, half, "(" + " + ".join(str(a) for a in amounts) + ")", None
    return None


def _named_whole_fits(member: Claim, totals: list[Decimal], places: Optional[int]) -> bool:
    """Is the share right against any total the prose states? (``占一般公共预算当年拨款
    X%`` names a whole that need not be the group's lead.)"""
    hx, hy = printed_half(member.amount, places), printed_half(member.share)
    for total in totals:
        h = printed_half(total, places)
        if total <= h:
            continue
        lo = (member.amount - hx) / (total + h) * HUNDRED
        hi = (member.amount + hx) / (total - h) * HUNDRED
        if lo <= member.share + hy and member.share - hy <= hi:
            return True
    return False


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    places = rule.params.get("amount_places")
    reading = claims_of(doc)
    totals = sorted({c.amount for c in reading.claims if c.lead and c.amount is not None and c.unit == "万元"})
    for group in reading.groups.values():
        whole = whole_of(group, places)
        if whole is None:
            continue
        total, h_total, shown, lead = whole
        if total <= 0:
            continue
        for member in group.members:
            if member.share is None or member.amount is None:
                continue
            x, y = member.amount, member.share
            hx, hy = printed_half(x, places), printed_half(y)
            lo = max(x - hx, Decimal(0)) / (total + h_total) * HUNDRED
            hi = (x + hx) / (total - h_total) * HUNDRED if total > h_total else None
            if hi is None or (lo <= y + hy and y - hy <= hi):
                continue
            if _named_whole_fits(member, totals, places):
                # the share may be of another stated total (``其中:基本支出 …，占 16.14%``
                # under a sub-total): only a share that fits no stated whole is wrong
                continue
            exact = x / total * HUNDRED
            computation = f"占 {y}% ≠ {x} / {shown} = {fmt_pct(exact, y)}"
            related = (Related(lead.line, f"whole: {lead.subject} {lead.amount} {lead.unit}"),) if lead else ()
            yield rule.finding(
                doc,
                member.share_line or member.line,
                detail=f"{member.subject}: {computation}",
                subject=member.subject,
                computation=computation,
                expected=fmt_pct(exact, y).rstrip("%"),
                actual=str(y),
                related=related,
            )
