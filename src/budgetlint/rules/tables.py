"""What the table checks share: choosing tables, rows and columns, and judging a sum.

Selection is by table role and title pattern, never by table number alone (the 2020
document numbers its tables 表一…表九 in another order). Row and column patterns are
regular expressions searched in the normalised name/key (spaces, markup and a leading
其中: removed), so a pack can say ``公务接待`` without knowing how a document spelled it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator, Optional, Sequence

from budgetlint.core.i18n import phrase
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Column, Document, Row, Table
from budgetlint.core.figures import pattern_text
from budgetlint.core.patterns import search
from budgetlint.core.arith import Verdict, compare, fmt, half_unit, show_sum, table_places
from budgetlint.rules.base import Rule, decimal_param

SELECT_TABLES = {"roles": (list, None), "title": (str, None)}
SELECT_PATTERNS = ("select.title",)  # where SELECT_TABLES holds a pattern (core.patterns)


def matches(pattern: Optional[str], text: str) -> bool:
    if not pattern:
        return True
    return search(pattern, pattern_text(text))


def select_tables(doc: Document, select: dict, default_roles: Sequence[str] = ()) -> list[Table]:
    roles = select.get("roles") or list(default_roles)
    title = select.get("title")
    out = []
    for table in doc.tables():
        if roles and table.role not in roles:
            continue
        if title and not matches(title, table.title):
            continue
        out.append(table)
    return out


@dataclass
class Block:
    """The rows of a one-sided table, or one side of a two-sided table."""

    table: Table
    side: Optional[str]
    rows: list[Row]
    columns: list[Column]

    @property
    def label(self) -> str:
        side = {"income": " 收入", "expenditure": " 支出"}.get(self.side or "", "")
        return f"{self.table.number_text}{side}"

    def column_keys(self) -> list[str]:
        keys = [c.key for c in self.columns]
        for row in self.rows:  # a reader that gave no columns still gave values
            keys.extend(k for k in row.values if k not in keys)
        return keys

    def places(self) -> int:
        return table_places(v for r in self.rows for v in r.values.values())


def block_places(doc: Document, block: Block) -> int:
    """``block.places()``, worked out once per block of the document: every table check
    (row_sum runs several times per document) asks for it."""
    if doc.readings is None:
        return block.places()
    # the rows list is the table's own (``blocks`` hands it over), alive with the document
    return doc.readings.memo(("tables.places", id(block.rows)), block.places)


def blocks(table: Table, sides: Optional[Iterable[str]] = None) -> Iterator[Block]:
    if table.rows or not table.sides:
        if sides is None or None in sides:
            yield Block(table, None, table.rows, table.columns)
    for side, rows in table.sides.items():
        if sides is None or side in sides:
            yield Block(table, side, rows, table.side_columns.get(side, []))


def find_column(keys: Sequence[str], pattern: Optional[str]) -> Optional[str]:
    """The first column key the pattern finds; without a pattern, the first column."""
    if not keys:
        return None
    if not pattern:
        return keys[0]
    for key in keys:
        if matches(pattern, key):
            return key
    return None


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    computation: str
    severity: Optional[str]  # None when the figures agree

    def what(self, error_key: str) -> str:
        """The catalogue key naming the difference: one rounding explains is a rounding
        difference (``sum.rounding``), an error is named in the check's own words."""
        return "sum.rounding" if self.verdict.status == "rounding" else error_key


def judge(
    stated: Optional[Decimal],
    parts: Sequence[Optional[Decimal]],
    rule: Rule,
    places: Optional[int],
    parts_places: Optional[int] = None,
) -> Judgement:
    """Stated total against the sum of its parts, as interval arithmetic decides it.

    An empty cell is an exact zero: it adds no rounding width (``half_unit(None)``).
    ``params.places`` and ``params.tolerance`` of the rule override the precision the
    table shows and the width rounding may explain. ``parts_places`` is the precision
    of the parts when they come from another table than the stated figure."""
    value, verdict, severity = _verdict(stated, parts, rule, places, parts_places)
    return Judgement(verdict, show_sum(value, parts, verdict.computed), severity)


