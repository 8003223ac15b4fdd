"""Rows of a table in PDF-extracted text (no cell delimiters).

A row is read from its lines: a classification code at the start (sometimes split
over lines: ``20`` / ``8`` / ``01 99``), a name wrapped over any number of lines,
the figures last. Empty cells are simply absent, so which column a figure stands in
is decided by the table's arithmetic (``placement``). Two-sided tables (income left,
expenditure right on one line) are read by ``sides``; the rows' segmenting and building is in ``rows``.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from budgetlint.core.figures import is_total_name, squeeze
from budgetlint.core.model import TWO_SIDED, Column, Line, Row, Table, Unparsed
from budgetlint.outline.raw import RawTable
from budgetlint.readers.columns import Vocabulary, foreign, header_names, single_amount
from budgetlint.readers.pdftext.header import Spec, Templates, ends_header, table_spec
from budgetlint.readers.pdftext.lines import code_start, tail_figures
from budgetlint.readers.pdftext.placement import Problem, Sum
from budgetlint.core.figures import name_key
from budgetlint.readers.pdftext.broken import join_broken_figures
from budgetlint.readers.pdftext.rows import (
    RawRow, build_rows, code_inside_name, figure_places, leave_unread, place_figures, readings, segment,
)
from budgetlint.readers.pdftext.sides import read_two_sided
from budgetlint.readers.pdftext.uncoded import SideNames

PROJECT_KEY = "项目名称"
_PLACEHOLDER = re.compile(r"^[…]+(?:\s+[…]+)*$")

# Rows of the 三公 table, which carry no codes: a line that begins one of these names
# begins a row.
_THREE_PUBLIC_ROWS = (
    "合计",
    "因公出国（境）费",
    "公务接待费",
    "公务用车购置及运行费（小计）",
    "其中:公务用车购置费",
    "公务用车运行费",
)
_UNIT_NAME = re.compile(r"(?:局|中心|委员会|办公室|院|站|所|队|馆|会)$")


def read_text_rows(raw: RawTable, table: Table, vocab: Vocabulary = (), sides: Optional[SideNames] = None,
                   known: Optional[Templates] = None) -> None:
    """Fill ``table.columns`` and ``rows`` (``sides`` for two-sided tables) from PDF text.

    ``vocab``: the profile's column names (``readers.columns``). A kind's standard
    columns are used only where the header names no other column; a header naming one
    amount column is read as that column (Jiangsu's 金额 tables); any other table is
    left unread, with the reason, rather than read by a template it does not follow."""
    lines = [line for tag, line in raw.lines if tag == "TROW"]
    lines, undecided = join_broken_figures(lines, figure_places(lines), weigh_single=table.role not in TWO_SIDED)
    if table.role in TWO_SIDED:
        read_two_sided(lines, table, undecided, sides, known)
        return
    start = body_start(lines, table.role)
    header = " ".join(line.text for line in lines[:start])
    if any(_PLACEHOLDER.match(line.text.strip()) for line in lines[start:]):
        # A blank template (``… …`` for the rows): its codes and names are no figures.
        table.unparsed.append(Unparsed(lines[start].lineno, lines[-1].lineno, "",
                                       "template placeholders (……) in place of rows"))
        return
    found = header_names(header, vocab)
    spec = table_spec(table.role, header, known, fits=lambda keys: not foreign(found, keys))
    odd = foreign(found, [c.key for c in spec.columns]) if spec is not None else []
    if spec is None or odd:
        amount = single_amount(found)
        if amount is not None and _one_figure_rows(lines[start:]):
            spec = Spec([Column(key=amount, title=amount)], [], True)
        else:
            if lines:
                why = (f"header names columns the {table.role} template does not have: {', '.join(odd)}" if odd
                       else f"no column template for table role {table.role!r}")
                table.unparsed.append(Unparsed(lines[0].lineno, lines[-1].lineno, "", why))
            return
    table.columns = spec.columns
    body = lines[start:]
    if not body and lines and not spec.rebuilt:
        # Not an empty table (that prints its 合计 row, or a note): the text breaks off
        # inside the header, so the rows, if any, are not in the text.
        table.unparsed.append(
            Unparsed(lines[0].lineno, lines[-1].lineno, " / ".join(ln.text for ln in lines),
                     "table text ends inside its header: no rows to read")
        )
        return
    nameless = [] if body else [ln for ln in lines if _figures_only(ln.text)]
    if nameless:
        # Figures under the header with no row name and no 类 款 项 (Jiangsu's 支出预算总表
        # prints its one total row so): not an empty table, but no row this reader can name.
        table.unparsed.append(Unparsed(nameless[0].lineno, nameless[-1].lineno, nameless[0].text,
                                       "figures printed without a row name (a one-row table)"))
        return
    places = figure_places(body)
    raw_rows, stray = segment(body, places, _THREE_PUBLIC_ROWS if table.role == "three-public" else ())
    # A table that spans a page break may print its header again: text without codes
    # or figures ending in 类 款 项 is that header, not a row.
    raw_rows = [r for r in raw_rows if r.code or r.figures or r.total or not ends_header("".join(r.names))]
    table.unparsed.extend(stray)
    rows = build_rows(raw_rows)
    if table.role == "gpb-project":
        split_project_names(rows, raw_rows)
    for row in rows:
        if table.role != "three-public" and row.kind == "item" and row.code is None and _UNIT_NAME.search(row.name):
            row.kind, row.level = "subtotal", 0
    keys = [c.key for c in spec.columns]
    sums = three_public_sums(rows) if table.role == "three-public" else tree_sums(rows)
    problem = Problem(
        keys=keys,
        readings=[readings(r) for r in raw_rows],
        row_sums=spec.row_sums,
        sums=sums,
    )
    place_figures(rows, raw_rows, problem, table)
    leave_unread(rows, raw_rows, undecided, table, keys)
    table.rows = rows


def _figures_only(text: str) -> bool:
    name, figures = tail_figures(text)
    return bool(figures) and not name


def _one_figure_rows(lines: Sequence[Line]) -> bool:
    """No line of the body prints more than one figure (a one-column table)."""
    return all(len(tail_figures(line.text)[1]) <= 1 for line in lines)


def body_start(lines: Sequence[Line], role: str) -> int:
    """Index of the first row line: after the 类 款 项 line, or (表2, whose wrapped
    sub-column headers follow that line) at the first code or total line."""
    for i, line in enumerate(lines):
        if ends_header(line.text):
            if role != "income":
                return i + 1
            for j in range(i + 1, len(lines)):
                if _code_or_total(lines, j):
                    return j
            return i + 1
    # No 类 款 项 line (表10, or a header the text garbled): the first code or total line
    # (or the name above a code line it is wrapped around).
    for i in range(1, len(lines)):
        if _code_or_total(lines, i):
            return i
        below = lines[i + 2].text if i + 2 < len(lines) else None
        if i + 1 < len(lines) and code_inside_name(lines[i].text, lines[i + 1].text, below):
            return i
    return len(lines)


def _code_or_total(lines: Sequence[Line], i: int) -> bool:
    """Line ``i`` opens with a classification code or is the total line."""
    nxt = lines[i + 1].text if i + 1 < len(lines) else None
    return bool(code_start(lines[i].text, nxt)) or is_total_name(tail_figures(lines[i].text)[0])


def split_project_names(rows: list[Row], raw_rows: list[RawRow]) -> None:
    """表7 prints the subject name and the project name in two narrow columns, one
    after the other in the text. The subject column's width (its longest line in the
    rows without projects: 类, 款, unit rows) tells where the subject ends: at a
    piece wider than that, or after a piece narrower than it (its last line)."""
    width = max(
        (len(squeeze(p)) for row, raw_row in zip(rows, raw_rows) if row.level != 3 for p in raw_row.names),
        default=0,
    )
    if not width:
        return
    for row, raw_row in zip(rows, raw_rows):
        if row.level != 3:
            continue
        subject: list[str] = []
        rest: list[str] = []
        done = False
        for piece in raw_row.names:
            size = len(squeeze(piece))
            if not done and not rest and size <= width:
                subject.append(piece)
                done = size < width
            else:
                rest.append(piece)
        row.name = name_key("".join(subject))
        if rest:
            row.text[PROJECT_KEY] = squeeze("".join(rest))


def tree_sums(rows: Sequence[Row]) -> list[Sum]:
    """A parent row equals the sum of its children: 类 of its 款, 款 of its 项, a 项 of
    its projects (表7), a unit row of the 类 rows under it, the 合计 of the unit rows
    (or of the top rows where there is no unit row)."""
    children: dict[int, list[int]] = {}
    top: list[int] = []
    subtotals = [i for i, r in enumerate(rows) if r.kind == "subtotal"]
    last: dict[tuple[str, ...], int] = {}  # code -> latest row with it
    last_plain: dict[tuple[str, ...], int] = {}  # the same, among rows without a project
    for i, row in enumerate(rows):
        parts = row.code_parts
        if not parts:
            continue
        # the nearest preceding row whose code is a proper prefix of this one (or, for a
        # project of 表7, the row of the same code without a project)
        found = [last[parts[:k]] for k in range(1, len(parts)) if parts[:k] in last]
        if PROJECT_KEY in row.text and parts in last_plain:
            found.append(last_plain[parts])
        parent = max(found) if found else None
        last[parts] = i
        if PROJECT_KEY not in row.text:
            last_plain[parts] = i
        if parent is None:
            unit = max((s for s in subtotals if s < i), default=None)
            if unit is not None:
                children.setdefault(unit, []).append(i)
            else:
                top.append(i)
        else:
            children.setdefault(parent, []).append(i)
    totals = [i for i, r in enumerate(rows) if r.kind == "total"]
    if totals:
        children.setdefault(totals[0], []).extend(subtotals if subtotals else top)
    return [Sum(p, tuple(c)) for p, c in children.items() if c]


def three_public_sums(rows: Sequence[Row]) -> list[Sum]:
    def find(name: str) -> Optional[int]:
        for i, row in enumerate(rows):
            if row.name.replace("其中:", "").replace("（小计）", "") == name:
                return i
        return None

    total = next((i for i, r in enumerate(rows) if r.kind == "total"), None)
    abroad, reception, cars = find("因公出国（境）费"), find("公务接待费"), find("公务用车购置及运行费")
    buy, run = find("公务用车购置费"), find("公务用车运行费")
    sums = []
    if None not in (total, abroad, reception, cars):
        sums.append(Sum(total, (abroad, reception, cars)))
    if None not in (cars, buy, run):
        sums.append(Sum(cars, (buy, run)))
    return sums
