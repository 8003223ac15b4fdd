"""SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps, VS Code viewers).

One run; ``tool.driver.rules`` lists every rule of the pack with its explanation as
help text; each finding is a result pointing at its input line. A file that could
not be read is a tool execution notification, not a result: no rule found it.
"""

from __future__ import annotations

import hashlib
from typing import Optional
from urllib.parse import quote

from budgetlint import __version__
from budgetlint.core.finding import Finding, Place
from budgetlint.core.results import READ_ERROR_RULE, FileResult, RunInfo
from budgetlint.linter.report import Report
from budgetlint.reporters.base import Reporter, ReportOptions, render_report
from budgetlint.reporters.common import RuleInfo, RuleTable, dumps, full_message, relative_path

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# SARIF's own words for a result against a baseline (§3.27.24).
BASELINE_STATES = {"new": "new", "changed": "updated", "unchanged": "unchanged", "fixed": "absent"}


def _uri(path: str, base: Optional[str]) -> str:
    rel = relative_path(path, base)
    # A URI reference: percent-encode what is not allowed (spaces, Chinese names),
    # keeping the separators.
    if rel.startswith("/"):
        return "file://" + quote(rel, safe="/")
    return quote(rel, safe="/")


def _location(path: str, line: int, end_line: Optional[int], base: Optional[str], message: str = "",
              place: Optional[Place] = None) -> dict:
    region: dict = {"startLine": max(1, line)}
    if end_line and end_line > line:
        region["endLine"] = end_line
    if place is not None:
        # A PDF has no lines a viewer can open: the page and the boxes (PDF points from
        # the page's top left) are what locate the finding there.
        region["properties"] = {"page": place.page, "region": list(place.region), "boxes": [list(m) for m in place.marks]}
    loc = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(path, base)},
            "region": region,
        }
    }
    if message:
        loc["message"] = {"text": message}
    return loc


def _result(f: Finding, index: int, base: Optional[str]) -> dict:
    result = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": full_message(f)},
        "locations": [_location(f.path, f.line, f.end_line, base, place=f.place)],
    }
    if f.related:
        result["relatedLocations"] = [
            dict(_location(f.path, r.line, None, base, r.message), id=i + 1) for i, r in enumerate(f.related)
        ]
    # Stable across runs while the text above the finding changes (a line inserted
    # earlier shifts every line number): code-scanning tools match alerts on it.
    key = "\x1f".join((f.rule, relative_path(f.path, base), f.message))
    result["partialFingerprints"] = {"budgetlint/v1": hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]}
    if f.fingerprint:
        # What budgetlint's own baselines match on: the same across re-wrapping and new figures.
        result["partialFingerprints"]["budgetlint/finding/v1"] = f.fingerprint
    if f.status:
        result["baselineState"] = BASELINE_STATES[f.status]
    props = {k: v for k, v in (("name", f.name), ("expected", f.expected), ("actual", f.actual),
                                ("computation", f.computation), ("page", f.page), ("previous", f.previous))
             if v is not None}
    result["properties"] = props
    return result


def _driver_rule(r: RuleInfo) -> dict:
    entry = {
        "id": r.id,
        "name": r.name,
        "shortDescription": {"text": r.summary or r.name},
        "defaultConfiguration": {"level": LEVELS.get(r.severity, "warning")},
    }
    if r.explain:
        entry["fullDescription"] = {"text": r.explain.strip().split("\n\n")[0]}
        entry["help"] = {"text": r.explain}
    return entry


class SarifReporter(Reporter):
    """Streams the results as files arrive (``results`` first in the run object, so
    nothing waits for the end); the rules, the invocation and its notifications of
    unreadable files come after, once all are known."""

    FORMAT = "sarif"

    def begin(self, run: RunInfo) -> None:
        super().begin(run)
        self.rules = RuleTable(run.rules)
        self.notifications: list[dict] = []
        self.file_packs: dict[str, dict] = {}  # per file: the pack and why (detected or configured)
        self.first = True
        self.out.write(f'{{\n  "$schema": {dumps(SCHEMA_URI)},\n  "version": "2.1.0",\n  "runs": [\n    {{\n      "results": [')

    def file(self, result: FileResult) -> None:
        base = self.options.base
        if result.pack:
            self.file_packs[relative_path(result.path, base)] = {"pack": result.pack, "reason": result.pack_reason}
        if result.error:
            self.notifications.append({
                "level": "error",
                "message": {"text": result.error},
                "descriptor": {"id": READ_ERROR_RULE},
                "locations": [_location(result.path, 1, None, base)],
            })
        # Gone since the baseline: SARIF lists them as results whose baselineState is absent.
        for f in [*sorted(result.findings, key=Finding.sort_key), *sorted(result.fixed, key=Finding.sort_key)]:
            entry = _result(f, self.rules.add(f), base)
            self.out.write(("\n        " if self.first else ",\n        ") + dumps(entry, 4))
            self.first = False

    def end(self) -> None:
        tool = {
            "driver": {
                "name": "budgetlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_driver_rule(r) for r in self.rules.rules],
            }
        }
        invocations = [{"executionSuccessful": not self.notifications, "toolExecutionNotifications": self.notifications}]
        closing = "]" if self.first else "\n      ]"
        self.out.write(
            f'{closing},\n      "tool": {dumps(tool, 3)},\n      "invocations": {dumps(invocations, 3)},\n'
            f'      "properties": {dumps({"pack": self.run.pack, "files": self.file_packs}, 3)}\n    }}\n  ]\n}}\n'
        )


def render_sarif(report: Report, base: Optional[str] = None) -> str:
    return render_report(SarifReporter, report, ReportOptions(base=base))
