"""Two-sided tables without 功能分类 codes (Jiangsu's 财政拨款收支预算总表, Shanghai's
收支总表): each line joins an income item and an expenditure item,
``1. 一般公共预算资金 156,211,123 二、公共安全支出 1,633,000``.

With no code to cut at, a line is cut where an item begins: at an ordinal (``一、``,
``1.``), at a total (``收入总计`` / ``支出合计``), or at a name printed after a
figure. Two items: income, then expenditure. One item goes to the side whose
numbering it continues (``八、`` after the income side stopped at ``四、``); where it
continues both, its name decides (收入/拨款 or 支出/经费), else nothing is guessed and
the table stays unread. A line of three items (Jiangsu's 收支预算总表, whose
expenditure is shown twice: by function and by use) is not a two-sided table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from budgetlint.core.figures import name_key
from budgetlint.core.patterns import search
from budgetlint.core.profile import Profile
from budgetlint.core.model import Line
from budgetlint.readers.pdftext.lines import is_figure
from budgetlint.readers.pdftext.rows import RawRow, start_row

_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
_CN_ORDINAL = re.compile(r"^([一二三四五六七八九十]+)、")
_AR_ORDINAL = re.compile(r"^(\d{1,2})[.．、](?!\d)")
_TOTAL = re.compile(r"^(?:本年|当年)?(收入|支出)?(?:总计|合计|小计)$")


@dataclass(frozen=True)
class SideNames:
    """The profile's ``two_sided``: the income side's names (name keys), and the
    patterns that tell an income item from an expenditure item by its name alone."""

    income_names: tuple[str, ...] = ()
    income: tuple[str, ...] = ()
    expenditure: tuple[str, ...] = ()
    amounts: tuple[str, ...] = ()


@lru_cache(maxsize=16)
def _side_names(income_names: tuple[str, ...], income: tuple[str, ...], expenditure: tuple[str, ...],
                amounts: tuple[str, ...]) -> SideNames:
    return SideNames(tuple(name_key(n) for n in income_names), income, expenditure, amounts)


def side_names(profile: Profile) -> SideNames:
    section = profile.section("two_sided") or {}
    return _side_names(*(tuple(section.get(k) or ()) for k in ("income_names", "income", "expenditure", "amounts")))


@dataclass
class _Item:
    text: str
    kind: str  # "cn", "ar", "total", "name"
    number: int = 0
    side: Optional[str] = None  # a total's own 收入/支出
    figures: int = 0


def cn_number(text: str) -> int:
    """一 … 九十九; 0 when not a numeral."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
        return value if (not tens or tens in _CN_DIGITS) and (not ones or ones in _CN_DIGITS) else 0
    return _CN_DIGITS.get(text, 0) if len(text) == 1 else 0


def _items(text: str) -> list[_Item]:
    out: list[_Item] = []
    after_figure = False
    for token in text.split():
        if is_figure(token) and not _AR_ORDINAL.match(token):
            if not out:
                out.append(_Item("", "name"))
            out[-1].text += " " + token
            out[-1].figures += 1
            after_figure = True
            continue
        item = _opening(token)
        if item is None and (after_figure or not out):
            item = _Item("", "name")
        if item is None:
            out[-1].text += " " + token
        else:
            item.text = token
            out.append(item)
        after_figure = False
    if len(out) == 1 and out[0].kind == "name" and not out[0].figures and len(text.split()) == 2:
        # "年初结转和结余 年末结转和结余": two empty rows side by side
        return [_Item(token, "name") for token in text.split()]
    return out


def _opening(token: str) -> Optional[_Item]:
    key = name_key(token)
    match = _CN_ORDINAL.match(key)
    if match and cn_number(match.group(1)):
        return _Item("", "cn", cn_number(match.group(1)))
    match = _AR_ORDINAL.match(key)
    if match:
        return _Item("", "ar", int(match.group(1)))
    match = _TOTAL.match(key)
    if match:
        side = {"收入": "income", "支出": "expenditure"}.get(match.group(1) or "")
        return _Item("", "total", side=side)
    return None


class _Numbering:
    """The last 一、 and 1. of one side."""

    def __init__(self) -> None:
        self.cn = 0
        self.ar = 0

    def fits(self, item: _Item) -> bool:
        if item.kind == "cn":
            return item.number == self.cn + 1
        if item.kind == "ar":
            return self.cn > 0 and item.number == self.ar + 1
        return True

    def take(self, item: _Item) -> None:
        if item.kind == "cn":
            self.cn, self.ar = item.number, 0
        elif item.kind == "ar":
            self.ar = item.number
        elif item.kind == "name":
            self.cn = self.ar = 0  # 年初结转和结余: a new group, numbered from 一、 again


def split_sides(body: Sequence[Line], places: int,
                names: SideNames) -> tuple[Optional[tuple[list[RawRow], list[RawRow]]], str]:
    """The income and expenditure rows, or None and why the lines cannot be cut."""
    income: list[RawRow] = []
    spend: list[RawRow] = []
    numbering = {"income": _Numbering(), "expenditure": _Numbering()}
    waiting: list[RawRow] = []  # the rows of a line whose figures follow on the next line
    for line in body:
        items = _items(line.text)
        if not items:
            continue
        if len(items) == 1 and items[0].text.strip() and all(is_figure(t) for t in items[0].text.split()):
            figures = items[0].text.split()
            if len(figures) != len(waiting):
                return None, f"figures that belong to no item (line {line.lineno})"
            for row, figure in zip(waiting, figures):
                row.lines.append(line)
                row.figures.append(figure)
            waiting = []
            continue
        if len(items) > 2:
            return None, "three items on one line (expenditure shown by function and by use)"
        sides = _assign(items, numbering, names)
        if sides is None:
            return None, f"an item on no known side (line {line.lineno})"
        waiting = []
        for item, side in zip(items, sides):
            numbering[side].take(item)
            row = start_row(income if side == "income" else spend, line, item.text, "", places,
                            total=item.kind == "total")
            if not row.figures:
                waiting.append(row)
    if not income or not spend:
        return None, "no line holds both sides"
    return (income, spend), ""


def _assign(items: list[_Item], numbering: dict[str, _Numbering], names: SideNames) -> Optional[list[str]]:
    if len(items) == 2:
        first, second = items
        if first.side == "expenditure" or second.side == "income":
            return None
        if not numbering["income"].fits(first) or not numbering["expenditure"].fits(second):
            return None
        return ["income", "expenditure"]
    (item,) = items
    if item.kind == "total":
        return [item.side] if item.side else None
    if item.kind == "name":
        return None  # an unnumbered name alone: a wrapped tail of either side
    fits = [side for side in ("income", "expenditure") if numbering[side].fits(item)]
    if len(fits) == 2:
        key = name_key(item.text)
        by_name = [side for side, patterns in (("income", names.income), ("expenditure", names.expenditure))
                   if any(search(p, key) for p in patterns)]
        fits = by_name
    return fits if len(fits) == 1 else None
