"""Check kinds by name, found through the ``budgetlint.checks`` entry-point group.

Built-in kinds are declared in pyproject.toml exactly as a plugin would declare its
own, so there is one way in. A kind whose module cannot be imported (a kind another
engineer has not written yet, or a broken plugin) is simply not available: a pack
that names it gets a load error saying so, instead of every command failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any, Callable, Optional

GROUP = "budgetlint.checks"


@dataclass(frozen=True)
class CheckKind:
    name: str
    params: dict[str, tuple[type, Any]]
    select: dict[str, tuple[type, Any]]
    check: Callable
    module: str
    validate: Optional[Callable] = None  # validate(params) -> error text or None


def _group() -> list:
    eps = entry_points()
    if hasattr(eps, "select"):
        return list(eps.select(group=GROUP))
    return list(eps.get(GROUP, []))  # pragma: no cover - Python < 3.10 API


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
    )


@lru_cache(maxsize=1)
def _load_all() -> tuple[dict[str, CheckKind], dict[str, str]]:
    kinds: dict[str, CheckKind] = {}
    broken: dict[str, str] = {}
    for ep in _group():
        try:
            target = ep.load()
            module = target if isinstance(target, ModuleType) else import_module(ep.value.split(":")[0])
            kinds[ep.name] = _kind_from_module(module, ep.name)
        except Exception as exc:  # a missing or broken kind must not break the others
            broken[ep.name] = f"{exc.__class__.__name__}: {exc}"
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
        raise KeyError(f"check kind {name!r} is declared but cannot be loaded ({broken[name]})")
    raise KeyError(f"unknown check kind {name!r} (known: {', '.join(sorted(kinds)) or 'none'})")


def reset_cache() -> None:
    """Forget the loaded kinds (tests that install a kind at run time)."""
    _load_all.cache_clear()
