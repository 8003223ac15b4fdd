"""Check kinds come in through the entry-point group, built-in and third-party alike."""

from __future__ import annotations

import sys
import textwrap
from importlib.metadata import EntryPoint

import pytest

from budgetlint.grammar import parse_text
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
    real = registry._group()
    extra = [
        EntryPoint(name="title-present", value="bl_plugin_kind", group=registry.GROUP),
        EntryPoint(name="broken-kind", value="bl_no_such_module_xyz", group=registry.GROUP),
    ]
    monkeypatch.setattr(registry, "_group", lambda: real + extra)
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
