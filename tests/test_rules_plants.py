"""Planted errors: one figure changed in a copy of a corpus document is reported as an
error at the planted row, or at its parent/total row, or at the other table's row
that must agree with it.

Each plant names the line and the text changed on it (the first occurrence on that
line), and the (rule, line) pairs a reviewer expects; every one of them must be
among the error findings. Line numbers are input lines of the corpus files.
"""

from __future__ import annotations

import pytest

from budgetlint.linter.lint import lint_file
from budgetlint.rules.loader import load_pack
from conftest import corpus_path

PLANTS = [
    # Markdown (PDF converter)
    ("center-2025", 189, "292.83", "293.83", {("BL102", 189), ("BL101", 188)}),  # 表3 行政运行 合计
    ("center-2025", 312, "0.08", "0.18", {("BL102", 312), ("BL101", 307), ("BL124", 402)}),  # 表6 公务接待费
    ("center-2025", 129, "785.85", "786.85", {("BL111", 129)}),  # 表1 收入总计
    ("center-2025", 402, "0.08", "0.80", {("BL104", 400), ("BL124", 402)}),  # 表10 公务接待费
    ("center-2025", 344, "120.00", "110.00", {("BL101", 339), ("BL123", 267), ("BL106", 344)}),  # 表7 a project
    # Word text: a row's line is its first cell line
    ("prefecture-2020", 374, "12", "13", {("BL102", 370)}),  # 表三 信息化建设 合计
    ("prefecture-2020", 858, "0.7", "0.9", {("BL102", 855), ("BL124", 1162)}),  # 表六 公务招待费 小计
    ("prefecture-2020", 1162, "16.1", "16.4", {("BL104", 1162)}),  # 表八 三公 合计
    ("prefecture-2020", 182, "1355.44", "1365.44", {("BL111", 181)}),  # 表一 收入总计
    # PDF text
    ("changji-city", 542, "592.83", "592.38", {("BL101", 536)}),  # 表3 行政运行 合计: the row itself becomes ambiguous to the PDF reader
    ("changji-city", 271, "5743.77", "5744.77", {("BL111", 271)}),  # 表1 收入总计
    ("changji-city", 786, "7.80 7.80", "7.90 7.90", {("BL124", 1106)}),  # 表6 公务用车运行维护费
    ("urumqi", 233, "787.71 787.71", "788.71 788.71", {("BL101", 227)}),  # 表3 行政运行
    ("urumqi", 453, "215.61 215.61", "216.61 216.61", {("BL101", 451)}),  # 表6 基本工资
]


@pytest.fixture(scope="module")
def core():
    return load_pack("core")


@pytest.mark.parametrize("key, lineno, old, new, expected", PLANTS, ids=[f"{p[0]}:{p[1]}" for p in PLANTS])
def test_plant_is_reported(tmp_path, core, key, lineno, old, new, expected):
    source = corpus_path(key)
    lines = source.read_text(encoding="utf-8").split("\n")
    assert old in lines[lineno - 1], f"plant text not on line {lineno}: {lines[lineno - 1]!r}"
    lines[lineno - 1] = lines[lineno - 1].replace(old, new, 1)
    planted = tmp_path / source.name
    planted.write_text("\n".join(lines), encoding="utf-8")

    result = lint_file(str(planted), core)
    assert result.error is None
    errors = {(f.rule, f.line) for f in result.findings if f.severity == "error"}
    missing = expected - errors
    assert not missing, f"missing {sorted(missing)}; errors: {sorted(errors)}"
    for f in result.findings:
        if (f.rule, f.line) in expected:
            assert f.computation and ("≠" in f.computation), f
