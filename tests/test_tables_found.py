"""Tables found by what they are (issue 10): labels other than 表N, titles without a
number over a 单位 line, wrapped titles, notes that end a table, a contents list with
dot leaders, the columns a header names, codes written as one number, and 元 tables
compared with 万元 ones. Small texts in the layouts of the other-provinces documents."""

from __future__ import annotations

from decimal import Decimal

from budgetlint.core.arith import shifted, wan_shift
from budgetlint.core.profile import builtin_profile
from budgetlint.linter.lint import lint_document
from budgetlint.parse import parse_text
from budgetlint.readers.columns import foreign, header_names, single_amount, vocabulary
from budgetlint.rules.loader import load_pack

D = Decimal


def tables(text: str):
    return parse_text(text, form="pdf-text").tables()


def findings(text: str, *rules: str):
    doc = parse_text(text, form="pdf-text")
    return [f for f in lint_document(doc, load_pack("core")) if not rules or f.rule in rules]


JIANGSU_05 = """公开05表
财政拨款支出预算表
部门：江苏省某厅 单位：万元
功能科目代码 功能科目名称 金额
合计
{total}
201 一般公共服务支出 120.00
20102 政协事务 120.00
2010201 行政运行 100.00
2010202 一般行政管理事务 20.00
"""


def test_a_jiangsu_label_and_its_title_make_one_table_with_its_kind():
    [t] = tables(JIANGSU_05.format(total="120.00"))
    assert (t.number, t.number_text, t.title, t.role, t.unit) == (5, "公开05表", "财政拨款支出预算表", "fiscal-expenditure", "万元")


def test_a_one_amount_column_table_is_read_by_its_header_and_its_codes_sum():
    [t] = tables(JIANGSU_05.format(total="120.00"))
    assert [c.key for c in t.columns] == ["金额"] and not t.unparsed
    assert [(r.code, r.values["金额"]) for r in t.rows if r.code] == [
        ("201", D("120.00")), ("20102", D("120.00")), ("2010201", D("100.00")), ("2010202", D("20.00"))]
    assert findings(JIANGSU_05.format(total="120.00"), "BL101") == []


def test_a_wrong_parent_in_a_one_column_table_is_found():
    # the 合计 row says 121.00; its one 类 row 201 says 120.00
    [f] = findings(JIANGSU_05.format(total="121.00"), "BL101")
    assert "121.00 ≠ 120.00" in f.message


def test_a_title_without_number_over_its_unit_line_is_a_table_and_its_rows_no_list():
    text = "一、部门概况\n本部门主要职能如下。\n一、2018年度江苏省某院收支预算总表\n单位：万元\n" \
           "收入 支出\n项目名称 金额 功能科目名称 金额\n一、财政拨款 100.00 一、一般公共服务支出 100.00\n" \
           "二、财政专户管理资金 二、外交支出\n收入合计 100.00 支出合计 100.00\n"
    doc = parse_text(text, form="pdf-text")
    assert [t.role for t in doc.tables()] == ["summary"]
    # the 一、/二、 inside the table are rows, not a list going backwards
    assert not [f for f in lint_document(doc, load_pack("core")) if f.rule == "BL208"]


def test_a_title_wrapped_over_two_lines_is_whole():
    text = "公开 09 表：一般公共预算“三公”经费、会议费、培训费\n支出预算表\n部门： 某院 单位：万元\n合计\n"
    [t] = tables(text)
    assert t.title == "一般公共预算“三公”经费、会议费、培训费支出预算表" and t.role == "three-public"
    text = "九、2018年度某院“三公”经费、会议费、培训费支\n出预算表\n单位：万元\n合计\n"
    [t] = tables(text)
    assert t.role == "three-public"


def test_bare_final_accounts_titles_follow_each_other():
    text = ("收入决算表\n单位：万元\n项目 本年收入合计 财政拨款收入\n合计 10.00 10.00\n"
            "注：本表反映部门本年度取得的各项收入情况。\n"
            "支出决算表\n单位：万元\n项目 本年支出合计 基本支出 项目支出\n合计 10.00 10.00\n"
            "注：本表反映部门本年度各项支出情况。\n"
            "第三部分 情况说明\n")
    assert [t.role for t in tables(text)] == ["income", "expenditure"]


