"""LALR parsers built once and kept in the user's cache.

Building a parser's tables (and Lark's own grammar parser, to read the grammar) was a
sixth of the start-up; loading the tables saved by an earlier run costs a tenth of
that. The file is named by the grammar, its lexer, Lark's and Python's versions, so an
upgrade or an edit never loads an old table; it lives in the user's own cache
directory (a pickle is loaded from it), never a shared temporary one; and a cache that
cannot be read or written only means the parser is built again.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional

import lark
from lark import Lark


def cached_lalr(name: str, grammar: str, lexer: type) -> Lark:
    """``Lark(grammar, parser="lalr", lexer=lexer)``, from the cache where it is."""
    path = cache_file(name, grammar, lexer)
    if path is not None:
        try:
            with open(path, "rb") as f:
                return Lark.load(f)
        except Exception:  # noqa: BLE001 - absent, unreadable or stale: built anew below
            pass
    parser = Lark(grammar, parser="lalr", lexer=lexer)
    if path is not None:
        _save(parser, path)
    return parser


def cache_file(name: str, grammar: str, lexer: type) -> Optional[Path]:
    """Where the parser of ``grammar`` is kept; None where caching is off
    (``BUDGETLINT_NO_CACHE``) or no absolute cache directory is known."""
    if os.environ.get("BUDGETLINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    ident = f"{grammar}\0{lexer.__module__}.{lexer.__qualname__}\0{lark.__version__}\0{sys.version}"
    key = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:24]
    return Path(base) / "budgetlint" / f"{name}-{key}.lark.pickle"


def _save(parser: Lark, path: Path) -> None:
    """Written to a temporary file and renamed, so a parallel worker never reads half
    a table."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                parser.save(f)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001 - the cache is an optimisation, never an error
        pass
