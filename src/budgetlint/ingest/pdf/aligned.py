"""Tables from word alignment, for tables printed without rulings.

1. A candidate row is a line of at least two segments (gaps of 1 em or more) one of
   which is a number, or of at least three segments; a run of at least three
   candidates (with up to two other lines inside) seeds a table.
2. The seed grows down and up over lines at its row pitch that are not prose; going
   up it takes header lines without figures and stops at the ``单位：`` caption.
3. Columns are the white "rivers" that cross every row with figures (a figure with
   its separators, ``156, 211, 123``, is never cut).
4. A single non-numeric line closer than 0.7 of the row pitch to the row above is a
   wrapped cell of that row.
"""

from __future__ import annotations

import bisect
import math
import statistics
from typing import Sequence

from budgetlint.ingest.pdf.model import Ch, PageModel
from budgetlint.ingest.pdf.ruled import Cell, Frag
from budgetlint.ingest.pdf.text import cell_text, is_num, line_text

Line = list[Ch]


def segments(line: Sequence[Ch], gap_em: float = 1.0) -> list[list[Ch]]:
    """A line (sorted by x) cut at gaps wider than ``gap_em``."""
    segs = [[line[0]]]
    for a, b in zip(line, line[1:]):
        if b.x0 - a.x1 > gap_em * max(a.size, b.size, 1.0):
            segs.append([b])
        else:
            segs[-1].append(b)
    return segs


def _height(line: Line) -> float:
    return max(c.bottom for c in line) - min(c.top for c in line)


def _vgap(a: Line, b: Line) -> float:
    return min(c.top for c in b) - max(c.bottom for c in a)


def _left(line: Line) -> float:
    return min(c.x0 for c in line)


def _right(line: Line) -> float:
    return max(c.x1 for c in line)


def aligned_tables(pm: PageModel, lines: Sequence[Line]) -> tuple[list[Frag], set[int]]:
    """The unruled tables among a page's text lines (top to bottom), and the indexes of
    the lines they took."""
    n = len(lines)
    if n < 3:
        return [], set()
    segs = [segments(ln) for ln in lines]
    nnum = [sum(1 for sg in ss if is_num(line_text(sg))) for ss in segs]
    cand = [len(segs[k]) >= 2 and (nnum[k] >= 1 or len(segs[k]) >= 3) for k in range(n)]
    frags: list[Frag] = []
    used: set[int] = set()
    i = 0
    while i < n:
        if not cand[i] or i in used:
            i += 1
            continue
        run = _seed(lines, cand, i)
        if len(run) < 3:
            i = run[-1] + 1
            continue
        first, last = run[0], run[-1]
        gaps = [g for g in (_vgap(lines[a], lines[a + 1]) for a in range(first, last)) if g > 0]
        pitch = max(statistics.median(gaps or [1.0]), 1.0)
        x0 = min(_left(lines[b]) for b in run)
        x1 = max(_right(lines[b]) for b in run)

        def prose(b: int) -> bool:
            wide = len(segs[b]) == 1 and _right(lines[b]) - _left(lines[b]) > 0.7 * (x1 - x0)
            return (wide and nnum[b] == 0) or line_text(lines[b]).endswith("。")

        def within(b: int) -> bool:
            return _left(lines[b]) >= x0 - 5 and _right(lines[b]) <= x1 + 5

        # Down: a row with figures may follow blank rows.
        while (last + 1 < n and last + 1 not in used and not prose(last + 1) and within(last + 1)
               and _vgap(lines[last], lines[last + 1]) <= (8.0 if cand[last + 1] and nnum[last + 1] else 1.8) * pitch):
            last += 1
        # Up: header lines without figures, as far as the unit caption.
        while (first - 1 >= 0 and first - 1 not in used and not prose(first - 1) and nnum[first - 1] == 0
               and "单位" not in line_text(lines[first - 1]) and within(first - 1)
               and _vgap(lines[first - 1], lines[first]) <= 1.8 * pitch):
            first -= 1
        # Rivers come from the rows with figures: centred headers would cut elsewhere.
        body = [b for b in range(first, last + 1) if cand[b] and nnum[b] >= 1]
        if len(body) < 3:
            body = [b for b in range(first, last + 1) if cand[b]]
        frag = _frag(pm, lines[first : last + 1], segs[first : last + 1], [lines[b] for b in body], pitch)
        if frag is not None:
            frags.append(frag)
            used.update(range(first, last + 1))
        i = last + 1
    return frags, used


