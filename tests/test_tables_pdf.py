"""Rows of tables in PDF-extracted text (grammar/pdftable.py, pdfsides.py, placement.py).

Expected values are read by hand off the corpus text (the line numbers are the input
lines of the .txt files); where the arithmetic of a table cannot say which column a
figure stands in, the test expects that column to be reported ambiguous.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.readers.pdftext import placement
from budgetlint.readers.pdftext.table import read_text_rows
from budgetlint.readers.pdftext.placement import Problem, Sum, solve
from budgetlint.outline.raw import RawTable
from budgetlint.core.model import Line, Table
from conftest import parsed

D = Decimal

EXPENDITURE = ["合计", "基本支出", "项目支出"]
BASIC = ["合计", "人员经费", "公用经费"]
INCOME = [
    "总计", "财政拨款（补助）小计", "一般公共预算", "上级一般公共预算安排的转移支付", "政府性基金预算",
    "上级政府性基金安排的转移支付", "国有资本经营预算", "上级国有资本经营预算安排的转移支付",
    "财政专户（教育收费）", "单位资金", "财政拨款结转", "非财政拨款结转结余",
]
PROJECT = [
    "项目支出合计", "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "债务利息及费用支出",
    "资本性支出（基本建设）", "资本性支出", "对企业补助（基本建设）", "对企业补助", "对社会保障基金补助", "其他支出",
]
THREE_PUBLIC = ["合计", "一般公共预算", "政府性基金", "国有资本经营预算"]


def table(key: str, number: int) -> Table:
    found = [t for t in parsed(key).tables() if t.number == number]
    assert len(found) == 1, f"{key} 表{number}"
    return found[0]


def row_at(rows, line: int):
    found = [r for r in rows if r.line == line]
    assert len(found) == 1, f"no single row at line {line}: {[r.line for r in rows]}"
    return found[0]


def values(row, keys):
    return {k: row.values[k] for k in keys}


def only(keys, **given):
    """A full values dict: the given cells, every other column empty."""
    return {k: (D(given[k]) if k in given else None) for k in keys}


# -- shape of every table -----------------------------------------------------------

SHAPES = {
    # key: {number: (role, columns, rows)}; two-sided: (role, income cols, expenditure cols, n income, n expenditure)
    "changji-city": {
        3: ("expenditure", EXPENDITURE, 19), 5: ("gpb-expenditure", EXPENDITURE, 19), 6: ("gpb-basic", BASIC, 30),
        2: ("income", INCOME, 19), 7: ("gpb-project", PROJECT, 7), 8: ("gov-fund", EXPENDITURE, 1),
        9: ("soe-capital", EXPENDITURE, 1), 10: ("three-public", THREE_PUBLIC, 6),
    },
    "urumqi": {
        3: ("expenditure", EXPENDITURE, 19), 5: ("gpb-expenditure", EXPENDITURE, 14), 6: ("gpb-basic", BASIC, 24),
        # 表2's rows are missing from the text itself: it breaks off after its header.
        2: ("income", INCOME, 0), 7: ("gpb-project", PROJECT, 11), 8: ("gov-fund", EXPENDITURE, 1),
        9: ("soe-capital", EXPENDITURE, 1), 10: ("three-public", THREE_PUBLIC, 6),
    },
}
SIDED = {
    1: ("summary", ["预算数"], ["预算数"], 26, 31),
    4: ("fiscal-summary", ["合计"], ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"], 5, 31),
}


@pytest.mark.parametrize("key", ["changji-city", "urumqi"])
def test_every_table_has_its_columns_and_rows_and_nothing_unparsed(key):
    tables = {t.number: t for t in parsed(key).tables()}
    assert sorted(tables) == list(range(1, 11))
    for number, (role, columns, count) in SHAPES[key].items():
        t = tables[number]
        assert (t.role, [c.key for c in t.columns], len(t.rows)) == (role, columns, count), number
    for number, (role, income, spend, n_income, n_spend) in SIDED.items():
        t = tables[number]
        assert t.role == role and t.rows == []
        assert [c.key for c in t.side_columns["income"]] == income
        assert [c.key for c in t.side_columns["expenditure"]] == spend
        assert (len(t.sides["income"]), len(t.sides["expenditure"])) == (n_income, n_spend)
    for t in tables.values():
        if key == "urumqi" and t.number == 2:
            # the text breaks off inside 表2's header (line 206 "总", then 表3): no rows
            assert [u.line for u in t.unparsed] == [197] and "header" in t.unparsed[0].diagnostic
            continue
        assert t.unparsed == [], (t.number, t.unparsed)
        for row in [*t.rows, *(r for side in t.sides.values() for r in side)]:
            assert set(row.ambiguous) <= set(row.values)


# -- changji-city ------------------------------------------------------------------


def test_changji_expenditure_rows_placed_by_arithmetic():
    t = table("changji-city", 3)
    # "208 01 01 行政运行 592.83 592.83": 208 01's 基本支出 752.20 = 592.83 + 159.37
    run = row_at(t.rows, 542)
    assert (run.code, run.code_parts, run.level, run.name) == ("2080101", ("208", "01", "01"), 3, "行政运行")
    assert run.values == only(EXPENDITURE, 合计="592.83", 基本支出="592.83") and run.ambiguous == ()
    # name wrapped over two lines, figures on a third
    kuan = row_at(t.rows, 536)
    assert (kuan.name, kuan.code_parts, kuan.level, kuan.end_line) == ("人力资源和社会保障管理事务", ("208", "01"), 2, 540)
    assert kuan.values == only(EXPENDITURE, 合计="817.59", 基本支出="752.20", 项目支出="65.39")
    other = row_at(t.rows, 546)
    assert other.name == "其他人力资源和社会保障管理事务支出" and other.end_line == 550
    assert other.values == only(EXPENDITURE, 合计="65.39", 项目支出="65.39") and other.ambiguous == ()
    employ = row_at(t.rows, 560)
    assert employ.values == only(EXPENDITURE, 合计="4751.36", 项目支出="4751.36") and employ.ambiguous == ()
    total = t.rows[-1]
    assert (total.kind, total.level, total.name, total.line) == ("total", 0, "合计", 586)
    assert total.values == only(EXPENDITURE, 合计="5743.77", 基本支出="927.02", 项目支出="4816.75")
    assert all(r.page == 9 for r in t.rows)


def test_changji_gpb_expenditure_inconsistent_row_still_placed():
    t = table("changji-city", 5)
    # "208 07 就业补助 3124.25 3124.24": the row itself is off by 0.01 (rounding), and
    # 208's 基本支出 824.53 = 752.20 + 72.32 leaves 3124.24 to 项目支出.
    row = row_at(t.rows, 702)
    assert row.values == only(EXPENDITURE, 合计="3124.25", 项目支出="3124.24") and row.ambiguous == ()
    pension = row_at(t.rows, 694)
    assert pension.values == only(EXPENDITURE, 合计="72.32", 基本支出="72.32") and pension.ambiguous == ()
    assert row_at(t.rows, 724).values == only(EXPENDITURE, 合计="4058.18", 基本支出="927.02", 项目支出="3131.16")


def test_changji_basic_rows_by_economic_class():
    t = table("changji-city", 6)
    wage = row_at(t.rows, 740)
    assert (wage.code, wage.code_parts, wage.level, wage.name) == ("30101", ("301", "01"), 2, "基本工资")
    assert wage.values == only(BASIC, 合计="199.50", 人员经费="199.50") and wage.ambiguous == ()
    office = row_at(t.rows, 762)
    assert office.values == only(BASIC, 合计="14.10", 公用经费="14.10") and office.ambiguous == ()
    family = row_at(t.rows, 790)
    assert (family.code, family.level) == ("303", 1)
    assert family.values == only(BASIC, 合计="19.76", 人员经费="19.76") and family.ambiguous == ()


def test_changji_income_table_places_what_the_sums_decide():
    t = table("changji-city", 2)
    # "208 01 99 / 其他人力资源和 / 社会保障管理事 / 务支出 / 65.39 6.92 6.92 58.47"
    row = row_at(t.rows, 460)
    assert (row.code, row.name, row.end_line) == ("2080199", "其他人力资源和社会保障管理事务支出", 468)
    assert row.values["总计"] == D("65.39") and row.values["财政拨款（补助）小计"] == D("6.92")
    assert sorted(v for v in row.values.values() if v is not None) == [D("6.92"), D("6.92"), D("58.47"), D("65.39")]
    # which fund the second 6.92 is, and which source the 58.47 is, no sum of this table says
    assert {"一般公共预算", "上级一般公共预算安排的转移支付", "财政拨款结转", "单位资金"} <= set(row.ambiguous)
    assert "总计" not in row.ambiguous and "财政拨款（补助）小计" not in row.ambiguous
    total = t.rows[-1]
    assert (total.kind, total.values["总计"], total.values["财政拨款（补助）小计"]) == ("total", D("5743.77"), D("4058.19"))
    assert row_at(t.rows, 505).page == 8


def test_changji_project_rows_with_split_codes_and_project_names():
    t = table("changji-city", 7)
    # "20" / "8" / "01 99" / name in a 4-character column / project name in a wider one
    row = row_at(t.rows, 976)
    assert (row.code, row.code_parts, row.level) == ("2080199", ("208", "01", "99"), 3)
    assert row.name == "其他人力资源和社会保障管理事务支出"
    assert row.text["项目名称"] == "关于提前下达2023年自治区就业补助资金的通知"
    assert row.values["项目支出合计"] == D("6.92") and row.end_line == 999
    # the other 6.92 is one of the ten expense columns; nothing in the table says which
    assert set(row.ambiguous) == set(PROJECT[1:])
    first, second = row_at(t.rows, 1008), row_at(t.rows, 1025)
    assert first.code == second.code == "2080799" and first.name == second.name == "其他就业补助支出"
    assert first.text["项目名称"] == "2023年中央财政就业补助资金" and first.values["项目支出合计"] == D("3100")
    assert second.text["项目名称"] == "提前下达2023年自治区就业补助资金预算"
    assert second.values["项目支出合计"] == D("24.24")
    kuan = row_at(t.rows, 1001)
    assert (kuan.code, kuan.name, kuan.values["项目支出合计"], kuan.text) == ("20807", "就业补助", D("3124.24"), {})
    total = t.rows[-1]
    assert (total.kind, total.line, total.end_line, total.values["项目支出合计"]) == ("total", 1042, 1043, D("3131.16"))


def test_changji_empty_tables_and_three_public():
    for number in (8, 9):
        (row,) = table("changji-city", number).rows
        assert row.kind == "total" and all(v is None for v in row.values.values())
    t = table("changji-city", 10)
    assert [r.name for r in t.rows] == [
        "合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费（小计）", "其中:公务用车购置费", "公务用车运行费",
    ]
    total, abroad, _, cars, _, running = t.rows
    assert total.kind == "total" and total.values["合计"] == D("7.8")
    # 7.8 is paid from one of three sources; this table alone does not say which
    assert set(total.ambiguous) == {"一般公共预算", "政府性基金", "国有资本经营预算"}
    assert all(v is None for v in abroad.values.values())
    assert (cars.line, cars.end_line, cars.values["合计"]) == (1099, 1102, D("7.8"))
    assert running.values["合计"] == D("7.8")


def test_changji_summary_both_sides():
    t = table("changji-city", 1)
    income, spend = t.sides["income"], t.sides["expenditure"]
    assert [(r.name, r.values["预算数"]) for r in income[:3]] == [
        ("一、本年收入", D("4058.19")), ("1.一般公共预算拨款", D("4058.19")), ("其中:一般财力", D("4058.19")),
    ]
    assert all(r.level is None for r in income[:-1])
    assert row_at(income, 245).name == "二、上年结转结余" and row_at(income, 245).values["预算数"] == D("1685.58")
    assert row_at(income, 217).values["预算数"] is None
    # as printed: 5641.27 stands beside 201 as well as beside 208
    assert [(r.code, r.values["预算数"]) for r in spend if r.values["预算数"] is not None] == [
        ("201", D("5641.27")), ("208", D("5641.27")), ("210", D("47.74")), ("221", D("54.75")), (None, D("5743.77")),
    ]
    assert (income[-1].name, income[-1].kind, income[-1].line) == ("收入总计", "total", 271)
    assert (spend[-1].name, spend[-1].kind, spend[-1].values["预算数"]) == ("支出总计", "total", D("5743.77"))
    assert row_at(spend, 269).name == "抗疫特别国债安排的支出" and row_at(spend, 269).level == 1


def test_changji_fiscal_summary_glued_names_and_source_columns():
    t = table("changji-city", 4)
    income, spend = t.sides["income"], t.sides["expenditure"]
    assert [(r.name, r.values["合计"]) for r in income] == [
        ("一、财政拨款（补助）", D("4058.18")), ("一般公共预算", D("4058.18")), ("政府性基金预算", None),
        ("国有资本经营预算", None), ("收入总计", D("4058.18")),
    ]
    keys = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    culture = row_at(spend, 616)  # "207 文化旅游体育与传媒" / "支出208 社会保障和就业支出 …"
    assert (culture.name, culture.end_line) == ("文化旅游体育与传媒支出", 618)
    assert all(v is None for v in culture.values.values())
    social = row_at(spend, 618)
    assert (social.code, social.name) == ("208", "社会保障和就业支出")
    # the income side says all 4058.18 is 一般公共预算, so the expenditure total is too
    assert social.values == only(keys, 合计="3955.69", 一般公共预算="3955.69") and social.ambiguous == ()
    assert row_at(spend, 662).name == "抗疫特别国债还本支出"
    assert row_at(spend, 648).name == "灾害防治及应急管理支出"  # "出224 灾害防治及应急管理" / "支出227 预备费"
    assert spend[-1].values == only(keys, 合计="4058.18", 一般公共预算="4058.18")


# -- urumqi ------------------------------------------------------------------------


def test_urumqi_unit_subtotal_and_thousands_separators():
    t = table("urumqi", 3)
    unit = t.rows[0]
    assert (unit.kind, unit.level, unit.name, unit.line) == ("subtotal", 0, "人力资源和社会保障局", 223)
    assert unit.values == only(EXPENDITURE, 合计="22635.40", 基本支出="869.36", 项目支出="21766.04")
    soe = row_at(t.rows, 269)
    assert (soe.code, soe.name) == ("223", "国有资本经营预算支出")
    assert soe.values == only(EXPENDITURE, 合计="3347.87", 项目支出="3347.87") and soe.ambiguous == ()
    training = row_at(t.rows, 257)  # code alone on its line, name and figures on the next
    assert (training.code, training.name, training.end_line) == ("2080702", "职业培训补贴", 258)
    assert training.values == only(EXPENDITURE, 合计="738.85", 项目支出="738.85")
    admin = row_at(t.rows, 227)
    assert admin.values == only(EXPENDITURE, 合计="3559.71", 基本支出="787.71", 项目支出="2772")


def test_urumqi_garbled_rows_stay_ambiguous():
    t = table("urumqi", 5)
    # "208 07 04 / 社会保险补贴 / 3900 8146.57": no placement makes 3900 the sum of 8146.57
    row = row_at(t.rows, 417)
    assert row.values["合计"] == D("3900") and set(row.ambiguous) == {"基本支出", "项目支出"}
    total = t.rows[-1]
    assert (total.line, total.end_line) == (428, 429)
    assert total.values == only(EXPENDITURE, 合计="15751.96", 基本支出="869.36", 项目支出="14882.60")


def test_urumqi_basic_bare_kuan_codes():
    t = table("urumqi", 6)
    unit = t.rows[0]  # "101020-人力资源和社会保障" / "局" / figures
    assert (unit.kind, unit.name, unit.end_line) == ("subtotal", "人力资源和社会保障局", 449)
    assert unit.values == only(BASIC, 合计="869.36", 人员经费="799.19", 公用经费="70.17")
    wage = row_at(t.rows, 453)  # "01 基本工资 215.61 215.61" under "301 工资福利支出"
    assert (wage.code, wage.code_parts, wage.level, wage.name) == ("30101", ("301", "01"), 2, "基本工资")
    assert wage.values == only(BASIC, 合计="215.61", 人员经费="215.61") and wage.ambiguous == ()
    pension = row_at(t.rows, 461)
    assert (pension.code, pension.name) == ("30108", "机关事业单位基本养老保险缴费")
    assert pension.values == only(BASIC, 合计="81.65", 人员经费="81.65")
    other = row_at(t.rows, 497)
    assert (other.code, other.name) == ("30299", "其他商品和服务支出")
    assert other.values == only(BASIC, 合计="9.98", 公用经费="9.98") and other.ambiguous == ()


def test_urumqi_project_rows():
    t = table("urumqi", 7)
    kuan = row_at(t.rows, 659)  # "208" / "01 人 力" / …
    assert (kuan.code, kuan.name, kuan.values["项目支出合计"]) == ("20801", "人力资源和社会保障管理事务", D("2766"))
    wages = row_at(t.rows, 676)  # figures one a line: 2662 / 2500 / 162
    assert (wages.name, wages.text["项目名称"]) == ("一般行政管理事务", "雇员及区聘人员工资社保")
    assert wages.values["项目支出合计"] == D("2662")
    assert sorted(v for v in wages.values.values() if v is not None) == [D("162"), D("2500"), D("2662")]
    assert "工资福利支出" in wages.ambiguous
    grad = row_at(t.rows, 695)  # "… 达 2023" / "年高校毕 …": the year is text
    assert grad.text["项目名称"] == "乌财社【2022】403号关于提前下达2023年高校毕业生“三支一扶”计划中央专项资金的通知"
    assert grad.values["项目支出合计"] == D("104") and grad.end_line == 733
    # 208 01's 2500 comes from 208 01 02 alone, so 104 is in some other column
    assert grad.values["工资福利支出"] is None and "工资福利支出" not in grad.ambiguous
    social = row_at(t.rows, 779)
    assert (social.code, social.name, social.values["项目支出合计"]) == ("2080704", "社会保险补贴", D("3900"))
    assert social.text["项目名称"].endswith("（直达资金）的通知（社保补贴）")
    total = t.rows[-1]
    assert (total.kind, total.line, total.end_line, total.values["项目支出合计"]) == ("total", 845, 846, D("14882.6"))


def test_urumqi_two_sided_tables():
    t = table("urumqi", 1)
    income, spend = t.sides["income"], t.sides["expenditure"]
    assert row_at(income, 132).name == "上级一般公共预算安排转移支付"
    assert row_at(income, 132).values["预算数"] == D("4720.6")
    assert row_at(income, 168).values["预算数"] == D("3347.87")
    assert row_at(spend, 168).code == "223" and row_at(spend, 168).values["预算数"] == D("3347.87")
    assert row_at(spend, 140).values["预算数"] == D("19287.53")
    assert (income[-1].values["预算数"], spend[-1].values["预算数"]) == (D("22635.4"), D("22635.4"))
    assert spend[-1].page == 5
    t4 = table("urumqi", 4)
    soe = row_at(t4.sides["income"], 309)  # "国有资本经营预" / "算"
    assert (soe.name, soe.end_line, soe.values["合计"]) == ("国有资本经营预算", 311, None)
    assert row_at(t4.sides["expenditure"], 313).code == "204"
    social = row_at(t4.sides["expenditure"], 321)
    assert social.values["合计"] == D("15751.96") and social.values["一般公共预算"] == D("15751.96")
    assert row_at(t4.sides["expenditure"], 319).name == "文化旅游体育与传媒支出"


def test_urumqi_empty_three_public():
    t = table("urumqi", 10)
    assert len(t.rows) == 6 and t.rows[0].kind == "total"
    assert all(v is None for r in t.rows for v in r.values.values())
    assert t.rows[3].name == "公务用车购置及运行费（小计）"


# -- synthetic tables ----------------------------------------------------------------


def synthetic(role: str, texts: list[str], title: str = "支出总体情况表") -> Table:
    head = Line("表3", 1, 1)
    lines = [("TROW", Line(text, 2 + i, 1)) for i, text in enumerate(texts)]
    raw = RawTable(head=head, head_kind="TABLE_NO", lines=lines)
    t = Table(line=1, end_line=len(texts) + 1, number=3, number_text="表3", title=title, role=role)
    read_text_rows(raw, t)
    return t


HEADER = ["项 目 支出预算", "功能分类科目编码 功能分类科目名称 合 计 基本支出 项目支出", "类 款 项"]


def test_undecidable_rows_are_marked_ambiguous():
    t = synthetic("expenditure", HEADER + [
        "208 社会保障和就业支出 100.00 100.00",
        "208 01 人力资源和社会保障管理事务 100.00 100.00",
        "合 计 100.00 100.00",
    ])
    assert len(t.rows) == 3 and t.unparsed == []
    for row in t.rows:
        # all 基本支出 or all 项目支出: both balance every sum
        assert row.values["合计"] == D("100.00")
        assert set(row.ambiguous) == {"基本支出", "项目支出"}


def test_one_decided_row_decides_the_rest():
    t = synthetic("expenditure", HEADER + [
        "208 社会保障和就业支出 100.00 30.00 70.00",
        "208 01 行政运行 30.00 30.00",
        "208 02 项目 70.00 70.00",
        "合 计 100.00 30.00 70.00",
    ])
    first, second = t.rows[1], t.rows[2]
    assert first.values == only(EXPENDITURE, 合计="30.00", 基本支出="30.00") and first.ambiguous == ()
    assert second.values == only(EXPENDITURE, 合计="70.00", 项目支出="70.00") and second.ambiguous == ()


def test_header_repeated_after_a_page_break_is_not_a_row():
    t = synthetic("expenditure", HEADER + [
        "208 社会保障和就业支出 100.00 30.00 70.00",
        "208 01 行政运行 30.00 30.00",
        *HEADER,
        "208 02 项目 70.00 70.00",
        "合 计 100.00 30.00 70.00",
    ])
    assert [r.code for r in t.rows] == ["208", "20801", "20802", None]
    assert t.rows[2].values == only(EXPENDITURE, 合计="70.00", 项目支出="70.00") and t.unparsed == []


def test_number_split_over_lines_is_rejoined_when_the_sums_say_so():
    t = synthetic("expenditure", HEADER + [
        "208 社会保障和就业支出 14,064.55 14,064.5",
        "5",
        "208 01 行政运行 14,064.55 14,064.55 ",
        "合 计 14,064.55 14,064.55",
    ])
    row = t.rows[0]
    # read apart, 14,064.55 ≠ 14,064.5 + 5; read as one figure, the row balances
    assert sorted(v for v in row.values.values() if v is not None) == [D("14064.55"), D("14064.55")]
    assert (row.line, row.end_line) == (5, 6)


def test_number_split_over_lines_is_left_apart_when_only_that_balances():
    t = synthetic("expenditure", HEADER + [
        "208 社会保障和就业支出 105.50 100.5",
        "5",
        "合 计 105.50 100.5 5",
    ])
    # 105.50 = 100.5 + 5 read apart; 100.55 rejoined would not balance the row
    assert t.rows[0].values == only(EXPENDITURE, 合计="105.50", 基本支出="100.5", 项目支出="5")
    assert t.rows[0].ambiguous == ()


def test_number_split_over_lines_ambiguous_when_no_reading_balances():
    t = synthetic("expenditure", HEADER + ["208 社会保障和就业支出 200.00 100.5", "5"])
    row = t.rows[0]
    # neither 100.5 + 5 nor 100.55 makes 200.00: the row keeps every reading
    assert row.values["合计"] == D("200.00")
    assert set(row.ambiguous) == {"基本支出", "项目支出"}


def test_too_many_figures_is_unparsed_not_raised():
    t = synthetic("expenditure", HEADER + ["208 社会保障和就业支出 1.00 2.00 3.00 4.00"])
    assert len(t.unparsed) == 1 and "4 figures for 3 columns" in t.unparsed[0].diagnostic


def test_placement_keeps_row_sum_candidates_when_the_tree_is_broken():
    # parent 10 = children 4 + 5 is false in the 合计 column: the tree sum is the
    # document's error and must not decide anything
    keys = ["合计", "基本支出", "项目支出"]
    out = solve(Problem(
        keys=keys,
        readings=[[(D("10"), D("10"))], [(D("4"), D("4"))], [(D("5"), D("5"))]],
        row_sums=[("合计", ("基本支出", "项目支出"))],
        sums=[Sum(0, (1, 2))],
    ))
    assert all(set(p.ambiguous) == {"基本支出", "项目支出"} for p in out)


def test_many_rows_stay_fast_enough_and_sound():
    # 400 rows that no sum can place (each "1.00 1.00"): exact enumeration is capped,
    # the column-wise relaxation keeps every consistent placement
    rows = [f"{201 + i % 30} 01 名称 1.00 1.00" for i in range(400)]
    t = synthetic("expenditure", HEADER + rows + ["合 计 400.00 400.00"])
    assert len(t.rows) == 401 and t.unparsed == []
    assert all(set(r.ambiguous) == {"基本支出", "项目支出"} for r in t.rows)


LINE_TEXT = st.lists(
    st.sampled_from(
        ["208", "20", "8", "01", "01 99", "合 计", "收 入 总 计", "支 出 总 计", "14,064.5", "5", "3124.25",
         "0.28", "人力资源", "其他", "支出208", "一、本年收入", "国有资本经营预", "算", "类 款 项", "2023", "年",
         "101020-", "局", "（小计）", "公务接待费", "-", "—", "【2022】", ".", ",", " "]
    ),
    min_size=0,
    max_size=6,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    role=st.sampled_from(["expenditure", "gpb-basic", "income", "gpb-project", "three-public", "summary",
                          "fiscal-summary", "other"]),
    texts=st.lists(st.one_of(LINE_TEXT, st.text(max_size=20)), max_size=25),
)
def test_arbitrary_lines_never_raise(role, texts):
    t = synthetic(role, texts)
    for row in [*t.rows, *(r for side in t.sides.values() for r in side)]:
        assert set(row.ambiguous) <= set(row.values)
        assert row.end_line is None or row.end_line >= row.line


@st.composite
def consistent_tables(draw):
    """A small tree of rows whose every sum holds exactly, with the columns each leaf
    fills drawn at random: (figure sequences as PDF text prints them, true values, sums)."""
    width = draw(st.integers(2, 4))
    cents = st.integers(1, 5000).map(lambda n: Decimal(n) / 100)

    def leaf():
        filled = draw(st.lists(st.booleans(), min_size=width - 1, max_size=width - 1))
        parts = [draw(cents) if on else None for on in filled]
        return parts

    rows: list[list] = []  # part values (columns 1..), parents first
    sums: list[Sum] = []
    total_parts = [None] * (width - 1)
    tops = []
    for _ in range(draw(st.integers(1, 4))):
        parent = len(rows)
        rows.append(None)
        kids = []
        for _ in range(draw(st.integers(1, 5))):
            kids.append(len(rows))
            rows.append(leaf())
        rows[parent] = _column_sums([rows[k] for k in kids], width)
        sums.append(Sum(parent, tuple(kids)))
        tops.append(parent)
    total = len(rows)
    rows.append(_column_sums([rows[t] for t in tops], width) if tops else total_parts)
    sums.append(Sum(total, tuple(tops)))
    truth = []
    for parts in rows:
        known = [p for p in parts if p is not None]
        truth.append([sum(known, Decimal(0)) if known else None, *parts])
    readings = [[tuple(v for v in row if v is not None)] for row in truth]
    return width, readings, truth, sums


def _column_sums(rows, width):
    out = []
    for c in range(width - 1):
        known = [r[c] for r in rows if r[c] is not None]
        out.append(sum(known, Decimal(0)) if known else None)
    return out


@settings(max_examples=200, deadline=None)
@given(consistent_tables(), st.sampled_from(["exact", "column sets", "column bounds"]))
def test_placement_never_decides_a_wrong_column(table, mode):
    # soundness: whatever the solver calls decided is the truth, on each of its paths
    width, readings, truth, sums = table
    keys = [f"c{i}" for i in range(width)]
    caps = {"exact": (4096, 48), "column sets": (1, 48), "column bounds": (1, 0)}[mode]
    saved = placement.MAX_COMBINATIONS, placement.MAX_LOOSE_ROWS
    placement.MAX_COMBINATIONS, placement.MAX_LOOSE_ROWS = caps
    try:
        placed = solve(Problem(keys=keys, readings=readings, row_sums=[(keys[0], tuple(keys[1:]))], sums=sums))
    finally:
        placement.MAX_COMBINATIONS, placement.MAX_LOOSE_ROWS = saved
    for row, true in zip(placed, truth):
        for key, value in zip(keys, true):
            if key not in row.ambiguous:
                assert row.values[key] == value, (key, row, true)
