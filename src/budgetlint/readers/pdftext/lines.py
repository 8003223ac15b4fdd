"""The atoms of a PDF text table line: trailing figures, leading codes.

PDF text keeps no cell borders, so a line is read from its ends: a classification
code at the start, figures at the end, a name (or a fragment of one) between.
"""

from __future__ import annotations

import re
from typing import Optional

from budgetlint.core.figures import NUMBER

_CLASS = r"[235]\d\d"
# "208", "208 01", "208 01 99" followed by a name, or alone; "20801" / "2080199"
# written as one number (Jiangsu, Shanghai); "301 2" with a 款 that lost its zero.
CODE_START = re.compile(rf"^({_CLASS}(?:\s+\d{{1,2}}){{0,2}}|{_CLASS}\d\d(?:\d\d)?)(?![\d.,])\s*(.*)$")
_JOINED = re.compile(rf"^{_CLASS}\d\d(?:\d\d)?$")
_DECIMALS = re.compile(r"^[-+]?[\d,]*\.\d+$")
# The rest of a code wrapped onto the next line: "8" after "20", "01 99" after "208".
CODE_TAIL = re.compile(r"^(\d{1,2}(?:\s+\d{2}){0,2})(?![\d.,])\s*(.*)$")
# A bare 款 code before its name ("01 基本工资" under "301 工资福利支出").
BARE_CODE = re.compile(r"^(\d{2})\s+([^\d\s].*)$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def is_figure(token: str) -> bool:
    """A figure token; ``01`` is a code, not a figure (amounts have no leading zero)."""
    return _FIGURE_TOKEN.match(token) is not None


# FIGURE without a leading zero, in one match: this runs on every token of every table line.
_FIGURE_TOKEN = re.compile(rf"^[-+]?(?!0\d){NUMBER}$")


def tail_figures(text: str, next_text: str = "") -> tuple[str, list[str]]:
    """Split a line into its text and the figures printed at its end.

    A year wrapped out of a project name (``提前下达 2023`` before ``年自治区…``) is
    text, not a figure."""
    tokens = text.split()
    k = len(tokens)
    while k > 0 and is_figure(tokens[k - 1]):
        k -= 1
    figures = tokens[k:]
    if figures and _YEAR.match(figures[-1]) and next_text.lstrip().startswith("年"):
        return text.strip(), []
    return " ".join(tokens[:k]), figures


def joined_code(code: str) -> bool:
    """``2080505``: a 款 or 项 code written as one number."""
    return _JOINED.match(code) is not None


def is_figure_line(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and all(is_figure(t) for t in tokens)


def code_start(text: str, next_text: Optional[str]) -> Optional[tuple[str, str]]:
    """``(code, rest)`` when the line opens with a classification code.

    A lone ``208`` could be a figure; it is a code when the next line continues a code
    (``01 人 力``) or starts a name. A lone ``20`` is the head of a code split over
    lines (``20`` / ``8`` / ``01 99``) when the next line is a single digit."""
    stripped = text.strip()
    match = CODE_START.match(stripped)
    if match:
        code, rest = match.group(1), match.group(2)
        if rest and rest[0].isdigit():
            # "2080505 6.18 6.18": a joined code whose name wrapped around it, before
            # decimal figures (an amount of 5 or 7 digits would print its decimals too)
            tokens = rest.split()
            if _JOINED.match(code) and all(_DECIMALS.match(t) for t in tokens):
                return code, rest
            return None  # "221 221.5": figures
        if rest or " " in code:
            return code, rest
        if next_text is not None and _opens_code_or_name(next_text):
            return code, ""
        return None
    if re.fullmatch(r"\d{2}", stripped) and next_text is not None and re.match(r"^\d(?:\s|$)", next_text.strip()):
        return stripped, ""
    return None


def _opens_code_or_name(text: str) -> bool:
    stripped = text.strip()
    if CODE_TAIL.match(stripped) and not is_figure_line(stripped):
        return True
    return bool(stripped) and not stripped[0].isdigit() and not is_figure_line(stripped)
