"""Rows of a table whose text form delimits cells (Word text, Markdown).

The cells say where each figure stands, so a figure is placed by its grid column:
the header rows (``cellheader``) name the columns, each later line is one row
(``cellrows``). Three shapes of table are read:

- plain: code / name / text columns on the left, amount columns on the right;
- two-sided (部门收支总体情况表, 财政拨款收支预算总体情况表): income on the left,
  expenditure on the right, each side with its own name column and rows;
- the 2020 三公 table, printed transposed: the items are header columns over one
  row of figures. It is turned into one row per item under the column ``合计``,
  the shape the other years print.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional, Sequence

from budgetlint.core.model import Column, Line, Row, Table, Unparsed
from budgetlint.readers.cells.header import (
    DASH,
    column_paths,
    grid_rows,
    has_data_signal,
    header_length,
    is_code_header,
    is_count,
    is_label_header,
    is_numbering_row,
)
from budgetlint.readers.cells.rows import CellColumn, RowLayout, make_row, read_value, tidy_name
from budgetlint.core.figures import name_key, is_total_name, parse_figure, squeeze
from budgetlint.outline.raw import RawTable
from budgetlint.core.model import TWO_SIDED

TRANSPOSED_KEY = "合计"


def read_cell_rows(raw: RawTable, table: Table) -> None:
    """Fill ``table.columns`` and ``rows`` (or ``sides``/``side_columns``) from the
    cell lines of ``raw``; what cannot be read goes to ``table.unparsed``.

    It does not catch its own exceptions: ``tables.build_table`` turns one into a
    ``reader failed`` diagnostic, which the property tests look for."""
    lines: list[Line] = []
    pairs = list(raw.lines)
    if raw.head_kind == "ANON" and raw.head.cells is not None:
        pairs.insert(0, ("TROW", raw.head))  # an untitled table opens with its first row
    for tag, line in pairs:
        if tag != "TROW":
            continue
        if line.cells is None:
            table.unparsed.append(Unparsed(line.lineno, line.lineno, line.text, "table line without cells"))
        else:
            lines.append(line)
    if not lines:
        return
    width = _grid_width(lines, raw.form)
    all_cells = [list(line.cells or ()) for line in lines]
    count = header_length(all_cells)
    if count == 0:
        first = lines[0]
        table.unparsed.append(
            Unparsed(first.lineno, lines[-1].lineno, first.text, "no header row before the first row of figures")
        )
        return
    header = all_cells[:count]
    numbering = header[-1] if is_numbering_row(header[-1]) else None
    text_rows = header[:-1] if numbering else header
    paths = column_paths(grid_rows(text_rows, width), width)
    columns = _columns(paths, numbering)
    _text_by_content(columns, lines[count:], width)
    header_texts = {squeeze(c) for cells in header for c in cells if c.strip()}
    body = _body(lines[count:], width, raw.form, columns, header_texts, table)
    if table.role in TWO_SIDED:
        _two_sided(body, columns, table, raw.form)
    elif table.role == "three-public" and all(c.role == "number" for c in columns):
        _transposed(body, columns, table)
    else:
        layout = _layout(columns, code_in_name=not any(c.role == "code" for c in columns))
        table.columns = [_public(c) for c in layout.numbers]
        table.rows = _rows(body, layout, table)


# columns ------------------------------------------------------------------


def _columns(paths: Sequence[tuple[str, ...]], numbering: Optional[Sequence[str]]) -> list[CellColumn]:
    """One ``CellColumn`` per grid column; a numbering row (``※`` over codes and names,
    numbers over amounts) overrides what the header words suggest."""
    columns = []
    for index, path in enumerate(paths):
        leaf = path[-1] if path else ""
        label = is_label_header(leaf) if leaf else False
        mark = numbering[index].strip() if numbering is not None and index < len(numbering) else ""
        if mark:
            label = not is_count(mark)
        role = "number" if not label else ("code" if is_code_header(leaf) else "text")
        columns.append(CellColumn(index, name_key(leaf), leaf, tuple(path[:-1]), role))
    return columns


def _text_by_content(columns: list[CellColumn], lines: Sequence[Line], width: int) -> None:
    """An amount column by its header whose cells hold words and never a figure (采购品目大类
    ``一、货物``, 采购组织形式 ``分散自行组织``) is a text column: its header was not one the
    label patterns know, its content says what it is. Where the form keeps each cell in
    its column (every row of the grid's width) only."""
    rows = [line.cells for line in lines if line.cells is not None and len(line.cells) == width]
    for col in columns:
        if col.role != "number":
            continue
        texts = [cells[col.index].strip() for cells in rows if cells[col.index].strip()]
        if len(texts) >= 2 and not any(_figure_like(t) for t in texts):
            col.role = "text"


def _figure_like(text: str) -> bool:
    return parse_figure(text) is not None or DASH.match(text) is not None or re.search(r"\d", text) is not None


def _unique_keys(columns: list[CellColumn]) -> None:
    """Give each amount column a distinct key: a repeated leaf (小计 under 财政拨款 and
    under 非财政拨款) is prefixed with as many header cells above it as it takes."""
    for col in columns:
        if not col.key:
            col.key = f"#{col.index + 1}"
    by_key: dict[str, list[CellColumn]] = {}
    for col in columns:
        by_key.setdefault(col.key, []).append(col)
    for same in by_key.values():
        if len(same) < 2:
            continue
        depth = max(len(c.path) for c in same) + 1
        for d in range(2, depth + 1):
            keys = ["/".join(name_key(p) for p in (c.path + (c.title,))[-d:]) for c in same]
            if len(set(keys)) == len(keys):
                break
        else:
            keys = [f"{c.key}#{c.index + 1}" for c in same]
        for col, key in zip(same, keys):
            col.key = key


def _layout(columns: list[CellColumn], code_in_name: bool) -> RowLayout:
    layout = RowLayout(code_in_name=code_in_name)
    for col in columns:
        if col.role == "code":
            layout.codes.append(col)
        elif col.role == "number":
            layout.numbers.append(col)
        elif layout.name is None:
            col.role = "name"
            layout.name = col
        else:
            layout.texts.append(col)
    _unique_keys(layout.numbers)
    return layout


def _public(col: CellColumn) -> Column:
    return Column(key=col.key, title=col.title, path=col.path)


# body ---------------------------------------------------------------------


def _body(
    lines: Sequence[Line],
    width: int,
    form: str,
    columns: list[CellColumn],
    header_texts: set[str],
    table: Table,
) -> list[tuple[Line, list[str]]]:
    """Data lines as ``width`` cells; repeated headers (a table split at a page break)
    and empty lines are dropped, lines that cannot be fitted to the grid reported."""
    body = []
    for line in lines:
        cells = list(line.cells or ())
        texts = [squeeze(c) for c in cells if c.strip()]
        if not texts or is_numbering_row(cells):
            continue
        if len(texts) >= 2 and not has_data_signal(cells) and all(t in header_texts for t in texts):
            continue
        fitted = _fit(cells, width, form, columns)
        if fitted is None:
            table.unparsed.append(
                Unparsed(line.lineno, line.lineno, line.text, f"row has {len(cells)} cells, the header {width}")
            )
            continue
        body.append((line, fitted))
    return body


def _fit(cells: list[str], width: int, form: str, columns: list[CellColumn]) -> Optional[list[str]]:
    """A row as ``width`` cells, or None where the cells cannot be placed.

    Markdown keeps every grid cell, so a row of another width is broken, except for
    empty cells beyond the grid. A Word row with fewer cells merged cells; the one
    merge that can be placed is a label across the code and name columns (合计), so
    such a row is right-aligned when it opens with a label and no figure then lands
    in a code or name column."""
    if len(cells) == width:
        return cells
    if len(cells) > width:
        return cells[:width] if not any(c.strip() for c in cells[width:]) else None
    if form != "word-text" or not cells or re.search(r"[0-9]", cells[0]) or not cells[0].strip():
        return None
    fitted = [cells[0]] + [""] * (width - len(cells)) + cells[1:]
    for col in columns:
        if col.role != "number" and parse_figure(fitted[col.index]) is not None:
            return None
    return fitted


def _grid_width(lines: Sequence[Line], form: str) -> int:
    """Word drops merged cells, so the widest row has them all; a Markdown converter
    may print a stray empty cell at the end of a row, so the usual width is the grid."""
    widths = [len(line.cells or ()) for line in lines]
    if form == "word-text":
        return max(widths)
    return max(set(widths), key=lambda w: (widths.count(w), w))


def _rows(
    body: Sequence[tuple[Line, list[str]]], layout: RowLayout, table: Table, drop_if_empty: bool = True
) -> list[Row]:
    rows: list[Row] = []
    previous: tuple[str, ...] = ()
    for line, cells in body:
        row, problems = make_row(line, cells, layout, previous, table.org)
        table.unparsed.extend(problems)
        if row is None:
            continue
        if row.code_parts:
            previous = row.code_parts
        rows.append(row)
    if drop_if_empty and not _has_figures(rows):
        return []  # an empty table: its 合计 line and blank lines are no data
    return rows


def _has_figures(rows: Sequence[Row]) -> bool:
    return any(v is not None for r in rows for v in r.values.values()) or any(r.ambiguous for r in rows)


def _two_sided(body, columns: list[CellColumn], table: Table, form: str) -> None:
    """Income up to the amounts after the first name column, expenditure from the
    next name column on."""
    numbers = [c.index for c in columns if c.role == "number"]
    labels = [c.index for c in columns if c.role != "number" and numbers and c.index > numbers[0]]
    if not labels or not any(c.role != "number" for c in columns[: numbers[0]]):
        table.unparsed.append(
            Unparsed(table.line, table.end_line, "", "two-sided table without a name column on each side")
        )
        return
    split = labels[0]
    sides = {
        "income": _layout([c for c in columns if c.index < split], code_in_name=False),
        "expenditure": _layout([c for c in columns if c.index >= split], code_in_name=True),
    }
    for side, layout in sides.items():
        table.side_columns[side] = [_public(c) for c in layout.numbers]
        first = 0 if side == "income" else split
        side_body = [(_side_line(line, cells, first, form), cells) for line, cells in body]
        table.sides[side] = _rows(side_body, layout, table, drop_if_empty=False)
        _side_totals(table.sides[side])
    if not any(_has_figures(rows) for rows in table.sides.values()):
        table.sides = {side: [] for side in sides}


# A side's own totals name their side or their stage: 收入合计, 当年支出小计, 本年收入合计.
_SIDE_TOTAL = re.compile(r"(?:合计|总计|小计)$")


def _side_totals(rows: list[Row]) -> None:
    """Rows of a side whose uncoded name ends in 合计/总计/小计 total the rows above them
    (a bare 小计 is marked a subtotal already), so that no side total is taken for an
    item of the numbered row above it."""
    for row in rows:
        if row.kind == "item" and not row.code and _SIDE_TOTAL.search(squeeze(row.name)) and squeeze(row.name) != "小计":
            row.kind, row.level = "total", 0


def _side_line(line: Line, cells: Sequence[str], first: int, form: str) -> Line:
    """The line a side of a row starts on. Word text prints one cell a line and a row
    is placed at its first non-empty cell, so the expenditure side stands that many
    lines further down (fewer where a cell holds a hard line break, which is rare:
    the line found is then still one of the row's)."""
    if form != "word-text" or len(line.cells or ()) != len(cells):
        return line
    filled = [i for i, c in enumerate(cells) if c.strip()]
    side = [i for i in filled if i >= first]
    if not side or side[0] == filled[0]:
        return line
    return replace(line, lineno=line.lineno + side[0] - filled[0])


def _transposed(body, columns: list[CellColumn], table: Table) -> None:
    table.columns = [Column(key=TRANSPOSED_KEY, title=TRANSPOSED_KEY)]
    filled = [(line, cells) for line, cells in body if any(c.strip() for c in cells)]
    for line, _cells in filled[1:]:
        table.unparsed.append(
            Unparsed(line.lineno, line.lineno, line.text, "second row of figures in a table whose items are its columns")
        )
    if not filled:
        return
    line, cells = filled[0]
    for col in columns:
        # 小计 under 公务用车购置及运行费 is the figure of that item itself.
        name = col.path[-1] if squeeze(col.title) == "小计" and col.path else col.title
        name = tidy_name(name)
        value, ok = read_value(cells[col.index])
        box = line.cell_boxes[col.index] if line.cell_boxes and col.index < len(line.cell_boxes) else None
        row = Row(line=line.lineno, name=name, values={TRANSPOSED_KEY: value}, page=line.page, raw=line.text,
                  box=box, boxes={TRANSPOSED_KEY: box} if box else {})
        if not ok:
            row.ambiguous = (TRANSPOSED_KEY,)
            table.unparsed.append(
                Unparsed(line.lineno, line.lineno, line.text, f"cell {cells[col.index].strip()!r} under {name} is not a figure")
            )
        if is_total_name(name):
            row.kind, row.level = "total", 0
        table.rows.append(row)
    if not _has_figures(table.rows):
        table.rows = []
