"""Which column does each figure of a PDF text row stand in?

PDF text drops empty cells, so a row printed ``592.83 592.83`` under the columns
合计 / 基本支出 / 项目支出 does not say whether the second figure is 基本支出 or
项目支出. The table's own arithmetic usually does: the row must satisfy its row sums
(合计 = 基本支出 + 项目支出) and the tree sums it takes part in (a 类 = the sum of
its 款, per column). This module enumerates every placement of a row's figures
(they keep their printed order; the first is the total column), keeps the placements
consistent with those sums, and propagates until nothing changes.

Soundness over cleverness: a placement is only ever removed when some sum proves it
impossible, so whatever survives includes the true one. A column the surviving
placements disagree about is reported as ambiguous, never guessed silently. A sum
that no combination of placements satisfies is the document's own error (the linter
reports it); it is set aside rather than allowed to prune anything.

Caps (the search must stay near-linear in the number of rows):
- ``MAX_ROW_CANDIDATES`` placements per row; a row with more keeps the first ones
  and marks every column after the total column ambiguous.
- ``MAX_COMBINATIONS``: a sum is checked exactly (every combination of its rows'
  placements) only when the product of their counts stays under this cap; otherwise
  each column is checked on its own against the set of sums the other rows can
  give (a relaxation, still sound), that set capped at ``MAX_STATES``; past
  ``MAX_LOOSE_ROWS`` undecided rows in one sum, only against the least and the
  greatest of those sums.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from math import comb
from operator import itemgetter
from typing import Optional, Sequence

from budgetlint.core.arith import ZERO, compare, half_unit

MAX_ROW_CANDIDATES = 2000
MAX_COMBINATIONS = 512
MAX_STATES = 2048
MAX_LOOSE_ROWS = 48

Candidate = tuple[Optional[Decimal], ...]


@dataclass(frozen=True)
class Sum:
    """``rows[total]`` equals the sum of ``rows[parts]`` in every column."""

    total: int
    parts: tuple[int, ...]


@dataclass
class Problem:
    """``readings[i]`` lists the alternative figure sequences of row ``i`` (more than one
    where a number split across lines may or may not be rejoined). ``row_sums`` name a
    total column and its part columns; ``fixed`` pins a row's column to a value known
    from elsewhere in the same table."""

    keys: Sequence[str]
    readings: Sequence[Sequence[tuple[Decimal, ...]]]
    row_sums: Sequence[tuple[str, Sequence[str]]] = ()
    sums: Sequence[Sum] = ()
    fixed: Sequence[tuple[int, str, Optional[Decimal]]] = ()
    places: Optional[int] = None
    first_is_total: bool = True


@dataclass
class Placement:
    values: dict[str, Optional[Decimal]]
    ambiguous: tuple[str, ...] = ()
    overflow: bool = False  # more figures than columns: the row was not read
    candidates: int = 0  # how many placements survived (for diagnostics)
    notes: list[str] = field(default_factory=list)


def enumerate_candidates(figures: Sequence[Decimal], width: int, first_is_total: bool) -> tuple[list[Candidate], bool]:
    """Every placement of ``figures`` (in printed order) into ``width`` columns; the
    second result is True when the cap cut the list short."""
    count = len(figures)
    if count == 0:
        return [tuple([None] * width)], False
    if count > width:
        return [], False
    if first_is_total:
        slots_from, rest = 1, list(figures[1:])
    else:
        slots_from, rest = 0, list(figures)
    total = comb(width - slots_from, len(rest))
    out: list[Candidate] = []
    for positions in itertools.combinations(range(slots_from, width), len(rest)):
        cells: list[Optional[Decimal]] = [None] * width
        if first_is_total:
            cells[0] = figures[0]
        for pos, value in zip(positions, rest):
            cells[pos] = value
        out.append(tuple(cells))
        if len(out) >= MAX_ROW_CANDIDATES:
            break
    return out, total > len(out)


def _fits(stated: Optional[Decimal], parts: Sequence[Optional[Decimal]], places: Optional[int]) -> bool:
    if stated is None and all(p is None for p in parts):
        return True
    return compare(stated if stated is not None else ZERO, list(parts), places=places).status != "error"


class _Scaled:
    """Figures as integers at a common scale, with their half-units, so that the hot
    loop of the exact check is integer arithmetic. Same verdicts as ``arith.compare``
    (an empty cell is an exact zero)."""

    def __init__(self, figures: list[Decimal], places: Optional[int]):
        # Keyed by the printed form: equal Decimals of different precision (100 and
        # 100.00) hash alike but stand for different intervals.
        printed = [str(v) for v in figures]
        values = dict(zip(printed, figures))
        halves = {k: half_unit(v, places) for k, v in values.items()}
        exponent = min([h.as_tuple().exponent for h in halves.values()] + [0])
        scale = Decimal(10) ** (-exponent)
        self.table: dict[str, tuple[int, int]] = {
            k: (int(values[k] * scale), int(h * scale)) for k, h in halves.items()
        }
        # Every placement holds the row's own figure objects, so a figure is looked up
        # by identity: its printed form is made once, not once per placement it is in.
        self.by_id: dict[int, tuple[int, int]] = {id(v): self.table[k] for v, k in zip(figures, printed)}

    def row(self, cand: Candidate) -> tuple[Optional[tuple[int, int]], ...]:
        # an empty cell (None) is no figure of the row: .get gives None for it
        return tuple(map(self.by_id.get, map(id, cand)))


def _getter(columns: Sequence[int]):
    """A function giving a row's cells in ``columns``, as a tuple even for one column."""
    if len(columns) == 1:
        only = columns[0]
        return lambda row: (row[only],)
    if not columns:
        return lambda row: ()
    return itemgetter(*columns)


