"""Cases per rule code, with the rule exactly as its pack configures it:
``tests/rules/codes/<CODE>.yml`` (sqlfluff's ``std_rule_cases/AL01.yml``).

The per-kind cases (``cases/<kind>.yml``) test a check kind with parameters written
for the case; these test what a pack makes of the kind: BL102's own column
patterns, BL301's weights total in the xinjiang pack. File format::

    rule: BL102
    pack: core                  # optional, default core
    cases:
      - name: ...
        form: markdown          # optional
        input: |
          ...
        expect:                 # [] for a passing case
          - {line: 8, severity: error, contains: "592.83"}
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from expect import assert_expected

from budgetlint.parse import parse_text
from budgetlint.rules.loader import load_pack
from budgetlint.rules.registry import get_kind

CODES_DIR = Path(__file__).with_name("codes")
CASE_KEYS = {"name", "form", "input", "expect"}


def _load_cases():
    out = []
    for path in sorted(CODES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] == path.stem, f"{path.name} holds cases of {data['rule']}"
        for case in data.get("cases", []):
            out.append(pytest.param(data, case, id=f"{path.stem}::{case.get('name')}"))
    return out


@pytest.mark.parametrize("data, case", _load_cases())
def test_rule_case(data, case):
    assert set(case) <= CASE_KEYS, f"unknown case keys {set(case) - CASE_KEYS}"
    pack = load_pack(data.get("pack", "core"))
    rule = pack.find(data["rule"])
    assert rule is not None, f"no rule {data['rule']} in pack {pack.name}"
    doc = parse_text(case["input"], path=f"{data['rule']}::{case['name']}", form=case.get("form"))
    findings = list(get_kind(rule.check).check(doc, rule))
    assert_expected(findings, case.get("expect"))
    assert all(f.rule == rule.id for f in findings)


def test_every_case_file_names_a_rule_of_its_pack():
    for path in CODES_DIR.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert load_pack(data.get("pack", "core")).find(data["rule"]) is not None, path.name
