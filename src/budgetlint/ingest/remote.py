"""Inputs named by URL (``memory://bucket/x.txt``, ``s3://…``, ``file:///…``), read
through fsspec, so that an archive in an object store is linted as a folder is.

fsspec is imported only when a URL is named: a run on local files never pays for it.
A URL's bytes are read in the process that collects the inputs and handed to the
lint as bytes (see ``linter.batch``), so workers need no access to the store and
no credentials.
"""

from __future__ import annotations

import re
from typing import Optional

from budgetlint.core.i18n import phrase
from budgetlint.ingest.errors import InputError

# A scheme of two letters or more: ``C:\\x`` is a Windows path, not a URL.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def is_url(path: str) -> bool:
    return bool(_URL.match(path))


def _fs(url: str):
    try:
        import fsspec
    except ImportError:
        raise InputError(url, phrase("error.url-needs")) from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ValueError, ImportError) as exc:  # an unknown protocol, or its package missing
        raise InputError(url, phrase("error.cannot-open-url", why=str(exc)[:300])) from None


def list_url(url: str, wanted) -> Optional[list[str]]:
    """The files under the folder ``url`` whose names ``wanted`` accepts, as URLs,
    sorted; None when ``url`` is not a folder (or cannot be listed: its lint says why)."""
    try:
        fs, path = _fs(url)
        if not fs.isdir(path):
            return None
        found = fs.find(path)
    except InputError:
        return None
    except Exception:  # noqa: BLE001 - an unreachable store: the lint of the URL says why
        return None
    return sorted(_as_named(url, path, p, fs) for p in found if wanted(p.rsplit("/", 1)[-1]))


def _as_named(url: str, root: str, found: str, fs) -> str:
    """A file found under ``root`` spelt as ``url`` was (``memory://b/x``, not the
    ``memory:///b/x`` fsspec would write), so that reports show the name the user gave."""
    root = root.rstrip("/")
    if found.startswith(root + "/"):
        return url.rstrip("/") + found[len(root):]
    return fs.unstrip_protocol(found)


def read_url(url: str, limit: int) -> bytes:
    """The bytes at ``url``, refused past ``limit`` bytes (InputError, one line)."""
    fs, path = _fs(url)
    try:
        if fs.isdir(path):
            raise InputError(url, phrase("error.no-files"))
        size = fs.size(path)
        if size is not None and size > limit:
            raise InputError(url, phrase("error.too-large", size=size, limit=limit))
        with fs.open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(url, phrase("error.no-such-file")) from None
    except Exception as exc:  # noqa: BLE001 - whatever the store raises is this input's error
        raise InputError(url, phrase("error.cannot-read-type", why=f"{type(exc).__name__}: {exc}"[:300])) from None
    if len(data) > limit:
        raise InputError(url, phrase("error.too-large-over", limit=limit))
    return data
