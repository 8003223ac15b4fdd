"""Messages: Chinese by default, English with --lang en, from one catalogue per language.

The completeness tests read the catalogues and the check modules: a key a check uses
that a catalogue lacks, or a built-in rule whose own template has no English, is named.
The corpus tests lint real disclosures in both languages: a Chinese report has no
English word outside codes, paths and figures, and the findings (rules, lines,
figures, fingerprints) are the same in both.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT, corpus_path

from budgetlint.cli import main
from budgetlint.core.arith import show_terms
from budgetlint.core.i18n import LANGS, catalogue, say, template
from budgetlint.core.profile import PACKS_DIR
from budgetlint.linter.lint import lint_file
from budgetlint.rules.loader import load_pack

SOURCE = ROOT / "src" / "budgetlint"
# msg="tree-sum.rows", rule.say("sum.rounding"), say("report.summary", lang, ...)
_USED = re.compile(r"""(?:\bmsg=|\bsay\()\s*f?["']([a-z][a-z0-9-]*\.[a-z0-9.{}-]+)["']""")
# A word of English: two Latin letters in a row. What may have them in a Chinese
# report: rule ids, severities in brackets, paths, and the pack's own identifiers.
# XX / XXX: a template's placeholder, quoted from the document.
_WORD = re.compile(r"(?![Xx]+(?![A-Za-z]))[A-Za-z]{2,}")


def used_keys() -> set[str]:
    keys = set()
    for path in SOURCE.rglob("*.py"):
        for key in _USED.findall(path.read_text(encoding="utf-8")):
            if "{" in key:  # a key built from a case name (indicator-completeness.{problem})
                prefix = key.split("{")[0]
                keys |= {k for k in catalogue("zh") if k.startswith(prefix)}
            else:
                keys.add(key)
    return keys


def test_every_key_a_check_uses_is_in_both_catalogues():
    used = used_keys()
    assert len(used) > 40  # the scan found the checks' keys, not nothing
    for lang in LANGS:
        missing = sorted(used - set(catalogue(lang)))
        assert not missing, f"messages/{lang}.yaml lacks {missing}"


def test_no_check_builds_its_sentence_itself():
    # a check's words come from the catalogue (``msg=``), in the run's language; a
    # ``detail=`` would be one language's sentence in every report
    scanned = list((SOURCE / "rules" / "checks").glob("*.py"))
    assert len(scanned) > 20
    assert [p.name for p in scanned if re.search(r"\bdetail=", p.read_text(encoding="utf-8"))] == []


def test_the_catalogues_have_the_same_keys_and_fields():
    zh, en = catalogue("zh"), catalogue("en")
    assert sorted(set(zh) ^ set(en)) == [], "keys in one catalogue only (English falls back to Chinese for them)"
    fields = re.compile(r"\{(\w+)\}")
    # the Chinese names a missing table by its title alone, the English adds its role;
    # an unknown layout is said in Chinese without the identifiers of the pack and kind
    shorter = {"required-content.table": {"what"}, "required-content.unknown-layout": {"pack", "kind"}}
    for key in zh:
        assert set(fields.findall(zh[key])) | shorter.get(key, set()) == set(fields.findall(en[key])), key


def test_the_chinese_catalogue_has_no_english_words_but_the_documents_terms():
    allowed = {"min", "severity", "lowest", "budgetlint", "format", "json", "JavaScript", "error", "pack"}  # options the reader types, the tool
    # what an error names by its own name: file formats and encodings, commands and
    # options the reader types, packages to install, signals
    allowed |= {"NUL", "UTF", "BOM", "GB", "PDF", "pdf", "txt", "md", "docx", "doc", "Word", "zip", "YAML", "yaml",
                "URL", "OCR", "FIFO", "socket", "python", "pip", "install", "fsspec", "dask", "extends", "rules",
                "parse", "output", "FILE", "SIGINT", "SIGTERM"}
    for key, text in catalogue("zh").items():
        if key == "html.lang":  # the page's lang attribute
            continue
        words = set(_WORD.findall(re.sub(r"\{\w+\}", "", text))) - allowed
        assert not words, (key, text)


def test_every_built_in_rule_says_its_message_and_summary_in_both_languages():
    for path in sorted(PACKS_DIR.glob("*.yaml")):
        pack = load_pack(path.stem)
        for rule in pack.rules:
            # "{detail}" is the catalogue's sentence, in either language; any other
            # template is the pack's own words and needs its English
            assert rule.message == "{detail}" or rule.message_en, rule.id
            assert rule.summary and rule.summary_en, rule.id
            assert not _WORD.search(re.sub(r"BL\d+", "", rule.summary)), (rule.id, rule.summary)


def test_a_missing_english_entry_falls_back_to_chinese_and_a_missing_key_to_itself(monkeypatch):
    monkeypatch.setitem(catalogue("zh"), "test.only-zh", "只有中文 {n}")
    assert say("test.only-zh", "en", n=3) == "只有中文 3"
    assert template("no.such-key", "en") == "no.such-key"
    assert say("sum.finding", "en", table="表3") == "表3 {row} [{column}] {what}: {computation}"


def test_a_sum_of_one_term_is_written_without_its_equal_sign():
    assert show_terms("3124.25", "≠", ["3124.24"], "3124.24") == "3124.25 ≠ 3124.24"
    assert show_terms("3900", "≠", ["8146.57"], "8146.57") == "3900 ≠ 8146.57"
    assert show_terms("730.37", "≠", ["668.00", "62.36"], "730.36") == "730.37 ≠ 668.00 + 62.36 = 730.36"


def _corpus_files() -> list[Path]:
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS} (published documents are not in the repo)")
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md", ".pdf") and p.name != "README.md")


def _findings(path: Path, lang: str):
    pack = load_pack("xinjiang" if "other-provinces" not in str(path) else "core").with_lang(lang)
    return lint_file(str(path), pack).findings


def test_a_chinese_report_of_the_corpus_has_no_english_words():
    seen = 0
    for path in _corpus_files():
        for f in _findings(path, "zh"):
            seen += 1
            for text in (f.message, *(r.message for r in f.related)):
                assert not _WORD.search(text), (path.name, f.rule, text)
    assert seen > 80  # the corpus gave findings of most rules


def test_the_findings_are_the_same_in_both_languages_and_english_is_english():
    english = 0
    for path in _corpus_files():
        zh, en = _findings(path, "zh"), _findings(path, "en")
        key = lambda f: (f.rule, f.line, f.severity, f.actual, f.expected, f.computation, f.fingerprint)  # noqa: E731
        # (the order within one line follows the message, so it is compared sorted)
        assert sorted(map(key, zh)) == sorted(map(key, en)), path.name
        fields = lambda f: sorted(f.fields.items())  # noqa: E731
        assert sorted(map(fields, zh)) == sorted(map(fields, en)), path.name
        # the Chinese sentence a fingerprint falls back on is the same whatever the
        # run's language: no word of the run's language leaks into it
        said = lambda f: (f.rule, f.line, f.said or "")  # noqa: E731
        assert sorted(map(said, zh)) == sorted(map(said, en)), path.name
        english += sum(1 for f in en if f.message_id and _WORD.search(f.message))
    assert english > 40


def test_a_cut_subject_is_named_by_its_column():
    # urumqi prints ``项目支:14882.06万元`` (a character dropped); 表5 合计 项目支出 is 14882.60
    [f] = [f for f in _findings(corpus_path("urumqi"), "zh") if f.rule == "BL205" and f.actual == "14882.06"]
    assert f.message.startswith("项目支出 14882.06 万元 ≠ 表5 合计 项目支出 14882.60")


def _cli(*args: str, fail_on: str = "never"):
    result = CliRunner().invoke(main, ["check", "--no-config", "--fail-on", fail_on, *args])
    assert result.exit_code == (0 if fail_on == "never" else 1), result.output
    return result.output


EXAMPLE = str(ROOT / "examples" / "demo-county-hrss-2024.md")


def test_lang_en_gives_an_english_report_and_zh_a_chinese_one():
    zh = _cli("--pack", "xinjiang", EXAMPLE)
    en = _cli("--pack", "xinjiang", "--lang", "en", EXAMPLE)
    # 表3 208 01: 490.10 stated, 240.00 + 250.00 = 490.00 computed
    assert "表3 208 01 人力资源和社会保障管理事务 [合计] 不等于其下各行之和：490.10 ≠ 240.00 + 250.00 = 490.00" in zh
    assert "[合计] does not equal the sum of its rows: 490.10 ≠ 240.00 + 250.00 = 490.00" in en
    assert zh.splitlines()[-1].startswith("共 ") and en.splitlines()[-1].startswith("Findings: ")
    assert "does not" not in zh and "不等于" not in en


def test_lang_comes_from_the_config(tmp_path):
    (tmp_path / "budgetlint.yaml").write_text("pack: xinjiang\nlang: en\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "budgetlint.yaml"), "--fail-on", "never", EXAMPLE])
    assert "does not equal the sum of its rows" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("lang: fr\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(bad), EXAMPLE])
    assert result.exit_code == 2 and "lang" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "html", "jsonl"])
def test_every_format_speaks_the_run_s_language(fmt):
    zh = _cli("--pack", "xinjiang", "--format", fmt, EXAMPLE, fail_on="info")
    en = _cli("--pack", "xinjiang", "--lang", "en", "--format", fmt, EXAMPLE, fail_on="info")
    assert "不等于其下各行之和" in zh and "does not equal the sum of its rows" not in zh
    assert "does not equal the sum of its rows" in en and "不等于其下各行之和" not in en


def test_a_baseline_written_in_english_knows_the_chinese_findings(tmp_path):
    baseline = tmp_path / "accepted.json"
    CliRunner().invoke(main, ["check", "--no-config", "--pack", "xinjiang", "--lang", "en",
                              "--write-baseline", str(baseline), EXAMPLE])
    result = CliRunner().invoke(main, ["check", "--no-config", "--pack", "xinjiang", "--baseline", str(baseline),
                                       "--format", "json", EXAMPLE])
    data = json.loads(result.stdout)
    assert data["findings"] == [] and result.exit_code == 0


def test_the_html_report_names_the_printed_and_the_computed_figure():
    zh = _cli("--pack", "xinjiang", "--format", "html", EXAMPLE)
    en = _cli("--pack", "xinjiang", "--lang", "en", "--format", "html", EXAMPLE)
    assert "490.10" in zh
    # BL101 at 表3 208 01: 490.10 is printed, 240.00 + 250.00 = 490.00 computed
    assert re.search(r"<dt>表中数</dt><dd>490.10</dd>\s*<dt>计算数</dt><dd>490.00</dd>", zh)
    assert re.search(r"<dt>printed</dt><dd>490.10</dd>\s*<dt>computed</dt><dd>490.00</dd>", en)
    assert "<dt>expected</dt>" not in zh + en and '<html lang="zh-Hans">' in zh and '<html lang="en">' in en
    page = re.sub(r'<div class="explain".*?</div>|<code>.*?</code>|<script>.*?</script>|<style>.*?</style>|<[^>]+>', " ",
                  zh, flags=re.S)
    # what is left in Latin letters: rule ids and names, the path, the tool's name
    # and the form the file was read as
    words = set(re.findall(r"(?![Xx]+(?![A-Za-z-]))[A-Za-z][A-Za-z-]+", html.unescape(page))) - {"BL", "JavaScript", "budgetlint", "markdown", "examples", "md"}
    assert not {w for w in words if "-" not in w}, words


def test_a_detected_pack_speaks_the_run_s_language():
    # no --pack: the text names 昌吉, so the xinjiang pack is chosen per file, and it
    # must be loaded in the run's language like a pack the command line names
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS} (published documents are not in the repo)")
    en = _cli("--lang", "en", str(corpus_path("changji-city")))
    zh = _cli(str(corpus_path("changji-city")))
    assert "does not equal the sum of its rows" in en and "不等于其下各行之和" not in en
    assert "不等于其下各行之和" in zh


