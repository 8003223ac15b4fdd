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

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional

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
    for lang_ in (lang, DEFAULT_LANG):
        if key in catalogue(lang_):  # an entry may be "" (a separator that is none)
            return catalogue(lang_)[key]
    return key


@dataclass(frozen=True)
class Phrase:
    """A catalogue entry not said yet: a field of a message that is itself words
    (``placeholder.cover``), said in the language of the message it fills, so one
    finding can be said in English for the report and in Chinese for its fingerprint."""

    key: str
    fields: tuple = ()  # (name, value) pairs: a phrase is hashable, a key of a dict

    def said_in(self, lang: str) -> str:
        return say(self.key, lang, **dict(self.fields))


def phrase(key: str, /, **fields: Any) -> Phrase:
    return Phrase(key, tuple(fields.items()))


@dataclass(frozen=True)
class Joined:
    """Items (text or phrases) joined by the separator ``sep`` of the message's
    language (a list: 、 in Chinese, ", " in English), with an optional ``tail``."""

    items: tuple
    sep: str = "report.sep.list"
    tail: Optional[Phrase] = None

    def said_in(self, lang: str) -> str:
        # (an empty item is left out, not joined: no doubled separator)
        text = say(self.sep, lang).join(t for t in (said_in(i, lang) for i in self.items) if t)
        return text + (self.tail.said_in(lang) if self.tail is not None else "")


def said_in(value: Any, lang: str) -> str:
    """A field's text in ``lang``: a phrase said, anything else as a string."""
    if isinstance(value, (Phrase, Joined)):
        return value.said_in(lang)
    return "" if value is None else str(value)


def replaced(value: Any, old: str, new: str) -> Any:
    """``value`` (text or a phrase) with ``old`` replaced by ``new`` in its text and
    in every field of its phrases (a temporary file's name by the input's)."""
    if isinstance(value, Phrase):
        return Phrase(value.key, tuple((k, replaced(v, old, new)) for k, v in value.fields))
    if isinstance(value, Joined):
        return Joined(tuple(replaced(i, old, new) for i in value.items), value.sep, value.tail)
    return value.replace(old, new) if isinstance(value, str) else value


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
        return text.format_map(_Fields({k: said_in(v, lang) for k, v in fields.items()}))
    except (ValueError, IndexError, AttributeError, KeyError):
        return text


def lang_of(value: Any) -> str:
    """A ``--lang``/``lang:`` value as a known language (``zh-CN`` is ``zh``), else the default."""
    text = str(value or "").strip().lower().replace("_", "-")
    head = text.split("-")[0]
    return head if head in LANGS else DEFAULT_LANG
