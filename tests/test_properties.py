"""Any text, any bytes: a tree or a clean InputError, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.parse import parse_source
from budgetlint.readers.failed import READER_FAILED
from budgetlint.ingest import InputError, load_bytes, load_text
from budgetlint.core.model import Document

# Lines shaped like disclosure lines, so the grammar's interesting paths are reached.
_FRAGMENTS = [
    "第一部分 概况", "第二部分 公开表", "第三部分 情况说明", "目 录", "表 1", "表三：", "表7",
    "部门收支总体情况表", "一般公共预算支出情况表", "编制部门：某局 单位：万元", "单位：万元",
    "备注：无内容", "一、关于收入", "（二）结构", "1. 项目名称：就业补助", "(3) 其他",
    "208 01 01 行政运行 592.83 592.83", "合 计 5743.77 927.02", "20", "8", "01 99",
    "14,064.5", "5", "项 目 支 出 绩 效 目 标 表", "一级指标 二级指标", "产出指标 数量指标 ≥5000 10",
    "| 208 | 01 | 行政运行 | 1.00 |", "|---|---|", "| <b>合计</b> | 2<br>3 |", "\t208", "\t行政运行",
    "第四部分 名词解释", "指标 4：失业率", "收入预算 540 万元，其中：", "占 70.65%，增长 437.35%。",
]

lines = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=40), st.just(""), st.just(" 第二页")),
    max_size=60,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines, st.sampled_from([None, "pdf-text", "word-text", "markdown"]))
def test_any_text_parses_to_a_tree(parts, form):
    text = "\n".join(parts)
    try:
        source = load_text(text, "prop.txt", form)
    except InputError:
        return
    doc = parse_source(source)
    assert isinstance(doc, Document)
    crashed = [u.diagnostic for u in doc.unparsed() if u.diagnostic.startswith(READER_FAILED)]
    assert not crashed
    # Every node points at a line of the input.
    # A lone carriage return ends a line too, as in editors.
    n_lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for node in doc.walk():
        line = getattr(node, "line", 1)
        assert 1 <= line <= n_lines


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_tree_or_a_clean_error(data):
    try:
        source = load_bytes(data, "prop.bin")
    except InputError as exc:
        assert str(exc).startswith("prop.bin: ") and "\n" not in str(exc)
        return
    assert isinstance(parse_source(source), Document)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=3000))
def test_any_unicode_text_parses(text):
    try:
        source = load_text(text, "u.txt")
    except InputError:
        return
    assert isinstance(parse_source(source), Document)
