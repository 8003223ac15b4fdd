"""`budgetlint check`, `rules`, `explain` through click's CliRunner."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from budgetlint.cli import main

GOOD = textwrap.dedent("""\
    表3

    ## 部门支出总体情况表

    | 科目编码 |    |    | 科目名称 | 合计 | 基本支出 | 项目支出 |
    |---|---|---|---|---|---|---|
    |  |  |  | 总计 | 101.00 | 60.00 | 41.00 |
    | 208 | 01 |  | 人力资源和社会保障管理事务 | 101.00 | 60.00 | 41.00 |
    | 208 | 01 | 01 | 行政运行 | 60.00 | 60.00 |  |
    | 208 | 01 | 02 | 一般行政管理事务 | 41.00 |  | 41.00 |
    """)
BAD = GOOD.replace("| 41.00 |  | 41.00 |", "| 42.00 |  | 42.00 |")  # line 10: the 款 on line 8 no longer adds up
ROUNDING = GOOD.replace("| 101.00 | 60.00 | 41.00 |\n| 208", "| 101.01 | 60.00 | 41.00 |\n| 208")


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no project config found above tmp_path's own
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, text in {"good.md": GOOD, "bad.md": BAD, "rounding.md": ROUNDING}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, ["check", "--select", "BL101,BL102", *args])


def test_clean_file_exits_0(files):
    result = run("good.md")
    assert result.exit_code == 0, result.output
    assert result.output == "共 0 条问题（错误 0，警告 0，提示 0），检查了 1 个文件。\n"


def test_error_exits_1_with_path_line_rule_severity(files):
    result = run("bad.md")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("bad.md:8: BL101 [error] 表3 208 01 人力资源和社会保障管理事务 [合计]")
    assert "101.00 ≠ 60.00 + 42.00 = 102.00" in lines[0]
    assert "\x1b[" not in result.output  # not a terminal: no colour
    assert lines[1].startswith("bad.md:8: BL101 [error]") and "[项目支出]" in lines[1]
    assert lines[-1] == "共 2 条问题（错误 2，警告 0，提示 0），检查了 1 个文件。"


def test_fail_on_levels(files):
    assert run("rounding.md").exit_code == 0  # an info is below the default fail level
    assert run("rounding.md", "--fail-on", "info").exit_code == 1
    assert run("bad.md", "--fail-on", "never").exit_code == 0
    assert run("bad.md", "--ignore", "BL101", "--ignore", "parent-row-sum,BL102").exit_code == 0


def test_binary_file_among_good_files(files):
    result = CliRunner().invoke(main, ["check", "--select", "BL101,BL102", "--format", "json", "good.md", "binary.txt", "bad.md"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"binary.txt: error: {json.loads(result.stdout)['files'][1]['error']}"]
    data = json.loads(result.stdout)
    # no pack configured: each file's own (detected) pack is in its entry of "files"
    assert data["pack"] == "按正文逐个文件识别（可选：core）" and data["version"]
    assert {f["path"]: f["pack"] for f in data["files"] if not f["error"]} == {"good.md": "core", "bad.md": "core"}
    assert [f["path"] for f in data["files"]] == ["bad.md", "binary.txt", "good.md"]
    assert data["files"][1]["error"]
    unread = [f for f in data["findings"] if f["path"] == "binary.txt"]
    assert len(unread) == 1 and unread[0]["severity"] == "error" and unread[0]["rule"] == "BL000"
    bad = [f for f in data["findings"] if f["path"] == "bad.md"]
    assert bad and all({"path", "line", "rule", "name", "severity", "message"} <= set(f) for f in bad)
    first = bad[0]
    assert (first["line"], first["rule"], first["expected"], first["actual"]) == (8, "BL101", "102.00", "101.00")
    keys = [(f["path"], f["line"], f["rule"]) for f in data["findings"]]
    assert keys == sorted(keys)


def test_directory_is_walked_and_output_file_written(files):
    out = files / "report.json"
    result = CliRunner().invoke(main, ["check", "--select", "BL101", "--format", "json", "--output", str(out), "."])
    assert result.exit_code == 2  # binary.txt is in the directory
    assert result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(f["path"].split("/")[-1] for f in data["files"]) == ["bad.md", "binary.txt", "good.md", "rounding.md"]


def test_usage_errors_exit_2(files):
    assert run("good.md", "--pack", "no-such-pack").exit_code == 2
    assert run("missing.md").exit_code == 2
    result = CliRunner().invoke(main, ["check", "--select", "BL777", "good.md"])
    assert result.exit_code == 2 and "没有规则 'BL777'" in result.stderr
    assert CliRunner().invoke(main, ["check"]).exit_code == 2
    bad_pack = files / "bad-pack.yaml"
    bad_pack.write_text("rules:\n  - id: BL901\n    name: x\n    summary: s\n    severity: loud\n    check: tree-sum\n")
    result = run("good.md", "--pack", str(bad_pack))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {bad_pack}:5: 规则 BL901: 键 'severity': unknown severity 'loud' (known: error, warning, info)"


def test_project_config_is_found_upward(files):
    (files / "budgetlint.yaml").write_text("ignore: [BL13]\nseverity: {parent-row-sum: warning}\n", encoding="utf-8")
    sub = files / "sub"
    sub.mkdir()
    (sub / "bad.md").write_text(BAD, encoding="utf-8")
    import os

    os.chdir(sub)
    result = CliRunner().invoke(main, ["check", "bad.md"])
    assert "BL13" not in result.output
    assert result.output.startswith("bad.md:8: BL101 [warning]")
    assert result.exit_code == 0  # only warnings left
    assert CliRunner().invoke(main, ["check", "--no-config", "--select", "BL101", "bad.md"]).exit_code == 1


def test_pyproject_tool_section(files):
    (files / "pyproject.toml").write_text('[tool.budgetlint]\nselect = ["BL102"]\nfail-on = "never"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "bad.md"])
    assert result.exit_code == 0
    assert "BL101" not in result.output


def test_rules_lists_the_pack(files):
    result = CliRunner().invoke(main, ["rules", "--pack", "xinjiang"])
    assert result.exit_code == 0
    assert any(line.startswith("BL101  parent-row-sum") and "tree-sum" in line for line in result.output.splitlines())


def test_explain_by_id_and_name(files):
    by_id = CliRunner().invoke(main, ["explain", "BL101"])
    by_name = CliRunner().invoke(main, ["explain", "parent-row-sum"])
    assert by_id.exit_code == 0 and by_id.output == by_name.output
    assert "Bad:" in by_id.output and "Good:" in by_id.output
    missing = CliRunner().invoke(main, ["explain", "BL777"])
    assert missing.exit_code == 2


def test_text_reporter_colour_only_on_request(files, monkeypatch):
    from budgetlint import cli
    from budgetlint.linter.lint import lint_paths
    from budgetlint.reporters.base import ReportOptions
    from budgetlint.reporters.registry import render
    from budgetlint.rules.loader import load_pack

    def render_text(report, colour=False, show_errors=True):
        return render("text", report, ReportOptions(colour=colour, show_errors=show_errors))

    report = lint_paths(["bad.md", "binary.txt"], load_pack("core").filtered(["BL101"]))
    plain, coloured = render_text(report), render_text(report, colour=True)
    assert "\x1b[" not in plain and "\x1b[31m[error]\x1b[0m" in coloured
    assert plain.splitlines()[0].startswith("bad.md:8: BL101 [error]")
    assert plain.splitlines()[-1] == "共 2 条问题（错误 2，警告 0，提示 0），检查了 2 个文件。1 个文件无法检查。"
    assert "binary.txt: error:" in plain and "binary.txt" not in render_text(report, show_errors=False)
    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.colour_wanted("auto", None) is False


def test_empty_file_is_unreadable_input(files):
    (files / "empty.md").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--select", "BL101", "good.md", "empty.md"])
    assert result.exit_code == 2
    assert result.stderr.startswith("empty.md: error: ")
    assert "empty.md" not in result.stdout  # on stderr only, once
    assert result.stdout.endswith("检查了 2 个文件。1 个文件无法检查。\n")
