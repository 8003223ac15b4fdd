"""The claim check kinds on the corpus: every finding verified by hand, and planted
errors in copies of the documents reported at the planted line.

Real inconsistencies found by reading the documents (each checked by hand):

changji-city
  1237  事业运行 比上年预算增加 38.56 万元，降低 31.92% — 增加 with 降低 (the rate is right for a rise)
  1278  heading "5." after "6." in （三）一般公共预算当年拨款具体使用情况 (5, 6 repeated)
  1319  奖金 65.77 万元 in prose, 表6 L744 prints 65.76
  1327  其他工资福利支出 213.63 元 among items in 万元; 表6 L758 prints 213.62 万元, and the
        人员经费 items add to 866.31 only with it read as 万元 (two kinds, one line)
  1339  福利费 4.59 万元 in prose, 表6 L784 prints 4.60
  1391  project 提前下达2023年自治区就业补助资金预算: 预算安排规模 24.25 万元, 表7 (row L1025) prints 24.24
urumqi
  974   财政拨款结转 6883.43 万元 in prose, 表1 L162 (and the prose at L935) print 6883.44
  1033  一般公共预算拨款合计 15751.96 ≠ 基本支出 869.36 + 项目支 14882.06 = 15751.42
  1037  项目支 14882.06 万元 in prose, 表5 L428 prints 项目支出 14882.60 (a transposition)
prefecture-2020
  1279  支出预算 1355.44 元 (its parts 1246.44 + 109 are 万元; 表三 prints 1355.44 万元), two kinds
  1292  劳动保障监察 15 万元 占 1.10%: 15 / 1355.44 = 1.11%; info, a 尾差: the six printed
        shares 91.96 + 4.57 + 1.10 + 0.74 + 0.89 + 0.74 make exactly 100.00, rounded
        right they would make 100.01 (the 0.01 was taken off this item)
  1368  房屋 … 价值 50319788.14 万元 (5031.98 亿元: the figure is in 元)
center-2025
  543   劳动能力鉴定工作经费 预算安排规模 28.40 万元 ≠ 12 + 6.4 + 6.4 + 8.6 + 1.4 = 34.8 (L547)
  547   资金分配情况 items numbered 1. 2. 3. 4. 4.
"""

from __future__ import annotations

import importlib

import pytest

from budgetlint.parse import parse_source
from budgetlint.ingest import load_path
from budgetlint.rules.base import Rule
from budgetlint.rules.loader import load_pack

from conftest import corpus_path, parsed

KINDS = ["share-value", "share-sum", "growth", "direction", "prose-table", "enumeration-sum", "magnitude", "numbering"]


def _module(kind):
    return importlib.import_module("budgetlint.rules.checks." + kind.replace("-", "_"))


def run(doc, kinds=KINDS):
    out = []
    for kind in kinds:
        module = _module(kind)
        # the kind's defaults under the core pack's params (its layout vocabulary is data there)
        params = {name: default for name, (_, default) in module.PARAMS.items()}
        params.update(next((r.params for r in load_pack("core").rules if r.check == kind), {}))
        rule = Rule(id="BL2xx", name=kind, check=kind, params=params)
        out.extend((kind, f) for f in module.check(doc, rule))
    return out


