"""A chained table's fragments as rows on the table's grid: merged cells kept once,
a row cut by a page break joined back, repeated header rows marked."""

from __future__ import annotations

from typing import Optional

from budgetlint.core.model import Box
from budgetlint.ingest.pdf.model import Item
from budgetlint.ingest.pdf.ruled import Frag
from budgetlint.ingest.normalize import join_wrapped
from budgetlint.ingest.pdf.text import group_lines, is_num

# Repeated header rows are looked for among this many first rows of a continuation.
MAX_HEADER_ROWS = 6


def _rounded(box) -> Box:
    return tuple(round(v, 2) for v in box)  # type: ignore[return-value]


def _grid_rows(frag: Frag, ncols: int, repeat: bool) -> list[list]:
    """[cells, boxes, spans] per row of ``frag``, on the table grid ``frag.txs``."""
    txs = frag.txs
    rows = [[[""] * ncols, [None] * ncols, [(1, 1)] * ncols] for _ in range(frag.nrows)]
    for c in frag.cells:
        tc0 = frag.cmap[c.c0]
        tc1 = max(frag.cmap[c.c1 + 1] - 1, tc0)
        merged = (frag.xs[c.c0], frag.ys[c.r0], frag.xs[c.c1 + 1], frag.ys[c.r1 + 1])
        for r in range(c.r0, c.r1 + 1):
            for k in range(tc0, tc1 + 1):
                origin = r == c.r0 and k == tc0
                rows[r][1][k] = merged if origin else (txs[k], frag.ys[r], txs[k + 1], frag.ys[r + 1])
                rows[r][2][k] = (c.r1 - c.r0 + 1, tc1 - tc0 + 1) if origin else (0, 0)
                if origin or repeat:
                    rows[r][0][k] = c.text
    for r, row in enumerate(rows):
        for k in range(ncols):
            if row[1][k] is None:
                row[1][k] = (txs[k], frag.ys[r], txs[k + 1], frag.ys[r + 1])
    return rows


def chain_rows(chain: list[Frag], repeat: bool = False) -> dict[int, list[Item]]:
    """The row items of one table, by fragment (``id``). ``repeat`` writes a merged
    cell's text into every slot it covers instead of its first one only."""
    ncols = len(chain[0].txs) - 1
    out: dict[int, list[Item]] = {}
    rowno = 0
    first_rows: list[tuple[str, ...]] = []
    last: Optional[tuple[Item, Frag]] = None
    for fi, frag in enumerate(chain):
        rows = _grid_rows(frag, ncols, repeat)
        skip = 0
        if last is not None and rows and _is_split_row(last[0], rows[0], last[1]):
            _join_into(last[0], rows[0][0])
            skip = 1
        items = []
        region = _rounded(frag.bbox)
        for r in range(skip, len(rows)):
            cells, boxes, spans = rows[r]
            box = _rounded((frag.xs[0], frag.ys[r], frag.xs[-1], frag.ys[r + 1]))
            items.append(Item(
                "row", frag.page, box, text=" ".join(x for x in cells if x), cells=tuple(cells),
                cell_boxes=tuple(_rounded(b) for b in boxes), spans=tuple(spans), table=frag.table,
                row=rowno, region=region, continued=fi > 0 and r == skip, source=frag.source,
            ))
            rowno += 1
        if fi == 0:
            first_rows = [it.cells for it in items]
        else:
            _mark_header_repeats(items, first_rows)
        out[id(frag)] = items
        if items:
            last = (items[-1], frag)
    return out


def _mark_header_repeats(items: list[Item], first_rows: list[tuple[str, ...]]) -> None:
    for k, item in enumerate(items[:MAX_HEADER_ROWS]):
        if k < len(first_rows) and item.cells == first_rows[k] and any(item.cells) \
                and not any(is_num(x) for x in item.cells if x):
            item.header_repeat = True
        else:
            break


def _join_into(prev: Item, tail: list[str]) -> None:
    prev.cells = tuple(join_wrapped([c, t]) if t else c for c, t in zip(prev.cells, tail))
    prev.text = " ".join(x for x in prev.cells if x)


def _is_split_row(prev: Item, first: list, frag: Frag) -> bool:
    """Whether this page's first row is the tail of ``prev`` (the last row of the page
    before) cut by the page break: it has text only where ``prev`` has, that text is
    no figure, and ``prev``'s text there fills its cell to the right edge (it wrapped;
    a name that merely ends a page stops short of it)."""
    cells = first[0]
    filled = [k for k, x in enumerate(cells) if x]
    if not filled:
        return False
    for k in filled:
        if not prev.cells[k] or is_num(cells[k]) or is_num(prev.cells[k]):
            return False
    for k in filled:
        box = prev.cell_boxes[k]
        cell = next((c for c in frag.cells if frag.cmap[c.c0] == k and c.chars
                     and frag.ys[c.r0] <= prev.box[1] + 0.5 and frag.ys[c.r1 + 1] >= prev.box[3] - 0.5), None)
        if cell is None:
            return False
        lines = group_lines(cell.chars)
        size = max(ch.size for ch in lines[-1])
        left_pad = min(ch.x0 for ch in lines[0]) - box[0]
        if box[2] - max(ch.x1 for ch in lines[-1]) > max(left_pad, 0) + 1.0 * size:
            return False
    return True
