"""The fixed vocabulary of performance-target tables and how to recognise it in pieces.

PDF text cuts every cell into fragments (``产`` ``出`` ``指`` ``标`` one a line, a
basis ``计划标`` / ``准``, a scoring rule ``按照`` / ``正常`` / ``比例`` / ``赋分``).
The template's words are few and fixed, so fragments are recognised by being a
prefix or a piece of one of them, never by guessing at free text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from budgetlint.core.figures import squeeze

# 一级指标 of the project template (产出/效益/满意度 plus 成本 since 2022) and of the
# 2020 template (项目完成指标 / 项目效益指标); 部门整体 tables use 履职效能 and others.
LEVEL1 = ("产出指标", "成本指标", "效益指标", "满意度指标", "项目完成指标", "项目效益指标")
OVERALL_LEVEL1 = ("履职效能", "管理效率", "社会效应", "服务对象满意度")
LEVEL2 = (
    "数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标",
    "生态环境成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
    "可持续影响指标", "满意度指标", "服务对象满意度指标",
)
# Names that can only be a 一级指标 (满意度指标 is both a 一级 and a 二级 name).
LEVEL1_ONLY = frozenset(("产出指标", "效益指标", "项目完成指标", "项目效益指标") + OVERALL_LEVEL1)
# In the order a cut name is completed: a project table's names before the others.
NAMES = LEVEL1 + LEVEL2 + OVERALL_LEVEL1
LEVEL_CHARS = frozenset("".join(NAMES))

# Where a table prints the basis of the value (指标值设置依据).
BASES = ("行业或国家标准", "计划标准", "历史标准", "行业标准", "国家标准", "其他标准", "自定义标准", "自定义")

# 指标赋分规则 and 佐证资料 as printed in the province's tables.
RULES = (
    "按照完成比例赋分", "按照正常比例赋分", "按完成比例赋分", "按正常比例赋分", "按比例赋分",
    "按照比例赋分", "直接赋分", "按评判等级赋分", "按照评判等级赋分", "满意度赋分",
)
EVIDENCE = (
    "工作资料", "原始凭证", "说明材料", "正式材料", "佐证资料", "工作记录", "相关资料",
    "会议记录", "财务凭证", "统计资料", "调查问卷",
)
_SEPARATORS = ",，、;；"


VALUE_START = re.compile(r"^(?:[≥≤<>=＞＜]|\d+(?:\.\d+)?(?=$|[%％\s年月日元万人个次家件份场天期户小时≥≤<>/]|[A-Za-z]))")
BARE_NUMBER = re.compile(r"^\d{1,3}(?:\.\d+)?$")


def is_value_start(text: str) -> bool:
    return VALUE_START.match(text.strip()) is not None


def is_level_chars(text: str) -> bool:
    """A line of 一级/二级 指标 characters, whole or cut (``产出指``, ``标``, ``满 意 度``)."""
    s = squeeze(text)
    return bool(s) and all(ch in LEVEL_CHARS for ch in s)


def starts_level_name(text: str) -> bool:
    """Whether level characters open a new name (``满意度指标``) rather than finish one
    cut by a page break (``指标``, ``益指标``)."""
    s = squeeze(text)
    return any(len(s) >= 2 and (name.startswith(s[:2])) for name in NAMES)


# Of two names of one length at most one opens a text, so their order is immaterial.
_LONGEST_FIRST = tuple(sorted(set(NAMES), key=len, reverse=True))


def read_level_names(text: str) -> tuple[list[tuple[str, str]], str]:
    """Read level names from their characters: ``产出指标数量指标`` gives
    [(产出指标, 产出指标), (数量指标, 数量指标)]; a name cut by a page break is completed,
    ``效益社会`` giving [(效益指标, 效益), (社会效益指标, 社会)]. Returns the pairs
    (name, characters printed) and what could not be read."""
    s = squeeze(text)
    names: list[tuple[str, str]] = []
    while s:
        whole = next((v for v in _LONGEST_FIRST if s.startswith(v)), None)
        if whole:
            names.append((whole, whole))
            s = s[len(whole):]
            continue
        taken = None
        for k in range(len(s), 0, -1):
            # a cut name: the longest start of ``s`` that begins a vocabulary name; a
            # single character only where nothing follows it
            if k == 1 and len(s) > 1:
                break
            candidates = [v for v in NAMES if v.startswith(s[:k])]
            if candidates:
                # a cut 二级 name belongs to the 一级 before it (社会 under 效益指标)
                if names:
                    family = category(names[-1][0], "")
                    candidates.sort(key=lambda v: category(v, "") != family)
                taken = (candidates[0], s[:k])
                break
        if taken is None:
            break
        names.append(taken)
        s = s[len(taken[1]):]
    return names, s


def covers(text: str, strict: bool = False) -> bool:
    """Whether ``text`` is level names only (the last one may still be cut; with
    ``strict`` no other may be)."""
    names, rest = read_level_names(text)
    if not names or rest:
        return False
    return not strict or all(name == printed for name, printed in names[:-1])


def split_levels(names: list[str], prior_level1: str) -> tuple[Optional[str], Optional[str]]:
    """Which of the recognised names are the 一级 and the 二级 指标 of a row. A lone name
    that can be either (成本指标, 满意度指标) opens a new 一级 where its category differs
    from the current one."""
    if not names:
        return None, None
    if len(names) >= 2:
        return names[0], names[1]
    name = names[0]
    if name in LEVEL1_ONLY or (name not in LEVEL2):
        return name, None
    if name in LEVEL1 + OVERALL_LEVEL1 and category(name, "") != category(prior_level1, ""):
        return name, (name if name == "满意度指标" else None)
    return None, name


def basis_at(text: str) -> Optional[str]:
    """The basis a piece is, whole or its opening fragment (``计划标``, ``行业或``)."""
    s = squeeze(text)
    if not s:
        return None
    for b in BASES:
        if s == b:
            return b
    if len(s) >= 3:
        for b in BASES:
            if b.startswith(s):
                return b
    return None


def _is_prefix(text: str, vocab: tuple[str, ...]) -> bool:
    """Whether some word of ``vocab`` starts with ``text``: one set lookup, not a scan
    of the vocabulary for every fragment of every cell."""
    return text in _prefixes(vocab)


@lru_cache(maxsize=None)  # a few fixed vocabularies
def _prefixes(vocab: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v[:i] for v in vocab for i in range(len(v) + 1))


def _evidence_ok(text: str) -> bool:
    while True:
        text = text.lstrip(_SEPARATORS)
        if not text:
            return True
        if _is_prefix(text, EVIDENCE):
            return True
        whole = next((e for e in EVIDENCE if text.startswith(e)), None)
        if whole is None:
            return False
        text = text[len(whole):]


def is_tail_prefix(text: str) -> bool:
    """Whether ``text`` can open 指标赋分规则 followed by 佐证资料 (``按照完成比例赋分工作资料``)."""
    s = squeeze(text)
    if not s:
        return True
    if _is_prefix(s, RULES):
        return True
    for rule in RULES:
        if s.startswith(rule):
            return _evidence_ok(s[len(rule):])
    return _evidence_ok(s)


def is_rule_start(text: str) -> bool:
    s = squeeze(text)
    return bool(s) and (_is_prefix(s, RULES) or any(s.startswith(r) for r in RULES))


def is_tail_fragment(piece: str) -> bool:
    """A piece of a scoring rule or of an evidence list cut off by a page break."""
    s = squeeze(piece).strip(_SEPARATORS)
    if not s:
        return bool(squeeze(piece))
    return any(s in r for r in RULES) or any(s in e for e in EVIDENCE) or all(
        any(part in e for e in EVIDENCE) for part in re.split(f"[{_SEPARATORS}]", s) if part
    )


def category(level1: str, level2: str) -> Optional[str]:
    """产出 / 成本 / 效益 / 满意度 for an indicator: the 二级 name where it tells (the 2020
    template files 社会效益指标 under 项目完成指标), else the 一级 name."""
    for name in (level2, level1):
        s = squeeze(name or "")
        if "满意" in s:
            return "满意度"
        if "效益" in s or s.startswith("可持续"):
            return "效益"
        if s.startswith("成本") or s.endswith("成本指标"):
            return "成本"
        if s in ("数量指标", "质量指标", "时效指标") or s.startswith("产出") or s.startswith("项目完成"):
            return "产出"
    return None
