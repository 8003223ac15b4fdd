"""One data row of a cell table: code, name, text cells and figures -> ``Row``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional, Sequence

from budgetlint.core.model import Line, Row, Unparsed
from budgetlint.readers.cells.header import DASH, CODE_AND_NAME
from budgetlint.core.figures import is_total_name, parse_code, parse_figure, squeeze

# Word lays names out with spaces between characters (``收 入 总 计``).
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


@dataclass
class CellColumn:
    """A grid column: where it is, what its header says, and what its cells hold."""

    index: int
    key: str
    title: str
    path: tuple[str, ...]  # header cells above the leaf
    role: str  # code | name | text | number


@dataclass
class RowLayout:
    """Which columns of a row (or of one side of a two-sided table) hold what."""

    codes: list[CellColumn] = field(default_factory=list)
    name: Optional[CellColumn] = None
    texts: list[CellColumn] = field(default_factory=list)
    numbers: list[CellColumn] = field(default_factory=list)
    code_in_name: bool = False  # "208 社会保障和就业支出" in one cell


def tidy_name(text: str) -> str:
    return _CJK_GAP.sub("", " ".join(text.split()))


def read_value(cell: str) -> tuple[Optional[Decimal], bool]:
    """The figure of a numeric cell and whether the cell could be read."""
    text = cell.strip()
    if not text or DASH.match(text):
        return None, True
    value = parse_figure(text)
    return value, value is not None


_CODE_PART = (re.compile(r"^\d{3}$"), re.compile(r"^\d{2}$"), re.compile(r"^\d{2}$"))


def read_code(texts: Sequence[str], previous: tuple[str, ...]) -> tuple[tuple[str, ...], Optional[str]]:
    """Code parts from the code cells of a row, and a diagnostic where they are not a code.

    One code cell holds a whole code (``208 01 01``, ``2080101``) or a bare ``01``
    completed from the previous row; 类/款/项 cells hold one part each, and an empty
    类 (or 款) before a filled 款 (or 项) is taken from the previous row."""
    texts = [squeeze(t) if re.fullmatch(r"[\d\s]+", t.strip() or "x") else t.strip() for t in texts]
    if not any(texts):
        return (), None
    if len(texts) == 1:
        parts = parse_code(texts[0], previous)
        if parts is None:
            return (), f"code cell {texts[0]!r} is not a classification code"
        return parts, None
    whole = parse_code(texts[0]) if texts[0] else None
    if whole and len(whole) > 1 and not any(texts[1:]):
        return whole, None  # "2080101" written into the 类 cell alone
    parts: list[str] = []
    for i, text in enumerate(texts[:3]):
        if text:
            if not _CODE_PART[i].match(text):
                return (), f"code cell {text!r} is not a {'类款项'[i]} code"
            parts.append(text)
        elif any(texts[i + 1 : 3]):
            if len(previous) > i and tuple(parts) == previous[:i]:
                parts.append(previous[i])
            else:
                return (), f"code {' / '.join(texts)!r} leaves {'类款项'[i]} open with no row above to take it from"
        else:
            break
    if any(texts[3:]):
        return (), f"code cells {' / '.join(texts)!r} have more than 类/款/项"
    return tuple(parts), None


def _boxes(line: Line, layout: RowLayout) -> dict:
    """Each column's cell box, where the form printed the row on a page (a .pdf)."""
    boxes = line.cell_boxes
    if not boxes:
        return {}
    columns = [*layout.codes, *([layout.name] if layout.name else []), *layout.texts, *layout.numbers]
    return {c.key: boxes[c.index] for c in columns if c.index < len(boxes)}


def make_row(
    line: Line,
    cells: Sequence[str],
    layout: RowLayout,
    previous_code: tuple[str, ...],
    org: Optional[str],
) -> tuple[Optional[Row], list[Unparsed]]:
    """The ``Row`` of one table line (``None`` where the cells of this layout are all
    empty) and diagnostics for cells that could not be read."""
    problems: list[Unparsed] = []

    def problem(message: str) -> None:
        problems.append(Unparsed(line.lineno, line.lineno, line.text, message))

    code_texts = [cells[c.index].strip() for c in layout.codes]
    name = tidy_name(cells[layout.name.index]) if layout.name else ""
    label = " ".join(t for t in code_texts if t)
    if label and not name and not re.search(r"\d", label):
        # A cell merged across the code and name columns (合计) stands in the 类 column.
        code_texts, name = [], tidy_name(label)
    elif len(code_texts) == 1 and not name and CODE_AND_NAME.match(label):
        # Code and name printed in one cell across both columns: "2080101 行政运行".
        match = CODE_AND_NAME.match(label)
        code_texts, name = [match.group(1)], tidy_name(match.group(2))
    code_parts, code_error = read_code(code_texts, previous_code)
    if code_error:
        problem(code_error)
    if layout.code_in_name and not code_parts:
        match = CODE_AND_NAME.match(name)
        if match:
            code_parts = parse_code(match.group(1)) or ()
            if code_parts:
                name = tidy_name(match.group(2))
    text = {c.key: tidy_name(cells[c.index]) for c in layout.texts if cells[c.index].strip()}
    values: dict[str, Optional[Decimal]] = {}
    ambiguous: list[str] = []
    for col in layout.numbers:
        value, ok = read_value(cells[col.index])
        values[col.key] = value
        if not ok:
            ambiguous.append(col.key)
            problem(f"cell {cells[col.index].strip()!r} under {col.key} is not a figure")
    if not name and not code_parts and text:
        # A total printed in the 项目名称 column, with the name column left blank.
        name = next(iter(text.values()))
    has_content = name or code_parts or text or any(v is not None for v in values.values()) or ambiguous
    if not has_content:
        return None, problems
    row = Row(
        line=line.lineno,
        name=name,
        values=values,
        code="".join(code_parts) or None,
        code_parts=tuple(code_parts),
        level=len(code_parts) or None,
        page=line.page,
        ambiguous=tuple(ambiguous),
        text=text,
        raw=line.text,
        box=line.box,
        boxes=_boxes(line, layout),
    )
    if not code_parts:
        if is_total_name(name):
            row.kind, row.level = "total", 0
        elif squeeze(name) == "小计" or (squeeze(org or "") and squeeze(name).startswith(squeeze(org or ""))):
            # 小计 closes the rows above it; the unit's own row (or its 本级) totals
            # what follows it.
            row.kind, row.level = "subtotal", 0
    return row, problems
