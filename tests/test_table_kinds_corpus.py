"""Every table of every corpus document is found and given its kind, in document order.

The lists were written from the documents themselves (their 目录 and the tables in the
text), not from the tool's output: the Xinjiang four number their tables 表1…表11
(表一…表九 in 2020, in another order); Jiangsu labels them 公开01表…公开12表 or 一、…十二、
with the unit in the title; Shanghai prints bare titles (收入决算表, 2024年部门收入预算总表)
over a 单位 line. The 决算 tables take the kind of their 预算 counterpart.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from conftest import corpus_path
from budgetlint.ingest import load_path
from budgetlint.parse import parse_source

XINJIANG_2023 = ["summary", "income", "expenditure", "fiscal-summary", "gpb-expenditure", "gpb-basic",
                 "gpb-project", "gov-fund", "soe-capital", "three-public"]
# 公开01表…公开12表 (the cppcc office's -tables file), and the same twelve as 一、…十二、
# (high court) or 公开 01 表：… (procuratorate): 收支预算总表, 收入预算总表, 支出预算总表,
# 财政拨款收支预算总表, 财政拨款支出预算表, 财政拨款基本支出预算表, 一般公共预算支出预算表,
# 一般公共预算基本支出预算表, “三公”经费、会议费、培训费支出预算表, 政府性基金(财政拨款)支出
# 预算表, 一般公共预算机关运行经费支出预算表, 政府采购(支出)预算表.
JIANGSU_2018 = ["summary", "income", "expenditure", "fiscal-summary", "fiscal-expenditure", "fiscal-basic",
                "gpb-expenditure", "gpb-basic", "three-public", "gov-fund", "operating-costs", "procurement"]
# 收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表, 一般公共预算财政拨款支出
# 决算表, 一般公共预算财政拨款基本支出决算表, 财政拨款“三公”经费支出决算表, 政府性基金预算财政
# 拨款收入支出决算表, 国有资本经营预算财政拨款收入支出决算表.
SHANGHAI_FINAL = ["summary", "income", "expenditure", "fiscal-summary", "gpb-expenditure", "gpb-basic",
                  "three-public", "gov-fund", "soe-capital"]
# 部门财务收支预算总表, 部门收入预算总表, 部门支出预算总表, 部门财政拨款收支预算总表, 一般公共预算
# 支出功能分类预算表, 政府性基金预算支出功能分类预算表, 国有资本经营预算支出功能分类预算表, 一般
# 公共预算基本支出部门预算经济分类预算表, 部门“三公”经费和机关运行经费预算表.
SHANGHAI_BUDGET = ["summary", "income", "expenditure", "fiscal-summary", "gpb-expenditure", "gov-fund",
                   "soe-capital", "gpb-basic", "three-public"]

TEXT_KINDS = {
    "changji-city-hrss-2023.txt": XINJIANG_2023,
    "urumqi-gaoxin-hrss-2023.txt": XINJIANG_2023,
    # 表一…表九: 表七 is 项目支出情况表, 表八 the 三公 table before 表九 政府性基金.
    "changji-prefecture-hrss-2020.txt": ["summary", "income", "expenditure", "fiscal-summary", "gpb-expenditure",
                                         "gpb-basic", "gpb-project", "three-public", "gov-fund"],
    "changji-prefecture-hrss-center-2025.md": XINJIANG_2023 + ["carryover"],
    "other-provinces/jiangsu-cppcc-office-2018-budget-tables.txt": JIANGSU_2018,
    "other-provinces/jiangsu-cppcc-office-2018-budget.txt": [],  # 附后: the tables are the file above
    "other-provinces/jiangsu-high-court-2018-budget.txt": JIANGSU_2018,
    "other-provinces/jiangsu-procuratorate-2018-budget.txt": JIANGSU_2018,
    "other-provinces/shanghai-dept-final-accounts-template-2024.txt": SHANGHAI_FINAL,
    "other-provinces/shanghai-putuo-social-work-dept-2024-final-accounts.txt": SHANGHAI_FINAL,
    "other-provinces/shanghai-putuo-wanli-subdistrict-2024-budget.txt": SHANGHAI_BUDGET,
    "other-provinces/shanghai-putuo-wanli-subdistrict-2025-budget.txt": SHANGHAI_BUDGET,
}
# The PDFs print the same tables; the 决算 ones also the list of the units the 决算
# covers (序号 / 单位名称 / 备注, a ruled table of no kind) before the first.
PDF_KINDS = {
    "jiangsu-cppcc-office-2018-budget-tables": JIANGSU_2018,
    "jiangsu-cppcc-office-2018-budget": [],
    "jiangsu-high-court-2018-budget": JIANGSU_2018,
    "jiangsu-procuratorate-2018-budget": JIANGSU_2018,
    "shanghai-dept-final-accounts-template-2024": ["other"] + SHANGHAI_FINAL,
    "shanghai-putuo-social-work-dept-2024-final-accounts": ["other"] + SHANGHAI_FINAL,
    "shanghai-putuo-wanli-subdistrict-2024-budget": SHANGHAI_BUDGET,
    "shanghai-putuo-wanli-subdistrict-2025-budget": SHANGHAI_BUDGET,
}


@lru_cache(maxsize=None)
def kinds(name: str) -> list[str]:
    return [t.role for t in parse_source(load_path(corpus_path(name))).tables()]


@pytest.mark.parametrize("name", sorted(TEXT_KINDS))
def test_every_table_of_the_text_is_found_with_its_kind(name):
    assert kinds(name) == TEXT_KINDS[name]


@pytest.mark.parametrize("stem", sorted(PDF_KINDS))
def test_every_table_of_the_pdf_is_found_with_its_kind(stem):
    assert kinds(f"other-provinces/{stem}.pdf") == PDF_KINDS[stem]


def test_wrapped_titles_are_whole():
    titles = [t.title for t in parse_source(load_path(corpus_path(
        "other-provinces/jiangsu-procuratorate-2018-budget.txt"))).tables()]
    # 公开 09 表：一般公共预算“三公”经费、会议费、培训费 / 支出预算表
    assert titles[8] == "一般公共预算“三公”经费、会议费、培训费支出预算表"
    assert titles[11] == "政府采购支出预算表"


@pytest.mark.parametrize("name, unit", [
    ("other-provinces/shanghai-putuo-wanli-subdistrict-2024-budget.txt", ["元"] * 8 + ["万元"]),
    ("other-provinces/jiangsu-high-court-2018-budget.txt", ["万元"] * 12),
])
def test_each_table_keeps_its_own_unit(name, unit):
    # Shanghai prints its tables in 元 (编制部门：… 单位：元), the 三公 table in 万元.
    assert [t.unit for t in parse_source(load_path(corpus_path(name))).tables()] == unit


def test_a_table_of_contents_is_neither_table_nor_list():
    doc = parse_source(load_path(corpus_path("other-provinces/shanghai-putuo-wanli-subdistrict-2024-budget.txt")))
    first = min(t.line for t in doc.tables())
    # the 目录 lists the nine tables (lines 9-17) with dot leaders before the tables
    assert first > 17
    items = [p for p in doc.paragraphs() if p.list_item and p.list_item != "目录" and p.line <= 23]
    assert not items


OTHERS = [f"other-provinces/{stem}.{ext}" for stem in sorted(PDF_KINDS) for ext in ("txt", "pdf")]


@lru_cache(maxsize=None)
def table_findings(name: str):
    from budgetlint.linter.lint import lint_file
    from budgetlint.rules.loader import load_pack

    result = lint_file(str(corpus_path(name)), load_pack("core"))
    # BL131 (which tables and parts a document of its kind must have) is the profile's
    # expected layout, not what the tables say; the rest of BL1xx reads the tables.
    return [f for f in result.findings if f.rule.startswith("BL1") and f.rule != "BL131"]


@pytest.mark.parametrize("name", OTHERS)
def test_the_tables_of_the_other_provinces_raise_only_confirmed_findings(name):
    found = {(f.rule, f.severity) for f in table_findings(name) if f.severity != "info"}
    if name.startswith("other-provinces/jiangsu-high-court"):
        # 十、政府性基金预算财政拨款支出预算表 prints its header and an empty 合计 row and no
        # note saying why it is empty (the 情况说明 only says 支出 0 万元): BL132, real.
        assert found == {("BL132", "warning")}
    else:
        # Jiangsu's PDFs among them: the 支出合计 cell merged over two columns of 公开01表
        # once read as an unbalanced side (BL111), 公开03表's 单位预留机动经费 as a
        # 合计 ≠ 基本支出 + 项目支出 (BL102: 10,150.48 = 5,678.17 + 3,314.68 + 1,157.63).
        assert found == set()


def test_codes_sum_in_shanghai_tables_in_yuan():
    # 2025年部门支出预算总表: 212 01 城乡社区管理事务 94,995,790 元, its 项 rows
    # 17,887,739 + 17,464,243 + 6,522,681 + 53,121,126 = 94,995,789: one 元 off, which the
    # rounding of four figures to the 元 explains (info).
    found = [f for f in table_findings("other-provinces/shanghai-putuo-wanli-subdistrict-2025-budget.txt")
             if f.rule == "BL101" and "212 01" in f.message and "支出预算总表" in f.message]
    assert [f.severity for f in found] == ["info"]
    assert "94995790 ≠ 17887739 + 17464243 + 6522681 + 53121126 = 94995789" in found[0].message
