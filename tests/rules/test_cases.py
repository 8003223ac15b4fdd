"""One runner for every check kind's fixture cases: ``tests/rules/cases/<kind>.yml``.

File format (sqlfluff style; small inputs written by hand, expected findings read
off the input by hand)::

    kind: tree-sum                # the check kind, as registered in budgetlint.checks
    params: {...}                 # optional, for every case of the file
    select: {...}                 # optional, for every case of the file
    cases:
      - name: parent-off-by-one   # unique within the file
        params: {...}             # optional, merged over the file's and the kind's defaults
        select: {...}             # optional, replaces the file's select
        form: markdown            # optional: the text form (detected by default)
        input: |                  # a disclosure text; Markdown pipe tables are easiest
          ...
        expect:                   # [] for a passing case
          - {line: 12, severity: error}            # rule defaults to the case's rule
          - {line: 14, severity: info, contains: "0.01"}   # optional text the message must hold

Each case runs the kind alone, as rule ``BL999`` with severity ``error``, through the
same loader validation a pack gets (unknown or mistyped params fail the case), and
compares the sorted (line, severity) pairs of its findings with ``expect`` exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from expect import assert_expected

from budgetlint.parse import parse_text
from budgetlint.rules.base import Rule
from budgetlint.core.schema import first_problem
from budgetlint.rules.registry import get_kind
from budgetlint.rules.schema import params_schema_json

CASES_DIR = Path(__file__).with_name("cases")
CASE_KEYS = {"name", "params", "select", "form", "input", "expect"}


def _load_cases():
    out = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data.get("cases", []):
            out.append(pytest.param(path.name, data, case, id=f"{path.stem}::{case.get('name')}"))
    return out


def _validated(kind, values: dict, what: str) -> dict:
    """The case's params or select, checked as a pack's would be (the kind's schema)."""
    problem = first_problem(values, params_schema_json(kind, what), {})
    assert problem is None, f"{kind.name} {what} {'.'.join(map(str, problem.path))}: {problem.message}"
    for key, value in values.items():
        if kind.validate is not None and what == "params":
            problem = kind.validate(key, value)
            assert problem is None, problem
    return values


@pytest.mark.parametrize("filename, data, case", _load_cases())
def test_case(filename, data, case):
    assert set(case) <= CASE_KEYS, f"unknown case keys {set(case) - CASE_KEYS}"
    kind = get_kind(data["kind"])
    params = {**(data.get("params") or {}), **(case.get("params") or {})}
    select = case.get("select", data.get("select")) or {}
    rule = Rule(
        id="BL999",
        name="case-rule",
        check=data["kind"],
        severity="error",
        params={**{k: d for k, (_, d) in kind.params.items()}, **_validated(kind, params, "params")},
        select=_validated(kind, select, "select"),
    )
    doc = parse_text(case["input"], path=f"{filename}::{case['name']}", form=case.get("form"))
    findings = list(kind.check(doc, rule))
    assert_expected(findings, case.get("expect"))
    for f in findings:
        assert f.rule == "BL999" and f.message, f
