"""The reporters on the real linter's output for corpus documents (integration)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from conftest import corpus_path, schema_path

from budgetlint.linter.lint import lint_paths
from budgetlint.reporters.registry import FORMATS, render
from budgetlint.rules.loader import load_pack


@pytest.fixture(scope="module")
def report():
    # The two fast documents (Markdown and Word text): this is about the reporters.
    paths = [str(corpus_path("center-2025")), str(corpus_path("prefecture-2020"))]
    return lint_paths(paths, load_pack("xinjiang"))


def test_every_format_renders_the_real_report(report):
    for fmt in FORMATS:
        assert render(fmt, report), fmt


def test_real_sarif_is_valid(report):
    schema = json.loads(schema_path("sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    doc = json.loads(render("sarif", report))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    run = doc["runs"][0]
    assert len(run["results"]) == len(report.findings)
    # Every rule of the pack is described, with its explanation as help.
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= set(report.rules)
    assert all("help" in r for r in run["tool"]["driver"]["rules"] if report.rules.get(r["id"]) and report.rules[r["id"]].explain)


def test_real_junit_and_github(report):
    root = ET.fromstring(render("junit", report).encode("utf-8"))
    assert len(root.findall("testsuite")) == 2
    # One failing case per finding at the default fail level (error).
    assert len(root.findall(".//failure")) == sum(f.severity == "error" for f in report.findings)
    assert all(len(case.findall("failure")) <= 1 for case in root.iter("testcase"))
    lines = render("github", report).splitlines()
    assert len(lines) == len(report.findings)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_real_html_has_every_finding(report):
    html = render("html", report)
    assert html.count('<article class="finding') == len(report.findings)


def test_check_command_writes_each_format(tmp_path):
    # The CLI's --format/--statistics reach these reporters (the command is another
    # module's; this checks the wiring end to end on a real document).
    from click.testing import CliRunner

    from budgetlint.cli import main

    doc = str(corpus_path("center-2025"))
    runner = CliRunner()
    for fmt in FORMATS:
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(main, ["check", doc, "--pack", "xinjiang", "--format", fmt, "--output", str(out)])
        assert result.exit_code in (0, 1), (fmt, result.output)
        text = out.read_text(encoding="utf-8")
        if fmt == "sarif":
            assert json.loads(text)["version"] == "2.1.0"
        elif fmt == "junit":
            assert ET.fromstring(text.encode("utf-8")).tag == "testsuites"
        elif fmt == "html":
            assert text.startswith("<!DOCTYPE html>")
    result = runner.invoke(main, ["check", doc, "--pack", "xinjiang", "--statistics", "--jobs", "2"])
    assert result.exit_code in (0, 1)
    *rows, total = result.output.splitlines()
    assert total.split()[1].startswith("共计")
    # Every finding is counted (statistics show infos too), and the total says so.
    expected = len(lint_paths([doc], load_pack("xinjiang")).findings)
    assert sum(int(line.split()[0]) for line in rows) == int(total.split()[0]) == expected
