"""Project configuration: ``budgetlint.yaml``, or ``[tool.budgetlint]`` in pyproject.toml,
found upward from the working directory (the nearest wins; budgetlint.yaml before
pyproject.toml in the same directory).

Keys: ``pack`` (name or path, relative to the config file), ``select``, ``ignore``
(lists of rule ids/names), ``severity`` (rule id/name -> error|warning|info),
``fail-on``. Command-line options win over the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

try:
    import tomllib  # Python 3.11+
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    tomllib = None

from budgetlint.core.escape import excerpt
from budgetlint.core.files import FileRefused, read_regular
from budgetlint.core.yamlsafe import MAX_PACK_BYTES, YamlError, load_with_lines
from budgetlint.core.finding import SEVERITIES

CONFIG_KEYS = {"pack", "select", "ignore", "severity", "fail-on"}
FAIL_LEVELS = ("error", "warning", "info", "never")
MAX_PYPROJECT = 4 * 1024 * 1024  # read whole to find [tool.budgetlint]; none is anywhere near this


class ConfigError(Exception):
    pass


@dataclass
class Config:
    path: Optional[str] = None
    pack: Optional[str] = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: Optional[str] = None


def find_config(start: Optional[Path] = None) -> Config:
    directory = (start or Path.cwd()).resolve()
    for folder in [directory, *directory.parents]:
        yaml_file = folder / "budgetlint.yaml"
        if yaml_file.is_file():
            return _from_yaml(yaml_file)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            data = _tool_section(pyproject)
            if data is not None:
                return _validate(data, pyproject)
    return Config()


def _from_yaml(path: Path) -> Config:
    try:
        data, _ = load_with_lines(read_regular(path, MAX_PACK_BYTES).decode("utf-8"))
    except FileRefused as exc:
        raise ConfigError(f"{path}: {exc.reason}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    except YamlError as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise ConfigError(f"{where}: {exc.message}") from None
    return _validate(data or {}, path)


def _tool_section(path: Path) -> Optional[dict]:
    if tomllib is None:  # pragma: no cover - Python 3.10 without tomllib
        return None  # no TOML reader in the stdlib: only budgetlint.yaml is read
    try:
        data = tomllib.loads(read_regular(path, MAX_PYPROJECT).decode("utf-8"))
    except FileRefused as exc:
        raise ConfigError(f"{path}: {exc.reason}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    section = data.get("tool", {}).get("budgetlint")
    return section if isinstance(section, dict) else None


def _validate(data, path: Path) -> Config:
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping")
    unknown = set(data) - CONFIG_KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown key {excerpt(sorted(map(str, unknown))[0])} (known: {', '.join(sorted(CONFIG_KEYS))})")
    cfg = Config(path=str(path))
    pack = data.get("pack")
    if pack is not None:
        if not isinstance(pack, str):
            raise ConfigError(f"{path}: 'pack' must be a pack name or path")
        candidate = path.parent / pack
        cfg.pack = str(candidate) if pack.endswith((".yaml", ".yml")) and candidate.is_file() else pack
    for key in ("select", "ignore"):
        value = data.get(key, [])
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",")]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key!r} must be a list of rule ids or names")
        setattr(cfg, key, value)
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{path}: 'severity' must map rule ids to error|warning|info")
    for ref, level in severity.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{path}: severity of {excerpt(ref)}: {excerpt(level)} is not error, warning or info")
    cfg.severity = {str(k): v for k, v in severity.items()}
    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_LEVELS:
        raise ConfigError(f"{path}: 'fail-on' must be one of {', '.join(FAIL_LEVELS)}")
    cfg.fail_on = fail_on
    return cfg
