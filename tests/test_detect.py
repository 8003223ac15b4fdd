"""Detection of the document's kind, level and province, the pack it selects, and the
structure checks (BL131) that follow from the selected pack's layouts.

Each corpus document's expected answer was read off its text by hand: the unit's
name and its province (江苏省…, 上海市…, 昌吉/乌鲁木齐 in 新疆), and the title or the
first sentence that says 部门预算 / 部门决算 / 单位概况.
"""

from __future__ import annotations

import re

import json
import textwrap
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from conftest import corpus_path

from budgetlint.cli import main
from budgetlint.core.detect import builtin_candidates, detect, source_texts
from budgetlint.core.profile import builtin_profile
from budgetlint.ingest import load_path
from budgetlint.linter.lint import lint_document
from budgetlint.parse import parse_source, parse_text
from budgetlint.rules.loader import load_pack

OTHER = "other-provinces/"
# document -> (pack, kind, level); level "" where the text never says 部门/单位 预算
DETECTED = {
    # 第一部分 昌吉市人力资源和社会保障局概况; line 93 “…2023 年部门预算…”
    "changji-city": ("xinjiang", "budget", "department"),
    # 第一部分 乌鲁木齐高新技术产业开发区…; 2023 年…预算公开 (no 部门预算 in the text)
    "urumqi": ("xinjiang", "budget", ""),
    # 第一部分 昌吉回族自治州人力资源和社会保障局单位概况 (the 2020 单位 template)
    "prefecture-2020": ("xinjiang", "budget", "unit"),
    # 昌吉回族自治州人力资源和社会保障服务中心 / 2025 年部门预算公开
    "center-2025": ("xinjiang", "budget", "department"),
    # 江苏省政协办公厅 2018 年度 / 部门预算公开
    OTHER + "jiangsu-cppcc-office-2018-budget.txt": ("jiangsu", "budget", "department"),
    # 公开01表 / 收支预算总表 / 部门：江苏省政协办公厅 (tables only: no 部门预算 title)
    OTHER + "jiangsu-cppcc-office-2018-budget-tables.txt": ("jiangsu", "budget", ""),
    # 2018 年度江苏省高级 / 人民法院预算公开 ; 第一部分 部门概况
    OTHER + "jiangsu-high-court-2018-budget.txt": ("jiangsu", "budget", "department"),
    # 江苏省人民检察院 / 2018年部门预算
    OTHER + "jiangsu-procuratorate-2018-budget.txt": ("jiangsu", "budget", "department"),
    # 上海市 XX 局 / 2024 年度部门决算
    OTHER + "shanghai-dept-final-accounts-template-2024.txt": ("shanghai", "final-accounts", "department"),
    # 中共上海市普陀区委 / 社会工作部 2024 年度 / 部门决算
    OTHER + "shanghai-putuo-social-work-dept-2024-final-accounts.txt": ("shanghai", "final-accounts", "department"),
    # 上海市普陀区2024年区级部门预算
    OTHER + "shanghai-putuo-wanli-subdistrict-2024-budget.txt": ("shanghai", "budget", "department"),
    OTHER + "shanghai-putuo-wanli-subdistrict-2025-budget.txt": ("shanghai", "budget", "department"),
}


def _detected(key: str):
    source = load_path(corpus_path(key))
    return source, detect(source_texts(source), builtin_candidates(), builtin_profile("core"))


@pytest.mark.parametrize("key", sorted(DETECTED))
def test_each_corpus_document_is_detected(key):
    _, found = _detected(key)
    assert (found.pack, found.kind, found.level) == DETECTED[key], found.reason
    # the reason names the province and the line it was read in
    assert found.jurisdiction in found.reason_in("en") and "line" in found.reason_in("en")
    # and says it in Chinese by default, with the same line numbers
    assert found.jurisdiction in found.reason and f"第 {found.first.line} 行" in found.reason
    assert re.findall(r"\d+", found.reason_in("en")) == re.findall(r"\d+", found.reason)


def test_the_pdf_is_detected_as_its_text_is():
    found = detect(source_texts(load_path(corpus_path(OTHER + "shanghai-putuo-social-work-dept-2024-final-accounts.pdf"))),
                   builtin_candidates(), builtin_profile("core"))
    assert (found.pack, found.kind) == ("shanghai", "final-accounts")


def _lines(text: str):
    return [(n, t) for n, t in enumerate(textwrap.dedent(text).splitlines(), 1)]


