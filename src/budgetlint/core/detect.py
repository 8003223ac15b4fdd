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


def _first(entries: Iterable, key: str, head: Sequence[tuple[int, str]]) -> tuple[str, str]:
    """(value, where) of the entry whose pattern occurs earliest in ``head``."""
    best: Optional[tuple[int, int, str, str]] = None
    for entry in entries or ():
        if not isinstance(entry, Mapping):
            continue
        for pattern in entry.get("titles") or ():
            regex = compile_pattern(pattern)
            for i, (lineno, text) in enumerate(head):
                match = regex.search(text)
                if match:
                    spot = (i, match.start())
                    if best is None or spot < best[:2]:
                        best = (*spot, str(entry.get(key, "")), f"{match.group(0)} in line {lineno}")
                    break
    return (best[2], best[3]) if best else ("", "")


def document_kind_and_level(lines: Sequence[tuple[int, str]], profile: Profile) -> tuple[str, str, str]:
    """(kind, level, why) from the opening lines, by ``profile``'s patterns."""
    numbered = [(n, t) for n, t in lines[:SCAN_LINES] if t.strip()]
    found = []
    for key, section in (("kind", "document_kinds"), ("level", "document_levels")):
        # the opening lines first: past them, the first mention of the kind (a document
        # without a title says 2023年部门预算 in its text)
        value, at = _first(profile.section(section), key, numbered[:HEAD_LINES])
        if not value:
            value, at = _first(profile.section(section), key, numbered[HEAD_LINES:])
        found.append((value, at))
    (kind, kind_at), (level, level_at) = found
    why = "; ".join(x for x in (kind_at, level_at) if x)
    return kind, level, why


def _count(lines: Sequence[tuple[int, str]], detect: Mapping) -> tuple[int, str]:
    """How many lines name the jurisdiction, and the first such line's quote."""
    patterns = [p for key in ("names", "places") for p in detect.get(key) or () if isinstance(p, str)]
    if not patterns:
        return 0, ""
    regex = compile_pattern("|".join(f"(?:{p})" for p in patterns))
    count, first = 0, ""
    for lineno, text in lines[:SCAN_LINES]:
        match = regex.search(text)
        if match:
            count += 1
            first = first or f"{match.group(0)}, first in line {lineno} “{_quote(text)}”"
    return count, first


def detect(lines: Sequence[tuple[int, str]], candidates: Mapping[str, Profile], base: Profile) -> Detection:
    """The pack ``candidates`` (built-in profiles by pack name) select for ``lines``
    ((line number, text) pairs, as ``source_texts`` gives them),
    with the kind and level read by ``base`` (the selected pack's profile, or core's)."""
    scores: list[tuple[int, str, str, str]] = []
    for name, profile in candidates.items():
        spec = profile.section("detect")
        if not isinstance(spec, Mapping):
            continue
        count, first = _count(lines, spec)
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
