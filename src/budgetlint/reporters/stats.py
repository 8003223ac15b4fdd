"""``--statistics``: how many findings each rule produced, like ``ruff --statistics``.

    12  BL101  error         tree-sum   a parent row differs from the sum of its children
     9  BL102  error 3, info 6  row-sum ...
    21  共计：错误 15，警告 0，提示 6

One row per rule (its severities counted within the row); ``--statistics-by-severity``
splits a rule into one row per severity. Most frequent first (then by id), so the
rule to look at first is on top; a last line totals them. Rules that found nothing are
left out; files that could not be read are counted on their own line. Counted as the
files arrive: nothing but the counts is kept.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from budgetlint.core.finding import SEVERITIES
from budgetlint.core.results import FileResult, RunInfo
from budgetlint.linter.report import Report
from budgetlint.reporters.base import Reporter
from budgetlint.core.i18n import DEFAULT_LANG, say
from budgetlint.reporters.common import RuleTable, dumps, severity_label


@dataclass(frozen=True)
class RuleCount:
    count: int
    rule: str
    name: str
    severity: str  # the one severity, or the counts of each ("error 3, info 6")
    summary: str
    severities: dict[str, int] = field(default_factory=dict)


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
            self.counts[(f.rule, f.severity)] = self.counts.get((f.rule, f.severity), 0) + 1

    def severities(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITIES}
        for (_, severity), n in self.counts.items():
            out[severity] = out.get(severity, 0) + n
        return out

    def rows(self, by_severity: bool = False) -> list[RuleCount]:
        info = {r.id: r for r in self.rules.rules}
        if by_severity:
            rows = [RuleCount(n, rule, info[rule].name, sev, info[rule].summary, {sev: n})
                    for (rule, sev), n in self.counts.items()]
        else:
            rows = []
            for rule in dict.fromkeys(rule for rule, _ in self.counts):
                per = {sev: self.counts[(rule, sev)] for sev in SEVERITIES if (rule, sev) in self.counts}
                label = next(iter(per)) if len(per) == 1 else ", ".join(f"{sev} {n}" for sev, n in per.items())
                rows.append(RuleCount(sum(per.values()), rule, info[rule].name, label, info[rule].summary, per))
        return sorted(rows, key=lambda r: (-r.count, r.rule, -max(_rank(s) for s in r.severities)))


def _rank(severity: str) -> int:
    return len(SEVERITIES) - SEVERITIES.index(severity)


def _counts(report: Report) -> _Counts:
    counts = _Counts(report.rules)
    for result in report.files:
        counts.add(result)
    return counts


def statistics(report: Report, by_severity: bool = False) -> list[RuleCount]:
    return _counts(report).rows(by_severity)


def _text(counts: _Counts, by_severity: bool, lang: str = DEFAULT_LANG) -> str:
    rows = counts.rows(by_severity)
    errors = counts.unreadable
    if not rows and not errors:
        return ""
    severities = counts.severities()
    total = sum(severities.values())
    w_count = max([len(str(r.count)) for r in rows] + [len(str(errors)), len(str(total))])
    w_rule = max([len(r.rule) for r in rows] + [0])
    w_sev = max([len(r.severity) for r in rows] + [0])
    w_name = max([len(r.name) for r in rows] + [0])
    out = []
    for r in rows:
        line = f"{r.count:>{w_count}}  {r.rule:<{w_rule}}  {r.severity:<{w_sev}}  {r.name:<{w_name}}  {r.summary}"
        out.append(line.rstrip())
    if rows:
        parts = say("report.sep.item", lang).join(f"{severity_label(s, lang)} {severities[s]}" for s in SEVERITIES)
        out.append(f"{total:>{w_count}}  " + say("report.stats.total", lang, parts=parts))
    if errors:
        out.append(f"{errors:>{w_count}}  " + say("report.stats.unread", lang))
    return "\n".join(out) + "\n"


def _json(counts: _Counts, by_severity: bool, lang: str = DEFAULT_LANG) -> str:
    severities = counts.severities()
    payload = {
        "rules": [asdict(r) for r in counts.rows(by_severity)],
        "total": sum(severities.values()),
        "severities": severities,
        "unreadable_files": counts.unreadable,
    }
    return dumps(payload) + "\n"


def render_statistics(report: Report, by_severity: bool = False) -> str:
    return _text(_counts(report), by_severity)


def render_statistics_json(report: Report, by_severity: bool = False) -> str:
    return _json(_counts(report), by_severity)


class StatisticsReporter(Reporter):
    FORMAT = "statistics"
    render = staticmethod(_text)

    def begin(self, run: RunInfo) -> None:
        super().begin(run)
        self.counts = _Counts(run.rules)

    def file(self, result: FileResult) -> None:
        self.counts.add(result)

    def end(self) -> None:
        self.out.write(self.render(self.counts, self.options.by_severity, self.options.lang))


class StatisticsJsonReporter(StatisticsReporter):
    FORMAT = "statistics-json"
    render = staticmethod(_json)
