from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCHEMAS = SHARED / "schemas"

CORPUS_FILES = {
    "changji-city": "changji-city-hrss-2023.txt",
    "urumqi": "urumqi-gaoxin-hrss-2023.txt",
    "prefecture-2020": "changji-prefecture-hrss-2020.txt",
    "center-2025": "changji-prefecture-hrss-center-2025.md",
}


def corpus_path(key: str) -> Path:
    """Path of a corpus document; skips the test (with the reason) where the shared
    corpus is not beside the checkout."""
    path = CORPUS / CORPUS_FILES.get(key, key)
    if not path.exists():
        pytest.skip(f"shared corpus not found at {CORPUS} (published documents are not in the repo)")
    return path


def schema_path(name: str) -> Path:
    """Path of a published schema kept in ../shared/schemas (the SARIF one is not ours
    to ship); skips the test with the reason where shared/ is not beside the checkout,
    as ``corpus_path`` does."""
    path = SCHEMAS / name
    if not path.exists():
        pytest.skip(f"shared schemas not found at {SCHEMAS} (the published schemas are not in the repo)")
    return path


_PARSED: dict = {}


def parsed(key: str, pack: str = ""):
    """The parsed Document of a corpus file (read with the profile of the built-in
    ``pack``; core's by default), parsed once per test session."""
    from budgetlint.core.profile import builtin_profile
    from budgetlint.parse import parse_source
    from budgetlint.ingest import load_path

    path = corpus_path(key)
    if (key, pack) not in _PARSED:
        _PARSED[(key, pack)] = parse_source(load_path(path), builtin_profile(pack) if pack else None)
    return _PARSED[(key, pack)]


@contextmanager
def raises_said(error: type, pattern: str, lang: str = "en"):
    """``pytest.raises(error, match=pattern)`` of the error's one line in ``lang``
    (its ``str()`` is in Chinese, the default language): budgetlint's own errors
    carry their reason as a catalogue phrase, said in the report's language."""
    with pytest.raises(error) as info:
        yield info
    assert re.search(pattern, info.value.text_in(lang)), info.value.text_in(lang)
