"""The message catalogue: what budgetlint says, in Chinese (the default) or English.

A finding's text is a catalogue entry (``tree-sum.rows``: a ``str.format`` template)
filled with the fields its check built (figures, subjects, table labels), so the
figures are the same in every language and only the words around them change. One
catalogue per language (``budgetlint/messages/zh.yaml``, ``en.yaml``); adding a
message is adding a key to both. An entry missing in English falls back to the
Chinese one (``tests/test_messages.py`` lists which are missing), an entry missing
everywhere to its key, so a message never raises.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "messages"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def catalogue(lang: str) -> Mapping[str, str]:
    """The entries of one language's catalogue (empty for a language without one)."""
    path = CATALOGUE_DIR / f"{lang}.yaml"
    if lang not in LANGS or not path.is_file():
        return {}
    # libyaml's loader where PyYAML has it: the pure one took a tenth of a small run
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    return {str(k): str(v) for k, v in data.items()}


def template(key: str, lang: str = DEFAULT_LANG) -> str:
    """The template of ``key`` in ``lang``, else in Chinese, else the key itself."""
    return catalogue(lang).get(key) or catalogue(DEFAULT_LANG).get(key) or key


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        # a field the check did not fill shows as its name, never as a KeyError
        return "{" + key + "}"


def say(key: str, lang: str = DEFAULT_LANG, /, **fields: Any) -> str:
    """The message ``key`` in ``lang``, filled with ``fields`` (each made a string).
    The catalogues are ours, not a pack's, so ``format_map`` is safe here; a field
    missing or a template broken still gives text, not an exception."""
    text = template(key, lang)
    try:
        return text.format_map(_Fields({k: "" if v is None else str(v) for k, v in fields.items()}))
    except (ValueError, IndexError, AttributeError, KeyError):
        return text


def lang_of(value: Any) -> str:
    """A ``--lang``/``lang:`` value as a known language (``zh-CN`` is ``zh``), else the default."""
    text = str(value or "").strip().lower().replace("_", "-")
    head = text.split("-")[0]
    return head if head in LANGS else DEFAULT_LANG
