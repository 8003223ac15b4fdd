"""``--statistics``: how many findings each rule produced, like ``ruff --statistics``.

    12  BL101  error         tree-sum   a parent row differs from the sum of its children
     9  BL102  error 3, info 6  row-sum ...
    21  共计：错误 15，警告 0，提示 6

One row per rule (its severities counted within the row); ``--statistics-by-severity``
splits a rule into one row per severity. Most frequent first (then by id), so the
rule to look at first is on top; a last line totals them. Rules that found nothing are
left out; files that could not be read are counted on their own line.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from budgetlint.core.finding import SEVERITIES
from budgetlint.linter.report import Report
from budgetlint.reporters.base import WholeReport
from budgetlint.reporters.common import HIDDEN_LABELS, rules_in, severity_counts


@dataclass(frozen=True)
class RuleCount:
    count: int
    rule: str
    name: str
    severity: str  # the one severity, or the counts of each ("error 3, info 6")
    summary: str
    severities: dict[str, int] = field(default_factory=dict)


def statistics(report: Report, by_severity: bool = False) -> list[RuleCount]:
    info = {r.id: r for r in rules_in(report)}
    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        counts[(f.rule, f.severity)] = counts.get((f.rule, f.severity), 0) + 1
    rows = []
    if by_severity:
        rows = [RuleCount(n, rule, info[rule].name, sev, info[rule].summary, {sev: n}) for (rule, sev), n in counts.items()]
    else:
        for rule in dict.fromkeys(rule for rule, _ in counts):
            per = {sev: counts[(rule, sev)] for sev in SEVERITIES if (rule, sev) in counts}
            label = next(iter(per)) if len(per) == 1 else ", ".join(f"{sev} {n}" for sev, n in per.items())
            rows.append(RuleCount(sum(per.values()), rule, info[rule].name, label, info[rule].summary, per))
    return sorted(rows, key=lambda r: (-r.count, r.rule, -max(_rank(s) for s in r.severities)))


def _rank(severity: str) -> int:
    return len(SEVERITIES) - SEVERITIES.index(severity)


def total_line(report: Report) -> str:
    counts = severity_counts(report.findings)
    parts = "，".join(f"{HIDDEN_LABELS[s]} {counts[s]}" for s in SEVERITIES)
    return f"共计：{parts}"


def render_statistics(report: Report, by_severity: bool = False) -> str:
    rows = statistics(report, by_severity)
    errors = sum(1 for fr in report.files if fr.error)
    if not rows and not errors:
        return ""
    total = len(report.findings)
    w_count = max([len(str(r.count)) for r in rows] + [len(str(errors)), len(str(total))])
    w_rule = max([len(r.rule) for r in rows] + [0])
    w_sev = max([len(r.severity) for r in rows] + [0])
    w_name = max([len(r.name) for r in rows] + [0])
    out = []
    for r in rows:
        line = f"{r.count:>{w_count}}  {r.rule:<{w_rule}}  {r.severity:<{w_sev}}  {r.name:<{w_name}}  {r.summary}"
        out.append(line.rstrip())
    if rows:
        out.append(f"{total:>{w_count}}  {total_line(report)}")
    if errors:
        out.append(f"{errors:>{w_count}}  个文件无法检查")
    return "\n".join(out) + "\n"


def render_statistics_json(report: Report, by_severity: bool = False) -> str:
    payload = {
        "rules": [asdict(r) for r in statistics(report, by_severity)],
        "total": len(report.findings),
        "severities": severity_counts(report.findings),
        "unreadable_files": sum(1 for fr in report.files if fr.error),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


class StatisticsReporter(WholeReport):
    FORMAT = "statistics"

    def render(self, report: Report) -> str:
        return render_statistics(report, self.options.by_severity)


class StatisticsJsonReporter(WholeReport):
    FORMAT = "statistics-json"

    def render(self, report: Report) -> str:
        return render_statistics_json(report, self.options.by_severity)
