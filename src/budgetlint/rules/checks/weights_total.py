"""weights-total: the 指标分值权重 of one performance-target table add up to the total
the template sets (100 nationally; 90 in Xinjiang, where the budget execution rate
takes the other 10 points).

Weights are whole points as printed, so the comparison is exact. A table whose rows
were not all read (``unparsed``) or with a weight missing is left alone: a sum over a
part of the rows says nothing (``indicator-completeness`` reports a missing weight).
A table that prints no weight column at all (the 2020 template) is no inconsistency;
``require: true`` reports it at info.

Message fields: detail, table, total, expected.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document, PerfTable
from budgetlint.core.arith import fmt
from budgetlint.rules.base import Rule

NAME = "weights-total"
READS = ("perf",)
PARAMS = {
    "total": (int, 100),
    "require": (bool, False),  # report (at info) a table that prints no weights
}
SELECT = {"kind": (str, None)}  # project | overall
FIELDS = ("detail", "table", "total", "expected")  # what a message template may name


def validate(key: str, value) -> Optional[str]:
    if key == "total" and value <= 0:
        return "total must be positive"
    return None


def select_perf_tables(doc: Document, select: dict) -> list[PerfTable]:
    kind = select.get("kind")
    return [t for t in doc.perf_tables() if kind is None or t.kind == kind]


def table_label(table: PerfTable) -> str:
    title = table.title or ("部门整体绩效目标表" if table.kind == "overall" else "项目支出绩效目标表")
    name = table.project_name or ""
    return f"{title}（{name}）" if name else title


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    expected = Decimal(rule.params.get("total", 100))
    for table in select_perf_tables(doc, rule.select):
        if not table.has_weights:
            if rule.params.get("require"):
                yield rule.finding(doc, table.line, severity="info", msg="weights-total.none",
                                   table=table_label(table), expected=fmt(expected))
            continue
        if table.unparsed or not table.indicators or any(i.weight is None for i in table.indicators):
            continue
        total = table.weight_total
        if total == expected:
            continue
        terms = " + ".join(fmt(i.weight) for i in table.indicators)
        computation = f"{terms} = {fmt(total)} ≠ {fmt(expected)}"
        related = tuple(
            Related(i.weight_line or i.line, f"{i.level3 or i.level2}: {fmt(i.weight)}") for i in table.indicators
        )
        yield rule.finding(
            doc, table.line, related=related, expected=fmt(expected), actual=fmt(total),
            computation=computation, end_line=table.end_line, page=table.page,
            msg="weights-total.sum", table=table_label(table), total=fmt(total),
        )
