"""A fuzzer over mutated disclosures and mutated packs: whatever the bytes or the pack,
linting ends with findings or a one-line error, never an exception (one a check
kind raises is caught by the engine and reported as that rule's failure: here it
counts as a crash too). Bounded so CI spends a few seconds on it; raise FUZZ_EXAMPLES
in the environment to search longer."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.ingest import InputError, load_bytes
from budgetlint.linter.lint import lint_source
from budgetlint.reporters.registry import render
from budgetlint.linter.report import Report
from budgetlint.rules.loader import PackError, load_pack

from conftest import CORPUS, CORPUS_FILES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=int(os.environ.get("FUZZ_DEADLINE", "0")) or None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _texts() -> list[str]:
    texts = [(ROOT / "examples" / "demo-county-hrss-2024.md").read_text(encoding="utf-8")]
    for name in CORPUS_FILES.values():
        if (CORPUS / name).exists():
            texts.append((CORPUS / name).read_text(encoding="utf-8-sig"))
    return texts


TEXTS = _texts()
PACKS = {name: load_pack(name) for name in ("core", "xinjiang")}
# What disclosures are made of, and what breaks parsers: table markup, codes, figures,
# headings, control characters, full-width forms, lone surrogates' replacements.
PIECES = st.sampled_from([
    "|", "| --- |", "<br>", "<b>", "表3", "表十一", "第二部分", "一、", "（一）", "208 01 01", "2080101",
    "合计", "总计", "小计", "万元", "元", "%", "增长", "下降", "比上年", "占", "14,064.5", "5", "-", "—",
    "0.00", "\t", "\f", " ", "\u3000", "\x00", "\x1b[31m", "\x07", "\u202e", "\ufffd", "：", "（", "）",
    "项目名称：", "预算安排规模", "指标分值权重", "年度预算总额", "财政拨款", "其他资金", "\n", "\n\n",
])


@st.composite
def mutated_text(draw) -> bytes:
    text = draw(st.sampled_from(TEXTS))
    lines = text.split("\n")
    # a window keeps each example fast; the whole document now and then
    if draw(st.booleans()):
        start = draw(st.integers(0, max(0, len(lines) - 1)))
        lines = lines[start: start + draw(st.integers(1, 200))]
    for _ in range(draw(st.integers(0, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "swap", "cut"]))
        if op == "delete":
            del lines[i: i + draw(st.integers(1, 20))]
        elif op == "duplicate":
            lines[i:i] = lines[i: i + draw(st.integers(1, 30))] * draw(st.integers(1, 3))
        elif op == "insert":
            lines.insert(i, "".join(draw(st.lists(PIECES | st.text(max_size=8), max_size=12))))
        elif op == "replace":
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + "".join(draw(st.lists(PIECES, max_size=4))) + line[at + draw(st.integers(0, 6)):]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    data = "\n".join(lines).encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])), "replace")
    if draw(st.booleans()) and data:  # a few raw byte flips
        raw = bytearray(data)
        for _ in range(draw(st.integers(1, 4))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
        data = bytes(raw)
    return data


def assert_linted_without_crash(data: bytes, pack) -> None:
    try:
        source = load_bytes(data, "fuzz.txt")
    except InputError:
        return  # a one-line refusal is a fine outcome
    result = lint_source(source, pack)
    assert result.error is None, result.error
    crashed = [f.message for f in result.findings if f.message.startswith("check ") and " failed: " in f.message]
    assert not crashed, crashed
    for fmt in ("text", "html", "sarif"):
        render(fmt, Report(files=[result], rules={r.id: r for r in pack.rules}, pack=pack.name))


@SETTINGS
@given(data=mutated_text(), pack=st.sampled_from(sorted(PACKS)))
def test_mutated_disclosures_never_crash(data, pack):
    assert_linted_without_crash(data, PACKS[pack])


# -- packs ------------------------------------------------------------------------------

CORE = yaml.safe_load((ROOT / "src" / "budgetlint" / "packs" / "core.yaml").read_text(encoding="utf-8"))
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.text(max_size=12) | PIECES | st.sampled_from(["(a+)+$", "(?=x)", "[", "{detail:>9999}", "{detail.x}", "{0}",
                                                       "^合计$", "summary", "@total", "error", "info"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["total", "parts", "optional", "role",
                                                                                   "row", "column", "left", "right", "titles",
                                                                                   "kind", "x"]), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def mutated_pack(draw) -> dict:
    rules = [dict(r) for r in CORE["rules"]]
    chosen = draw(st.lists(st.integers(0, len(rules) - 1), min_size=1, max_size=3, unique=True))
    overrides = {}
    for i in chosen:
        rule = rules[i]
        key = draw(st.sampled_from(["params", "select", "message", "severity", "summary"]))
        if key in ("params", "select"):
            known = list((rule.get(key) or {}).keys()) or ["title", "columns", "parts", "roles"]
            change = {draw(st.sampled_from(known + ["x"])): draw(VALUES)}
        else:
            change = draw(VALUES)
        overrides[rule["id"]] = {key: change}
    pack = {"extends": "core", "overrides": overrides}
    if draw(st.booleans()):
        pack["profile"] = {"table_kinds": draw(st.lists(st.fixed_dictionaries({"kind": VALUES, "titles": VALUES}), max_size=3))}
    return pack


@SETTINGS
@given(pack=mutated_pack(), data=mutated_text())
def test_mutated_packs_load_or_fail_in_one_line_and_never_crash_a_check(tmp_path_factory, pack, data):
    path = tmp_path_factory.mktemp("pack") / "fuzz.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    try:
        loaded = load_pack(str(path))
    except PackError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path))
        return
    assert_linted_without_crash(data, loaded)
