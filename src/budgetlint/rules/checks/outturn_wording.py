"""outturn-wording: 大于 / 小于 / 等于 / 持平 between an outturn and its budget, against
the two figures.

``年初预算为 A 万元，全年预算为 B 万元，支出决算为 C 万元。决算数小于预算数的主要原因…``: the
word must hold between C and the budget it names (全年预算数), or, where it names
none (预算数), between C and at least one of the budgets stated, within rounding.

Message fields: detail, subject, computation.
"""

from __future__ import annotations

from typing import Iterator

from budgetlint.core.i18n import Joined
from budgetlint.core.arith import half_unit
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._outturn import budget_named, walk

NAME = "outturn-wording"
READS = ("claims",)
PARAMS = {"amount_places": (int, 2)}
SELECT = {}
FIELDS = ("detail", "subject", "computation")  # what a message template may name


def holds(sense: str, actual, budget, slack) -> bool:
    """Can the word be true of the two figures within their rounding?"""
    if sense == "less":
        return actual - budget < slack
    if sense == "greater":
        return actual - budget > -slack
    return abs(actual - budget) <= slack


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    places = rule.params.get("amount_places")
    for sentence, claim, figures in walk(doc.readings.claims):
        if claim is not None or sentence.comparison is None:
            continue
        sense, word, line, named = sentence.comparison
        actual = figures.actual
        budgets = [b for b in budget_named(figures, named) if b.unit == (actual.unit if actual else None)]
        if actual is None or not budgets:
            continue
        if any(holds(sense, actual.amount, b.amount, half_unit(actual.amount, places) + half_unit(b.amount, places))
               for b in budgets):
            continue
        pairs = [f"{actual.subject.rstrip('为')} {actual.amount} vs {b.subject.rstrip('为')} {b.amount}" for b in budgets]
        # the computation is the same in every language: the document's words and figures
        computation = "; ".join(pairs)
        yield rule.finding(
            doc, line, msg="outturn-wording.differs",
            words={"word": word, "sides": Joined(tuple(pairs), sep="report.sep.clause")},
            subject=actual.subject, computation=computation,
            related=tuple(Related(c.line, f"{c.subject} {c.amount} {c.unit}") for c in [actual, *budgets]),
        )
