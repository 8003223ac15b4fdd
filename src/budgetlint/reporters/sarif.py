"""SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps, VS Code viewers).

One run; ``tool.driver.rules`` lists every rule of the pack with its explanation as
help text; each finding is a result pointing at its input line. A file that could
not be read is a tool execution notification, not a result: no rule found it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Optional
from urllib.parse import quote

from budgetlint import __version__
from budgetlint.core.finding import Finding
from budgetlint.core.results import READ_ERROR_RULE
from budgetlint.linter.report import Report
from budgetlint.reporters.base import WholeReport
from budgetlint.reporters.common import full_message, relative_path, rules_in

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


def _location(path: str, line: int, end_line: Optional[int], base: Optional[str], message: str = "") -> dict:
    region = {"startLine": max(1, line)}
    if end_line and end_line > line:
        region["endLine"] = end_line
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
        "locations": [_location(f.path, f.line, f.end_line, base)],
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


def sarif_dict(report: Report, base: Optional[str] = None) -> dict:
    rules = rules_in(report)
    index = {r.id: i for i, r in enumerate(rules)}
    driver_rules = []
    for r in rules:
        entry = {
            "id": r.id,
            "name": r.name,
            "shortDescription": {"text": r.summary or r.name},
            "defaultConfiguration": {"level": LEVELS.get(r.severity, "warning")},
        }
        if r.explain:
            entry["fullDescription"] = {"text": r.explain.strip().split("\n\n")[0]}
            entry["help"] = {"text": r.explain}
        driver_rules.append(entry)

    notifications = [
        {
            "level": "error",
            "message": {"text": fr.error},
            "descriptor": {"id": READ_ERROR_RULE},
            "locations": [_location(fr.path, 1, None, base)],
        }
        for fr in report.files
        if fr.error
    ]
    findings = sorted(report.findings, key=Finding.sort_key)
    # Gone since the baseline: SARIF lists them as results whose baselineState is absent.
    findings += sorted((f for fr in report.files for f in fr.fixed), key=Finding.sort_key)
    run = {
        "tool": {
            "driver": {
                "name": "budgetlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": driver_rules,
            }
        },
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": [_result(f, index[f.rule], base) for f in findings],
        "properties": {"pack": report.pack},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(report: Report, base: Optional[str] = None) -> str:
    return json.dumps(sarif_dict(report, base), ensure_ascii=False, indent=2) + "\n"


class SarifReporter(WholeReport):
    FORMAT = "sarif"

    def render(self, report: Report) -> str:
        return render_sarif(report, base=self.options.base)
