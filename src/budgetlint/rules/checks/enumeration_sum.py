"""enumeration-sum: listed parts against the total the text gives them.

Covers the lists of the explanatory part: ``其中`` after a total, ``主要包括`` after
人员经费 / 公用经费, the 资金分配情况 of a project against its 预算安排规模, 货物 + 工程 +
服务 against 政府采购预算, the four 三公 items. ``其中`` means "of which", so parts
adding to *less* than their total are reported only where the text gives them as the
whole (see ``ClaimGroup.complete``: a known partition, a 资金分配情况, or shares
adding to 100); parts adding to *more* than their total are always wrong.

A part printed in 元 among parts in 万元 (or a total in 元 over parts in 万元) is a unit
slip when reading it as 万元 makes the sum come out: that is reported at the slipped
figure's line. Differences that rounding explains are not reported (the figures are
already rounded to the hundredth of 万元).

Message fields: detail, subject, computation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from budgetlint.core.i18n import phrase
from budgetlint.core.readings import ClaimGroup
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document
from budgetlint.core.readings import Claim
from budgetlint.core.arith import compare, fmt, show_terms
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._claims_common import unit_slip_finding
from budgetlint.rules.checks.share_value import shares_make_whole

NAME = "enumeration-sum"
READS = ("claims",)
PARAMS = {"amount_places": (int, 2), "rounding_severity": (str, None)}
SELECT = {}
FIELDS = ("detail", "subject", "computation")  # what a message template may name
WAN = Decimal(10000)


def in_wan(claim: Claim) -> Decimal:
    return claim.amount / WAN if claim.unit == "元" else claim.amount


def _terms(members: list[Claim]) -> list[str]:
    return [f"{fmt(m.amount)}{'元' if m.unit == '元' else ''}" for m in members]


def _check_group(doc: Document, rule: Rule, group: ClaimGroup, places: Optional[int]) -> Iterator[Finding]:
    lead = group.lead
    members = [m for m in group.members if m.amount is not None]
    if lead is None or lead.amount is None or not members:
        return
    if len(members) >= 2 and all(m.amount == lead.amount and m.unit == lead.unit for m in members):
        # ``收入、支出预算总计 X 万元`` then ``（一）收入预算总计 X`` ``（二）支出预算总计 X``:
        # the items restate the total for each side; they are not its parts
        return
    related = tuple(Related(m.line, f"{m.subject} {fmt(m.amount)} {m.unit}") for m in members)
    end_line = max(m.line for m in members)
    units = {m.unit for m in members} | {lead.unit}
    if len(units) > 1:
        # A 元/万元 slip: does reading the odd figure as 万元 make the sum come out?
        as_printed = compare(lead.amount, [m.amount for m in members], places=places)
        if as_printed.status != "error":
            odd = [c for c in [lead] + members if c.unit == "元"]
            for claim in odd:
                computation = show_terms(fmt(lead.amount), "=", _terms(members), fmt(as_printed.computed))
                yield unit_slip_finding(
                    doc,
                    rule,
                    claim,
                    expected_wan=claim.amount,
                    why=phrase("enumeration-sum.slip", computation=computation, amount=fmt(claim.amount)),
                    computation=computation,
                    end_line=end_line if claim is lead else None,
                    related=related,
                )
            return
        stated, parts = in_wan(lead), [in_wan(m) for m in members]
    else:
        stated, parts = lead.amount, [m.amount for m in members]
    verdict = compare(stated, parts, places=places)
    if verdict.status == "ok":
        return
    if verdict.status == "rounding":
        severity = rule.params.get("rounding_severity")
        if not severity:
            return
    else:
        severity = None
    complete = group.complete or shares_make_whole(group)
    if verdict.computed < stated and not complete:
        return
    sign = "≠"
    computation = show_terms(f"{fmt(lead.amount)}{'元' if lead.unit == '元' else ''}", sign, _terms(members), fmt(verdict.computed))
    yield rule.finding(
        doc,
        lead.line,
        severity=severity,
        msg="claim.computation",
        words={"what": lead.subject or group.phrase},
        subject=lead.subject,
        computation=computation,
        expected=fmt(verdict.computed),
        actual=fmt(lead.amount),
        end_line=end_line,
        related=related,
    )


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    places = rule.params.get("amount_places")
    for group in doc.readings.claims.groups.values():
        if group.kind in ("siblings", "sub"):
            continue
        yield from _check_group(doc, rule, group, places)
