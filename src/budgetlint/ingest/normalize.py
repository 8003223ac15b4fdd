"""Normalise what varies without meaning, keeping every character's line."""

from __future__ import annotations

import re

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
_DIGIT_COMMA = re.compile(r"(?<=\d)，(?=\d{3})")
_SPACES = re.compile(r"[ \t]+")


def normalize_line(text: str) -> str:
    """A line (or a cell) as every adapter gives it to the grammar: full-width digits
    and signs mapped to ASCII, odd spaces to one space, runs of spaces made one, none
    at either end."""
    text = text.translate(_TABLE)
    text = _DIGIT_COMMA.sub(",", text)
    return _SPACES.sub(" ", text).strip()