def test_prose_after_a_note_is_no_table_row():
    text = ("政府性基金预算财政拨款收入支出决算表\n单位：万元\n项目 本年收入 本年支出\n合计\n"
            "注：本表反映部门本年度政府性基金预算财政拨款收入支出情况。\n"
            "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：\n"
            "说明：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。\n"
            "本部门2024年度收入决算307.82万元，比上年增加7.82万元。\n")
    doc = parse_text(text, form="pdf-text")
    [t] = doc.tables()
    assert t.role == "gov-fund" and "故本表无数据" in t.note
    assert t.end_line == 7
    assert any("307.82" in p.text for p in doc.paragraphs())


def test_a_contents_list_with_dot_leaders_is_neither_table_nor_list():
    text = ("目 录\n一、部门主要职能 ……………………\n二、部门机构设置 ……………………\n"
            "五、部门预算表 ……………………\n1. 2024年部门财务收支预算总表 ……………………\n"
            "2. 2024年部门收入预算总表 ……………………\n一、部门主要职能\n本部门负责社区事务。\n")
    doc = parse_text(text, form="pdf-text")
    assert doc.tables() == []
    assert [p.list_item for p in doc.paragraphs() if p.list_item] == ["目录"]


def test_a_header_with_columns_the_template_lacks_leaves_the_table_unread():
    # a 决算 支出决算表 also prints 上缴上级支出 / 经营支出: not the 合计/基本/项目 template
    text = ("支出决算表\n单位：万元\n项目\n本年支出合计 基本支出 项目支出 上缴上级支出 经营支出\n"
            "科目编码 科目名称\n201 一般公共服务支出 10.00 4.00 6.00\n合计 10.00 4.00 6.00\n")
    [t] = tables(text)
    assert t.rows == [] and "上缴上级支出" in t.unparsed[0].diagnostic
    assert findings(text, "BL101", "BL102") == []


SHANGHAI_SUMMARY = (
    "2024年部门财务收支预算总表\n编制部门：某街道 单位：元\n本年收入 本年支出\n项目 预算数 项目 预算数\n"
    "一、财政拨款收入 300 一、一般公共服务支出 100\n1. 一般公共预算资金 300 二、公共安全支出 150\n"
    "二、事业收入 三、教育支出\n四、卫生健康支出 50\n收入总计 300 支出总计 {total}\n"
)


def test_a_two_sided_table_without_codes_is_cut_at_its_items():
    # no 功能分类 code to cut at: the ordinals and totals say where the right side begins;
    # 四、 alone continues the expenditure numbering (the income side stopped at 二、)
    [t] = tables(SHANGHAI_SUMMARY.format(total=300))
    income = [(r.name, r.values["预算数"]) for r in t.sides["income"]]
    spend = [(r.name, r.values["预算数"]) for r in t.sides["expenditure"]]
    assert income == [("一、财政拨款收入", Decimal(300)), ("1.一般公共预算资金", Decimal(300)),
                      ("二、事业收入", None), ("收入总计", Decimal(300))]
    assert spend == [("一、一般公共服务支出", Decimal(100)), ("二、公共安全支出", Decimal(150)),
                     ("三、教育支出", None), ("四、卫生健康支出", Decimal(50)), ("支出总计", Decimal(300))]
    assert t.unparsed == []
    assert findings(SHANGHAI_SUMMARY.format(total=300), "BL111") == []


def test_a_two_sided_table_without_codes_is_checked_for_balance():
    [f] = findings(SHANGHAI_SUMMARY.format(total=290), "BL111")
    assert f.severity == "error" and "300" in f.message and "290" in f.message


def test_an_item_that_continues_both_sides_goes_by_its_name_or_stays_unread():
    # Jiangsu 财政拨款收支预算总表: 三、 continues both numberings; 经费 is spending
    text = ("财政拨款收支预算总表\n单位：万元\n收入 支出\n项目名称 金额 项目名称 金额\n"
            "一、一般公共预算 10.00 一、基本支出 5.00\n二、政府性基金预算 二、项目支出 3.00\n"
            "三、{name} 2.00\n收入合计 支出合计\n10.00 10.00\n")
    [t] = tables(text.format(name="单位预留机动经费"))
    assert [r.name for r in t.sides["expenditure"]][2:] == ["三、单位预留机动经费", "支出合计"]
    assert t.sides["expenditure"][-1].values == {"金额": Decimal("10.00")}
    assert findings(text.format(name="单位预留机动经费"), "BL111", "BL105") == []
    [t] = tables(text.format(name="某某"))  # a name that says neither: nothing is guessed
    assert t.sides == {} and "no known side" in t.unparsed[0].diagnostic


