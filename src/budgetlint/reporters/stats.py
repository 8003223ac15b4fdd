"""``--statistics``: how many findings each rule produced, like ``ruff --statistics``.

    12  BL101  error    tree-sum        a parent row differs from the sum of its children
     3  BL105  info     tree-sum        ...

Most frequent first (then by id), so the rule to look at first is on top. Rules that
found nothing are left out; files that could not be read are counted on a last line.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from budgetlint.linter.report import Report
from budgetlint.reporters.base import WholeReport
from budgetlint.reporters.common import rules_in


@dataclass(frozen=True)
class RuleCount:
    count: int
    rule: str
    name: str
    severity: str
    summary: str


def statistics(report: Report) -> list[RuleCount]:
    info = {r.id: r for r in rules_in(report)}
    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        # Keyed by severity too: a rule whose rounding differences come out as info
        # beside its errors gets two lines, which is what a reviewer wants to know.
        counts[(f.rule, f.severity)] = counts.get((f.rule, f.severity), 0) + 1
    rows = [
        RuleCount(n, rule, info[rule].name, severity, info[rule].summary)
        for (rule, severity), n in counts.items()
    ]
    return sorted(rows, key=lambda r: (-r.count, r.rule, r.severity))


def render_statistics(report: Report) -> str:
    rows = statistics(report)
    errors = sum(1 for fr in report.files if fr.error)
    if not rows and not errors:
        return ""
    w_count = max([len(str(r.count)) for r in rows] + [len(str(errors))])
    w_rule = max([len(r.rule) for r in rows] + [0])
    w_sev = max([len(r.severity) for r in rows] + [0])
    w_name = max([len(r.name) for r in rows] + [0])
    out = []
    for r in rows:
        line = f"{r.count:>{w_count}}  {r.rule:<{w_rule}}  {r.severity:<{w_sev}}  {r.name:<{w_name}}  {r.summary}"
        out.append(line.rstrip())
    if errors:
        out.append(f"{errors:>{w_count}}  file{'s' if errors != 1 else ''} could not be read")
    return "\n".join(out) + "\n"


def render_statistics_json(report: Report) -> str:
    payload = {
        "rules": [asdict(r) for r in statistics(report)],
        "unreadable_files": sum(1 for fr in report.files if fr.error),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


class StatisticsReporter(WholeReport):
    FORMAT = "statistics"

    def render(self, report: Report) -> str:
        return render_statistics(report)


class StatisticsJsonReporter(WholeReport):
    FORMAT = "statistics-json"

    def render(self, report: Report) -> str:
        return render_statistics_json(report)