def _fits_scaled(total, parts) -> bool:
    if total is None:
        if all(p is None for p in parts):
            return True
        value, tol = 0, 0
    else:
        value, tol = total
    computed = 0
    for part in parts:
        if part is not None:
            computed += part[0]
            tol += part[1]
    return abs(value - computed) <= tol


def solve(problem: Problem) -> list[Placement]:
    keys = list(problem.keys)
    width = len(keys)
    index = {k: i for i, k in enumerate(keys)}
    row_sums = [(index[t], [index[p] for p in parts]) for t, parts in problem.row_sums if t in index]
    domains: list[list[Candidate]] = []
    truncated: list[bool] = []
    overflow: list[bool] = []
    all_cands: list[list[Candidate]] = []
    for readings in problem.readings:
        cands: list[Candidate] = []
        seen: set[Candidate] = set()
        cut = False
        for reading in readings or [()]:
            found, was_cut = enumerate_candidates(reading, width, problem.first_is_total)
            cut = cut or was_cut
            for cand in found:
                if cand not in seen:
                    seen.add(cand)
                    cands.append(cand)
        overflow.append(not cands)
        truncated.append(cut)
        if not cands:
            cands = [tuple([None] * width)]
        all_cands.append(cands)

    # Every placement scaled to integers once; keyed by identity, because equal
    # Decimals of different precision (100, 100.00) are equal tuple members.
    scaled = _Scaled([v for readings in problem.readings for reading in readings for v in reading], problem.places)
    ints = {id(c): scaled.row(c) for cands in all_cands for c in cands}
    part_getters = [(t, _getter(ps)) for t, ps in row_sums]
    for cands in all_cands:
        # The row's own sums first; a row that breaks them under every placement is
        # the document's error, and keeps all its placements.
        kept = cands
        if row_sums:
            kept = []
            for c in cands:
                row = ints[id(c)]
                if all(_fits_scaled(row[t], parts(row)) for t, parts in part_getters):
                    kept.append(c)
        domains.append(kept or cands)

    for row, key, value in problem.fixed:
        if key not in index or row >= len(domains):
            continue
        col = index[key]
        kept = [c for c in domains[row] if _fits(value, [c[col]], problem.places)]
        if kept:
            domains[row] = kept

    _propagate(domains, list(problem.sums), width, ints)

    out = []
    for i, cands in enumerate(domains):
        first = cands[0]
        # one placement left (most rows) leaves nothing in doubt; else column by column,
        # the placements transposed once
        ambiguous = [] if len(cands) == 1 else [keys[c] for c, cells in enumerate(zip(*cands)) if len(set(cells)) > 1]
        if truncated[i]:
            ambiguous = keys[1:] if problem.first_is_total else keys[:]
        out.append(
            Placement(
                values={keys[c]: first[c] for c in range(width)},
                ambiguous=tuple(ambiguous),
                overflow=overflow[i],
                candidates=len(cands),
            )
        )
    return out


def _propagate(domains: list[list[Candidate]], sums: list[Sum], width: int, ints: dict) -> None:
    """Re-check a sum whenever one of its rows lost placements, until nothing changes."""
    broken: set[int] = set()
    touching: dict[int, list[int]] = {}
    for number, con in enumerate(sums):
        for r in (con.total, *con.parts):
            touching.setdefault(r, []).append(number)
    def cost(number: int) -> int:
        # The fewest combinations first: a small sum (合计 = 301 + 302 + 303) often
        # decides rows that a large one (301 = its ten 款) would otherwise enumerate.
        size = 1
        for r in (sums[number].total, *sums[number].parts):
            size *= len(domains[r]) if r < len(domains) else 1
            if size > MAX_COMBINATIONS:
                break
        return size

    pending = [(cost(n), n) for n in range(len(sums))]
    heapq.heapify(pending)
    queued = {n for _, n in pending}
    while pending:
        _, number = heapq.heappop(pending)
        queued.discard(number)
        if number in broken:
            continue
        con = sums[number]
        rows = [con.total, *con.parts]
        if any(r >= len(domains) for r in rows) or len(set(rows)) != len(rows):
            broken.add(number)
            continue
        if all(len(domains[r]) == 1 for r in rows):
            continue  # nothing left to decide; a mismatch is for the linter
        support = _support(con, domains, width, ints)
        if support is None:
            continue
        if any(not support[r] for r in rows):
            broken.add(number)  # unsatisfiable: the document's error, prunes nothing
            continue
        for r in rows:
            if len(support[r]) < len(domains[r]):
                domains[r] = [domains[r][i] for i in sorted(support[r])]
                for other in touching.get(r, ()):
                    if other != number and other not in queued:
                        heapq.heappush(pending, (cost(other), other))
                        queued.add(other)


