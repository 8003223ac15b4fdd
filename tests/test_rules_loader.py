"""Packs: loading, validation errors (file, rule, key, line), composition."""

from __future__ import annotations

import textwrap

import pytest

from budgetlint.rules.loader import PackError, builtin_packs, load_pack, unknown_refs

GOOD_RULE = """
  - id: BL901
    name: my-tree
    summary: s
    severity: error
    check: tree-sum
"""


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(path) -> PackError:
    with pytest.raises(PackError) as info:
        load_pack(str(path))
    return info.value


def test_builtin_packs_load_and_validate():
    assert {"core", "xinjiang"} <= set(builtin_packs())
    core = load_pack("core")
    assert core.name == "core"
    ids = [r.id for r in core.rules]
    assert len(ids) == len(set(ids))
    for rule in core.rules:
        assert rule.summary and rule.explain, rule.id
        assert "Bad" in rule.explain and "Good" in rule.explain, rule.id
        assert rule.origin.startswith("core.yaml:")
    tree = core.find("BL101")
    assert tree.check == "tree-sum" and tree.params["totals"] is True  # kind defaults merged
    assert core.find("parent-row-sum") is tree


def test_xinjiang_extends_core():
    core, xj = load_pack("core"), load_pack("xinjiang")
    assert {r.id for r in core.rules} <= {r.id for r in xj.rules}


def test_extends_override_disable_add(tmp_path):
    head = textwrap.dedent("""
        extends: core
        disable: [BL131]
        overrides:
          BL101: {severity: warning, params: {tolerance: 0.5}}
          basic-plus-project: {severity: info}
        rules:
    """)
    path = write(tmp_path, "mine.yaml", head + GOOD_RULE)
    pack = load_pack(str(path))
    assert pack.name == "mine"
    assert pack.find("BL131") is None
    assert pack.find("BL101").severity == "warning"
    assert pack.find("BL101").params["tolerance"] == 0.5
    assert pack.find("BL101").params["totals"] is True
    assert pack.find("BL102").severity == "info"
    assert pack.find("BL901").check == "tree-sum"


@pytest.mark.parametrize(
    "body, needle, line",
    [
        ("rules:\n  - id: BL901\n    name: x\n    summary: s\n    severity: fatal\n    check: tree-sum\n", "unknown severity", 5),
        ("rules:\n  - id: BL901\n    name: x\n    summary: s\n    severity: error\n    check: no-such-kind\n", "unknown check kind", 6),
        ("rules:\n  - id: BL901\n    name: x\n    summary: s\n    severity: error\n    check: tree-sum\n    params: {bogus: 1}\n", "params.bogus", 7),
        ("rules:\n  - id: BL901\n    name: x\n    summary: s\n    severity: error\n    check: tree-sum\n    params:\n      totals: yes-please\n", "expected bool", 8),
        ("rules:\n  - id: BL901\n    name: x\n    summary: s\n    severity: error\n    check: tree-sum\n    params:\n      places: 1.5\n", "expected int", 8),
        ("rules:\n  - id: BL901\n    name: x\n    summary: s\n    severity: error\n    check: tree-sum\n    select: {table: x}\n", "select.table", 7),
        ("rules:\n  - id: BL901\n    name: x\n    summary: s\n    severity: error\n    check: tree-sum\n    colour: red\n", "unknown key", 7),
        ("rules:\n  - id: BL901\n    name: x\n    severity: error\n    check: tree-sum\n", "'summary': missing", 2),
        ("rules:\n  - id: bl-1\n    name: x\n    summary: s\n    severity: error\n    check: tree-sum\n", "id is", 2),
        ("rules:\n  - id: BL901\n    name: Not_Kebab\n    summary: s\n    severity: error\n    check: tree-sum\n", "kebab-case", 3),
        ("rules:\n  - id: BL901\n    name: x\n    summary: s\n    severity: error\n    check: row-sum\n    params:\n      columns:\n        - {total: a}\n", "needs parts", 8),
        ("extends: core\nrules:\n  - id: BL101\n    name: x\n    summary: s\n    severity: error\n    check: tree-sum\n", "duplicate rule id BL101", 3),
        ("extends: core\noverrides:\n  BL777: {severity: info}\n", "no rule 'BL777' to override", 3),
        ("extends: core\noverrides:\n  BL101: {check: row-sum}\n", "cannot be overridden", 3),
        ("extends: core\ndisable: [BL777]\n", "no rule 'BL777'", 2),
        ("extends: no-such-pack\n", "no such pack", 1),
        ("packs: []\n", "unknown key", 1),
        ("rules: [\n", "invalid YAML", None),
        ("- just\n- a list\n", "must be a mapping", 1),
        ("rules: []\nrules: []\n", "duplicate key", 2),
    ],
)
def test_bad_packs_name_file_rule_key_and_line(tmp_path, body, needle, line):
    path = write(tmp_path, "bad.yaml", body)
    error = load_error(path)
    text = error.text_in("en")  # (in Chinese by default: test_messages)
    assert text.startswith(str(path)), text
    assert needle in text, text
    if line is not None:
        assert error.line == line, text
    assert "\n" not in text and "Traceback" not in text


def test_error_names_the_rule(tmp_path):
    path = write(tmp_path, "bad.yaml", "rules:\n" + GOOD_RULE.replace("severity: error", "severity: loud"))
    error = load_error(path)
    assert "规则 BL901" in str(error) and "rule BL901" in error.text_in("en")