EXPECTED = {
    "changji-city": [
        ("direction", 1237, "error"),
        ("numbering", 1278, "error"),
        ("prose-table", 1319, "warning"),
        ("prose-table", 1327, "error"),
        ("enumeration-sum", 1327, "error"),
        ("prose-table", 1339, "warning"),
        ("prose-table", 1391, "warning"),
    ],
    "urumqi": [
        ("prose-table", 974, "warning"),
        ("enumeration-sum", 1033, "error"),
        ("prose-table", 1037, "error"),
    ],
    "prefecture-2020": [
        ("prose-table", 1279, "error"),
        ("enumeration-sum", 1279, "error"),
        ("share-value", 1292, "info"),
        ("magnitude", 1368, "error"),
    ],
    "center-2025": [
        ("enumeration-sum", 543, "error"),
        ("numbering", 547, "error"),
    ],
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_corpus_findings_are_exactly_the_verified_ones(key):
    got = sorted((kind, f.line, f.severity) for kind, f in run(parsed(key)))
    assert got == sorted(EXPECTED[key])


def test_corpus_messages_show_the_arithmetic():
    messages = {(kind, f.line): f.message for kind, f in run(parsed("changji-city"))}
    assert "增加 38.56" in messages[("direction", 1237)] and "降低 31.92%" in messages[("direction", 1237)]
    assert "65.76" in messages[("prose-table", 1319)]
    assert "213.63 元按万元计才相符" in messages[("enumeration-sum", 1327)]
    messages = {(kind, f.line): f.message for kind, f in run(parsed("urumqi"))}
    assert "15751.96 ≠ 869.36 + 14882.06 = 15751.42" in messages[("enumeration-sum", 1033)]
    messages = {(kind, f.line): f.message for kind, f in run(parsed("prefecture-2020"))}
    assert "占 1.10% ≠ 15 / 1355.44 = 1.11%" in messages[("share-value", 1292)]
    assert "5031.98" in messages[("magnitude", 1368)]
    messages = {(kind, f.line): f.message for kind, f in run(parsed("center-2025"))}
    assert "28.40 ≠ 12 + 6.4 + 6.4 + 8.6 + 1.4 = 34.8" in messages[("enumeration-sum", 543)]


# (document, input line, printed text there, planted text, kind expected to report it)
PLANTS = [
    ("changji-city", 1274, "增长 31.95%", "增长 33.95%", "growth"),
    ("changji-city", 1133, "占 70.65%", "占 71.65%", "share-value"),
    ("changji-city", 1290, "下降 55.73%", "增长 55.73%", "direction"),
    ("changji-city", 1317, "199.50", "199.80", "prose-table"),
    ("changji-city", 1466, "10.15", "10.25", "enumeration-sum"),
    ("changji-city", 1221, "3.住房保障", "2.住房保障", "numbering"),
    ("changji-city", 1480, "335.21", "3352100", "magnitude"),
    ("urumqi", 1095, "增长 23.18%", "增长 25.18%", "growth"),
    ("urumqi", 994, "占 96.16%", "占 95.16%", "share-value"),
    ("urumqi", 994, "占 96.16%", "占 95.16%", "share-sum"),
    ("urumqi", 1054, "减少 33.86%", "增长 33.86%", "direction"),
    ("urumqi", 1121, "津贴补贴241.29", "津贴补贴241.92", "prose-table"),
    ("urumqi", 1131, "水费 0.85", "水费 0.95", "enumeration-sum"),
    ("prefecture-2020", 1287, "下降6.49 %", "下降7.49 %", "growth"),
    ("prefecture-2020", 1280, "占91.96%", "占92.96%", "share-value"),
    ("prefecture-2020", 1298, "降低74.17%", "增长74.17%", "direction"),
    ("prefecture-2020", 1305, "基本工资336.19", "基本工资336.91", "prose-table"),
    ("prefecture-2020", 1364, "货物预算35.75", "货物预算36.75", "enumeration-sum"),
    ("center-2025", 439, "增长 2.03%", "增长 2.53%", "growth"),
    ("center-2025", 459, "占 52.26%", "占 53.26%", "share-value"),
    ("center-2025", 513, "下降7.92%", "增长7.92%", "direction"),
    ("center-2025", 521, "公用经费 31.38", "公用经费 31.83", "prose-table"),
    ("center-2025", 597, "公务接待费0.08万元", "公务接待费0.18万元", "enumeration-sum"),
]


def _planted(tmp_path, key, lineno, old, new):
    path = corpus_path(key)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[lineno - 1], f"{key}:{lineno} does not read {old!r}"
    lines[lineno - 1] = lines[lineno - 1].replace(old, new, 1)
    copy = tmp_path / path.name
    copy.write_text("\n".join(lines), encoding="utf-8")
    return parse_source(load_path(copy))


def _covers(finding, line):
    return finding.line == line or (finding.end_line and finding.line <= line <= finding.end_line)


@pytest.mark.parametrize("key, line, old, new, kind", PLANTS, ids=[f"{p[0]}-{p[4]}-{p[1]}" for p in PLANTS])
def test_planted_error_is_reported_at_its_line(tmp_path, key, line, old, new, kind):
    doc = _planted(tmp_path, key, line, old, new)
    findings = run(doc, [kind])
    hits = [f for k, f in findings if _covers(f, line)]
    assert hits, [(f.line, f.message) for _, f in findings]
    assert all(f.severity == "error" for f in hits)
    # Nothing else new: every finding not in the corpus baseline concerns the plant.
    baseline = {(k, ln) for k, ln, _ in EXPECTED[key]}
    for k, f in findings:
        if (k, f.line) in baseline:
            continue
        related = {r.line for r in f.related}
        assert _covers(f, line) or line in related, (k, f.line, f.message)


def _case_files():
    from pathlib import Path

    import yaml

    out = []
    cases_dir = Path(__file__).parent / "rules" / "cases"
    for kind in KINDS:
        data = yaml.safe_load((cases_dir / f"{kind}.yml").read_text(encoding="utf-8"))
        for case in data["cases"]:
            for expect in case.get("expect") or []:
                if "contains" in expect:
                    out.append(pytest.param(kind, case, expect, id=f"{kind}::{case['name']}::{expect['line']}"))
    return out


@pytest.mark.parametrize("kind, case, expect", _case_files())
def test_case_messages_show_what_the_cases_say(kind, case, expect):
    """The shared case runner compares (line, severity); the arithmetic the message
    must show is checked here."""
    from budgetlint.parse import parse_text

    doc = parse_text(case["input"], path=case["name"])
    params = case.get("params") or {}
    module = _module(kind)
    rule = Rule(id="BL2xx", name=kind, check=kind, params={**{n: d for n, (_, d) in module.PARAMS.items()}, **params})
    messages = [f.message for f in module.check(doc, rule) if f.line == expect["line"]]
    assert any(expect["contains"] in m for m in messages), messages
