"""Rows of a PDF-text table before and after their figures are placed: segmenting
the lines into rows, the readings of split figures, building the model rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional, Sequence

from budgetlint.core.arith import decimals
from budgetlint.core.figures import is_total_name, name_key, parse_code, parse_figure
from budgetlint.core.model import Line, Row, Table, Unparsed
from budgetlint.readers.pdftext.lines import (
    BARE_CODE,
    CODE_TAIL,
    code_start,
    is_figure_line,
    joined_code,
    tail_figures,
)
from budgetlint.readers.pdftext.header import ends_header
from budgetlint.readers.pdftext.placement import Problem, solve

# ``… …``: a template's placeholder for the rows a real table would print.
_PLACEHOLDER = re.compile(r"^[…．.·\s]+$")
_PAGE_NUMBER = re.compile(r"^[-—－]\s*\d{1,3}\s*[-—－]$|^第\s*\d{1,3}\s*页")


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
    around: bool = False  # the name began above the code line: its tail may follow it

    @property
    def code_only(self) -> bool:
        return bool(self.code) and not self.names and not self.figures

    @property
    def name(self) -> str:
        return name_key("".join(self.names))


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


def leave_unread(rows: Sequence[Row], raw_rows: Sequence[RawRow], lines: set[int], table: Table,
                 keys: Sequence[str]) -> None:
    """Rows holding figure pieces that could not be paired (``broken``): every column
    empty and ambiguous, and ``table.unparsed`` says why."""
    if not lines:
        return
    for row, raw_row in zip(rows, raw_rows):
        if any(line.lineno in lines for line in raw_row.lines):
            row.values = {k: None for k in keys}
            row.ambiguous = tuple(keys)
            row.figures_uncertain = True
            table.unparsed.append(Unparsed(row.line, row.end_line or row.line, row.raw,
                                           "a figure broken over lines whose pieces cannot be told apart"))


def figure_places(lines: Sequence[Line]) -> int:
    # This runs over every line of every table, twice: the places are read off the
    # printed figure (every token ``tail_figures`` gives matches FIGURE, so it is a
    # Decimal whose exponent is minus its digits after the point), not by parsing it.
    best = 0
    for line in lines:
        for token in tail_figures(line.text)[1]:
            dot = token.find(".")
            if dot >= 0 and len(token) - dot - 1 > best:
                best = len(token) - dot - 1
    return best


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
        if cur is not None and not (cur.code or cur.figures or cur.total) and ends_header("".join(cur.names)):
            # the header printed again after a page break (… 类 款 项): no row, and the
            # code line after it ("210 11") opens a row rather than giving it figures
            rows.remove(cur)
            cur = rows[-1] if rows else None
        around = _code_inside_name(cur, text, nxt)
        if around is not None:
            # "机关事业单位基本养老保险缴费" / "2080505 6.18 6.18" / "支出": a name
            # wrapped around its code line (the code cell is centred on the row)
            cur.code, cur.around = around[0], True
            add_text(cur, line, around[1], nxt, places)
            seen_code = True
            continue
        opened = code_start(text, nxt)
        if opened and cur is not None and cur.names and not cur.figures and is_figure_line(text):
            # the figures of the named row above, unless they read as a code whose name
            # follows on the next line ("210 11" / "行政事业单" / "位医疗")
            if not (" " in opened[0] and nxt is not None and _opens_name(nxt)):
                opened = None
        if opened:
            cur = start_row(rows, line, opened[1], nxt, places, code=opened[0])
            seen_code = True
            continue
        if cur is not None and cur.around and not is_figure_line(text) and not tail_figures(text, nxt or "")[1]:
            cur.around = False  # the name's tail below the code line
            add_text(cur, line, text, nxt, places)
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
        if cur is None:  # a fragment before any row (a wrapped header's tail): not a row's name
            stray.append(Unparsed(line.lineno, line.lineno, line.text, "text before any row"))
            continue
        cur.lines.append(line)
        add_text(cur, line, text, nxt, places)
    return rows, stray


_AROUND = re.compile(r"^([235]\d\d(?:\d\d){0,2})((?:\s+[-+]?[\d,]*\.\d+)*)$")


def _code_inside_name(cur: Optional[RawRow], text: str, nxt: Optional[str]) -> Optional[tuple[str, str]]:
    """``(code, rest)`` where ``text`` is the code line of a name wrapped around it (the
    code cell centred on a row whose name takes three lines): the row above has only a
    name, the line a code, maybe the name's middle, and figures."""
    if cur is None or cur.code or cur.figures or cur.total or not cur.names:
        return None
    return _around(text, nxt)


def code_inside_name(above: str, text: str, below: Optional[str]) -> bool:
    """Line ``text`` is the code line of the name begun on ``above`` (``body_start``)."""
    head, figures = tail_figures(above)
    return bool(head) and not figures and not code_start(above, text) and _around(text.strip(), below) is not None


def _around(text: str, nxt: Optional[str]) -> Optional[tuple[str, str]]:
    """A code line inside a wrapped name: ``2080505 6.18 6.18`` (a joined code and
    decimal figures: no amount is printed so), else a code, figures and maybe the name's
    middle with the name's tail on the next line (a three-digit code alone could be an
    amount)."""
    match = _AROUND.match(text)
    if match and match.group(2).strip() and joined_code(match.group(1)):
        return match.group(1), match.group(2).strip()
    opened = code_start(text, nxt) or (
        (match.group(1), match.group(2).strip()) if match and match.group(2).strip() else None)
    if opened is None or not tail_figures(opened[1])[1]:
        return None  # no figures on the line: a code alone opens its row (code_start)
    tail = (nxt or "").strip()
    if tail and not tail_figures(tail)[1] and not code_start(tail, None) and not is_total_name(tail) \
            and not _PLACEHOLDER.match(tail):
        return opened
    return None


def _opens_name(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped[0].isdigit() and not is_figure_line(stripped)


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
    piece = name_key(head)
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
