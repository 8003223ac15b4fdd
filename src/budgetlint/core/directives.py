"""Inline suppression comments, read from a disclosure's own text.

Designed after ruff's ``# noqa`` and sqlfluff's ``-- noqa: disable=…/enable=…``, in
the comment syntax a disclosure's form allows::

    <!-- budgetlint: disable=BL208 -->      Markdown (invisible when rendered)
    # budgetlint: disable=BL208,BL101       text (.txt): a line comment

* On a line of its own, ``disable`` switches the rules off from that line on, until
  an ``enable`` naming them (or the end of the file); ``enable`` alone re-enables all.
* At the end of a line with other text, it applies to that line only (a finding
  whose lines include it).
* Rules are ids, names or id prefixes (``BL2``), comma-separated; none, or ``all``,
  means every rule. Full-width ``：``, ``＝`` and ``，`` are accepted as typed.

Directives are part of the input, not of the disclosure: ingest blanks a directive
line and cuts a trailing directive off its line before any reader sees the text, so
adding one never changes how the document is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

_REF = r"[A-Za-z0-9_\-]+"
_BODY = rf"budgetlint\s*[:：]\s*(?P<action>disable|enable)(?:\s*[=＝]\s*(?P<refs>{_REF}(?:\s*[,，]\s*{_REF})*))?\s*"
_DIRECTIVE = re.compile(rf"<!--\s*{_BODY}-->|(?<![^\s])#\s*{_BODY.replace('action', 'action2').replace('refs', 'refs2')}$")


@dataclass(frozen=True)
class Directive:
    line: int  # 1-based input line
    action: str  # disable | enable
    rules: tuple[str, ...]  # () = every rule
    standalone: bool  # alone on its line (a range) rather than trailing (that line)
    text: str  # the directive as written


def _refs(text: Optional[str]) -> tuple[str, ...]:
    refs = tuple(r.strip() for r in re.split(r"[,，\s]+", text or "") if r.strip())
    return () if any(r.lower() == "all" for r in refs) else refs


def find_directives(lines: Iterable[str]) -> list[Directive]:
    out = []
    for number, text in enumerate(lines, 1):
        if "budgetlint" not in text:
            continue
        for m in _DIRECTIVE.finditer(text):
            action = m.group("action") or m.group("action2")
            refs = m.group("refs") if m.group("action") else m.group("refs2")
            rest = (text[: m.start()] + text[m.end():]).strip()
            out.append(Directive(number, action, _refs(refs), not rest, m.group(0)))
    return out


def strip_directives(text: str) -> str:
    """``text`` with every directive removed (a directive line left blank), the same
    number of lines."""
    if "budgetlint" not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "budgetlint" in line:
            stripped = _DIRECTIVE.sub("", line)
            lines[i] = stripped.rstrip() if stripped.strip() else ""
    return "\n".join(lines)
