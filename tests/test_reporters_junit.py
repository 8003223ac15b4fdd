"""JUnit XML: one testsuite per file, one testcase per finding at or above the fail level."""

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
    # At the default fail level (error) the city's two infos and its warning are not
    # failures: one passing case, and the suite counts what it left out.
    city = suites["changji-city-planted.txt"]
    assert [c.get("name") for c in city.findall("testcase")] == ["没有错误及以上的问题"]
    assert city.find("testcase/failure") is None
    assert city.find("properties/property[@name='findings-below-fail-level']").get("value") == "3"
    assert (city.get("tests"), city.get("failures"), city.get("errors")) == ("1", "0", "0")
    (case,) = suites["urumqi-planted.txt"].findall("testcase")
    assert case.get("name") == "BL102 row-sum 第 225 行"
    (failure,) = case.findall("failure")
    assert failure.get("type") == "BL102 error"
    assert "算式：19297.53 ≠ 869.36 + 18418.17 = 19287.53" in failure.text
    broken = suites["broken.txt"]
    (case,) = broken.findall("testcase")
    assert case.find("error").get("message") == "二进制文件（含 NUL 字节），不是文本公开文件"
    assert (broken.get("tests"), broken.get("errors")) == ("1", "1")
    # The hostile name and message survive as text.
    pref = suites[HOSTILE_NAME]
    fail = pref.find("testcase[@name='BL110 staff-count 第 21 行']/failure")
    assert "<script>window.__pwned=1</script>" in fail.get("message")
    # Totals: 2 failing cases (urumqi, prefecture), 2 passing (city, center), 1 error.
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "2", "1")


def test_each_finding_at_the_fail_level_is_its_own_case(tmp_path):
    root = ET.fromstring(render_junit(build_report(tmp_path), base=str(tmp_path), fail_on="info").encode("utf-8"))
    city = {s.get("name"): s for s in root.findall("testsuite")}["changji-city-planted.txt"]
    cases = city.findall("testcase")
    assert [c.get("name") for c in cases] == ["BL102 row-sum 第 534 行", "BL102 row-sum 第 680 行", "BL201 growth 第 1254 行"]
    assert all(len(c.findall("failure")) == 1 for c in cases)
    assert [c.find("failure").get("type") for c in cases] == ["BL102 info", "BL102 info", "BL201 warning"]
    assert "changji-city-planted.txt:534: BL102 [info]" in cases[0].find("failure").text
    assert "页：9" in cases[0].find("failure").text
    assert (city.get("tests"), city.get("failures")) == ("3", "3")


def test_characters_xml_cannot_carry_are_dropped():
    # PDF extraction leaves form feeds and other control characters in the text.
    f = Finding("a.txt", 2, "BL101", "tree-sum", "error", "page\x0cbreak\x00 and \x1b[31m")
    xml = render_junit(Report(files=[FileResult("a.txt", [f])]), base=".")
    root = ET.fromstring(xml.encode("utf-8"))
    failure = root.find(".//failure")
    assert failure.get("message") == "pagebreak and [31m"
