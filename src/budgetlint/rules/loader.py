"""Packs: YAML files of rules, validated on load and composed with ``extends``.

A pack only combines and parametrises check kinds; it never runs code. Every mistake
in a pack is a ``PackError`` naming the file, the rule, the key and the line, so a
pack author never sees a traceback.

Pack file keys::

    pack: xinjiang            # the pack's name (defaults to the file's stem)
    summary: ...
    extends: core             # a built-in pack name or a path relative to this file
    disable: [BL301]          # rules of the base pack to drop (id or name)
    overrides:                # change a base rule by id or name
      BL301: {severity: warning, params: {total: 90}}
    profile: {...}            # the layout of the documents (budgetlint.core.profile)
    rules:                    # new rules
      - id: BL101
        name: tree-sum
        summary: ...
        severity: error       # error | warning | info
        check: tree-sum       # the check kind
        select: {...}         # keys the kind declares in SELECT
        params: {...}         # keys the kind declares in PARAMS, with their types
        message: "..."        # str.format template over the fields the kind passes
        message_en: "..."     # its English (--lang en); default: message
        summary_en: "..."     # the summary's English; default: summary
        explain: |            # for `budgetlint explain`, with a bad and a good example
          ...
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import re

from budgetlint.core.i18n import DEFAULT_LANG, phrase, said_in, say
from budgetlint.core.escape import excerpt
from budgetlint.core.files import FileRefused, read_regular
from budgetlint.core.patterns import pattern_paths, pattern_problem
from budgetlint.core.profile import PACKS_DIR, PATTERNS as PROFILE_PATTERNS, SHAPES as PROFILE_SHAPES, Profile, merge, shape_problem
from budgetlint.core.schema import Problem, first_problem
from budgetlint.core.yamlsafe import MAX_PACK_BYTES, YamlError, line_of, load_with_lines
from budgetlint.rules.base import Rule
from budgetlint.rules.registry import get_kind
from budgetlint.rules.schema import pack_schema_json, params_schema_json
from budgetlint.rules.template import template_problem

MAX_EXTENDS = 8
PACK_KEYS = {"pack", "summary", "summary_zh", "extends", "disable", "overrides", "rules", "profile"}
# A key an error message may quote as it is: what a mistyped pack key looks like.
# Anything else read from the file is described, never quoted (``--pack /etc/shadow``
# must not print the file's first line).
SHOWN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\[\]-]{0,47}$")


class PackError(Exception):
    """A pack that cannot be used; ``str()`` is one line for the user."""

    def __init__(self, file: str, message: Any, *, line: Optional[int] = None, rule: str = "", key: str = ""):
        self.file, self.line, self.rule, self.key = file, line, rule, key
        self.said = message  # a catalogue phrase, or a text from elsewhere (YAML's, the schema's)
        super().__init__(self.text_in(DEFAULT_LANG))

    def text_in(self, lang: str) -> str:
        """The one line in ``lang``."""
        parts = [f"{self.file}:{self.line}" if self.line else self.file]
        if self.rule:
            parts.append(say("error.pack-where-rule", lang, rule=self.rule))
        if self.key:
            parts.append(say("error.pack-where-key", lang, key=repr(self.key)))
        text = ": ".join(parts) + ": " + said_in(self.said, lang)
        return " ".join(text.split("\n"))  # one line, whatever a key contained


@dataclass
class Pack:
    name: str
    rules: list[Rule] = field(default_factory=list)
    path: str = ""
    summary: str = ""  # in English
    profile: Profile = field(default_factory=Profile)
    summary_zh: str = ""  # in Chinese; "": the English one

    def summary_in(self, lang: str) -> str:
        return self.summary_zh if lang == "zh" and self.summary_zh else self.summary

    def find(self, ref: str) -> Optional[Rule]:
        """A rule by id (case-insensitive) or by name."""
        return next((rule for rule in self.rules if _named(rule, ref)), None)

    def filtered(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> "Pack":
        """Only the rules named in ``select`` (all when empty), minus those in ``ignore``.
        An entry may be an id, a name or an id prefix (``BL1`` = every BL1xx rule)."""
        select, ignore = list(select), list(ignore)
        rules = [r for r in self.rules if (not select or _matches(r, select)) and not _matches(r, ignore)]
        return dataclasses.replace(self, rules=rules)

    @property
    def lang(self) -> str:
        """The language its rules speak (the run's: ``with_lang``)."""
        return self.rules[0].lang if self.rules else DEFAULT_LANG

    def with_lang(self, lang: str) -> "Pack":
        """The pack whose rules speak ``lang`` (zh, en) in their findings."""
        return dataclasses.replace(self, rules=[dataclasses.replace(r, lang=lang) for r in self.rules])

    def with_severities(self, severities: dict[str, str]) -> "Pack":
        rules = []
        for rule in self.rules:
            new = severities.get(rule.id) or severities.get(rule.name)
            rules.append(dataclasses.replace(rule, severity=new) if new else rule)
        return dataclasses.replace(self, rules=rules)


def _named(rule: Rule, ref: str) -> bool:
    """Does ``ref`` name the rule: its id in any case, or its name exactly?"""
    return rule.id.upper() == ref.upper() or rule.name == ref


def _matches(rule: Rule, refs: list[str]) -> bool:
    for ref in refs:
        ref = ref.strip()
        if not ref:
            continue
        if _named(rule, ref):
            return True
        if ref.upper().startswith("BL") and rule.id.upper().startswith(ref.upper()):
            return True
    return False


def unknown_refs(pack: Pack, refs: Iterable[str]) -> list[str]:
    """The entries of a --select/--ignore list that name no rule of the pack."""
    return [r for r in refs if r.strip() and not any(_matches(rule, [r]) for rule in pack.rules)]


def builtin_packs() -> list[str]:
    return sorted(p.stem for p in PACKS_DIR.glob("*.yaml"))


def resolve_pack_ref(ref: str, relative_to: Optional[Path] = None) -> Path:
    """A built-in pack name, or a path (relative to the extending file when given)."""
    if (PACKS_DIR / f"{ref}.yaml").is_file() and "/" not in ref and not ref.endswith((".yaml", ".yml")):
        return PACKS_DIR / f"{ref}.yaml"
    path = Path(ref).expanduser()
    if relative_to is not None and not path.is_absolute():
        path = relative_to.parent / path
    if path.is_file():
        return path
    known = ", ".join(builtin_packs())
    raise PackError(ref, phrase("error.no-such-pack", known=known))


def load_pack(ref: str | Path = "core") -> Pack:
    return _load(resolve_pack_ref(str(ref)), chain=())


def _load(path: Path, chain: tuple[Path, ...]) -> Pack:
    file = path.name if path.parent == PACKS_DIR else str(path)
    resolved = path.resolve()
    if resolved in chain:
        raise PackError(file, phrase("error.pack-cycle"))
    if len(chain) >= MAX_EXTENDS:
        raise PackError(file, phrase("error.pack-chain", limit=MAX_EXTENDS))
    try:
        text = read_regular(path, MAX_PACK_BYTES).decode("utf-8")
    except FileRefused as exc:
        raise PackError(file, phrase("error.pack-unreadable", why=exc.said)) from None
    except UnicodeDecodeError:
        raise PackError(file, phrase("error.pack-not-utf8")) from None
    try:
        data, lines = load_with_lines(text)
    except YamlError as exc:
        raise PackError(file, exc.message, line=exc.line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict) or (
        data and not set(map(str, data)) & PACK_KEYS and not any(SHOWN_KEY.match(str(k)) for k in data)
    ):
        raise PackError(file, phrase("error.not-a-pack", keys=", ".join(sorted(PACK_KEYS))), line=1)
    ctx = _Context(file, lines, trusted=path.parent == PACKS_DIR)
    if not ctx.trusted:
        # Every key and type, by the pack schema (budgetlint/schemas/pack.schema.json).
        # The built-in packs are checked against it by the tests, not on every run:
        # importing and running the validator would be most of a small run's start-up.
        ctx.check(data)
    name = data.get("pack", path.stem)
    summary = data.get("summary", "")
    summary_zh = data.get("summary_zh", "")

    rules: dict[str, Rule] = {}
    profile: dict[str, Any] = {}
    if data.get("extends") is not None:
        base_ref = data["extends"]
        try:
            base_path = resolve_pack_ref(base_ref, relative_to=path)
        except PackError as exc:
            ctx.fail(exc.said, ("extends",), key="extends")
        base = _load(base_path, chain + (resolved,))
        rules = {r.id: r for r in base.rules}
        profile = dict(base.profile.data)
    own_profile = data.get("profile") or {}
    for section, shape in PROFILE_SHAPES.items():
        problem = shape_problem(own_profile[section], shape, (section,)) if section in own_profile else None
        if problem:
            ctx.fail(problem[1], ("profile",) + problem[0], key="profile." + section)
    for spec in PROFILE_PATTERNS:
        for sub, pattern in pattern_paths(own_profile, spec):
            _check_pattern(ctx, pattern, ("profile",) + sub, "", "profile." + spec)
    profile = merge(profile, own_profile)

    for i, ref in enumerate(_list(ctx, data, "disable")):
        rule = _lookup(rules, ref)
        if rule is None:
            ctx.fail(f"no rule {excerpt(ref)} in the base pack to disable", ("disable", i), key="disable")
        del rules[rule.id]

    for i, raw in enumerate(_list(ctx, data, "rules")):
        rule = _read_rule(ctx, raw, ("rules", i), str(name))
        if rule.id in rules:
            ctx.fail(f"duplicate rule id {rule.id} (override it under 'overrides' instead)", ("rules", i, "id"), rule=rule.id, key="id")
        if any(r.name == rule.name for r in rules.values()):
            ctx.fail(f"duplicate rule name {rule.name}", ("rules", i, "name"), rule=rule.id, key="name")
        rules[rule.id] = rule

    overrides = data.get("overrides") or {}
    for ref, changes in overrides.items():
        rule = _lookup(rules, str(ref))
        if rule is None:
            ctx.fail(f"no rule {excerpt(ref)} to override", ("overrides", ref), key="overrides")
        rules[rule.id] = _override(ctx, rule, changes, ("overrides", ref))

    return Pack(name=name, rules=list(rules.values()), path=str(path), summary=summary, profile=Profile(name, profile),
                summary_zh=summary_zh)


class _Context:
    def __init__(self, file: str, lines: dict[tuple, int], trusted: bool = False):
        # trusted: a built-in pack, which the tests check against the schemas
        # (tests/test_rules_loader.py) instead of every run that loads it
        self.file, self.lines, self.trusted = file, lines, trusted
        self.data: Any = None

    def fail(self, message: Any, path: tuple, *, rule: str = "", key: str = ""):
        raise PackError(self.file, message, line=line_of(self.lines, path), rule=rule, key=key)

    def check(self, data: Any, schema_json: Optional[str] = None, at: tuple = (), rule: str = "") -> None:
        """Raise the first problem of ``data`` (found at ``at`` in the file) under the
        schema, naming the rule it is in and the key."""
        if self.data is None:
            self.data = data
        problem = first_problem(data, schema_json or pack_schema_json(), _sub_lines(self.lines, at))
        if problem is not None:
            self.raise_problem(problem, at, rule)

    def raise_problem(self, problem: Problem, at: tuple, rule: str) -> None:
        path = at + problem.path
        key_path = path
        if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
            raw = self.data["rules"][path[1]] if isinstance(self.data, dict) else None
            rule = str(raw.get("id", f"#{path[1] + 1}")) if isinstance(raw, dict) else f"#{path[1] + 1}"
            key_path = path[2:]
        elif len(path) >= 2 and path[0] == "overrides":
            rule, key_path = str(path[1]), path[2:]
        key = ".".join(str(p) for p in key_path)
        raise PackError(self.file, problem.message, line=line_of(self.lines, path), rule=rule, key=key)


def _sub_lines(lines: dict[tuple, int], at: tuple) -> dict[tuple, int]:
    """The line map of the part of the file at ``at``, keyed from there."""
    if not at:
        return lines
    n = len(at)
    return {k[n:]: v for k, v in lines.items() if k[:n] == at}


def _list(ctx: _Context, data: dict, key: str) -> list:
    return data.get(key) or []


def _lookup(rules: dict[str, Rule], ref: Any) -> Optional[Rule]:
    return next((rule for rule in rules.values() if _named(rule, str(ref))), None)


def _read_rule(ctx: _Context, raw: dict, path: tuple, pack: str) -> Rule:
    """A rule the schema has checked (keys, types, its kind's params and select)."""
    rid = raw["id"]
    try:
        kind = get_kind(raw["check"])
    except KeyError as exc:  # declared by a plugin that cannot be loaded
        ctx.fail(exc.args[0], path + ("check",), rule=rid, key="check")
    params = dict(raw.get("params") or {})
    select = dict(raw.get("select") or {})
    _check_structure(ctx, kind, params, path + ("params",), rid)
    _check_patterns(ctx, kind, {"params": params, "select": select}, path, rid)
    for key in ("message", "message_en"):
        if key in raw or key == "message":
            _check_template(ctx, kind, raw.get(key, "{detail}"), path + (key,), rid, key)
    line = line_of(ctx.lines, path)
    return Rule(
        id=raw["id"],
        name=raw["name"],
        check=raw["check"],
        severity=raw["severity"],
        summary=raw["summary"],
        select=select,
        params={**{k: d for k, (_, d) in kind.params.items()}, **params},
        message=raw.get("message", "{detail}"),
        message_en=raw.get("message_en"),
        summary_en=raw.get("summary_en"),
        explain=raw.get("explain", ""),
        pack=pack,
        origin=f"{ctx.file}:{line}" if line else ctx.file,
    )


def _override(ctx: _Context, rule: Rule, changes: dict, path: tuple) -> Rule:
    """Changes the schema has checked; their params and select are checked here, by
    the schema of the overridden rule's kind (which the pack schema cannot know)."""
    texts = ("summary", "summary_en", "message", "message_en", "explain", "severity")
    updates: dict[str, Any] = {k: changes[k] for k in texts if k in changes}
    kind = get_kind(rule.check)
    for key in ("message", "message_en"):
        if key in updates:
            _check_template(ctx, kind, updates[key], path + (key,), rule.id, key)
    # a new Chinese text without its English makes the old English wrong: it falls back
    for zh, en in (("message", "message_en"), ("summary", "summary_en")):
        if zh in updates and en not in updates:
            updates[en] = None
    for what in ("params", "select"):
        if what in changes:
            value = changes[what] or {}
            if not ctx.trusted:  # importing the validator was a third of a detecting run's start-up
                ctx.check(value, params_schema_json(kind, what), at=path + (what,), rule=rule.id)
            updates[what] = {**getattr(rule, what), **value}
    if "params" in changes:
        _check_structure(ctx, kind, changes["params"] or {}, path + ("params",), rule.id)
    _check_patterns(ctx, kind, {"params": changes.get("params") or {}, "select": changes.get("select") or {}}, path, rule.id)
    origin = line_of(ctx.lines, path)
    updates["origin"] = f"{rule.origin}; {', '.join(sorted(changes))} from {ctx.file}:{origin}" if origin else rule.origin
    return dataclasses.replace(rule, **updates)


def _check_structure(ctx, kind, params: dict, path: tuple, rid: str) -> None:
    """A kind whose params are nested (lists of relations) checks their shape itself."""
    if kind.validate is None:
        return
    for key, value in params.items():
        problem = kind.validate(key, value)
        if problem:
            ctx.fail(problem, path + (key,), rule=rid, key=f"params.{key}")


def _check_patterns(ctx, kind, values: dict, path: tuple, rid: str) -> None:
    """Compile every pattern the kind declares in its ``PATTERNS`` (the one compiler of
    ``core.patterns``): a pattern the engine refuses fails here, at its line."""
    for spec in kind.patterns:
        root, _, rest = spec.partition(".")
        for sub, pattern in pattern_paths(values.get(root) or {}, rest):
            _check_pattern(ctx, pattern, path + (root,) + sub, rid, spec)


def _check_pattern(ctx, pattern: str, path: tuple, rid: str, key: str) -> None:
    problem = pattern_problem(pattern)
    if problem:
        ctx.fail(f"模式 {excerpt(pattern)}：{problem}", path, rule=rid, key=key)


def _check_template(ctx, kind, message: str, path: tuple, rid: str, key: str = "message") -> None:
    problem = template_problem(message, kind.fields)
    if problem:
        ctx.fail(problem, path, rule=rid, key=key)
