"""Rounding-aware arithmetic: every printed figure stands for an interval.

A figure printed to the hundredth (``817.59``) stands for any value within half a
hundredth of it. A stated total is inconsistent with its parts only when its interval
cannot meet the interval of their sum (the XBRL Calculations 1.1 rule). A difference
that rounding can explain is still worth a reviewer's look, at a lower severity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Optional, Sequence

ZERO = Decimal(0)


def decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@lru_cache(maxsize=64)
def _half_at(places: int) -> Decimal:
    return Decimal(5) * Decimal(10) ** (-(places + 1))


def half_unit(value: Optional[Decimal], places: Optional[int] = None) -> Decimal:
    """Half a unit of the last printed digit. An absent figure (empty cell) is an exact
    zero. ``places`` overrides the printed precision (a table printed to two places
    whose formatting dropped trailing zeros: ``3100`` standing for ``3100.00``).

    Never cache on the figure itself: ``Decimal("100") == Decimal("100.00")`` and the
    two hash alike, but they were printed to different precisions."""
    if value is None:
        return ZERO
    p = decimals(value) if places is None else max(places, decimals(value))
    return _half_at(p)


@dataclass(frozen=True)
class Verdict:
    """``status`` is ``ok`` (equal as printed), ``rounding`` (different, but within what
    rounding explains) or ``error``."""

    status: str
    stated: Decimal
    computed: Decimal
    tolerance: Decimal

    @property
    def difference(self) -> Decimal:
        return self.stated - self.computed


def compare(
    stated: Decimal,
    parts: Sequence[Optional[Decimal]],
    *,
    places: Optional[int] = None,
    tolerance: Optional[Decimal] = None,
) -> Verdict:
    """Compare a stated total with the sum of its parts (``None`` parts are empty).

    ``tolerance`` replaces the interval width when a pack sets a fixed one."""
    computed = ZERO
    for p in parts:
        if p is not None:
            computed += p
    if tolerance is None:
        tolerance = half_unit(stated, places)
        for p in parts:
            if p is not None:
                tolerance += half_unit(p, places)
    diff = abs(stated - computed)
    if diff == 0:
        status = "ok"
    elif diff <= tolerance:
        status = "rounding"
    else:
        status = "error"
    return Verdict(status, stated, computed, tolerance)


# Powers of ten from a table's unit to 万元, the unit tables and prose are compared in.
_TO_WAN = {"万元": 0, "元": -4}


def wan_shift(unit: Optional[str], other: Optional[str]) -> int:
    """The power of ten that puts a figure in ``unit`` into the unit of ``other``
    where the two differ (元 and 万元), 0 where they agree or either is unknown."""
    if unit == other or unit not in _TO_WAN or other not in _TO_WAN:
        return 0
    return _TO_WAN[unit] - _TO_WAN[other]


def shifted(value: Optional[Decimal], shift: int) -> Optional[Decimal]:
    """``value`` times 10**shift, exactly (``13500`` 元 is ``1.3500`` 万元)."""
    return value if value is None or not shift else value.scaleb(shift)


def fmt(value: Optional[Decimal]) -> str:
    """A figure as the document would print it (no exponent, no trailing noise)."""
    if value is None:
        return "0"
    text = format(value, "f")
    return text


def show_sum(stated: Decimal, parts: Iterable[Optional[Decimal]], computed: Decimal) -> str:
    """``817.59 ≠ 592.83 + 159.37 + 65.39 = 817.58``."""
    terms = [fmt(p) for p in parts if p is not None] or ["0"]
    sign = "=" if stated == computed else "≠"
    return show_terms(fmt(stated), sign, terms, fmt(computed))


def show_terms(stated: str, sign: str, terms: Sequence[str], computed: str) -> str:
    """``a ≠ b + c = d``; a sum of one term is that term (``3124.25 ≠ 3124.24``, not
    ``3124.25 ≠ 3124.24 = 3124.24``)."""
    if len(terms) == 1:
        return f"{stated} {sign} {terms[0]}"
    return f"{stated} {sign} {' + '.join(terms)} = {computed}"


def table_places(values: Iterable[Optional[Decimal]]) -> int:
    """The precision a table is printed to: the most decimal places any figure shows."""
    return max((decimals(v) for v in values if v is not None), default=0)
