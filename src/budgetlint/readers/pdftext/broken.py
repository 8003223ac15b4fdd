"""Figures a narrow cell wrapped over two or three lines, joined back.

A cell too narrow for ``131.15`` prints ``131.`` on the row's line and ``15`` on the
next; when every figure cell of the row is that narrow, the row's line ends with the
heads (``592. 592.``) and the next line holds the tails in the same order (``83 83``).
PDF text keeps no columns, so pieces are joined only where they cannot be anything
else, one tail per incomplete head, in order:

- a head cut after a point or a comma (a figure never ends with either);
- an integer head and a tail that starts with the point (``5743`` / ``.77``), where
  the integers and the tails pair one to one.

A cut between two decimal digits (``4058.1`` / ``9``) leaves two well-formed figures:
one such tail is weighed by ``rows`` (the row's sums say whether it is one figure or
two); two or more, or tails that cannot be paired as above, are kept and their lines
named: the row's figures cannot be told apart, so the reader leaves it unread rather
than guess.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Optional, Sequence

from budgetlint.core.figures import FIGURE
from budgetlint.core.model import Line

_CUT = re.compile(r"^[-+]?\d[\d,]*[.,]$")
_DIGITS = re.compile(r"^\d+$")
_POINT_TAIL = re.compile(r"^\.\d+$")
_TAIL = re.compile(r"^(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)[.,]?$")


def _decimals(token: str) -> int:
    return len(token.split(".", 1)[1]) if "." in token else 0


def _incomplete(token: str, places: int) -> bool:
    if _CUT.match(token):
        return True
    if not FIGURE.match(token):
        return False
    return 0 < _decimals(token) < places


def _fits(head: str, tail: str) -> bool:
    if _CUT.match(head):
        return not tail.startswith(".") or head.endswith(",")
    return bool(_POINT_TAIL.match(tail))


def _trailing(tokens: Sequence[str]) -> int:
    k = len(tokens)
    while k > 0 and (_CUT.match(tokens[k - 1]) or FIGURE.match(tokens[k - 1])):
        k -= 1
    return k


def _tails_of(text: str) -> Optional[list[str]]:
    tokens = text.split()
    if tokens and all(_TAIL.match(t) for t in tokens):
        return tokens
    return None


def join_broken_figures(lines: Sequence[Line], places: int, weigh_single: bool = True) -> tuple[list[Line], set[int]]:
    """The lines with broken figures joined onto their row's line, and the line
    numbers of rows whose pieces could not be paired. ``weigh_single``: a single cut
    between decimal digits is left for the row's sums to decide (one-sided tables);
    otherwise it too leaves the row unread."""
    out: list[Line] = []
    undecided: set[int] = set()
    for line in lines:
        prev = out[-1] if out else None
        tails = _tails_of(line.text)
        if prev is None or tails is None:
            out.append(line)
            continue
        tokens = prev.text.split()
        start = _trailing(tokens)
        cut = [i for i in range(start, len(tokens)) if _CUT.match(tokens[i])]
        short = [i for i in range(start, len(tokens)) if _incomplete(tokens[i], places)]
        pointed = any(_POINT_TAIL.match(t) for t in tails)
        if not cut and not short and not pointed:
            out.append(line)  # a row's figures on a line of their own, or the next row's
            continue
        heads = _pair(tokens, start, tails) if cut or pointed else None
        if heads is None:
            digit_tails = all(_DIGITS.match(t) and len(t) < places for t in tails)
            if cut or pointed or (short and digit_tails and (len(tails) > 1 or not weigh_single)):
                # The tails are no row's name or figures: they go, and the row with them.
                undecided.update((prev.lineno, line.lineno))
                continue
            out.append(line)
            continue
        joined = list(tokens)
        for i, tail in zip(heads, tails):
            joined[i] = tokens[i] + tail
        out[-1] = dataclasses.replace(prev, text=" ".join(joined))
    return out, undecided


def _pair(tokens: Sequence[str], start: int, tails: Sequence[str]) -> Optional[list[int]]:
    """The heads the tails complete, in order, where exactly one pairing fits."""
    cut = [i for i in range(start, len(tokens)) if _CUT.match(tokens[i])]
    if cut:
        candidates = cut  # certain heads; a pointed tail besides them would be a guess
    else:
        candidates = [i for i in range(start, len(tokens)) if FIGURE.match(tokens[i]) and "." not in tokens[i]]
    if len(candidates) != len(tails):
        return None
    if not all(_fits(tokens[i], t) for i, t in zip(candidates, tails)):
        return None
    joined = [tokens[i] + t for i, t in zip(candidates, tails)]
    if not all(FIGURE.match(j) or _CUT.match(j) for j in joined):
        return None
    return candidates
