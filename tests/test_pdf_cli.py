"""Linting .pdf and .docx files from the command line: folders of them, unreadable
ones, the page in every report format, and the HTML report's crops of the page."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from click.testing import CliRunner

import pdfmake
from conftest import schema_path as shared_schema
from budgetlint.cli import main


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("pdfcli")
    good = d / "pdfs"
    good.mkdir()
    pdfmake.ruled(good / "wrong.pdf", wrong=True)
    bad = d / "bad"
    bad.mkdir()
    pdfmake.scanned(bad / "scanned.pdf")
    pdfmake.text_pages(bad / "locked.pdf", [["第一部分 概况"]], encrypt="secret")
    whole = (good / "wrong.pdf").read_bytes()
    (bad / "truncated.pdf").write_bytes(whole[: len(whole) // 3])
    (bad / "fake.docx").write_bytes("不是 zip".encode())
    empty = d / "empty"
    empty.mkdir()
    (empty / "notes.rtf").write_text("{\\rtf1}")
    return {"pdfs": good, "wrong": good / "wrong.pdf", "bad": bad, "empty": empty}


def run(*args):
    return CliRunner().invoke(main, ["check", "--no-config", *args])


def test_a_folder_of_pdfs_is_linted_and_the_page_shown(files):
    result = run("--select", "BL102", str(files["pdfs"]))
    assert result.exit_code == 1
    [line] = [ln for ln in result.output.splitlines() if "BL102" in ln]
    assert line.endswith("合计 ≠ 基本支出：12.00 ≠ 10.00（第1页）")
    assert re.match(rf"{re.escape(str(files['wrong']))}:\d+: BL102 \[error\]", line)


def test_a_folder_with_nothing_to_lint_says_so(files):
    result = run(str(files["empty"]))
    assert result.exit_code == 2
    assert f"{files['empty']}: error: 目录中没有可检查的文件（.txt、.md、.pdf、.docx）" in result.output
    assert "1 个文件无法检查" in result.output


def test_unreadable_pdfs_and_docx_each_get_one_line_and_the_batch_goes_on(files):
    result = run("--lang", "en", "--select", "BL102", str(files["bad"]), str(files["wrong"]))
    assert result.exit_code == 2
    errors = [ln for ln in result.output.splitlines() if ": error: " in ln]
    reasons = {ln.split(": error: ")[0].rsplit("/", 1)[-1]: ln.split(": error: ")[1] for ln in errors}
    assert reasons["scanned.pdf"].startswith("no text layer on any of the 2 pages")
    assert reasons["locked.pdf"] == "encrypted PDF: a password is needed to read it"
    assert reasons["truncated.pdf"].startswith("not a readable PDF (corrupt or truncated?)")
    assert reasons["fake.docx"] == "not a .docx file (not a zip archive)"
    assert "BL102" in result.output  # the good file was still linted


def test_json_gives_the_page_the_region_and_the_cells(files):
    result = run("--select", "BL102", "--format", "json", str(files["wrong"]))
    data = json.loads(result.output)
    [finding] = data["findings"] if isinstance(data, dict) else data
    place = finding["place"]
    assert finding["page"] == place["page"] == 1
    # The 合计 and 基本支出 cells of the row, in the table's region.
    xs = pdfmake.RULED_XS
    assert [(round(m[0]), round(m[2])) for m in place["marks"]] == [(xs[2], xs[3]), (xs[3], xs[4])]
    x0, top, x1, bottom = place["region"]
    assert all(x0 <= m[0] and m[2] <= x1 and top <= m[1] and m[3] <= bottom for m in place["marks"])


def test_sarif_carries_the_page_and_stays_valid(files):
    schema_path = shared_schema("sarif-schema-2.1.0.json")  # skips with the reason where shared/ is absent
    result = run("--select", "BL102", "--format", "sarif", str(files["wrong"]))
    sarif = json.loads(result.output)
    jsonschema.validate(sarif, json.loads(schema_path.read_text(encoding="utf-8")))
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["properties"]["page"] == 1 and len(region["properties"]["boxes"]) == 2


def test_html_shows_one_shared_crop_per_region_with_each_findings_cells_boxed(files, tmp_path):
    out = tmp_path / "r.html"
    result = run("--select", "BL101,BL102", "--format", "html", "-o", str(out), str(files["wrong"]))
    assert result.exit_code == 1
    html = out.read_text(encoding="utf-8")
    images = re.findall(r'<image id="([^"]+)" href="data:image/png;base64,', html)
    uses = re.findall(r'<use href="#([^"]+)"/>', html)
    assert len(images) == 1 and len(uses) == 5 and set(uses) == set(images)
    assert html.count('<rect class="mark"') >= 5
    assert "第1页（原件）" in html
    assert "img-src data:" in html  # the CSP that lets the crops show, and nothing else in


def test_the_crops_are_capped(files):
    from budgetlint.linter.lint import lint_file
    from budgetlint.reporters.crops import CropBudget, file_figures
    from budgetlint.rules.loader import load_pack

    result = lint_file(str(files["wrong"]), load_pack("core"))
    placed = [f for f in result.findings if f.place is not None]
    regions = {(f.place.page, f.place.region) for f in placed}
    assert len(regions) >= 2
    budget = CropBudget(max_crops=1)
    figures, crops = file_figures(result, placed, budget)
    assert len(crops) == 1 and budget.omitted == len(regions) - 1
    assert 0 < len(figures) < len(placed)
    figures, crops = file_figures(result, placed, CropBudget(max_bytes=100))
    assert not figures and not crops


def test_parse_shows_the_pages_of_a_pdf(files):
    result = CliRunner().invoke(main, ["parse", "--form", "pdf", str(files["wrong"])])
    assert result.exit_code == 0
    assert "[pdf]" in result.output.splitlines()[0]
    assert re.search(r"table L\d+-\d+ p1-2: 表5", result.output)


def test_parse_of_an_unreadable_pdf_is_one_line_and_exit_2(files):
    result = CliRunner().invoke(main, ["parse", str(files["bad"] / "scanned.pdf")])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "scanned.pdf: 全部 2 页都没有文本层" in result.output
    english = CliRunner().invoke(main, ["parse", "--lang", "en", str(files["bad"] / "scanned.pdf")])
    assert "scanned.pdf: no text layer" in english.output
