"""Project configuration: ``budgetlint.yaml``, or ``[tool.budgetlint]`` in pyproject.toml.

Found for each linted file from that file's folder upward (the nearest wins;
budgetlint.yaml before pyproject.toml in the same folder), as ruff and sqlfluff find
theirs, so a folder of drafts lints with its own config from wherever the command
runs; ``--config FILE`` names one for every file instead. The keys, their types and
meaning are the schema ``budgetlint/schemas/config.schema.json`` (``budgetlint schema
config``, docs/config.md). Command-line options win over the file.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10: the same parser, from PyPI
    import tomli as tomllib

from budgetlint.core.files import FileRefused, read_regular
from budgetlint.core.finding import SEVERITIES
from budgetlint.core.i18n import DEFAULT_LANG, LANGS, phrase, said_in
from budgetlint.core.schema import first_problem
from budgetlint.core.yamlsafe import MAX_PACK_BYTES, YamlError, load_with_lines

CONFIG_NAMES = ("budgetlint.yaml", "pyproject.toml")
FAIL_LEVELS = ("error", "warning", "info", "never")
MAX_PYPROJECT = 4 * 1024 * 1024  # read whole to find [tool.budgetlint]; none is anywhere near this


def _rules(description: str) -> dict:
    return {"description": description,
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            "errorMessage": "must be a list of rule ids or names (or one comma-separated string)"}


CONFIG_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "budgetlint-config.schema.json",
    "title": "budgetlint configuration",
    "description": "budgetlint.yaml, or [tool.budgetlint] in pyproject.toml.",
    "type": "object",
    "errorMessage": "the configuration must be a mapping",
    "additionalProperties": False,
    "properties": {
        "pack": {"type": "string", "description": "The rule pack: a built-in name (core, xinjiang) or a path "
                                                  "to a pack file, relative to this config file."},
        "select": _rules("Only these rules: ids, names or id prefixes (BL1)."),
        "ignore": _rules("Skip these rules: ids, names or id prefixes."),
        "severity": {"type": "object", "description": "Rule id or name -> error, warning or info.",
                     "additionalProperties": {"enum": list(SEVERITIES), "x-what": "severity"}},
        "fail-on": {"enum": list(FAIL_LEVELS), "x-what": "level",
                    "description": "Exit 1 when a finding at or above this severity is reported (default: error)."},
        "min-severity": {"enum": list(SEVERITIES), "x-what": "severity",
                         "description": "Findings below this severity are counted, not shown (default: warning "
                                        "for the text and HTML reports, info for the others)."},
        "per-file-ignores": {"type": "object",
                             "description": "Glob (relative to this config file's folder; a glob without / matches "
                                            "the file name in any folder) -> rules to skip in the files it matches.",
                             "additionalProperties": _rules("Rules to skip in these files.")},
        "lang": {"enum": list(LANGS), "x-what": "language",
                 "description": "The language of the reports: zh (Chinese, the default) or en (English). Like fail-on, "
                                "it is the run's: from --config or the config of the working directory."},
        "exclude": {"type": "array", "items": {"type": "string"},
                    "description": "Globs of files and folders the directory walk skips (besides VCS folders, "
                                   "node_modules and virtual environments). Files named on the command line are "
                                   "always linted."},
    },
}


class ConfigError(Exception):
    """A config that cannot be used; ``str()`` is one line naming the file (in
    Chinese, the default), ``text_in(lang)`` that line in the report's language."""

    def __init__(self, where: str, said: Any = ""):
        self.where, self.said = str(where), said
        super().__init__(self.text_in(DEFAULT_LANG))

    def text_in(self, lang: str) -> str:
        return f"{self.where}: {said_in(self.said, lang)}"