# -- one language per report: English says no Chinese but the document's own words --

# The documents' terms an English template names as printed (what the reader looks
# for in the document): each was checked by hand to be a disclosure's word, not ours.
DOCUMENT_TERMS = {
    "元", "万元", "亿元", "表", "概况", "公开表", "情况说明", "名词解释", "第", "部分", "本表无数据", "为空表",
    "年度预算总额", "财政拨款", "其他资金", "指标分值权重", "持平", "决算数预算数", "预算绩效情况",
    "非财政拨款项目", "项目支出绩效目标表", "整体绩效目标", "部门整体绩效目标表",
}
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# A field's text, marked while a test renders (private-use characters: printable()
# keeps them, no document has them)
OPEN, CLOSE = "\ue000", "\ue001"
_MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")


def test_every_english_template_names_only_the_documents_terms():
    for key, text in catalogue("en").items():
        runs = set(_HAN.findall(re.sub(r"\{\w+\}", "", text)))
        assert runs <= DOCUMENT_TERMS, (key, text, runs - DOCUMENT_TERMS)


@pytest.fixture
def marked_fields(monkeypatch):
    """Every field a catalogue entry is filled with (a subject, a title, a figure: the
    document's words or data) comes out between OPEN and CLOSE; a phrase (our words,
    said in the message's language) is not marked, its own fields are."""
    import budgetlint.core.i18n as i18n

    plain = i18n.said_in

    def said_in(value, lang):
        text = plain(value, lang)
        return text if isinstance(value, (i18n.Phrase, i18n.Joined)) else f"{OPEN}{text}{CLOSE}"

    monkeypatch.setattr(i18n, "said_in", said_in)


