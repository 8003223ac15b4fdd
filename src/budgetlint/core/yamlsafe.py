"""Reading a YAML pack safely, keeping the line of every key for error messages.

``yaml.safe_load`` never runs code, but it still expands aliases, and a few lines of
nested aliases (the "billion laughs") expand to gigabytes. Packs have no use for
aliases or merge keys, so any alias is refused before anything is built, and the text
itself is capped in size and nesting depth.
"""

from __future__ import annotations

import copy
import datetime
import re
from functools import lru_cache
from typing import Any

import yaml

MAX_PACK_BYTES = 512 * 1024
MAX_DEPTH = 20


_DATES = (datetime.date, datetime.datetime)


class YamlError(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def load_with_lines(text: str) -> tuple[Any, dict[tuple, int]]:
    """The data of a YAML document and a map from key path (``("rules", 0, "params")``)
    to its 1-based line."""
    data, lines = _parsed(text)
    # a copy: the caller owns what it is given, and the parse is kept for the next
    # caller (core.yaml is read by every pack extending it, and by each profile)
    return _copy(data), dict(lines)


def _copy(value: Any) -> Any:
    """``copy.deepcopy`` of parsed YAML, a few times faster: its containers are new,
    its scalars (str, numbers, dates, bytes: immutable) shared. A pack holds no alias
    (refused), so no container is reached twice and no memo is needed."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, (set, tuple)):
        return type(value)(_copy(v) for v in value)
    if isinstance(value, (str, int, float, bytes, type(None))) or isinstance(value, _DATES):
        return value
    return copy.deepcopy(value)  # nothing the safe loader builds, but still a copy


@lru_cache(maxsize=16)
def _parsed(text: str) -> tuple[Any, dict[tuple, int]]:
    if len(text.encode("utf-8", "replace")) > MAX_PACK_BYTES:
        raise YamlError(f"file is too large for a pack (limit {MAX_PACK_BYTES} bytes)")
    if _FAST is not None and not _NON_PRINTABLE.search(text):
        try:
            return _load(text, _FAST)
        except Exception:  # noqa: BLE001 - the pure loader below says why, in its words
            pass
    return _load(text, yaml.SafeLoader)


# libyaml (PyYAML's C scanner and parser) reads a pack some fifteen times faster than
# the pure-Python one, which was most of the start-up. Its errors are worded otherwise
# and it does not refuse non-printable characters, so a text it fails on or that holds
# one is read again by the pure loader, whose data and errors are the reference.
_FAST = getattr(yaml, "CSafeLoader", None)
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")


def _load(text: str, loader_class) -> tuple[Any, dict[tuple, int]]:
    try:
        depth = 0
        for event in yaml.parse(text, Loader=loader_class):
            if isinstance(event, yaml.AliasEvent):
                raise YamlError("aliases (*name) are not allowed in a pack", event.start_mark.line + 1)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark.line + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        loader = loader_class(text)
        try:
            # the data is built from the same node tree the lines are read from
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlError(f"invalid YAML: {exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}") from None
    lines: dict[tuple, int] = {}
    if node is not None:
        _index(node, (), lines)
    return data, lines


def _index(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise YamlError(f"duplicate key {key!r}", key_node.start_mark.line + 1)
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _index(value_node, path + (key,), lines)
            # the key's own line wins over where its value starts (a block below it)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, path + (i,), lines)


def line_of(lines: dict[tuple, int], path: tuple) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]
