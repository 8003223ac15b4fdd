"""Tables over page breaks: which fragment continues which, and one column grid for
all the fragments of a table (so every row of a table has the same cells).

The first table on a page continues the last table of the page before when the pages
are as wide, the two have the same left and right edges (within 6 pt), and nothing
but furniture stands below the one or above the other.
"""

from __future__ import annotations

from typing import Sequence

from budgetlint.ingest.pdf.furniture import BOTTOM_BAND, TOP_BAND, PageLine
from budgetlint.ingest.pdf.ruled import Frag, cluster_values

EDGE = 6.0


def link_tables(page_frags: list[list[Frag]], page_lines: Sequence[Sequence[PageLine]],
                dims: Sequence[tuple[float, float]]) -> list[list[Frag]]:
    """Give every fragment its table id; return the tables as chains of fragments."""
    chains: list[list[Frag]] = []
    previous = None  # (last fragment, its page index)
    for i, frags in enumerate(page_frags):
        frags.sort(key=lambda f: f.bbox[1])
        for j, frag in enumerate(frags):
            if j == 0 and previous is not None and previous[1] == i - 1 and _continues(
                previous[0], frag, page_lines[i - 1], page_lines[i], dims[i - 1], dims[i]
            ):
                frag.table = previous[0].table
                chains[frag.table].append(frag)
            else:
                frag.table = len(chains)
                chains.append([frag])
        previous = (frags[-1], i) if frags else None
    for chain in chains:
        _table_grid(chain)
    return chains


def _continues(p: Frag, f: Frag, lines_p, lines_f, dim_p, dim_f) -> bool:
    if abs(dim_p[0] - dim_f[0]) > 2:
        return False
    if abs(p.bbox[0] - f.bbox[0]) > EDGE or abs(p.bbox[2] - f.bbox[2]) > EDGE:
        return False
    if any(p.bbox[3] - 1 < box[1] < BOTTOM_BAND * dim_p[1] for _, box, _ in lines_p):
        return False
    if any(TOP_BAND * dim_f[1] < box[3] < f.bbox[1] + 1 for _, box, _ in lines_f):
        return False
    return True


def _nearest(values: Sequence[float], x: float) -> int:
    return min(range(len(values)), key=lambda k: abs(values[k] - x))


def _table_grid(chain: list[Frag]) -> None:
    """Every fragment of a table on one column grid: the union of their rulings, or,
    for unruled tables (whose rivers wander a little from page to page), the columns
    of the widest fragment."""
    if len(chain) == 1:
        frag = chain[0]
        frag.txs, frag.cmap = list(frag.xs), list(range(len(frag.xs)))
        return
    if any(f.source == "aligned" for f in chain):
        txs = list(max(chain, key=lambda f: f.ncols).xs)
        for frag in chain:
            cmap = [_nearest(txs, x) for x in frag.xs]
            cmap[0], cmap[-1] = 0, len(txs) - 1
            for k in range(1, len(cmap) - 1):  # boundaries stay increasing
                cmap[k] = max(cmap[k], cmap[k - 1] + 1)
            frag.txs, frag.cmap = txs, cmap
        return
    txs = cluster_values([x for f in chain for x in f.xs], tol=3.0)
    for frag in chain:
        frag.txs, frag.cmap = txs, [_nearest(txs, x) for x in frag.xs]
