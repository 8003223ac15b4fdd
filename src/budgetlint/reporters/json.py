"""Findings as JSON: ``{"version", "pack", "files": [{"path", "error"}], "findings": [...]}``.

A file that could not be linted is listed with its ``error`` and also appears as a
finding-like entry (rule BL000, severity error), so a consumer that reads only
``findings`` still sees it. Findings are sorted stably by (path, line, rule).
"""

from __future__ import annotations

import json

from .. import __version__
from ..linter.finding import Finding
from ..linter.lint import error_finding
from ..linter.report import Report


def report_dict(report: Report) -> dict:
    findings: list[Finding] = []
    for fr in report.files:
        if fr.error:
            findings.append(error_finding(fr))
        findings.extend(fr.findings)
    findings.sort(key=lambda f: (f.path, f.line, f.rule))
    return {
        "version": __version__,
        "pack": report.pack,
        "files": [{"path": fr.path, "error": fr.error, "findings": len(fr.findings)} for fr in report.files],
        "findings": [f.to_dict() for f in findings],
    }


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"
