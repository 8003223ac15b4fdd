"""Project places: name normalisation, matching, and the prose and summary readers."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.parse import parse_source
from budgetlint.core.readings import Place
from budgetlint.readings.projects import normalise_name, perf_summaries, prose_places
from budgetlint.rules.projects import CONTAINS, EQUAL, SIMILAR, group_places, match_tier
from budgetlint.ingest import load_text

D = Decimal


def place(kind, name, line, amount=None, fiscal=None):
    return Place(kind, name, normalise_name(name), line, None if amount is None else D(amount),
                 fiscal=None if fiscal is None else D(fiscal))


def test_normalise_drops_document_number_year_spaces_and_quotes():
    assert normalise_name("乌财社【2022】403 号 关于提前下达 2023 年高校毕业生“三支一扶”计划") == "关于提前下达高校毕业生三支一扶计划"
    assert normalise_name("《关于提前下达2023年自治区就业补助资金的通知》昌州财社【2021】60号") == "关于提前下达自治区就业补助资金的通知"
    assert normalise_name("各类人事考试工作经费项目") == "各类人事考试工作经费"


def test_normalise_keeps_what_tells_projects_apart():
    # the bracketed suffix is all that distinguishes these two projects (urumqi 表7)
    a = normalise_name("乌财社【2022】412号关于提前下达2023年中央财政就业补助资金（直达资金）的通知（社保补贴）")
    b = normalise_name("乌财社【2022】412号关于提前下达2023年中央财政就业补助资金（直达资金）的通知（公岗岗位补贴）")
    assert a != b and a.endswith("社保补贴") and b.endswith("公岗岗位补贴")
    # a document number glued to the name's text: the issuer's length is unknown, so
    # nothing of the name is dropped with it
    assert normalise_name("提前下达就业资金乌财社【2022】403号").startswith("提前下达就业资金")


def test_match_tiers():
    assert match_tier("劳动能力鉴定工作经费", "劳动能力鉴定工作经费")[0] == EQUAL
    assert match_tier("自治州劳动能力鉴定工作经费", "劳动能力鉴定工作经费")[0] == CONTAINS
    assert match_tier("劳动人事争议仲裁工作经费", "劳动人事争议调解仲裁工作经费")[0] == SIMILAR
    # different projects of one document: no match
    assert match_tier("劳动能力鉴定工作经费", "劳动保障监察工作经费")[0] == 0
    # a generic phrase contained in a name is no match
    assert match_tier("就业补助资金", "关于提前下达中央财政就业补助资金的通知")[0] == 0


def test_weak_similarity_needs_agreeing_amounts():
    t7 = [place("table7", "社保基金监督检查审计经费", 10, "10")]
    same = group_places(t7, [place("prose", "社保基金专业审计工作经费", 20, "10")])
    assert len(same) == 1 and same[0].kinds() == ("table7", "prose")
    differ = group_places(t7, [place("prose", "社保基金专业审计工作经费", 20, "12")])
    assert [p.kinds() for p in differ] == [("table7",), ("prose",)]


def test_equal_names_are_paired_before_similar_ones():
    # 昌吉市 2023: two projects whose names score 0.79 against each other
    t7 = [place("table7", "关于提前下达2023年自治区就业补助资金的通知", 991, "6.92"),
          place("table7", "提前下达2023年自治区就业补助资金预算", 1034, "24.24")]
    prose = [place("prose", "关于提前下达 2023 年自治区就业补助资金的通知", 1346, "6.92"),
             place("prose", "提前下达 2023 年自治区就业补助资金预算", 1384, "24.25")]
    perf = [place("perf", "关于提前下达 2023 年自治区就业补助资金的通知", 1515, "6.92")]
    projects = group_places(t7, prose, perf)
    assert [[(p.kind, p.line) for p in pr.places] for pr in projects] == [
        [("table7", 991), ("prose", 1346), ("perf", 1515)],
        [("table7", 1034), ("prose", 1384)],
    ]


def test_one_place_never_joins_two_projects():
    t7 = [place("table7", "就业补助资金的通知（社保补贴）", 1, "3900"),
          place("table7", "就业补助资金的通知（公岗岗位补贴）", 2, "8146.57")]
    perf = [place("perf", "就业补助资金的通知（企业社会保险补贴）", 10, "3900"),
            place("perf", "就业补助资金的通知（公岗岗位补贴）", 11, "8146.57")]
    projects = group_places(t7, perf)
    assert [[p.line for p in pr.places] for pr in projects] == [[1, 10], [2, 11]]
    assert projects[0].matched == [EQUAL, SIMILAR]


PDF_TEXT = """第三部分 2023 年部门预算情况说明

七、关于某局部门2023 年一般公共预算项目支出情况说明

1.项目名称：关于提前下达 2023 年自治区就业补助资

金的通知

设立的政策依据：《关于提前下达 2023 年自治区就业补

助资金的通知》昌州财社【2021】60 号

预算安排规模：6.92 万元

