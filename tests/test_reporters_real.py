"""The reporters on the real linter's output for corpus documents (integration)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from conftest import SCHEMAS, corpus_path

from budgetlint.linter.lint import lint_paths
from budgetlint.reporters.formats import FORMATS, render
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
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
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
    assert len(root.findall(".//failure")) == len(report.findings)
    lines = render("github", report).splitlines()
    assert len(lines) == len(report.findings)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_real_html_has_every_finding(report):
    html = render("html", report)
    assert html.count('<article class="finding') == len(report.findings)