def test_an_unknown_province_is_linted_by_core():
    found = detect(_lines("""\
        重庆市渝中区人力资源和社会保障局
        2024 年部门预算公开
        """), builtin_candidates(), builtin_profile("core"))
    assert (found.pack, found.kind, found.level) == ("core", "budget", "department")
    assert "no province named" in found.reason_in("en") and "未提及省份" in found.reason


def test_two_provinces_named_equally_often_is_no_guess():
    found = detect(_lines("""\
        江苏省某局与上海市某局联合
        2024 年部门决算
        """), builtin_candidates(), builtin_profile("core"))
    assert found.pack == "core" and "equally" in found.reason_in("en") and "提及次数相同" in found.reason
    assert found.kind == "final-accounts"


def test_a_bare_mention_of_jue_suan_in_the_duties_does_not_make_a_budget_final_accounts():
    # 主要职能 say the bureau draws up 预决算; the kind is what the document calls itself
    found = detect(_lines("""\
        第一部分 某局概况
        一、主要职能
        编制全市社会保险基金预决算草案。
        第二部分 2023 年部门预算公开表
        """), {}, builtin_profile("core"))
    assert found.kind == "budget"


# -- the pack a check uses ----------------------------------------------------------


def _check(*args, cwd=None):
    return CliRunner().invoke(main, ["check", "--fail-on", "never", *args])


def _bl301_errors(output: str) -> int:
    return sum(1 for f in json.loads(output)["findings"] if f["rule"] == "BL301" and f["severity"] == "error")


