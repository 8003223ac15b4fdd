"""What the file-format reporters (HTML, SARIF, GitHub, JUnit, statistics) share."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from budgetlint.core.escape import json_safe
from budgetlint.core.finding import SEVERITIES, Finding
from budgetlint.core.i18n import DEFAULT_LANG, say
from budgetlint.core.results import FileResult
from budgetlint.linter.report import Report


def relative_path(path: str, base: Optional[str] = None) -> str:
    """``path`` relative to ``base`` (default: the working directory), with forward
    slashes; a path outside ``base`` stays as it is (relative paths beyond ``..``
    mislead code-scanning tools more than an absolute one does)."""
    base = base or os.getcwd()
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    except ValueError:  # another drive on Windows
        return path.replace(os.sep, "/")
    if rel == ".." or rel.startswith(".." + os.sep):
        return os.path.abspath(path).replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def full_message(finding: Finding) -> str:
    """The message, with the computation appended when the message does not show it."""
    if finding.computation and finding.computation not in finding.message:
        return f"{finding.message} ({finding.computation})"
    return finding.message


@dataclass(frozen=True)
class RuleInfo:
    id: str
    name: str
    severity: str
    summary: str
    explain: str


def summary_of(rule: Any) -> str:
    """A rule's summary in the language its findings speak (a plugin's rule object may
    know only ``summary``)."""
    summary_in = getattr(rule, "summary_in", None)
    return summary_in(getattr(rule, "lang", DEFAULT_LANG)) if summary_in else rule.summary


def rules_in(report: Report) -> list[RuleInfo]:
    """Every rule of the pack that ran, plus any rule a finding names that the pack
    does not (a finding from a plugin, BL000), sorted by id."""
    out = {
        r.id: RuleInfo(r.id, r.name, r.severity, summary_of(r), r.explain) for r in report.rules.values()
    }
    for f in [*report.findings, *(f for fr in report.files for f in fr.fixed)]:
        if f.rule not in out:
            out[f.rule] = RuleInfo(f.rule, f.name, f.severity, "", "")
    return [out[k] for k in sorted(out)]


# How a finding's status against a baseline or an earlier draft is shown (in Chinese;
# ``status_label`` gives it in the report's language).
STATUSES = ("new", "changed", "unchanged", "fixed")
STATUS_LABELS = {s: say(f"report.status.{s}") for s in STATUSES}


def status_label(status: str, lang: str = DEFAULT_LANG) -> str:
    return say(f"report.status.{status}", lang)


def figure_labels(f: Finding, lang: str = DEFAULT_LANG) -> tuple[str, str]:
    """What a report calls a finding's ``actual`` and ``expected`` figures: the figure
    printed (in a table, or stated in the prose) and the one it is checked against (the
    sum computed from the other figures, or the table cell the prose restates)."""
    prose = "subject" in f.fields and "row" not in f.fields
    if prose and "table" in f.fields:
        return say("report.figures.stated", lang), say("report.figures.table", lang)
    if prose:
        return say("report.figures.stated", lang), say("report.figures.computed", lang)
    return say("report.figures.printed", lang), say("report.figures.computed", lang)


def severity_label(severity: str, lang: str = DEFAULT_LANG) -> str:
    return say(f"report.severity.{severity}", lang)


def hidden_note(hidden: dict[str, int], fixed: int = 0, lang: str = DEFAULT_LANG) -> str:
    """What a report did not show, and how to see it, as one sentence (or "")."""
    parts = []
    below = [say("report.count", lang, label=severity_label(s, lang), n=hidden[s]) for s in ("warning", "info") if hidden.get(s)]
    if below:
        lowest = "info" if hidden.get("info") else "warning"
        parts.append(say("report.hidden-below", lang, what=say("report.sep.list", lang).join(below), lowest=lowest))
    if hidden.get("known"):
        parts.append(say("report.hidden-known", lang, n=hidden["known"]))
    if fixed:
        parts.append(say("report.hidden-fixed", lang, n=fixed))
    if hidden.get("suppressed"):
        parts.append(say("report.hidden-suppressed", lang, n=hidden["suppressed"]))
    return say("report.sep.clause", lang).join(parts) + say("report.sep.end", lang) if parts else ""


def severity_counts(findings) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


def worst_first_key(findings, error: Optional[str], path: str) -> tuple:
    """Sort key for documents: unreadable ones first, then by errors, warnings, infos."""
    counts = severity_counts(findings)
    return (error is None, -counts["error"], -counts["warning"], -counts["info"], path)


class RuleTable:
    """The rules a streamed report names, in a fixed order as it goes: every rule of
    the pack (sorted by id), then any rule a finding names that the pack does not (a
    plugin's, BL000) in the order first met, so an index given early stays valid."""

    def __init__(self, rules: Mapping[str, Any]):
        self.rules = [RuleInfo(r.id, r.name, r.severity, summary_of(r), r.explain) for r in rules.values()]
        self.rules.sort(key=lambda r: r.id)
        self.index = {r.id: i for i, r in enumerate(self.rules)}

    def add(self, finding: Finding) -> int:
        if finding.rule not in self.index:
            self.index[finding.rule] = len(self.rules)
            self.rules.append(RuleInfo(finding.rule, finding.name, finding.severity, "", ""))
        return self.index[finding.rule]


def dumps(value: Any, level: int = 0) -> str:
    """``value`` as indented JSON, as it would sit ``level`` levels deep in a
    document dumped whole with ``indent=2``; control characters escaped."""
    text = json_safe(json.dumps(value, ensure_ascii=False, indent=2))
    return text.replace("\n", "\n" + "  " * level) if level else text


def file_findings(result: FileResult) -> list[Finding]:
    """A file's findings as every format lists them: its read error first, then by
    line and rule."""
    findings = sorted(result.findings, key=lambda f: (f.line, f.rule))
    return ([result.error_finding()] if result.error else []) + findings
