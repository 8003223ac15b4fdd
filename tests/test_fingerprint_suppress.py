"""The pure parts of the workflow: fingerprints, the baseline match, suppression
comments and their reach."""

from __future__ import annotations

from budgetlint.core.directives import find_directives, strip_directives
from budgetlint.core.finding import Finding
from budgetlint.linter.baseline import diff
from budgetlint.linter.fingerprint import identity, subject_key, with_fingerprint
from budgetlint.linter.suppress import apply


def _f(line, rule="BL101", *, computation=None, message="m", severity="error", **fields) -> Finding:
    f = Finding("a.txt", line, rule, "tree-sum", severity, message, computation=computation, fields=fields,
                table_kind=fields.pop("kind", "expenditure"))
    return with_fingerprint(f, "budget")


def test_a_row_is_known_by_its_code_a_subject_by_its_name_without_figures():
    assert subject_key("208 01 01 行政运行") == subject_key("2080101 行政 运行") == "2080101"
    assert subject_key("项目支 14882.06") == subject_key("项目支") == "项目支"
    assert subject_key("基本支出（人员经费）") == subject_key("基本支出(人员经费)")


def test_fingerprint_ignores_lines_figures_and_the_other_columns():
    a = _f(74, row="208 01", column="合计, 基本支出", computation="490.10 ≠ 490.00")
    b = _f(180, row="208 01", column="合计", computation="499.10 ≠ 490.00")
    assert a.fingerprint == b.fingerprint
    assert _f(74, row="208 02", column="合计").fingerprint != a.fingerprint
    assert _f(74, row="208 01", column="项目支出").fingerprint != a.fingerprint
    assert _f(74, "BL102", row="208 01", column="合计").fingerprint != a.fingerprint
    assert with_fingerprint(a, "final-accounts").fingerprint != a.fingerprint
    # Without a subject field: the message without its figures and line references.
    c = Finding("a.txt", 3, "BL305", "perf", "error", "预算绩效情况称项目 3 个，目标表列出 2 个（第 40 行）")
    d = Finding("a.txt", 9, "BL305", "perf", "error", "预算绩效情况称项目 4 个，目标表列出 2 个（第 51 行）")
    assert identity(c, "").fingerprint() == identity(d, "").fingerprint()


def test_diff_pairs_same_figures_first_then_in_order():
    old = [_f(10, subject="奖金", computation="1 ≠ 2"), _f(20, subject="奖金", computation="3 ≠ 4"),
           _f(30, "BL205", subject="福利费", computation="5 ≠ 6")]
    new = [_f(12, subject="奖金", computation="3 ≠ 4"), _f(14, subject="奖金", computation="1 ≠ 9"),
           _f(40, "BL206", subject="合计", computation="7 ≠ 8")]
    marked, fixed = diff(new, old)
    assert [(f.line, f.status) for f in marked] == [(12, "unchanged"), (14, "changed"), (40, "new")]
    assert marked[1].previous == "1 ≠ 2"
    assert [(f.line, f.rule, f.status) for f in fixed] == [(30, "BL205", "fixed")]


def test_directives_in_both_comment_forms_and_full_width_punctuation():
    lines = ["<!-- budgetlint: disable=BL208 -->", "| a | 1 | <!-- budgetlint：disable＝BL101，BL2 -->",
             "# budgetlint: enable", "正文 # budgetlint: disable", "# 标题", "x#budgetlint: disable"]
    found = [(d.line, d.action, d.rules, d.standalone) for d in find_directives(lines)]
    assert found == [(1, "disable", ("BL208",), True), (2, "disable", ("BL101", "BL2"), False),
                     (3, "enable", (), True), (4, "disable", (), False)]
    assert strip_directives("\n".join(lines)).split("\n")[:5] == ["", "| a | 1 |", "", "正文", "# 标题"]


def test_a_range_ends_at_the_enable_that_names_its_rule():
    lines = ["<!-- budgetlint: disable=BL101,BL102 -->", "", "<!-- budgetlint: enable=BL101 -->", "", "", ""]
    findings = [_f(2), _f(2, "BL102"), _f(5), _f(5, "BL102"), _f(6, "BL203")]
    out = apply(findings, lines, "a.txt", report_unused=True)
    assert [(f.line, f.rule) for f in out.kept] == [(5, "BL101"), (6, "BL203")]
    assert out.suppressed == 3 and out.unused == []


def test_per_file_ignores_and_an_unused_trailing_directive():
    lines = ["表3 合计 490.10 # budgetlint: disable=BL102", "", ""]
    out = apply([_f(1), _f(3, "BL203")], lines, "a.txt", ignores=["BL2"], report_unused=True,
                known_rules=[("BL101", "tree-sum"), ("BL102", "row-sum")])
    assert [f.rule for f in out.kept] == ["BL101"] and out.suppressed == 1
    (unused,) = out.unused
    assert (unused.rule, unused.line, unused.severity) == ("BL001", 1, "warning")
    assert "BL102" in unused.message and "不是本次运行的规则" not in unused.message
