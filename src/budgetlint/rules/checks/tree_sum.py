"""tree-sum: a classification parent row equals the sum of its children, per column.

A 类 row totals its 款 rows, a 款 row its 项 rows, and the 合计/总计 row the top-level
rows (or, where the table names its units in subtotal rows, the subtotals, each of
which totals the rows under it). Parents are found by code prefix, so a 表7 with three
projects under one 项 code, or a 表6 whose 款 rows print a bare ``01``, read right.

Message fields: detail, table, row, column, computation.
"""

from __future__ import annotations

from typing import Iterator, Optional

from budgetlint.core.finding import Finding
from budgetlint.core.figures import pattern_text
from budgetlint.core.model import TWO_SIDED, Document, Row
from budgetlint.rules.base import Rule, validate_rounding_severity
from budgetlint.rules.tables import (
    SELECT_PATTERNS, SELECT_TABLES, Block, add_child, block_places, blocks, judge_column, judge_figures, matches, row_label,
    select_tables, sum_finding,
)

NAME = "tree-sum"
READS = ("tables",)
PARAMS = {
    "totals": (bool, True),  # also check the 合计 row against the top-level rows
    "columns": (str, None),  # only columns whose key this pattern finds
    "places": (int, None),  # printed precision override
    "tolerance": (float, None),  # a fixed tolerance instead of interval arithmetic
    "rounding_severity": (str, "info"),
}
SELECT = dict(SELECT_TABLES)
PATTERNS = (*SELECT_PATTERNS, "params.columns")
FIELDS = ("detail", "table", "row", "column", "computation")  # what a message template may name
# Every table whose rows carry codes, whatever its kind (an unknown one included),
# except the two-sided totals tables: ``balance`` adds up their sides.
DEFAULT_ROLES: tuple[str, ...] = ()


validate = validate_rounding_severity


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    for table in select_tables(doc, rule.select, DEFAULT_ROLES):
        if table.role in TWO_SIDED and not rule.select.get("roles"):
            continue
        if table.unparsed:
            continue  # a row the reader lost would read as a wrong parent: say nothing
        for block in blocks(table):
            yield from _check_block(doc, rule, block)


def family(rows: list[Row]) -> list[tuple[Row, list[Row]]]:
    """Every parent row with its children, in table order.

    A coded row's parent is the nearest row above it whose code is a proper prefix
    of its own; a subtotal row (the unit's name) starts a new group whose top-level
    rows it totals; a total row totals the subtotals, or the top-level rows."""
    children: dict[int, list[Row]] = {}
    order: list[Row] = []
    stack: list[Row] = []
    subtotals: list[Row] = []
    tops: list[Row] = []
    current_sub: Optional[Row] = None
    for row in rows:
        if row.kind == "subtotal" and pattern_text(row.name) in ("小计", "合计"):
            continue  # a 小计 closes rows above it; only a unit's own row heads a group
        if row.kind == "subtotal":
            current_sub = row
            subtotals.append(row)
            stack = []
            continue
        if not row.code:
            continue
        while stack and not (row.code.startswith(stack[-1].code) and len(stack[-1].code) < len(row.code)):
            stack.pop()
        if stack:
            add_child(children, order, stack[-1], row)
        else:
            tops.append(row)
            if current_sub is not None:
                add_child(children, order, current_sub, row)
        stack.append(row)
    out = [(p, children[id(p)]) for p in order]
    totals = [r for r in rows if r.kind == "total"]
    for total in totals:
        members = subtotals if subtotals else tops
        if members:
            out.append((total, members))
    return out


def _check_block(doc: Document, rule: Rule, block: Block) -> Iterator[Finding]:
    places = block_places(doc, block)
    keys = [k for k in block.column_keys() if matches(rule.params.get("columns"), k)]
    families = [(p, kids) for p, kids in family(block.rows)
                if not (p.kind == "total" and not rule.params.get("totals", True))]
    judged = {}
    for parent, kids in families:
        for key in keys:
            if key in parent.values:  # else the row has no such column (a side without it)
                judged[(id(parent), key)] = judge_column(parent, kids, key, rule, places)
    for parent, kids in families:
        # Columns that repeat the same figures (表6 301 prints 846.55 under both 合计 and
        # 人员经费) show one difference, not two: one finding names all of them.
        same: dict[tuple, list] = {}
        for key in keys:
            j = judged.get((id(parent), key))
            if j is None or _follows_from_a_child(parent, kids, key, judged, rule, places):
                continue
            same.setdefault((j.severity, j.computation), []).append((key, j))
        for group in same.values():
            key, j = group[0]
            yield sum_finding(
                doc, rule, block, parent, row_label(parent), key, kids, j, "sum.rows",
                columns=[k for k, _ in group],
            )


def _follows_from_a_child(parent: Row, kids: list[Row], key: str, judged: dict, rule: Rule, places) -> bool:
    """Whether ``parent``'s error in ``key`` is only the echo of a child's: with every
    erring child taken at the sum of its own rows, the parent adds up. Then the child is
    the row to correct, and one finding says so (表7 prints 208 as 6.92 though its 款
    make 3131.16, and the 合计 3131.16 agrees with them)."""
    j = judged.get((id(parent), key))
    if j is None or j.verdict.status != "error":
        return False
    corrected, changed = [], False
    for kid in kids:
        kj = judged.get((id(kid), key))
        if kj is not None and kj.verdict.status == "error":
            corrected.append(kj.verdict.computed)
            changed = True
        else:
            corrected.append(kid.values.get(key))
    if not changed:
        return False
    again = judge_figures(parent.values.get(key), corrected, rule, places)
    return again is None or again.verdict.status != "error"
