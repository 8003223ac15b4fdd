"""project-crossref and perf-summary on the corpus: the full list of findings, each a
real inconsistency checked by hand against the document text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.rules.base import Rule
from budgetlint.rules.checks import perf_summary, project_crossref
from budgetlint.rules.checks.project_crossref import agree
from conftest import parsed


def run(module, key, **params):
    merged = {name: default for name, (_, default) in module.PARAMS.items()}
    merged.update(params)
    rule = Rule(id="BL3xx", name=module.NAME, check=module.NAME, params=merged)
    return list(module.check(parsed(key), rule))


def test_same_quantity_printed_twice_agrees_only_within_the_coarser_unit():
    assert agree(Decimal("24.24"), Decimal("24.24"))
    assert agree(Decimal("24.2"), Decimal("24.24"))
    assert agree(Decimal("3100"), Decimal("3100.00"))
    assert not agree(Decimal("24.25"), Decimal("24.24"))
    assert agree(Decimal("24.25"), Decimal("24.24"), tolerance=Decimal("0.01"))


CROSSREF = {
    # 表7 (rows from line 1025, figure at 1040) prints 24.24; the prose, 24.25 (line 1391)
    # One unit of the last digit apart: graded like prose-table's restatements (warning).
    "changji-city": [(1391, "warning", [1025], ("24.25", "24.24"))],
    # the 3900 performance table names the project （企业社会保险补贴）; 表7 （社保补贴）
    "urumqi": [(2428, "info", [779], ("企业社会保险补贴", "社保补贴"))],
    # the prose list renames three projects that 表7 and the tables agree on
    "prefecture-2020": [
        (1336, "info", [1072], ("社保基金专业审计工作经费", "社保基金监督检查审计经费")),
        (1343, "info", [1089], ("四级联动的视频会议系统及日常网络维护费", "四级联动的视频会议系统使用及日常网络维护费")),
        (1349, "info", [1106], ("劳动人事争议仲裁工作经费", "劳动人事争议调解仲裁工作经费")),
    ],
    "center-2025": [],
}


@pytest.mark.parametrize("key", sorted(CROSSREF))
def test_crossref_findings_on_the_corpus(key):
    findings = sorted(run(project_crossref, key), key=lambda f: f.line)
    assert [(f.line, f.severity, [r.line for r in f.related]) for f in findings] == [
        (line, severity, related) for line, severity, related, _ in CROSSREF[key]
    ]
    for finding, (_, _, _, words) in zip(findings, CROSSREF[key]):
        assert all(word in finding.message for word in words), finding.message
    if key == "changji-city":
        assert (findings[0].computation, findings[0].expected, findings[0].actual) == ("24.25 ≠ 24.24", "24.24", "24.25")


def test_crossref_requiring_performance_tables():
    # 昌吉市 has no table for 提前下达…资金预算 (its summary counts 2 projects, so this
    # is reported only where a pack demands a table for every project)
    findings = [
        f for f in run(project_crossref, "changji-city", require_perf=True)
        if f.severity == "warning" and "金额不一致" not in f.message
    ]
    assert [(f.line, [r.line for r in f.related]) for f in findings] == [(1025, [1391])]


SUMMARY = {
    "changji-city": [],  # 2 projects, 3106.92 = 6.92 + 3100
    # "非财政拨款项目 0 个，涉及预算金额 14882.6 万元": no projects, yet an amount
    "urumqi": [(1399, "error", [1397])],
    "prefecture-2020": [],  # 8 projects, 109 = 40 + 7 + 10 + 5 + 15 + 10 + 12 + 10
    "center-2025": [],  # 6 tables; 319.40 = 120 + 28.40 + 120 + 18 + 33; 785.85 = 740.08 + 45.77
}


@pytest.mark.parametrize("key", sorted(SUMMARY))
def test_perf_summary_findings_on_the_corpus(key):
    findings = sorted(run(perf_summary, key), key=lambda f: f.line)
    assert [(f.line, f.severity, [r.line for r in f.related]) for f in findings] == SUMMARY[key]


def test_rows_of_one_name_agree_by_their_sum_or_one_row():
    from budgetlint.parse import parse_source
    from budgetlint.ingest import load_text

    text = """# 表

表 7

## 一般公共预算项目支出情况表

| 科目编码 |  |  | 功能分类科目名称 | 项目名称 | 项目支出<br>合计 |
|---|---|---|---|---|---|
| 208 | 01 | 02 | 一般行政管理事务 | 人员经费补助 | 10.00 |
| 208 | 01 | 99 | 其他人力资源和社会保障管理事务支出 | 人员经费补助 | 5.00 |

## 七、项目支出情况说明

(一) 项目名称：人员经费补助

预算安排规模：{amount}万元
"""
    rule = Rule(id="BL3xx", name="x", check="project-crossref", params={})
    for amount, lines in (("15.00", []), ("5.00", []), ("16.00", [16])):
        doc = parse_source(load_text(text.replace("{amount}", amount), path="t.md"))
        assert [f.line for f in project_crossref.check(doc, rule)] == lines, amount
