"""The one place a pattern a pack supplies is compiled: on RE2, a linear-time engine.

A pack is data from anyone; Python's ``re`` backtracks, and a pattern such as
``(a+)+$`` takes exponential time on a line of ``a`` that nothing can interrupt (a
regex search holds the GIL and ignores signals). RE2 matches in time linear in the
text, whatever the pattern, and refuses what it cannot do that way (backreferences,
lookaround): such a pattern is a pack error, found when the pack loads.

Every pattern a pack supplies (table selection, row/column relations, required
parts, the profile's title patterns) goes through ``compile_pattern``; where in a pack
patterns sit is declared next to the code that reads them (a check kind's
``PATTERNS``, the profile's ``PATTERNS``), as paths this module walks (``pattern_paths``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

import re2

# A pattern is a few words; a longer one is not a table title, and a huge one only
# costs memory to compile.
MAX_PATTERN = 1_000
# The memory RE2 may use for one compiled pattern (its default is 8 MiB).
MAX_MEMORY = 8 << 20

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a refused pattern is our error message, not a log line on stderr
_OPTIONS.max_mem = MAX_MEMORY


class PatternError(ValueError):
    """A pattern RE2 refuses; ``str()`` says why in one line."""


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str):
    """The compiled pattern (RE2 syntax: Python's minus backreferences and lookaround)."""
    if not isinstance(pattern, str):
        raise PatternError(f"模式应为字符串，而不是 {type(pattern).__name__}")
    if len(pattern) > MAX_PATTERN:
        raise PatternError(f"模式超过 {MAX_PATTERN} 个字符")
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(f"线性时间正则引擎 RE2 不接受此模式（不支持反向引用与前后查找）：{reason}") from None


def pattern_problem(pattern: Any) -> str | None:
    """Why ``pattern`` cannot be used, or None."""
    try:
        compile_pattern(pattern)
    except PatternError as exc:
        return str(exc)
    return None


# Texts up to this long have their answers cached (names and column keys); a long
# one (a paragraph) is searched each time, so the cache stays small.
CACHED_TEXT = 200


def search(pattern: str, text: str) -> bool:
    """Does ``pattern`` occur in ``text``?"""
    if len(text) > CACHED_TEXT:
        return compile_pattern(pattern).search(text) is not None
    return _search_short(pattern, text)


@lru_cache(maxsize=65536)
def _search_short(pattern: str, text: str) -> bool:
    # The same column keys and row names are tried against the same patterns in
    # every table, and RE2's call costs more than ``re``'s on such short texts.
    return compile_pattern(pattern).search(text) is not None


def pattern_paths(data: Any, spec: str) -> Iterator[tuple[tuple, str]]:
    """Each (key path, pattern) that ``spec`` names in ``data``.

    ``spec`` is dotted keys, ``[]`` meaning each item of a list and ``*`` each value
    of a mapping: ``columns[].parts`` names every part of every relation. Where the
    path ends on a list, each string in it is a pattern (``column: P`` or
    ``column: [P, Q]``). Shapes that do not fit are left to the kind's own checks."""
    steps: list[str] = []
    for part in spec.split("."):
        while part.endswith("[]"):
            steps.append(part[:-2]) if part[:-2] else None
            steps.append("[]")
            part = ""
        if part:
            steps.append(part)
    yield from _walk(data, steps, ())


def _walk(value: Any, steps: list[str], path: tuple) -> Iterator[tuple[tuple, str]]:
    if not steps:
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield path + (i,), item
        return
    step, rest = steps[0], steps[1:]
    if step == "[]":
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from _walk(item, rest, path + (i,))
    elif step == "*":
        if isinstance(value, dict):
            for key, item in value.items():
                yield from _walk(item, rest, path + (key,))
    elif isinstance(value, dict) and step in value:
        yield from _walk(value[step], rest, path + (step,))
