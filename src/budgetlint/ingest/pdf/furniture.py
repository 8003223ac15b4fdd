"""Page furniture: page numbers and running headers and footers, which are not part of
the disclosure's text.

- A lone page number (``- 7 -``, ``7``, ``第7页``, ``7/30``) in the top 8% or the
  bottom 10% of a page, or isolated as its first or last line, is dropped.
- A page number stuck to text in those bands is cut off when it fits the document's
  own page-number sequence (``2页脚文字`` on page 2).
- A running header or footer is the same text in a band on at least three pages and
  30% of them. Lines naming a unit (``单位：万元``) are kept: a table's caption repeats
  on every page it runs over.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional, Sequence

from budgetlint.core.model import Box
from budgetlint.ingest.pdf.model import Ch
from budgetlint.ingest.pdf.text import box_of, line_text

TOP_BAND = 0.08
BOTTOM_BAND = 0.90

PageLine = tuple[str, Box, list[Ch]]

_PAGE_NO = re.compile(
    r"^(?:[-–—－]\s*)?(\d{1,4})(?:\s*[-–—－])?$|^第\s*(\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$|^(\d{1,4})\s*/\s*\d{1,4}$"
)


def page_number(text: str) -> Optional[int]:
    m = _PAGE_NO.match(text.replace(" ", ""))
    return int(next(g for g in m.groups() if g)) if m else None


def in_band(box: Box, height: float) -> bool:
    return box[3] <= TOP_BAND * height or box[1] >= BOTTOM_BAND * height


def drop_furniture(page_lines: list[list[PageLine]], heights: Sequence[float]) -> None:
    """Remove the furniture from each page's lines, in place."""
    drop, offset = _page_numbers(page_lines, heights)
    if offset is not None:
        _strip_stuck_numbers(page_lines, heights, drop, offset)
    drop |= _running(page_lines, heights, drop)
    for i, lines in enumerate(page_lines):
        page_lines[i] = [line for k, line in enumerate(lines) if (i, k) not in drop]


def _page_numbers(page_lines, heights) -> tuple[set[tuple[int, int]], Optional[int]]:
    """The lone page numbers, and the most common offset of printed number to page."""
    offsets: Counter = Counter()
    drop = set()
    for i, lines in enumerate(page_lines):
        for k, (text, box, _) in enumerate(lines):
            value = page_number(text)
            if value is None:
                continue
            isolated = False
            if k == len(lines) - 1 and k > 0:
                isolated = box[1] - lines[k - 1][1][3] > 2.0 * (box[3] - box[1])
            elif k == 0 and len(lines) > 1:
                isolated = lines[1][1][1] - box[3] > 2.0 * (box[3] - box[1])
            if in_band(box, heights[i]) or isolated:
                drop.add((i, k))
                offsets[value - (i + 1)] += 1
    return drop, (offsets.most_common(1)[0][0] if offsets else None)


def _strip_stuck_numbers(page_lines, heights, drop, offset: int) -> None:
    for i, lines in enumerate(page_lines):
        want = str(i + 1 + offset)
        for k, (_, box, chars) in enumerate(lines):
            if (i, k) in drop or not in_band(box, heights[i]):
                continue
            rest = _strip_front(chars, want) or _strip_back(chars, want)
            if rest:
                lines[k] = (line_text(rest), box_of(rest), rest)


def _strip_front(chars: list[Ch], want: str) -> Optional[list[Ch]]:
    n = len(want)
    if len(chars) > n and "".join(c.t for c in chars[:n]) == want:
        nxt = chars[n].t
        if not nxt.isdigit() and nxt not in ".,%．、":
            return chars[n:]
    return None


def _strip_back(chars: list[Ch], want: str) -> Optional[list[Ch]]:
    n = len(want)
    if len(chars) > n and "".join(c.t for c in chars[-n:]) == want:
        before = chars[-n - 1].t
        if not before.isdigit() and before not in ".,":
            return chars[:-n]
    return None


def _running(page_lines, heights, drop) -> set[tuple[int, int]]:
    """Lines repeated in a band over many pages. Their digits are compared too, so
    ``公开01表`` … ``公开12表`` (table labels) are not taken for a header."""
    npages = len(page_lines)
    if npages < 3:
        return set()
    seen: Counter = Counter()
    keys = {}
    for i, lines in enumerate(page_lines):
        for k, (text, box, _) in enumerate(lines):
            if (i, k) not in drop and in_band(box, heights[i]) and "单位" not in text:
                keys[(i, k)] = key = text.replace(" ", "")
                seen[key] += 1
    threshold = max(3, int(0.3 * npages))
    return {ik for ik, key in keys.items() if seen[key] >= threshold}
