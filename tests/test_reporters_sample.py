"""A realistic Report for the reporter tests, built by hand from the corpus text.

The linter is written elsewhere; the reporters are tested on findings whose figures
were read off the documents by hand:

- changji-city, line 534 (表3, page 9): 208 社会保障和就业支出 合计 5641.27, 基本支出
  824.53, 项目支出 4816.75; 824.53 + 4816.75 = 5641.28, a 0.01 rounding difference
  (info). Line 680 (表5, page 11): 3955.69 vs 824.53 + 3131.17 = 3955.70, the same.
  Both are genuine, in the published document.
- planted errors, written to a copy (the published text is right there):
  urumqi line 225: 合计 19,287.53 changed to 19,297.53 (869.36 + 18,418.17 = 19,287.53);
  changji-city line 1256: 32.79% changed to 32.97% (the sentence starts at 1254) (17.86 / (72.32 - 17.86) = 32.79%);
  prefecture-2020 line 21: 在职70人 changed to 在职71人 (71 + 45 + 1 = 117, not 116),
  with markup injected into the same line and into its file name (hostile input).
- center-2025 as published, with no finding: a clean document.
- a binary file: unreadable.

The tests in this module check that the sample says what the documents say, so that
the sample cannot drift from the corpus unnoticed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import corpus_path

from budgetlint.ingest import InputError, load_path
from budgetlint.core.finding import Finding, Related
from budgetlint.core.results import FileResult
from budgetlint.linter.report import Report
from budgetlint.rules.base import Rule

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
HOSTILE_NAME = 'prefecture-"<i onclick=x>2020&co.txt'

RULES = {
    r.id: r
    for r in (
        Rule(
            "BL101", "tree-sum", "tree-sum", "error", "父项等于子项之和",
            explain="A parent row (类/款) must equal the sum of its children.\n\n"
            "Bad: 208 = 100.00 with children 60.00 + 30.00.\nGood: 208 = 90.00.",
        ),
        Rule(
            "BL102", "row-sum", "row-sum", "error", "合计 = 基本支出 + 项目支出",
            explain="合计 must equal 基本支出 + 项目支出 in every row.\n\n"
            "A difference of 0.01 per rounded term is a rounding difference (info).",
        ),
        Rule(
            "BL110", "staff-count", "enumeration-sum", "error", "实有人数 = 在职 + 退休 + 离休",
            explain="The staff total must equal its parts. <b>not bold</b>",
        ),
        Rule(
            "BL201", "growth", "growth", "warning", "增长率与增减额一致",
            explain="增长率 = 增减额 / 上年预算数.",
        ),
    )
}


def _file_result(path: Path, findings: list[Finding]) -> FileResult:
    source = load_path(path)
    pages = {line.lineno: line.page for line in source.lines if line.page is not None}
    return FileResult(
        path=str(path), findings=findings, source_lines=source.raw_lines, pages=pages, form=source.form
    )


def _plant(src: Path, dest: Path, lineno: int, old: str, new: str) -> Path:
    lines = src.read_text(encoding="utf-8").split("\n")
    assert old in lines[lineno - 1], (src, lineno, lines[lineno - 1])
    lines[lineno - 1] = lines[lineno - 1].replace(old, new, 1)
    dest.write_text("\n".join(lines), encoding="utf-8")
    return dest


def build_report(tmp: Path) -> Report:
    """The sample Report; planted copies and the binary file are written into ``tmp``."""
    city = _plant(corpus_path("changji-city"), tmp / "changji-city-planted.txt", 1256, "32.79%", "32.97%")
    urumqi = _plant(corpus_path("urumqi"), tmp / "urumqi-planted.txt", 225, "19,287.53", "19,297.53")
    pref = _plant(
        corpus_path("prefecture-2020"), tmp / HOSTILE_NAME, 21, "在职70人", f"在职71人{HOSTILE}"
    )
    center = corpus_path("center-2025")
    binary = tmp / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 64)

    def f(path, line, rule, severity, message, **kw):
        return Finding(str(path), line, rule, RULES[rule].name, severity, message, **kw)

    city_findings = [
        f(city, 534, "BL102", "info", "合计 5641.27 ≠ 824.53 + 4816.75 = 5641.28 (rounding)",
          expected="5641.28", actual="5641.27", computation="5641.27 ≠ 824.53 + 4816.75 = 5641.28", page=9),
        f(city, 680, "BL102", "info", "合计 3955.69 ≠ 824.53 + 3131.17 = 3955.70 (rounding)",
          expected="3955.70", actual="3955.69", computation="3955.69 ≠ 824.53 + 3131.17 = 3955.70", page=11),
        f(city, 1254, "BL201", "warning", "增长 32.97% 与增加额不符: 17.86 / 54.46 = 32.79%",
          expected="32.79", actual="32.97", computation="17.86 / (72.32 - 17.86) = 32.79%", end_line=1256),
    ]
    urumqi_findings = [
        f(urumqi, 225, "BL102", "error", "合计 19,297.53 ≠ 869.36 + 18,418.17 = 19,287.53",
          expected="19287.53", actual="19297.53", computation="19297.53 ≠ 869.36 + 18418.17 = 19287.53",
          related=(Related(223, "表3 合计行"),)),
    ]
    pref_findings = [
        f(pref, 21, "BL110", "error", f"实有人数 116 ≠ 71 + 45 + 1 = 117 ({HOSTILE})",
          expected="117", actual="116", computation="116 ≠ 71 + 45 + 1 = 117"),
    ]
    try:
        load_path(binary)
        raise AssertionError("the binary sample was readable")
    except InputError as exc:
        broken = FileResult(path=str(binary), error=exc.reason)
    files = [
        _file_result(city, city_findings),
        _file_result(urumqi, urumqi_findings),
        _file_result(pref, pref_findings),
        _file_result(center, []),
        broken,
    ]
    return Report(files=files, rules=dict(RULES), pack="xinjiang")


def test_sample_findings_match_the_document_text(tmp_path):
    report = build_report(tmp_path)
    by_name = {Path(fr.path).name: fr for fr in report.files}
    city = by_name["changji-city-planted.txt"].source_lines
    assert "5641.27 824.53 4816.75" in city[534 - 1]
    assert Decimal("824.53") + Decimal("4816.75") == Decimal("5641.28")
    assert "3955.69 824.53 3131.17" in city[680 - 1]
    assert Decimal("824.53") + Decimal("3131.17") == Decimal("3955.70")
    assert "72.32" in city[1254 - 1] and "17.86" in city[1254 - 1] and "32.97%" in city[1256 - 1]
    assert round(Decimal("17.86") / (Decimal("72.32") - Decimal("17.86")) * 100, 2) == Decimal("32.79")
    urumqi = by_name["urumqi-planted.txt"].source_lines
    assert "19,297.53 869.36 18,418.17" in urumqi[225 - 1]
    assert Decimal("869.36") + Decimal("18418.17") == Decimal("19287.53")
    pref = by_name[HOSTILE_NAME].source_lines
    assert "实有人数116人" in pref[21 - 1] and "在职71人" in pref[21 - 1] and "退休45人" in pref[21 - 1]
    assert by_name["changji-city-planted.txt"].pages[534] == 9
    assert by_name["changji-city-planted.txt"].pages[680] == 11
    assert by_name["broken.txt"].error
