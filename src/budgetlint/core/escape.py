"""Text from outside (a disclosure, a file name, a pack) made safe to print.

A report is read in a terminal, a CI log, a browser: a control character from the
input must never reach one raw (ESC starts a terminal sequence, a newline forges a
report line, a bidi override reorders what the reader sees). ``printable`` escapes
them; ``excerpt`` is the short, escaped quotation an error message may make of a
value it read from a file.
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, the line and paragraph separators, and the
# bidirectional embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_OR_TAB = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
EXCERPT = 40


def _escape(match: re.Match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, tab: bool = True) -> str:
    """``text`` with every control character written as ``\\xNN``/``\\uNNNN``
    (tabs kept unless ``tab`` is False); the text of one line stays one line."""
    pattern = _UNSAFE if tab else _UNSAFE_OR_TAB
    return pattern.sub(_escape, text) if pattern.search(text) else text


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A short quotation of ``value``: escaped, at most ``limit`` characters, quoted."""
    text = printable(str(value), tab=False)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


# What json.dumps leaves raw (it escapes C0 only): DEL, C1, the separators, bidi.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(dumped: str) -> str:
    """JSON text (from ``json.dumps``) with the control characters it leaves raw
    written as ``\\uNNNN`` escapes: the same data, safe to show in a terminal."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", dumped)