def test_a_user_pack_says_an_item_side_and_amount_column_in_yaml_only(tmp_path):
    text = ("财政拨款收支预算总表\n单位：万元\n收入 支出\n项目名称 安排数 项目名称 安排数\n"
            "一、一般公共预算 10.00 一、基本支出 5.00\n二、政府性基金预算 二、项目支出 3.00\n"
            "三、机动储备 2.00\n收入合计 10.00 支出合计 10.00\n")
    assert tables(text)[0].sides == {}  # 机动储备 says neither side to core
    (tmp_path / "mine.yaml").write_text(
        "extends: core\nprofile:\n  two_sided:\n    expenditure: ['支出', '经费', '储备']\n"
        "    amounts: ['安排数']\n", encoding="utf-8")
    profile = load_pack(str(tmp_path / "mine.yaml")).profile
    [t] = parse_text(text, form="pdf-text", profile=profile).tables()
    assert [(r.name, r.values) for r in t.sides["expenditure"]][2:] == [
        ("三、机动储备", {"安排数": Decimal("2.00")}), ("支出合计", {"安排数": Decimal("10.00")})]
    # core's income names are still there beside the pack's own patterns
    assert profile.section("two_sided")["income_names"] == builtin_profile("core").section("two_sided")["income_names"]


def test_a_user_pack_gives_a_kind_its_pdf_text_columns_in_yaml_only(tmp_path):
    text = ("2024年机关运行经费预算表\n单位：万元\n科目编码 科目名称 合计 办公经费 水电经费\n"
            "201 一般公共服务支出 30.00 20.00 10.00\n合计 30.00 20.00 10.00\n")
    [t] = tables(text)
    assert t.role == "operating-costs" and t.rows == [] and "no column template" in t.unparsed[0].diagnostic
    (tmp_path / "mine.yaml").write_text(
        "extends: core\nprofile:\n  text_columns:\n    operating-costs:\n"
        "      columns: [{names: [合计]}, {names: [办公经费, 办公费]}, {names: [水电经费]}]\n", encoding="utf-8")
    profile = load_pack(str(tmp_path / "mine.yaml")).profile
    [t] = parse_text(text, form="pdf-text", profile=profile).tables()
    assert [c.key for c in t.columns] == ["合计", "办公经费", "水电经费"] and not t.unparsed
    assert t.rows[0].values == {"合计": Decimal("30.00"), "办公经费": Decimal("20.00"), "水电经费": Decimal("10.00")}
    # core's templates are still there beside the pack's own
    assert set(builtin_profile("core").section("text_columns")) < set(profile.section("text_columns"))


def test_a_summary_with_expenditure_by_function_and_by_use_stays_unread():
    text = ("收支预算总表\n单位：万元\n收入 支出\n功能分类 支出用途\n项目名称 金额 功能科目名称 金额 项目名称 金额\n"
            "一、财政拨款 10.00 一、一般公共服务支出 10.00 一、基本支出 10.00\n收入合计 10.00 支出合计 10.00\n")
    [t] = tables(text)
    assert t.sides == {} and "three items" in t.unparsed[0].diagnostic


def test_codes_written_as_one_number_and_without_a_leading_zero():
    text = ("2024年部门一般公共预算基本支出部门预算经济分类预算表\n编制部门：某街道 单位：元\n"
            "项目 一般公共预算基本支出\n经济分类科目名称 合计 人员经费 公用经费\n类 款\n"
            "301 工资福利支出 300 300 0\n301 01 基本工资 100 100 0\n301 2 津贴补贴 200 200 0\n")
    [t] = tables(text)
    assert [r.code for r in t.rows] == ["301", "30101", "30102"]
    assert findings(text, "BL101") == []  # 300 = 100 + 200


