"""magnitude: an amount implausible for its unit.

``房屋 16521.31 平方米，价值 50319788.14 万元`` values one building at five hundred
billion yuan: the figure was written in 元 and labelled 万元. A department's budget
disclosure never states a single amount of ``max_wan`` 万元 or more (default one
million 万元, i.e. 100 亿元), so such a figure is reported with what it would be in 元.

Message fields: detail, subject, amount.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.core.finding import Finding
from budgetlint.core.model import Document
from budgetlint.core.arith import fmt
from budgetlint.rules.base import Rule

NAME = "magnitude"
READS = ("claims",)
PARAMS = {"max_wan": (float, 1000000.0)}
SELECT = {}
FIELDS = ("detail", "subject", "amount")  # what a message template may name


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    limit = Decimal(str(rule.params.get("max_wan")))
    for claim in doc.readings.claims.claims:
        for value, unit in ((claim.amount, claim.unit), (claim.change, claim.change_unit)):
            if value is None or unit != "万元" or value < limit:
                continue
            as_yuan = (value / 10000).quantize(Decimal("0.01"))
            yield rule.finding(
                doc,
                claim.line,
                msg="magnitude.implausible",
                words={"yi": fmt(as_yuan)},
                subject=claim.subject,
                amount=fmt(value),
                computation=f"{fmt(value)} 万元 ≥ {fmt(limit)} 万元",
                actual=f"{fmt(value)} 万元",
                expected=f"{fmt(as_yuan)} 万元",
            )
