"""Ingest: decoding, refusal of non-text, normalisation, form detection, line origins."""

from __future__ import annotations

import codecs

import pytest
from conftest import raises_said

from budgetlint.ingest import InputError, load_bytes, load_path, load_text
from budgetlint.ingest.forms import detect_form

SAMPLE = "第一部分 概况\n\n一、主要职能\n\n收支总预算 5743.77 万元。\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # with BOM
        SAMPLE.encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "gb18030", "gbk"],
)
def test_encodings_decode_to_the_same_lines(data):
    source = load_bytes(data, "x.txt")
    assert [line.text for line in source.lines] == ["第一部分 概况", "一、主要职能", "收支总预算 5743.77 万元。"]
    assert [line.lineno for line in source.lines] == [1, 3, 5]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
        (b"\xff\xfe\x00", "invalid"),
    ],
)
def test_bad_input_is_a_one_line_error_naming_the_file(data, reason):
    with pytest.raises(InputError) as info:
        load_bytes(data, "bad/file.txt")
    message = info.value.text_in("en")
    assert message.startswith("bad/file.txt: ") and str(info.value).startswith("bad/file.txt: ")
    assert reason in message
    assert "\n" not in message


def test_undecodable_bytes_are_refused():
    # Invalid in UTF-8 and in GB18030 (0x80 alone, 0xFF are not lead bytes there).
    with raises_said(InputError, "not text"):
        load_bytes(b"abc \x80\xff\xff\x80 def", "x.txt")


def test_too_large_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    import budgetlint.ingest as ingest

    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    monkeypatch.setattr(ingest, "MAX_BYTES", 1024)
    with raises_said(InputError, "too large"):
        ingest.load_path(path)


def test_missing_file_and_directory(tmp_path):
    with raises_said(InputError, "no such file"):
        load_path(tmp_path / "absent.txt")
    with raises_said(InputError, "目录", lang="zh"):
        load_path(tmp_path)


def test_normalisation_of_fullwidth_digits_signs_and_spaces():
    source = load_text("占９７．４７％，合计１，２３４．５万元：\u3000测试\u00a0文本", form="pdf-text")
    assert source.lines[0].text == "占97.47%，合计1,234.5万元: 测试 文本"


def test_markdown_cells_lose_markup_and_keep_their_line():
    text = "# 标题\n\n| 项目 | 金额 |\n|---|---|\n| <b>合计</b> | <b>1.00</b> |\n| 其他人力资源<br>支出 | 2 |\n"
    source = load_text(text)
    assert source.form == "markdown"
    rows = [line for line in source.lines if line.cells]
    assert rows[1].cells == ("合计", "1.00") and rows[1].lineno == 5
    assert rows[2].cells == ("其他人力资源支出", "2") and rows[2].lineno == 6


def test_word_text_rows_become_cell_lines_with_continuations():
    text = "表一：\n\t项目\n\t预算数\n\n\t项目总体目标\n\t第一行\n接续行\n\n正文。\n" + "\t x\n" * 10
    source = load_text(text)
    assert source.form == "word-text"
    first, second = source.lines[1], source.lines[2]
    assert first.cells == ("项目", "预算数") and first.lineno == 2
    assert second.cells == ("项目总体目标", "第一行接续行") and second.lineno == 5


def test_pdf_text_pages_and_page_numbers():
    text = " 第一部分 概况\n\n正文第一行\n\n2\n\n 第二页开头\n\n正文\n"
    source = load_text(text, form="pdf-text")
    assert [(line.text, line.page) for line in source.lines] == [
        ("第一部分 概况", 1),
        ("正文第一行", 1),
        ("2", 1),  # a bare number that is not the page it closes may be a table cell: kept
        ("第二页开头", 2),
        ("正文", 2),
    ]


def test_folio_equal_to_the_page_is_dropped():
    text = " 第一部分 概况\n\n正文第一行\n\n1\n\n 第二页开头\n"
    source = load_text(text, form="pdf-text")
    assert [line.text for line in source.lines] == ["第一部分 概况", "正文第一行", "第二页开头"]


