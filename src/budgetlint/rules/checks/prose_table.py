"""prose-table: an amount in the prose against the table row it restates.

A claim is matched to a table cell only where the text makes the match certain:

- a classification (``208 类 / 01 款 / 01 项``, ``2080101``, or the 类/款/项 names
  when no digits are printed) under a heading about the 一般公共预算 → 一般公共预算支出
  表 row with that code (or the one row with those names), total column;
- 基本支出 / 项目支出 / the stated total under the 支出预算 heading → 支出总体情况表
  total row, and under the 一般公共预算当年拨款 heading → 一般公共预算支出表 total row;
- the income sources under the 收入预算 heading → 收入总体情况表 total row, the
  column of that source;
- 人员经费 / 公用经费 and their listed items under the 基本支出 heading → 一般公共预算
  基本支出表 (total row, or the item row of the same name);
- the 三公 total and items → “三公”经费支出表;
- 收支总预算 → 部门收支总体情况表, 财政拨款收支总预算 → 财政拨款收支总体情况表.

A cell the table reader could not place (``Row.ambiguous``) is never compared. A
figure printed in 元 that equals the table's 万元 figure is a unit slip. Differences
of one hundredth (two systems rounding the same yuan) are reported at
``rounding_severity``.

Message fields: detail, subject, table, computation.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator, Optional

from budgetlint.core.i18n import phrase
from budgetlint.core.figures import squeeze
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document, Row, Table
from budgetlint.core.readings import Claim
from budgetlint.core.arith import fmt, half_unit, shifted, wan_shift
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._claims_common import unit_slip_finding

NAME = "prose-table"
READS = ("claims", "tables")
PARAMS = {
    "rounding_severity": (str, "warning"),
    # The layout's vocabulary (the pack's data): each income source the 收入预算 prose
    # names, with the 收入总体情况表 columns and the 收支总表 rows that print it ...
    "income_sources": (list, []),  # [{source: 一般公共预算, columns: [...], summary_rows: [...]}]
    # ... and the 三公 items, whose rows in the 三公 table the prose restates.
    "three_public_items": (list, []),
}
SELECT = {}
FIELDS = ("detail", "subject", "table", "computation")  # what a message template may name

PROJECT_NAME = re.compile(r"项目名称[:：]?(.+?)(?:设立的政策依据|$)")


def _rows(table: Table, side: Optional[str] = None) -> list[Row]:
    if table.sides:
        return table.sides.get(side or "income", [])
    return table.rows


def _total(table: Optional[Table], side: Optional[str] = None) -> Optional[Row]:
    if table is None:
        return None
    for row in _rows(table, side):
        if row.kind == "total":
            return row
    return None


def total_columns(doc: Document) -> tuple[str, ...]:
    """The names of the total column (合计, 小计, 预算数 …): the profile's ``columns``
    of role ``total``, in the order the profile lists them."""
    return tuple(n for e in doc.profile.section("columns") or () if e.get("role") == "total" for n in e["names"])


def _total_column(row: Row, names: tuple[str, ...]) -> Optional[str]:
    for key in names:
        if key in row.values:
            return key
    return next(iter(row.values), None)


def _clean(name: str) -> str:
    name = squeeze(name)
    name = re.sub(r"^(其中|\d+[.、]|[一二三四五六七八九十]+、)[:：]?", "", name)
    return name.replace("(", "（").replace(")", "）")


def _names_match(prose: str, table: str) -> bool:
    prose, table = _clean(prose), _clean(table)
    return prose == table or prose + "支出" == table


def _project_name(claim: Claim) -> Optional[str]:
    """The 项目名称 of the project paragraph a claim stands in (its heading, or its
    own sentence where the heading and paragraph were rejoined)."""
    for text in (claim.head, *reversed(claim.section.split(" / "))):
        match = PROJECT_NAME.search(squeeze(text))
        if match and match.group(1):
            return match.group(1)
    return None


def _same_project(prose: str, table: str) -> bool:
    prose, table = _clean(prose), _clean(table)
    # a heading wrapped by the PDF text may have lost its tail
    return prose == table or (len(prose) >= 8 and table.startswith(prose))


def _by_code(table: Table, code: str) -> Optional[Row]:
    found = [r for r in table.rows if r.code == code]
    return found[0] if len(found) == 1 else None


def _by_names(table: Table, names: tuple[str, ...]) -> Optional[Row]:
    chain: dict[int, Row] = {}
    found = []
    for row in table.rows:
        if row.level:
            chain[row.level] = row
            for deeper in [k for k in chain if k > row.level]:
                del chain[deeper]
        if row.level != len(names) or not _names_match(names[-1], row.name):
            continue
        ancestors = [chain.get(level) for level in range(1, len(names))]
        if all(a is not None and _names_match(n, a.name) for a, n in zip(ancestors, names)):
            found.append(row)
    if not found and not any(r.level and r.level < len(names) for r in table.rows):
        # the table prints only 项 rows (the 2020 Word tables): the name alone decides
        found = [r for r in table.rows if r.level == len(names) and _names_match(names[-1], r.name)]
    return found[0] if len(found) == 1 else None


def _by_name(rows: list[Row], subject: str, level: Optional[int] = None) -> Optional[Row]:
    target = _clean(subject)
    found = [r for r in rows if _clean(r.name) == target and (level is None or r.level == level)]
    return found[0] if len(found) == 1 else None


def resolve(doc: Document, claim: Claim, lead: Optional[Claim],
            params: Optional[dict] = None) -> Optional[tuple[Table, Row, str]]:
    """The table cell a claim restates, or None where the text does not make it certain.
    ``params``: the rule's (income_sources, three_public_items)."""
    params = params or {}
    section = claim.section
    subject = _clean(claim.subject)
    totals = total_columns(doc)
    head = claim.head

    def cell(table: Optional[Table], row: Optional[Row], column: Optional[str]):
        if table is None or row is None or column is None or column not in row.values:
            return None
        if column in row.ambiguous:
            return None
        return table, row, column

    if subject.endswith("财政拨款收支总预算"):
        table = doc.table_by_role("fiscal-summary")
        row = _total(table, "income")
        return cell(table, row, row and _total_column(row, totals))
    if subject.endswith("收支总预算"):
        table = doc.table_by_role("summary")
        row = _total(table, "income")
        return cell(table, row, row and _total_column(row, totals))

    gpb_context = "一般公共预算" in section or "一般公共预算" in head
    if (claim.code or claim.code_names) and gpb_context and "基本支出" not in section:
        table = doc.table_by_role("gpb-expenditure")
        if table is None:
            return None
        row = None
        if claim.code and len(claim.code) in (3, 5, 7):
            row = _by_code(table, claim.code)
        elif claim.code_names:
            row = _by_names(table, claim.code_names)
        return cell(table, row, row and _total_column(row, totals))

    if "三公" in section:
        table = doc.table_by_role("three-public")
        if table is None:
            return None
        if "三公" in subject:
            row = _total(table)
        else:
            row = None
            for name in params.get("three_public_items") or ():
                if subject == name or (len(subject) >= 4 and name.startswith(subject)):
                    row = _by_name(table.rows, name)
                    break
        return cell(table, row, row and _total_column(row, totals))

    if "收入预算" in section and claim.group is not None:
        table = doc.table_by_role("income")
        row = _total(table)
        found = None
        source = next((e for e in params.get("income_sources") or () if e.get("source") == subject), None)
        if row is not None:
            if claim.lead and subject.endswith("收入预算"):
                found = cell(table, row, "总计" if "总计" in row.values else _total_column(row, totals))
            if source is not None:
                column = next((c for c in source.get("columns") or () if c in row.values), None)
                found = cell(table, row, column)
        if found is None and source is not None and source.get("summary_rows"):
            # 收入总体情况表 unread or its cell unplaced: 部门收支总体情况表 lists the sources too
            summary = doc.table_by_role("summary")
            rows = _rows(summary, "income") if summary is not None else []
            matches = [r for r in rows if _clean(r.name) in source["summary_rows"]]
            if len(matches) == 1:
                found = cell(summary, matches[0], _total_column(matches[0], totals))
        return found
    project = _project_name(claim)
    if project is not None and _clean(claim.subject) == "预算安排规模":
        table = doc.table_by_role("gpb-project")
        if table is None:
            return None
        rows = [r for r in table.rows if r.text.get("项目名称") and _same_project(project, r.text["项目名称"])]
        row = rows[0] if len(rows) == 1 else None
        return cell(table, row, row and _total_column(row, totals))

    if "基本支出" in section and "一般公共预算" in section:
        table = doc.table_by_role("gpb-basic")
        row = _total(table)
        if row is None:
            return None
        if subject in ("人员经费", "公用经费"):
            return cell(table, row, subject)
        if claim.lead and subject.endswith("基本支出"):
            return cell(table, row, _total_column(row, totals))
        if lead is not None and _clean(lead.subject) in ("人员经费", "公用经费"):
            item = _by_name(table.rows, subject, level=2)
            return cell(table, item, item and _total_column(item, totals))
        return None

    if subject in ("基本支出", "项目支出", "项目支") or (claim.lead and re.search(r"(支出预算|拨款合计)$", subject)):
        if "一般公共预算" in section or "拨款合计" in head:
            table = doc.table_by_role("gpb-expenditure")
        elif "支出预算" in section:
            table = doc.table_by_role("expenditure")
        else:
            return None
        row = _total(table)
        if row is None:
            return None
        column = "项目支出" if subject == "项目支" else subject
        if column not in ("基本支出", "项目支出"):
            column = _total_column(row, totals)
        return cell(table, row, column)
    return None


