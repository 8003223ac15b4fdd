"""Reading .docx files written by python-docx in the test: paragraphs and table rows in
document order, merged cells kept once, and the rules running on them."""

from __future__ import annotations

import docx
import pytest

from budgetlint.ingest import InputError, load_path
from budgetlint.linter.lint import lint_file
from budgetlint.rules.loader import load_pack


def _disclosure(path, total="2,812.50"):
    d = docx.Document()
    d.add_paragraph("第二部分 公开表")
    d.add_paragraph("表5 一般公共预算支出情况表")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=5, cols=5)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "科目编码"
    t.cell(0, 1).merge(t.cell(1, 1)).text = "科目名称"
    t.cell(0, 2).merge(t.cell(0, 4)).text = "本年预算"
    for k, text in enumerate(["合计", "基本支出", "项目支出"]):
        t.cell(1, 2 + k).text = text
    rows = [("", "合计", total, "60.00", "2,752.50"), ("201", "一般公共服务支出", "2,812.50", "60.00", "2,752.50")]
    for r, cells in enumerate(rows, start=2):
        for k, text in enumerate(cells):
            t.cell(r, k).text = text
    # A name in two paragraphs of one cell, as Word wraps it by hand.
    cell = t.cell(4, 1)
    cell.text = "机关事业单位基本养老保险"
    cell.add_paragraph("缴费支出")
    t.cell(4, 0).text = "2010301"
    d.add_paragraph("第三部分 情况说明")
    d.add_paragraph("一般公共预算支出2812.50万元。")
    d.save(path)
    return path


def test_paragraphs_and_rows_in_document_order_with_merged_cells_once(tmp_path):
    source = load_path(_disclosure(tmp_path / "a.docx"))
    assert source.form == "docx"
    texts = [line.cells or line.text for line in source.lines]
    assert texts[:4] == ["第二部分 公开表", "表5 一般公共预算支出情况表", "单位:万元",
                         ("科目编码", "科目名称", "本年预算", "", "")]
    assert texts[4] == ("", "", "合计", "基本支出", "项目支出")  # the vertical merges' second row
    assert texts[7] == ("2010301", "机关事业单位基本养老保险缴费支出", "", "", "")
    assert texts[-1] == "一般公共预算支出2812.50万元。"
    assert [line.lineno for line in source.lines] == list(range(1, len(source.lines) + 1))


def test_the_rules_run_on_a_docx_as_on_any_text_form(tmp_path):
    findings = lint_file(str(_disclosure(tmp_path / "w.docx", total="2,822.50")), load_pack("core")).findings
    [row_sum] = [f for f in findings if f.rule == "BL102"]
    assert "2822.50 ≠ 60.00 + 2752.50 = 2812.50" in row_sum.message
    clean = lint_file(str(_disclosure(tmp_path / "ok.docx")), load_pack("core")).findings
    assert not [f for f in clean if f.rule == "BL102"]


@pytest.mark.parametrize("data, reason", [
    ("不是 zip".encode(), "not a .docx file (not a zip archive)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "a Word 97-2003 .doc or a password-protected .docx"),
])
def test_files_that_are_no_docx(tmp_path, data, reason):
    path = tmp_path / "x.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load_path(path)
    assert info.value.reason_in("en").startswith(reason) and "\n" not in info.value.reason


def test_a_zip_that_is_no_word_document(tmp_path):
    import zipfile

    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError) as info:
        load_path(path)
    assert "docx" in info.value.reason and "\n" not in info.value.reason
