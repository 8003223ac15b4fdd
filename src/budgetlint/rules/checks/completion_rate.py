"""completion-rate: ``完成年初预算的 V%`` against the outturn and the budget it names.

V must be outturn / budget within the figures' rounding; a budget of 0 gives no
rate at all (the message names the stated budget the rate is of, if one is). A rate
one unit of its last digit off is reported at info.

Message fields: detail, subject, computation.
"""

from __future__ import annotations

from typing import Iterator

from budgetlint.core.i18n import Joined, phrase
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
        # what was completed: the passage's item, or the budget's subject before its word
        # (``一般公共预算财政拨款支出年初预算为`` -> 一般公共预算财政拨款支出)
        what = claim.item or budget.subject.rstrip("为").removesuffix(budget.role_word)
        prefix = f"{what}: " if what else ""
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
            pcts = [(b, fmt_pct(actual.amount / b.amount * HUNDRED, v)) for b in others]
            fits = Joined(tuple(phrase("completion-rate.fits", actual=actual.amount, amount=b.amount, pct=pct, role=b.role_word)
                                for b, pct in pcts), sep="report.sep.none")
            # the computation is the same in every language: the document's words and figures
            computation = f"{named} = {budget.amount}" + "".join(f"; {actual.amount} / {b.amount} = {pct}" for b, pct in pcts)
            yield rule.finding(doc, claim.completion_line or claim.line, msg="completion-rate.zero",
                               words={"prefix": prefix, "named": named, "rate": str(v), "budget": str(budget.amount),
                                      "fits": fits},
                               subject=claim.subject, computation=computation, related=related)
            continue
        if overlaps(v, hv, interval):
            continue
        exact = actual.amount / budget.amount * HUNDRED
        computation = f"{v}% ≠ {actual.amount} / {budget.amount} = {fmt_pct(exact, v)}"
        yield rule.finding(
            doc, claim.completion_line or claim.line,
            severity="info" if overlaps(v, 3 * hv, interval) else None,
            msg="completion-rate.differs",
            words={"prefix": prefix, "named": named, "rate": str(v), "actual": str(actual.amount),
                   "budget": str(budget.amount), "pct": fmt_pct(exact, v)},
            subject=claim.subject, computation=computation,
            expected=fmt_pct(exact, v).rstrip("%"), actual=str(v), related=related,
        )
