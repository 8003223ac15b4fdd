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

from budgetlint.core.escape import excerpt

MAX_TEMPLATE = 2_000
MAX_WIDTH = 200
_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SPEC = re.compile(r"^(?P<align>[<>^])?(?P<width>\d{1,3})?(?:\.(?P<precision>\d{1,3}))?$")


class TemplateError(ValueError):
    pass


def _parts(template: str) -> list[tuple[str, Optional[str], str, Optional[str]]]:
    if not isinstance(template, str):
        raise TemplateError("消息模板应为字符串")
    if len(template) > MAX_TEMPLATE:
        raise TemplateError(f"消息模板超过 {MAX_TEMPLATE} 个字符")
    try:
        return list(Formatter().parse(template))
    except ValueError as exc:
        raise TemplateError(f"不是有效的消息模板：{exc}") from None


def _check_field(name: str, conversion: Optional[str], spec: str, fields: Optional[Iterable[str]]) -> None:
    if not _FIELD.match(name):
        # ``{}``/``{0}`` (positional), ``{a.b}`` (attribute), ``{a[0]}`` (index)
        raise TemplateError(f"字段 {{{excerpt(name, 20)[1:-1]}}} 不是简单字段名（不允许位置、属性或下标）")
    if fields is not None and name not in fields:
        raise TemplateError(f"没有字段 {{{name}}}（此检查的字段：{', '.join(fields)}）")
    if conversion not in (None, "s", "r"):
        raise TemplateError(f"不允许转换 !{conversion}（只可用 !s 或 !r）")
    if "{" in spec:
        raise TemplateError("格式说明中不能嵌套字段")
    match = _SPEC.match(spec)
    if match is None:
        raise TemplateError(f"不允许格式说明 {excerpt(spec, 20)}（只可用对齐 <、>、^，宽度和 .精度）")
    for key, word in (("width", "宽度"), ("precision", "精度")):
        if match.group(key) and int(match.group(key)) > MAX_WIDTH:
            raise TemplateError(f"格式{word} {match.group(key)} 超过 {MAX_WIDTH}")


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
