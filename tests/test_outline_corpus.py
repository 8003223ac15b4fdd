"""The outline of every corpus document: parts, tables (number, title, role), performance
tables. Line numbers and titles were read off the documents by hand (grep -n)."""

from __future__ import annotations

import pytest

from conftest import parsed

PARTS = {
    "changji-city": [(1, "第一部分"), (200, "第二部分"), (1107, "第三部分"), (1900, "第四部分")],
    "urumqi": [(1, "第一部分"), (112, "第二部分"), (915, "第三部分"), (3231, "第四部分")],
    "prefecture-2020": [(1, "第一部分"), (24, "第二部分"), (1267, "第三部分"), (2096, "第四部分")],
    # The 2025 Markdown opens with a table of contents that repeats the part headings.
    "center-2025": [(58, "第一部分"), (86, "第二部分"), (425, "第三部分"), (794, "第四部分")],
}

STANDARD_2023 = [
    ("summary", "部门收支总体情况表"),
    ("income", "收入总体情况表"),
    ("expenditure", "支出总体情况表"),
    ("fiscal-summary", "财政拨款收支预算总体情况表"),
    ("gpb-expenditure", "一般公共预算支出情况表"),
    ("gpb-basic", "一般公共预算基本支出情况表"),
    ("gpb-project", "一般公共预算项目支出情况表"),
    ("gov-fund", "政府性基金预算支出情况表"),
    ("soe-capital", "国有资本经营预算支出情况表"),
    ("three-public", "财政拨款“三公”经费支出情况表"),
]

TABLES = {
    "changji-city": {
        "lines": [201, 272, 520, 587, 667, 725, 797, 1044, 1060, 1075],
        "numbers": list(range(1, 11)),
        "roles": [r for r, _ in STANDARD_2023],
        "titles": {1: "部门收支总体情况表", 2: "昌吉市人力资源和社会保障局收入总体情况表", 10: "财政拨款“三公”经费支出情况表"},
    },
    "urumqi": {
        "lines": [115, 187, 207, 286, 368, 430, 500, 847, 864, 880],
        "numbers": list(range(1, 11)),
        "roles": [r for r, _ in STANDARD_2023],
        "titles": {
            1: "乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局收支总体情况表",
            6: "一般公共预算基本支出情况表",
        },
    },
    "prefecture-2020": {
        # 表一…表九, in the 2020 template's own order: 三公 is 表八, 政府性基金 表九.
        "lines": [25, 188, 318, 396, 610, 707, 948, 1146, 1180],
        "numbers": list(range(1, 10)),
        "roles": [
            "summary", "income", "expenditure", "fiscal-summary", "gpb-expenditure",
            "gpb-basic", "gpb-project", "three-public", "gov-fund",
        ],
        "titles": {7: "项目支出情况表", 8: "一般公共预算“三公”经费支出情况表"},
    },
    "center-2025": {
        # 表4 is printed without its "表 4" line: its title starts the table.
        "lines": [88, 131, 173, 207, 248, 282, 324, 346, 367, 388, 407],
        "numbers": [1, 2, 3, None, 5, 6, 7, 8, 9, 10, 11],
        "roles": [r for r, _ in STANDARD_2023] + ["carryover"],
        "titles": {4: "财政拨款收支预算总体情况表", 11: "上年结转结余情况明细表"},
    },
}

PERF = {
    "changji-city": [1508, 1658],
    "urumqi": [1401, 1752, 2076, 2420, 2827],
    "prefecture-2020": [1376, 1460, 1552, 1632, 1715, 1799, 1913, 2005],
    "center-2025": [643, 665, 685, 706, 728, 749, 769],
}


@pytest.mark.parametrize("key", PARTS)
def test_parts(key):
    doc = parsed(key)
    assert [(p.line, p.number) for p in doc.parts()] == PARTS[key]


@pytest.mark.parametrize("key", TABLES)
def test_tables_numbers_titles_roles(key):
    doc = parsed(key)
    expected = TABLES[key]
    tables = doc.tables()
    assert [t.line for t in tables] == expected["lines"]
    assert [t.number for t in tables] == expected["numbers"]
    assert [t.role for t in tables] == expected["roles"]
    for index, title in expected["titles"].items():
        assert tables[index - 1].title == title
    assert all(t.unit == "万元" for t in tables)
    assert all(t.org for t in tables)


@pytest.mark.parametrize("key", PERF)
def test_performance_tables_are_found(key):
    doc = parsed(key)
    assert [p.line for p in doc.perf_tables()] == PERF[key]
    kinds = [p.kind for p in doc.perf_tables()]
    assert kinds == (["overall"] + ["project"] * 6 if key == "center-2025" else ["project"] * len(PERF[key]))


def test_empty_tables_keep_their_note():
    doc = parsed("changji-city")
    fund = doc.table_by_role("gov-fund")
    assert fund.note == "备注:2023 年预算未安排政府性基金预算支出。" and fund.note_line == 1059


def test_interleaved_glossary_page_is_put_back_after_the_table():
    # PDF text puts the end of the last performance table (lines 1930-2000) inside the
    # glossary's 七 entry; the table must end at 2000 and the glossary sentence rejoin.
    doc = parsed("changji-city")
    assert doc.perf_tables()[-1].end_line == 2000
    glossary = doc.parts()[-1]
    texts = [p.text for s in glossary.children for p in getattr(s, "children", [])]
    assert any("因公出国（境）费反映单位公务出国（境）的国际旅费" in t for t in texts)


def test_wrapped_heading_is_rejoined():
    doc = parsed("changji-city")
    part3 = doc.parts()[2]
    first = part3.children[0]
    assert first.number == "一、"
    assert first.title.endswith("收支预算情况的总体说明")


def test_prose_sentences_keep_their_lines():
    doc = parsed("changji-city")
    sentences = [s for p in doc.paragraphs() for s in p.sentences]
    hit = next(s for s in sentences if "比上年预算增加 38.56 万元" in s.text)
    # The numbered item starts on line 1233 (its heading line) and the figure 38.56
    # stands on line 1237.
    assert hit.text.startswith("2.社会保障和就业支出（208 类）人力资源和社会保障管理事务（01 款）事业运行（50 项）")
    assert hit.line == 1233
    assert hit.line_at(hit.text.index("38.56")) == 1237


def test_prose_that_never_ends_a_sentence_is_cut_into_bounded_paragraphs():
    from budgetlint.parse import parse_text
    from budgetlint.readers.prose import MAX_PARAGRAPH

    # PDF text: 2,000 wrapped lines with no full stop; every character keeps its line.
    text = " 第三部分 情况说明\n\n" + "".join(f"预算安排规模{i}万元其中\n\n" for i in range(2000))
    paragraphs = parse_text(text, form="pdf-text").paragraphs()
    assert sum(len(p.text) for p in paragraphs) == sum(len(f"预算安排规模{i}万元其中") for i in range(2000))
    assert all(len(p.text) < MAX_PARAGRAPH + 20 for p in paragraphs)
    assert paragraphs[0].line == 3 and paragraphs[-1].end_line == 2 * 2000 + 1
