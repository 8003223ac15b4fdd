"""balance: the two sides of a 收支总体 table agree, and each side adds up.

- 收入总计 = 支出总计 (the first figure column of each side's total row).
- Income side: where rows are numbered (一、 / 1. / unnumbered 其中 items), every
  numbered row equals the sum of the rows under it, and 收入总计 the 一、/二、 rows.
  Without numbering the hierarchy is not in the text (indentation is lost), so only
  a 小计 row is checked: 总计 = 小计 + the rows between them.
- Expenditure side: the 类 rows add up to the first 小计/合计 row below them (per
  column), and the side's total to that row plus the rows between them.

Message fields: detail, table, row, column, computation.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from budgetlint.core.finding import Finding, Related
from budgetlint.core.figures import pattern_text
from budgetlint.core.model import Document, Row
from budgetlint.rules.base import Rule, validate_rounding_severity
from budgetlint.rules.tables import Block, SELECT_PATTERNS, SELECT_TABLES, add_child, block_places, blocks, judge_column, judge_figures, select_tables, sum_finding

NAME = "balance"
READS = ("tables",)
PARAMS = {
    "equal_totals": (bool, True),
    "income_items": (bool, True),
    "expenditure_items": (bool, True),
    "places": (int, None),
    "tolerance": (float, None),
    "rounding_severity": (str, "info"),
}
SELECT = dict(SELECT_TABLES)
PATTERNS = SELECT_PATTERNS
FIELDS = ("detail", "table", "row", "column", "computation")  # what a message template may name
DEFAULT_ROLES = ("summary", "fiscal-summary")

_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"^\d+[.、]")
_SUBTOTAL = re.compile(r"^(小计|本年收入合计|本年支出合计|收入合计|支出合计|合计)$")


validate = validate_rounding_severity


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    for table in select_tables(doc, rule.select, DEFAULT_ROLES):
        if table.unparsed:
            continue  # a lost row would make a side look unbalanced
        sides = {b.side: b for b in blocks(table) if b.side}
        income, spend = sides.get("income"), sides.get("expenditure")
        if rule.params["equal_totals"] and income and spend:
            yield from _equal_totals(doc, rule, income, spend)
        if rule.params["income_items"] and income:
            yield from _income(doc, rule, income)
        if rule.params["expenditure_items"] and spend:
            yield from _expenditure(doc, rule, spend)


def _final_total(block: Block) -> Optional[Row]:
    """The side's 总计: named so, else the last total row (Jiangsu's 收入合计 comes
    after 当年收入小计 and 上年结转资金)."""
    totals = [r for r in block.rows if r.kind == "total"]
    named = [r for r in totals if "总计" in pattern_text(r.name)]
    return (named or totals or [None])[-1]


def _equal_totals(doc: Document, rule: Rule, income: Block, spend: Block) -> Iterator[Finding]:
    a, b = _final_total(income), _final_total(spend)
    ka, kb = income.column_keys(), spend.column_keys()
    if a is None or b is None or not ka or not kb:
        return
    if ka[0] in a.ambiguous or kb[0] in b.ambiguous:
        return
    va, vb = a.values.get(ka[0]), b.values.get(kb[0])
    if va is None or vb is None:
        return  # a total with no figure read (a merged cell in the PDF) is not a zero
    j = judge_figures(va, [vb], rule, max(block_places(doc, income), block_places(doc, spend)))
    if j is None:
        return
    computation = f"{a.name} {va} {'=' if va == vb else '≠'} {b.name} {vb}"
    yield rule.finding(
        doc, a.line, severity=j.severity, related=(Related(b.line, f"{b.name} {vb}"),),
        msg="balance.rounding" if j.verdict.status == "rounding" else "balance.totals", table=income.table.number_text,
        row=a.name, column=ka[0], computation=computation, expected=vb, actual=va, page=a.page,
    )


def _sum_check(doc, rule, block: Block, parent: Row, kids: list[Row], what: str) -> Iterator[Finding]:
    places = block_places(doc, block)
    for key in block.column_keys():
        j = judge_column(parent, kids, key, rule, places)
        if j is not None:
            yield sum_finding(doc, rule, block, parent, parent.name, key, kids, j, what)


def _level(row: Row) -> int:
    if row.kind == "total":
        return 0
    name = pattern_text(row.name)
    if _LEVEL1.match(name):
        return 1
    if _LEVEL2.match(name):
        return 2
    return 3


def _income(doc: Document, rule: Rule, block: Block) -> Iterator[Finding]:
    rows = [r for r in block.rows if pattern_text(r.name) or any(v is not None for v in r.values.values())]
    numbered = any(_level(r) in (1, 2) for r in rows)
    if not numbered:
        yield from _subtotal_chain(doc, rule, block, rows)
        return
    children: dict[int, list[Row]] = {}
    order: list[Row] = []
    stack: list[Row] = []
    for row in rows:
        if row.kind == "total":
            break
        level = _level(row)
        while stack and _level(stack[-1]) >= level:
            stack.pop()
        if stack:
            add_child(children, order, stack[-1], row)
        stack.append(row)
    for parent in order:
        yield from _sum_check(doc, rule, block, parent, children[id(parent)], "sum.items")
    total = _final_total(block)
    if total is not None:
        tops = [r for r in rows if _level(r) == 1] or [r for r in rows if _level(r) == 2]
        if tops:
            yield from _sum_check(doc, rule, block, total, tops, "sum.items")


def _subtotal_chain(doc: Document, rule: Rule, block: Block, rows: list[Row]) -> Iterator[Finding]:
    """总计 = 小计 + the rows between them (上年结余, 结转下年...)."""
    total = _final_total(block)
    if total is None:
        return
    index = rows.index(total) if total in rows else len(rows)
    subs = [i for i, r in enumerate(rows[:index]) if _SUBTOTAL.match(pattern_text(r.name))]
    if not subs:
        return
    sub = subs[-1]
    between = [r for r in rows[sub + 1:index] if r.kind != "total"]
    yield from _sum_check(doc, rule, block, total, [rows[sub], *between], "sum.subtotal-after")


def _expenditure(doc: Document, rule: Rule, block: Block) -> Iterator[Finding]:
    rows = block.rows
    coded = [i for i, r in enumerate(rows) if r.code and r.kind not in ("total", "subtotal")]
    if not coded:
        return
    top_len = min(len(rows[i].code) for i in coded)
    classes = [rows[i] for i in coded if len(rows[i].code) == top_len]
    after = rows[coded[-1] + 1:]
    target = next((r for r in after if _SUBTOTAL.match(pattern_text(r.name)) or r.kind == "total"), None)
    if target is None:
        return
    yield from _sum_check(doc, rule, block, target, classes, "sum.classes")
    total = _final_total(block)
    if total is not None and total is not target:
        start, end = rows.index(target), rows.index(total)
        between = [r for r in rows[start + 1:end] if r.kind != "total"]
        yield from _sum_check(doc, rule, block, total, [target, *between], "sum.subtotal-after")
