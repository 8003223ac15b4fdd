"""Tables from ruling lines: the segments of a page's drawing joined into grids, and
each character placed in the cell under its centre.

A grid's rows and columns come from the distinct positions of its rulings; two
neighbouring slots are one (merged) cell unless a ruling covers at least half of the
boundary between them. So merged cells come out with exact spans.
"""

from __future__ import annotations

import bisect
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional, Sequence

from budgetlint.core.model import Box
from budgetlint.ingest.pdf.model import Ch, PageModel, Segment
from budgetlint.ingest.pdf.text import cell_text

SNAP = 2.5  # points: rulings closer than this are one line (double rulings too)
JOIN = 3.0  # points: collinear pieces with a gap up to this are one line


@dataclass
class Cell:
    """A (possibly merged) cell of a grid: rows r0..r1, columns c0..c1 (inclusive)."""

    r0: int
    r1: int
    c0: int
    c1: int
    text: str = ""
    chars: list[Ch] = field(default_factory=list)


@dataclass
class Frag:
    """A table, or the part of one printed on one page, on its own grid."""

    page: int
    bbox: Box
    xs: list[float]  # column boundaries (one more than columns)
    ys: list[float]  # row boundaries
    cells: list[Cell]
    source: str = "ruled"
    table: int = -1  # set when fragments are chained over pages
    txs: list[float] = field(default_factory=list)  # the whole table's column boundaries
    cmap: list[int] = field(default_factory=list)  # own boundary index -> table boundary index

    @property
    def nrows(self) -> int:
        return len(self.ys) - 1

    @property
    def ncols(self) -> int:
        return len(self.xs) - 1


def merge_segments(segs: Sequence[Segment]) -> list[Segment]:
    """Collinear segments clustered (within SNAP) and overlapping pieces joined."""
    if not segs:
        return []
    ordered = sorted(segs)
    clusters = [[ordered[0]]]
    for s in ordered[1:]:
        if s[0] - clusters[-1][-1][0] <= SNAP:
            clusters[-1].append(s)
        else:
            clusters.append([s])
    out = []
    for cluster in clusters:
        pos = statistics.fmean(s[0] for s in cluster)
        spans = sorted((min(s[1], s[2]), max(s[1], s[2])) for s in cluster)
        a, b = spans[0]
        for x, y in spans[1:]:
            if x <= b + JOIN:
                b = max(b, y)
            else:
                out.append((pos, a, b))
                a, b = x, y
        out.append((pos, a, b))
    return out


def cluster_values(values: Sequence[float], tol: float = SNAP) -> list[float]:
    ordered = sorted(values)
    groups = [[ordered[0]]]
    for v in ordered[1:]:
        if v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [statistics.fmean(g) for g in groups]


class UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        p = self.parent
        while p[a] != a:
            p[a] = p[p[a]]
            a = p[a]
        return a

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[b] = a


def ruled_tables(pm: PageModel) -> list[Frag]:
    """The grids of a page: connected components of its rulings, outermost only (a
    frame drawn around a table is not a second table)."""
    hs = [h for h in merge_segments(pm.hseg) if h[2] - h[1] > 2]
    vs = [v for v in merge_segments(pm.vseg) if v[2] - v[1] > 2]
    if len(hs) < 2 or len(vs) < 2:
        return []
    uf = UnionFind(len(hs) + len(vs))
    order = sorted(range(len(vs)), key=lambda j: vs[j][0])
    xs = [vs[j][0] for j in order]
    for i, (y, x0, x1) in enumerate(hs):
        for k in range(bisect.bisect_left(xs, x0 - JOIN), bisect.bisect_right(xs, x1 + JOIN)):
            j = order[k]
            if vs[j][1] - JOIN <= y <= vs[j][2] + JOIN:
                uf.union(i, len(hs) + j)
    components: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for i, h in enumerate(hs):
        components[uf.find(i)][0].append(h)
    for j, v in enumerate(vs):
        components[uf.find(len(hs) + j)][1].append(v)
    frags = []
    for h_part, v_part in components.values():
        if len(h_part) >= 2 and len(v_part) >= 2:
            frag = _grid(h_part, v_part, pm.number)
            if frag is not None:
                frags.append(frag)
    frags.sort(key=lambda f: (f.bbox[2] - f.bbox[0]) * (f.bbox[3] - f.bbox[1]), reverse=True)
    kept: list[Frag] = []
    for frag in frags:
        if not any(_inside(frag.bbox, other.bbox) for other in kept):
            kept.append(frag)
    return kept


