"""The finding's table kind is looked up in per-document indexes (one walk of the tree
per document, not one per finding): the same answers as a scan in reading order."""

from __future__ import annotations

from budgetlint.core.model import Document, PerfTable, Section, Table
from budgetlint.rules.base import table_kind
from conftest import parsed


def _scan(doc: Document, label, line):
    """The lookup as a linear scan of the tree, the reference."""
    tables = [n for n in doc.walk() if isinstance(n, (Table, PerfTable))]
    if label:
        for t in tables:
            if isinstance(t, Table) and t.number_text and (label == t.number_text or label.startswith(t.number_text + " ")):
                return t.role
    for t in tables:
        if t.line <= line <= t.end_line:
            return t.role if isinstance(t, Table) else f"perf-{t.kind}"
    return None


def _table(number: str, role: str, line: int) -> Table:
    return Table(number=0, number_text=number, title=role, role=role, line=line, end_line=line + 5)


def test_first_table_of_a_number_and_only_before_a_space():
    doc = Document("x.txt", "pdf-text", "t", children=[
        Section("part", 0, "第二部分", "公开表", 1, children=[
            _table("表1", "summary", 10), _table("表10", "three-public", 20), _table("表1", "income", 30),
        ]),
    ])
    assert doc.table_numbered("表1").role == "summary"  # the first of two
    assert doc.table_numbered("表1 收入").role == "summary"
    assert doc.table_numbered("表10").role == "three-public"  # not 表1's prefix
    assert doc.table_numbered("表10 支出").role == "three-public"
    assert doc.table_numbered("表1x") is None and doc.table_numbered("") is None
    for label in ("表1", "表10 x", "表1x", "", None):
        for line in (5, 12, 22, 33, 99):
            assert table_kind(doc, label, line) == _scan(doc, label, line)


def test_corpus_lookups_agree_with_the_scan():
    for key in ("changji-city", "center-2025"):
        doc = parsed(key)
        labels = [None, "表1"] + [t.number_text + s for t in doc.tables() for s in ("", " 支出", "x")]
        last = max(t.end_line for t in doc.table_nodes())
        for label in labels:
            for line in range(0, last + 3, 11):
                assert table_kind(doc, label, line) == _scan(doc, label, line), (key, label, line)

