"""GitHub Actions workflow-command annotations."""

from __future__ import annotations

from test_reporters_sample import build_report

from budgetlint.core.finding import Finding
from budgetlint.core.results import FileResult
from budgetlint.linter.report import Report
from budgetlint.reporters.github import render_github


def test_sample_annotations(tmp_path):
    out = render_github(build_report(tmp_path), base=str(tmp_path))
    lines = out.splitlines()
    assert lines[0] == "::error file=broken.txt,title=BL000::二进制文件（含 NUL 字节），不是文本公开文件"
    assert (
        "::notice file=changji-city-planted.txt,line=534,title=BL102 row-sum::"
        "合计 5641.27 ≠ 824.53 + 4816.75 = 5641.28 (rounding)"
    ) in lines
    assert (
        "::warning file=changji-city-planted.txt,line=1254,endLine=1256,title=BL201 growth::"
        # "%" is the runner's escape character: a literal one is sent as %25.
        "增长 32.97%25 与增加额不符: 17.86 / 54.46 = 32.79%25 (17.86 / (72.32 - 17.86) = 32.79%25)"
    ) in lines
    assert (
        "::error file=urumqi-planted.txt,line=225,title=BL102 row-sum::"
        "合计 19,297.53 ≠ 869.36 + 18,418.17 = 19,287.53 (19297.53 ≠ 869.36 + 18418.17 = 19287.53)"
    ) in lines
    assert len(lines) == 6  # 5 findings and the unreadable file; the clean document has none
    # Files in path order, findings in line order within a file.
    city = [line for line in lines if "changji-city-planted.txt" in line]
    assert [c.split(",line=")[1].split(",")[0] for c in city] == ["534", "680", "1254"]


def test_properties_and_message_are_escaped():
    f = Finding("dir/a,b:c.txt", 7, "BL101", "tree-sum", "error", "100% wrong\nsecond line, with: colon")
    out = render_github(Report(files=[FileResult("dir/a,b:c.txt", [f])]), base=".")
    assert out == "::error file=dir/a%2Cb%3Ac.txt,line=7,title=BL101 tree-sum::100%25 wrong%0Asecond line, with: colon\n"
    # One command per line, whatever the message held.
    assert out.count("\n") == 1
