"""weights-total, indicator-completeness and fund-total on the corpus and on their cases.

The corpus findings below were each checked by hand against the document text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from budgetlint.parse import parse_text
from budgetlint.rules.base import Rule
from budgetlint.rules.checks import fund_total, indicator_completeness, weights_total
from conftest import parsed

KINDS = {
    "weights-total": (weights_total, {"total": 90}),
    "indicator-completeness": (indicator_completeness, {}),
    "fund-total": (fund_total, {}),
}
CASES = Path(__file__).parent / "rules" / "cases"


def _rule(name: str, **params) -> Rule:
    module, defaults = KINDS[name]
    merged = {k: d for k, (_, d) in module.PARAMS.items()}
    merged.update(defaults)
    merged.update(params)
    return Rule(id="BL9xx", name=name, check=module.NAME, params=merged)


def _findings(key: str):
    doc = parsed(key)
    out = []
    for name, (module, _) in KINDS.items():
        out.extend((f.line, f.severity, f.name) for f in module.check(doc, _rule(name)))
    return sorted(out)


CORPUS_FINDINGS = {
    # line 1706 "1500≥ 计划标准 134 5"; lines 1792-1794 "340.24 / 元≥" (历史标准 340.24 元≥)
    "changji-city": [
        (1706, "warning", "indicator-completeness"),
        (1792, "warning", "indicator-completeness"),
    ],
    # line 1415 年度预算总额 2662, line 1420 财政拨款 10162, 其他资金 empty; the prose of the
    # table (line 1426) and the summary (14882.6 = 2662 + 104 + 70.03 + 3900 + 8146.57)
    # confirm 2662.
    "urumqi": [(1415, "error", "fund-total")],
    "prefecture-2020": [],
    "center-2025": [],
}


@pytest.mark.parametrize("key", sorted(CORPUS_FINDINGS))
def test_corpus_findings(key):
    assert _findings(key) == CORPUS_FINDINGS[key]


def test_fund_total_shows_the_arithmetic():
    doc = parsed("urumqi")
    (finding,) = list(fund_total.check(doc, _rule("fund-total")))
    assert finding.computation == "2662 ≠ 10162 + 0 = 10162"
    assert [r.line for r in finding.related] == [1420, 1420]


def test_weights_total_points_at_every_weight():
    doc = parsed("changji-city")
    # The first table totals 90: at 100 it is reported, with each weight's line.
    findings = [f for f in weights_total.check(doc, _rule("weights-total", total=100)) if f.line == 1508]
    (finding,) = findings
    assert finding.computation == "10 + 10 + 10 + 10 + 20 + 20 + 10 = 90 ≠ 100"
    assert [r.line for r in finding.related] == [1553, 1567, 1582, 1600, 1618, 1636, 1649]


def test_weights_total_skips_tables_without_weights_unless_required():
    doc = parsed("prefecture-2020")
    assert list(weights_total.check(doc, _rule("weights-total"))) == []
    required = list(weights_total.check(doc, _rule("weights-total", require=True)))
    assert [(f.line, f.severity) for f in required] == [
        (t.line, "info") for t in doc.perf_tables()
    ]


def test_select_by_table_kind():
    doc = parsed("center-2025")
    rule = Rule(id="BL9xx", name="w", check="weights-total", params={"total": 100, "require": False},
                select={"kind": "overall"})
    assert [f.line for f in weights_total.check(doc, rule)] == [643]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_case_input_holds_a_table_with_indicators(kind):
    """A passing case proves nothing if its input was not read as a performance table."""
    data = yaml.safe_load((CASES / f"{kind}.yml").read_text(encoding="utf-8"))
    assert data["kind"] == kind
    for case in data["cases"]:
        doc = parse_text(case["input"], path=case["name"], form=case.get("form"))
        tables = doc.perf_tables()
        assert tables and all(t.indicators for t in tables), case["name"]
