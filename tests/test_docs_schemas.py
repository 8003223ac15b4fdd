"""The generated reference (docs/) and the shipped schemas are current, the built-in
packs satisfy the pack schema (the loader trusts them at run time), and the schemas
are what the loaders enforce."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT

from budgetlint.cli import main
from budgetlint.core.profile import PACKS_DIR
from budgetlint.core.yamlsafe import load_with_lines
from budgetlint.linter.config import ConfigError, load_config
from budgetlint.rules.registry import BUILTIN_BUNDLE, available_kinds

SCHEMAS = ROOT / "src" / "budgetlint" / "schemas"
BUILTIN_ONLY = {k: v for k, v in available_kinds().items() if v.module.startswith(BUILTIN_BUNDLE)}


def _out(*args) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


GENERATED = [
    ("docs/rules.md", ["rules", "--pack", "core", "--format", "markdown"]),
    ("docs/rules-xinjiang.md", ["rules", "--pack", "xinjiang", "--format", "markdown"]),
    ("docs/rules-jiangsu.md", ["rules", "--pack", "jiangsu", "--format", "markdown"]),
    ("docs/rules-shanghai.md", ["rules", "--pack", "shanghai", "--format", "markdown"]),
    ("docs/packs.md", ["schema", "pack", "--format", "markdown"]),
    ("docs/config.md", ["schema", "config", "--format", "markdown"]),
    ("src/budgetlint/schemas/pack.schema.json", ["schema", "pack"]),
    ("src/budgetlint/schemas/config.schema.json", ["schema", "config"]),
]


@pytest.mark.parametrize("path, args", GENERATED, ids=[p for p, _ in GENERATED])
def test_generated_file_is_current(path, args, monkeypatch):
    # Generated from the built-in kinds only, whatever plugins this environment has.
    monkeypatch.setattr("budgetlint.cli.available_kinds", lambda: BUILTIN_ONLY)
    current = (ROOT / path).read_text(encoding="utf-8")
    assert _out(*args) == current, f"{path} is stale: regenerate it with `budgetlint {' '.join(args)} > {path}`"


@pytest.mark.parametrize("pack", sorted(p.name for p in PACKS_DIR.glob("*.yaml")))
def test_builtin_packs_satisfy_the_shipped_schema(pack):
    schema = json.loads((SCHEMAS / "pack.schema.json").read_text(encoding="utf-8"))
    data, _ = load_with_lines((PACKS_DIR / pack).read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(data)


def test_the_schemas_are_valid_json_schemas():
    for name in ("pack", "config"):
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema).check_schema(schema)


def test_the_shipped_pack_schema_catches_what_the_loader_refuses():
    schema = json.loads((SCHEMAS / "pack.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    rule = {"id": "BL901", "name": "x", "summary": "s", "severity": "error", "check": "tree-sum"}
    assert validator.is_valid({"rules": [rule]})
    assert not validator.is_valid({"rules": [{**rule, "params": {"totals": "yes"}}]})  # the kind's own type
    assert not validator.is_valid({"rules": [{**rule, "params": {"bogus": 1}}]})
    assert validator.is_valid({"rules": [{**rule, "check": "weights-total", "params": {"total": 90}}]})
    assert not validator.is_valid({"rules": [{**rule, "check": "tree-sum", "params": {"total": 90}}]})


@pytest.mark.parametrize("body, needle", [
    ("fail-on: sometimes\n", "1: key 'fail-on': unknown level 'sometimes' (known: error, warning, info, never)"),
    ("select: 3\n", "1: key 'select': must be a list of rule ids or names"),
    ("per-file-ignores:\n  a.md: [1]\n", "2: key 'per-file-ignores.a.md': must be a list of rule ids or names"),
    ("min-severity: low\n", "unknown severity 'low'"),
    ("- a\n", "the configuration must be a mapping"),
])
def test_config_errors_name_file_line_and_key(tmp_path, body, needle):
    path = tmp_path / "budgetlint.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    text = info.value.text_in("en")
    assert text.startswith(str(path)) and needle in text and "\n" not in text, text


def test_pyproject_tool_section(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.budgetlint]\npack = "xinjiang"\nper-file-ignores = {"*.md" = "BL2,BL3"}\n', encoding="utf-8")
    cfg = load_config(str(path))
    assert cfg.pack == "xinjiang" and cfg.ignores_for(str(tmp_path / "x" / "a.md")) == ["BL2", "BL3"]
