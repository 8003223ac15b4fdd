"""Normalise what varies without meaning, keeping every character's line."""

from __future__ import annotations

import re
from typing import Iterable

_FULLWIDTH_DIGITS = {ord("０") + i: ord("0") + i for i in range(10)}
_TABLE = {
    **_FULLWIDTH_DIGITS,
    ord("％"): "%",
    ord("．"): ".",
    ord("："): ":",
    ord("＋"): "+",
    ord("－"): "-",
    ord("＝"): "=",
    ord("＜"): "<",
    ord("＞"): ">",
    0x3000: " ",  # ideographic space
    0x00A0: " ",  # no-break space
    0x2002: " ",
    0x2003: " ",
    0x2009: " ",
    0x200B: None,  # zero-width space
    0xFEFF: None,
}
# A full-width comma between digits (``1，234``) is a thousands separator. Searched for
# the comma itself: a pattern opening with the lookbehind is tried at every position of
# the text, one opening with the literal jumps from comma to comma (35 times faster).
_DIGIT_COMMA = re.compile(r"，(?=\d{3})")
_DIGIT = re.compile(r"\d")


# str.translate with a mapping walks a CJK text character by character in Python-level
# lookups; a str.replace per mapped character (most absent: one scan in C each) is
# faster still than a character class with a replacement function per match. No
# replacement is itself a mapped character, so the order of the replacements is free.
_REPLACEMENTS = tuple((chr(c), v if isinstance(v, str) else "" if v is None else chr(v)) for c, v in _TABLE.items())


def normalize_text(text: str) -> str:
    """Full-width digits and signs mapped to ASCII, odd spaces to a plain space. Runs on
    a whole text at once (no mapping touches a line break, so lines keep their numbers)."""
    for char, replacement in _REPLACEMENTS:
        if char in text:
            text = text.replace(char, replacement)
    if "，" not in text:
        return text
    # the comma's lookbehind, (?<=\d), asked of the one character before it
    return _DIGIT_COMMA.sub(lambda m: "," if m.start() and _DIGIT.match(text, m.start() - 1) else "，", text)


# Single CJK characters each after one space, three or more in a run: a title set
# with distributed alignment (``江 苏 省 人 民 检 察 院``, ``（一）一 般 公 共 …``), not
# words. The run's first character may touch what precedes it.
_SPACED = re.compile(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff](?=\s|$)){2,}")


def unspace_cjk(text: str) -> str:
    """A run of spaced-out single CJK characters written as the word it is (``类 款 项``
    becomes ``类款项``, which the readers squeeze to anyway); a pair (``合 计``) is left
    to the readers, which know it."""
    if " " not in text:  # the run needs a space: most lines are searched for nothing
        return text
    return _SPACED.sub(lambda m: m.group().replace(" ", ""), text)


def collapse(text: str) -> str:
    """Runs of whitespace made one space, none at either end."""
    return " ".join(text.split())


def normalize_line(text: str) -> str:
    """A line (or a cell) as every adapter gives it to the grammar."""
    return collapse(normalize_text(text))


_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z(]")


def join_wrapped(parts: Iterable[str]) -> str:
    """A table cell's wrapped lines (or paragraphs) as one text: no separator for CJK
    or figures (``2,752.`` + ``50`` is ``2,752.50``), a space between two Latin words."""
    s = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        s = f"{s} {p}" if s and _LATIN_END.search(s) and _LATIN_START.match(p) else s + p
    return s
