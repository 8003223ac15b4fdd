"""A pack is data from anyone: its patterns run in linear time, its message templates
cannot blow up, and an error about a file never prints what the file holds."""

from __future__ import annotations

import textwrap

import pytest

from budgetlint.core.model import Document
from budgetlint.rules.base import Rule
from budgetlint.rules.loader import PackError, load_pack
from budgetlint.rules.template import render, template_problem


def write(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def load_error(path) -> str:
    with pytest.raises(PackError) as info:
        load_pack(str(path))
    return str(info.value)


def test_a_backtracking_pattern_is_refused_at_its_line(tmp_path):
    path = write(tmp_path, "redos.yaml", """\
        extends: core
        overrides:
          BL131:
            params:
              parts:
                - "(a+)+$"
                - "(?<=x)y"
        """)
    # (a+)+$ is fine for RE2 (linear); the lookbehind is what it refuses
    text = load_error(path)
    assert text.startswith(f"{path}:7: 规则 BL131"), text
    assert "RE2" in text


def test_a_pathological_pattern_runs_in_linear_time(tmp_path):
    # On Python's re, 40 a's and a mismatch take hours; RE2 answers at once. No
    # timer here: were the engine re, this test would never end.
    from budgetlint.core.patterns import search
    assert search("(a+)+$", "a" * 5000 + "!") is False
    assert search("^(a+)+$", "a" * 5000) is True


def test_profile_patterns_are_compiled_at_load(tmp_path):
    path = write(tmp_path, "p.yaml", """\
        extends: core
        profile:
          table_kinds:
            - {kind: summary, titles: ["(\\\\d)\\\\1"]}
        """)
    text = load_error(path)
    assert text.startswith(f"{path}:4:"), text
    assert "模式 '(\\d)\\1'" in text


@pytest.mark.parametrize("message, why", [
    ("{detail:>100000000}", "不允许格式说明"),
    ("{detail:>300}", "超过 200"),
    ("{detail:>{width}}", "不能嵌套字段"),
    ("{detail.__class__}", "不是简单字段名"),
    ("{detail[0]}", "不是简单字段名"),
    ("{0}", "不是简单字段名"),
    ("{detail!a}", "!a"),
    ("{nosuch}", "没有字段 {nosuch}"),
    ("{detail:,}", "不允许格式说明"),
    ("{detail", "不是有效的消息模板"),
])
def test_message_templates_are_restricted(tmp_path, message, why):
    path = write(tmp_path, "m.yaml", f"""\
        extends: core
        overrides:
          BL101: {{message: "{message}"}}
        """)
    text = load_error(path)
    assert text.startswith(f"{path}:3: 规则 BL101: 键 'message'"), text
    assert why in text


def test_simple_templates_still_work(tmp_path):
    path = write(tmp_path, "ok.yaml", """\
        extends: core
        overrides:
          BL101: {message: "{table:<6}|{row!r}|{detail:.5}|{{literal}}"}
        """)
    rule = load_pack(str(path)).find("BL101")
    assert rule.message_for(table="表3", row="行", detail="abcdefgh") == "表3    |'行'|abcde|{literal}"
    assert template_problem("{detail:>200}") is None
    with pytest.raises(KeyError):
        render("{x}", {})


def test_a_template_built_by_hand_falls_back_to_the_detail():
    rule = Rule(id="BL999", name="x", check="tree-sum", message="{detail:>999999999}")
    finding = rule.finding(Document(path="a.txt", form="markdown", title="", children=[]), 1, detail="d")
    assert finding.message == "d"


def test_an_error_never_prints_what_a_foreign_file_holds(tmp_path):
    secret = "root:$6$Zk3Pq9$abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789./:19000:0:99999:7:::"
    shadow = tmp_path / "shadow"
    shadow.write_text(secret + "\ndaemon:*:19000:0:99999:7:::\n", encoding="utf-8")
    for path in (shadow, write(tmp_path, "ext.yaml", f"extends: {shadow}\n")):
        text = load_error(path)
        assert "Zk3Pq9" not in text and "daemon" not in text and "19000" not in text, text
        assert "不是规则包" in text
        assert "\n" not in text


def test_values_quoted_in_errors_are_short_and_escaped(tmp_path):
    path = write(tmp_path, "v.yaml", f"""\
        extends: core
        disable: ["{'x' * 500}\\e[2J"]
        """)
    text = load_error(path)
    assert "\x1b" not in text and "\\x1b" in text or len(text) < len(str(path)) + 200, text
    assert "x" * 41 not in text and "…" in text


def test_a_pack_that_is_not_a_regular_file_is_refused_without_blocking(tmp_path):
    import os
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    text = load_error(fifo)  # were it opened for reading, this would wait for a writer
    assert "没有这个规则包" in text or "命名管道" in text


@pytest.mark.parametrize("entry, why", [
    ("{kind: null, titles: null}", "应为 str"),
    ("{titles: [x]}", "缺少键 kind"),
    ("{kind: summary, titles: x}", "应为列表"),
    ("{kind: summary, title: [x]}", "未知的键"),
])
def test_profile_sections_are_checked_for_shape(tmp_path, entry, why):
    # found by the fuzzer: a null ``titles`` made every document's lint an internal error
    path = write(tmp_path, "shape.yaml", f"""\
        extends: core
        profile:
          table_kinds:
            - {entry}
        """)
    text = load_error(path)
    assert text.startswith(f"{path}:4: 键 'profile.table_kinds'"), text
    assert why in text
