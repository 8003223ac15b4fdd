"""The section tree: what the parser builds and what every rule reads.

Plain dataclasses, no behaviour beyond navigation. Every node carries the 1-based
line (and page, where the text form has pages) it came from in the input file, so
that a finding can always point at the place a reviewer has to look.

Amounts are ``decimal.Decimal`` as printed (``Decimal("7.8")`` keeps one decimal
place): the rounding arithmetic of the checks needs to know how precisely a figure
was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Iterator, Optional, Union

from budgetlint.core.profile import Profile

if TYPE_CHECKING:  # the views are typed in core.readings, which builds on this module
    from budgetlint.core.readings import Readings


# A region of a printed page: (x0, top, x1, bottom) in PDF points, origin at the top
# left of the page (x grows to the right, top and bottom downwards).
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Line:
    """One line of input text after decoding and normalisation.

    ``cells`` is set where the form delimits table cells itself (Word text, Markdown
    pipe tables, .docx tables, the tables of a .pdf); PDF-extracted text never has it.

    Read from a .pdf, a line also knows where it was printed: ``box`` on its ``page``,
    for a table row each cell's box (``cell_boxes``, one per cell) and ``region``, the
    box of the part of its table printed on that page.
    """

    text: str
    lineno: int
    page: Optional[int] = None
    cells: Optional[tuple[str, ...]] = None
    page_start: bool = False
    box: Optional[Box] = None
    cell_boxes: Optional[tuple[Box, ...]] = None
    region: Optional[Box] = None


# Forms whose prose is printed in hard-wrapped lines (a paragraph over many lines);
# the others keep a paragraph on one line.
WRAPPED_FORMS = frozenset({"pdf-text", "pdf"})


@dataclass(frozen=True)
class Source:
    """A decoded input file: its normalised lines and what form they were read as."""

    path: str
    form: str
    lines: tuple[Line, ...]
    raw_lines: tuple[str, ...] = ()  # the decoded text of every input line, for excerpts


@dataclass
class Unparsed:
    """A region the parser could not read; reported, never raised."""

    line: int
    end_line: int
    text: str
    diagnostic: str
    kind: str = "unparsed"


@dataclass
class Column:
    """A numeric column of a table. ``key`` is the header with spaces and markup removed
    (``合计``, ``基本支出``); ``path`` is the chain of header cells above it."""

    key: str
    title: str
    path: tuple[str, ...] = ()


@dataclass
class Row:
    """A table row.

    ``code`` is the classification code as digits only (``2080101``), ``code_parts``
    the printed split into 类/款/项 (``("208", "01", "01")``); a bare ``01`` under a
    类 row is completed from its parent. ``level`` is 1 for 类, 2 for 款, 3 for 项
    and 0 for a total row (合计/总计). ``values`` maps a column key to the figure in
    that cell, ``None`` for an empty cell. ``ambiguous`` lists the column keys whose
    placement the text could not decide (PDF text drops empty cells); a check must not
    raise an error on a value it cannot place.
    """

    line: int
    name: str
    values: dict[str, Optional[Decimal]] = field(default_factory=dict)
    code: Optional[str] = None
    code_parts: tuple[str, ...] = ()
    level: Optional[int] = None
    kind: str = "item"  # item | total | subtotal | group
    end_line: Optional[int] = None
    page: Optional[int] = None
    ambiguous: tuple[str, ...] = ()
    # True where the figures themselves are uncertain, not only their columns: a number
    # split across lines that may or may not be one figure.
    figures_uncertain: bool = False
    text: dict[str, str] = field(default_factory=dict)  # non-numeric cells, e.g. 项目名称
    raw: str = ""
    # Read from a .pdf: the row's box on its page and each column's cell box (by key).
    box: Optional[Box] = None
    boxes: dict[str, Box] = field(default_factory=dict)


@dataclass
class Table:
    """A numbered disclosure table (表1 … 表11, 表一 … 表九).

    ``role`` names what the table is, independent of its number (the 2020 document
    numbers its tables in another order): see ``TABLE_ROLES``. Two-sided tables
    (income left, expenditure right) keep their sides in ``sides`` and leave ``rows``
    empty.
    """

    line: int
    end_line: int
    number: Optional[int]
    number_text: str
    title: str
    role: str
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    sides: dict[str, list[Row]] = field(default_factory=dict)
    side_columns: dict[str, list[Column]] = field(default_factory=dict)
    org: Optional[str] = None
    unit: Optional[str] = None
    note: Optional[str] = None
    note_line: Optional[int] = None
    page: Optional[int] = None
    unparsed: list[Unparsed] = field(default_factory=list)

    @property
    def total_row(self) -> Optional[Row]:
        for row in self.rows:
            if row.kind == "total":
                return row
        return None

    @property
    def is_empty(self) -> bool:
        rows = self.rows or [r for side in self.sides.values() for r in side]
        return not any(v is not None for r in rows for v in r.values.values())


# Roles of the standard disclosure tables (the kinds of ``profile.table_kinds`` in
# packs/core.yaml), each with the title a finding names it by.
TABLE_ROLES = {
    "summary": "部门收支总体情况表",
    "income": "收入总体情况表",
    "expenditure": "支出总体情况表",
    "fiscal-summary": "财政拨款收支预算总体情况表",
    "gpb-expenditure": "一般公共预算支出情况表",
    "gpb-basic": "一般公共预算基本支出情况表",
    "gpb-project": "一般公共预算项目支出情况表",
    "gov-fund": "政府性基金预算支出情况表",
    "soe-capital": "国有资本经营预算支出情况表",
    "three-public": "“三公”经费支出情况表",
    "carryover": "上年结转结余情况明细表",
    "fiscal-expenditure": "财政拨款支出预算表",
    "fiscal-basic": "财政拨款基本支出预算表",
    "operating-costs": "机关运行经费支出表",
    "procurement": "政府采购预算表",
    "perf": "绩效目标表",
}


# Roles of the tables printed with income on the left and expenditure on the right:
# every table reader reads them side by side.
TWO_SIDED = frozenset({"summary", "fiscal-summary"})


@dataclass
class Indicator:
    """One row of a performance-target table."""

    line: int
    level1: str
    level2: str
    level3: str
    value: str
    weight: Optional[Decimal]
    prior_value: Optional[str] = None
    basis: Optional[str] = None
    end_line: Optional[int] = None
    weight_line: Optional[int] = None  # input line the weight is printed on
    value_line: Optional[int] = None  # input line the value starts on


@dataclass
class PerfTable:
    """A 项目支出绩效目标表 (kind ``project``) or 部门整体绩效目标表 (kind ``overall``)."""

    line: int
    end_line: int
    kind: str
    title: str
    project_name: Optional[str] = None
    project_name_line: Optional[int] = None
    total: Optional[Decimal] = None
    fiscal: Optional[Decimal] = None
    other: Optional[Decimal] = None
    funds_line: Optional[int] = None
    indicators: list[Indicator] = field(default_factory=list)
    page: Optional[int] = None
    unparsed: list[Unparsed] = field(default_factory=list)
    # False where the table prints no 指标分值权重 column (the 2020 template): weights are None.
    has_weights: bool = True
    total_line: Optional[int] = None  # input lines of 年度预算总额 / 财政拨款 / 其他资金 figures
    fiscal_line: Optional[int] = None
    other_line: Optional[int] = None

    @property
    def weight_total(self) -> Decimal:
        return sum((i.weight for i in self.indicators if i.weight is not None), Decimal(0))


@dataclass
class Sentence:
    """A sentence of prose rejoined across wrapped lines. ``offsets[i]`` is the input
    line of character ``i``, so a claim found inside can name its own line."""

    text: str
    line: int
    end_line: int
    offsets: tuple[int, ...] = ()

    def line_at(self, index: int) -> int:
        if not self.offsets:
            return self.line
        return self.offsets[max(0, min(index, len(self.offsets) - 1))]


@dataclass
class Paragraph:
    text: str
    line: int
    end_line: int
    sentences: list[Sentence] = field(default_factory=list)
    offsets: tuple[int, ...] = ()
    list_item: Optional[str] = None  # "1." / "（一）" when the paragraph opens a numbered item


Node = Union["Section", Table, PerfTable, Paragraph, Unparsed]


@dataclass
class Section:
    """A part (第一部分, level 0) or a heading at level 1..4 (一、 / （一） / 1. / (1))."""

    kind: str  # part | heading
    level: int
    number: str
    title: str
    line: int
    children: list[Node] = field(default_factory=list)
    end_line: Optional[int] = None
    page: Optional[int] = None


@dataclass
class Document:
    path: str
    form: str
    title: str
    children: list[Node] = field(default_factory=list)
    source: Optional[Source] = None
    # The layout knowledge the document was read with (its pack's profile).
    profile: Profile = field(default_factory=Profile, repr=False, compare=False)
    # What the document is (budgetlint.core.detect): budget | final-accounts, and
    # department | unit; "" where its text does not say.
    kind: str = ""
    level: str = ""
    # The views the readings build on first use (claims, project places, …): attached
    # by the parser, kept with the document so that they live and die with it.
    readings: Optional["Readings"] = field(default=None, repr=False, compare=False)

    def walk(self) -> Iterator[Node]:
        stack: list[Node] = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Section):
                stack.extend(reversed(node.children))

    def parts(self) -> list[Section]:
        return [n for n in self.children if isinstance(n, Section) and n.kind == "part"]

    def tables(self) -> list[Table]:
        return list(self._nodes_of_kind[Table])

    def perf_tables(self) -> list[PerfTable]:
        return list(self._nodes_of_kind[PerfTable])

    def paragraphs(self) -> list[Paragraph]:
        return list(self._nodes_of_kind[Paragraph])

    @cached_property
    def _nodes_of_kind(self) -> dict[type, tuple[Node, ...]]:
        # Every table check selects its tables, and several rules read every paragraph:
        # one walk of the finished tree (as for ``_table_nodes``), not one per rule.
        found: dict[type, list[Node]] = {Table: [], PerfTable: [], Paragraph: []}
        for n in self.walk():
            for kind, nodes in found.items():
                if isinstance(n, kind):
                    nodes.append(n)
        return {kind: tuple(nodes) for kind, nodes in found.items()}

    def unparsed(self) -> list[Unparsed]:
        found = [n for n in self.walk() if isinstance(n, Unparsed)]
        for n in self.walk():
            if isinstance(n, (Table, PerfTable)):
                found.extend(n.unparsed)
        return found

    @cached_property
    def _first_table_of_role(self) -> dict[str, Table]:
        # Checks ask for tables by role once per claim; the tree is not changed once
        # the parser has built it, so one index serves them all.
        index: dict[str, Table] = {}
        for t in self.tables():
            index.setdefault(t.role, t)
        return index

    def table_by_role(self, role: str) -> Optional[Table]:
        return self._first_table_of_role.get(role)

    @cached_property
    def _table_nodes(self) -> tuple[Union[Table, PerfTable], ...]:
        # Every finding asks which table it is about (rules.base.table_kind): one walk
        # of the finished tree, not one per finding (quadratic in a long document).
        return tuple(n for n in self.walk() if isinstance(n, (Table, PerfTable)))

    def table_nodes(self) -> list[Union[Table, PerfTable]]:
        """Tables and performance tables, in reading order."""
        return list(self._table_nodes)

    @cached_property
    def _numbered(self) -> dict[str, tuple[int, Table]]:
        index: dict[str, tuple[int, Table]] = {}
        for pos, t in enumerate(self._table_nodes):
            if isinstance(t, Table) and t.number_text:
                index.setdefault(t.number_text, (pos, t))
        return index

    def table_numbered(self, label: str) -> Optional[Table]:
        """The first table whose printed number is ``label`` or opens it before a space
        (``表3 收入``): looked up, not searched for, since every finding asks."""
        keys = [label] + [label[:i] for i, ch in enumerate(label) if ch == " "]
        hits = [self._numbered[k] for k in keys if k in self._numbered]
        return min(hits, key=lambda hit: hit[0])[1] if hits else None