2、项目名称：提前下达 2023 年自治区就业补助资金预

算

设立的政策依据：《关于提前下达 2023 年自治区就业补

 助资金的通知》昌州财社【2021】60 号

预算安排规模：24.25 万元

八、关于某局部门2023 年政府性基金预算拨款情况说明

某局部门 2023 年没有使用政府性基金预算拨款安排的支出，项目名称不适用。

（四）预算绩效情况

2023 年，本年度预算绩效管理的财政拨款项目 2 个，涉

及预算金额 3,106.92 万元；非财政拨款项目 0 个，涉及预算

金额 0 万元。具体情况见下表：
"""


def test_prose_items_rejoin_wrapped_names_and_find_their_amounts():
    doc = parse_source(load_text(PDF_TEXT, form="pdf-text"))
    places = prose_places(doc)
    assert [(p.name, p.line, p.amount, p.amount_line) for p in places] == [
        ("关于提前下达2023年自治区就业补助资金的通知", 5, D("6.92"), 13),
        ("提前下达2023年自治区就业补助资金预算", 15, D("24.25"), 23),
    ]


def test_summary_claims_with_their_lines():
    doc = parse_source(load_text(PDF_TEXT, form="pdf-text"))
    (summary,) = perf_summaries(doc)
    assert {k: (c.value, c.line) for k, c in summary.claims.items()} == {
        "fiscal_count": (D(2), 31),
        "fiscal_amount": (D("3106.92"), 33),
        "nonfiscal_count": (D(0), 33),
        "nonfiscal_amount": (D(0), 35),
    }


def test_summary_forms_of_the_corpus():
    def claims(text):
        doc = parse_source(load_text(f"（四）预算绩效情况\n\n{text}\n", form="pdf-text"))
        return {k: c.value for s in perf_summaries(doc) for k, c in s.claims.items()}

    assert claims("2020年度，本年度实行绩效管理的项目8个，涉及预算金额 109万元。") == {
        "all_count": D(8), "all_amount": D(109)}
    assert claims("本年度实行绩效目标管理的项目 3 个，涉及资金 12.5 万元。") == {
        "all_count": D(3), "all_amount": D("12.5")}
    assert claims(
        "2025 年，本部门预算绩效管理整体预算绩效目标 1 个，涉及预算金额 785.85 万元；当年预算安排项目共 6 个，"
        "其中：财政拨款项目涉及预算金额 319.40 万元；非财政拨款项目涉及预算金额 10.00 万元。"
    ) == {"overall_count": D(1), "overall_amount": D("785.85"), "all_count": D(6),
          "fiscal_amount": D("319.40"), "nonfiscal_amount": D("10.00")}


def test_performance_table_text_is_no_prose_item():
    # what a performance table would look like if its reader left it as paragraphs
    text = "（四）预算绩效情况\n\n项目名称 雇员及区聘人员工资社保 项目负责人 周建萍\n\n项目资金（万元） 年度预算总额： 2662\n"
    assert prose_places(parse_source(load_text(text, form="pdf-text"))) == []


def test_prose_item_split_between_heading_and_paragraph():
    # a parser that keeps a heading's line only in the heading: the wrapped name
    # continues at the start of the next paragraph
    from budgetlint.core.model import Document, Paragraph, Section

    body = "金的通知设立的政策依据:《通知》预算安排规模:6.92 万元"
    offsets = tuple([1348] * 4 + [1350] * 13 + [1354] * (len(body) - 17))
    heading = Section("heading", 3, "1.", "项目名称:关于提前下达 2023 年自治区就业补助资", 1346,
                      children=[Paragraph(body, 1348, 1354, offsets=offsets)])
    doc = Document("x.txt", "pdf-text", "", children=[Section("part", 0, "第三部分", "情况说明", 1340, children=[heading])])
    (item,) = prose_places(doc)
    assert (item.name, item.line, item.amount, item.amount_line) == (
        "关于提前下达2023年自治区就业补助资金的通知", 1346, D("6.92"), 1354)

_NAMES = st.text(alphabet="劳动能力鉴定工作经费社保基金审计事业单位招聘（）2023年", min_size=1, max_size=14)


@settings(max_examples=60, deadline=None)
@given(st.lists(_NAMES, max_size=6), st.lists(_NAMES, max_size=6), st.lists(_NAMES, max_size=6))
def test_every_place_in_exactly_one_project_and_one_place_per_kind(t7, prose, perf):
    kinds = (
        [place("table7", n, i) for i, n in enumerate(t7)],
        [place("prose", n, 100 + i) for i, n in enumerate(prose)],
        [place("perf", n, 200 + i) for i, n in enumerate(perf)],
    )
    places = [p for ps in kinds for p in ps if p.norm]
    projects = group_places(*[[p for p in ps if p.norm] for ps in kinds])
    grouped = [p for project in projects for p in project.places]
    assert sorted(p.line for p in grouped) == sorted(p.line for p in places)
    for project in projects:
        assert len(set(project.kinds())) == len(project.kinds())