def _shown_subject(subject: str, column: str) -> str:
    """The subject as a message names it: the column's name where the text dropped the
    subject's last character (``项目支:14882.06`` read as the 项目支出 column), so a
    message never shows a cut word; else the subject as printed."""
    if column.startswith(subject) and len(column) == len(subject) + 1:
        return column
    return subject


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    reading = doc.readings.claims
    leads = {g.id: g.lead for g in reading.groups.values()}
    for claim in reading.claims:
        if claim.amount is None:
            continue
        found = resolve(doc, claim, leads.get(claim.group) if claim.group else None, rule.params)
        if found is None:
            continue
        table, row, column = found
        value = row.values.get(column)
        if value is None:
            value = Decimal(0)
        where = phrase("prose-table.where", table=table.number_text, row=row.name, column=column, value=fmt(value),
                       unit=" 元" if table.unit == "元" else "", line=row.line)
        related = (Related(row.line, where.said_in(rule.lang)),)
        if table.unit == "元":
            # A table in 元 under prose in 万元 (Shanghai): the prose rounds the figure.
            wan = shifted(value, wan_shift("元", "万元"))
            amount = claim.amount if claim.unit != "元" else shifted(claim.amount, wan_shift("元", "万元"))
            if abs(amount - wan) <= half_unit(amount):
                continue
            computation = f"{fmt(amount)} 万元 ≠ {fmt(value)} 元 = {fmt(wan.quantize(Decimal('0.01')))} 万元"
            yield rule.finding(
                doc, claim.line, msg="prose-table.differs-yuan", subject=claim.subject,
                words={"what": _shown_subject(claim.subject, column), "amount": fmt(amount), "where": where},
                table=table.number_text, computation=computation, expected=fmt(wan), actual=fmt(amount),
                related=related,
            )
            continue
        if claim.unit == "元":
            if claim.amount / 10000 == value:
                continue  # the same figure, honestly written in 元
            slip = claim.amount == value
            off = abs(claim.amount - value)
            if slip or off <= half_unit(claim.amount) + half_unit(value):
                yield unit_slip_finding(
                    doc,
                    rule,
                    claim,
                    expected_wan=value,
                    why=phrase("prose-table.slip", value=fmt(value), where=where),
                    computation=f"{fmt(claim.amount)} 元 ≠ {fmt(value)} 万元",
                    table=table.number_text,
                    related=related,
                )
                continue
            continue  # neither reading agrees: too unsure to say which figure is wrong
        if claim.amount == value:
            continue
        tolerance = half_unit(claim.amount, 2) + half_unit(value, 2)
        severity = rule.params.get("rounding_severity") if abs(claim.amount - value) <= tolerance else None
        computation = f"{fmt(claim.amount)} ≠ {fmt(value)}"
        yield rule.finding(
            doc,
            claim.line,
            severity=severity,
            msg="prose-table.differs",
            words={"what": _shown_subject(claim.subject, column), "amount": fmt(claim.amount), "where": where},
            subject=claim.subject,
            table=table.number_text,
            computation=computation,
            expected=fmt(value),
            actual=fmt(claim.amount),
            related=related,
        )
