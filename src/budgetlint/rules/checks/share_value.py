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

from budgetlint.core.readings import ClaimGroup
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document
from budgetlint.core.readings import Claim
from budgetlint.core.arith import compare, half_unit
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._claims_common import HUNDRED, overlaps, percent_finding, percent_interval, share_fits, stated_totals

NAME = "share-value"
READS = ("claims",)
PARAMS = {"amount_places": (int, 2)}
SELECT = {}
FIELDS = ("detail", "subject", "computation")  # what a message template may name


def shares_make_whole(group: ClaimGroup) -> bool:
    """Do the group's shares add to 100 within their rounding?"""
    shares = [m.share for m in group.members if m.share is not None]
    if len(shares) != len(group.members) or not shares:
        return False
    tolerance = sum((half_unit(s) for s in shares), Decimal(0))
    return abs(sum(shares, Decimal(0)) - HUNDRED) <= tolerance


def _evened_out(group: ClaimGroup, share: Decimal, interval: tuple[Decimal, Decimal]) -> bool:
    """A share one unit of its last digit off, in a group whose printed shares make
    exactly 100: the text moved the rounding remainder (尾差) onto some items so that
    the shares total 100 (``99.94% + 0.06%`` for 99.934% and 0.066%), a convention
    rather than a wrong figure."""
    shares = [m.share for m in group.members if m.share is not None]
    if len(shares) < 2 or sum(shares, Decimal(0)) != HUNDRED:
        return False
    half = half_unit(share)
    return overlaps(share, 3 * half, interval)  # a printed share one unit from the exact one


def whole_of(group: ClaimGroup, places: Optional[int]) -> Optional[tuple[Decimal, Decimal, str, Optional[Claim]]]:
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
        return lead.amount, half_unit(lead.amount, places), str(lead.amount), lead
    if group.kind == "siblings" and len(units) == 1 and shares_make_whole(group):
        amounts = [m.amount for m in group.members]
        total = sum(amounts, Decimal(0))
        half = sum((half_unit(a, places) for a in amounts), Decimal(0))
        return total, half, "(" + " + ".join(str(a) for a in amounts) + ")", None
    return None


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    places = rule.params.get("amount_places")
    reading = doc.readings.claims
    totals = stated_totals(reading.claims)
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
            interval = percent_interval(x, half_unit(x, places), total, h_total)
            if interval is None or overlaps(y, half_unit(y), interval):
                continue
            if share_fits(x, y, totals, places):
                # the share may be of another stated total (``其中:基本支出 …，占 16.14%``
                # under a sub-total): only a share that fits no stated whole is wrong
                continue
            related = (Related(lead.line, rule.say("share-value.whole", what=f"{lead.subject} {lead.amount} {lead.unit}")),) if lead else ()
            severity = "info" if _evened_out(group, y, interval) else None
            yield percent_finding(
                doc,
                rule,
                member.share_line or member.line,
                member.subject,
                word="占",
                printed=y,
                part=x,
                whole_text=shown,
                exact=x / total * HUNDRED,
                related=related,
                severity=severity,
            )
