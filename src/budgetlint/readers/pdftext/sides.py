"""Two-sided tables in PDF text (表1 部门收支总体情况表, 表4 财政拨款收支预算总体情况表).

Each line joins an income row (left) and an expenditure row (right):
``一、本年收入 4058.19 201 一般公共服务支出 5641.27``. The right side always opens
with a three-digit 功能分类 code, which is where a line is cut. The left side's names
are the profile's (``two_sided.income_names``); they tell a wrapped income name
(``国有资本经营预`` / ``算``) from the wrapped tail of an expenditure name (``出``), and
a tail glued to the next code (``支出208 社会保障和就业支出``) belongs to the right.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from budgetlint.core.figures import name_key, squeeze
from budgetlint.core.model import Line, Row, Table, Unparsed
from budgetlint.readers.pdftext.header import Templates, side_specs
from budgetlint.readers.pdftext.lines import is_figure, tail_figures
from budgetlint.readers.pdftext.placement import Problem, Sum
from budgetlint.core.profile import builtin_profile
from budgetlint.readers.pdftext.uncoded import SideNames, side_names, split_sides
from budgetlint.readers.pdftext.rows import RawRow, add_text, build_rows, leave_unread, figure_places, place_figures, readings, start_row

_EXP_CODE = re.compile(r"(?<![\d.,])(2\d\d)\s+(?=[^\d\s])")
_EXP_TOTAL = re.compile(r"支\s*出\s*总\s*计")
_INC_TOTAL = re.compile(r"收\s*入\s*总\s*计")
_SOURCES = ("一般公共预算", "政府性基金预算", "国有资本经营预算")


def _known_prefix(text: str, names: SideNames) -> bool:
    return bool(text) and any(n.startswith(text) for n in names.income_names)


def _body_start(lines: Sequence[Line]) -> int:
    for i, line in enumerate(lines):
        text = line.text
        if _EXP_CODE.search(text) or squeeze(text).startswith("一、") or any(is_figure(t) for t in text.split()):
            return i
    return len(lines)


def read_two_sided(lines: Sequence[Line], table: Table, undecided: frozenset[int] | set[int] = frozenset(),
                   names: Optional[SideNames] = None, known: Optional[Templates] = None) -> None:
    """``undecided``: lines holding figure pieces that could not be paired (``broken``);
    ``names``, ``known``: the profile's ``two_sided`` and column templates (core's by default)."""
    names = names or side_names(builtin_profile("core"))
    start = _body_start(lines)
    header = " ".join(line.text for line in lines[:start])
    body = list(lines[start:])
    coded = not body or any(_EXP_CODE.search(line.text) for line in body)
    specs = side_specs(table.role, header, printed_only=not coded, amounts=names.amounts, known=known)
    if specs is None:
        return
    places = figure_places(body)
    if not coded:
        # The sides are cut at the 功能分类 codes; a layout without them (Jiangsu's
        # 财政拨款收支预算总表, Shanghai's) is cut at its items' ordinals and totals.
        split, why = split_sides(body, places, names)
        if split is None:
            table.unparsed.append(Unparsed(body[0].lineno, body[-1].lineno, "",
                                           f"two-sided table without 功能分类 codes, {why}"))
            return
        income, spend = split
        for side, raw_rows in (("income", income), ("expenditure", spend)):
            if max((len(r.figures) for r in raw_rows), default=0) > len(specs[side].columns):
                # more figures than the header names legibly (cells wrapped one
                # syllable a line): the template's columns, as for a coded table
                specs[side] = side_specs(table.role, header, known=known)[side]
    else:
        income, spend = _cut_at_codes(body, places, names)
    table.side_columns = {side: spec.columns for side, spec in specs.items()}
    sides = {}
    for side, raw_rows in (("income", income), ("expenditure", spend)):
        spec = specs[side]
        keys = [c.key for c in spec.columns]
        rows = build_rows(raw_rows)
        if side == "income":
            for row in rows:
                row.level = 0 if row.kind == "total" else None
        total = next((j for j, r in enumerate(rows) if r.kind == "total"), None)
        coded = tuple(j for j, r in enumerate(rows) if r.code_parts)
        sums = [Sum(total, coded)] if total is not None and coded and side == "expenditure" else []
        fixed = _source_totals(sides.get("income", []), total, keys) if side == "expenditure" else []
        problem = Problem(
            keys=keys, readings=[readings(r) for r in raw_rows], row_sums=spec.row_sums, sums=sums, fixed=fixed
        )
        place_figures(rows, raw_rows, problem, table, what=f"{side} row")
        leave_unread(rows, raw_rows, set(undecided), table, keys)
        sides[side] = rows
    table.sides = sides
    table.rows = []


def _cut_at_codes(body: Sequence[Line], places: int, names: SideNames) -> tuple[list[RawRow], list[RawRow]]:
    income: list[RawRow] = []
    spend: list[RawRow] = []
    for i, line in enumerate(body):
        text = line.text.strip()
        nxt = body[i + 1].text if i + 1 < len(body) else ""
        if not text:
            continue
        totals = _EXP_TOTAL.search(text)
        if totals or _INC_TOTAL.search(text):
            cut = totals.start() if totals else len(text)
            if text[:cut].strip():
                start_row(income, line, text[:cut], nxt, places, total=True)
            if text[cut:].strip():
                start_row(spend, line, text[cut:], nxt, places, total=True)
            continue
        match = _EXP_CODE.search(text)
        left = text[: match.start()] if match else text
        if left.strip():
            if match and not left[-1].isspace() and spend:
                add_text(spend[-1], line, left, nxt, places)  # "支出208 …": tail of the row above
            else:
                _left_piece(income, spend, line, left, nxt, places, has_right=bool(match), names=names)
        if match:
            start_row(spend, line, text[match.end(1):], nxt, places, code=match.group(1))
    return income, spend


def _left_piece(income: list[RawRow], spend: list[RawRow], line: Line, text: str, nxt: str,
                places: int, has_right: bool, names: SideNames) -> None:
    head, figures = tail_figures(text, nxt)
    piece = name_key(head)
    pending: Optional[RawRow] = income[-1] if income and not income[-1].figures and not income[-1].total else None
    if pending is not None and pending.name not in names.income_names and _known_prefix(pending.name + piece, names):
        pending.lines.append(line)
        add_text(pending, line, text, nxt, places)
        return
    if not has_right and not figures and not _known_prefix(piece, names) and spend and not spend[-1].figures:
        spend[-1].lines.append(line)  # "出": the wrapped tail of an expenditure name
        add_text(spend[-1], line, text, nxt, places)
        return
    start_row(income, line, text, nxt, places)


def _source_totals(income: Sequence[Row], total: Optional[int], keys: Sequence[str]):
    """表4: the expenditure total of each fund source is the income of that source
    (收支平衡 by source). Used only where the income side names each source once and
    has no carry-over that could sit on one side only."""
    if total is None or any("结转" in r.name for r in income):
        return []
    out = []
    for key in keys[1:]:
        named = [r for r in income if r.name in _SOURCES and (r.name.startswith(key) or key.startswith(r.name))]
        if len(named) != 1:
            return []
        value = next(iter(named[0].values.values()), None)
        out.append((total, key, value))
    return out
