"""The joined search of ``core.linesearch`` answers as a search per line does."""

from __future__ import annotations

import random

import pytest

from budgetlint.core.linesearch import Lines, line_local
from budgetlint.core.patterns import compile_pattern

LINES = [
    "第一部分 昌吉市人力资源和社会保障局概况", "", "  2023年部门预算公开", "部门收支总体情况表",
    "单位：万元", "a", "ab  abc", "决算\t说明", "本级预算 单位预算 部门预算", "x", "",
    "新疆维吾尔自治区乌鲁木齐市", "14,064.55", "aaa", "[:space:]", "end",
]
PATTERNS = [
    # line-local: literals, classes, groups, repeats, ``.``
    "预算", "(部门|单位|年度|本级)预算", "决算(公开|总?表|报告|情况|说明)", "新疆|乌鲁木齐|昌吉",
    "a+", "a*", "b?", "[ab]+c", r"\d+(?:,\d{3})*(?:\.\d+)?", r"\w+", r"\S+", "部.预", "a.{0,3}c",
    "[^\n]+", "(?:x)|(?:end)", "", "(?P<u>单位)：",
    # not line-local: anchors, boundaries, \s, negated classes, flags, POSIX classes
    "^a", "a$", r"\ba\b", r"\Aa", r"\s+", r"a\s*b", "[^a]+", "(?i)A", "(?s).+", "[[:space:]]+",
    r"预算\n部门", "[\n]", r"\D+", r"\W", r"\pN+", "(?m)^x$",
]


def per_line(regex, texts):
    for i, text in enumerate(texts):
        match = regex.search(text)
        if match:
            yield i, match.start(), match.group(0)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_first_and_each_agree_with_a_search_per_line(pattern):
    regex = compile_pattern(pattern)
    rng = random.Random(pattern)
    for trial in range(30):
        texts = LINES[:] if trial == 0 else rng.choices(LINES, k=rng.randint(0, 12))
        lines = Lines(texts)
        expected = list(per_line(regex, texts))
        got = [(h.index, h.start, h.text) for h in lines.each(regex, pattern)]
        assert got == expected, (pattern, texts)
        hit = lines.first(regex, pattern)
        assert (hit and (hit.index, hit.start, hit.text)) == (expected[0] if expected else None)


@pytest.mark.parametrize("pattern,local", [
    ("预算", True), ("(部门|单位)预算", True), (r"\d+\.\d+", True), ("[^\n]", True),
    ("^预算", False), ("预算$", False), (r"\b", False), (r"\s", False), ("[^a]", False),
    ("(?i)a", False), ("(?s).", False), ("[[:alpha:]]", False), (r"\n", False), (r"\x0a", False),
    ("[\t-\r]", False), (r"\pN", False), (r"\Qa\E", False), ("(?=a)", False), ("(", False),
])
def test_line_local(pattern, local):
    assert line_local(pattern) is local


def test_a_text_holding_a_newline_is_searched_alone():
    texts = ["ab", "c\nd", "e"]
    lines = Lines(texts)
    assert not lines.usable
    regex = compile_pattern("d|e")
    assert [(h.index, h.text) for h in lines.each(regex, "d|e")] == [(1, "d"), (2, "e")]


@pytest.mark.parametrize("key", ["changji-city", "urumqi", "prefecture-2020", "center-2025",
                                 "other-provinces/jiangsu-high-court-2018-budget.txt",
                                 "other-provinces/shanghai-putuo-social-work-dept-2024-final-accounts.txt"])
def test_the_packs_patterns_agree_on_the_corpus(key):
    """Every title and name pattern the built-in packs detect with, over real documents."""
    from conftest import corpus_path

    from budgetlint.core.detect import builtin_candidates, source_texts
    from budgetlint.core.profile import builtin_profile
    from budgetlint.ingest import load_path

    texts = [t for _, t in source_texts(load_path(str(corpus_path(key))))]
    lines = Lines(texts)
    assert lines.usable
    patterns = []
    for profile in [builtin_profile("core"), *builtin_candidates().values()]:
        for section in ("document_kinds", "document_levels"):
            patterns += [p for entry in profile.section(section) or () for p in entry.get("titles") or ()]
        spec = profile.section("detect") or {}
        names = [p for k in ("names", "places") for p in spec.get(k) or ()]
        if names:
            patterns.append("|".join(f"(?:{p})" for p in names))
    assert patterns and all(line_local(p) for p in patterns)  # else the fast way is never taken
    for pattern in patterns:
        regex = compile_pattern(pattern)
        expected = list(per_line(regex, texts))
        assert [(h.index, h.start, h.text) for h in lines.each(regex, pattern)] == expected
