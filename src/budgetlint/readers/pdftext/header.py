"""Column headers of the disclosure tables in PDF text.

PDF text wraps header cells, often one character a line (``财`` / ``政`` / ``专`` …),
and prints a grouped header's sub-columns after the group row, so the left-to-right
order of the columns cannot be read off the text. The tables are national templates,
though: each role has a standard header. A header is read by finding each standard
column's name in the squeezed header text; the key is the spelling the document
prints (``政府性基金`` or ``政府性基金预算``). Where a name is not found the header is
too garbled to rebuild and the template's spelling stands in (``Spec.rebuilt`` is
then False).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from budgetlint.core.model import Column
from budgetlint.core.figures import name_key, squeeze

# One template column: the spellings it may be printed with (first is the default)
# and the group header above it.
_Col = tuple[tuple[str, ...], tuple[str, ...]]


def _c(*names: str, path: tuple[str, ...] = ()) -> _Col:
    return (names, path)


_FUNDS = "财政拨款（补助）"

_TEMPLATES: dict[str, list[_Col]] = {
    "expenditure": [_c("合计"), _c("基本支出"), _c("项目支出")],
    "gpb-basic": [_c("合计"), _c("人员经费"), _c("公用经费")],
    "income": [
        _c("总计"),
        _c("财政拨款（补助）小计", "小计", path=(_FUNDS,)),
        _c("一般公共预算", path=(_FUNDS,)),
        _c("上级一般公共预算安排的转移支付", path=(_FUNDS,)),
        _c("政府性基金预算", path=(_FUNDS,)),
        _c("上级政府性基金安排的转移支付", path=(_FUNDS,)),
        _c("国有资本经营预算", path=(_FUNDS,)),
        _c("上级国有资本经营预算安排的转移支付", path=(_FUNDS,)),
        _c("财政专户（教育收费）", "财政专户"),
        _c("单位资金"),
        _c("财政拨款结转"),
        _c("非财政拨款结转结余"),
    ],
    "gpb-project": [
        _c("项目支出合计"),
        _c("工资福利支出"),
        _c("商品和服务支出"),
        _c("对个人和家庭的补助"),
        _c("债务利息及费用支出"),
        _c("资本性支出（基本建设）"),
        _c("资本性支出"),
        _c("对企业补助（基本建设）"),
        _c("对企业补助"),
        _c("对社会保障基金补助"),
        _c("其他支出"),
    ],
    "three-public": [
        _c("合计"),
        _c("一般公共预算", path=("资金来源",)),
        _c("政府性基金", "政府性基金预算", path=("资金来源",)),
        _c("国有资本经营预算", path=("资金来源",)),
    ],
}
for _role in ("gpb-expenditure", "gov-fund", "soe-capital"):
    _TEMPLATES[_role] = _TEMPLATES["expenditure"]

# Two-sided tables (``tables.TWO_SIDED``): income side, expenditure side.
_SIDES: dict[str, dict[str, list[_Col]]] = {
    "summary": {"income": [_c("预算数")], "expenditure": [_c("预算数")]},
    "fiscal-summary": {
        "income": [_c("合计", "预算数")],
        "expenditure": [
            _c("合计"),
            _c("一般公共预算"),
            _c("政府性基金预算", "政府性基金"),
            _c("国有资本经营预算"),
        ],
    },
}


@dataclass
class Spec:
    """What the placement needs to know about a table's columns."""

    columns: list[Column]
    row_sums: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    rebuilt: bool = True


def _row_sums(role: str, keys: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    if role == "income":
        # 总计 = the top-level sources; the 财政拨款 subtotal = its six sub-columns.
        # Whether 上级…转移支付 is part of or "of which" its fund is not settled by the
        # template; read as parts, a document that means "of which" only loses the
        # decision (its rows stay ambiguous), never gains a wrong one.
        return [
            (keys[0], (keys[1], keys[8], keys[9], keys[10], keys[11])),
            (keys[1], tuple(keys[2:8])),
        ]
    return _first_is_sum(keys)


def _first_is_sum(keys: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The usual row sum: the first column is the total of the others."""
    if len(keys) > 1:
        return [(keys[0], tuple(keys[1:]))]
    return []


def _columns(template: Sequence[_Col], header: str) -> tuple[list[Column], bool]:
    text = name_key(header)
    out, rebuilt = [], True
    for names, path in template:
        key = next((name_key(n) for n in names if name_key(n) in text), None)
        if key is None:
            key, rebuilt = name_key(names[0]), False
        out.append(Column(key=key, title=key, path=path))
    return out, rebuilt


def table_spec(role: str, header: str) -> Optional[Spec]:
    template = _TEMPLATES.get(role)
    if template is None:
        return None
    columns, rebuilt = _columns(template, header)
    return Spec(columns, _row_sums(role, [c.key for c in columns]), rebuilt)


def side_specs(role: str, header: str, printed_only: bool = False,
               amounts: Sequence[str] = ()) -> Optional[dict[str, Spec]]:
    """``printed_only``: keep only the template columns the header names (a layout
    that is not the template's must not be given columns it does not print); a side
    that names none of them is one column, the first of ``amounts`` (the profile's
    ``two_sided.amounts``) the header names (Jiangsu: 项目名称 金额 | 项目名称 金额)."""
    sides = _SIDES.get(role)
    if sides is None:
        return None
    out = {}
    for side, template in sides.items():
        if printed_only:
            columns = _printed(template, header, amounts)
        else:
            columns, rebuilt = _columns(template, header)
        out[side] = Spec(columns, _first_is_sum([c.key for c in columns]), True if printed_only else rebuilt)
    return out


def _printed(template: Sequence[_Col], header: str, amounts: Sequence[str]) -> list[Column]:
    text = name_key(header)
    out = []
    for names, path in template:
        key = next((name_key(n) for n in names if name_key(n) in text), None)
        if key is not None:
            out.append(Column(key=key, title=key, path=path))
    if not out:
        key = next((name_key(a) for a in amounts if name_key(a) in text), name_key(template[0][0][0]))
        out.append(Column(key=key, title=key))
    return out


def ends_header(text: str) -> bool:
    """The 类 款 项 line closes the header of a coded table (glued in 表7: ``出类 款 项``)."""
    squeezed = squeeze(text)
    return squeezed.endswith("类款项") or squeezed.endswith("类款")