def _verdict(
    stated: Optional[Decimal],
    parts: Sequence[Optional[Decimal]],
    rule: Rule,
    places: Optional[int],
    parts_places: Optional[int] = None,
) -> tuple[Decimal, Verdict, Optional[str]]:
    """``judge`` without the computation's text: (the stated value, the verdict, the
    severity or None when the figures agree)."""
    if rule.params.get("places") is not None:
        places = parts_places = rule.params["places"]
    elif parts_places is None:
        parts_places = places
    tolerance = decimal_param(rule.params.get("tolerance"))
    value = stated if stated is not None else Decimal(0)
    if tolerance is None:
        tolerance = (half_unit(stated, places) if stated is not None else Decimal(0)) + sum(
            (half_unit(p, parts_places) for p in parts), Decimal(0)
        )
    verdict = compare(value, parts, places=places, tolerance=tolerance)
    severity = None
    if verdict.status == "error":
        severity = rule.severity
    elif verdict.status == "rounding":
        severity = rule.params.get("rounding_severity") or "info"
    return value, verdict, severity


def judge_figures(
    stated: Optional[Decimal], parts: Sequence[Optional[Decimal]], rule: Rule, places: Optional[int]
) -> Optional[Judgement]:
    """``judge``, or None when there is nothing to report: no figure on either side
    (a template's empty row or column), or figures that agree. Most sums agree: the
    text of the computation is made only for one that does not."""
    if stated is None and all(p is None for p in parts):
        return None
    value, verdict, severity = _verdict(stated, parts, rule, places)
    if severity is None:
        return None
    return Judgement(verdict, show_sum(value, parts, verdict.computed), severity)


def judge_column(parent: Row, kids: Sequence[Row], key: str, rule: Rule, places: Optional[int]) -> Optional[Judgement]:
    """``parent``'s figure in column ``key`` against the sum of ``kids``' figures there,
    or None when there is nothing to report. A figure the reader could not place
    (``Row.ambiguous``) leaves nothing certain to say."""
    if ambiguous([parent, *kids], key):
        return None
    return judge_figures(parent.values.get(key), [k.values.get(key) for k in kids], rule, places)


def sum_finding(
    doc: Document, rule: Rule, block: Block, parent: Row, label: str, key: str, kids: Sequence[Row], j: Judgement, what: str,
    columns: Optional[Sequence[str]] = None,
) -> Finding:
    """The finding for a row that is not the sum of ``kids`` in column ``key``: at the
    row, each part row related with its figure. ``what`` is the catalogue key naming
    an error (``sum.rows``; a rounding difference is named as such); an empty stated
    cell is shown as the 0 it counts for. ``columns``: every column the same judgement
    holds for, when there are several."""
    shown = ", ".join(columns) if columns else key
    return rule.finding(
        doc,
        parent.line,
        severity=j.severity,
        related=tuple(Related(k.line, f"{k.name} {cell_text(rule, k.values.get(key))}") for k in kids),
        msg="sum.finding",
        words={"what": phrase(j.what(what))},
        table=block.label,
        row=label,
        column=shown,
        computation=j.computation,
        expected=j.verdict.computed,
        actual=j.verdict.stated,
        end_line=parent.end_line,
        page=parent.page,
    )


def cell_text(rule: Rule, value: Optional[Decimal]) -> str:
    """A cell's figure as a related line shows it; an empty cell is said so."""
    return str(value) if value else rule.say("cell.empty")


def row_label(row: Row) -> str:
    """A row as findings name it: its printed code parts, then its name (``208 01 01 行政运行``)."""
    return f"{' '.join(row.code_parts) + ' ' if row.code_parts else ''}{row.name}"


def add_child(children: dict[int, list[Row]], order: list[Row], parent: Row, child: Row) -> None:
    """Put ``child`` under ``parent``, keeping parents in the order first seen (table
    order). Keyed by identity: a Row is an unhashable dataclass, and two rows may be
    equal as data (two empty 小计 rows) yet be different parents."""
    if id(parent) not in children:
        children[id(parent)] = []
        order.append(parent)
    children[id(parent)].append(child)


def relation_text(stated: Optional[Decimal], other: Optional[Decimal]) -> str:
    """``87.73 ≠ 88.73`` for two figures that should be the same."""
    a, b = fmt(stated), fmt(other)
    return f"{a} {'=' if stated == other else '≠'} {b}"


def is_total(row: Row) -> bool:
    return row.kind == "total"


def ambiguous(rows: Iterable[Row], column: str) -> bool:
    return any(column in r.ambiguous for r in rows)
