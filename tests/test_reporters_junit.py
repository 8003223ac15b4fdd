"""JUnit XML: one testsuite per file, one testcase per rule, a failure per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from test_reporters_sample import HOSTILE_NAME, build_report

from budgetlint.core.finding import Finding
from budgetlint.core.results import FileResult
from budgetlint.linter.report import Report
from budgetlint.reporters.junit import render_junit


def test_sample_structure(tmp_path):
    xml = render_junit(build_report(tmp_path), base=str(tmp_path))
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert len(suites) == 5
    city = suites["changji-city-planted.txt"]
    cases = {c.get("name"): c for c in city.findall("testcase")}
    # Every rule of the pack is a testcase; the ones that found nothing pass.
    assert sorted(cases) == ["BL101 tree-sum", "BL102 row-sum", "BL110 staff-count", "BL201 growth"]
    assert cases["BL101 tree-sum"].find("failure") is None
    row_sum = cases["BL102 row-sum"].findall("failure")
    assert [f.get("type") for f in row_sum] == ["BL102 info", "BL102 info"]
    assert "changji-city-planted.txt:534: BL102 [info]" in row_sum[0].text
    assert "computation: 5641.27 ≠ 824.53 + 4816.75 = 5641.28" in row_sum[0].text
    assert "page: 9" in row_sum[0].text
    assert (city.get("tests"), city.get("failures"), city.get("errors")) == ("4", "2", "0")
    broken = suites["broken.txt"]
    (case,) = broken.findall("testcase")
    assert case.find("error").get("message") == "binary file (NUL bytes), not a text disclosure"
    assert (broken.get("tests"), broken.get("errors")) == ("1", "1")
    # The hostile name and message survive as text.
    pref = suites[HOSTILE_NAME]
    fail = pref.find("testcase[@name='BL110 staff-count']/failure")
    assert "<script>window.__pwned=1</script>" in fail.get("message")
    # Totals: 4 rules x 4 readable files + 1 error case; failing cases: 2 + 1 + 1 + 0.
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("17", "4", "1")


def test_characters_xml_cannot_carry_are_dropped():
    # PDF extraction leaves form feeds and other control characters in the text.
    f = Finding("a.txt", 2, "BL101", "tree-sum", "error", "page\x0cbreak\x00 and \x1b[31m")
    xml = render_junit(Report(files=[FileResult("a.txt", [f])]), base=".")
    root = ET.fromstring(xml.encode("utf-8"))
    failure = root.find(".//failure")
    assert failure.get("message") == "pagebreak and [31m"
