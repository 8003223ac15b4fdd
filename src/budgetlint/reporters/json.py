"""Findings as JSON: ``{"version", "pack", "files": [{"path", "error", "hidden"}], "findings": [...], "fixed": [...]}``.

Against a baseline or an earlier draft each finding has a ``status`` (new, changed
with its ``previous`` figures, unchanged) and ``fixed`` lists the findings that are gone;
``hidden`` counts what the run did not show, by why (info, known, suppressed).

A file that could not be linted is listed with its ``error`` and also appears as a
finding-like entry (rule BL000, severity error), so a consumer that reads only
``findings`` still sees it. Findings are sorted stably by (path, line, rule).
"""

from __future__ import annotations

import json

from budgetlint import __version__
from budgetlint.core.finding import Finding
from budgetlint.linter.report import Report
from budgetlint.reporters.base import WholeReport


def report_dict(report: Report) -> dict:
    findings: list[Finding] = []
    for fr in report.files:
        if fr.error:
            findings.append(fr.error_finding())
        findings.extend(fr.findings)
    findings.sort(key=lambda f: (f.path, f.line, f.rule))
    fixed = sorted((f for fr in report.files for f in fr.fixed), key=lambda f: (f.path, f.line, f.rule))
    return {
        "version": __version__,
        "pack": report.pack,
        "files": [{"path": fr.path, "error": fr.error, "findings": len(fr.findings), "hidden": dict(fr.hidden)}
                  for fr in report.files],
        "findings": [f.to_dict() for f in findings],
        "fixed": [f.to_dict() for f in fixed],
    }


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


class JsonReporter(WholeReport):
    FORMAT = "json"

    def render(self, report: Report) -> str:
        return render_json(report)
