"""The linter: rules run in guards, ambiguous placements stay quiet, files in guards."""

from __future__ import annotations

from decimal import Decimal

from budgetlint.linter import lint as lint_module
from budgetlint.linter.lint import lint_document, lint_file, lint_paths
from budgetlint.core.model import Column, Document, Row, Section, Table
from budgetlint.rules.base import Rule
from budgetlint.rules.loader import Pack, load_pack
from conftest import corpus_path

D = Decimal


def _table(rows, role="expenditure"):
    table = Table(line=1, end_line=20, number=3, number_text="表3", title="部门支出总体情况表", role=role,
                  columns=[Column("合计", "合计"), Column("基本支出", "基本支出"), Column("项目支出", "项目支出")], rows=rows)
    doc = Document(path="x.txt", form="pdf-text", title="t", children=[Section("part", 0, "第二部分", "公开表", 1, [table])])
    return doc


def _rule(kind, **params):
    from budgetlint.rules.registry import get_kind

    defaults = {k: d for k, (_, d) in get_kind(kind).params.items()}
    return Rule(id="BL901", name="x", check=kind, params={**defaults, **params})


def test_ambiguous_columns_never_give_an_error():
    parent = Row(line=5, name="人力资源和社会保障管理事务", code="20801", code_parts=("208", "01"), level=2,
                 values={"合计": D("65.39"), "基本支出": D("6.92"), "项目支出": D("58.47")})
    child = Row(line=7, name="其他", code="2080199", code_parts=("208", "01", "99"), level=3,
                values={"合计": D("65.39"), "基本支出": D("58.47"), "项目支出": D("6.92")},
                ambiguous=("基本支出", "项目支出"))
    doc = _table([parent, child])
    assert list(lint_module.get_kind("tree-sum").check(doc, _rule("tree-sum"))) == []
    # the same rows, placed with certainty, are an error in two columns
    decided = Row(**{**child.__dict__, "ambiguous": ()})
    found = list(lint_module.get_kind("tree-sum").check(_table([parent, decided]), _rule("tree-sum")))
    assert sorted((f.line, f.severity) for f in found) == [(5, "error"), (5, "error")]


def test_ambiguous_row_sum_column_is_skipped():
    row = Row(line=9, name="行政运行", code="2080101", code_parts=("208", "01", "01"), level=3,
              values={"合计": D("592.83"), "基本支出": D("592.38"), "项目支出": None}, ambiguous=("基本支出",))
    rule = _rule("row-sum", columns=[{"total": "^合计$", "parts": ["^基本支出$", "^项目支出$"]}])
    assert list(lint_module.get_kind("row-sum").check(_table([row]), rule)) == []


def test_a_check_that_raises_becomes_one_error_finding(monkeypatch):
    class Broken:
        @staticmethod
        def check(doc, rule):
            raise ZeroDivisionError("boom")

    real = lint_module.get_kind
    monkeypatch.setattr(lint_module, "get_kind", lambda name: Broken if name == "tree-sum" else real(name))
    pack = Pack(name="p", rules=[Rule(id="BL901", name="broken", check="tree-sum"), Rule(id="BL902", name="ok", check="row-sum")])
    findings = lint_document(_table([]), pack)
    assert len(findings) == 1
    assert findings[0].rule == "BL901" and findings[0].severity == "error"
    assert "ZeroDivisionError: boom" in findings[0].message


def test_lint_paths_keeps_going_after_an_unreadable_file(tmp_path):
    good = tmp_path / "a.md"
    good.write_text(corpus_path("center-2025").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    (tmp_path / "notes.rtf").write_bytes(b"{\\rtf1}")  # not a .txt/.md/.pdf/.docx: not walked
    report = lint_paths([str(tmp_path)], load_pack("core").filtered(["BL1"]))
    assert [fr.path for fr in report.files] == [str(good), str(tmp_path / "b.txt")]
    ok, bad = report.files
    assert ok.error is None and len(ok.findings) == 10  # see test_rules_corpus: center-2025
    assert ok.source_lines[128].startswith("| <b>收入总计</b>")  # line 129, 1-based
    assert bad.error and not bad.findings
    assert report.pack == "core" and set(report.rules) == {r.id for r in load_pack("core").filtered(["BL1"]).rules}


def test_unexpected_exception_in_parsing_is_that_files_error(monkeypatch, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# 第一部分 概况\n\n正文。\n", encoding="utf-8")

    def explode(source, profile=None):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(lint_module, "parse_source", explode)
    result = lint_file(str(path), load_pack("core"))
    assert result.error == "内部错误：RuntimeError: parser bug"
    english = lint_file(str(path), load_pack("core").with_lang("en"))
    assert english.error == "internal error: RuntimeError: parser bug"


def test_custom_pack_extending_xinjiang_changes_the_result(tmp_path):
    doc_path = corpus_path("center-2025")
    base = lint_file(str(doc_path), load_pack("xinjiang").filtered(["BL101"]))
    assert {f.severity for f in base.findings} == {"info"} and len(base.findings) == 10
    custom = tmp_path / "strict.yaml"
    custom.write_text("extends: xinjiang\noverrides:\n  BL101:\n    params: {tolerance: 0}\n", encoding="utf-8")
    strict = lint_file(str(doc_path), load_pack(str(custom)).filtered(["BL101"]))
    assert [(f.line, f.severity) for f in strict.findings] == [(f.line, "error") for f in base.findings]
