"""Rows of a table in PDF-extracted text (no cell delimiters).

A row is read from its lines: a classification code at the start (sometimes split
over lines: ``20`` / ``8`` / ``01 99``), a name wrapped over any number of lines,
the figures last. Empty cells are simply absent, so which column a figure stands in
is decided by the table's arithmetic (``placement``). Two-sided tables (income left,
expenditure right on one line) are read by ``pdfsides``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional, Sequence

from ..model import Line, Row, Table, Unparsed
from ..rules.arith import decimals
from .figures import column_key, is_total_name, parse_code, parse_figure, squeeze
from .pdfheader import ends_header, table_spec
from .pdflines import BARE_CODE, CODE_TAIL, code_start, is_figure_line, tail_figures
from .placement import Problem, Sum, solve
from .raw import RawTable
from .tables import TWO_SIDED

PROJECT_KEY = "项目名称"

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
_PAGE_NUMBER = re.compile(r"^[-—－]\s*\d{1,3}\s*[-—－]$|^第\s*\d{1,3}\s*页")
_UNIT_NAME = re.compile(r"(?:局|中心|委员会|办公室|院|站|所|队|馆|会)$")


@dataclass
class RawRow:
    """A row's lines before its figures are placed."""

    lines: list[Line] = field(default_factory=list)
    code: str = ""
    bare: bool = False
    names: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    splits: set[int] = field(default_factory=set)  # figure i may continue on figure i+1
    total: bool = False

    @property
    def code_only(self) -> bool:
        return bool(self.code) and not self.names and not self.figures

    @property
    def name(self) -> str:
        return normal_name("".join(self.names))


def normal_name(text: str) -> str:
    """A row name keyed as a header is (``column_key``: squeezed, full-width
    parentheses), with the ASCII colon the template's names print (``其中:``)."""
    return column_key(text).replace("：", ":")


def read_text_rows(raw: RawTable, table: Table) -> None:
    """Fill ``table.columns`` and ``rows`` (``sides`` for two-sided tables) from PDF text."""
    lines = [line for tag, line in raw.lines if tag == "TROW"]
    if table.role in TWO_SIDED:
        from .pdfsides import read_two_sided

        read_two_sided(lines, table)
        return
    start = body_start(lines, table.role)
    header = " ".join(line.text for line in lines[:start])
    spec = table_spec(table.role, header)
    if spec is None:
        if lines:
            table.unparsed.append(
                Unparsed(lines[0].lineno, lines[-1].lineno, "", f"no column template for table role {table.role!r}")
            )
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
    table.rows = rows


def place_figures(rows: Sequence[Row], raw_rows: Sequence[RawRow], problem: Problem, table: Table,
                  what: str = "row") -> None:
    """Set each row's values from the placement of its figures. A row with more
    figures than columns is not read: all its columns are empty and ambiguous, and
    ``table.unparsed`` says so (``what`` names the row: ``row``, ``income row``)."""
    keys = list(problem.keys)
    for row, raw_row, row_readings, placed in zip(rows, raw_rows, problem.readings, solve(problem)):
        row.values = placed.values
        row.ambiguous = placed.ambiguous
        # A number split across lines may be one figure or two: then not only the
        # columns but the figures themselves are in doubt.
        row.figures_uncertain = len(row_readings) > 1
        if placed.overflow:
            row.values = {k: None for k in keys}
            row.ambiguous = tuple(keys)
            table.unparsed.append(
                Unparsed(row.line, row.end_line or row.line, row.raw,
                         f"{what} has {len(raw_row.figures)} figures for {len(keys)} columns")
            )


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
    # No 类 款 项 line (表10, or a header the text garbled): the first code or total line.
    for i in range(1, len(lines)):
        if _code_or_total(lines, i):
            return i
    return len(lines)


def _code_or_total(lines: Sequence[Line], i: int) -> bool:
    """Line ``i`` opens with a classification code or is the total line."""
    nxt = lines[i + 1].text if i + 1 < len(lines) else None
    return bool(code_start(lines[i].text, nxt)) or is_total_name(tail_figures(lines[i].text)[0])


def figure_places(lines: Sequence[Line]) -> int:
    found = [decimals(parse_figure(t)) for line in lines for t in tail_figures(line.text)[1] if parse_figure(t) is not None]
    return max(found, default=0)


