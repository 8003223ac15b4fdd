"""--statistics: finding counts per rule."""

from __future__ import annotations

import json

from test_reporters_sample import build_report

from budgetlint.core.finding import Finding
from budgetlint.core.results import FileResult
from budgetlint.linter.report import Report
from budgetlint.reporters.stats import render_statistics, render_statistics_json, statistics


def test_sample_statistics(tmp_path):
    report = build_report(tmp_path)
    rows = [(r.count, r.rule, r.severity) for r in statistics(report)]
    # BL102 has two infos and one error: one row, its severities counted in it.
    assert rows == [(3, "BL102", "error 1, info 2"), (1, "BL110", "error"), (1, "BL201", "warning")]
    assert render_statistics(report) == (
        "3  BL102  error 1, info 2  row-sum      合计 = 基本支出 + 项目支出\n"
        "1  BL110  error            staff-count  实有人数 = 在职 + 退休 + 离休\n"
        "1  BL201  warning          growth       增长率与增减额一致\n"
        "5  共计：错误 2，警告 1，提示 2\n"
        "1  个文件无法检查\n"
    )
    payload = json.loads(render_statistics_json(report))
    assert payload["unreadable_files"] == 1
    assert payload["total"] == 5 and payload["severities"] == {"error": 2, "warning": 1, "info": 2}
    assert payload["rules"][0] == {
        "count": 3, "rule": "BL102", "name": "row-sum", "severity": "error 1, info 2",
        "summary": "合计 = 基本支出 + 项目支出", "severities": {"error": 1, "info": 2},
    }


def test_split_by_severity_on_request(tmp_path):
    rows = [(r.count, r.rule, r.severity) for r in statistics(build_report(tmp_path), by_severity=True)]
    assert rows == [(2, "BL102", "info"), (1, "BL102", "error"), (1, "BL110", "error"), (1, "BL201", "warning")]


def test_counts_align_and_nothing_to_say():
    findings = [Finding("a.txt", i, "BL101", "tree-sum", "error", "m") for i in range(12)]
    findings.append(Finding("a.txt", 1, "BL300", "weights", "warning", "m"))
    out = render_statistics(Report(files=[FileResult("a.txt", findings)]))
    assert out == "12  BL101  error    tree-sum\n 1  BL300  warning  weights\n13  共计：错误 12，警告 1，提示 0\n"
    assert render_statistics(Report(files=[FileResult("a.txt")])) == ""
