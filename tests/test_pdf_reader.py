"""The PDF reader on PDFs the tests write themselves (reportlab): ruled and unruled
tables, merged and wrapped cells, page breaks, page furniture, and unreadable files."""

from __future__ import annotations

import collections

import pytest
from conftest import raises_said

import pdfmake
from budgetlint.ingest import InputError, load_path
from budgetlint.ingest.pdf import PdfError, read_pdf


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    d = tmp_path_factory.mktemp("pdf")
    return {
        "ruled": pdfmake.ruled(d / "ruled.pdf"),
        "unruled": pdfmake.unruled(d / "unruled.pdf"),
        "scanned": pdfmake.scanned(d / "scanned.pdf"),
        "encrypted": pdfmake.text_pages(d / "encrypted.pdf", [["第一部分 概况"]], encrypt="secret"),
        "dir": d,
    }


def tables(items):
    out = collections.defaultdict(list)
    for it in items:
        if it.kind == "row":
            out[it.table].append(it)
    return out


def row(items, *cells):
    found = [it for it in items if it.kind == "row" and all(c in it.cells for c in cells)]
    assert found, cells
    return found[0]


def test_ruled_table_keeps_empty_cells_and_joins_wrapped_cells(made):
    items = read_pdf(str(made["ruled"])).items
    assert row(items, "201").cells == ("201", "一般公共服务支出", "2,752.50", "", "2,752.50", "")
    assert row(items, "2010301").cells[1] == "机关事业单位基本养老保险缴费支出"
    assert row(items, "2010301").cells[5] == "含职业年金"


def test_merged_header_cell_is_kept_once_with_the_merged_box(made):
    items = read_pdf(str(made["ruled"])).items
    head = row(items, "本年预算")
    assert head.cells == ("科目编码", "科目名称", "本年预算", "", "", "备注")
    assert head.spans[:4] == ((2, 1), (2, 1), (1, 3), (0, 0))
    x0, _, x1, _ = head.cell_boxes[2]
    assert (round(x0), round(x1)) == (pdfmake.RULED_XS[2], pdfmake.RULED_XS[5])
    repeated = read_pdf(str(made["ruled"]), repeat_spans=True).items
    assert row(repeated, "本年预算").cells[2:5] == ("本年预算",) * 3


def test_a_table_over_a_page_break_is_one_table_with_its_header_repeat_marked(made):
    items = read_pdf(str(made["ruled"])).items
    [table] = tables(items).values()
    assert {it.page for it in table} == {1, 2}
    assert len({len(it.cells) for it in table}) == 1
    assert [it.header_repeat for it in table if it.page == 2][:3] == [True, True, False]


def test_every_row_and_cell_has_its_page_and_box(made):
    items = read_pdf(str(made["ruled"])).items
    r = row(items, "201")
    assert r.page == 1 and r.region is not None
    assert all(b[0] < b[2] and b[1] < b[3] for b in r.cell_boxes)
    # The row lies inside its table's region, and each cell inside the row.
    assert r.region[1] <= r.box[1] < r.box[3] <= r.region[3]
    assert all(r.box[1] - 0.01 <= b[1] and b[3] <= r.box[3] + 0.01 for b in r.cell_boxes)


def test_page_numbers_are_dropped_also_when_stuck_to_a_word(made):
    texts = [it.text for it in read_pdf(str(made["ruled"])).items if it.kind == "line"]
    assert "1" not in texts and "2页脚文字" not in texts
    assert "页脚文字" in texts


def test_unruled_two_sided_table_from_word_alignment(made):
    items = read_pdf(str(made["unruled"])).items
    assert len(tables(items)) == 2
    assert row(items, "收入总计").cells == ("收入总计", "2,832.50", "支出总计", "2,832.50")
    assert row(items, "三、其他收入").cells == ("三、其他收入", "80.00", "三、住房保障支出", "")
    assert row(items, "四、城乡社区支出").cells == ("", "", "四、城乡社区支出", "80.00")
    assert row(items, "2010350").cells == ("2010350", "事业运行（含下属单位的运行经费）", "1,020.00")
    assert all(it.source == "aligned" for it in items if it.kind == "row")


def test_without_rulings_the_ruled_table_is_still_read_by_alignment(made):
    items = read_pdf(str(made["ruled"]), rulings=False).items
    assert row(items, "2019905").cells == ("2019905", "其他支出5", "10.00", "10.00", "", "")
    assert row(items, "2010301").cells[1] == "机关事业单位基本养老保险缴费支出"


def test_prose_lines_keep_their_order_and_boxes(made):
    items = read_pdf(str(made["unruled"])).items
    lines = [it for it in items if it.kind == "line"]
    assert lines[0].text == "收支预算总表"
    assert [it.box[1] for it in items] == sorted(it.box[1] for it in items)


def test_a_pdf_becomes_lines_of_form_pdf_with_cells_and_pages(made):
    source = load_path(made["ruled"])
    assert source.form == "pdf"
    rows = [ln for ln in source.lines if ln.cells]
    assert rows and all(ln.page in (1, 2) and ln.cell_boxes and len(ln.cell_boxes) == len(ln.cells) for ln in rows)
    assert [ln.lineno for ln in source.lines] == list(range(1, len(source.lines) + 1))
    assert sum(ln.page_start for ln in source.lines) == 2
    assert source.raw_lines[rows[0].lineno - 1] == "科目编码 | 科目名称 | 本年预算 |  |  | 备注"


def test_the_form_comes_from_the_content_not_the_name(made):
    renamed = made["dir"] / "disclosure.txt"
    renamed.write_bytes(made["ruled"].read_bytes())
    assert load_path(renamed).form == "pdf"


@pytest.mark.parametrize("name, reason", [
    ("scanned", "no text layer on any of the 2 pages"),
    ("encrypted", "encrypted PDF: a password is needed"),
])
def test_unreadable_pdfs_say_why_in_one_line(made, name, reason):
    with pytest.raises(InputError) as info:
        load_path(made[name])
    assert reason in info.value.reason_in("en") and "\n" not in str(info.value)
    assert str(made[name]) in str(info.value)


def test_an_encrypted_pdf_opens_with_its_password(made):
    # Spaces come from the gaps alone: reportlab's narrow space between two CJK
    # characters is no word gap (the linter never depends on spaces in Chinese text).
    assert read_pdf(str(made["encrypted"]), password="secret").items[0].text == "第一部分概况"


@pytest.mark.parametrize("data, reason", [
    (None, "not a readable PDF"),  # truncated: the first 40% of a real PDF
    (b"%PDF-1.7\n" + bytes(range(256)) * 20, "not a readable PDF"),
    (b"", "file is empty"),
    ("这不是PDF".encode(), "not a PDF file"),
])
def test_corrupt_truncated_and_fake_pdfs(made, data, reason, tmp_path):
    path = tmp_path / "bad.pdf"
    if data is None:
        whole = made["ruled"].read_bytes()
        data = whole[: len(whole) * 2 // 5]
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load_path(path)
    assert reason in info.value.reason_in("en") and "\n" not in info.value.reason


def test_page_and_text_limits(made):
    with raises_said(PdfError, "2 pages \\(limit 1\\)"):
        read_pdf(str(made["ruled"]), max_pages=1)
    with raises_said(PdfError, "more than 100 characters"):
        read_pdf(str(made["ruled"]), max_chars=100)
