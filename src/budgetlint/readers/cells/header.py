"""Column headers of a table whose text form delimits cells (Word text, Markdown).

Both forms print a multi-level header as several rows, but they lose merged cells
differently:

- Markdown keeps every grid cell; a cell merged to the right shows as empty cells
  after it, a cell merged downwards as an empty cell below it.
- Word text keeps a vertically merged cell as an empty cell in each row it spans,
  but collapses a horizontally merged cell into one, so a header row can have fewer
  cells than the data rows. Its spans are recovered from the row below it.

``column_paths`` turns the header rows into one chain of header texts per grid
column (top to bottom); the leaf is the last text of the chain.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from budgetlint.core.figures import is_total_name, parse_code, parse_figure, squeeze

# Headers of columns that hold codes, names and other text rather than amounts; a
# code column is one of them (``celltable`` asks is_code_header only of label columns).
_CODE_HEADER = r"编码|代码|^[类款项]$"
LABEL_HEADER = re.compile(rf"{_CODE_HEADER}|名称|^项目$|^科目$|功能分类|经济分类|支出内容|^收入$|^支出$|^序号$|^备注$")
CODE_HEADER = re.compile(_CODE_HEADER)

# A classification code standing before a name in one cell: "208 社会保障和就业支出",
# "210卫生健康支出", "2080101 行政运行". The name must not start with a digit, so that
# "2023年…" is not read as code 202.
CODE_AND_NAME = re.compile(r"^(\d{3}(?:\s*\d{2}){0,2})\s*([^\d\s].*)$")

_NUMBERING_MARK = {"※", "*", "＊"}
# A dash alone marks an empty amount cell in some tables, an ellipsis the rows a
# template leaves out (``…``, ``………``); neither is a number.
DASH = re.compile(r"^(?:[-—–－─]+|[…⋯.。]{1,12})$")
_DECIMAL = re.compile(r"\d\.\d")


def is_label_header(leaf: str) -> bool:
    return LABEL_HEADER.search(squeeze(leaf)) is not None


def is_code_header(leaf: str) -> bool:
    return CODE_HEADER.search(squeeze(leaf)) is not None


def is_count(text: str) -> bool:
    return re.fullmatch(r"[0-9]{1,3}", text) is not None


def _is_mark(text: str) -> bool:
    return text in _NUMBERING_MARK or re.fullmatch(r"[A-Z]|栏次", text) is not None


def is_numbering_row(cells: Sequence[str]) -> bool:
    """The row of column numbers under a header (``※ ※ 1 2 3``, ``栏次 A B 1 2``), not data.

    Marks (※, letters) stand over codes and names, counts 1, 2, 3 … over amounts;
    without a mark, at least three counts from 1 make the row."""
    texts = [c.strip() for c in cells if c.strip()]
    if not texts or not all(_is_mark(t) or is_count(t) for t in texts):
        return False
    counts = [int(t) for t in texts if is_count(t)]
    if counts and counts != list(range(counts[0], counts[0] + len(counts))):
        return False
    if any(_is_mark(t) for t in texts):
        return True
    return len(counts) >= 3 and counts[0] == 1


def has_data_signal(cells: Sequence[str]) -> bool:
    """Whether a row carries a figure or a classification code (so it is no header)."""
    for cell in cells:
        text = cell.strip()
        if not text:
            continue
        if parse_figure(text) is not None or parse_code(text) is not None:
            return True
        if DASH.match(text) or _DECIMAL.search(text):
            return True  # an empty amount ("—") or a misprinted one ("1.2万") is no header
        if CODE_AND_NAME.match(text):
            return True
    return False


def _blank_total(cells: Sequence[str]) -> bool:
    """A 合计 row with no figure (a blank form's): the label alone in the first column. A
    header cell 合计 stands over an amount column, or beside other header cells."""
    texts = [c.strip() for c in cells]
    return bool(texts) and is_total_name(texts[0]) and not any(texts[1:])


def header_length(rows: Sequence[Sequence[str]]) -> int:
    """How many leading rows form the header: rows of text without figures or codes,
    up to and including a numbering row (``※ 1 2 3``) where there is one."""
    count = 0
    for index, cells in enumerate(rows):
        if is_numbering_row(cells):
            return index + 1
        if not any(c.strip() for c in cells) or has_data_signal(cells) or _blank_total(cells):
            break
        count = index + 1
    return count


# ---------------------------------------------------------------------------
# Word text: spans of collapsed header rows, recovered bottom-up.

Span = tuple[int, int, str]  # first column, last column, text


def _single_spans(cells: Sequence[str]) -> list[Span]:
    return [(i, i, c) for i, c in enumerate(cells)]


def _partition(spans: list[Span], split) -> list[list[Span]]:
    """Group consecutive spans: an empty span (a cell merged from above) stands alone,
    and ``split(prev, cur)`` says where a run of texts is cut."""
    groups: list[list[Span]] = []
    for span in spans:
        if not span[2] or not groups or not groups[-1][-1][2] or split(groups[-1][-1], span):
            groups.append([span])
        else:
            groups[-1].append(span)
    return groups


def _kind(span: Span) -> bool:
    return is_label_header(span[2])


_SPLITS = (
    lambda prev, cur: False,  # each run of texts under one upper cell
    lambda prev, cur: _kind(prev) != _kind(cur),  # labels apart from amounts
    lambda prev, cur: _kind(cur),  # each label opens a group (two-sided tables)
    lambda prev, cur: True,  # one upper cell per lower cell
)


def expand_row(upper: Sequence[str], lower: list[Span], width: int) -> list[Span]:
    """Spans of a Word header row with fewer cells than the grid, given the spans of
    the row below it. The first way of grouping the lower cells that yields exactly
    as many groups as the row has cells wins; failing all, the row is right-aligned
    with its first cell spanning what is left (codes and names are merged at the
    left of a disclosure table, amounts never)."""
    k = len(upper)
    for split in _SPLITS:
        groups = _partition(lower, split)
        if len(groups) == k:
            return [(g[0][0], g[-1][1], text) for g, text in zip(groups, upper)]
    return _right_aligned(upper, width)


def _right_aligned(cells: Sequence[str], width: int) -> list[Span]:
    k = len(cells)
    if k == 0:
        return [(0, width - 1, "")]
    extra = width - k
    spans = [(0, extra, cells[0])]
    spans.extend((extra + i, extra + i, c) for i, c in enumerate(cells[1:], start=1))
    return spans


def _to_grid(spans: list[Span], width: int) -> list[str]:
    grid = [""] * width
    for start, _end, text in spans:
        if 0 <= start < width:
            grid[start] = text
    return grid


def grid_rows(rows: Sequence[Sequence[str]], width: int) -> list[list[str]]:
    """Every header row as ``width`` cells, a merged cell's text at its first column."""
    spans: list[Optional[list[Span]]] = [None] * len(rows)
    for r in range(len(rows) - 1, -1, -1):
        cells = list(rows[r])
        if len(cells) >= width:
            spans[r] = _single_spans(cells[:width])
        elif r + 1 < len(rows) and spans[r + 1] is not None:
            spans[r] = expand_row(cells, spans[r + 1], width)
        else:
            spans[r] = _right_aligned(cells, width)
    return [_to_grid(s or [], width) for s in spans]


# ---------------------------------------------------------------------------
# Both forms: from grid rows to one chain of header texts per column.


def column_paths(grid: Sequence[Sequence[str]], width: int) -> list[tuple[str, ...]]:
    """Top-down: within the span of its parent, a header cell reaches right up to the
    next non-empty cell; a parent with no text below it is a leaf merged downwards."""
    paths: list[list[str]] = [[] for _ in range(width)]
    parents: list[tuple[int, int]] = [(0, width - 1)] if width else []
    for row in grid:
        children: list[tuple[int, int]] = []
        for start, end in parents:
            filled = [j for j in range(start, end + 1) if row[j].strip()]
            if not filled:
                children.append((start, end))
                continue
            if filled[0] > start:
                children.append((start, filled[0] - 1))
            for n, j in enumerate(filled):
                stop = filled[n + 1] - 1 if n + 1 < len(filled) else end
                children.append((j, stop))
                for col in range(j, stop + 1):
                    paths[col].append(row[j].strip())
        parents = children
    return [tuple(p) for p in paths]
