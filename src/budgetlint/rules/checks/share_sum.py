"""share-sum: the shares of a group that covers a whole add to 100.

A group covers its whole when its items' amounts add to the stated total (within
rounding); then their shares must add to 100 within the rounding of each printed
share. For a run of items without a stated total nothing says the run is complete,
so only shares adding to more than 100 are reported there.

Message fields: detail, computation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document
from budgetlint.core.arith import compare, half_unit
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._claims_common import HUNDRED, share_fits, stated_totals

NAME = "share-sum"
READS = ("claims",)
PARAMS = {"amount_places": (int, 2)}
SELECT = {}
FIELDS = ("detail", "computation")  # what a message template may name


def _of_another_whole(members, lead, totals, places) -> bool:
    """Is some share right against another stated total but not against the lead?"""
    for m in members:
        if not share_fits(m.amount, m.share, [lead.amount], places) and share_fits(m.amount, m.share, totals, places):
            return True
    return False


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    places = rule.params.get("amount_places")
    reading = doc.readings.claims
    totals = stated_totals(reading.claims)
    for group in reading.groups.values():
        members = group.members
        shares = [m.share for m in members if m.share is not None]
        if len(shares) < 2 or len(shares) != len(members):
            continue
        if any(m.amount is None for m in members) or len({m.unit for m in members}) != 1:
            continue
        lead = group.lead
        covers = False
        if lead is not None and lead.amount is not None and lead.unit == members[0].unit:
            covers = compare(lead.amount, [m.amount for m in members], places=places).status != "error"
        if lead is not None and _of_another_whole(members, lead, totals, places):
            continue  # shares of different wholes need not make 100
        total = sum(shares, Decimal(0))
        tolerance = sum((half_unit(s) for s in shares), Decimal(0))
        over = total - HUNDRED > tolerance
        if not (over or (covers and abs(total - HUNDRED) > tolerance)):
            continue
        computation = f"{' + '.join(f'{s}%' for s in shares)} = {total}% ≠ 100%"
        yield rule.finding(
            doc,
            members[0].share_line or members[0].line,
            msg="share-sum.total",
            computation=computation,
            expected="100",
            actual=str(total),
            end_line=members[-1].share_line or members[-1].line,
            related=tuple(Related(m.share_line or m.line, f"{m.subject} 占 {m.share}%") for m in members),
        )
