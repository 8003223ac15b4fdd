"""``--statistics``: how many findings each rule produced, like ``ruff --statistics``.

    12  BL101  error    tree-sum        a parent row differs from the sum of its children
     3  BL105  info     tree-sum        ...

Most frequent first (then by id), so the rule to look at first is on top. Rules that
found nothing are left out; files that could not be read are counted on a last line.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from budgetlint.core.results import FileResult, RunInfo
from budgetlint.linter.report import Report
from budgetlint.reporters.base import Reporter
from budgetlint.reporters.common import RuleTable, dumps


@dataclass(frozen=True)
class RuleCount:
    count: int
    rule: str
    name: str
    severity: str
    summary: str


class _Counts:
    """Findings per (rule, severity) and the unreadable files: all --statistics keeps."""

    def __init__(self, rules):
        self.rules = RuleTable(rules)
        self.counts: dict[tuple[str, str], int] = {}
        self.unreadable = 0

    def add(self, result: FileResult) -> None:
        self.unreadable += bool(result.error)
        for f in result.findings:
            self.rules.add(f)
            # Keyed by severity too: a rule whose rounding differences come out as info
            # beside its errors gets two lines, which is what a reviewer wants to know.
            self.counts[(f.rule, f.severity)] = self.counts.get((f.rule, f.severity), 0) + 1

    def rows(self) -> list[RuleCount]:
        info = {r.id: r for r in self.rules.rules}
        rows = [
            RuleCount(n, rule, info[rule].name, severity, info[rule].summary)
            for (rule, severity), n in self.counts.items()
        ]
        return sorted(rows, key=lambda r: (-r.count, r.rule, r.severity))


def _counts(report: Report) -> _Counts:
    counts = _Counts(report.rules)
    for result in report.files:
        counts.add(result)
    return counts


def statistics(report: Report) -> list[RuleCount]:
    return _counts(report).rows()


def _statistics_text(rows: list[RuleCount], errors: int) -> str:
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


def _statistics_json(rows: list[RuleCount], errors: int) -> str:
    return dumps({"rules": [asdict(r) for r in rows], "unreadable_files": errors}) + "\n"


def render_statistics(report: Report) -> str:
    counts = _counts(report)
    return _statistics_text(counts.rows(), counts.unreadable)


def render_statistics_json(report: Report) -> str:
    counts = _counts(report)
    return _statistics_json(counts.rows(), counts.unreadable)


class StatisticsReporter(Reporter):
    FORMAT = "statistics"

    def begin(self, run: RunInfo) -> None:
        super().begin(run)
        self.counts = _Counts(run.rules)

    def file(self, result: FileResult) -> None:
        self.counts.add(result)

    def end(self) -> None:
        self.out.write(self.render(self.counts.rows(), self.counts.unreadable))

    @staticmethod
    def render(rows: list[RuleCount], errors: int) -> str:
        return _statistics_text(rows, errors)


class StatisticsJsonReporter(StatisticsReporter):
    FORMAT = "statistics-json"

    @staticmethod
    def render(rows: list[RuleCount], errors: int) -> str:
        return _statistics_json(rows, errors)
