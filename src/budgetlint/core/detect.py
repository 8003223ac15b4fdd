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

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, Optional, Sequence

from budgetlint.core.linesearch import Lines
from budgetlint.core.i18n import DEFAULT_LANG, say
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
class At:
    """Where a word was read: the word as printed and its line (0: not known)."""

    word: str
    line: int = 0
    quote: str = ""  # the line it is in, shortened (the jurisdiction's first line)


@dataclass(frozen=True)
class Detection:
    """What detection found and why, as data: the report says it in its language
    (``describe``); every word of it but the document's own is the catalogue's."""

    kind: str = ""  # budget | final-accounts | "" (not said)
    level: str = ""  # department | unit | ""
    pack: str = "core"  # the built-in pack the jurisdiction selects
    jurisdiction: str = ""
    count: int = 0  # lines naming the jurisdiction
    first: Optional[At] = None  # the first of them
    runner_up: Optional[tuple[str, int]] = None  # the next jurisdiction and its count
    tie: Optional[tuple[str, str, int]] = None  # two named equally often: neither chosen
    kind_at: Optional[At] = None
    level_at: Optional[At] = None

    def reason_in(self, lang: str = DEFAULT_LANG) -> str:
        """Why this pack, kind and level, in one line of ``lang``."""
        if self.tie is not None:
            a, b, n = self.tie
            pieces = [say("detect.tie", lang, a=a, b=b, count=n)]
        elif not self.jurisdiction:
            pieces = [say("detect.none", lang)]
        else:
            first = self.first or At("")
            pieces = [say("detect.named", lang, jurisdiction=self.jurisdiction, count=self.count,
                          word=first.word, line=first.line, quote=first.quote)]
            if self.runner_up is not None:
                pieces.append(say("detect.runner-up", lang, jurisdiction=self.runner_up[0], count=self.runner_up[1]))
        # one word can tell both kind and level (部门预算): said once
        ats = dict.fromkeys((a.word, a.line) for a in (self.kind_at, self.level_at) if a)
        pieces += [say("detect.at", lang, word=word, line=line) for word, line in ats]
        return say("report.sep.clause", lang).join(pieces)

    @property
    def reason(self) -> str:
        return self.reason_in(DEFAULT_LANG)

    def describe(self, lang: str = DEFAULT_LANG) -> str:
        """The kind and level, then the reason, in ``lang``."""
        kind = say(f"detect.kind.{self.kind}", lang) if self.kind in KINDS else self.kind
        level = say(f"detect.level.{self.level}", lang) if self.level in LEVELS else self.level
        what = say("detect.what", lang, kind=kind, level=level).strip() if kind or level else say("detect.kind-unknown", lang)
        return say("detect.described", lang, what=what, reason=self.reason_in(lang))


KINDS = ("budget", "final-accounts")  # said as detect.kind.<kind>
LEVELS = ("department", "unit")  # said as detect.level.<level>
# how ``_first`` and ``_count`` say where they read a word: taken apart into ``At``
_AT = re.compile(r"^(?P<word>.*) in line (?P<line>\d+)$", re.S)
_FIRST = re.compile(r"^(?P<word>.*), first in line (?P<line>\d+) “(?P<quote>.*)”$", re.S)


def _at(text: str, pattern: "re.Pattern[str]") -> Optional[At]:
    if not text:
        return None
    m = pattern.match(text)
    if m is None:  # said some other way: the whole text is the word
        return At(text)
    return At(m.group("word"), int(m.group("line")), m.groupdict().get("quote") or "")


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
    found: dict = {}
    if not scores:
        pack, jurisdiction = base.name or "core", ""
    elif len(scores) > 1 and scores[0][0] == scores[1][0]:
        pack, jurisdiction = base.name or "core", ""
        found["tie"] = (scores[0][2], scores[1][2], scores[0][0])
    else:
        count, pack, jurisdiction, first = scores[0]
        profile = candidates[pack]
        found.update(count=count, first=_at(first, _FIRST))
        if len(scores) > 1:
            found["runner_up"] = (scores[1][2], scores[1][0])
    kind, level, why = document_kind_and_level(lines, profile)
    # ``why`` is "<kind's word> in line N; <level's word> in line M", either may be absent
    kind_why, level_why = _split_why(why, bool(kind), bool(level))
    return Detection(kind, level, pack, jurisdiction, kind_at=_at(kind_why, _AT), level_at=_at(level_why, _AT), **found)


def _split_why(why: str, has_kind: bool, has_level: bool) -> tuple[str, str]:
    parts = [p for p in why.split("; ") if p] if why else []
    if has_kind and has_level and len(parts) == 2:
        return parts[0], parts[1]
    if len(parts) == 1:
        return (parts[0], "") if has_kind else ("", parts[0])
    return why, ""


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
