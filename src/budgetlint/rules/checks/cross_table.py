"""cross-table: the same figure printed in two tables agrees.

Each pair names two places by table role (and side), row and column::

    pairs:
      - left:  {role: gpb-basic, code: "30217"}                 # 表6 公务接待费 row
        right: {role: three-public, row: "^公务接待费$", column: "^合计$"}
      - left:  {role: summary, side: expenditure}
        right: {role: expenditure, column: "^合计$"}
        by_code: 1                                             # every 类 row, matched by code

A place's ``row`` is a name pattern, ``@total`` (the default: the table's 合计 row)
or ``@only`` (the one row that carries figures: a one-row table); ``code`` picks a
row by classification code instead. ``column`` is a pattern or a list of patterns
tried in order; without it, the first figure column. With ``by_code: N`` every row of
code level N is compared with the row of the same code in the other table (rows
repeating a code, like 表7's projects, are added up). Where a table, row or column
is not there the pair is skipped: required-content reports missing tables.

The finding stands at the left place, the right one is related.
Message fields: detail, left, right, computation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from budgetlint.core.arith import half_unit, shifted, wan_shift
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document, Row, Table
from budgetlint.rules.base import Rule, severity_problem
from budgetlint.rules.tables import Block, block_places, blocks, cell_text, find_column, judge, matches

NAME = "cross-table"
READS = ("tables",)
PARAMS = {
    "pairs": (list, []),
    "places": (int, None),
    "tolerance": (float, None),
    "rounding_severity": (str, "info"),
}
SELECT: dict = {}
PATTERNS = tuple(f"params.pairs[].{side}.{key}" for side in ("left", "right") for key in ("row", "column"))
FIELDS = ("detail", "left", "right", "computation")  # what a message template may name
PLACE_KEYS = {"role", "side", "row", "code", "column"}


def validate(key: str, value) -> Optional[str]:
    if key == "rounding_severity":
        return severity_problem(value)
    if key != "pairs":
        return None
    for i, pair in enumerate(value):
        if not isinstance(pair, dict) or set(pair) - {"left", "right", "by_code", "name"}:
            return f"pair {i + 1}: keys are left, right, by_code, name"
        for side in ("left", "right"):
            place = pair.get(side)
            if not isinstance(place, dict) or not isinstance(place.get("role"), str):
                return f"pair {i + 1}: {side} needs role: TABLE-ROLE"
            if set(place) - PLACE_KEYS:
                return f"pair {i + 1}: {side}: unknown key {sorted(set(place) - PLACE_KEYS)[0]!r}"
            col = place.get("column")
            if col is not None and not isinstance(col, (str, list)):
                return f"pair {i + 1}: {side}: column is a pattern or a list of patterns"
        if "by_code" in pair and (not isinstance(pair["by_code"], int) or isinstance(pair["by_code"], bool)):
            return f"pair {i + 1}: by_code is a code level (1 类, 2 款, 3 项)"
    return None


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    tables = doc.tables()  # once, not a walk of the tree per side of every pair
    precision: dict[tuple[int, Optional[str]], int] = {}  # a block's places, once per block

    def places_of(block: Block) -> int:
        key = (id(block.table), block.side)
        if key not in precision:
            precision[key] = block_places(doc, block)
        return precision[key]

    for pair in rule.params.get("pairs") or []:
        left, right = _block(tables, pair["left"]), _block(tables, pair["right"])
        if left is None or right is None:
            continue
        lkey, rkey = _column(left, pair["left"]), _column(right, pair["right"])
        if lkey is None or rkey is None:
            continue
        places = (places_of(left), places_of(right))
        if "by_code" in pair:
            yield from _by_code(doc, rule, pair["by_code"], left, lkey, right, rkey, places)
            continue
        lrow, rrow = _row(left, pair["left"]), _row(right, pair["right"])
        if lrow is None or rrow is None:
            continue
        yield from _compare(doc, rule, left, [lrow], lkey, right, [rrow], rkey, places)


def _block(tables: list[Table], place: dict) -> Optional[Block]:
    for table in tables:
        if table.role != place["role"]:
            continue
        if table.unparsed:
            return None  # rows were lost: a missing figure would be our miss, not theirs
        side = place.get("side")
        for block in blocks(table, sides=[side] if side else None):
            return block
    return None


def _column(block: Block, place: dict) -> Optional[str]:
    keys = block.column_keys()
    patterns = place.get("column")
    if patterns is None:
        return find_column(keys, None)
    for pattern in [patterns] if isinstance(patterns, str) else patterns:
        key = find_column(keys, pattern)
        if key is not None:
            return key
    return None


def _row(block: Block, place: dict) -> Optional[Row]:
    if place.get("code"):
        return next((r for r in block.rows if r.code == str(place["code"])), None)
    pattern = place.get("row", "@total")
    if pattern == "@total":
        totals = [r for r in block.rows if r.kind == "total"]
        return totals[-1] if block.side and totals else (totals[0] if totals else None)
    if pattern == "@only":
        filled = [r for r in block.rows if any(v is not None for v in r.values.values())]
        return filled[0] if len(filled) == 1 else None
    return next((r for r in block.rows if r.kind != "total" and matches(pattern, r.name)), None)


def _label(block: Block, rows: list[Row], key: str) -> str:
    row = rows[0]
    code = " ".join(row.code_parts)
    name = f"{code} {row.name}".strip()
    # the rows of one code, summed: a count and a sign, the same in every language
    more = f" (+{len(rows) - 1})" if len(rows) > 1 else ""
    return f"{block.label} {name}{more} [{key}]"


def _compare(doc, rule, left: Block, lrows, lkey, right: Block, rrows, rkey, places) -> Iterator[Finding]:
    if any(lkey in r.ambiguous for r in lrows) or any(rkey in r.ambiguous for r in rrows):
        return
    # Tables in 元 and in 万元 (Shanghai) are compared in 万元, each figure exactly.
    lshift = wan_shift(left.table.unit, "万元") if left.table.unit != right.table.unit else 0
    rshift = wan_shift(right.table.unit, "万元") if left.table.unit != right.table.unit else 0
    lvals = [shifted(r.values.get(lkey), lshift) for r in lrows]
    rvals = [shifted(r.values.get(rkey), rshift) for r in rrows]
    places = (places[0] - lshift, places[1] - rshift)
    if all(v is None for v in lvals + rvals):
        return
    stated = sum((v for v in lvals if v is not None), Decimal(0)) if len(lrows) > 1 else lvals[0]
    if (lshift or rshift) and _rounds_to(stated, lshift, sum((v for v in rvals if v is not None), Decimal(0)), rshift):
        return
    j = judge(stated, rvals, rule, places[0], parts_places=places[1])
    if j.severity is None:
        return
    lname, rname = _label(left, lrows, lkey), _label(right, rrows, rkey)
    shown_r = j.verdict.computed
    computation = f"{stated if stated is not None else 0} {'=' if stated == shown_r else '≠'} {shown_r}"
    yield rule.finding(
        doc, lrows[0].line, severity=j.severity,
        related=tuple(Related(r.line, f"{right.label} {r.name} {cell_text(rule, r.values.get(rkey))}") for r in rrows),
        msg="cross-table.rounding" if j.verdict.status == "rounding" else "cross-table.differs", left=lname, right=rname, computation=computation,
        expected=shown_r, actual=stated if stated is not None else 0,
        end_line=lrows[0].end_line, page=lrows[0].page,
    )


def _rounds_to(left: Optional[Decimal], lshift: int, right: Decimal, rshift: int) -> bool:
    """The 万元 figure is the 元 figure rounded to its printed places: the same money."""
    left = left if left is not None else Decimal(0)
    wan, yuan = (right, left) if lshift else (left, right)
    return abs(wan - yuan) <= half_unit(wan)


def _coded(block: Block, level: int) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for row in block.rows:
        if row.code and row.kind not in ("total", "subtotal") and len(row.code_parts or ()) == level:
            out.setdefault(row.code, []).append(row)
    return out


def _by_code(doc, rule, level: int, left: Block, lkey, right: Block, rkey, places) -> Iterator[Finding]:
    lrows, rrows = _coded(left, level), _coded(right, level)
    if not lrows or not rrows:
        return
    for code, rows in lrows.items():
        if code in rrows:
            yield from _compare(doc, rule, left, rows, lkey, right, rrows[code], rkey, places)
        elif any(r.values.get(lkey) not in (None, Decimal(0)) and lkey not in r.ambiguous for r in rows):
            yield _missing(doc, rule, left, rows, lkey, right)
    for code, rows in rrows.items():
        if code not in lrows and any(r.values.get(rkey) not in (None, Decimal(0)) and rkey not in r.ambiguous for r in rows):
            yield _missing(doc, rule, right, rows, rkey, left)


def _missing(doc, rule, block: Block, rows: list[Row], key: str, other: Block) -> Finding:
    value = sum((r.values.get(key) or Decimal(0) for r in rows), Decimal(0))
    name = _label(block, rows, key)
    computation = f"{value} ≠ 0"
    return rule.finding(
        doc, rows[0].line, msg="cross-table.no-row", words={"value": value},
        left=name, right=other.label, computation=computation, expected=0, actual=value,
        end_line=rows[0].end_line, page=rows[0].page,
    )
