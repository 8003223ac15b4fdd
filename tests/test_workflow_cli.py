"""The reviewer's workflow on the bundled example (six planted mistakes): suppression
comments, per-file ignores, configs found from the linted file's folder, --config,
stdin, --exclude, --min-severity, --color, compare in every format, bad baselines."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from budgetlint.cli import colour_wanted, main

EXAMPLE = ROOT / "examples" / "demo-county-hrss-2024.md"
ALL = ["BL101", "BL102", "BL203", "BL204", "BL206", "BL301"]


def run(*args, input=None, cwd=None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), input=input)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), input=input)
    finally:
        os.chdir(old)


def rules_of(result) -> list[str]:
    return sorted(f["rule"] for f in json.loads(result.stdout)["findings"])


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "drafts" / "demo.md"
    path.parent.mkdir()
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_example_findings(doc):
    assert rules_of(run("check", "--pack", "xinjiang", str(doc), "--format", "json")) == ALL


def _insert(path: Path, before: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(before) == 1
    path.write_text(text.replace(before, line + "\n" + before), encoding="utf-8")


def test_a_disable_range_in_markdown_suppresses_only_its_rules_and_lines(doc):
    # Around 表3: its BL101 goes, its BL102 (not named) stays, nothing after it goes.
    _insert(doc, "表 3\n", "<!-- budgetlint: disable=BL101 -->")
    _insert(doc, "表 4", "<!-- budgetlint: enable=BL101 -->")
    result = run("check", "--pack", "xinjiang", str(doc), "--format", "json")
    assert rules_of(result) == [r for r in ALL if r != "BL101"]
    assert json.loads(result.stdout)["files"][0]["hidden"] == {"suppressed": 1}


def test_a_trailing_comment_suppresses_its_line_only_and_does_not_change_the_table(doc):
    text = doc.read_text(encoding="utf-8")
    row = "| 208 | 01 | | 人力资源和社会保障管理事务 | 490.10 | 240.00 | 250.00 |"
    doc.write_text(text.replace(row, row + " <!-- budgetlint: disable=parent-row-sum -->"), encoding="utf-8")
    result = run("check", "--pack", "xinjiang", str(doc), "--format", "json")
    assert rules_of(result) == [r for r in ALL if r != "BL101"]  # BL102, same line, another rule


def test_a_text_line_comment_suppresses_from_there_on(tmp_path):
    src = ROOT.parent / "shared" / "corpus" / "changji-prefecture-hrss-2020.txt"
    if not src.exists():
        pytest.skip(f"shared corpus not found at {src.parent} (published documents are not in the repo)")
    lines = src.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "d.txt"
    path.write_text("\n".join(["# budgetlint: disable=BL2", *lines]), encoding="utf-8")
    before = json.loads(run("check", "--pack", "xinjiang", str(src), "--format", "json").stdout)["findings"]
    after = json.loads(run("check", "--pack", "xinjiang", str(path), "--format", "json").stdout)["findings"]
    assert any(f["rule"].startswith("BL2") for f in before)
    assert [f["rule"] for f in after] == [f["rule"] for f in before if not f["rule"].startswith("BL2")]
    # The comment line is not read as part of the document: the other findings are
    # where they were, one line down.
    assert [f["line"] for f in after] == [f["line"] + 1 for f in before if not f["rule"].startswith("BL2")]


def test_unused_suppressions_are_reported_on_request(doc):
    _insert(doc, "表 3\n", "<!-- budgetlint: disable=BL101,BL999 -->")
    quiet = run("check", "--pack", "xinjiang", str(doc), "--format", "json")
    assert "BL001" not in rules_of(quiet)
    loud = run("check", "--pack", "xinjiang", str(doc), "--format", "json", "--report-unused-suppressions")
    (unused,) = [f for f in json.loads(loud.stdout)["findings"] if f["rule"] == "BL001"]
    assert unused["line"] == 61 and unused["severity"] == "warning"
    assert "BL999" in unused["message"] and "不是本次运行的规则" in unused["message"]
    assert "BL101、" not in unused["message"]  # BL101 was used
    english = run("check", "--pack", "xinjiang", str(doc), "--format", "json", "--report-unused-suppressions",
                  "--lang", "en")
    (said,) = [f for f in json.loads(english.stdout)["findings"] if f["rule"] == "BL001"]
    assert said["message"] == ("unused suppression: <!-- budgetlint: disable=BL101,BL999 --> suppressed no finding "
                               "(BL999) (BL999: not a rule of this run)")


def test_config_is_found_from_the_linted_files_folder(doc, tmp_path):
    (doc.parent / "budgetlint.yaml").write_text(
        "pack: xinjiang\nper-file-ignores:\n  'demo.md': [BL2]\n  'other/*.md': [BL1]\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Run from another folder: the drafts folder's config still applies to its file.
    result = run("check", str(doc), "--format", "json", cwd=elsewhere)
    assert rules_of(result) == ["BL101", "BL102", "BL301"]
    assert json.loads(result.stdout)["pack"] == "xinjiang"
    # --no-config: core's 100 points, every BL2xx back.
    core = run("check", str(doc), "--format", "json", "--no-config", cwd=elsewhere)
    assert "BL203" in rules_of(core)


def test_explicit_config_for_every_file(doc, tmp_path):
    cfg = tmp_path / "review.yaml"
    cfg.write_text("pack: xinjiang\nignore: [BL101]\nfail-on: never\n", encoding="utf-8")
    result = run("check", str(doc), "--config", str(cfg), "--format", "json")
    assert result.exit_code == 0  # fail-on: never
    assert rules_of(result) == [r for r in ALL if r != "BL101"]


def test_a_broken_config_is_that_files_error_and_the_batch_goes_on(doc, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "budgetlint.yaml").write_text("pack: xinjiang\nper-file-ignore: {}\n", encoding="utf-8")
    (bad / "b.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", "--pack", "xinjiang", str(doc), str(bad / "b.md"), "--format", "json")
    assert result.exit_code == 2
    assert f"budgetlint.yaml:2: 键 'per-file-ignore'：unknown key (known: " in result.stderr
    assert rules_of(result).count("BL101") == 1  # demo.md was still linted


def test_stdin_with_a_filename_uses_that_files_config(doc):
    (doc.parent / "budgetlint.yaml").write_text("pack: xinjiang\nignore: [BL3]\n", encoding="utf-8")
    result = run("check", "-", "--stdin-filename", str(doc), "--format", "json", input=EXAMPLE.read_bytes())
    findings = json.loads(result.stdout)["findings"]
    assert sorted(f["rule"] for f in findings) == [r for r in ALL if r != "BL301"]
    assert {f["path"] for f in findings} == {str(doc)}
    assert run("check", "-", str(doc)).exit_code == 2  # '-' alone


def test_exclude_and_the_folders_a_walk_never_enters(doc, tmp_path):
    root = doc.parent
    for folder in ("node_modules/pkg", ".git", "venv", "myenv", "old"):
        (root / folder).mkdir(parents=True)
        (root / folder / "x.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "myenv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    walked = json.loads(run("check", "--pack", "xinjiang", str(root), "--format", "json").stdout)["files"]
    assert sorted(Path(f["path"]).relative_to(root).as_posix() for f in walked) == ["demo.md", "old/x.md"]
    walked = json.loads(run("check", "--pack", "xinjiang", str(root), "--format", "json", "--exclude", "old").stdout)["files"]
    assert [Path(f["path"]).name for f in walked] == ["demo.md"]
    # A file named on the command line is linted whatever the globs say.
    named = run("check", "--pack", "xinjiang", str(root / "old" / "x.md"), "--exclude", "old", "--format", "json")
    assert len(json.loads(named.stdout)["files"]) == 1


def test_min_severity_default_and_the_flag_that_shows_infos(tmp_path):
    # A rounding difference is an info: text hides it by default and says so.
    text = EXAMPLE.read_text(encoding="utf-8").replace("| 208 | 01 | | 人力资源和社会保障管理事务 | 490.10 |",
                                                        "| 208 | 01 | | 人力资源和社会保障管理事务 | 490.01 |")
    path = tmp_path / "r.md"
    path.write_text(text, encoding="utf-8")
    shown = run("check", "--pack", "xinjiang", str(path))
    assert "[info]" not in shown.stdout
    # 表3 208 01 is now 490.01 against 240.00 + 250.00, and its parent 208 512.40 against
    # 490.01 + 22.40 = 512.41: three rounding differences (BL101 twice, BL102).
    assert "未显示提示 3 条（加 --min-severity info 显示）" in shown.stdout.splitlines()[-1]
    full = run("check", "--pack", "xinjiang", str(path), "--min-severity", "info")
    assert full.stdout.count("[info]") == 3
    # JSON (read by tools) has everything by default.
    assert sum(f["severity"] == "info" for f in json.loads(run("check", "--pack", "xinjiang", str(path), "--format", "json").stdout)["findings"]) == 3
    # Hidden infos never change the exit status: --fail-on info still fails.
    assert run("check", "--pack", "xinjiang", str(path), "--select", "BL101", "--fail-on", "info").exit_code == 1


def test_color_choice_and_the_environment(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert colour_wanted("always", "out.txt") is True
    assert colour_wanted("never", None) is False
    assert colour_wanted("auto", None) is False  # the test's stdout is not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert colour_wanted("auto", None) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert colour_wanted("auto", None) is False and colour_wanted("always", None) is True
    monkeypatch.delenv("NO_COLOR")
    result = run("check", "--pack", "xinjiang", str(EXAMPLE), "--color", "auto")
    assert "\x1b[31m[error]" in result.stdout  # FORCE_COLOR through a pipe
    assert "\x1b[" not in run("check", "--pack", "xinjiang", str(EXAMPLE), "--color", "never").stdout


@pytest.fixture
def two_drafts(tmp_path):
    old = tmp_path / "v1.md"
    new = tmp_path / "v2.md"
    text = EXAMPLE.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    # v2 fixes 表3's 208 01 row and breaks the 210 11 one.
    text = text.replace("| 208 | 01 | | 人力资源和社会保障管理事务 | 490.10 | 240.00 | 250.00 |",
                        "| 208 | 01 | | 人力资源和社会保障管理事务 | 490.00 | 240.00 | 250.00 |")
    text = text.replace("| 210 | 11 | | 行政事业单位医疗 | 15.10 | 15.10 | |", "| 210 | 11 | | 行政事业单位医疗 | 15.90 | 15.10 | |")
    new.write_text(text, encoding="utf-8")
    return old, new


def test_compare_lists_new_still_present_and_fixed_in_every_format(two_drafts):
    old, new = two_drafts
    out = json.loads(run("compare", "--pack", "xinjiang", str(old), str(new), "--format", "json").stdout)
    fixed = sorted((f["rule"], f["line"]) for f in out["fixed"])
    assert fixed == [("BL101", 74), ("BL102", 74)]
    new_ones = sorted(f["rule"] for f in out["findings"] if f["status"] == "new")
    assert "BL102" in new_ones  # 210 11: 15.90 ≠ 15.10 + 0
    assert {f["status"] for f in out["findings"]} == {"new", "unchanged"}
    assert sorted(f["rule"] for f in out["findings"] if f["status"] == "unchanged") == ["BL203", "BL204", "BL206", "BL301"]

    text = run("compare", "--pack", "xinjiang", str(old), str(new))
    assert text.exit_code == 1  # something new at error level
    assert "[新增] BL102" in text.stdout and "[仍在] BL203" in text.stdout and "[已修复] BL101" in text.stdout
    assert "新增 4 条，有变化 0 条，仍在 4 条；已修复 2 条" in text.stdout.splitlines()[-1]
    sarif = json.loads(run("compare", "--pack", "xinjiang", str(old), str(new), "--format", "sarif").stdout)
    states = {r["baselineState"] for r in sarif["runs"][0]["results"]}
    assert states == {"new", "unchanged", "absent"}
    html = run("compare", "--pack", "xinjiang", str(old), str(new), "--format", "html").stdout
    assert "status-new" in html and "status-unchanged" in html and "已修复 2 条" in html
    github = run("compare", "--pack", "xinjiang", str(old), str(new), "--format", "github").stdout
    assert "::error" in github and "[新增]" in github and "::notice" in github and "[已修复]" in github
    junit = run("compare", "--pack", "xinjiang", str(old), str(new), "--format", "junit").stdout
    assert "[新增]" in junit and "[仍在]" in junit


def test_a_renamed_draft_pairs_with_a_one_document_baseline(two_drafts, tmp_path):
    old, new = two_drafts
    baseline = tmp_path / "b.json"
    assert run("check", "--pack", "xinjiang", str(old), "--write-baseline", str(baseline)).exit_code == 0
    result = run("check", "--pack", "xinjiang", str(new), "--baseline", str(baseline))
    assert result.exit_code == 1  # the new error
    lines = result.stdout.splitlines()
    # 210 11 (in 表3 and 表5): BL101 and BL102 each.
    assert [line.split(": ", 1)[0] for line in lines if "[新增]" in line] == [f"{new}:80"] * 2 + [f"{new}:122"] * 2
    assert "基线中已有且未变的 4 条未显示" in lines[-1] and "已修复 2 条" in lines[-1]
    # The same draft again: nothing to report, exit 0.
    again = run("check", "--pack", "xinjiang", str(old), "--baseline", str(baseline))
    assert again.exit_code == 0 and "共 0 条问题" in again.stdout


@pytest.mark.parametrize("content, needle", [
    (None, "no such baseline file"),
    ("{", "invalid JSON"),
    ('{"files": []}', "not a budgetlint baseline"),
    ('{"budgetlint-baseline": 1, "files": [{"path": "a.md", "findings": [{"rule": 1}]}]}', "malformed"),
])
def test_a_bad_baseline_is_one_line_and_exit_2(tmp_path, content, needle):
    baseline = tmp_path / "b.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    result = run("check", "--pack", "xinjiang", str(EXAMPLE), "--baseline", str(baseline))
    assert result.exit_code == 2
    assert needle in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert str(baseline) in result.stderr