def test_a_name_wrapped_around_its_code_line_is_one_row():
    text = ("一般公共预算财政拨款支出决算表\n单位：万元\n项目\n合计 基本支出 项目支出\n科目名称\n科目编码\n"
            "社会保障和就\n208 10.82 10.82\n业支出\n行政事业单位\n20805 10.82 10.82\n养老支出\n"
            "机关事业单位基本养老保险缴费\n2080505 10.82 10.82\n支出\n合计 10.82 10.82\n")
    [t] = tables(text)
    assert [(r.code, r.name) for r in t.rows if r.code] == [
        ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"), ("2080505", "机关事业单位基本养老保险缴费支出")]
    assert findings(text, "BL101", "BL102") == []


def test_template_placeholders_are_no_rows():
    text = ("一般公共预算财政拨款支出决算表\n单位：万元\n项目\n合计 基本支出 项目支出\n科目编码\n"
            "205 教育支出\n20502 普通教育\n… …\n文化旅游体育\n207\n与传媒支出\n合计\n")
    [t] = tables(text)
    assert t.rows == [] and "placeholder" in t.unparsed[0].diagnostic


def test_header_names_take_the_longest_name_and_skip_group_headers():
    vocab = vocabulary(builtin_profile("core"))
    found = header_names("项目 一般公共预算支出 功能分类科目名称 合 计 基本支出 项目支出 本年支出合计", vocab)
    assert [h.name for h in found] == ["一般公共预算支出", "合计", "基本支出", "项目支出", "本年支出合计"]
    assert foreign(found, ["合计", "基本支出", "项目支出"]) == []
    assert foreign(header_names("合计 基本支出 项目支出 经营支出", vocab), ["合计", "基本支出", "项目支出"]) == ["经营支出"]
    assert single_amount(header_names("功能科目代码 功能科目名称 金额", vocab)) == "金额"
    # two column pairs side by side (人员经费 | 公用经费): 决算数 twice is no one column
    assert single_amount(header_names("科目名称 决算数 科目名称 决算数", vocab)) is None


def test_yuan_and_wan_are_compared_exactly():
    assert wan_shift("元", "万元") == -4 and wan_shift("万元", "元") == 4 and wan_shift(None, "万元") == 0
    assert shifted(D("13500"), -4) == D("1.3500")


THREE_PUBLIC_WAN = """财政拨款“三公”经费支出情况表
编制部门：某街道 单位：万元
三公支出内容 合计 资金来源 一般公共预算 政府性基金 国有资本经营预算
合计 {reception} {reception}
公务接待费 {reception} {reception}
"""
BASIC_YUAN = """2024年部门一般公共预算基本支出部门预算经济分类预算表
编制部门：某街道 单位：元
项目 一般公共预算基本支出
经济分类科目名称 合计 人员经费 公用经费
类 款
302 商品和服务支出 13,500 0 13,500
302 17 公务接待费 13,500 0 13,500
"""


def test_a_figure_in_yuan_matches_the_same_money_in_wan():
    # 1.35 万元 = 13,500 元: the same money, no finding
    assert findings(THREE_PUBLIC_WAN.format(reception="1.35") + BASIC_YUAN, "BL124") == []
    # 1.53 万元 ≠ 13,500 元 = 1.35 万元
    [f] = findings(THREE_PUBLIC_WAN.format(reception="1.53") + BASIC_YUAN, "BL124")
    assert "1.53" in f.message and "1.3500" in f.message


def test_an_unknown_title_gets_its_kind_from_the_header():
    text = ("表5\n基本支出经济分类明细\n编制部门：某局 单位：万元\n项目 一般公共预算基本支出\n"
            "经济分类科目编码 经济分类科目名称 合 计 人员经费 公用经费\n类 款\n"
            "301 工资福利支出 100.00 100.00\n301 01 基本工资 100.00 100.00\n")
    [t] = tables(text)
    assert t.role == "gpb-basic" and not t.unparsed


def test_a_user_pack_adds_a_table_synonym_in_yaml_only(tmp_path):
    text = "表1\n收支一览表\n编制部门：某局 单位：万元\n项目名称 金额\n合计\n100.00\n"
    assert tables(text)[0].role == "other"
    (tmp_path / "mine.yaml").write_text(
        "extends: core\nprofile:\n  table_synonyms:\n    summary: ['^收支一览表$']\n", encoding="utf-8")
    profile = load_pack(str(tmp_path / "mine.yaml")).profile
    assert parse_text(text, form="pdf-text", profile=profile).tables()[0].role == "summary"
    # core's table_kinds are still there beside the synonym
    assert [e["kind"] for e in profile.section("table_kinds")] == [e["kind"] for e in builtin_profile("core").section("table_kinds")]


def test_the_jiangsu_and_shanghai_packs_spell_their_own_titles():
    from budgetlint.core.profile import Profile
    from budgetlint.readers.tables import table_role

    for pack, title, kind in (("jiangsu", "“三公”经费、会议费、培训费支出预算表", "three-public"),
                              ("jiangsu", "2018年政府采购预算表", "procurement"),
                              ("shanghai", "2024年部门一般公共预算支出功能分类预算表", "gpb-expenditure"),
                              ("shanghai", "部门“三公”经费和机关运行经费预算表", "three-public")):
        # the pack's synonyms alone, without core's table_kinds, give the kind
        own = Profile(pack, {"table_synonyms": load_pack(pack).profile.section("table_synonyms")})
        assert table_role(title, own) == kind
        assert table_role(title, builtin_profile(pack)) == kind


def test_prose_in_wan_against_a_table_in_yuan():
    text = ("2024年部门一般公共预算基本支出部门预算经济分类预算表\n编制部门：某街道 单位：元\n"
            "项目 一般公共预算基本支出\n经济分类科目名称 合计 人员经费 公用经费\n类 款\n"
            "301 工资福利支出 882,825 882,825 0\n302 商品和服务支出 13,500 0 13,500\n"
            "合计 896,325 882,825 13,500\n第三部分 情况说明\n三、一般公共预算基本支出情况\n"
            "2024年一般公共预算基本支出89.63万元，其中：人员经费88.28万元，公用经费{public}万元。\n")
    # 896,325 元 = 89.6325 万元 and 882,825 元 = 88.2825 万元: rounded to the prose's 0.01
    assert findings(text.format(public="1.35"), "BL205") == []
    # 1.53 万元 is not 13,500 元 = 1.35 万元
    [f] = findings(text.format(public="1.53"), "BL205")
    assert f.severity == "error" and "1.53 万元 ≠ 13500 元 = 1.35 万元" in f.message


FINAL_EXPENDITURE = (
    "支出决算表\n单位：万元\n项目\n对附属单位补\n本年支出合计 基本支出 项目支出 上缴上级支出 经营支出\n功能分类\n助支出\n"
    "科目名称\n科目编码\n合计 {total} 4.00 6.00\n201 一般公共服务支出 10.00 4.00 6.00\n"
)


def test_a_variant_layout_reads_a_table_whose_header_names_all_its_columns():
    # core's text_columns.expenditure.variants.final-accounts: the 决算 支出决算表, its
    # 对附属单位补助支出 wrapped over two lines (a head of the name is enough)
    [t] = tables(FINAL_EXPENDITURE.format(total="10.00"))
    assert [c.key for c in t.columns] == ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    assert not t.unparsed
    total = next(r for r in t.rows if r.kind == "total")
    assert (total.values["本年支出合计"], total.values["基本支出"], total.values["项目支出"]) == (D("10.00"), D("4.00"), D("6.00"))
    assert findings(FINAL_EXPENDITURE.format(total="10.00"), "BL101", "BL102") == []
    [f] = findings(FINAL_EXPENDITURE.format(total="11.00"), "BL101")  # 合计 11.00 over its one 类 row 10.00
    assert "11.00 ≠ 10.00" in f.message


def test_a_user_pack_adds_a_layout_variant_in_yaml_only(tmp_path):
    text = ("支出预算总表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出 单位预留机动经费\n"
            "201 一般公共服务支出 30.00 20.00 6.00 4.00\n合计 30.00 20.00 6.00 4.00\n")
    [t] = tables(text)
    assert t.rows == [] and "单位预留机动经费" in t.unparsed[0].diagnostic
    (tmp_path / "mine.yaml").write_text(
        "extends: core\nprofile:\n  text_columns:\n    expenditure:\n      variants:\n        mine:\n"
        "          columns: [{names: [合计]}, {names: [基本支出]}, {names: [项目支出]}, {names: [单位预留机动经费]}]\n",
        encoding="utf-8")
    profile = load_pack(str(tmp_path / "mine.yaml")).profile
    [t] = parse_text(text, form="pdf-text", profile=profile).tables()
    assert [c.key for c in t.columns] == ["合计", "基本支出", "项目支出", "单位预留机动经费"] and not t.unparsed
    assert t.rows[0].values["单位预留机动经费"] == D("4.00")
    # the variant is added beside core's, not in place of them
    variants = profile.section("text_columns")["expenditure"]["variants"]
    assert {"mine", "final-accounts"} <= set(variants)


def test_figures_under_a_header_with_no_row_name_are_unread_not_an_empty_table():
    # Jiangsu's 支出预算总表 prints its one total row without a name
    text = ("公开03表\n支出预算总表\n部门：江苏省某厅 单位：万元\n合计 基本支出 项目支出\n30.00 20.00 10.00\n"
            "公开04表\n财政拨款收支预算总表\n")
    t = tables(text)[0]
    assert t.rows == [] and "without a row name" in t.unparsed[0].diagnostic
    assert findings(text, "BL132") == []