def _support(con: Sum, domains, width: int, ints: dict) -> Optional[dict[int, set[int]]]:
    """The placements of each row of ``con`` that some combination of the other rows'
    placements satisfies. The cheap column-by-column check runs first; the exact check
    (every combination) then runs on its survivors only, when they are few enough."""
    rows = [con.total, *con.parts]
    support = _support_relaxed(con, domains, width, ints)
    size = 1
    for r in rows:
        size *= len(support[r])
    if size <= 1 or size > MAX_COMBINATIONS:
        return support
    kept = {r: sorted(support[r]) for r in rows}
    options = [[ints[id(domains[r][i])] for i in kept[r]] for r in rows]
    exact: dict[int, set[int]] = {r: set() for r in rows}
    columns = range(width)
    for combo in itertools.product(*(range(len(o)) for o in options)):
        total = options[0][combo[0]]
        parts = [options[k + 1][i] for k, i in enumerate(combo[1:])]
        if all(_fits_scaled(total[c], [p[c] for p in parts]) for c in columns):
            for r, i in zip(rows, combo):
                exact[r].add(kept[r][i])
    return exact


def _support_relaxed(con: Sum, domains, width: int, ints: dict) -> dict[int, set[int]]:
    """Column by column: a placement survives when, in every column, some choice of the
    other rows' values in that column (each row's values taken independently of its
    other columns) balances the sum. Weaker than the exact check, never unsound.

    The sums the other rows can reach are the join of what the rows before and the
    rows after can reach (prefix and suffix sets), so each row costs one pass. All in
    integers at a common scale (see ``_Scaled``)."""
    rows = [con.total, *con.parts]
    sign = {con.total: -1, **{p: 1 for p in con.parts}}
    # each row's cells column by column, transposed once (not once per column)
    by_column = {r: list(zip(*[ints[id(cand)] for cand in domains[r]])) for r in rows}
    support = {r: set(range(len(domains[r]))) for r in rows}
    for c in range(width):
        # An upper bound of the interval width of any combination: each row's widest
        # figure in this column (a figure printed as 2772 stands for ±0.5).
        tolerance = 0
        fixed = 0
        loose = []
        column: dict[int, list[int]] = {}
        for r in rows:
            cells = by_column[r][c]
            tolerance += max((cell[1] for cell in cells if cell is not None), default=0)
            column[r] = [sign[r] * (cell[0] if cell is not None else 0) for cell in cells]
            values = set(column[r])
            if len(values) == 1:
                fixed += next(iter(values))
            else:
                loose.append(r)
        if not loose:
            continue  # every value fixed: nothing to decide in this column
        if len(loose) > MAX_LOOSE_ROWS:
            _prune_by_bounds(loose, fixed, column, tolerance, support)
            continue
        prefix = _reachable(loose, column)
        suffix = _reachable(loose[::-1], column)
        if prefix is None or suffix is None:
            continue  # too many sums to track: the column decides nothing
        suffix.reverse()
        for k, r in enumerate(loose):
            before, after = prefix[k], sorted(suffix[k + 1])
            # A row's placements share a handful of values in one column: test each
            # value once, not each placement.
            if len(before) > len(after):  # scan the smaller set, search the larger
                before, after = after, sorted(before)
            fits = {
                value: any(_near(after, -fixed - value - a, tolerance) for a in before)
                for value in {column[r][i] for i in support[r]}
            }
            support[r] = {i for i in support[r] if fits[column[r][i]]}
    return support


def _prune_by_bounds(loose, fixed, column, tolerance, support) -> None:
    """The cheapest sound check, for sums over many undecided rows: the other rows'
    total lies between the sums of their smallest and of their largest values."""
    low = {r: min(column[r]) for r in loose}
    high = {r: max(column[r]) for r in loose}
    all_low, all_high = sum(low.values()), sum(high.values())
    for r in loose:
        lo, hi = all_low - low[r] - tolerance, all_high - high[r] + tolerance
        support[r] = {i for i in support[r] if lo <= -fixed - column[r][i] <= hi}


def _reachable(rows: list[int], column: dict[int, list[int]]) -> Optional[list[set[int]]]:
    """``out[k]``: every signed sum the first ``k`` rows can reach in one column
    (None past the cap)."""
    states = {0}
    out = [states]
    for r in rows:
        values = set(column[r])
        # one shifted copy of the states per value, a zero (an empty cell, the commonest
        # value) a plain copy: half the time of one comprehension over the pairs
        reached = set(states) if 0 in values else set()
        for v in values:
            if v:
                reached.update([s + v for s in states])
        states = reached
        if len(states) > MAX_STATES:
            return None
        out.append(states)
    return out


def _near(ordered: list[int], target: int, tolerance: int) -> bool:
    pos = bisect.bisect_left(ordered, target - tolerance)
    return pos < len(ordered) and ordered[pos] <= target + tolerance