@pytest.mark.parametrize(
    "text, form",
    [
        ("# 标题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "markdown"),
        ("表一：\n" + "\tcell\n\n" * 20, "word-text"),
        (" 第一部分\n\n正文\n\n", "pdf-text"),
    ],
)
def test_form_is_detected_from_content(text, form):
    assert detect_form(text) == form


def test_form_override_and_unknown_form():
    assert load_text("| a |\n|---|\n", form="pdf-text").form == "pdf-text"
    with raises_said(InputError, "unknown text form"):
        load_text("x", form="rtf")
    with raises_said(InputError, "read from a .docx file"):
        load_text("x", form="docx")


def test_markdown_line_break_keeps_a_comparison_sign_before_it():
    # center-2025 line 701 prints `<<br>=21.41<br>万元`: the first `<` is the value's.
    source = load_text("| 指标值 |\n|---|\n| <<br>=21.41<br>万元 |\n")
    assert source.lines[-1].cells == ("<=21.41万元",)


def test_a_line_far_longer_than_any_disclosure_line_is_refused():
    from budgetlint.ingest import MAX_LINE

    with pytest.raises(InputError) as info:
        load_text("第一部分\n" + "1" * (MAX_LINE + 1) + "\n", "dump.txt")
    assert info.value.text_in("en") == f"dump.txt: line 2 has {MAX_LINE + 1} characters (limit {MAX_LINE}): not disclosure text"
    assert load_text("第一部分\n" + "1" * MAX_LINE + "\n", "ok.txt").lines[1].lineno == 2


def test_normalize_text_maps_full_width_and_only_digit_grouping_commas():
    from budgetlint.ingest.normalize import normalize_text

    # a full-width comma is a thousands separator only with a digit before and three after
    assert normalize_text("１４，０６４．５５万元") == "14,064.55万元"
    assert normalize_text("1，234，567") == "1,234,567"
    assert normalize_text("，123") == "，123"  # nothing before it
    assert normalize_text("共3，12项") == "共3，12项"  # two digits after: a clause
    assert normalize_text("a，123") == "a，123"
    assert normalize_text("５\u3000％\u200b") == "5 %"
    assert normalize_text("第一行\n２，０００") == "第一行\n2,000"


def _form_line_by_line(text):
    """detect_form's rules asked of each line in turn, as they read."""
    import re

    sep = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
    lines = text.split("\n")[:4000]
    tables = sum(1 for ln in lines if "|" in ln and sep.match(ln.strip()))
    heads = sum(1 for ln in lines if ln.startswith("#") and re.match(r"^#{1,6} \S", ln))
    if tables >= 1 or heads >= 3:
        return "markdown"
    tabbed = sum(1 for ln in lines if ln.startswith("\t"))
    if tabbed >= 10 and tabbed * 20 >= len([ln for ln in lines if ln.strip()]):
        return "word-text"
    return "pdf-text"


def test_form_detection_agrees_with_the_rules_asked_line_by_line():
    import random

    pieces = ["# 标题", "#标题", "## 二", "####### 七", "# ", "| a | b |", "|---|---|", " |--|", "a|b",
              "\tcell", "\t", " \tx", "", "正文", "  ", "表一：", "1,234.00", "\f 第二页"]
    rng = random.Random(7)
    for trial in range(400):
        lines = rng.choices(pieces, weights=[.6, 1, .4, 1, 1, 1, .1, .1, 1, 12, 2, 1, 6, 8, 1, 1, 2, 1],
                            k=rng.randint(0, 60))
        text = "\n".join(lines)
        assert detect_form(text) == _form_line_by_line(text), lines
    # the rules read the first 4,000 lines only
    late = "正文\n" * 4000 + "|---|---|\n"
    assert detect_form(late) == _form_line_by_line(late) == "pdf-text"


@pytest.mark.parametrize("folio", ["1", "- 1 -", "—1—", "第 1 页", "第1页", "1 页", "– 1"])
def test_every_shape_of_folio_is_dropped(folio):
    text = f" 第一部分 概况\n\n正文第一行\n\n{folio}\n\n 第二页开头\n"
    assert [line.text for line in load_text(text, form="pdf-text").lines] == ["第一部分 概况", "正文第一行", "第二页开头"]
