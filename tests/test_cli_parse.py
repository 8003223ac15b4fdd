"""`budgetlint parse`: the tree as an outline or JSON, and clean errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import corpus_path

from budgetlint.cli import main
from budgetlint.core.i18n import say

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "demo-county-hrss-2024.md"


def test_parse_outline_of_the_example():
    result = CliRunner().invoke(main, ["parse", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("document ") and "[markdown]" in lines[0]
    assert "  part L5: 第一部分 2024 年部门概况" in lines
    assert any(line.strip().startswith("table L19-") and "部门收支总体情况表 [summary]" in line for line in lines)


def test_parse_json_has_every_node_with_its_line():
    result = CliRunner().invoke(main, ["parse", "--format", "json", str(EXAMPLE)])
    assert result.exit_code == 0
    tree = json.loads(result.output)
    assert tree["type"] == "Document" and tree["form"] == "markdown"
    parts = [n for n in tree["children"] if n["type"] == "Section" and n["kind"] == "part"]
    assert [p["line"] for p in parts] == [5, 17, 210, 264]
    tables = [c for c in parts[1]["children"] if c["type"] == "Table"]
    assert [t["number"] for t in tables] == list(range(1, 11))
    assert [t["line"] for t in tables] == [19, 36, 61, 86, 103, 128, 150, 163, 178, 193]
    assert (tables[0]["title"], tables[5]["title"]) == ("部门收支总体情况表", "一般公共预算基本支出情况表")
    assert tables[7]["note"] == "备注:本部门 2024 年无政府性基金预算支出，此表为空表。"


def test_parse_refuses_binary_with_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    result = CliRunner().invoke(main, ["parse", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert str(bad) in result.output and "binary" in result.output


def test_module_entry_point_runs():
    out = subprocess.run(
        [sys.executable, "-m", "budgetlint", "parse", str(EXAMPLE)], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("document ")


# (claims, claim groups, projects, project places, 预算绩效情况 summaries), counted
# by hand from the parse output when the readings moved onto the tree.
READINGS = {
    "changji-city": (90, 11, 3, 8, 1),
    "urumqi": (93, 17, 5, 15, 1),
    "prefecture-2020": (105, 12, 8, 24, 1),
    "center-2025": (94, 15, 6, 16, 1),
}


@pytest.mark.parametrize("key", sorted(READINGS))
def test_parse_json_lists_every_reading(key):
    result = CliRunner().invoke(main, ["parse", "--format", "json", str(corpus_path(key))])
    assert result.exit_code == 0, result.output
    readings = json.loads(result.output)["readings"]
    projects = readings["projects"]
    counts = (len(readings["claims"]), len(readings["claim_groups"]), len(projects),
              sum(len(p["places"]) for p in projects), len(readings["perf_summaries"]))
    assert counts == READINGS[key]
    claim = readings["claims"][0]
    assert {"subject", "line", "amount", "unit"} <= set(claim)
    assert all({"kind", "name", "line"} <= set(pl) for p in projects for pl in p["places"])


def test_parse_outline_shows_the_readings():
    result = CliRunner().invoke(main, ["parse", str(EXAMPLE)])
    lines = result.output.splitlines()
    start = lines.index("readings")
    assert any(line.startswith("  claim L222: 基本支出 290.00万元") for line in lines[start:])
    assert any(line.startswith("  group ") and "[allocation, complete]" in line for line in lines[start:])


def test_parse_unread_lists_sentences_whose_figures_no_claim_rule_reads(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(
        "第三部分 情况说明\n一、支出预算情况说明\n"
        "基本支出 30.00 万元，比例为 12.5%，比上年增加 5.00 万元。\n"
        "项目支出 20.00 万元，比上年减少 5.00 万元，下降 20.00%。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["parse", "--unread", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "L3: 基本支出30.00万元，比例为12.5%，比上年增加5.00万元。  [unread: 12.5%]",
        "1 sentence(s) with figures no claim rule reads",
    ]


def test_parse_outline_shows_each_claims_parse(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(
        "第三部分 编制说明\n一、财政拨款支出预算情况\n"
        "2023年当年预算执行数为60.79万元，2024年预算安排88.87万元，比2023年预算执行数增加46.19%。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert "  claim L3: 预算安排 88.87万元 prior 比2023年预算执行数 60.79 (L3) 增加46.19% (L3) (amount)" in result.output


def test_parse_says_the_pack_kind_and_level_it_detected_and_why(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("上海市普陀区某街道2024年部门预算\n第一部分 部门概况\n本部门负责社区事务。\n", encoding="utf-8")
    lines = CliRunner().invoke(main, ["parse", str(path)]).output.splitlines()
    assert lines[0].startswith("document ")
    assert lines[1].startswith("  pack shanghai (detected: ") and "上海" in lines[1]
    assert say("detect.kind.budget", "zh") in lines[1] and say("detect.level.department", "zh") in lines[1]
    english = CliRunner().invoke(main, ["parse", "--lang", "en", str(path)]).output.splitlines()
    assert english[1].startswith("  pack shanghai (detected: department budget") and "上海" in english[1]
    detected = json.loads(CliRunner().invoke(main, ["parse", "--format", "json", str(path)]).output)["detected"]
    assert (detected["pack"], detected["kind"], detected["level"]) == ("shanghai", "budget", "department")
    assert "上海" in detected["reason"]
    path.write_text("某局2024年部门决算\n本局负责某事。\n", encoding="utf-8")
    detected = json.loads(CliRunner().invoke(main, ["parse", "--format", "json", str(path)]).output)["detected"]
    assert (detected["pack"], detected["kind"]) == ("core", "final-accounts")
