"""SARIF 2.1.0 output, validated against the OASIS schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import schema_path
from test_reporters_sample import build_report

from budgetlint.core.finding import Finding
from budgetlint.core.results import FileResult
from budgetlint.linter.report import Report
from budgetlint.reporters.sarif import render_sarif


def _schema():
    return json.loads(schema_path("sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _validate(doc: dict) -> None:
    schema = _schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sarif")
    return tmp, json.loads(render_sarif(build_report(tmp), base=str(tmp)))


def test_valid_against_the_schema(sample):
    _, doc = sample
    _validate(doc)
    assert doc["version"] == "2.1.0"


def test_the_validator_does_catch_a_broken_log(sample):
    # Guard against a schema that would accept anything.
    _, doc = sample
    broken = json.loads(json.dumps(doc))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        _validate(broken)


def test_rules_carry_help_and_default_level(sample):
    _, doc = sample
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["BL101", "BL102", "BL110", "BL201"]
    bl102 = rules[1]
    assert bl102["name"] == "row-sum"
    assert bl102["shortDescription"]["text"] == "合计 = 基本支出 + 项目支出"
    assert bl102["help"]["text"].startswith("合计 must equal 基本支出 + 项目支出")
    assert bl102["defaultConfiguration"]["level"] == "error"
    assert rules[3]["defaultConfiguration"]["level"] == "warning"


def test_results_point_at_the_input_lines(sample):
    _, doc = sample
    run = doc["runs"][0]
    results = run["results"]
    got = [
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in results
    ]
    assert ("BL102", "note", "changji-city-planted.txt", 534) in got
    assert ("BL102", "note", "changji-city-planted.txt", 680) in got
    assert ("BL201", "warning", "changji-city-planted.txt", 1254) in got
    assert ("BL102", "error", "urumqi-planted.txt", 225) in got
    # The hostile file name is percent-encoded into a valid URI reference.
    assert ("BL110", "error", "prefecture-%22%3Ci%20onclick%3Dx%3E2020%26co.txt", 21) in got
    assert len(results) == 5  # the clean document has none
    for r in results:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    growth = next(r for r in results if r["ruleId"] == "BL201")
    assert growth["locations"][0]["physicalLocation"]["region"]["endLine"] == 1256
    assert growth["properties"]["expected"] == "32.79" and growth["properties"]["actual"] == "32.97"
    urumqi = next(r for r in results if r["ruleId"] == "BL102" and r["level"] == "error")
    assert urumqi["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 223
    assert urumqi["message"]["text"] == "合计 19,297.53 ≠ 869.36 + 18,418.17 = 19,287.53 (19297.53 ≠ 869.36 + 18418.17 = 19287.53)"


def test_unreadable_file_is_a_notification(sample):
    _, doc = sample
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["descriptor"]["id"] == "BL000"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.txt"


def test_finding_of_a_rule_outside_the_pack_and_absolute_path(tmp_path):
    f = Finding("/elsewhere/数据 1.md", 4, "BL900", "plugin", "info", "x")
    doc = json.loads(render_sarif(Report(files=[FileResult("/elsewhere/数据 1.md", [f])]), base=str(tmp_path)))
    _validate(doc)
    (result,) = doc["runs"][0]["results"]
    assert result["level"] == "note" and doc["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "BL900"
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "file:///elsewhere/%E6%95%B0%E6%8D%AE%201.md"
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_fingerprints_survive_a_line_shift_and_tell_findings_apart(tmp_path):
    def log(line):
        f = Finding(str(tmp_path / "a.txt"), line, "BL101", "tree-sum", "error", "208 = 1.00 ≠ 2.00")
        g = Finding(str(tmp_path / "a.txt"), line + 4, "BL101", "tree-sum", "error", "208 01 = 3.00 ≠ 4.00")
        doc = json.loads(render_sarif(Report(files=[FileResult(f.path, [f, g])]), base=str(tmp_path)))
        return [r["partialFingerprints"]["budgetlint/v1"] for r in doc["runs"][0]["results"]]

    assert log(10) == log(12)
    assert len(set(log(10))) == 2
