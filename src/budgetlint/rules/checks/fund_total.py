"""fund-total: a performance-target table's 年度预算总额 equals 财政拨款 + 其他资金.

The figures are compared as rounded figures (``rules.arith``): a difference rounding
explains is reported at ``rounding_severity``. An empty 其他资金 cell counts as zero; a
table that prints no 年度预算总额 (the 部门整体 table lists its sources only) or no
source is left alone.

Message fields: detail, table, computation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document
from budgetlint.core.arith import compare, fmt, show_sum
from budgetlint.rules.base import Rule, decimal_param, validate_rounding_severity
from budgetlint.rules.checks.weights_total import select_perf_tables, table_label

NAME = "fund-total"
READS = ("perf",)
PARAMS = {
    "tolerance": (float, None),  # a fixed tolerance instead of interval arithmetic
    "rounding_severity": (str, "info"),
}
SELECT = {"kind": (str, None)}
FIELDS = ("detail", "table", "computation")  # what a message template may name


validate = validate_rounding_severity


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    tolerance = decimal_param(rule.params.get("tolerance"))
    for table in select_perf_tables(doc, rule.select):
        if table.total is None or (table.fiscal is None and table.other is None):
            continue
        parts = [table.fiscal, table.other]
        verdict = compare(table.total, parts, tolerance=tolerance)
        if verdict.status == "ok":
            continue
        severity = rule.params.get("rounding_severity", "info") if verdict.status == "rounding" else None
        # an empty 其他资金 cell is shown as the 0 it counts for
        computation = show_sum(table.total, [p if p is not None else Decimal(0) for p in parts], verdict.computed)
        related = []
        if table.fiscal_line:
            related.append(Related(table.fiscal_line, f"财政拨款 {fmt(table.fiscal)}"))
        if table.other_line:
            related.append(Related(table.other_line, f"其他资金 {fmt(table.other)}"))
        yield rule.finding(
            doc, table.total_line or table.funds_line or table.line, severity=severity, related=tuple(related),
            expected=fmt(verdict.computed), actual=fmt(table.total), computation=computation,
            page=table.page, msg="fund-total.sum", table=table_label(table),
            words={"total": fmt(table.total), "fiscal": fmt(table.fiscal), "other": fmt(table.other)},
        )
