"""Validating a YAML/TOML document against a JSON Schema, with errors a user can act on.

Packs and configs are checked by their schemas (``budgetlint/schemas/*.json``, the same
files editors use for completion). A schema error becomes one problem: the key path
(``rules.0.params.totals``), the 1-based line of that key, and one line of text in the
words a pack author knows (``expected bool, got str``; ``unknown key (known: …)``). A
schema may carry ``errorMessage`` on a node to say what a pattern or shape means.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Optional

from budgetlint.core.escape import excerpt
from budgetlint.core.yamlsafe import line_of

if TYPE_CHECKING:
    import jsonschema

PY_TYPES = {"boolean": "bool", "integer": "int", "number": "float", "string": "str", "array": "list",
            "object": "mapping", "null": "null"}


@dataclass(frozen=True)
class Problem:
    path: tuple  # key path from the document's root
    line: Optional[int]
    message: str


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _known(schema: dict) -> str:
    return ", ".join(sorted(schema.get("properties", {}))) or "none"


def _problem(error: "jsonschema.ValidationError", lines: dict) -> Problem:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    # ``errorMessage`` says what a shape or pattern means; ``x-unknown`` what an
    # unknown key means there; ``x-what`` names the thing (severity, param).
    custom = schema.get("errorMessage") if error.validator in ("type", "pattern", "minLength", "anyOf") else None
    if error.validator == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        extra = next((k for k in error.instance if k not in allowed), None)
        path = path + (extra,)
        message = schema.get("x-unknown") or f"unknown {schema.get('x-what', 'key')} (known: {_known(schema)})"
    elif error.validator == "required":
        missing = next((k for k in error.validator_value if k not in error.instance), "?")
        message = f"{missing!r}: missing"
        path = path + (f"\0{missing}",)  # the key is not there: point at its mapping
    elif custom:
        message = custom
    elif error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " or ".join(PY_TYPES.get(t, t) for t in wanted)
        message = f"expected {names}, got {_type_name(error.instance)}"
    elif error.validator == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        message = f"unknown {schema.get('x-what', 'value')} {excerpt(error.instance)} (known: {choices})"
    else:  # jsonschema's own wording quotes the value: never more than a short, escaped excerpt of it
        message = f"{error.validator}: {excerpt(error.instance)} does not fit the schema"
    shown = tuple(p for p in path if not (isinstance(p, str) and p.startswith("\0")))
    return Problem(shown, line_of(lines, shown), message)


@lru_cache(maxsize=8)
def _validator(schema_json: str):
    import json

    import jsonschema  # here: a run with no user pack or config never needs it

    schema = json.loads(schema_json)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def first_problem(data: Any, schema_json: str, lines: dict) -> Optional[Problem]:
    """The problem of ``data`` under the schema (given as its JSON text, so that the
    compiled validator is cached) that comes first in the file, or None."""
    problems = [_problem(e, lines) for e in _validator(schema_json).iter_errors(data)]
    if not problems:
        return None
    return min(problems, key=lambda p: (p.line or 0, len(p.path)))
