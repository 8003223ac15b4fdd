"""indicator-completeness: every indicator of a performance-target table can be
scored, and the table covers the template's 一级指标.

- Every indicator prints a 指标值, and a weight where the table has a weight column.
  Only where the text form delimits cells (Word text, Markdown): PDF text drops empty
  cells, so an absent value cannot be told from a reading error there.
- A 项目支出 table has indicators under each 一级指标 in ``required`` (产出/效益/满意度
  by default), matched loosely: a 二级 name such as 社会效益指标 counts for 效益 (the
  2020 template files it under 项目完成指标). A table whose rows were not all read is
  left alone.
- A value whose comparison sign stands after the figure (``1500≥``, ``340.24元≥``), is
  written backwards (``=>``) or whose percent sign leads (``≥%90``) is ambiguous to a
  reader: reported at ``malformed_severity``. A sign wrapped onto its own line (``>`` then
  ``=95%``) is only the layout, and is read as ``>=95%``.

Message fields: detail, table, indicator.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from budgetlint.core.i18n import Joined
from budgetlint.core.figures import squeeze
from budgetlint.core.perfvocab import category
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document, Indicator, PerfTable
from budgetlint.rules.base import Rule, severity_problem
from budgetlint.rules.checks.weights_total import select_perf_tables, table_label

NAME = "indicator-completeness"
READS = ("perf",)
PARAMS = {
    "required": (list, ["产出指标", "效益指标", "满意度指标"]),
    "kinds": (list, ["project"]),  # table kinds the required 一级指标 apply to
    "malformed": (bool, True),
    "malformed_severity": (str, "warning"),
}
SELECT = {"kind": (str, None)}
FIELDS = ("detail", "table", "indicator")  # what a message template may name

CELL_FORMS = ("word-text", "markdown")
# The sign after the figure (and its unit): "1500≥", "340.24元≥", "90%≤".
SIGN_AFTER = re.compile(r"^\d[\d,]*(?:\.\d+)?[^\d≥≤<>=＞＜]{0,4}(?:[≥≤＞＜]|[<>]=?)$")
BACKWARDS = re.compile(r"=[<>]")
PERCENT_FIRST = re.compile(r"^[≥≤<>=＞＜]*[%％]\d")  # "≥%90"


def validate(key: str, value) -> Optional[str]:
    if key == "malformed_severity":
        return severity_problem(value)
    if key in ("required", "kinds") and not all(isinstance(v, str) for v in value):
        return f"{key} must be a list of names"
    return None


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    for table in select_perf_tables(doc, rule.select):
        if doc.form in CELL_FORMS:
            yield from _unscorable(doc, rule, table)
        if table.kind in rule.params.get("kinds", ["project"]) and not table.unparsed and table.indicators:
            yield from _required(doc, rule, table)
        if rule.params.get("malformed", True):
            yield from _malformed(doc, rule, table)


def _unscorable(doc: Document, rule: Rule, table: PerfTable) -> Iterator[Finding]:
    for ind in table.indicators:
        missing = []
        if not ind.value:
            missing.append("指标值")
        if table.has_weights and ind.weight is None:
            missing.append("指标分值权重")
        if missing:
            yield rule.finding(doc, ind.line, page=table.page, msg="indicator-completeness.unscorable",
                               words={"missing": Joined(tuple(missing), sep="list.and")},
                               table=table_label(table), indicator=_name(ind))


def _required(doc: Document, rule: Rule, table: PerfTable) -> Iterator[Finding]:
    present = {category(i.level1, i.level2) for i in table.indicators}
    levels = {squeeze(i.level1) for i in table.indicators}
    for name in rule.params.get("required", []):
        wanted = category(name, "")
        if wanted is not None and wanted in present:
            continue
        if wanted is None and any(level.startswith(squeeze(name)[:2]) for level in levels):
            continue
        related = tuple(Related(i.line, f"{i.level1}/{i.level2}") for i in table.indicators[:1])
        yield rule.finding(doc, table.line, related=related, end_line=table.end_line, page=table.page,
                           msg="indicator-completeness.required", table=table_label(table), indicator=name)


def _malformed(doc: Document, rule: Rule, table: PerfTable) -> Iterator[Finding]:
    severity = rule.params.get("malformed_severity", "warning")
    for ind in table.indicators:
        value = squeeze(ind.value or "")
        problem = None
        if SIGN_AFTER.match(value):
            problem = "sign-after"
        elif BACKWARDS.search(value):
            problem = "backwards"
        elif PERCENT_FIRST.match(value):
            problem = "percent-first"
        if problem:
            yield rule.finding(doc, ind.value_line or ind.line, severity=severity, page=table.page,
                               msg=f"indicator-completeness.{problem}", words={"value": value},
                               table=table_label(table), indicator=_name(ind))


def _name(ind: Indicator) -> str:
    return ind.level3 or ind.level2 or ind.level1
