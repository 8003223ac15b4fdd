"""The column names a table header prints, told by the profile's column roles.

A header in PDF text is wrapped and reordered, so it is read as a set of names: each
name of the profile's ``columns`` found in the header squeezed of spaces, the longest
first where names overlap (``本年支出合计`` before ``合计``). The readers use it to
check that a kind's standard columns are the ones printed, and to read a table that
prints one amount column whatever its kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from budgetlint.core.figures import name_key
from budgetlint.core.profile import Profile

TOTAL = "total"
GROUP = "group"  # a group header above columns (``一般公共预算支出``): no column itself


@dataclass(frozen=True)
class HeaderName:
    name: str
    role: str
    at: int


Vocabulary = tuple[tuple[str, str], ...]  # (name key, role), longest first


def vocabulary(profile: Profile) -> Vocabulary:
    entries = profile.section("columns") or ()
    return _vocabulary(tuple((e["role"], tuple(e.get("names") or ())) for e in entries))


@lru_cache(maxsize=32)
def _vocabulary(entries: tuple[tuple[str, tuple[str, ...]], ...]) -> Vocabulary:
    pairs = {(name_key(n), role) for role, names in entries for n in names if name_key(n)}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def header_names(header: str, vocab: Vocabulary) -> list[HeaderName]:
    """The vocabulary's names in ``header``, in the order printed, none overlapping."""
    text = name_key(header)
    taken = [False] * len(text)
    found: list[HeaderName] = []
    for name, role in vocab:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(name)
                found.append(HeaderName(name, role, start))
            start = text.find(name, end)
    return sorted(found, key=lambda h: h.at)


def foreign(found: Iterable[HeaderName], keys: Sequence[str]) -> list[str]:
    """Names in the header that are none of ``keys`` (a template's columns) nor part
    of one: the table has columns the template does not know."""
    out = []
    for h in found:
        if h.role == GROUP:
            continue
        if not any(h.name in k or k in h.name for k in keys) and h.name not in out:
            out.append(h.name)
    return out


def single_amount(found: Sequence[HeaderName]) -> str | None:
    """The one amount column of a header that names no other (``金额``); a name printed
    twice is a table of two column pairs side by side."""
    found = [h for h in found if h.role != GROUP]
    if len(found) == 1 and found[0].role == TOTAL:
        return found[0].name
    return None
