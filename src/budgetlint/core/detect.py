"""What a document is and where it is from, told from its text by the packs' data.

Three answers, each with the line that gave it:

- the kind (``budget`` 预算, ``final-accounts`` 决算) and the level (``department``
  部门, ``unit`` 单位): of the patterns of the profile's ``document_kinds`` and
  ``document_levels``, the one found first in the document's opening lines (its title
  and table of contents come first; a 决算 later quotes 年初预算, a budget quotes last
  year's 决算);
- the jurisdiction: each built-in pack with a ``detect:`` section counts the lines of
  the document naming its province (``names``) or one of its places (``places``); the
  pack with the most such lines wins, and a tie or no line at all leaves ``core``
  (an unknown province is linted by the national conventions, never by a guess).

Python holds the counting; the names are data in each pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, Optional, Sequence

from budgetlint.core.linesearch import Lines
from budgetlint.core.patterns import compile_pattern
from budgetlint.core.profile import Profile

# The opening lines searched for the kind and level: a title wrapped over a few lines,
# then the table of contents.
HEAD_LINES = 60
# Lines searched for the jurisdiction: a disclosure names its unit in its first pages
# and on every table (部门：…); a longer scan only costs time on a huge input.
SCAN_LINES = 4_000
SHOWN = 24  # characters of a line quoted in a reason


@dataclass(frozen=True)
class Detection:
    kind: str = ""  # budget | final-accounts | "" (not said)
    level: str = ""  # department | unit | ""
    pack: str = "core"  # the built-in pack the jurisdiction selects
    jurisdiction: str = ""
    reason: str = ""  # one line: why this pack, kind and level

    def describe(self) -> str:
        what = "/".join(x for x in (self.kind, self.level) if x) or "kind unknown"
        return f"{what}; {self.reason}" if self.reason else what


def source_texts(source) -> list[tuple[int, str]]:
    """(input line number, text) of each line of a ``Source`` (a row's cells joined)."""
    return [(line.lineno, line.text if line.cells is None else " ".join(line.cells)) for line in source.lines]


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def _first(entries: Iterable, key: str, head: Sequence[tuple[int, str]],
           texts: Optional[Lines] = None) -> tuple[str, str]:
    """(value, where) of the entry whose pattern occurs earliest in ``head``
    (``texts``: its texts, joined once for all the patterns)."""
    texts = texts if texts is not None else Lines([t for _, t in head])
    best: Optional[tuple[int, int, str, str]] = None
    for entry in entries or ():
        if not isinstance(entry, Mapping):
            continue
        for pattern in entry.get("titles") or ():
            hit = texts.first(compile_pattern(pattern), pattern)
            if hit:
                spot = (hit.index, hit.start)
                if best is None or spot < best[:2]:
                    best = (*spot, str(entry.get(key, "")), f"{hit.text} in line {head[hit.index][0]}")
    return (best[2], best[3]) if best else ("", "")


def document_kind_and_level(lines: Sequence[tuple[int, str]], profile: Profile) -> tuple[str, str, str]:
    """(kind, level, why) from the opening lines, by ``profile``'s patterns."""
    numbered = [(n, t) for n, t in lines[:SCAN_LINES] if t.strip()]
    head, rest = numbered[:HEAD_LINES], numbered[HEAD_LINES:]
    head_texts, rest_texts = Lines([t for _, t in head]), None
    found = []
    for key, section in (("kind", "document_kinds"), ("level", "document_levels")):
        # the opening lines first: past them, the first mention of the kind (a document
        # without a title says 2023年部门预算 in its text)
        value, at = _first(profile.section(section), key, head, head_texts)
        if not value:
            rest_texts = rest_texts or Lines([t for _, t in rest])
            value, at = _first(profile.section(section), key, rest, rest_texts)
        found.append((value, at))
    (kind, kind_at), (level, level_at) = found
    why = "; ".join(x for x in (kind_at, level_at) if x)
    return kind, level, why


def _count(lines: Sequence[tuple[int, str]], detect: Mapping, texts: Optional[Lines] = None) -> tuple[int, str]:
    """How many lines name the jurisdiction, and the first such line's quote
    (``texts``: those of ``lines[:SCAN_LINES]``, joined once for every pack)."""
    patterns = [p for key in ("names", "places") for p in detect.get(key) or () if isinstance(p, str)]
    if not patterns:
        return 0, ""
    pattern = "|".join(f"(?:{p})" for p in patterns)
    regex = compile_pattern(pattern)
    scanned = lines[:SCAN_LINES]
    texts = texts if texts is not None else Lines([t for _, t in scanned])
    count, first = 0, ""
    for hit in texts.each(regex, pattern):
        count += 1
        if not first:
            lineno, text = scanned[hit.index]
            first = f"{hit.text}, first in line {lineno} “{_quote(text)}”"
    return count, first


def detect(lines: Sequence[tuple[int, str]], candidates: Mapping[str, Profile], base: Profile) -> Detection:
    """The pack ``candidates`` (built-in profiles by pack name) select for ``lines``
    ((line number, text) pairs, as ``source_texts`` gives them),
    with the kind and level read by ``base`` (the selected pack's profile, or core's)."""
    scores: list[tuple[int, str, str, str]] = []
    texts = Lines([t for _, t in lines[:SCAN_LINES]])
    for name, profile in candidates.items():
        spec = profile.section("detect")
        if not isinstance(spec, Mapping):
            continue
        count, first = _count(lines, spec, texts)
        if count:
            scores.append((count, name, str(spec.get("jurisdiction") or name), first))
    scores.sort(key=lambda s: (-s[0], s[1]))
    profile = base
    if not scores:
        pack, jurisdiction, reason = base.name or "core", "", "no province named (national conventions)"
    elif len(scores) > 1 and scores[0][0] == scores[1][0]:
        pack, jurisdiction = base.name or "core", ""
        reason = f"{scores[0][2]} and {scores[1][2]} named equally often ({scores[0][0]} lines): national conventions"
    else:
        count, pack, jurisdiction, first = scores[0]
        profile = candidates[pack]
        others = f"; {scores[1][2]} {scores[1][0]}" if len(scores) > 1 else ""
        reason = f"{jurisdiction} named in {count} lines ({first}){others}"
    kind, level, why = document_kind_and_level(lines, profile)
    return Detection(kind, level, pack, jurisdiction, f"{reason}; {why}" if why else reason)


@lru_cache(maxsize=1)
def builtin_candidates() -> dict[str, Profile]:
    """The built-in packs that say how to recognise their jurisdiction."""
    from budgetlint.core.profile import PACKS_DIR, builtin_profile

    out = {}
    for path in sorted(PACKS_DIR.glob("*.yaml")):
        profile = builtin_profile(path.stem)
        if profile.section("detect"):
            out[path.stem] = profile
    return out
