"""Rows of cell tables (Word text, Markdown): columns, codes, names, every figure.

Expected values are read off the documents by hand: for Word text the row's line is
the input line of its first non-empty cell (of its side, in a two-sided table), for
Markdown the line of the pipe row.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.readers.cells.table import read_cell_rows
from budgetlint.readers.cells.header import column_paths, grid_rows, header_length, is_numbering_row
from budgetlint.core.figures import parse_figure
from budgetlint.outline.raw import RawTable
from budgetlint.ingest import load_text
from budgetlint.core.model import Line, Table

from conftest import parsed


def _table(key: str, role: str) -> Table:
    table = parsed(key).table_by_role(role)
    assert table is not None, f"{key}: no table with role {role}"
    return table


def _row(rows, line: int):
    found = [r for r in rows if r.line == line]
    assert len(found) == 1, f"rows at line {line}: {found}"
    return found[0]


def _values(row) -> dict:
    return {k: (None if v is None else str(v)) for k, v in row.values.items()}


def _expect(row, columns, figures, *, name, code=None, kind="item", level=None, text=None):
    """``figures`` lists the printed figure of every column in order, None for empty."""
    assert row.name == name
    assert row.code == (None if code is None else code.replace(" ", ""))
    assert row.code_parts == (tuple(code.split()) if code else ())
    assert row.kind == kind
    expected_level = level if level is not None else (len(code.split()) if code else None)
    assert row.level == expected_level
    assert _values(row) == dict(zip([c.key for c in columns], figures, strict=True))
    if text is not None:
        assert row.text == text
    assert not row.ambiguous


# ---------------------------------------------------------------------------
# changji-prefecture-hrss-2020.txt (Word text, 表一 … 表九)

W = "prefecture-2020"

LEVEL3_KEYS_2020 = ["小计", "基本支出", "项目支出"]
PROJECT_KEYS = [
    "项目支出合计", "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "债务利息及费用支出",
    "资本性支出（基本建设）", "资本性支出", "对企业补助（基本建设）", "对企业补助", "对社会保障基金补助", "其他支出",
]


def test_word_tables_have_no_unparsed_rows():
    doc = parsed(W)
    tables = doc.tables()
    assert [t.number_text for t in tables] == ["表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九"]
    for table in tables:
        assert table.unparsed == [], table.number_text


def test_word_summary_two_sides():
    t = _table(W, "summary")
    assert t.rows == [] and t.columns == []
    assert [c.key for c in t.side_columns["income"]] == ["预算数"]
    assert [c.key for c in t.side_columns["expenditure"]] == ["预算数"]
    assert t.side_columns["income"][0].path == ("收 入",)
    income, spend = t.sides["income"], t.sides["expenditure"]
    assert len(income) == 11  # 8 items, 小计, 单位上年结余, 收入总计
    assert len(spend) == 29  # 27 功能分类 类 rows, 小计, 支出合计
    cols_i, cols_e = t.side_columns["income"], t.side_columns["expenditure"]
    _expect(_row(income, 36), cols_i, ["1355.44"], name="财政拨款（补助）")
    _expect(_row(income, 71), cols_i, [None], name="用事业基金弥补收支差额")
    _expect(_row(spend, 73), cols_e, ["1355.44"], name="社会保障和就业支出", code="208")
    _expect(_row(spend, 78), cols_e, [None], name="卫生健康支出", code="210")  # printed "210卫生健康支出"
    _expect(_row(income, 171), cols_i, ["1355.44"], name="小计", kind="subtotal", level=0)
    _expect(_row(spend, 173), cols_e, ["1355.44"], name="小计", kind="subtotal", level=0)
    _expect(_row(income, 176), cols_i, [None], name="单位上年结余（不包括国库集中支付额度结余）")
    _expect(_row(income, 181), cols_i, ["1355.44"], name="收入总计", kind="total", level=0)
    _expect(_row(spend, 183), cols_e, ["1355.44"], name="支出合计", kind="total", level=0)


def test_word_income_table():
    t = _table(W, "income")
    assert [c.key for c in t.columns] == [
        "总计", "一般公共预算拨款", "政府性基金预算拨款", "财政专户管理资金", "事业收入", "事业单位经营收入",
        "其他收入", "用事业基金弥补收支差额", "单位上年结余（不包括国库集中支付额度结余）",
    ]
    assert t.columns[0].title == "总 计"
    assert len(t.rows) == 7
    rest = [None] * 7
    _expect(_row(t.rows, 217), t.columns, ["1246.44", "1246.44"] + rest, name="行政运行", code="208 01 01")
    _expect(_row(t.rows, 287), t.columns, ["10", "10"] + rest, name="劳动人事争议调解仲裁", code="208 01 12")
    _expect(_row(t.rows, 304), t.columns, ["1355.44", "1355.44"] + rest, name="合计", kind="total", level=0)


@pytest.mark.parametrize("role", ["expenditure", "gpb-expenditure"])
def test_word_expenditure_tables(role):
    t = _table(W, role)
    keys = ["合计", "基本支出", "项目支出"] if role == "expenditure" else LEVEL3_KEYS_2020
    assert [c.key for c in t.columns] == keys
    assert t.columns[0].path == (("支出预算",) if role == "expenditure" else ("一般公共预算支出",))
    assert len(t.rows) == 7
    first = 338 if role == "expenditure" else 633
    _expect(t.rows[0], t.columns, ["1246.44", "1246.44", "0"], name="行政运行", code="208 01 01")
    assert t.rows[0].line == first
    assert _values(t.rows[1]) == dict(zip(keys, ["62", "0", "62"]))
    _expect(t.rows[-1], t.columns, ["1355.44", "1246.44", "109"], name="合计", kind="total", level=0)
    assert t.rows[-1].values[keys[0]] == Decimal("1355.44")


def test_word_fiscal_summary_two_sides():
    t = _table(W, "fiscal-summary")
    cols_i, cols_e = t.side_columns["income"], t.side_columns["expenditure"]
    assert [c.key for c in cols_i] == ["合计"]
    assert [c.key for c in cols_e] == ["合计", "一般公共预算", "政府性基金预算"]
    income, spend = t.sides["income"], t.sides["expenditure"]
    assert [r.name for r in income] == ["财政拨款（补助）", "一般公共预算", "政府性基金预算", "收入总计"]
    assert len(spend) == 28
    _expect(_row(income, 416), cols_i, ["1355.44"], name="一般公共预算")
    _expect(_row(spend, 460), cols_e, ["1355.44", "1355.44", None], name="社会保障和就业支出", code="208")
    _expect(_row(spend, 432), cols_e, [None, None, None], name="公共安全支出", code="204")
    # A side of a Word row starts at its own first cell: "201 一般公共服务支出" is line 411.
    _expect(_row(spend, 411), cols_e, [None, None, None], name="一般公共服务支出", code="201")
    _expect(_row(income, 598), cols_i, ["1355.44"], name="收入总计", kind="total", level=0)
    _expect(_row(spend, 600), cols_e, ["1355.44", "1355.44", None], name="支出总计", kind="total", level=0)


def test_word_basic_expenditure_economic_codes():
    t = _table(W, "gpb-basic")
    assert [c.key for c in t.columns] == ["小计", "人员经费", "公用经费"]
    assert len(t.rows) == 31  # 11 of 301, 13 of 302, 6 of 303, 合计
    _expect(_row(t.rows, 729), t.columns, ["336.19", "336.19", "0"], name="基本工资", code="301 01")
    _expect(_row(t.rows, 848), t.columns, ["15", "0", "15"], name="维修(护)费", code="302 13")
    _expect(_row(t.rows, 932), t.columns, ["5", "5", "0"], name="其他对个人和家庭的补助", code="303 99")
    total = _row(t.rows, 941)
    _expect(total, t.columns, ["1246.44", "1085.10", "161.34"], name="合计", kind="total", level=0)


def test_word_project_table_names_projects():
    t = _table(W, "gpb-project")
    assert [c.key for c in t.columns] == PROJECT_KEYS
    assert len(t.rows) == 9
    none9 = [None] * 9
    _expect(
        _row(t.rows, 987), t.columns, ["40", None, "40"] + none9[1:], name="一般行政管理事务", code="208 01 02",
        text={"项目名称": "劳动保障大厦办公楼维修、消防、保安、保洁后勤工作经费"},
    )
    _expect(
        _row(t.rows, 1089), t.columns, ["12", None, "12"] + none9[1:], name="信息化建设", code="208 01 08",
        text={"项目名称": "四级联动的视频会议系统使用及日常网络维护费"},
    )
    # 合计 is printed in the 项目名称 column, the 科目 column left blank.
    _expect(_row(t.rows, 1127), t.columns, ["109", None, "109"] + none9[1:], name="合计", kind="total", level=0)


def test_word_three_public_printed_transposed():
    t = _table(W, "three-public")
    assert [c.key for c in t.columns] == ["合计"]
    assert [(r.name, _values(r)["合计"], r.kind) for r in t.rows] == [
        ("合计", "16.1", "total"),
        ("因公出国（境）费", "0", "item"),
        ("公务用车购置及运行费", "15.4", "item"),
        ("公务用车购置费", "0", "item"),
        ("公务用车运行费", "15.4", "item"),
        ("公务接待费", "0.7", "item"),
    ]
    assert {r.line for r in t.rows} == {1162}
    assert t.total_row.level == 0


def test_word_empty_gov_fund_table_keeps_header():
    t = _table(W, "gov-fund")
    assert [c.key for c in t.columns] == LEVEL3_KEYS_2020
    assert t.rows == []
    assert t.is_empty
    assert t.note and "空表" in t.note


# ---------------------------------------------------------------------------
# changji-prefecture-hrss-center-2025.md (Markdown, 表1 … 表11)

M = "center-2025"

INCOME_2025 = [
    "总计", "财政拨款（补助）小计", "一般公共预算", "上级一般公共预算安排的转移支付", "政府性基金预算",
    "上级政府性基金安排的转移支付", "国有资本经营预算", "上级国有资本经营预算安排的转移支付",
    "财政专户（教育收费）", "单位资金", "财政拨款结转", "非财政拨款结转结余",
]


def test_markdown_tables_have_no_unparsed_rows():
    tables = parsed(M).tables()
    assert len(tables) == 11
    for table in tables:
        assert table.unparsed == [], table.number_text


def test_markdown_summary_two_sides():
    t = _table(M, "summary")
    cols_i, cols_e = t.side_columns["income"], t.side_columns["expenditure"]
    assert [c.key for c in cols_i] == ["预算数"] and [c.key for c in cols_e] == ["预算数"]
    income, spend = t.sides["income"], t.sides["expenditure"]
    assert len(income) == 26 and len(spend) == 30
    _expect(_row(income, 99), cols_i, ["740.08"], name="一、本年收入")
    _expect(_row(income, 100), cols_i, ["730.08"], name="1.一般公共预算拨款")
    _expect(_row(income, 101), cols_i, ["730.08"], name="其中:一般财力")
    _expect(_row(income, 116), cols_i, ["45.77"], name="二、上年结转结余")
    _expect(_row(income, 123), cols_i, ["45.77"], name="单位资金")
    _expect(_row(spend, 106), cols_e, ["730.37"], name="社会保障和就业支出", code="208")
    _expect(_row(spend, 108), cols_e, ["22.01"], name="卫生健康支出", code="210")
    _expect(_row(spend, 118), cols_e, ["33.47"], name="住房保障支出", code="221")
    _expect(_row(spend, 127), cols_e, [None], name="债务发行费用支出", code="233")
    _expect(_row(income, 129), cols_i, ["785.85"], name="收入总计", kind="total", level=0)
    _expect(_row(spend, 129), cols_e, ["785.85"], name="支出总计", kind="total", level=0)


def test_markdown_income_table_split_at_page_break():
    t = _table(M, "income")
    assert [c.key for c in t.columns] == INCOME_2025
    assert t.columns[1].path == ("财政拨款（补助）",)
    assert len(t.rows) == 20  # 11 before the page break, 9 after; the repeated header dropped
    e = [None] * 6
    _expect(_row(t.rows, 143), t.columns, ["785.85", "730.08", "730.08"] + e + ["10.00", None, "45.77"],
            name="总计", kind="total", level=0)
    _expect(_row(t.rows, 149), t.columns, ["306.77", "273.00", "273.00"] + e + [None, None, "33.77"],
            name="其他人力资源和社会保障管理事务支出", code="208 01 99")
    _expect(_row(t.rows, 145), t.columns, ["668.00", "612.23", "612.23"] + e + ["10.00", None, "45.77"],
            name="人力资源和社会保障管理事务", code="208 01")
    _expect(_row(t.rows, 163), t.columns, ["22.01", "22.01", "22.01"] + e + [None, None, None],
            name="卫生健康支出", code="210")
    _expect(_row(t.rows, 171), t.columns, ["33.47", "33.47", "33.47"] + e + [None, None, None],
            name="住房公积金", code="221 02 01")


@pytest.mark.parametrize(
    "role, rows, total",
    [("expenditure", 20, ["785.85", "410.68", "375.17"]), ("gpb-expenditure", 20, ["730.08", "410.68", "319.40"])],
)
def test_markdown_expenditure_tables(role, rows, total):
    t = _table(M, role)
    assert [c.key for c in t.columns] == ["合计", "基本支出", "项目支出"]
    assert len(t.rows) == rows
    _expect(t.rows[0], t.columns, total, name="总计", kind="total", level=0)
    parent = t.rows[1]
    assert (parent.code_parts, parent.level, parent.name) == (("208",), 1, "社会保障和就业支出")
    first = 190 if role == "expenditure" else 265
    _expect(_row(t.rows, first), t.columns, [("50.40" if role == "expenditure" else "28.40"), None,
            ("50.40" if role == "expenditure" else "28.40")], name="一般行政管理事务", code="208 01 02")


def test_markdown_fiscal_summary_two_sides():
    t = _table(M, "fiscal-summary")
    cols_i, cols_e = t.side_columns["income"], t.side_columns["expenditure"]
    assert [c.key for c in cols_i] == ["合计"]
    assert [c.key for c in cols_e] == ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    income, spend = t.sides["income"], t.sides["expenditure"]
    assert [r.name for r in income] == ["一、财政拨款（补助）", "一般公共预算", "政府性基金预算", "国有资本经营预算", "收入总计"]
    assert len(spend) == 30
    _expect(_row(income, 216), cols_i, ["730.08"], name="一、财政拨款（补助）")
    _expect(_row(spend, 223), cols_e, ["674.60", "674.60", None, None], name="社会保障和就业支出", code="208")
    _expect(_row(spend, 235), cols_e, ["33.47", "33.47", None, None], name="住房保障支出", code="221")
    _expect(_row(income, 246), cols_i, ["730.08"], name="收入总计", kind="total", level=0)
    _expect(_row(spend, 246), cols_e, ["730.08", "730.08", None, None], name="支出总计", kind="total", level=0)


def test_markdown_basic_expenditure_economic_codes():
    t = _table(M, "gpb-basic")
    assert [c.key for c in t.columns] == ["合计", "人员经费", "公用经费"]
    assert len(t.rows) == 28
    _expect(_row(t.rows, 295), t.columns, ["410.68", "379.30", "31.38"], name="总计", kind="total", level=0)
    _expect(_row(t.rows, 296), t.columns, ["376.99", "376.99", None], name="工资福利支出", code="301")
    _expect(_row(t.rows, 297), t.columns, ["103.33", "103.33", None], name="基本工资", code="301 01")
    _expect(_row(t.rows, 318), t.columns, ["3.00", None, "3.00"], name="其他交通费用", code="302 39")
    _expect(_row(t.rows, 322), t.columns, ["1.61", "1.61", None], name="奖励金", code="303 09")


def test_markdown_project_table():
    t = _table(M, "gpb-project")
    assert [c.key for c in t.columns] == PROJECT_KEYS  # headers wrapped with <br> in the document
    assert len(t.rows) == 9
    tail = [None] * 8
    _expect(_row(t.rows, 336), t.columns, ["319.40", None, "319.40"] + tail, name="总计", kind="total", level=0)
    # The unit's own row, its name wrapped with <br>.
    _expect(_row(t.rows, 337), t.columns, ["319.40", None, "319.40"] + tail,
            name="昌吉回族自治州人力资源和社会保障服务中心", kind="subtotal", level=0)
    _expect(_row(t.rows, 342), t.columns, ["33.00", None, "33.00"] + tail,
            name="其他人力资源和社会保障管理事务支出", code="208 01 99",
            text={"项目名称": "自治州专业技术人员职称评审工作经费"})
    _expect(_row(t.rows, 340), t.columns, ["28.40", None, "28.40"] + tail,
            name="一般行政管理事务", code="208 01 02", text={"项目名称": "劳动能力鉴定工作经费"})
    assert [r.text.get("项目名称") for r in t.rows[-2:]] == ["各类人事考试工作经费", "事业单位公开招聘工作经费"]


@pytest.mark.parametrize("role", ["gov-fund", "soe-capital"])
def test_markdown_empty_tables_keep_header(role):
    t = _table(M, role)
    assert [c.key for c in t.columns] == ["合计", "人员经费", "公用经费", "项目支出"]
    assert t.columns[1].path[-1] == "基本支出"
    assert t.rows == []


def test_markdown_three_public():
    t = _table(M, "three-public")
    assert [c.key for c in t.columns] == ["合计", "一般公共预算", "政府性基金", "国有资本经营预算"]
    rows = t.rows
    assert [r.name for r in rows] == [
        "合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费（小计）", "其中:公务用车购置费", "公务用车运行费",
    ]
    _expect(rows[0], t.columns, ["2.28", "2.28", None, None], name="合计", kind="total", level=0)
    _expect(rows[1], t.columns, [None] * 4, name="因公出国（境）费")
    _expect(rows[2], t.columns, ["0.08", "0.08", None, None], name="公务接待费")
    _expect(rows[3], t.columns, ["2.20", "2.20", None, None], name="公务用车购置及运行费（小计）")
    _expect(rows[5], t.columns, ["2.20", "2.20", None, None], name="公务用车运行费")
    assert [r.line for r in rows] == list(range(400, 406))


def test_markdown_carryover_repeated_leaves_get_distinct_keys():
    t = _table(M, "carryover")
    assert [c.key for c in t.columns] == [
        "合计", "财政拨款/小计", "财政拨款/基本支出/人员经费", "财政拨款/基本支出/公用经费", "财政拨款/项目支出",
        "非财政拨款/小计", "非财政拨款/基本支出/人员经费", "非财政拨款/基本支出/公用经费", "非财政拨款/项目支出",
    ]
    assert t.columns[2].title == "人员经费" and t.columns[2].path == ("财政拨款", "基本支出")
    assert len(t.rows) == 4
    e = [None] * 4
    _expect(t.rows[0], t.columns, ["45.77"] + e + ["45.77", None, None, "45.77"], name="总计", kind="total", level=0)
    _expect(t.rows[1], t.columns, ["45.77"] + e + ["45.77", None, None, "45.77"],
            name="昌吉回族自治州人力资源和社会保障服务中心", kind="subtotal", level=0)
    _expect(t.rows[3], t.columns, ["33.77"] + e + ["33.77", None, None, "33.77"], name="考试工作经费")


# ---------------------------------------------------------------------------
# Small hand-made tables: header shapes and bad cells.


def _word(rows: list[list[str]]) -> str:
    return "\n\n".join("\n".join("\t" + c for c in row) for row in rows) + "\n"


def _read(text: str, form: str, role: str = "other", org=None) -> Table:
    lines = load_text(text, "t", form).lines
    raw = RawTable(head=Line("表1", 0), head_kind="TABLE_NO", lines=[("TROW", ln) for ln in lines], form=form)
    table = Table(line=0, end_line=lines[-1].lineno, number=1, number_text="表1", title="t", role=role, org=org)
    read_cell_rows(raw, table)
    return table


def test_word_collapsed_header_over_class_row():
    text = _word([
        ["编码", "名称", "合计", "基本支出"],
        ["类", "款", "项", "", "", ""],
        ["208", "", "", "社会保障", "10", "4"],
        ["", "01", "", "人社管理", "10", "4"],
        ["", "", "", "合计", "10", "4"],
    ])
    t = _read(text, "word-text")
    assert [c.key for c in t.columns] == ["合计", "基本支出"]
    # An empty 类 cell is taken from the row above.
    assert [(r.code_parts, r.level, r.kind) for r in t.rows] == [(("208",), 1, "item"), (("208", "01"), 2, "item"), ((), 0, "total")]


def test_word_short_total_row_is_right_aligned():
    text = _word([["编码", "名称", "合计"], ["类", "款", "", ""], ["301", "01", "工资", "5"], ["合计", "5"]])
    t = _read(text, "word-text")
    assert [(r.name, _values(r)) for r in t.rows] == [("工资", {"合计": "5"}), ("合计", {"合计": "5"})]


def test_bad_figure_is_reported_and_left_unplaced():
    text = "| 项目 | 合计 |\n|---|---|\n| 办公费 | 1.2万 |\n| 合计 | 3 |\n"
    t = _read(text, "markdown")
    row = t.rows[0]
    assert row.values == {"合计": None} and row.ambiguous == ("合计",)
    assert len(t.unparsed) == 1 and t.unparsed[0].line == 3 and "1.2万" in t.unparsed[0].diagnostic


def test_dash_is_an_empty_cell():
    t = _read("| 项目 | 合计 |\n|---|---|\n| 办公费 | — |\n| 合计 | 3 |\n", "markdown")
    assert t.rows[0].values == {"合计": None} and not t.unparsed


def test_markdown_row_of_wrong_width_is_unparsed():
    t = _read("| 项目 | 合计 | 其他 |\n|---|---|---|\n| 办公费 | 1 |\n| 合计 | 3 | 0 |\n", "markdown")
    assert [r.name for r in t.rows] == ["合计"]
    assert [u.line for u in t.unparsed] == [3]


def test_unit_row_is_a_subtotal():
    t = _read("| 项目 | 合计 |\n|---|---|\n| 总计 | 3 |\n| 某 局 | 3 |\n| 办公费 | 3 |\n", "markdown", org="某局")
    assert [(r.name, r.kind, r.level) for r in t.rows] == [("总计", "total", 0), ("某局", "subtotal", 0), ("办公费", "item", None)]


def test_single_code_cell_and_bare_kuan():
    text = "| 科目编码 | 科目名称 | 合计 |\n|---|---|---|\n| 301 | 工资福利支出 | 5 |\n| 01 | 基本工资 | 5 |\n| 2080101 | 行政运行 | 2 |\n"
    t = _read(text, "markdown")
    assert [(r.code, r.code_parts, r.level) for r in t.rows] == [
        ("301", ("301",), 1), ("30101", ("301", "01"), 2), ("2080101", ("208", "01", "01"), 3),
    ]


def test_header_paths_markdown_merges():
    grid = [["项目", "合计", "财政拨款", "", ""], ["", "", "小计", "基本支出", ""], ["", "", "", "人员经费", "公用经费"]]
    assert column_paths(grid_rows(grid, 5), 5) == [
        ("项目",), ("合计",), ("财政拨款", "小计"), ("财政拨款", "基本支出", "人员经费"), ("财政拨款", "基本支出", "公用经费"),
    ]


# ---------------------------------------------------------------------------
# Any cells: never an exception, every line with a figure read or reported.

_CELLS = st.one_of(
    st.sampled_from([
        "", "", "", "208", "01", "99", "2080101", "208 01", "301", "12.5", "1,234.56", "0", "-", "—", "合计", "小计",
        "总计", "收入总计", "行政运行", "类", "款", "项", "※", "1", "2", "3", "项目", "功能分类", "科目编码", "名称",
        "预算数", "基本支出", "208 社会保障", "abc", "1.2万", "某局",
    ]),
    st.text(max_size=5),
)
_ROWS = st.lists(st.lists(_CELLS, min_size=1, max_size=7), min_size=1, max_size=9)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _ROWS,
    st.sampled_from(["word-text", "markdown"]),
    st.sampled_from(["other", "summary", "fiscal-summary", "three-public", "gpb-basic"]),
)
def test_any_cells_give_rows_or_unparsed(rows, form, role):
    if form == "markdown":
        text = "".join("|" + "|".join(c.replace("|", "").replace("\n", " ") for c in row) + "|\n" for row in rows)
    else:
        text = _word([[c.replace("\n", " ").replace("\t", " ") for c in row] for row in rows])
    lines = [ln for ln in load_text(text, "t", form).lines if ln.cells is not None]
    if not lines:
        return
    raw = RawTable(head=Line("表1", 0), head_kind="TABLE_NO", lines=[("TROW", ln) for ln in lines], form=form)
    table = Table(line=0, end_line=lines[-1].lineno, number=1, number_text="表1", title="t", role=role, org="某局")
    read_cell_rows(raw, table)  # must not raise
    all_rows = table.rows + [r for side in table.sides.values() for r in side]
    keys = {c.key for c in table.columns} | {c.key for cs in table.side_columns.values() for c in cs}
    for row in all_rows:
        assert set(row.values) <= keys
        assert all(v is None or isinstance(v, Decimal) for v in row.values.values())
    body = lines[header_length([list(ln.cells) for ln in lines]):]
    figure_lines = {ln.lineno for ln in body if not is_numbering_row(ln.cells) and any(parse_figure(c) is not None for c in ln.cells)}
    if not any(v is not None for r in all_rows for v in r.values.values()) and not any(r.ambiguous for r in all_rows):
        assert all_rows == []  # an empty table keeps no rows; nothing else is dropped
        return
    read = {r.line for r in all_rows}
    reported = [(u.line, u.end_line) for u in table.unparsed]
    for lineno in figure_lines:
        assert lineno in read or any(a <= lineno <= b for a, b in reported), lineno


def test_numbering_row_with_letters_marks_label_columns():
    text = "| 项目 | 行次 | 合计 | 其他 |\n|---|---|---|---|\n| 栏次 | A | 1 | 2 |\n| 办公费 | 1 | 3 | 0 |\n"
    t = _read(text, "markdown")
    assert [c.key for c in t.columns] == ["合计", "其他"]
    assert [(r.name, r.text, _values(r)) for r in t.rows] == [("办公费", {"行次": "1"}, {"合计": "3", "其他": "0"})]


def test_two_sided_without_expenditure_names_is_reported():
    t = _read("| 项目 | 预算数 | 预算数 |\n|---|---|---|\n| 收入 | 3 | 3 |\n", "markdown", role="summary")
    assert t.sides == {} and len(t.unparsed) == 1


def test_code_and_name_in_the_code_cell():
    text = "| 科目编码 | 科目名称 | 合计 |\n|---|---|---|\n| 2080101 行政运行 |  | 2 |\n| 合计 |  | 2 |\n"
    t = _read(text, "markdown")
    assert [(r.name, r.code, r.kind) for r in t.rows] == [("行政运行", "2080101", "item"), ("合计", None, "total")]
    assert not t.unparsed


def test_blank_org_marks_no_row_as_the_unit():
    t = _read("| 项目 | 合计 |\n|---|---|\n| 办公费 | 3 |\n", "markdown", org=" ")
    assert [(r.kind, r.level) for r in t.rows] == [("item", None)]
