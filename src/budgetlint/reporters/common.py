"""What the file-format reporters (HTML, SARIF, GitHub, JUnit, statistics) share."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from budgetlint.core.escape import json_safe
from budgetlint.core.finding import SEVERITIES, Finding
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


def rules_in(report: Report) -> list[RuleInfo]:
    """Every rule of the pack that ran, plus any rule a finding names that the pack
    does not (a finding from a plugin, BL000), sorted by id."""
    out = {
        r.id: RuleInfo(r.id, r.name, r.severity, r.summary, r.explain) for r in report.rules.values()
    }
    for f in [*report.findings, *(f for fr in report.files for f in fr.fixed)]:
        if f.rule not in out:
            out[f.rule] = RuleInfo(f.rule, f.name, f.severity, "", "")
    return [out[k] for k in sorted(out)]


# How a finding's status against a baseline or an earlier draft is shown.
STATUS_LABELS = {"new": "新增", "changed": "有变化", "unchanged": "仍在", "fixed": "已修复"}
HIDDEN_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def hidden_note(hidden: dict[str, int], fixed: int = 0) -> str:
    """What a report did not show, and how to see it, as one sentence (or "")."""
    parts = []
    below = [f"{HIDDEN_LABELS[s]} {hidden[s]} 条" for s in ("warning", "info") if hidden.get(s)]
    if below:
        lowest = "info" if hidden.get("info") else "warning"
        parts.append(f"未显示{'、'.join(below)}（加 --min-severity {lowest} 显示）")
    if hidden.get("known"):
        parts.append(f"基线中已有且未变的 {hidden['known']} 条未显示")
    if fixed:
        parts.append(f"已修复 {fixed} 条")
    if hidden.get("suppressed"):
        parts.append(f"已按注释或配置停用 {hidden['suppressed']} 条")
    return "；".join(parts) + "。" if parts else ""


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
        self.rules = [RuleInfo(r.id, r.name, r.severity, r.summary, r.explain) for r in rules.values()]
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