@dataclass
class Config:
    path: Optional[str] = None
    pack: Optional[str] = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: Optional[str] = None
    min_severity: Optional[str] = None
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    lang: Optional[str] = None

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def ignores_for(self, path: str) -> list[str]:
        """The rules ``per-file-ignores`` skips in ``path``."""
        rel = os.path.relpath(os.path.abspath(path), self.folder).replace(os.sep, "/")
        name = os.path.basename(path)
        out: list[str] = []
        for glob, rules in self.per_file_ignores.items():
            if fnmatch.fnmatchcase(rel, glob) or ("/" not in glob and fnmatch.fnmatchcase(name, glob)):
                out.extend(rules)
        return out


def find_config(start: Optional[Path] = None) -> Config:
    """The config of the folder ``start`` (default: the working directory), found upward."""
    found = _config_file(str((start or Path.cwd()).resolve()))
    return load_config(found) if found else Config()


def config_for(path: str) -> Config:
    """The config that applies to the linted file ``path``: found from its folder upward."""
    folder = os.path.dirname(os.path.abspath(path)) or os.getcwd()
    found = _config_file(folder)
    return load_config(found) if found else Config()


@lru_cache(maxsize=256)
def _config_file(folder: str) -> Optional[str]:
    for directory in [Path(folder), *Path(folder).parents]:
        yaml_file = directory / "budgetlint.yaml"
        if yaml_file.is_file():
            return str(yaml_file)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _tool_section(pyproject) is not None:
            return str(pyproject)
    return None


@lru_cache(maxsize=64)
def load_config(path: str) -> Config:
    """The config in ``path`` (budgetlint.yaml, or pyproject.toml's [tool.budgetlint])."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(path, phrase("error.no-such-config"))
    if p.name == "pyproject.toml" or p.suffix == ".toml":
        section = _tool_section(p)
        return _validate(section if section is not None else {}, p, {})
    try:
        data, lines = load_with_lines(read_regular(path, MAX_PACK_BYTES).decode("utf-8"))
    except FileRefused as exc:
        raise ConfigError(path, exc.said) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(path, phrase("error.cannot-read", why=exc.__class__.__name__)) from None
    except YamlError as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise ConfigError(where, exc.message) from None
    return _validate(data if data is not None else {}, p, lines)


def _tool_section(path: Path) -> Optional[dict]:
    try:
        data = tomllib.loads(read_regular(path, MAX_PYPROJECT).decode("utf-8"))
    except FileRefused as exc:
        raise ConfigError(path, exc.said) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(path, phrase("error.cannot-read", why=exc)) from None
    section = data.get("tool", {}).get("budgetlint")
    return section if isinstance(section, dict) else None


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value or [])


def _validate(data: Any, path: Path, lines: dict) -> Config:
    problem = first_problem(data, json.dumps(CONFIG_SCHEMA), lines)
    if problem is not None:
        where = f"{path}:{problem.line}" if problem.line else str(path)
        key = ".".join(str(p) for p in problem.path)
        # the schema's own message (jsonschema's words) is quoted as it says it
        raise ConfigError(where, phrase("error.config-key", key=repr(key), problem=problem.message) if key else problem.message)
    cfg = Config(path=str(path))
    pack = data.get("pack")
    if pack is not None:
        candidate = path.parent / pack
        cfg.pack = str(candidate) if pack.endswith((".yaml", ".yml")) and candidate.is_file() else pack
    cfg.select, cfg.ignore = _as_list(data.get("select")), _as_list(data.get("ignore"))
    cfg.severity = {str(k): v for k, v in (data.get("severity") or {}).items()}
    cfg.fail_on = data.get("fail-on")
    cfg.min_severity = data.get("min-severity")
    cfg.per_file_ignores = {str(k): _as_list(v) for k, v in (data.get("per-file-ignores") or {}).items()}
    cfg.exclude = list(data.get("exclude") or [])
    cfg.lang = data.get("lang")
    return cfg


def reset_cache() -> None:
    """Forget found and loaded configs (a long-lived process whose files changed; tests)."""
    _config_file.cache_clear()
    load_config.cache_clear()