def test_duplicate_ids_within_one_pack(tmp_path):
    path = write(tmp_path, "dup.yaml", "rules:\n" + GOOD_RULE + GOOD_RULE.replace("my-tree", "other"))
    assert "duplicate rule id BL901" in str(load_error(path))


def test_alias_bomb_is_refused_before_expansion(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(12)
    )
    error = load_error(write(tmp_path, "bomb.yaml", bomb))
    assert "aliases" in str(error) and error.line == 2


def test_python_tags_are_not_constructed(tmp_path):
    error = load_error(write(tmp_path, "evil.yaml", "pack: !!python/object/apply:os.system ['true']\n"))
    assert "invalid YAML" in str(error)


def test_huge_pack_is_refused(tmp_path):
    error = load_error(write(tmp_path, "huge.yaml", "summary: '" + "x" * 600_000 + "'\n"))
    assert "too large" in error.text_in("en") and "文件过大" in str(error)


def test_extends_cycle(tmp_path):
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    assert "cycle" in str(load_error(tmp_path / "a.yaml"))


def test_filtered_by_id_name_and_prefix():
    core = load_pack("core")
    assert [r.id for r in core.filtered(["BL101", "basic-plus-project"]).rules] == ["BL101", "BL102"]
    assert all(r.id.startswith("BL12") for r in core.filtered(["BL12"]).rules)
    assert core.filtered([], ["BL1"]).rules and not any(r.id.startswith("BL1") for r in core.filtered([], ["BL1"]).rules)
    assert unknown_refs(core, ["BL101", "nope"]) == ["nope"]
    assert core.with_severities({"BL101": "info"}).find("BL101").severity == "info"


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PACK_WORDS = ["rules:", "- id: BL901", "name: x", "check: tree-sum", "severity: error", "params:", "extends: core",
              "overrides:", "  BL101: {severity: info}", "disable: [BL101]", "&a", "*a", "{", "[", ":", "  ", "\t", "!!str"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(PACK_WORDS), st.text(max_size=12)), max_size=12))
def test_any_text_is_a_pack_or_a_pack_error(tmp_path, words):
    path = tmp_path / "fuzz.yaml"
    path.write_text("\n".join(words), encoding="utf-8")
    try:
        load_pack(str(path))
    except PackError as exc:
        assert "\n" not in str(exc)


def test_profiles_compose_along_extends(tmp_path):
    """A pack's profile merges key by key over its base's: a user pack adds a table
    kind's title without restating the base's profile."""
    from budgetlint.core.profile import builtin_profile

    (tmp_path / "mine.yaml").write_text(
        "extends: core\nprofile:\n  units: {prose: 万元}\n  table_kinds:\n    - {kind: summary, titles: ['收支预算总表']}\n",
        encoding="utf-8",
    )
    pack = load_pack(str(tmp_path / "mine.yaml"))
    assert pack.profile.section("units") == {"prose": "万元"}
    assert pack.profile.section("table_kinds") == [{"kind": "summary", "titles": ["收支预算总表"]}]
    assert builtin_profile("xinjiang").section("table_kinds") == load_pack("core").profile.section("table_kinds")


def test_a_profile_that_is_not_a_mapping_is_a_pack_error(tmp_path):
    (tmp_path / "bad.yaml").write_text("extends: core\nprofile: [1, 2]\n", encoding="utf-8")
    with pytest.raises(PackError, match="profile"):
        load_pack(str(tmp_path / "bad.yaml"))


def test_a_table_title_added_in_a_user_pack_gives_the_table_its_kind(tmp_path):
    from budgetlint.parse import parse_text

    text = "表1\n\n## 收支一览表\n\n| 项目 | 金额 |\n|---|---|\n| 合计 | 10.00 |\n"
    assert parse_text(text, form="markdown").tables()[0].role == "other"
    (tmp_path / "mine.yaml").write_text(
        "extends: core\nprofile:\n  table_kinds:\n    - {kind: summary, titles: ['^收支一览表$']}\n", encoding="utf-8"
    )
    profile = load_pack(str(tmp_path / "mine.yaml")).profile
    assert parse_text(text, form="markdown", profile=profile).tables()[0].role == "summary"


def test_explain_names_the_pack_that_set_a_value(tmp_path):
    """An override is credited to the file that made it, not only to where the rule
    was declared (explain used to name core.yaml for a value a user pack set)."""
    path = write(tmp_path, "mine.yaml", "extends: xinjiang\noverrides:\n  BL301:\n    params: {total: 95}\n")
    rule = load_pack(str(path)).find("BL301")
    assert rule.params["total"] == 95
    assert rule.origin.startswith("core.yaml:")
    assert rule.origin.endswith(f"params from {path}:3")


@pytest.mark.parametrize("name", builtin_packs())
def test_a_builtin_pack_passes_every_check_a_users_pack_gets(name, tmp_path):
    """The loader trusts the built-in packs at run time (no schema validation of their
    rules and overrides); read from outside the packs directory, each is fully checked
    and reads the same."""
    import sys

    from budgetlint.core.profile import PACKS_DIR

    copy = tmp_path / f"{name}.yaml"
    copy.write_text((PACKS_DIR / f"{name}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    checked, trusted = load_pack(str(copy)), load_pack(name)
    assert "jsonschema" in sys.modules  # the copy was validated
    assert [(r.id, r.params, r.select, r.message) for r in checked.rules] == \
        [(r.id, r.params, r.select, r.message) for r in trusted.rules]
    assert checked.profile.data == trusted.profile.data
