"""Performance-target tables of the corpus, read back against what the documents print.

Every expected value below was read off the document text by hand (line numbers are
input lines of the corpus files).
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.parse import parse_text
from budgetlint.readers.perf.table import build_perf_table
from budgetlint.core.perfvocab import read_level_names
from budgetlint.outline.raw import RawTable
from budgetlint.readers.failed import READER_FAILED
from budgetlint.core.model import Line
from conftest import parsed

# (project name, total, fiscal, other, number of indicators, total of the weights)
EXPECTED = {
    "changji-city": [
        ("关于提前下达2023年自治区就业补助资金的通知", D("6.92"), D("6.92"), D("0"), 7, D(90)),
        ("2023年中央财政就业补助资金", D("3100"), D("3100"), None, 19, D(90)),
    ],
    "urumqi": [
        # 年度预算总额 2662 but 财政拨款 10162: printed so (line 1415 / 1420).
        ("雇员及区聘人员工资社保", D("2662"), D("10162"), None, 10, D(90)),
        ("乌财社【2022】403号关于提前下达2023年高校毕业生“三支一扶”计划中央专项资金的通知",
         D("104"), D("104"), None, 9, D(90)),
        ("乌财企【2022】54号关于提前下达2023年国有企业退休人员社会化管理补助资金的通知",
         D("70.03"), D("70.03"), None, 9, D(90)),
        ("乌财社【2022】412号关于提前下达2023年中央财政就业补助资金（直达资金）的通知（企业社会保险补贴）",
         D("3900"), D("3900"), None, 10, D(90)),
        ("乌财社【2022】412号关于提前下达2023年中央财政就业补助资金（直达资金）的通知（公岗岗位补贴）",
         D("8146.57"), D("8146.57"), None, 10, D(90)),
    ],
    "prefecture-2020": [
        ("劳动保障大厦办公楼维修、消防、保安、保洁后勤工作经费", D(40), D(40), D(0), 9, None),
        ("劳动能力鉴定工作经费", D(7), D(7), D(0), 11, None),
        ("农村富余劳动力转移就业经费", D(10), D(10), D(0), 11, None),
        ("行政复议案件办案及工作经费", D(5), D(5), D(0), 9, None),
        ("劳动保障监察工作经费", D(15), D(15), D(0), 12, None),
        ("社保基金监督检查审计经费", D(10), D(10), D(0), 18, None),
        ("四级联动的视频会议系统使用及日常网络维护费", D(12), D(12), D(0), 11, None),
        ("劳动人事争议调解仲裁工作经费", D(10), D(10), D(0), 10, None),
    ],
    "center-2025": [
        # 部门整体: no 年度预算总额 figure; 财政资金 = 上级安排 0.00 + 本级安排 740.08.
        (None, None, D("740.08"), D("45.77"), 7, D(90)),
        ("各类人事考试工作经费", D("120.00"), D("120.00"), D("0.00"), 8, D(90)),
        ("机构运行补助经费", D("22.00"), D("0.00"), D("22.00"), 9, D(90)),
        ("劳动能力鉴定工作经费", D("28.40"), D("28.40"), D("0.00"), 10, D(90)),
        ("事业单位公开招聘工作经费", D("120.00"), D("120.00"), D("0.00"), 9, D(90)),
        ("四级联动视频会议系统使用及网络维护", D("18.00"), D("18.00"), D("0.00"), 8, D(90)),
        ("自治州专业技术人员职称评审工作经费", D("33.00"), D("33.00"), D("0.00"), 9, D(90)),
    ],
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_every_perf_table_of_the_corpus(key):
    doc = parsed(key)
    tables = doc.perf_tables()
    got = [
        (t.project_name, t.total, t.fiscal, t.other, len(t.indicators),
         t.weight_total if t.has_weights else None)
        for t in tables
    ]
    assert got == EXPECTED[key]
    for t in tables:
        assert t.unparsed == []
        # Decimal equality ignores trailing zeros: keep the printed precision too.
        if t.total is not None:
            assert t.total.as_tuple().exponent == (-2 if key == "center-2025" else t.total.as_tuple().exponent)


def test_kinds_and_heads():
    center = parsed("center-2025").perf_tables()
    assert [t.kind for t in center] == ["overall"] + ["project"] * 6
    assert center[0].line == 643 and center[1].line == 665
    assert center[1].project_name_line == 672 and center[1].funds_line == 673
    city = parsed("changji-city").perf_tables()
    assert city[0].project_name_line == 1515  # the name wraps onto line 1517 ("知")
    assert (city[0].total_line, city[0].other_line) == (1521, 1525)
    assert all(t.has_weights is False for t in parsed("prefecture-2020").perf_tables())


def _find(key, level3):
    for table in parsed(key).perf_tables():
        for ind in table.indicators:
            if ind.level3 == level3:
                return ind
    raise AssertionError(f"{level3} not found")


def test_pdf_indicator_with_prior_value():
    # lines 1723-1733: 质量指标 / 指标 1：社会保险补贴 / 发放准确率（%） / 98% 计划标准 100% 5
    ind = _find("changji-city", "指标1:社会保险补贴发放准确率（%）")
    assert (ind.level1, ind.level2) == ("产出指标", "质量指标")
    assert (ind.value, ind.basis, ind.prior_value, ind.weight) == ("98%", "计划标准", "100%", D(5))
    assert (ind.line, ind.value_line, ind.weight_line) == (1723, 1728, 1728)


def test_pdf_indicator_without_prior_value_and_wrapped_value():
    # lines 1592-1600: 完成时限 / 2023 年 / 12 月 31 / 日 / 计划标准 10
    ind = _find("changji-city", "完成时限")
    assert (ind.level1, ind.level2) == ("产出指标", "时效指标")
    assert (ind.value, ind.prior_value, ind.weight, ind.weight_line) == ("2023年12月31日", None, D(10), 1600)
    assert ind.line == 1592 and ind.value_line == 1594


def test_pdf_prior_value_zero_is_not_the_weight():
    # line 1553: ≥5000 计划标准 0 10
    ind = _find("changji-city", "基础信息维护人数（人）")
    assert (ind.value, ind.prior_value, ind.weight) == ("≥5000", "0", D(10))


def test_pdf_prior_value_wrapped_before_the_weight():
    # lines 1788-1800: 340.24 / 元≥ / 历史标准 / 340.24 / 元≥ / 5
    ind = _find("changji-city", "指标1:社会保险补贴人均标准（元/人）")
    assert (ind.level1, ind.level2) == ("成本指标", "经济成本指标")
    assert (ind.value, ind.prior_value, ind.weight, ind.weight_line) == ("340.24元≥", "340.24元≥", D(5), 1800)


def test_pdf_vertical_level_names_and_cut_basis():
    # urumqi lines 1571-1586: 时/效/指/标 one a line, 项目完成时 / 间, value over two lines
    ind = _find("urumqi", "项目完成时间")
    assert (ind.level1, ind.level2, ind.value, ind.basis, ind.weight) == (
        "产出指标", "时效指标", "2023年12月31日", "自定义", D(8))
    assert ind.line == 1571
    # lines 2517-2533: >=3056 / 人 / 行业或 / 国家标 / 准 / 9
    ind = _find("urumqi", "享受灵活就业社保补贴人员数量")
    assert (ind.value, ind.basis, ind.weight) == (">=3056人", "行业或国家标准", D(9))


def test_pdf_row_cut_by_a_page_break():
    # urumqi lines 1684-1718: 效/益/社/会 on page 27, 指/标/效/益/指/标 and 展能力 on page 28
    ind = _find("urumqi", "提高服务单位及社会发展能力")
    assert (ind.level1, ind.level2, ind.value, ind.weight) == ("效益指标", "社会效益指标", "有所提升", D(20))
    last = parsed("urumqi").perf_tables()[0].indicators[-1]
    assert (last.level1, last.level2, last.level3, last.value) == ("满意度指标", "满意度指标", "群众满意度", ">=95%")


def test_pdf_row_whose_first_level_is_not_printed():
    # lines 1626-1636: 原始凭证 / 社会效益指标 / 有效提高信息 / 维护水平 / 有 效 提 / 高 / 其他标准 0 20;
    # no 效益指标 anywhere in the first table, and 成本指标 above is not its 一级.
    ind = _find("changji-city", "有效提高信息维护水平")
    assert (ind.line, ind.level1, ind.level2, ind.value, ind.prior_value, ind.weight) == (
        1628, "", "社会效益指标", "有效提高", "0", D(20))


def test_markdown_indicator():
    # line 700: | | 时效<br>指标 | 公益岗人员工资支付时间 | 2025<br>年3月<br>31日 | 计划标准 | 2024<br>年12<br>月31<br>日 | 5 |
    ind = _find("center-2025", "公益岗人员工资支付时间")
    assert (ind.level1, ind.level2) == ("产出指标", "时效指标")  # 一级 carried from line 696
    assert (ind.value, ind.basis, ind.prior_value, ind.weight) == ("2025年3月31日", "计划标准", "2024年12月31日", D(5))
    assert ind.line == ind.weight_line == 700


def test_word_indicator_without_weight_column():
    # lines 1427-1430: two empty cells (一级/二级 spanning from lines 1412 and 1422), then
    # 消防设备维护次数（次） on line 1429 and 2; the row points at its first printed cell.
    ind = _find("prefecture-2020", "消防设备维护次数（次）")
    assert (ind.level1, ind.level2, ind.value, ind.weight, ind.line) == ("项目完成指标", "数量指标", "2", None, 1429)


def test_untitled_word_table_starting_at_its_first_row():
    rows = [
        ["预算单位", "某某局", "项目名称", "劳动保障监察工作经费"],
        ["项目资金（万元）", "年度资金总额:", "15", "其中:财政拨款", "15", "其他资金", "0"],
        ["一级指标", "二级指标", "三级指标", "指标值（包含数字及文字描述）"],
        ["项目完成指标", "成本指标", "业务活动运行成本（万元）", "15"],
        ["", "时效指标", "案件办理时限（工作日）", "60"],
        ["满意度指标", "满意度指标", "办案满意率", "≥90%"],
    ]
    cells = "\n\n".join("\n".join("\t" + c for c in row) for row in rows)
    text = f"（四）预算绩效情况\n说明如下:\n\n{cells}\n\n（五）其他需说明的事项\n无。\n"
    (table,) = parse_text(text, form="word-text").perf_tables()
    assert (table.line, table.kind, table.project_name, table.project_name_line) == (4, "project", "劳动保障监察工作经费", 4)
    assert (table.total, table.fiscal, table.other, table.funds_line) == (D(15), D(15), D(0), 9)
    assert [(i.level1, i.level2, i.value) for i in table.indicators] == [
        ("项目完成指标", "成本指标", "15"), ("项目完成指标", "时效指标", "60"), ("满意度指标", "满意度指标", "≥90%")]
    assert table.has_weights is False and all(i.weight is None for i in table.indicators)


def test_pdf_table_without_rule_or_evidence_columns():
    text = "\n".join([
        " 项目支出绩效目标表",
        "项目名称 信息维护 项目负责人 张三",
        "项目资金（万元） 年度预算总额： 6.92 其中：财政拨款 6.92 其他资金： 0",
        "一级指标 二级指标 三级指标 指标值 指标值设置依据 指标分值权重 佐证资料",
        "产出指标 数量指标",
        "基础信息维护人数 ≥5000 计划标准 40",
        "质量指标",
        "准确率 98% 计划标准 40",
        "满意度指标 满意度指标 群众满意度 90% 其他标准 10",
    ])
    (table,) = parse_text(text, form="pdf-text").perf_tables()
    assert [(i.level1, i.level2, i.level3, i.value, i.weight) for i in table.indicators] == [
        ("产出指标", "数量指标", "基础信息维护人数", "≥5000", D(40)),
        ("产出指标", "质量指标", "准确率", "98%", D(40)),
        ("满意度指标", "满意度指标", "群众满意度", "90%", D(10)),
    ]
    assert (table.total, table.fiscal, table.other) == (D("6.92"), D("6.92"), D(0))


def test_level_names_cut_by_a_page_break_are_completed():
    names, rest = read_level_names("效益社会")
    assert names == [("效益指标", "效益"), ("社会效益指标", "社会")] and rest == ""


# Lines made of the table's own words, so that the readers get past their first checks.
_WORDS = [
    "一级指标", "二级", "指标", "三级指标", "佐证资料", "资料", "产出", "数量指标", "满", "意", "度",
    "计划标", "准", "计划标准", "行业或", "国家标", "自定义", "10", "0", "5", "100%", "≥90%", "按照",
    "完成比例赋分", "工作资料", "项目名称", "年度预算总额:", "6.92", "其中:财政拨款", "其他资金:",
    "项目总体目标", "标", "赋分", "2023 年", "12 月", "日", "人", "元≥", "|", "",
]
_lines = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_lines, st.booleans(), st.integers(1, 3)), max_size=50), st.sampled_from(["PERF_TITLE", "ANON"]))
def test_arbitrary_lines_never_raise(rows, head_kind):
    lines = []
    for n, (text, as_cells, page) in enumerate(rows):
        cells = tuple(text.split("|")) if as_cells else None
        lines.append(Line(text, n + 2, page, cells))
    raw = RawTable(Line("项目支出绩效目标表", 1, 1), head_kind, [("TROW", ln) for ln in lines])
    table = build_perf_table(raw)
    assert table.line == 1
    assert not [u.diagnostic for u in table.unparsed if u.diagnostic.startswith(READER_FAILED)]
    for ind in table.indicators:
        assert ind.weight is None or ind.weight >= 0
