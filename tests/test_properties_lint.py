"""Any disclosure-shaped text through every rule of both packs: findings, never a crash.

The linter turns a check that raises into an error finding ("check ... failed"), so that
one bug never loses a batch; this property makes such a finding a test failure. The
documents are built from well-formed blocks (tables in Markdown and PDF-text shape,
claim sentences, a project paragraph, a performance table) with random figures, then
randomly damaged (lines dropped or duplicated), so that the checks really run."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.parse import parse_source
from budgetlint.ingest import InputError, load_text
from budgetlint.linter.lint import lint_document
from budgetlint.rules.loader import load_pack

PACKS = {name: load_pack(name) for name in ("core", "xinjiang")}

figure = st.one_of(
    st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.integers(min_value=0, max_value=5000).map(str),
    st.just(""),
)


@st.composite
def markdown_table(draw):
    f = [draw(figure) for _ in range(9)]
    return [
        "表 3", "### 部门支出总体情况表", "编制部门：某局", "单位：万元",
        "| 功能分类科目编码 | | | 功能分类科目名称 | 合计 | 基本支出 | 项目支出 |",
        "|---|---|---|---|---|---|---|",
        "| 类 | 款 | 项 | | | | |",
        f"| | | | 总计 | {f[0]} | {f[1]} | {f[2]} |",
        f"| 208 | | | 社会保障和就业支出 | {f[3]} | {f[4]} | {f[5]} |",
        f"| 208 | 01 | 01 | 行政运行 | {f[6]} | {f[7]} | {f[8]} |",
    ]


@st.composite
def pdf_table(draw):
    f = [draw(figure) for _ in range(6)]
    return [
        " 表 5", "一般公共预算支出情况表", "编制部门：某局 单位：万元",
        "项 目 一般公共预算支出", "功能分类科目编码", "功能分类科目名称 合 计 基本支出 项目支出", "类 款 项",
        f"208 社会保障和就业支出 {f[0]} {f[1]}", f"208 01 人力资源和社会保障管理事务 {f[2]} {f[3]}",
        f"208 01 01 行政运行 {f[4]}", f"合 计 {f[5]}",
    ]


@st.composite
def claims(draw):
    a, b, c, d = (draw(figure) or "1" for _ in range(4))
    word = draw(st.sampled_from(["增加", "减少"]))
    rate = draw(st.sampled_from(["增长", "下降", "降低"]))
    return [
        "第三部分 情况说明", "一、关于收入预算情况说明",
        f"收入预算 {a} 万元，其中：",
        f"一般公共预算 {b} 万元，占 {c}%，比上年预算{word} {d} 万元，{rate} {c}%，主要原因是调整。",
        f"政府采购预算 {a} 万元，其中：政府采购货物预算 {b} 万元，政府采购工程预算 0 万元，政府采购服务预算 {d} 万元。",
        "1.项目名称：就业补助资金", f"预算安排规模：{a} 万元", f"资金分配情况：1.培训 {b} 万元；2.补贴 {d} 万元。",
        f"本年度预算绩效管理的财政拨款项目 1 个，涉及预算金额 {a} 万元；非财政拨款项目 0 个，涉及预算金额 0 万元。",
    ]


@st.composite
def perf_table(draw):
    w = [draw(st.integers(min_value=0, max_value=60)) for _ in range(3)]
    t = draw(figure) or "0"
    return [
        "## 项目支出绩效目标表",
        "| 项目名称 | | 就业补助资金 | | | | | | |", "|---|---|---|---|---|---|---|---|---|",
        f"| 项目资金(万元) | | 年度预算总额 | {t} | 其中：财政拨款 | {draw(figure)} | 其他资金 | {draw(figure)} | |",
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值设置依据 | 上年完成值 | 指标分值权重 | 指标赋分规则 | 佐证资料 |",
        f"| 产出指标 | 数量指标 | 培训人数 | >=1000人 | 计划标准 | 950人 | {w[0]} | 按完成比例 | 资料 |",
        f"| 效益指标 | 社会效益指标 | 就业人数 | 1500≥ | 计划标准 | | {w[1]} | 按完成比例 | 资料 |",
        f"| 满意度指标 | 满意度指标 | 满意度 | >=90% | 计划标准 | 90% | {w[2]} | 按完成比例 | 资料 |",
    ]


@st.composite
def document(draw):
    blocks = draw(st.lists(st.one_of(markdown_table(), pdf_table(), claims(), perf_table()), min_size=1, max_size=4))
    lines = ["第二部分 公开表"] + [line for block in blocks for line in block]
    # Damage: drop or repeat a few lines, as extraction does.
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        if draw(st.booleans()):
            del lines[i]
        else:
            lines.insert(i, lines[i])
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(), st.sampled_from(sorted(PACKS)), st.sampled_from([None, "pdf-text", "markdown"]))
def test_no_check_crashes_on_any_disclosure(text, pack, form):
    try:
        source = load_text(text, "prop.md", form)
    except InputError:
        return
    findings = lint_document(parse_source(source), PACKS[pack])
    crashed = [f.message for f in findings if f.message.startswith("check ") and " failed: " in f.message]
    assert not crashed