@pytest.mark.parametrize("key", ["urumqi", "center-2025"])
def test_a_xinjiang_document_with_no_flags_gets_the_xinjiang_weights_total(key, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no project config
    path = str(corpus_path(key))
    detected = _check("--format", "json", path)
    data = json.loads(detected.stdout)
    assert data["files"][0]["pack"] == "xinjiang" and "新疆维吾尔自治区" in data["files"][0]["pack_reason"]
    # their tables total 90 (the xinjiang template): by core's 100 each is an error
    assert _bl301_errors(detected.stdout) == 0
    assert _bl301_errors(_check("--format", "json", "--pack", "core", path).stdout) > 0


def test_pack_and_config_override_detection(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = str(corpus_path("urumqi"))
    data = json.loads(_check("--format", "json", "--pack", "core", path).stdout)
    assert (data["files"][0]["pack"], data["files"][0]["pack_reason"]) == ("core", "--pack core")
    (tmp_path / "budgetlint.yaml").write_text("pack: jiangsu\n", encoding="utf-8")
    data = json.loads(_check("--format", "json", "--config", "budgetlint.yaml", path).stdout)
    assert data["files"][0]["pack"] == "jiangsu" and "budgetlint.yaml" in data["files"][0]["pack_reason"]


def test_the_text_report_says_the_detected_pack_on_stderr_and_the_other_formats_in_their_header(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = str(corpus_path(OTHER + "jiangsu-procuratorate-2018-budget.txt"))
    text = _check(path)
    said = [line for line in text.stderr.splitlines() if "规则包" in line]
    assert len(said) == 1 and "规则包 jiangsu（按正文识别：部门预算" in said[0] and "江苏省" in said[0]
    assert "规则包" not in text.stdout and "detected" not in said[0]
    # in English, the same reason in English words around the document's own
    english = _check("--lang", "en", path).stderr
    assert "pack jiangsu (detected: department budget; 江苏省 named in 27 lines (江苏, first in line 1" in english
    assert "规则包" not in english and "按正文识别" not in english
    sarif = json.loads(_check("--format", "sarif", path).stdout)
    assert [v["pack"] for v in sarif["runs"][0]["properties"]["files"].values()] == ["jiangsu"]
    suite = ET.fromstring(_check("--format", "junit", path).stdout).find("testsuite")
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["pack"] == "jiangsu" and "江苏省" in props["pack-reason"]
    html = _check("--format", "html", path).stdout
    assert "jiangsu: 按正文识别" in html  # the document header: its pack and why
    assert "jiangsu: detected: department budget" in _check("--lang", "en", "--format", "html", path).stdout
    line = json.loads(_check("--format", "jsonl", path).stdout.splitlines()[0])
    assert line["pack"] == "jiangsu" and "江苏省" in line["pack_reason"]


# -- structure: the layout of the detected pack -----------------------------------


def _structure(key: str):
    source, found = _detected(key)
    pack = load_pack(found.pack).filtered(["BL131", "BL132"])
    return lint_document(parse_source(source, pack.profile), pack)


# The infos each document gets instead of warnings, each read off the text by hand:
# the tables file has no 第…部分; the prose file's 第二部分 says its tables are 附后
# (the other file); the Shanghai district budgets are laid out 一、… 七、 (no parts).
STRUCTURE_INFOS = {
    OTHER + "jiangsu-cppcc-office-2018-budget-tables.txt": ["parts"],
    OTHER + "jiangsu-cppcc-office-2018-budget.txt": ["tables"],
    OTHER + "shanghai-putuo-wanli-subdistrict-2024-budget.txt": ["parts"],
    OTHER + "shanghai-putuo-wanli-subdistrict-2025-budget.txt": ["parts"],
}


# The one real structure finding: 十、…政府性基金预算财政拨款支出预算表 (input line 358)
# prints its header and an empty 合计 and no note; its 情况说明 (line 626) says only
# “…政府性基金支出预算支出 0 万元。”, that it is empty, not why (BL132).
STRUCTURE_REAL = {OTHER + "jiangsu-high-court-2018-budget.txt": [("BL132", 358)]}


@pytest.mark.parametrize("key", sorted(DETECTED))
def test_no_structure_false_alarms_on_the_corpus(key):
    findings = _structure(key)
    assert [(f.rule, f.line) for f in findings if f.severity != "info"] == STRUCTURE_REAL.get(key, [])
    # (what each info is about: the parts, the tables, the layout)
    infos = [f.fields.get("what") for f in findings if f.rule == "BL131"]
    assert infos == STRUCTURE_INFOS.get(key, []), [f.message for f in findings]


def test_a_missing_table_of_the_layout_is_reported():
    # the Jiangsu layout has 12 tables: drop 公开12表 政府采购预算表 from the file
    source, found = _detected(OTHER + "jiangsu-cppcc-office-2018-budget-tables.txt")
    text = "\n".join(source.raw_lines)
    cut = text.index("公开12表")
    pack = load_pack("jiangsu").filtered(["BL131"])
    doc = parse_text(text[:cut], path="x.txt", form=source.form, profile=pack.profile)
    missing = [f.fields.get("what") for f in lint_document(doc, pack) if f.severity == "warning"]
    assert missing == ["procurement"]


def test_a_kind_without_a_layout_is_one_info():
    pack = load_pack("core").filtered(["BL131"])
    doc = parse_text("# 第一部分 概况\n\n某局的职能。\n", path="x.md")
    findings = lint_document(doc, pack)
    assert [(f.severity, f.fields.get("what")) for f in findings] == [("info", "layout")]


# -- a user pack adds a table synonym and a part name, in YAML only ----------------

USER_PACK = """\
pack: county
extends: core
profile:
  # tried before core's titles: this county calls its summary table 收支一览表
  table_synonyms:
    summary: ["收支一览表"]
  # and its glossary part 术语说明
  layouts:
    budget:
      parts: {glossary: "名词解释|术语说明"}
"""

COUNTY = """\
# 某县某局 2024 年部门预算公开

# 第一部分 部门概况

主要职能。

# 第二部分 部门预算公开表

表1

## 部门收支一览表

| 收入 |  | 支出 |  |
|---|---|---|---|
| 项目 | 预算数 | 功能分类 | 预算数 |
| 收入总计 | 1.00 | 支出总计 | 1.00 |

# 第三部分 部门预算情况说明

说明。

# 第四部分 术语说明

名词。
"""


def test_a_user_pack_adds_a_table_synonym_and_a_part_name_without_code(tmp_path):
    (tmp_path / "county.yaml").write_text(USER_PACK, encoding="utf-8")
    user = load_pack(str(tmp_path / "county.yaml"))
    core = load_pack("core")
    doc = parse_text(COUNTY, path="x.md", profile=user.profile)
    assert [t.role for t in doc.tables()] == ["summary"]
    assert [t.role for t in parse_text(COUNTY, path="x.md", profile=core.profile).tables()] != ["summary"]
    # core still knows its own titles after the addition
    assert user.profile.data["table_kinds"] == core.profile.data["table_kinds"]
    rule = user.filtered(["BL131"])
    assert [f for f in lint_document(doc, rule) if f.severity != "info"] == []
    core_doc = parse_text(COUNTY, path="x.md", profile=core.profile)
    assert [f.fields.get("what") for f in lint_document(core_doc, core.filtered(["BL131"]))] == ["名词解释"]


def test_a_user_pack_adding_a_bad_pattern_fails_at_its_line(tmp_path):
    (tmp_path / "bad.yaml").write_text(USER_PACK.replace("收支一览表", "收支(?=一览)表"), encoding="utf-8")
    from budgetlint.rules.loader import PackError

    with pytest.raises(PackError) as exc:
        load_pack(str(tmp_path / "bad.yaml"))
    assert ":6:" in str(exc.value) or ":7:" in str(exc.value)
