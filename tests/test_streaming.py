"""Reporters are sinks that write as results arrive and keep nothing of a file's
source; every format escapes the control characters a disclosure or a path can hold."""

from __future__ import annotations

import gc
import io
import json
import re
import weakref

import pytest
from conftest import raises_said

from budgetlint.core.finding import Finding, Related
from budgetlint.core.results import FileResult, RunInfo
from budgetlint.ingest import InputError, load_bytes
from budgetlint.reporters import html as html_module
from budgetlint.reporters.base import ReportOptions
from budgetlint.reporters.registry import BUILTIN, reporter_class

RULES = {}


def result(path: str, n: int, severity: str = "error", source: int = 50) -> FileResult:
    lines = tuple(f"第{i}行 {'源' * 200}" for i in range(1, source + 1))
    findings = [Finding(path, 1 + i % source, "BL101", "parent-row-sum", severity, f"问题 {i}",
                        computation=f"{i} ≠ {i + 1}", related=(Related(2, "子行"),)) for i in range(n)]
    return FileResult(path=path, findings=findings, source_lines=lines, pages={1: 1}, form="markdown")


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_no_format_keeps_a_file_result_or_its_source(name):
    out = io.StringIO()
    reporter = reporter_class(name)(out, ReportOptions(base="/"))
    reporter.begin(RunInfo(pack="core", rules=RULES))
    refs = []
    for i in range(3):
        fr = result(f"/d/{i}.md", 4)
        refs.append(weakref.ref(fr))
        reporter.file(fr)
        del fr
    gc.collect()
    assert all(r() is None for r in refs), f"{name} holds the FileResults"
    # HTML keeps the few lines of its excerpts; no format keeps a line far from every finding
    held = repr(vars(reporter))
    assert "第40行" not in held and "第1行" not in held or name == "html", f"{name} holds source text"
    assert "第40行" not in held, f"{name} holds source text"
    reporter.end()
    assert out.getvalue()


def test_jsonl_is_one_flushed_record_per_file():
    class Recorder(io.StringIO):
        flushed: list[str] = []

        def flush(self):
            self.flushed.append(self.getvalue())

    out = Recorder()
    reporter = reporter_class("jsonl")(out, ReportOptions())
    reporter.begin(RunInfo(pack="xinjiang", rules=RULES))
    reporter.file(result("a.md", 2))
    assert out.flushed and out.flushed[-1].count("\n") == 1  # on disk before the next file starts
    reporter.file(FileResult(path="b.md", error="file is empty"))
    reporter.end()
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["path"] for r in records] == ["a.md", "b.md"]
    assert records[0]["pack"] == "xinjiang" and len(records[0]["findings"]) == 2 and records[0]["error"] is None
    assert records[1]["error"] == "file is empty" and records[1]["findings"] == []


def test_html_details_the_worst_documents_up_to_its_cap(monkeypatch):
    monkeypatch.setattr(html_module.HtmlReporter, "MAX_DETAILED", 10)
    out = io.StringIO()
    reporter = html_module.HtmlReporter(out, ReportOptions(base="/"))
    reporter.begin(RunInfo(pack="core", rules=RULES))
    for path, n, severity in [("/a.md", 3, "info"), ("/b.md", 6, "error"), ("/c.md", 2, "warning"), ("/d.md", 4, "error")]:
        reporter.file(result(path, n, severity))
    assert reporter.shown <= 10
    reporter.end()
    page = out.getvalue()
    # b (6 errors) and d (4 errors) are shown; a and c are counted only
    shown = {doc: len(re.findall(rf'<article class="finding[^"]*" id="{doc}-f', page)) for doc in ("d0", "d1", "d2", "d3")}
    assert shown == {"d0": 0, "d1": 6, "d2": 0, "d3": 4}
    assert 'id="findings-total">15<' in page
    assert "另有 5 条只计入统计" in page
    assert page.count("条问题只计入统计") == 2


CONTROL = "\x1b[2J\x07\x00\x08\x9b\u202e"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_control_characters_never_reach_a_report_raw(name):
    path = f"/d/evil{CONTROL}.md"
    finding = Finding(path, 2, "BL101", "parent-row-sum", "error", f"行{CONTROL}名 不等于", computation=f"1 ≠ 2{CONTROL}",
                      related=(Related(1, f"子{CONTROL}"),))
    lines = (f"前{CONTROL}", f"表{CONTROL}行 1.00", "后")
    out = io.StringIO()
    reporter = reporter_class(name)(out, ReportOptions(base="/"))
    reporter.begin(RunInfo(pack="core", rules=RULES))
    reporter.file(FileResult(path=path, findings=[finding], source_lines=lines))
    reporter.file(FileResult(path=f"/d/bad{CONTROL}.md", error=f"cannot read {CONTROL}"))
    reporter.end()
    text = out.getvalue()
    assert not RAW.search(text), (name, RAW.findall(text))
    if name in ("json", "sarif", "statistics-json"):
        json.loads(text)


def test_utf16_without_a_byte_order_mark_is_read_or_named():
    text = "部门预算公开\n\n表1 收支总体情况表 单位：万元\n合计 100.00\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        assert load_bytes(text.encode(encoding), "x.txt").raw_lines[0] == "部门预算公开"
    with raises_said(InputError, "UTF-16-LE"):
        load_bytes((text * 5 + "\x01" * 10).encode("utf-16-le"), "x.txt")
    with raises_said(InputError, "binary file"):
        load_bytes(bytes(range(256)) * 8, "x.bin")
