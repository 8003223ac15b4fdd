"""Characters to text: visual lines, the spaces between words, a cell's wrapped lines.

Spaces come from the gaps between characters alone (a PDF's own space characters are
dropped), so text does not depend on how the producer happened to write spaces.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from budgetlint.core.model import Box
from budgetlint.ingest.normalize import join_wrapped
from budgetlint.ingest.pdf.model import Ch

WHITE = frozenset(" \u3000\xa0\t\r\n\u2002\u2003\u2009")


def is_cjk(t: str) -> bool:
    o = ord(t[0])
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


def dedupe(chars: Iterable[Ch]) -> list[Ch]:
    """Overprinted duplicates (fake bold: the same glyph twice at one place) once."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for c in chars:
        key = (c.t, round(c.x0), round(c.top))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def group_lines(chars: Sequence[Ch]) -> list[list[Ch]]:
    """Visual lines (each sorted left to right), top to bottom."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c.cy, c.x0))
    lines = []
    cur = [ordered[0]]
    ctop, cbot = ordered[0].top, ordered[0].bottom
    for c in ordered[1:]:
        h = min(c.bottom - c.top, cbot - ctop) or 1.0
        overlap = min(cbot, c.bottom) - max(ctop, c.top)
        # Overlapping enough, and centred near the line: superscripts and a larger
        # title beside small text stay apart.
        if overlap >= 0.45 * h and abs(c.cy - (ctop + cbot) / 2) < 0.6 * max(c.bottom - c.top, cbot - ctop):
            cur.append(c)
            ctop, cbot = min(ctop, c.top), max(cbot, c.bottom)
        else:
            lines.append(cur)
            cur = [c]
            ctop, cbot = c.top, c.bottom
    lines.append(cur)
    for line in lines:
        line.sort(key=lambda c: c.x0)
    lines.sort(key=lambda line: (min(c.top for c in line), line[0].x0))
    return lines


def need_space(a: Ch, b: Ch) -> bool:
    """Whether the gap between ``a`` and the next character ``b`` is a space: wider
    between two CJK characters (justified Chinese text is tracked), never after a
    thousands comma."""
    gap = b.x0 - a.x1
    size = max(a.size, b.size, 1.0)
    if is_cjk(a.t) and is_cjk(b.t):
        return gap > 0.45 * size
    if a.t in ",.，" and b.t.isdigit() and gap < 1.0 * size:
        return False
    return gap > max(0.2 * size, 1.5)


def line_text(chars: Sequence[Ch]) -> str:
    out: list[str] = []
    prev = None
    for c in chars:
        if c.t in WHITE:
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if prev is not None and out and out[-1] != " " and need_space(prev, c):
            out.append(" ")
        out.append(c.t)
        prev = c
    return "".join(out).strip()


def box_of(chars: Sequence[Ch]) -> Box:
    return (min(c.x0 for c in chars), min(c.top for c in chars), max(c.x1 for c in chars), max(c.bottom for c in chars))


_NUM = re.compile(r"^[-+−(（]?[¥￥]?\s*(\d{1,3}(,\s?\d{3})+|\d+)(\.\d+)?[)）]?%?$")


def is_num(s: str) -> bool:
    return bool(_NUM.match(s.replace(" ", "")))


# Word's distributed alignment letter-spaces a cell (``合 计``): closed up in cells.
_CJK_SPACE = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \u3000]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)


def cell_text(chars: Sequence[Ch]) -> str:
    if not chars:
        return ""
    return _CJK_SPACE.sub("", join_wrapped(line_text(line) for line in group_lines(chars)))
