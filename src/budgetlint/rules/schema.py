"""The pack format as a JSON Schema, generated from the check kinds.

The schema's frame (pack keys, rule keys, overrides) is written here once; each check
kind's ``PARAMS`` and ``SELECT`` (``{key: (type, default)}``) become the ``params`` and
``select`` of the rules that use that kind, so a kind added by a plugin is validated
and completed in editors like a built-in one. ``budgetlint schema pack`` prints it;
``budgetlint/schemas/pack.schema.json`` is that output for the built-in kinds (a test
keeps it current), for editors (``# yaml-language-server: $schema=…``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from budgetlint.core.finding import SEVERITIES
from budgetlint.rules.registry import CheckKind, available_kinds, unavailable_kinds

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}
OVERRIDABLE = ("severity", "params", "select", "message", "message_en", "summary", "summary_en", "explain")

RULE_ID_PATTERN = "^[A-Z]{2,4}[0-9]{3,4}$"
RULE_NAME_PATTERN = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"


def _severity(description: str) -> dict:
    return {"enum": list(SEVERITIES), "x-what": "severity", "description": description}


def keys_schema(declared: dict[str, tuple[type, Any]], what: str) -> dict:
    """``{key: (type, default)}`` as an object schema: a None default admits null."""
    props = {}
    for key, (typ, default) in sorted(declared.items()):
        kind = JSON_TYPES.get(typ, "string")
        entry: dict[str, Any] = {"type": [kind, "null"] if default is None else kind}
        if default is not None:
            entry["default"] = default
        props[key] = entry
    return {"type": "object", "properties": props, "additionalProperties": False, "x-what": what}


def _kind_branch(kind: CheckKind) -> dict:
    return {
        "if": {"properties": {"check": {"const": kind.name}}, "required": ["check"]},
        "then": {"properties": {"params": keys_schema(kind.params, "param"), "select": keys_schema(kind.select, "select")}},
    }


def pack_schema(kinds: dict[str, CheckKind], broken: tuple[str, ...] = ()) -> dict:
    rule_props = {
        "id": {"type": "string", "pattern": RULE_ID_PATTERN, "errorMessage": "an id is 2-4 capital letters and 3-4 digits (BL101)",
               "description": "Stable id: 2-4 capital letters and 3-4 digits (BL101)."},
        "name": {"type": "string", "pattern": RULE_NAME_PATTERN, "errorMessage": "a name is kebab-case (tree-sum)",
                 "description": "Kebab-case name, unique in the pack (tree-sum)."},
        "summary": {"type": "string", "description": "One line: what the rule finds (in Chinese)."},
        "summary_en": {"type": "string", "description": "The summary in English (--lang en); default: summary."},
        "severity": _severity("error, warning or info."),
        "check": {"enum": sorted([*kinds, *broken]), "x-what": "check kind", "description": "The check kind the rule runs."},
        "select": {"type": "object", "description": "What the kind reads: keys the kind declares in SELECT."},
        "params": {"type": "object", "description": "The kind's parameters: keys it declares in PARAMS, with their types."},
        "message": {"type": "string", "description": "A str.format template over the fields the kind passes ({detail}, {table}, {row}, ...), "
                                                    "in Chinese; {detail} is the check's own sentence in the report's language."},
        "message_en": {"type": "string", "description": "The message template in English (--lang en); default: message."},
        "explain": {"type": "string", "description": "For `budgetlint explain`: what and why, with a Bad and a Good example."},
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "budgetlint-pack.schema.json",
        "title": "budgetlint rule pack",
        "description": "A pack combines and parametrises check kinds; it never runs code.",
        "type": "object",
        "errorMessage": "a pack must be a mapping (pack, extends, rules, ...)",
        "additionalProperties": False,
        "properties": {
            "pack": {"type": "string", "minLength": 1, "description": "The pack's name (default: the file's stem)."},
            "summary": {"type": "string", "description": "One line: what the pack is for (in English)."},
            "summary_zh": {"type": "string", "description": "The summary in Chinese (`budgetlint rules`, the default language); default: summary."},
            "extends": {"type": "string", "description": "A built-in pack name (core, xinjiang) or a path relative to this file."},
            "disable": {"type": "array", "items": {"type": ["string"]},
                        "description": "Rules of the base pack to drop (ids or names)."},
            "overrides": {
                "type": "object", "description": "Changes to rules of the base pack, by rule id or name.",
                "additionalProperties": {
                    "type": "object", "additionalProperties": False, "errorMessage": "must be a mapping of changes",
                    "x-unknown": f"cannot be overridden (can: {', '.join(sorted(OVERRIDABLE))})",
                    "properties": {k: v for k, v in rule_props.items() if k in OVERRIDABLE},
                },
            },
            "profile": {"type": "object", "errorMessage": "must be a mapping (the document profile)",
                        "description": "The layout of the documents: table kinds and titles, column roles, units, parts, "
                                       "the vocabulary of the prose (merged key by key along extends)."},
            "rules": {
                "type": "array", "description": "New rules.",
                "items": {
                    "type": "object", "errorMessage": "a rule must be a mapping",
                    "required": ["id", "name", "summary", "severity", "check"],
                    "additionalProperties": False,
                    "properties": rule_props,
                    "allOf": [_kind_branch(kinds[name]) for name in sorted(kinds)],
                },
            },
        },
    }


def pack_schema_json() -> str:
    """The schema of the kinds available here (plugins included), as JSON text."""
    kinds, broken = available_kinds(), tuple(sorted(unavailable_kinds()))
    return _schema_json(tuple(sorted((k.name, k.module) for k in kinds.values())), broken)


@lru_cache(maxsize=4)
def _schema_json(kinds: tuple, broken: tuple[str, ...]) -> str:
    # Keyed by the kinds, so that a kind installed at run time (a test's plugin) is known.
    return json.dumps(pack_schema(available_kinds(), broken), ensure_ascii=False, indent=1)


def params_schema_json(kind: CheckKind, what: str) -> str:
    """The schema of one kind's ``params`` or ``select`` (an override's changes)."""
    declared = kind.params if what == "params" else kind.select
    return json.dumps(keys_schema(declared, what[:-1] if what == "params" else what), ensure_ascii=False)
