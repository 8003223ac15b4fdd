"""Places into projects: which mentions name the same budget project.

Names are matched by their normalised form: equal names first, then one name
containing the other, then a character-level similarity ratio above a threshold (a
rule parameter). The assignment is one to one and greedy over all candidate pairs,
best pair first, so that the closest pair is never broken up by an earlier, weaker
match, and no place joins two projects.
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from typing import Iterable, Optional

from budgetlint.core.model import Document
from budgetlint.core.readings import Place, Project

# How a place was matched to its project, best first. ``anchor`` is the first place.
EQUAL, CONTAINS, SIMILAR = 3, 2, 1
# Similarity ratios measured on the corpus: the closest two DIFFERENT projects of one
# document score 0.79 (昌吉市: 关于提前下达…资金的通知 / 提前下达…资金预算, kept apart
# because each has an equal-named place), the most different names of ONE project
# 0.67 (2020: 社保基金专业审计工作经费 / 社保基金监督检查审计经费, same amount 10).
# A ratio alone matches at 0.75; from 0.65 only when the amounts agree as well.
DEFAULT_THRESHOLD = 0.75
DEFAULT_WEAK = 0.65
# Grouping compares every place with every project found so far (a similarity
# ratio each): quadratic. The corpus has at most 8 places of a kind and a large
# department a few dozen; a document with more than this many is a concatenation or
# a dump, and its projects are not cross-referenced (no finding beats a false one,
# and the time stays linear in the file's size).
MAX_PLACES = 300


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_tier(
    a: str, b: str, threshold: float = DEFAULT_THRESHOLD, weak: Optional[float] = None
) -> tuple[int, float]:
    """How two normalised names match: (EQUAL|CONTAINS|SIMILAR, ratio), (0, ratio) if
    they do not. Containment needs the shorter name to be a real name (6+ characters)
    and at least half the longer one, so that a generic ``就业补助资金`` matches nothing.
    ``weak`` lowers the similarity threshold, for a pair whose amounts already agree."""
    if not a or not b:
        return 0, 0.0
    if a == b:
        return EQUAL, 1.0
    ratio = similarity(a, b)
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 6 and short in long_ and len(short) * 2 >= len(long_):
        return CONTAINS, ratio
    if ratio >= (threshold if weak is None else min(weak, threshold)):
        return SIMILAR, ratio
    return 0, ratio


def _grouping_tier(
    a: str, b: str, threshold: float, weak: Optional[float], counts: Optional[dict[str, Counter]] = None
) -> tuple[int, float]:
    """``match_tier`` where a pair that does not match may score (0, 0.0): grouping
    never reads the ratio of a non-match. Difflib's cheap upper bounds of the ratio
    (``real_quick_ratio``, ``quick_ratio``, computed here as difflib does from the
    names' lengths and character counts, the counts once per name in ``counts``) rule
    out most pairs without the full (quadratic) comparison; a pair they let through
    gets the same tier and ratio as from ``match_tier``."""
    if a and b and a != b:
        short, long_ = sorted((a, b), key=len)
        if not (len(short) >= 6 and short in long_ and len(short) * 2 >= len(long_)):
            limit = threshold if weak is None else min(weak, threshold)
            length = len(a) + len(b)
            if 2.0 * len(short) / length < limit:
                return 0, 0.0
            ca, cb = _counts(a, counts), _counts(b, counts)
            matches = sum(min(n, cb[ch]) for ch, n in ca.items() if ch in cb)
            if 2.0 * matches / length < limit:
                return 0, 0.0
    return match_tier(a, b, threshold, weak)


def _counts(name: str, cache: Optional[dict[str, Counter]]) -> Counter:
    if cache is None:
        return Counter(name)
    found = cache.get(name)
    if found is None:
        found = cache[name] = Counter(name)
    return found


def projects_of(doc: Document, threshold: float = DEFAULT_THRESHOLD, weak_threshold: float = DEFAULT_WEAK) -> list[Project]:
    """Every project of the document with its places, in order of first mention
    (none when a kind has more than MAX_PLACES places)."""
    kinds = [list(places) for places in doc.readings.project_places.by_kind()]
    if any(len(places) > MAX_PLACES for places in kinds):
        return []
    return group_places(*kinds, threshold=threshold, weak_threshold=weak_threshold)


def group_places(
    *kinds: Iterable[Place], threshold: float = DEFAULT_THRESHOLD, weak_threshold: float = DEFAULT_WEAK
) -> list[Project]:
    """Places of each kind in turn join the projects found so far, one to one, the
    best-matching pair first; a place that matches none starts a project."""
    projects: list[Project] = []
    counts: dict[str, Counter] = {}  # each name's characters, counted once for the bounds
    for places in kinds:
        places = list(places)
        taken_place: set[int] = set()
        taken_project: set[int] = set()
        candidates = []
        for i, place in enumerate(places):
            for j, project in enumerate(projects):
                if project.place(place.kind) is not None:
                    continue
                amount_agrees = any(_same_amount(place, p) for p in project.places)
                weak = weak_threshold if amount_agrees else None
                best = max((_grouping_tier(place.norm, p.norm, threshold, weak, counts) for p in project.places), default=(0, 0.0))
                if best[0]:
                    candidates.append((best[0], best[1], amount_agrees, -i, -j, i, j))
        for tier, ratio, _, _, _, i, j in sorted(candidates, reverse=True):
            if i in taken_place or j in taken_project:
                continue
            projects[j].add(places[i], tier, ratio)
            taken_place.add(i)
            taken_project.add(j)
        for i, place in enumerate(places):
            if i not in taken_place:
                project = Project()
                project.add(place, EQUAL, 1.0)
                projects.append(project)
    return projects


def _same_amount(a: Place, b: Place) -> bool:
    """Equal amounts: evidence for a weakly similar pair, and a tie-breaker."""
    values = {v for v in (b.amount, b.fiscal) if v is not None}
    return any(v in values for v in (a.amount, a.fiscal) if v is not None)
