"""A pack's document profile: the layout knowledge readers and readings need, as data.

A pack file (``budgetlint/packs/*.yaml``, or a user's) may carry a ``profile:`` mapping
besides its rules: table kinds and their titles, column roles, units, parts, the
vocabulary of the prose. Profiles compose along ``extends:`` like the rules do: a
mapping merges key by key over the base's, any other value replaces the base's. Each
reader owns a section of the profile and reads it through its own typed view; Python
holds the machinery, the packs hold the layout.

The rules of a pack are read by ``budgetlint.rules.loader``; this module reads only
the profile, so that the parser (below the rules) can have the built-in profile of a
pack without loading its rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional

from budgetlint.core.yamlsafe import YamlError, load_with_lines

PACKS_DIR = Path(__file__).resolve().parents[1] / "packs"
MAX_EXTENDS = 8
# Where a profile holds patterns (``core.patterns.pattern_paths``): the pack loader
# compiles each when the pack loads, so a section that adds patterns says so here.
PATTERNS = (
    "table_kinds[].titles", "table_kinds[].unless", "table_synonyms.*", "document_kinds[].titles",
    "document_levels[].titles",
    "detect.names", "detect.places", "layouts.*.parts.*",
    "hygiene.placeholders[].pattern", "hygiene.placeholders[].unless", "hygiene.year", "hygiene.date",
    "hygiene.title_unless", "hygiene.stock_date", "hygiene.stock_context", "hygiene.doubled", "hygiene.ellipsis",
    "hygiene.contents.*", "table_synonyms.*", "two_sided.income", "two_sided.expenditure",
)
# The shape of each section a reader reads, checked when a pack loads (a reader
# trusts it): a list ``[shape]`` holds items of that shape, a mapping names its keys
# (those in REQUIRED must be there; ANY: every key, of any name, has that shape), a type
# is the leaf's type. A section that adds keys says so here.
REQUIRED = "__required__"
ANY = "*"
_TITLED = [{"kind": str, "titles": [str], REQUIRED: ("kind",)}]
SHAPES: dict[str, Any] = {
    "table_kinds": [{"kind": str, "titles": [str], "unless": [str], "columns": [str], REQUIRED: ("kind",)}],
    # A pack's own spellings of table titles, kind -> patterns: tried before table_kinds,
    # and merged kind by kind along ``extends`` (a list would replace the base's).
    "table_synonyms": {ANY: [str]},
    # The unit a table's figures are in where it prints no 单位 caption of its own, and
    # the prose's (Shanghai prints tables in 元 under prose in 万元).
    "units": {"table": str, "prose": str},
    "columns": [{"role": str, "names": [str], REQUIRED: ("role", "names")}],
    # readers/pdftext/sides.py: the income side's names; the patterns that say an
    # item's side in a table without 功能分类 codes, and its amount columns
    "two_sided": {"income_names": [str], "income": [str], "expenditure": [str], "amounts": [str],
                  "columns": {ANY: {ANY: [{"names": [str], "group": [str], REQUIRED: ("names",)}]}}},
    # readers/pdftext/header.py: each kind's standard columns in PDF text, and which
    # totals which (by default name)
    # (variants: name -> another layout of the kind, its columns and sums; merged name by
    # name along ``extends``, so a pack adds one without repeating the base's)
    "text_columns": {ANY: {"columns": [{"names": [str], "group": [str], REQUIRED: ("names",)}],
                           "sums": [{"total": str, "parts": [str], REQUIRED: ("total", "parts")}],
                           "variants": {ANY: {"columns": [{"names": [str], "group": [str], "wrapped": [str],
                                                           REQUIRED: ("names",)}],
                                              "sums": [{"total": str, "parts": [str], REQUIRED: ("total", "parts")}],
                                              REQUIRED: ("columns",)}}}},
    "document_kinds": _TITLED,
    "document_levels": [{"level": str, "titles": [str], REQUIRED: ("level",)}],
    # budgetlint.core.detect: how a document names this pack's jurisdiction
    "detect": {"jurisdiction": str, "names": [str], "places": [str]},
    # per document kind (budget, final-accounts): its parts (name -> title pattern)
    # and the table kinds it holds; read by the required-content check
    "layouts": {ANY: {"parts": {ANY: str}, "tables": [str]}},
    # the claim grammar's words (readings/claim_tokens.py VOCABULARY names each key)
    "claims": {key: [str] for key in (
        "up", "down", "flat", "share", "lead", "reason", "completion", "greater", "less", "equal", "basis_open",
        "basis_period", "basis_figure", "basis_close", "basis_alone", "budget", "actual", "list_header")},
    # the document-hygiene checks (rules/checks/_hygiene.py)
    "hygiene": {
        "placeholders": [{"pattern": str, "unless": [str], REQUIRED: ("pattern",)}],
        "year": str, "date": str, "title_unless": [str],
        "stock_date": str, "stock_context": str,
        "stock_years": [{"kind": str, "years": [int], "year_end": bool, REQUIRED: ("kind", "years")}],
        "doubled": str, "ellipsis": str,
        "contents": {"heading": str, "leader": str, "number": str, "part": str, "table": str, "optional": str},
    },
}


def shape_problem(value: Any, shape: Any, path: tuple = ()) -> Optional[tuple[tuple, str]]:
    """(path, what is wrong) for the first part of ``value`` not of ``shape``, or None."""
    if isinstance(shape, list):
        if not isinstance(value, list):
            return path, "应为列表（must be a list）"
        for i, item in enumerate(value):
            problem = shape_problem(item, shape[0], path + (i,))
            if problem:
                return problem
        return None
    if isinstance(shape, dict):
        if not isinstance(value, Mapping):
            return path, "应为映射（must be a mapping）"
        for key in shape.get(REQUIRED, ()):
            if key not in value:
                return path, f"缺少键 {key}（missing）"
        for key, item in value.items():
            if ANY in shape:
                problem = shape_problem(item, shape[ANY], path + (key,))
                if problem:
                    return problem
                continue
            if key not in shape or key == REQUIRED:
                return path + (key,), f"未知的键（known: {', '.join(k for k in shape if k != REQUIRED)}）"
            problem = shape_problem(item, shape[key], path + (key,))
            if problem:
                return problem
        return None
    if not isinstance(value, shape) or isinstance(value, bool) and shape is not bool:
        return path, f"应为 {shape.__name__}，而不是 {type(value).__name__}"
    return None


class ProfileError(Exception):
    """A profile that cannot be read; ``str()`` is one line naming the file."""


@dataclass(frozen=True)
class Profile:
    name: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)

    def section(self, key: str) -> Any:
        """One section of the profile (``{}`` where the pack says nothing of it)."""
        return self.data.get(key, {})


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: mappings merge key by key, other values replace."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def builtin_path(name: str) -> Optional[Path]:
    path = PACKS_DIR / f"{name}.yaml"
    return path if "/" not in name and not name.endswith((".yaml", ".yml")) and path.is_file() else None


@lru_cache(maxsize=16)
def builtin_profile(name: str = "core") -> Profile:
    """The profile of a built-in pack, with what it extends merged in."""
    path = builtin_path(name)
    if path is None:
        raise ProfileError(f"{name}: no such built-in pack")
    return Profile(name, _profile_data(path, ()))


def _profile_data(path: Path, chain: tuple[Path, ...]) -> dict[str, Any]:
    if path in chain or len(chain) >= MAX_EXTENDS:
        raise ProfileError(f"{path.name}: extends chain too long or circular")
    try:
        data, _ = load_with_lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlError) as exc:
        raise ProfileError(f"{path.name}: cannot read ({exc.__class__.__name__})") from None
    data = data if isinstance(data, dict) else {}
    base: dict[str, Any] = {}
    parent = data.get("extends")
    if isinstance(parent, str):
        parent_path = builtin_path(parent) or (path.parent / parent)
        base = _profile_data(parent_path, chain + (path,))
    own = data.get("profile") or {}
    return merge(base, own) if isinstance(own, dict) else base