def _unquoted_chinese(text: str) -> set[str]:
    """The Chinese of ``text`` outside the marked fields, but the documents' terms."""
    while _MARKED.search(text):  # a phrase inside a field: innermost first
        text = _MARKED.sub(" ", text)
    return set(_HAN.findall(text)) - DOCUMENT_TERMS


def _document_text(path: Path) -> str:
    from budgetlint.ingest import load_path

    return "".join("".join(line.split()) for line in load_path(str(path)).raw_lines)


def test_an_english_report_of_the_corpus_says_chinese_only_in_the_documents_words(marked_fields):
    seen = 0
    for path in [*_corpus_files(), Path(EXAMPLE)]:
        said = _document_text(path)
        for f in _findings(path, "en"):
            seen += 1
            assert not _unquoted_chinese(f.message), (path.name, f.rule, f.message)
            # a related line is the document's words (a row, a figure) or a phrase
            for r in f.related:
                runs = {w for w in _unquoted_chinese(r.message) if w not in said}
                assert not runs, (path.name, f.rule, r.message)
    assert seen > 80


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_english_cli_report_and_its_header_say_chinese_only_in_the_documents_words(fmt, marked_fields):
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS} (published documents are not in the repo)")
    # no --pack: each file's pack is detected, and its reason is in the report
    paths = sorted(str(p) for p in CORPUS.rglob("*.txt")) + [EXAMPLE]
    result = CliRunner().invoke(main, ["check", "--no-config", "--fail-on", "never", "--min-severity", "info",
                                       "--lang", "en", "--format", fmt, *paths])
    assert result.exit_code == 0, result.output
    said = "".join(_document_text(Path(p)) for p in paths)
    if fmt == "json":
        texts = []

        def walk(value):
            if isinstance(value, dict):
                for k, v in value.items():
                    if k not in ("excerpt", "source", "lines"):  # the document's own lines
                        walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)
            elif isinstance(value, str):
                texts.append(value)

        walk(json.loads(result.stdout))
    else:
        texts = (result.stdout + result.stderr).splitlines()
    assert len(texts) > 50
    for text in texts:
        runs = {w for w in _unquoted_chinese(text) if w not in said}
        assert not runs, (runs, text)
