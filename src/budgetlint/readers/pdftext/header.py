"""Column headers of the disclosure tables in PDF text.

PDF text wraps header cells, often one character a line (``财`` / ``政`` / ``专`` …),
and prints a grouped header's sub-columns after the group row, so the left-to-right
order of the columns cannot be read off the text. The tables are national templates,
though: each role has a standard header (the profile's ``text_columns`` and
``two_sided.columns``). A header is read by finding each standard
column's name in the squeezed header text; the key is the spelling the document
prints (``政府性基金`` or ``政府性基金预算``). Where a name is not found the header is
too garbled to rebuild and the template's spelling stands in (``Spec.rebuilt`` is
then False).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional, Sequence

from budgetlint.core.model import Column
from budgetlint.core.figures import name_key, squeeze
from budgetlint.core.profile import Profile, builtin_profile

# One template column: the spellings it may be printed with (first is the default),
# the group header above it, and the heads of its name where the PDF wraps the cell
# (对附属单位补 / 助支出): a head found names the column by its full (first) name.
_Col = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_Sum = tuple[str, tuple[str, ...]]  # (total, parts), by default name


@dataclass(frozen=True)
class Templates:
    """The profile's column templates: ``text_columns`` (one-sided kinds, with
    their row sums) and ``two_sided.columns`` (each side of a two-sided kind)."""

    one_sided: Mapping[str, tuple[_Col, ...]] = field(default_factory=dict)
    sums: Mapping[str, tuple[_Sum, ...]] = field(default_factory=dict)
    sides: Mapping[str, Mapping[str, tuple[_Col, ...]]] = field(default_factory=dict)
    # other layouts of a kind (the 决算 收入决算表, a province's 支出预算总表): each its
    # columns and sums, tried in order where the header names a column the standard lacks
    variants: Mapping[str, tuple[tuple[tuple[_Col, ...], tuple[_Sum, ...]], ...]] = field(default_factory=dict)


def _cols(entries: Any) -> tuple[_Col, ...]:
    return tuple((tuple(e.get("names") or ()), tuple(e.get("group") or ()), tuple(e.get("wrapped") or ()))
                 for e in entries or () if e.get("names"))


def _sums(template: Any) -> tuple[_Sum, ...]:
    return tuple((x["total"], tuple(x["parts"])) for x in template.get("sums") or ())


_CACHE: dict[int, tuple[Any, Any, Templates]] = {}


def templates(profile: Profile) -> Templates:
    """``profile``'s templates (core's where it has none: a profile built by hand)."""
    one = profile.section("text_columns")
    two = (profile.section("two_sided") or {}).get("columns")
    if not one and not two and profile.name != "core":
        return templates(builtin_profile("core"))
    hit = _CACHE.get(id(one))
    if hit is not None and hit[0] is one and hit[1] is two:
        return hit[2]
    built = Templates(
        one_sided={role: _cols(t.get("columns")) for role, t in (one or {}).items()},
        sums={role: _sums(t) for role, t in (one or {}).items()},
        sides={role: {side: _cols(cols) for side, cols in t.items()} for role, t in (two or {}).items()},
        variants={role: tuple((_cols(v.get("columns")), _sums(v)) for v in (t.get("variants") or {}).values())
                  for role, t in (one or {}).items() if t.get("variants")},
    )
    _CACHE[id(one)] = (one, two, built)
    return built


@dataclass
class Spec:
    """What the placement needs to know about a table's columns."""

    columns: list[Column]
    row_sums: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    rebuilt: bool = True


def _row_sums(template: Sequence[_Col], sums: Sequence[_Sum], keys: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The template's sums (by default name) as column keys; the first column totals
    the others where the template names none."""
    if not sums:
        return _first_is_sum(keys)
    index = {col[0][0]: i for i, col in enumerate(template)}
    return [(keys[index[total]], tuple(keys[index[p]] for p in parts))
            for total, parts in sums if total in index and all(p in index for p in parts)]


def _first_is_sum(keys: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The usual row sum: the first column is the total of the others."""
    if len(keys) > 1:
        return [(keys[0], tuple(keys[1:]))]
    return []


def _columns(template: Sequence[_Col], header: str) -> tuple[list[Column], bool]:
    text = name_key(header)
    out, rebuilt = [], True
    for names, path, wrapped in template:
        key = next((name_key(n) for n in names if name_key(n) in text), None)
        if key is None and any(name_key(w) in text for w in wrapped):
            key = name_key(names[0])
        if key is None:
            key, rebuilt = name_key(names[0]), False
        out.append(Column(key=key, title=key, path=path))
    return out, rebuilt


def table_spec(role: str, header: str, known: Optional[Templates] = None,
               fits: Optional[Callable[[list[str]], bool]] = None) -> Optional[Spec]:
    """The columns of a ``role`` table under ``header``: the kind's standard template,
    or where ``fits`` (does the header name only these columns?) rejects it, the first
    of its variants that the header fits and whose every column the header names (a
    variant is a whole other layout: one read off a header that lacks some of its
    columns would be a guess)."""
    known = known or templates(builtin_profile("core"))
    template = known.one_sided.get(role)
    if not template:
        return None
    columns, rebuilt = _columns(template, header)
    if fits is not None and not fits([c.key for c in columns]):
        for variant, sums in known.variants.get(role, ()):
            other, complete = _columns(variant, header)
            if complete and fits([c.key for c in other]):
                return Spec(other, _row_sums(variant, sums, [c.key for c in other]), True)
    return Spec(columns, _row_sums(template, known.sums.get(role, ()), [c.key for c in columns]), rebuilt)


def side_specs(role: str, header: str, printed_only: bool = False,
               amounts: Sequence[str] = (), known: Optional[Templates] = None) -> Optional[dict[str, Spec]]:
    """``printed_only``: keep only the template columns the header names (a layout
    that is not the template's must not be given columns it does not print); a side
    that names none of them is one column, the first of ``amounts`` (the profile's
    ``two_sided.amounts``) the header names (Jiangsu: 项目名称 金额 | 项目名称 金额)."""
    known = known or templates(builtin_profile("core"))
    sides = known.sides.get(role)
    if not sides:
        return None
    out = {}
    for side, template in sides.items():
        if printed_only:
            columns = _printed(template, header, amounts)
        else:
            columns, rebuilt = _columns(template, header)
        out[side] = Spec(columns, _first_is_sum([c.key for c in columns]), True if printed_only else rebuilt)
    return out


def _printed(template: Sequence[_Col], header: str, amounts: Sequence[str]) -> list[Column]:
    text = name_key(header)
    out = []
    for names, path, _ in template:
        key = next((name_key(n) for n in names if name_key(n) in text), None)
        if key is not None:
            out.append(Column(key=key, title=key, path=path))
    if not out:
        key = next((name_key(a) for a in amounts if name_key(a) in text), name_key(template[0][0][0]))
        out.append(Column(key=key, title=key))
    return out


def ends_header(text: str) -> bool:
    """The 类 款 项 line closes the header of a coded table (glued in 表7: ``出类 款 项``)."""
    squeezed = squeeze(text)
    return squeezed.endswith("类款项") or squeezed.endswith("类款")
