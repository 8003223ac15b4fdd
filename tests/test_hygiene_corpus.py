"""The document-hygiene checks (BL221-BL225) on every corpus document, text and PDF:
the complete list of findings, each confirmed by hand against the document.

The documents are all published except the Shanghai 决算 template, which is the
blank form itself; the hygiene checks must find nothing in the others but the three
doubled marks of the 2020 Changji document, and must read each document's kind and
year from its cover or titles (the corpus README's table says what each one is).
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from conftest import corpus_path

from budgetlint.ingest import load_path
from budgetlint.linter.lint import lint_document
from budgetlint.parse import parse_source
from budgetlint.rules.checks._hygiene import identity
from budgetlint.rules.loader import load_pack

OTHER = "other-provinces/"
DOCUMENTS = [
    "changji-city-hrss-2023.txt",
    "urumqi-gaoxin-hrss-2023.txt",
    "changji-prefecture-hrss-2020.txt",
    "changji-prefecture-hrss-center-2025.md",
] + [
    OTHER + stem + ext
    for stem in (
        "jiangsu-cppcc-office-2018-budget-tables",
        "jiangsu-cppcc-office-2018-budget",
        "jiangsu-high-court-2018-budget",
        "jiangsu-procuratorate-2018-budget",
        "shanghai-dept-final-accounts-template-2024",
        "shanghai-putuo-social-work-dept-2024-final-accounts",
        "shanghai-putuo-wanli-subdistrict-2024-budget",
        "shanghai-putuo-wanli-subdistrict-2025-budget",
    )
    for ext in (".txt", ".pdf")
]

# The corpus README's table: unit, year and kind of each document.
IDENTITY = {
    "changji-city-hrss-2023": ("budget", 2023),
    "urumqi-gaoxin-hrss-2023": ("budget", 2023),
    "changji-prefecture-hrss-2020": ("budget", 2020),
    "changji-prefecture-hrss-center-2025": ("budget", 2025),
    # tables only, no cover: its last table's title, 2018年政府采购预算表 (line 221), names
    # the year and the kind once its tables are read as tables
    "jiangsu-cppcc-office-2018-budget-tables": ("budget", 2018),
    "jiangsu-cppcc-office-2018-budget": ("budget", 2018),
    "jiangsu-high-court-2018-budget": ("budget", 2018),  # its cover's 2018 年 2 月 24 日 is a date
    "jiangsu-procuratorate-2018-budget": ("budget", 2018),
    "shanghai-dept-final-accounts-template-2024": ("final-accounts", 2024),
    "shanghai-putuo-social-work-dept-2024-final-accounts": ("final-accounts", 2024),
    "shanghai-putuo-wanli-subdistrict-2024-budget": ("budget", 2024),
    "shanghai-putuo-wanli-subdistrict-2025-budget": ("budget", 2025),
}

EXPECTED = {
    # 20: `…劳动关系和工资福利科、调解仲裁管理科。。` (the list of 科室 ends in two 。)
    # 1275: `…导致基本支出减少86.47万元，，二是项目收入减少…`
    # 1362: `…厉行节俭，压缩办公经费支出。。`
    "changji-prefecture-hrss-2020.txt": [("BL224", 20), ("BL224", 1275), ("BL224", 1362)],
    # The blank template: 207 placeholders, one finding per part. Counted apart from the
    # linter with grep -oE over the part's lines ([X×]{2,}, （…名称）, 增加（减少）-style
    # alternatives, （如持平作持平表述）/（不涉及的不列）): lines 1-29 (cover and contents)
    # 4, 30-270 (第一部分 and the tables, whose 第二部分 heading the outline reads as
    # text) 10, 271-410 (第三部分) 190, 411- (第四部分) 3. Its 截至 2024 年 12 月 31 日,
    # its part titles (2024 年度) and its contents (every table printed) are right.
    # Each finding stands at its part's first placeholder (416: `…XXXXXXXX 收入等`).
    OTHER + "shanghai-dept-final-accounts-template-2024.txt": [
        ("BL221", 1), ("BL221", 30), ("BL221", 271), ("BL221", 416)],
    # the PDF: the same four parts, at the PDF's lines
    OTHER + "shanghai-dept-final-accounts-template-2024.pdf": [
        ("BL221", 1), ("BL221", 30), ("BL221", 228), ("BL221", 373)],
}
PER_PART = {  # the template's counts per part, as grep gives them (see above)
    OTHER + "shanghai-dept-final-accounts-template-2024.txt": [4, 10, 190, 3],
    OTHER + "shanghai-dept-final-accounts-template-2024.pdf": [4, 10, 190, 3],
}


def _stem(name: str) -> str:
    return name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


@lru_cache(maxsize=None)
def document(name: str):
    return parse_source(load_path(str(corpus_path(name))))


@lru_cache(maxsize=None)
def hygiene_findings(name: str):
    rules = load_pack("core").filtered([f"BL22{i}" for i in range(1, 10)])
    return lint_document(document(name), rules)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_document_says_its_kind_and_year(name):
    own = identity(document(name))
    assert (None if own is None else (own.kind, own.year)) == IDENTITY[_stem(name)]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_hygiene_findings_on_corpus(name):
    found = hygiene_findings(name)
    assert sorted((f.rule, f.line) for f in found) == sorted(EXPECTED.get(name, [])), [f.message for f in found]


@pytest.mark.parametrize("name", sorted(PER_PART))
def test_a_blank_template_is_reported_once_per_part_with_its_counts(name):
    found = sorted(hygiene_findings(name), key=lambda f: f.line)
    assert [int(f.fields["count"]) for f in found] == PER_PART[name]
    assert all("全文共 207 处" in f.message for f in found)
