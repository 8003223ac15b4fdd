"""Message templates: ``str.format`` syntax, restricted to what a message needs.

A pack's ``message: "{detail}"`` is data from anyone, and ``str.format`` is a small
language: ``{detail:>100000000}`` writes a gigabyte, ``{x.__class__}`` reaches into
objects, ``{x[0]}`` indexes. A template may name only the fields its check kind
documents, with no attribute or index access, an optional ``!s``/``!r`` conversion
and a simple spec (alignment, a width up to MAX_WIDTH, a precision up to
MAX_WIDTH). Every value is made a string before it is formatted, so no object's own
``__format__`` runs. ``template_problem`` says at load time what is wrong;
``render`` fills a template checked that way.
"""

from __future__ import annotations

import re
from string import Formatter
from typing import Any, Iterable, Mapping, Optional

MAX_TEMPLATE = 2_000
MAX_WIDTH = 200
_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SPEC = re.compile(r"^(?P<align>[<>^])?(?P<width>\d{1,3})?(?:\.(?P<precision>\d{1,3}))?$")


class TemplateError(ValueError):
    pass


def _parts(template: str) -> list[tuple[str, Optional[str], str, Optional[str]]]:
    if not isinstance(template, str):
        raise TemplateError("a message template is a string")
    if len(template) > MAX_TEMPLATE:
        raise TemplateError(f"message template longer than {MAX_TEMPLATE} characters")
    try:
        return list(Formatter().parse(template))
    except ValueError as exc:
        raise TemplateError(f"not a message template: {exc}") from None


def _check_field(name: str, conversion: Optional[str], spec: str, fields: Optional[Iterable[str]]) -> None:
    if not _FIELD.match(name):
        # ``{}``/``{0}`` (positional), ``{a.b}`` (attribute), ``{a[0]}`` (index)
        raise TemplateError(f"field {{{name}}} is not a plain field name (no positions, attributes or indexes)")
    if fields is not None and name not in fields:
        raise TemplateError(f"no field {{{name}}} (this check's fields: {', '.join(fields)})")
    if conversion not in (None, "s", "r"):
        raise TemplateError(f"conversion !{conversion} is not allowed (!s or !r)")
    if "{" in spec:
        raise TemplateError("a format spec may not contain fields")
    match = _SPEC.match(spec)
    if match is None:
        raise TemplateError(f"format spec {spec!r} is not allowed (alignment <, > or ^, a width, a .precision)")
    for key in ("width", "precision"):
        if match.group(key) and int(match.group(key)) > MAX_WIDTH:
            raise TemplateError(f"format {key} {match.group(key)} is over {MAX_WIDTH}")


def template_problem(template: Any, fields: Optional[Iterable[str]] = None) -> Optional[str]:
    """Why ``template`` cannot be a message, or None. ``fields``: the names it may use
    (None: any plain name)."""
    fields = tuple(fields) if fields is not None else None
    try:
        for _, name, spec, conversion in _parts(template):
            if name is not None:
                _check_field(name, conversion, spec or "", fields)
    except TemplateError as exc:
        return str(exc)
    return None


def render(template: str, values: Mapping[str, Any]) -> str:
    """``template`` filled from ``values``; raises ``TemplateError`` for a template
    ``template_problem`` would refuse and ``KeyError`` for a field not given."""
    out: list[str] = []
    for literal, name, spec, conversion in _parts(template):
        out.append(literal)
        if name is None:
            continue
        spec = spec or ""
        _check_field(name, conversion, spec, None)
        value = values[name]
        text = repr(value) if conversion == "r" else str(value)
        out.append(format(text, spec))
    return "".join(out)
