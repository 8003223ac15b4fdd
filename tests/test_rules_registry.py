"""Check kinds come in through the entry-point group, built-in and third-party alike."""

from __future__ import annotations

import sys
import textwrap
from importlib.metadata import EntryPoint

import pytest

from budgetlint.parse import parse_text
from budgetlint.linter.lint import lint_document
from budgetlint.rules import registry
from budgetlint.rules.loader import PackError, load_pack

PLUGIN = textwrap.dedent('''
    NAME = "title-present"
    PARAMS = {"word": (str, "预算")}
    SELECT = {}

    def check(doc, rule):
        if rule.params["word"] not in doc.title:
            yield rule.finding(doc, 1, detail=f"title lacks {rule.params['word']}")
''')


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    (tmp_path / "bl_plugin_kind.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    real = registry._entry_points
    extra = {
        registry.GROUP: [
            EntryPoint(name="title-present", value="bl_plugin_kind", group=registry.GROUP),
            EntryPoint(name="broken-kind", value="bl_no_such_module_xyz", group=registry.GROUP),
        ],
    }
    monkeypatch.setattr(registry, "_entry_points", lambda group: real(group) + extra.get(group, []))
    registry.reset_cache()
    yield tmp_path
    registry.reset_cache()
    sys.modules.pop("bl_plugin_kind", None)


def test_every_builtin_kind_is_registered():
    kinds = registry.available_kinds()
    for name in ("tree-sum", "row-sum", "balance", "cross-table", "required-content"):
        assert kinds[name].name == name and callable(kinds[name].check)
    assert registry.unavailable_kinds() == {}


def test_third_party_kind_used_by_a_pack(plugin):
    pack_file = plugin / "plug.yaml"
    pack_file.write_text(
        "extends: core\nrules:\n  - id: XX101\n    name: title-word\n    summary: s\n    severity: warning\n"
        "    check: title-present\n    params: {word: 绩效}\n",
        encoding="utf-8",
    )
    pack = load_pack(str(pack_file)).filtered(["XX101"])
    findings = lint_document(parse_text("某局2023年部门预算\n\n正文。\n", path="t.txt"), pack)
    assert [(f.rule, f.severity, f.message) for f in findings] == [("XX101", "warning", "title lacks 绩效")]


def test_broken_kind_is_a_load_error_not_a_crash(plugin):
    pack_file = plugin / "broken.yaml"
    pack_file.write_text(
        "rules:\n  - id: XX102\n    name: b\n    summary: s\n    severity: error\n    check: broken-kind\n", encoding="utf-8"
    )
    with pytest.raises(PackError, match="declared but cannot be loaded"):
        load_pack(str(pack_file))
    assert "tree-sum" in registry.available_kinds()


def test_a_plugin_bundle_brings_its_kinds_without_a_packaging_change(tmp_path, monkeypatch):
    (tmp_path / "bl_bundle_mod.py").write_text(
        "def check_kinds():\n    return {'title-present': 'bl_bundle_kind'}\n", encoding="utf-8"
    )
    (tmp_path / "bl_bundle_kind.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    real = registry._entry_points
    bundle = EntryPoint(name="mine", value="bl_bundle_mod", group=registry.BUNDLES)
    monkeypatch.setattr(registry, "_entry_points", lambda group: real(group) + ([bundle] if group == registry.BUNDLES else []))
    registry.reset_cache()
    try:
        assert registry.get_kind("title-present").module == "bl_bundle_kind"
        assert "tree-sum" in registry.available_kinds()
    finally:
        registry.reset_cache()
        sys.modules.pop("bl_bundle_mod", None)
        sys.modules.pop("bl_bundle_kind", None)


def test_the_builtin_bundle_is_every_module_of_the_checks_package():
    from pathlib import Path

    from budgetlint.rules import checks

    modules = {p.stem.replace("_", "-") for p in Path(checks.__file__).parent.glob("*.py") if not p.stem.startswith("_")}
    assert set(checks.check_kinds()) == modules
    assert modules <= set(registry.available_kinds())


TREE_PARTS = {"tables", "perf", "sections"}


def test_every_kind_declares_what_it_reads_and_builds_no_other_view():
    """A kind's READS names the views it may build; running it alone on a corpus-like
    document builds only those (views are built lazily, on first use)."""
    from budgetlint.core.readings import VIEWS
    from budgetlint.ingest import load_path
    from budgetlint.parse import parse_source
    from conftest import ROOT

    example = ROOT / "examples" / "demo-county-hrss-2024.md"
    pack = load_pack("xinjiang")
    kinds = registry.available_kinds()
    for name, kind in kinds.items():
        assert kind.reads, f"{name} declares no READS"
        assert set(kind.reads) <= TREE_PARTS | set(VIEWS), (name, kind.reads)
        rules = [r for r in pack.rules if r.check == name]
        if not rules:
            continue
        doc = parse_source(load_path(example))
        for rule in rules:
            list(kind.check(doc, rule))
        assert set(doc.readings.built()) <= set(kind.reads), (name, doc.readings.built())


def test_a_view_is_built_once_and_only_when_read():
    from budgetlint.ingest import load_path
    from budgetlint.parse import parse_source
    from conftest import ROOT

    doc = parse_source(load_path(ROOT / "examples" / "demo-county-hrss-2024.md"))
    assert doc.readings.built() == ()
    first = doc.readings.claims
    assert doc.readings.claims is first and doc.readings.built() == ("claims",)