def _seed(lines: Sequence[Line], cand: list[bool], i: int) -> list[int]:
    """The run of candidate lines from ``i``: up to two other lines inside, cut where the
    vertical gap grows large."""
    cands = [i]
    k, skipped = i + 1, 0
    while k < len(lines) and skipped <= 2:
        if cand[k]:
            cands.append(k)
            skipped = 0
        else:
            skipped += 1
        k += 1
    run = [cands[0]]
    for b in cands[1:]:
        if _vgap(lines[run[-1]], lines[b]) > 3.0 * _height(lines[b]) * (b - run[-1]):
            break
        run.append(b)
    return run


def _rivers(body: Sequence[Line]) -> list[float]:
    """x positions of the white gaps that cross every body line."""
    spans = []
    for line in body:
        a = line[0]
        t0, t1 = a.x0, a.x1
        for b in line[1:]:
            gap = b.x0 - t1
            size = max(a.size, b.size, 1.0)
            numeric = a.t in "0123456789,.，" and b.t in "0123456789,.%"
            if gap < 0.3 * size or (numeric and gap < 1.0 * size):
                t1 = max(t1, b.x1)
            else:
                spans.append((t0, t1))
                t0, t1 = b.x0, b.x1
            a = b
        spans.append((t0, t1))
    spans.sort()
    sizes = sorted(c.size for line in body for c in line)
    min_gap = max(0.3 * sizes[len(sizes) // 2], 1.5)
    seps = []
    end = spans[0][1]
    for a, b in spans[1:]:
        if a - end >= min_gap:
            seps.append((end + a) / 2)
        end = max(end, b)
    return seps


def _column(xs: Sequence[float], x: float) -> int:
    return min(max(bisect.bisect_right(xs, x) - 1, 0), len(xs) - 2)


def _frag(pm: PageModel, lines: Sequence[Line], segsl, body: Sequence[Line], pitch: float):
    x0 = min(_left(ln) for ln in lines)
    x1 = max(_right(ln) for ln in lines)
    seps = _rivers(body)
    if not seps:
        return None
    xs = [x0 - 1, *seps, x1 + 1]
    rows: list[list] = []  # [top, bottom, chars]
    for line, segs in zip(lines, segsl):
        top, bottom = min(c.top for c in line), max(c.bottom for c in line)
        tight = bool(rows) and top - rows[-1][1] < 0.7 * pitch
        if tight and len(segs) == 1 and not is_num(line_text(segs[0])):
            rows[-1][2].extend(line)
            rows[-1][1] = bottom
        else:
            rows.append([top, bottom, list(line)])
    ys = [rows[0][0] - 1, *((a[1] + b[0]) / 2 for a, b in zip(rows, rows[1:])), rows[-1][1] + 1]
    nc = len(xs) - 1
    cells = [Cell(r, r, c, c) for r in range(len(rows)) for c in range(nc)]
    # Each column's extent in the body rows, where header segments are matched.
    extent = [[math.inf, -math.inf] for _ in range(nc)]
    for line in body:
        for ch in line:
            col = extent[_column(xs, ch.cx)]
            col[0], col[1] = min(col[0], ch.x0), max(col[1], ch.x1)
    body_chars = {id(ch) for line in body for ch in line}
    for r, row in enumerate(rows):
        chars = sorted(row[2], key=lambda ch: ch.x0)
        if any(id(ch) in body_chars for ch in chars):
            for ch in chars:
                cells[r * nc + _column(xs, ch.cx)].chars.append(ch)
            continue
        # A header is centred over its column(s): it goes where it overlaps body text most.
        for seg in segments(chars):
            a, b = seg[0].x0, max(ch.x1 for ch in seg)
            best, best_overlap = None, 0.0
            for c in range(nc):
                overlap = min(b, extent[c][1]) - max(a, extent[c][0])
                if overlap > best_overlap:
                    best, best_overlap = c, overlap
            if best is None:
                best = _column(xs, (a + b) / 2)
            cells[r * nc + best].chars.extend(seg)
    for cell in cells:
        cell.text = cell_text(cell.chars)
    return Frag(pm.number, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells, source="aligned")
