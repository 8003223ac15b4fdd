"""completion-rate: ``完成年初预算的 V%`` against the outturn and the budget it names.

V must be outturn / budget within the figures' rounding; a budget of 0 gives no
rate at all (the message names the stated budget the rate is of, if one is). A rate
one unit of its last digit off is reported at info.

Message fields: detail, subject, computation.
"""

from __future__ import annotations

from typing import Iterator

from budgetlint.core.arith import half_unit
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._claims_common import HUNDRED, fmt_pct, overlaps, percent_interval
from budgetlint.rules.checks._outturn import budget_named, walk

NAME = "completion-rate"
READS = ("claims",)
PARAMS = {"amount_places": (int, 2)}
SELECT = {}
FIELDS = ("detail", "subject", "computation")  # what a message template may name


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    places = rule.params.get("amount_places")
    for _sentence, claim, figures in walk(doc.readings.claims):
        if claim is None or claim.completion is None:
            continue
        actual = claim if claim.role == "actual" else figures.actual
        named = claim.completion_of
        budgets = [b for b in budget_named(figures, named) if actual is not None and b.unit == actual.unit]
        if actual is None or len(budgets) != 1 or not named:
            continue
        budget, v = budgets[0], claim.completion
        ha, hb, hv = half_unit(actual.amount, places), half_unit(budget.amount, places), half_unit(v)
        related = (Related(actual.line, f"{actual.subject} {actual.amount} {actual.unit}"),
                   Related(budget.line, f"{budget.subject} {budget.amount} {budget.unit}"))
        interval = percent_interval(actual.amount, ha, budget.amount, hb)
        if interval is None:
            others = [
                b for b in figures.budgets.values() if b is not budget and b.unit == actual.unit
                and (iv := percent_interval(actual.amount, ha, b.amount, half_unit(b.amount, places))) is not None
                and overlaps(v, hv, iv)
            ]
            fits = "".join(f"；{actual.amount} / {b.amount} = {fmt_pct(actual.amount / b.amount * HUNDRED, v)} 是{b.role_word}的"
                           for b in others)
            computation = f"完成{named}的 {v}%，但{named}为 {budget.amount}{fits}"
            yield rule.finding(doc, claim.completion_line or claim.line, detail=computation, subject=claim.subject,
                               computation=computation, related=related)
            continue
        if overlaps(v, hv, interval):
            continue
        exact = actual.amount / budget.amount * HUNDRED
        computation = f"完成{named}的 {v}% ≠ {actual.amount} / {budget.amount} = {fmt_pct(exact, v)}"
        yield rule.finding(
            doc, claim.completion_line or claim.line,
            severity="info" if overlaps(v, 3 * hv, interval) else None,
            detail=computation, subject=claim.subject, computation=computation,
            expected=fmt_pct(exact, v).rstrip("%"), actual=str(v), related=related,
        )
