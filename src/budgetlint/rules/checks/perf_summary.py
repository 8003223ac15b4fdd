"""perf-summary: the 预算绩效情况 summary against the performance-target tables.

The summary (``本年度预算绩效管理的财政拨款项目 N 个，涉及预算金额 X 万元；非财政拨款
项目 M 个，涉及预算金额 Y 万元。具体情况见下表``) introduces the 项目支出绩效目标表 that
follow it, so its counts and amounts are held against those tables:

- 财政拨款 projects: tables whose 其中：财政拨款 is above zero; their amount is the sum
  of those 财政拨款 figures. A summary may count only 财政拨款 projects, so a table
  with 财政拨款 0 (a non-fiscal project) is not one of them, and 表7 is not the
  reference: it lists 一般公共预算 projects whether or not they are under performance
  management, and leaves out 结转 projects that are.
- unqualified projects (``实行绩效管理的项目 N 个``, ``当年预算安排项目共 N 个``): every
  project table; their amount is the sum of 年度预算总额.
- 非财政拨款 projects: a stated count of 0 with a non-zero amount contradicts itself;
  a count below the number of tables funded by other money alone contradicts the
  tables. Their amount is not compared: documents explain that a non-fiscal table
  merges carried-over money with the year's (center-2025 states 10.00 for a table of
  22.00 and says why).
- 整体 targets: the number of 部门整体绩效目标表 and, where the reader gives it, its total.

A table whose own funds disagree (财政拨款 above 年度预算总额, or total ≠ 财政拨款 +
其他资金) may be wrong in either figure, so the sum is tried with each; an error is
raised only when no reading agrees (``fund-total`` reports the table itself). A table
whose funds were not read makes the count a range and skips the amount.

Every finding has the rule's severity. Message fields: ``detail``.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import product
from typing import Iterator, Optional, Sequence

from budgetlint.core.readings import PerfSummary
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document, PerfTable
from budgetlint.core.arith import compare, fmt, show_sum
from budgetlint.rules.base import Rule, decimal_param

NAME = "perf-summary"
READS = ("perf", "perf_summaries")
PARAMS = {"tolerance": (float, None)}
SELECT: dict = {}
FIELDS = ("detail",)  # what a message template may name

ZERO = Decimal(0)
MAX_READINGS = 64
# A disclosure has one 预算绩效情况; each is held against every table of the
# document, so a concatenation of hundreds would cost the square of its length.
# Beyond this many, the rest are not checked.
MAX_SUMMARIES = 8


def validate(key: str, value) -> Optional[str]:
    if key == "tolerance" and value is not None and value < 0:
        return "a tolerance cannot be negative"
    return None


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    tolerance = decimal_param(rule.params.get("tolerance"))
    tables = [t for t in doc.perf_tables() if t.kind == "project"]
    overall = [t for t in doc.perf_tables() if t.kind == "overall"]
    for summary in doc.readings.perf_summaries[:MAX_SUMMARIES]:
        yield from _nonfiscal_self(doc, rule, summary)
        if not tables:
            continue  # no tables read: nothing to hold the summary against
        related = tuple(Related(t.project_name_line or t.line, f"项目支出绩效目标表：{t.project_name or ''}") for t in tables)
        yield from _count(doc, rule, summary, "fiscal_count", "财政拨款项目", tables, _is_fiscal, related)
        yield from _count(doc, rule, summary, "all_count", "项目", tables, _is_project, related)
        yield from _nonfiscal_count(doc, rule, summary, tables, related)
        if all(_is_fiscal(t) is not None for t in tables):
            fiscal = [t for t in tables if _is_fiscal(t)]
            yield from _amount(doc, rule, summary, "fiscal_amount", "财政拨款项目", fiscal, _fiscal_readings, tolerance)
        yield from _amount(doc, rule, summary, "all_amount", "项目", tables, _total_readings, tolerance)
        if overall:
            yield from _overall(doc, rule, summary, overall, tolerance)


def _is_fiscal(table: PerfTable) -> Optional[bool]:
    """True for a table with 财政拨款 above zero, False at zero, None if unread."""
    if table.fiscal is not None:
        return table.fiscal > 0
    if table.total is not None and table.other is not None:
        return table.total - table.other > 0
    return None


def _is_project(table: PerfTable) -> Optional[bool]:
    """A table with a name or funds read is a project; one with neither may be the
    second half of a table split at a page break, or a table the reader failed on."""
    if table.project_name or table.total is not None or table.fiscal is not None:
        return True
    return None


def _funds_agree(table: PerfTable) -> bool:
    if table.total is None or table.fiscal is None:
        return True
    parts = [table.fiscal, table.other]
    return compare(table.total, parts).status != "error"


def _fiscal_readings(table: PerfTable) -> list[Decimal]:
    if table.fiscal is None:
        if table.total is not None and table.other is not None:
            return [table.total - table.other]
        return []
    if _funds_agree(table):
        return [table.fiscal]
    return [table.fiscal] + ([table.total - (table.other or ZERO)] if table.total is not None else [])


def _total_readings(table: PerfTable) -> list[Decimal]:
    if table.total is None:
        if table.fiscal is not None:
            return [table.fiscal + (table.other or ZERO)]
        return []
    if _funds_agree(table):
        return [table.total]
    return [table.total, table.fiscal + (table.other or ZERO)]


def _count(doc, rule, summary: PerfSummary, key, label, tables, predicate, related) -> Iterator[Finding]:
    claim = summary.claims.get(key)
    if claim is None:
        return
    verdicts = [predicate(t) for t in tables]
    low = sum(1 for v in verdicts if v is True)
    high = low + sum(1 for v in verdicts if v is None)
    stated = int(claim.value)
    if low <= stated <= high:
        return
    shown = str(low) if low == high else f"{low}–{high}"
    yield rule.finding(
        doc,
        claim.line,
        expected=shown,
        actual=claim.value,
        related=related,
        msg="perf-summary.count", words={"label": label, "stated": stated, "shown": shown},
    )


def _nonfiscal_self(doc, rule, summary: PerfSummary) -> Iterator[Finding]:
    count, amount = summary.claims.get("nonfiscal_count"), summary.claims.get("nonfiscal_amount")
    if count is None or amount is None or count.value != 0 or amount.value == 0:
        return
    yield rule.finding(
        doc,
        amount.line,
        expected="0",
        actual=amount.value,
        related=(Related(count.line, f"非财政拨款项目 {fmt(count.value)} 个"),),
        msg="perf-summary.nonfiscal-zero", words={"amount": fmt(amount.value)},
    )


def _nonfiscal_count(doc, rule, summary: PerfSummary, tables, related) -> Iterator[Finding]:
    claim = summary.claims.get("nonfiscal_count")
    if claim is None:
        return
    only_other = [t for t in tables if _is_fiscal(t) is False and t.total is not None and t.total > 0]
    if int(claim.value) >= len(only_other):
        return
    yield rule.finding(
        doc,
        claim.line,
        expected=len(only_other),
        actual=claim.value,
        related=tuple(Related(t.project_name_line or t.line, f"项目支出绩效目标表：{t.project_name or ''}（财政拨款 0）") for t in only_other),
        msg="perf-summary.nonfiscal-count", words={"stated": fmt(claim.value), "shown": len(only_other)},
    )


def _amount(doc, rule, summary: PerfSummary, key, label, tables, readings, tolerance) -> Iterator[Finding]:
    claim = summary.claims.get(key)
    if claim is None or not tables:
        return
    options = [readings(t) for t in tables]
    if any(not o for o in options):
        return  # a table's figure unread: the sum is unknown
    combos = 1
    for o in options:
        combos *= len(o)
    if combos > MAX_READINGS:
        return
    first = None
    for parts in product(*options):
        verdict = compare(claim.value, list(parts), tolerance=tolerance)
        if verdict.status != "error":
            return
        first = first or (parts, verdict)
    parts, verdict = first
    yield rule.finding(
        doc,
        claim.line,
        expected=verdict.computed,
        actual=claim.value,
        computation=show_sum(claim.value, parts, verdict.computed),
        related=tuple(Related(t.funds_line or t.line, f"项目支出绩效目标表：{t.project_name or ''}") for t in tables),
        msg="perf-summary.amount", words={"label": label, "stated": fmt(claim.value), "shown": fmt(verdict.computed)},
    )


def _overall(doc, rule, summary: PerfSummary, overall: Sequence[PerfTable], tolerance) -> Iterator[Finding]:
    count = summary.claims.get("overall_count")
    if count is not None and int(count.value) != len(overall):
        yield rule.finding(
            doc,
            count.line,
            expected=len(overall),
            actual=count.value,
            related=tuple(Related(t.line, "部门整体绩效目标表") for t in overall),
            msg="perf-summary.overall-count", words={"stated": fmt(count.value), "shown": len(overall)},
        )
    amount = summary.claims.get("overall_amount")
    if amount is None or len(overall) != 1:
        return
    table = overall[0]
    # the 整体 table may print only its sources (财政资金 and 其他资金), not their total
    parts = [table.total] if table.total is not None else [table.fiscal, table.other]
    if any(p is None for p in parts):
        return
    verdict = compare(amount.value, parts, tolerance=tolerance)
    if verdict.status == "error":
        yield rule.finding(
            doc,
            amount.line,
            expected=verdict.computed,
            actual=amount.value,
            computation=show_sum(amount.value, parts, verdict.computed),
            related=(Related(table.funds_line or table.line, "部门整体绩效目标表"),),
            msg="perf-summary.overall-amount", words={"stated": fmt(amount.value), "shown": fmt(verdict.computed)},
        )