def segment(lines: Sequence[Line], places: int, known: Sequence[str] = ()) -> tuple[list[RawRow], list[Unparsed]]:
    """Group body lines into rows."""
    rows: list[RawRow] = []
    stray: list[Unparsed] = []
    cur: Optional[RawRow] = None
    seen_code = False
    for i, line in enumerate(lines):
        text = line.text.strip()
        nxt = lines[i + 1].text if i + 1 < len(lines) else None
        if not text or _PAGE_NUMBER.match(text):
            continue  # a page number printed inside a table that spans a page break
        complete = cur is None or bool(cur.figures)
        # a code wrapped onto this line
        if cur is not None and cur.code_only and len(cur.code.split()) < 3:
            tail = CODE_TAIL.match(text)
            # "01 99" or "01 人 力" after "208"; "8" after "20" (a lone digit only there)
            if tail and (not is_figure_line(text) or len(cur.code) < 3):
                _extend_code(cur, tail.group(1))
                add_text(cur, line, tail.group(2), nxt, places)
                continue
        opened = None if (cur is not None and cur.names and not cur.figures and is_figure_line(text)) else code_start(text, nxt)
        if opened:
            cur = start_row(rows, line, opened[1], nxt, places, code=opened[0])
            seen_code = True
            continue
        head, _ = tail_figures(text, nxt or "")
        if is_total_name(head):
            cur = start_row(rows, line, text, nxt, places, total=True)
            continue
        bare = BARE_CODE.match(text)
        if bare and complete and seen_code:
            cur = start_row(rows, line, bare.group(2), nxt, places, code=bare.group(1), bare=True)
            continue
        if is_figure_line(text):
            if cur is None:
                stray.append(Unparsed(line.lineno, line.lineno, line.text, "figures before any row"))
                continue
            cur.lines.append(line)
            add_text(cur, line, text, nxt, places)
            continue
        if complete or _begins_known_row(cur, head, known):
            cur = start_row(rows, line, _strip_unit_code(text), nxt, places)
            continue
        cur.lines.append(line)
        add_text(cur, line, text, nxt, places)
    return rows, stray


def _extend_code(row: RawRow, tail: str) -> None:
    digits = row.code.replace(" ", "")
    if len(digits) < 3:
        first, _, rest = tail.partition(" ")
        row.code = (row.code + first + (" " + rest if rest else "")).strip()
    else:
        row.code = f"{row.code} {tail}"


def start_row(rows: list[RawRow], line: Line, text: str, nxt: Optional[str], places: int, **fields) -> RawRow:
    """A new row at ``line`` (``fields``: code, bare, total), appended to ``rows``, with
    ``text``, the line's part after its code, read into it."""
    row = RawRow(lines=[line], **fields)
    rows.append(row)
    add_text(row, line, text, nxt, places)
    return row


def add_text(row: RawRow, line: Line, text: str, nxt: Optional[str], places: int) -> None:
    if line not in row.lines:
        row.lines.append(line)
    head, figures = tail_figures(text, nxt or "")
    if head:
        row.names.append(head)
    if (
        not head
        and len(figures) == 1
        and re.fullmatch(r"\d{1,2}", figures[0])
        and row.figures
        and "." in row.figures[-1]
        and decimals(parse_figure(row.figures[-1]) or Decimal(0)) + len(figures[0]) == places
    ):
        # "14,064.5" then "5": maybe one figure split over two lines
        row.splits.add(len(row.figures) - 1)
    row.figures.extend(figures)


def _strip_unit_code(text: str) -> str:
    return re.sub(r"^\d{3,}-", "", text.strip())


def _begins_known_row(cur: Optional[RawRow], head: str, known: Sequence[str]) -> bool:
    """In a table of named rows (三公), a line that begins a known name begins a row
    unless it completes the current one."""
    if not known or cur is None:
        return False
    piece = normal_name(head)
    joined = cur.name + piece
    if piece and any(k.startswith(joined) for k in known):
        return False
    return bool(piece) and any(k.startswith(piece) for k in known)


def readings(row: RawRow) -> list[tuple[Decimal, ...]]:
    """The row's figure sequences: as printed, and with split numbers rejoined."""
    values = [parse_figure(t) for t in row.figures]
    plain = tuple(v for v in values if v is not None)
    out = [plain]
    for i in sorted(row.splits):
        joined = parse_figure(row.figures[i] + row.figures[i + 1]) if i + 1 < len(row.figures) else None
        if joined is not None:
            alt = [parse_figure(t) for t in row.figures[:i]] + [joined] + [parse_figure(t) for t in row.figures[i + 2:]]
            out.append(tuple(v for v in alt if v is not None))
    return out


def build_rows(raw_rows: Sequence[RawRow]) -> list[Row]:
    """Rows in order; a bare 款 code is completed from the last full code above it."""
    out, parent = [], None
    for raw_row in raw_rows:
        out.append(build_row(raw_row, parent))
        if raw_row.code and not raw_row.bare:
            parent = raw_row
    return out


def build_row(raw_row: RawRow, parent_row: Optional[RawRow] = None) -> Row:
    first, last = raw_row.lines[0], raw_row.lines[-1]
    row = Row(
        line=first.lineno,
        end_line=last.lineno,
        page=first.page,
        name=raw_row.name,
        raw=" / ".join(line.text.strip() for line in raw_row.lines),
    )
    if raw_row.total:
        row.kind, row.level = "total", 0
        return row
    if raw_row.code:
        parent: tuple[str, ...] = ()
        if raw_row.bare and parent_row is not None:
            parent = parse_code(parent_row.code) or ()
        parts = parse_code(raw_row.code, parent)
        if parts:
            row.code_parts = parts
            row.code = "".join(parts)
            row.level = len(parts)
    return row


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
        row.name = normal_name("".join(subject))
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
