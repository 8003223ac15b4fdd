"""``check --bundle``: the files of one disclosure (prose and tables published apart)
linted as one, each finding handed back to its own file and line."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import corpus_path

from budgetlint.cli import main
from budgetlint.linter.bundle import find_bundles


def test_files_sharing_a_stem_in_one_folder_are_one_disclosure():
    paths = ["d/x-budget.txt", "d/x-budget-tables.txt", "d/x-budget_附表.pdf", "d/x-budgetary.txt",
             "e/x-budget-tables.txt", "d/y.md"]
    assert find_bundles(paths) == {"d/x-budget.txt": ["d/x-budget-tables.txt", "d/x-budget_附表.pdf"]}
    assert find_bundles(["a.md", "b.md"]) == {}


def _split_urumqi(tmp_path):
    """The urumqi disclosure cut as a bureau publishing its tables apart would: its
    第二部分 (input lines 112-914, the tables) in ``…-tables.txt``, the rest in the main file."""
    lines = corpus_path("urumqi").read_text(encoding="utf-8").splitlines()
    assert lines[111].lstrip().startswith("第二部分") and lines[914].lstrip().startswith("第三部分")
    (tmp_path / "u.txt").write_text("\n".join(lines[:111] + lines[914:]) + "\n", encoding="utf-8")
    (tmp_path / "u-tables.txt").write_text("\n".join(lines[111:914]) + "\n", encoding="utf-8")
    return tmp_path / "u.txt", tmp_path / "u-tables.txt"


def _findings(*args):
    result = CliRunner().invoke(main, ["check", "--no-config", "--format", "json", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_prose_is_checked_against_the_tables_of_the_other_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _split_urumqi(tmp_path)
    alone = _findings("u.txt", "u-tables.txt")
    bundled = _findings("--bundle", "u.txt", "u-tables.txt")

    def by_rule(data, rule):
        return [(f["path"], f["line"], f["message"]) for f in data["findings"] if f["rule"] == rule]

    # Whole, the document says 项目支出 14882.06 万元 at line 1037 where 表5's 合计 项目支出 is
    # 14882.60 (line 428). Cut in two, each file alone has the prose or the table, not both:
    assert by_rule(alone, "BL205") == []
    # bundled, the finding is back, on the prose file's own line (1037 - 803 lines cut
    # out = 234), naming the table's line in the tables file (428 - 111 = 317)
    prose_205 = [(line, msg) for path, line, msg in by_rule(bundled, "BL205") if path == "u.txt"]
    assert (234, "项目支出 14882.06 万元 ≠ 表5 合计 项目支出 14882.60（u-tables.txt 第 317 行）") in prose_205
    # and a table's own finding stays in the tables file: 表5 208 07 04 at line 417 - 111
    assert ("u-tables.txt", 306) in [(p, n) for p, n, _ in by_rule(bundled, "BL102")]
    # the structure infos of files that hold only half a layout are gone once bundled
    assert [f for f in bundled["findings"] if f["rule"] == "BL131"] == []
    files = {f["path"]: f for f in bundled["files"]}
    assert set(files) == {"u.txt", "u-tables.txt"} and files["u-tables.txt"]["pack"] == "xinjiang"
    assert "合为一份公开检查" in files["u.txt"]["pack_reason"]
