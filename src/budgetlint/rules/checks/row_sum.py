"""row-sum: figures that a table's template says add up, within one row or one column.

The relations are the pack's, not the code's. ``columns`` relations hold in every
row (合计 = 基本支出 + 项目支出; 合计 = 人员经费 + 公用经费; 财政拨款小计 = its sources);
``rows`` relations hold in every column (三公 合计 = 因公出国（境）费 + 公务接待费 +
公务用车购置及运行费; 公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费). Each
side of a relation is a pattern (see ``rules/tables.py``); a relation whose total or
any part the table does not have is skipped there, since templates differ by year.

Relation: ``{total: PATTERN, parts: [PATTERN, ...], optional: [PATTERN, ...]}``;
``optional`` parts are added when present and ignored when absent.

Message fields: detail, table, row, column, computation.
"""

from __future__ import annotations

from typing import Iterator, Optional

from budgetlint.core.i18n import Joined, phrase
from budgetlint.core.finding import Finding
from budgetlint.core.figures import pattern_text
from budgetlint.core.model import Document, Row
from budgetlint.core.patterns import search
from budgetlint.rules.base import Rule, severity_problem
from budgetlint.rules.tables import Block, SELECT_PATTERNS, SELECT_TABLES, block_places, blocks, judge_column, judge_figures, row_label, select_tables, sum_finding

NAME = "row-sum"
READS = ("tables",)
PARAMS = {
    "columns": (list, []),
    "rows": (list, []),
    "sides": (list, None),  # for two-sided tables: ["expenditure"]
    "places": (int, None),
    "tolerance": (float, None),
    "rounding_severity": (str, "info"),
}
SELECT = dict(SELECT_TABLES)
PATTERNS = (*SELECT_PATTERNS, *(f"params.{k}[].{p}" for k in ("columns", "rows") for p in ("total", "parts", "optional")))
FIELDS = ("detail", "table", "row", "column", "computation")  # what a message template may name
DEFAULT_ROLES = ()  # every table: the relations say where they apply


def validate(key: str, value) -> Optional[str]:
    if key == "rounding_severity":
        return severity_problem(value)
    if key in ("columns", "rows"):
        for i, rel in enumerate(value):
            if not isinstance(rel, dict) or not isinstance(rel.get("total"), str):
                return f"relation {i + 1}: needs total: PATTERN"
            if not isinstance(rel.get("parts"), list) or not rel["parts"] or not all(isinstance(p, str) for p in rel["parts"]):
                return f"relation {i + 1}: needs parts: [PATTERN, ...]"
            if not all(isinstance(p, str) for p in rel.get("optional", []) or []):
                return f"relation {i + 1}: optional must be a list of patterns"
            extra = set(rel) - {"total", "parts", "optional"}
            if extra:
                return f"relation {i + 1}: unknown key {sorted(extra)[0]!r} (total, parts, optional)"
    if key == "sides" and value is not None and not set(value) <= {"income", "expenditure"}:
        return "sides are income and/or expenditure"
    return None


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    sides = rule.params.get("sides")
    for table in select_tables(doc, rule.select, DEFAULT_ROLES):
        for block in blocks(table, sides=sides if sides else None):
            yield from _columns(doc, rule, block)
            yield from _rows(doc, rule, block)


def _pick(names: list, relation: dict) -> Optional[tuple]:
    """(total, [parts]) of the relation among ``names`` (each used once), or None when
    the table lacks the total or a required part."""
    # each name normalised once for all the relation's patterns (``matches`` per pair
    # normalised it once per pattern)
    texts = [pattern_text(name if isinstance(name, str) else name.name) for name in names]
    total = _first_unused(names, texts, relation["total"], set())
    if total is None:
        return None
    chosen = {id(total)}
    parts = []
    for pattern in relation["parts"]:
        found = _first_unused(names, texts, pattern, chosen)
        if found is None:
            return None
        chosen.add(id(found))
        parts.append(found)
    for pattern in relation.get("optional", []) or []:
        found = _first_unused(names, texts, pattern, chosen)
        if found is not None:
            chosen.add(id(found))
            parts.append(found)
    return total, parts


def _first_unused(names: list, texts: list[str], pattern: str, chosen: set):
    """The first of ``names`` not chosen yet whose normalised text (``texts``) the
    pattern finds, as ``tables.matches`` decides it."""
    for name, text in zip(names, texts):
        if id(name) not in chosen and (not pattern or search(pattern, text)):
            return name
    return None


def _columns(doc: Document, rule: Rule, block: Block) -> Iterator[Finding]:
    keys = block.column_keys()
    places = block_places(doc, block)
    for relation in rule.params.get("columns") or []:
        picked = _pick(keys, relation)
        if picked is None:
            continue
        total, parts = picked
        for row in block.rows:
            free = _placement_free(row, total, parts)
            if any(k in row.ambiguous for k in (total, *parts)) and not free:
                continue
            j = judge_figures(row.values.get(total), [row.values.get(p) for p in parts], rule, places)
            if j is None:
                continue
            label = row_label(row)
            what = _relation_text(total, parts, row) if j.verdict.status != "rounding" else phrase("sum.rounding")
            if row.ambiguous:
                what = Joined((what, phrase("row-sum.either", columns="/".join(row.ambiguous))), sep="report.sep.none")
            yield rule.finding(
                doc, row.line, severity=j.severity, msg="row-sum.columns", words={"what": what},
                table=block.label, row=label, column=total, computation=j.computation,
                expected=j.verdict.computed, actual=j.verdict.stated,
                end_line=row.end_line, page=row.page,
            )


def _placement_free(row: Row, total: str, parts: list[str]) -> bool:
    """Whether the row's sum is the same under every placement the reader left open.

    PDF text drops empty cells, so the reader may not know which column a figure stands
    in (``Row.ambiguous``). When the total's own cell is certain, every undecided cell
    is one of the parts and the figures themselves are certain, the parts hold the same
    figures whatever the placement, and so the same sum: urumqi 表5 prints
    ``208 07 04 社会保险补贴 3900 8146.57``, wrong whichever column 8146.57 stands in."""
    if not row.ambiguous or row.figures_uncertain or total in row.ambiguous:
        return False
    # Moving a figure between columns changes two of them; a single undecided column
    # means the figure itself varies, which no placement argument covers.
    return len(row.ambiguous) >= 2 and set(row.ambiguous) <= set(parts)


def _relation_text(total: str, parts: list[str], row: Row) -> str:
    # name only the parts this row fills (a template's empty columns are noise), or all
    # of them where the reader could not tell which ones the row fills
    shown = parts if row.ambiguous else [p for p in parts if row.values.get(p) is not None] or parts[:1]
    return f"{total} ≠ {' + '.join(shown)}"


def _rows(doc: Document, rule: Rule, block: Block) -> Iterator[Finding]:
    keys = block.column_keys()
    places = block_places(doc, block)
    for relation in rule.params.get("rows") or []:
        picked = _pick(list(block.rows), relation)
        if picked is None:
            continue
        total, parts = picked
        # Columns that repeat the same figures (合计 and 一般公共预算 of a 三公 table
        # paid wholly from the general budget) show one difference: one finding.
        same: dict[tuple, list] = {}
        for key in keys:
            j = judge_column(total, parts, key, rule, places)
            if j is not None:
                same.setdefault((j.severity, j.computation), []).append((key, j))
        for group in same.values():
            key, j = group[0]
            yield sum_finding(doc, rule, block, total, total.name, key, parts, j, "sum.items",
                              columns=[k for k, _ in group])
