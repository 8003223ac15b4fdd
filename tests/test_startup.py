"""Start-up costs removed (issue 16): the pack read by libyaml with the pure loader's
data and errors, the outline parser loaded from the user's cache, heavy modules
imported only when used."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from budgetlint.core import yamlsafe
from budgetlint.core.profile import PACKS_DIR
from budgetlint.core.yamlsafe import YamlError, load_with_lines
from budgetlint.ingest import load_text
from budgetlint.outline import larkcache, outline
from budgetlint.outline.lexer import LineLexer
from conftest import ROOT


@pytest.mark.parametrize("pack", sorted(p.name for p in PACKS_DIR.glob("*.yaml")))
def test_fast_reader_gives_the_pure_readers_data_and_lines(pack):
    text = (PACKS_DIR / pack).read_text(encoding="utf-8")
    assert load_with_lines(text) == yamlsafe._load(text, yaml.SafeLoader)
    assert load_with_lines(text)[0] == yaml.safe_load(text)


BAD = [
    "rules:\n  - id: BL1\n    name: [unclosed\n",  # a parse error, worded by libyaml otherwise
    "a: 1\nb: *ref\n",  # an alias
    "a: 1\na: 2\n",  # a duplicate key
    "a: \x07bell\n",  # a non-printable character, which libyaml lets through
    "a: b: c\n",
]


@pytest.mark.parametrize("text", BAD)
def test_errors_are_the_pure_readers(text):
    with pytest.raises(YamlError) as fast:
        load_with_lines(text)
    with pytest.raises(YamlError) as pure:
        yamlsafe._load(text, yaml.SafeLoader)
    assert (fast.value.message, fast.value.line) == (pure.value.message, pure.value.line)


DOC = "第一部分 概况\n一、主要职能\n负责就业工作。\n第二部分 公开表\n表1\n部门收支总体情况表\n单位：万元\n项目 合计\n"


def _outline_tree():
    return outline.outline_parser().parse(load_text(DOC, "x.txt", "pdf-text").lines)


def test_cached_parser_parses_as_the_built_one(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("BUDGETLINT_NO_CACHE", raising=False)
    outline.outline_parser.cache_clear()
    try:
        built = _outline_tree()
        files = list((tmp_path / "budgetlint").glob("outline-*.lark.pickle"))
        assert len(files) == 1
        outline.outline_parser.cache_clear()
        loaded = _outline_tree()  # this time from the file
        assert loaded == built
        # a damaged cache is built anew, not an error
        files[0].write_bytes(b"\x80not a pickle")
        outline.outline_parser.cache_clear()
        assert _outline_tree() == built
    finally:
        outline.outline_parser.cache_clear()


def test_unwritable_or_disabled_cache_still_parses(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # budgetlint/ cannot be made under a file
    outline.outline_parser.cache_clear()
    try:
        tree = _outline_tree()
        monkeypatch.setenv("BUDGETLINT_NO_CACHE", "1")
        assert larkcache.cache_file("outline", "g", LineLexer) is None
        outline.outline_parser.cache_clear()
        assert _outline_tree() == tree
    finally:
        outline.outline_parser.cache_clear()


def test_the_cache_key_holds_the_grammar_and_the_lexer():
    a = larkcache.cache_file("outline", "a", LineLexer)
    assert a != larkcache.cache_file("outline", "b", LineLexer)
    assert a != larkcache.cache_file("outline", "a", Exception)


def test_a_text_run_imports_no_pdf_word_html_or_process_pool_module(tmp_path):
    doc = ROOT / "examples" / "demo-county-hrss-2024.md"
    probe = (
        "import sys\n"
        "from budgetlint.cli import main\n"
        f"try:\n    main.main(['check', '--jobs', '1', '--fail-on', 'never', {str(doc)!r}])\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('pypdfium2', 'docx', 'jinja2', 'multiprocessing', 'concurrent.futures.process')\n"
        "print('LOADED', [m for m in heavy if m in sys.modules])\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert "LOADED []" in run.stdout, run.stdout[-500:] + run.stderr[-2000:]


def test_cached_claim_parser_parses_the_same(tmp_path, monkeypatch):
    # Lark's claim parser is the reference for the hand-run grammar (claim_parse.py)
    # and raises on what it rejects: built once, then loaded from the cache.
    from budgetlint.readings import claims
    from budgetlint.readings.claim_tokens import Tok

    types = ["W", "AMT", "SHARE", "PCT", "BASIS", "UP", "AMT", "W", "DOWN", "PCT", "FLAT"]
    toks = [Tok(t, "x", i, i + 1) for i, t in enumerate(types)]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("BUDGETLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(claims, "_PARSER", None)
    built = claims.claim_parser().parse(toks)  # the parser built, and saved
    assert len(list((tmp_path / "budgetlint").glob("claims-*.lark.pickle"))) == 1
    monkeypatch.setattr(claims, "_PARSER", None)
    assert claims.claim_parser().parse(toks) == built  # the parser loaded
    assert len(list((tmp_path / "budgetlint").glob("claims-*.lark.pickle"))) == 1


def test_a_parse_kept_for_the_next_reader_is_not_changed_by_the_last():
    text = (PACKS_DIR / "core.yaml").read_text(encoding="utf-8")
    data, lines = load_with_lines(text)
    data["profile"]["document_kinds"].clear()
    lines.clear()
    again, again_lines = load_with_lines(text)
    assert again == yaml.safe_load(text) and again_lines


def test_the_copy_handed_out_is_a_deep_copy():
    import copy
    import datetime

    text = "a: [1, {b: [x, 2.5]}]\nc: !!set {p: null}\nd: 2024-01-02\ne: !!binary aGk=\nf: {g: true}\n"
    parsed, _ = yamlsafe._parsed(text)
    given, _ = load_with_lines(text)
    assert given == copy.deepcopy(parsed) == yaml.safe_load(text)
    assert isinstance(given["d"], datetime.date) and given["c"] == {"p"}

    def containers(value, out):
        if isinstance(value, (dict, list, set)):
            out.append(id(value))
            for item in (value.values() if isinstance(value, dict) else value):
                containers(item, out)
        return out

    assert not set(containers(given, [])) & set(containers(parsed, []))  # no container shared
