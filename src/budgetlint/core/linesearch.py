"""Searching many lines with one pattern in one call, with the answers of a search per line.

RE2's Python wrapper costs a few microseconds per call, whatever the text: a document's
4,000 lines searched one by one with ten patterns is most of the time of detection.
Joined by ``\\n`` the lines are one text, searched once; the answer is the same as the
line-by-line one when the pattern can neither match a ``\\n`` nor look at what lies
beyond its match (``^``, ``$``, ``\\b``, ``\\A``: at a line's end they see the next
line, not the end of a text). ``line_local`` tells such patterns from the rest, which
keep the search per line: a pattern is data from anyone, so the fast way is taken only
where it is provably the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional, Sequence

try:  # the parser of Python's own patterns: only read here, never used to match
    from re import _constants as _c, _parser as _sre
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

NEWLINE = 10
# Classes that never hold a \n (RE2's \d and \w are ASCII; \S excludes all of \s).
_SAFE_CATEGORIES = {_c.CATEGORY_DIGIT, _c.CATEGORY_WORD, _c.CATEGORY_NOT_SPACE}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}


@lru_cache(maxsize=1024)
def line_local(pattern: str) -> bool:
    """Can ``pattern`` match only within one line, seeing nothing beyond its match?

    Read with Python's parser, which reads the plain subset of RE2 (literals, classes,
    ``.``, groups, alternation, repeats) alike; anything it reads otherwise or not at
    all (flags, anchors, POSIX ``[:space:]`` classes, ``\\p``, ``\\Q``) answers no."""
    if "[:" in pattern:  # RE2's [[:space:]] is a class Python reads as characters
        return False
    try:
        parsed = _sre.parse(pattern)
    except Exception:
        return False
    if parsed.state.flags & ~_c.SRE_FLAG_UNICODE:
        return False
    return _safe(parsed)


def _safe(items) -> bool:
    for op, av in items:
        if op is _c.LITERAL:
            if av == NEWLINE:
                return False
        elif op is _c.NOT_LITERAL:
            if av != NEWLINE:  # [^x] matches a \n (but [^\n] does not)
                return False
        elif op is _c.ANY:
            pass  # RE2's . never matches \n without the s flag, and flags are refused
        elif op is _c.IN:
            if not _safe_class(av):
                return False
        elif op is _c.BRANCH:
            if not all(_safe(branch) for branch in av[1]):
                return False
        elif op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags or not _safe(sub):
                return False
        elif op in _REPEATS:
            if not _safe(av[2]):
                return False
        else:  # anchors, word boundaries, backreferences, lookaround, atomic groups
            return False
    return True


def _safe_class(items) -> bool:
    for op, av in items:
        if op is _c.LITERAL:
            if av == NEWLINE:
                return False
        elif op is _c.RANGE:
            if av[0] <= NEWLINE <= av[1]:
                return False
        elif op is _c.CATEGORY:
            if av not in _SAFE_CATEGORIES:
                return False
        else:  # NEGATE and anything else
            return False
    return True


@dataclass(frozen=True)
class Hit:
    index: int  # of the line in the sequence searched
    start: int  # of the match within the line
    text: str  # the match


class Lines:
    """Texts (one per line, none holding a \n) searched as one joined text."""

    def __init__(self, texts: Sequence[str]):
        self.texts = texts
        self.joined = "\n".join(texts)
        # a text holding a \n of its own would split in two: such texts are searched one by one
        self.usable = self.joined.count("\n") == len(texts) - 1

    def _hits(self, matches) -> Iterator[Hit]:
        """The hit of each match, given in order: a line's number is the count of the
        line breaks before it, counted on from the last match (one pass in all)."""
        index, counted = 0, 0
        joined = self.joined
        for match in matches:
            offset = match.start()
            index += joined.count("\n", counted, offset)
            counted = offset
            yield Hit(index, offset - (joined.rfind("\n", 0, offset) + 1), match.group(0))

    def first(self, regex, pattern: str) -> Optional[Hit]:
        """The first line ``regex`` (compiled ``pattern``) matches, and its leftmost match there."""
        return next(self.each(regex, pattern), None)  # ``each`` is lazy: it stops at the first

    def each(self, regex, pattern: str) -> Iterator[Hit]:
        """Per line ``regex`` matches, in order: its leftmost match there."""
        if self.usable and line_local(pattern):
            last = -1
            for hit in self._hits(regex.finditer(self.joined)):
                if hit.index != last:
                    last = hit.index
                    yield hit
            return
        for i, text in enumerate(self.texts):
            match = regex.search(text)
            if match:
                yield Hit(i, match.start(), match.group(0))
