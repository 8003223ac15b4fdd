"""Findings as JSON: ``{"version", "pack", "findings": [...], "fixed": [...], "files": [{"path", "error",
"pack", "pack_reason", "findings", "hidden"}]}``, and as JSON lines (``jsonl``): one record per file, written as each file is done.

Against a baseline or an earlier draft each finding has a ``status`` (new, changed
with its ``previous`` figures, unchanged) and ``fixed`` lists the findings that are gone;
``hidden`` counts what the run did not show, by why (info, known, suppressed).

A file that could not be linted is listed with its ``error`` and also appears as a
finding-like entry (rule BL000, severity error), so a consumer that reads only
``findings`` still sees it. Findings are in (path, line, rule) order. Both formats
are written as the files arrive: the findings are never all held at once (the
``files`` list, a few fields per file, comes last for that reason).
"""

from __future__ import annotations

import json

from budgetlint import __version__
from budgetlint.core.escape import json_safe
from budgetlint.core.results import FileResult, RunInfo
from budgetlint.linter.report import Report
from budgetlint.reporters.base import Reporter, render_report
from budgetlint.reporters.common import dumps, file_findings


class JsonReporter(Reporter):
    FORMAT = "json"

    def begin(self, run: RunInfo) -> None:
        super().begin(run)
        self.files: list[dict] = []
        self.fixed: list[dict] = []  # a draft's fixed findings: few, and only with a baseline
        self.first = True
        self.out.write(f'{{\n  "version": {dumps(__version__)},\n  "pack": {dumps(run.pack)},\n  "findings": [')

    def file(self, result: FileResult) -> None:
        self.files.append({"path": result.path, "pack": result.pack or self.run.pack, "pack_reason": result.pack_reason,
                           "error": result.error, "findings": len(result.findings), "hidden": dict(result.hidden)})
        self.fixed.extend(f.to_dict() for f in sorted(result.fixed, key=lambda f: (f.line, f.rule)))
        for finding in file_findings(result):
            self.out.write(("\n    " if self.first else ",\n    ") + dumps(finding.to_dict(), 2))
            self.first = False

    def end(self) -> None:
        closing = "]" if self.first else "\n  ]"
        self.out.write(f'{closing},\n  "fixed": {dumps(self.fixed, 1)},\n  "files": {dumps(self.files, 1)}\n}}\n')


class JsonLinesReporter(Reporter):
    """One JSON object per line and file: ``{"path", "pack", "error", "findings"}``,
    flushed as each file is done, so a consumer (or a resumed run) can read every
    complete line of an interrupted report."""

    FORMAT = "jsonl"

    def file(self, result: FileResult) -> None:
        record = {
            "path": result.path,
            "pack": result.pack or self.run.pack,
            "pack_reason": result.pack_reason,
            "error": result.error,
            "findings": [f.to_dict() for f in sorted(result.findings, key=lambda f: (f.line, f.rule))],
            "hidden": dict(result.hidden),
        }
        if result.fixed:
            record["fixed"] = [f.to_dict() for f in sorted(result.fixed, key=lambda f: (f.line, f.rule))]
        self.out.write(json_safe(json.dumps(record, ensure_ascii=False, separators=(",", ":"))) + "\n")
        self.out.flush()


def render_json(report: Report) -> str:
    return render_report(JsonReporter, report)

