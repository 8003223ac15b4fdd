"""Claim extraction: hand-picked sentences of each corpus document, read off the text.

Every expected figure and line below was read from the corpus file itself (the line
numbers are those of the input file).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.parse import parse_text

from conftest import parsed

D = Decimal


def _claims(key):
    return parsed(key).readings.claims


def _one(reading, **match):
    found = [c for c in reading.claims if all(getattr(c, k) == v for k, v in match.items())]
    assert len(found) == 1, f"{match}: {[(c.subject, c.amount, c.line) for c in found]}"
    return found[0]


def _group(reading, claim):
    assert claim.group is not None, f"{claim.subject} is in no group"
    return reading.groups[claim.group]


# --- changji-city (PDF text) ----------------------------------------------------------
def test_changji_city_income_item_with_share_change_and_rate():
    reading = _claims("changji-city")
    claim = _one(reading, subject="一般公共预算", amount=D("4058.19"))
    assert (claim.unit, claim.line) == ("万元", 1133)
    assert (claim.share, claim.share_line) == (D("70.65"), 1133)
    assert (claim.basis, claim.change_word, claim.change, claim.change_line) == ("上年预算", "增加", D("3302.97"), 1135)
    # "增长 437.35 %": a space before the per-cent sign
    assert (claim.rate_word, claim.rate, claim.rate_line) == ("增长", D("437.35"), 1135)
    group = _group(reading, claim)
    assert group.lead.amount == D("5743.77") and group.lead.line == 1129
    assert [m.amount for m in group.members] == [D("4058.19"), D("1685.58")]


def test_changji_city_share_wrapped_into_the_next_line():
    # L1215 "1.社会保障和就业支出（208 类）3955.69 万元，占" / L1217 "97.47%。"
    reading = _claims("changji-city")
    claim = _one(reading, amount=D("3955.69"), line=1215)
    assert claim.code == "208"
    assert (claim.share, claim.share_line) == (D("97.47"), 1217)
    group = _group(reading, claim)
    assert group.kind == "siblings"
    assert [m.amount for m in group.members] == [D("3955.69"), D("47.74"), D("54.75")]


def test_changji_city_classification_and_rate_across_a_paragraph_break():
    # L1250 heading "4. … 行政事业单位养老支" … L1254 "…增长" … L1256 "32.79%，主要原因是…"
    reading = _claims("changji-city")
    claim = _one(reading, amount=D("72.32"), code="2080505")
    assert claim.subject == "机关事业单位基本养老保险缴费支出"
    assert claim.line == 1254
    assert (claim.change, claim.change_line) == (D("17.86"), 1254)
    assert (claim.rate, claim.rate_line) == (D("32.79"), 1256)


def test_changji_city_item_printed_in_yuan():
    reading = _claims("changji-city")
    claim = _one(reading, subject="其他工资福利支出")
    assert (claim.amount, claim.unit, claim.line) == (D("213.63"), "元", 1327)
    group = _group(reading, claim)
    assert group.lead.subject == "人员经费" and group.lead.amount == D("866.31")
    assert group.phrase == "主要包括" and len(group.members) == 12


def test_changji_city_three_public_change_clauses_without_amounts():
    reading = _claims("changji-city")
    claim = _one(reading, subject="公务用车运行费", change=D("0"))
    assert claim.amount is None
    assert (claim.change_word, claim.rate_word, claim.rate) == ("增加", "增长", D("0"))
    assert claim.line == 1440


def test_changji_city_direction_example_line():
    reading = _claims("changji-city")
    claim = _one(reading, amount=D("159.37"), code="2080150")
    assert (claim.change_word, claim.change, claim.rate_word, claim.rate) == ("增加", D("38.56"), "降低", D("31.92"))
    assert claim.rate_line == 1237


# --- urumqi (PDF text) ----------------------------------------------------------------
def test_urumqi_truncated_subject_after_a_colon():
    # L1037 "…项目支:14882.06" (the 出 of 项目支出 was lost)
    reading = _claims("urumqi")
    claim = _one(reading, amount=D("14882.06"))
    assert (claim.subject, claim.line) == ("项目支", 1037)
    assert (claim.change, claim.rate) == (D("9242.93"), D("163.91"))
    group = _group(reading, claim)
    assert group.lead.amount == D("15751.96") and group.lead.line == 1033
    assert [m.amount for m in group.members] == [D("869.36"), D("14882.06")]


def test_urumqi_transfer_is_a_part_of_general_budget_not_of_income():
    reading = _claims("urumqi")
    claim = _one(reading, amount=D("4720.60"))
    assert claim.subject == "上级一般公共预算安排的转移支付资金"
    assert (claim.line, claim.share, claim.share_line) == (958, D("29.97"), 960)
    group = _group(reading, claim)
    assert group.kind == "sub" and group.lead.amount == D("15751.96")
    income = _group(reading, _one(reading, subject="财政拨款结转", amount=D("6883.43")))
    assert [m.amount for m in income.members] == [D("15751.96"), D("6883.43")]


def test_urumqi_allocation_of_a_project():
    reading = _claims("urumqi")
    groups = [g for g in reading.groups.values() if g.kind == "allocation"]
    sizes = sorted(g.lead.amount for g in groups)
    assert sizes == [D("70.03"), D("104"), D("2662"), D("3900"), D("8146.57")]
    # "资金分配情况:国有企业退休人员社会化管理补助资金" / L1231 "70.03 万元。"
    small = next(g for g in groups if g.lead.amount == D("70.03"))
    assert [(m.amount, m.line) for m in small.members] == [(D("70.03"), 1231)]


# --- prefecture-2020 (Word text) ------------------------------------------------------
def test_prefecture_prior_figure_then_change():
    # L1299 "…2020年预算数为15万元，比上年执行数15万元增加了0万元，增长0%"
    reading = _claims("prefecture-2020")
    claim = _one(reading, line=1299, amount=D("15"))
    assert (claim.prior, claim.basis, claim.change, claim.rate) == (D("15"), "上年执行数", D("0"), D("0"))


def test_prefecture_total_in_yuan_with_parts_in_wan():
    reading = _claims("prefecture-2020")
    lead = _one(reading, line=1279, amount=D("1355.44"))
    assert lead.unit == "元" and lead.lead
    members = [c for c in reading.claims if c.group is not None and reading.groups[c.group].lead is lead]
    assert [(m.subject, m.amount, m.unit) for m in members] == [("基本支出", D("1246.44"), "万元"), ("项目支出", D("109"), "万元")]


def test_prefecture_share_of_named_whole_and_block_after_a_closing_lead():
    # L1289 "社会保障和就业支出（类）1355.44万元，占100%。其中:" then six numbered headings
    reading = _claims("prefecture-2020")
    claim = _one(reading, line=1292, amount=D("15"))
    assert claim.subject == "劳动保障监察"
    assert (claim.share_of, claim.share) == ("一般公共预算当年拨款", D("1.10"))
    group = _group(reading, claim)
    assert group.kind == "block" and group.lead.line == 1289 and len(group.members) == 6


def test_prefecture_reason_figures_are_not_claims():
    # L1275 "…主要原因一是…导致基本支出减少86.47万元，，二是…比上年减少了191万元。"
    reading = _claims("prefecture-2020")
    on_line = [c for c in reading.claims if c.line == 1275]
    assert [(c.subject, c.amount, c.change) for c in on_line] == [("一般公共预算", D("1355.44"), D("277.47"))]


# --- center-2025 (Markdown) -----------------------------------------------------------
def test_center_allocation_items_with_numbers():
    reading = _claims("center-2025")
    group = next(g for g in reading.groups.values() if g.kind == "allocation" and g.lead.amount == D("28.40"))
    assert group.lead.line == 543
    assert [m.amount for m in group.members] == [D("12"), D("6.4"), D("6.4"), D("8.6"), D("1.4")]
    # "邮寄送达费6.4万；": 万 alone is 万元
    assert all(m.unit == "万元" for m in group.members)


def test_center_change_clause_over_a_blank_line():
    # L599 "…公务用" / L601 "车运行费减少 2.00 万元，下降 47.62%"
    reading = _claims("center-2025")
    claim = _one(reading, subject="公务用车运行费", change=D("2.00"))
    assert (claim.change_word, claim.change_line, claim.rate, claim.rate_line) == ("减少", 601, D("47.62"), 601)


def test_center_nested_lists_of_carryover():
    reading = _claims("center-2025")
    outer = _group(reading, _one(reading, subject="财政拨款", amount=D("0.00")))
    assert outer.lead.amount == D("45.77") and outer.phrase == "包括" and outer.complete
    inner = _group(reading, _one(reading, subject="考试工作经费"))
    assert inner.lead.subject == "非财政拨款"
    assert [m.amount for m in inner.members] == [D("12.00"), D("33.77")]


# --- synthetic variants ---------------------------------------------------------------
def test_full_width_digits_and_signs():
    text = (
        "第三部分　２０２３年部门预算情况说明\n"
        "二、关于收入预算情况说明\n"
        "收入预算　１００．００　万元，其中：\n"
        "一般公共预算　８０．００　万元，占　８０．００％，比上年预算增加　２０．００　万元，增长　３３．３３％，主要原因是人员增加。\n"
    )
    reading = parse_text(text).readings.claims
    claim = _one(reading, subject="一般公共预算")
    assert (claim.amount, claim.share, claim.change, claim.rate, claim.line) == (D("80.00"), D("80.00"), D("20.00"), D("33.33"), 4)
    assert reading.groups[claim.group].lead.amount == D("100.00")


def test_thousands_separators_and_a_figure_split_over_lines():
    text = (
        "第三部分 2023 年部门预算情况说明\n\n"
        "二、关于收入预算情况说明\n\n"
        "一般公共预算 14,064.5\n\n"
        "5 万元，比上年预算增加 1,000.00 万元，增长 7.65%，主要原因是人员增加。\n"
    )
    reading = parse_text(text, form="pdf-text").readings.claims
    claim = _one(reading, subject="一般公共预算")
    assert (claim.amount, claim.change) == (D("14064.55"), D("1000.00"))


def test_claims_of_a_single_paragraph():
    text = "\n" * 6 + "政府采购预算 31.17 万元，其中:政府采购货物预算 21.02 万元。\n"
    claims = parse_text(text, form="markdown").readings.claims.claims
    assert [(c.subject, c.amount, c.line) for c in claims] == [
        ("政府采购预算", D("31.17"), 7),
        ("政府采购货物预算", D("21.02"), 7),
    ]
    assert claims[0].lead


@pytest.mark.parametrize("key", ["changji-city", "urumqi", "prefecture-2020", "center-2025"])
def test_every_claim_has_a_line_inside_the_explanatory_part(key):
    doc = parsed(key)
    part = next(p for p in doc.parts() if "三" in p.number)
    reading = doc.readings.claims
    assert len(reading.claims) > 40
    for claim in reading.claims:
        assert part.line <= claim.line <= part.end_line, (claim.subject, claim.line)
