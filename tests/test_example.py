"""The bundled example: a fictional disclosure with mistakes planted on purpose. The
linter must report each planted mistake, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from budgetlint.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "demo-county-hrss-2024.md"

PLANTED = {
    # 表3 208 01 prints 490.10 where its 项 rows and its 基本+项目 make 490.00 (its 类
    # row 208, 512.40, agrees with the corrected 490.00 + 22.40: not reported again).
    ("BL101", 74), ("BL102", 74),
    # 增长 9.00% where 40.00 / (540.00 − 40.00) = 8.00%.
    ("BL203", 216),
    # 增加 10.00 万元 with 下降 3.57%.
    ("BL204", 222),
    # 政府采购 30.00 ≠ 货物 12.00 + 工程 0 + 服务 16.00.
    ("BL206", 248),
    # Indicator weights total 85; the xinjiang pack requires 90.
    ("BL301", 250),
}


def test_example_reports_exactly_the_planted_mistakes():
    result = CliRunner().invoke(main, ["check", "--pack", "xinjiang", "--format", "json", str(EXAMPLE)])
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    assert {(f["rule"], f["line"]) for f in findings} == PLANTED
    assert all(f["severity"] == "error" for f in findings)
    tree = next(f for f in findings if (f["rule"], f["line"]) == ("BL101", 74))
    assert tree["computation"] == "490.10 ≠ 240.00 + 250.00 = 490.00"


def test_core_pack_requires_weights_of_100():
    result = CliRunner().invoke(main, ["check", "--pack", "core", "--format", "json", str(EXAMPLE)])
    weights = [f for f in json.loads(result.output)["findings"] if f["rule"] == "BL301"]
    assert len(weights) == 1 and "100" in weights[0]["message"]
