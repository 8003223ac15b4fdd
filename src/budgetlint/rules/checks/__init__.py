"""The built-in check kinds: one module each, found in this package.

The package is the built-in plugin bundle (entry point ``budgetlint.plugins``,
``builtin = "budgetlint.rules.checks"``): a new built-in kind is a new module here,
with no packaging change.
"""

from __future__ import annotations

import pkgutil


def check_kinds() -> dict[str, str]:
    """Kind name -> module name, for every module of this package (imported on use)."""
    out = {}
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            out[info.name.replace("_", "-")] = f"{__name__}.{info.name}"
    return out