def _inside(a: Box, b: Box, tol: float = 2.0) -> bool:
    return a[0] >= b[0] - tol and a[1] >= b[1] - tol and a[2] <= b[2] + tol and a[3] <= b[3] + tol


def _coverage(spans: Sequence[tuple[float, float]], a: float, b: float) -> float:
    total = sum(max(0.0, min(b, s1) - max(a, s0)) for s0, s1 in spans)
    return total / max(b - a, 1e-6)


def _nearest(values: Sequence[float], x: float) -> int:
    return min(range(len(values)), key=lambda i: abs(values[i] - x))


def _grid(hs: list[Segment], vs: list[Segment], page: int) -> Optional[Frag]:
    xs = [v[0] for v in vs]
    ys = [h[0] for h in hs]
    # Open-sided tables: rulings that run past the outermost verticals or horizontals.
    hx0, hx1 = min(h[1] for h in hs), max(h[2] for h in hs)
    vy0, vy1 = min(v[1] for v in vs), max(v[2] for v in vs)
    if hx0 < min(xs) - 5:
        xs.append(hx0)
    if hx1 > max(xs) + 5:
        xs.append(hx1)
    if vy0 < min(ys) - 5:
        ys.append(vy0)
    if vy1 > max(ys) + 5:
        ys.append(vy1)
    xs, ys = cluster_values(xs), cluster_values(ys)
    if len(xs) < 2 or len(ys) < 2:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    v_at: dict[int, list] = defaultdict(list)
    for x, y0, y1 in vs:
        k = _nearest(xs, x)
        if abs(xs[k] - x) <= SNAP:
            v_at[k].append((y0, y1))
    h_at: dict[int, list] = defaultdict(list)
    for y, x0, x1 in hs:
        k = _nearest(ys, y)
        if abs(ys[k] - y) <= SNAP:
            h_at[k].append((x0, x1))
    uf = UnionFind(nr * nc)
    for r in range(nr):
        for c in range(1, nc):
            if _coverage(v_at.get(c, ()), ys[r], ys[r + 1]) < 0.5:
                uf.union(r * nc + c - 1, r * nc + c)
    for r in range(1, nr):
        for c in range(nc):
            if _coverage(h_at.get(r, ()), xs[c], xs[c + 1]) < 0.5:
                uf.union((r - 1) * nc + c, r * nc + c)
    groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in range(nr):
        for c in range(nc):
            groups[uf.find(r * nc + c)].append((r, c))
    cells = [
        Cell(min(p[0] for p in g), max(p[0] for p in g), min(p[1] for p in g), max(p[1] for p in g))
        for g in groups.values()
    ]
    # A grid of one cell, or in which every row is one cell wide, is a frame.
    if len(cells) < 2 or all(c.c0 == 0 and c.c1 == nc - 1 for c in cells):
        return None
    return Frag(page, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells)


def fill_cells(frag: Frag, chars: Sequence[Ch]) -> list[Ch]:
    """Put each character whose centre lies in the grid into its cell; return the rest."""
    x0, y0, x1, y1 = frag.bbox
    nc = frag.ncols
    slot = {}
    for index, c in enumerate(frag.cells):
        for r in range(c.r0, c.r1 + 1):
            for k in range(c.c0, c.c1 + 1):
                slot[r * nc + k] = index
    rest = []
    for ch in chars:
        cx, cy = ch.cx, ch.cy
        if not (x0 - 0.5 <= cx <= x1 + 0.5 and y0 - 0.5 <= cy <= y1 + 0.5):
            rest.append(ch)
            continue
        c = min(max(bisect.bisect_right(frag.xs, cx) - 1, 0), nc - 1)
        r = min(max(bisect.bisect_right(frag.ys, cy) - 1, 0), frag.nrows - 1)
        frag.cells[slot[r * nc + c]].chars.append(ch)
    for cell in frag.cells:
        cell.text = cell_text(cell.chars)
    return rest
