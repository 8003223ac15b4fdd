"""Check kinds by name.

Kinds come in bundles, as sqlfluff's rule plugins do: an entry point of the
``budgetlint.plugins`` group names a module whose ``check_kinds()`` maps kind names to
module names, imported on use. The built-in kinds are the bundle
``budgetlint.rules.checks`` (one module per kind), declared the same way; a single
third-party kind can still be declared in the ``budgetlint.checks`` group (name ->
module). A kind whose module cannot be imported (a broken plugin) is simply not
available: a pack that names it gets a load error saying so, instead of every command
failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any, Callable, Optional

from budgetlint.core.escape import excerpt

GROUP = "budgetlint.checks"
BUNDLES = "budgetlint.plugins"
BUILTIN_BUNDLE = "budgetlint.rules.checks"


@dataclass(frozen=True)
class CheckKind:
    name: str
    params: dict[str, tuple[type, Any]]
    select: dict[str, tuple[type, Any]]
    check: Callable
    module: str
    validate: Optional[Callable] = None  # validate(params) -> error text or None
    # What the kind reads: parts of the tree ("tables", "perf", "sections") and views
    # of ``Document.readings`` ("claims", "project_places", "perf_summaries").
    reads: tuple[str, ...] = ()
    # Where the rule's ``params``/``select`` hold patterns (``core.patterns.pattern_paths``),
    # so the loader compiles each when the pack loads.
    patterns: tuple[str, ...] = ()
    # The fields a message template may name; None: any (a plugin that declares none).
    fields: Optional[tuple[str, ...]] = None


def _entry_points(group: str) -> list:
    return list(_installed().select(group=group))


@lru_cache(maxsize=1)
def _installed():
    # One scan of the installed distributions' metadata for both groups: each
    # entry_points(group=...) call reads all of it again (a few ms of every start).
    return entry_points()


def _declared() -> dict[str, str]:
    """Kind name -> module name, over every bundle and single-kind entry point. The
    built-in bundle is read even where the package is not installed (a source tree on
    the path): it is the same module either way."""
    modules = dict(import_module(BUILTIN_BUNDLE).check_kinds())
    for ep in _entry_points(BUNDLES):
        if ep.value.split(":")[0] == BUILTIN_BUNDLE:
            continue
        try:
            modules.update(import_module(ep.value.split(":")[0]).check_kinds())
        except Exception as exc:  # a broken bundle must not break the others
            modules[f"<bundle {ep.name}>"] = f"!{exc.__class__.__name__}: {exc}"
    for ep in _entry_points(GROUP):
        modules[ep.name] = ep.value.split(":")[0]
    return modules


def _kind_from_module(module: ModuleType, declared: str) -> CheckKind:
    check = getattr(module, "check", None)
    if not callable(check):
        raise TypeError(f"module {module.__name__} has no check(doc, rule) function")
    return CheckKind(
        name=getattr(module, "NAME", declared),
        params=dict(getattr(module, "PARAMS", {})),
        select=dict(getattr(module, "SELECT", {})),
        check=check,
        module=module.__name__,
        validate=getattr(module, "validate", None),
        reads=tuple(getattr(module, "READS", ())),
        patterns=tuple(getattr(module, "PATTERNS", ())),
        fields=tuple(module.FIELDS) if getattr(module, "FIELDS", None) is not None else None,
    )


@lru_cache(maxsize=1)
def _load_all() -> tuple[dict[str, CheckKind], dict[str, str]]:
    kinds: dict[str, CheckKind] = {}
    broken: dict[str, str] = {}
    for name, module_name in _declared().items():
        if module_name.startswith("!"):
            broken[name] = module_name[1:]
            continue
        try:
            kinds[name] = _kind_from_module(import_module(module_name), name)
        except Exception as exc:  # a missing or broken kind must not break the others
            broken[name] = f"{exc.__class__.__name__}: {exc}"
    return kinds, broken


def available_kinds() -> dict[str, CheckKind]:
    return dict(_load_all()[0])


def unavailable_kinds() -> dict[str, str]:
    """Kinds declared in the entry-point group whose module could not be loaded, with why."""
    return dict(_load_all()[1])


def get_kind(name: str) -> CheckKind:
    kinds, broken = _load_all()
    if name in kinds:
        return kinds[name]
    if name in broken:
        raise KeyError(f"check kind {excerpt(name)} is declared but cannot be loaded ({broken[name]})")
    raise KeyError(f"unknown check kind {excerpt(name)} (known: {', '.join(sorted(kinds)) or 'none'})")


def reset_cache() -> None:
    """Forget the loaded kinds (tests that install a kind at run time)."""
    _load_all.cache_clear()
    _installed.cache_clear()
