"""What the readings make of the tree: typed views the checks read.

The parser attaches a ``Readings`` to every ``Document``; each view (the prose claims
and their groups, the places where each project is named, the 预算绩效情况 summary) is
built by ``budgetlint.readings`` at most once, when a rule first asks for it. Checks
read these types and the tree, never a reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Hashable, Mapping, Optional

from budgetlint.core.model import Paragraph, Section

# Where a project is named, and how a finding calls each place.
PLACE_KINDS = ("table7", "prose", "perf")
PLACE_LABELS = {"table7": "表7", "prose": "项目情况说明", "perf": "项目支出绩效目标表"}


@dataclass
class Claim:
    """One figure-bearing clause of the prose: ``<subject> X 万元，占 Y%，比上年预算增加 Z 万元，
    增长 W%``. Every figure keeps the input line it stands on; ``unit`` is the unit as
    printed (``万元`` or ``元``) so that a slip between them can be shown.

    ``group`` numbers the enumeration the clause belongs to (the items under one lead
    such as ``收入预算 X 万元，其中:``); ``lead`` is True for the clause that states the
    group's total. ``code`` is the classification code the text names, as digits
    (``2080101``), or the names of 类/款/项 in ``code_names`` when no digits are printed.
    """

    subject: str
    line: int
    text: str = ""  # the clause as printed (squeezed of spaces)
    head: str = ""  # the sentence up to the amount, for subject resolution
    amount: Optional[Decimal] = None
    unit: Optional[str] = None
    share: Optional[Decimal] = None
    share_of: str = ""  # 占<share_of>Y%: what the share is said to be of
    share_line: Optional[int] = None
    basis: str = ""  # 上年预算 | 上年执行数 | 上年 ...
    prior: Optional[Decimal] = None  # 比上年执行数 15 万元: the prior figure when printed
    change_word: Optional[str] = None  # 增加 | 减少
    change: Optional[Decimal] = None
    change_unit: Optional[str] = None
    change_line: Optional[int] = None
    rate_word: Optional[str] = None  # 增长 | 下降 | 降低 | 减少 | 增加
    rate: Optional[Decimal] = None
    rate_line: Optional[int] = None
    change_sign: int = 0  # +1 the change word says up, -1 down (the profile's words)
    rate_sign: int = 0
    prior_line: Optional[int] = None
    # ``增长 22`` with its % dropped: the number, never read as a rate
    bare_rate: Optional[Decimal] = None
    flat: bool = False  # 持平 / 与上年数一致: no change from the basis
    flat_line: Optional[int] = None
    completion: Optional[Decimal] = None  # 完成年初预算的 95.89%
    completion_of: str = ""  # what was completed: 年初预算 / 全年预算数
    completion_line: Optional[int] = None
    # The phrase family of the clause (claims.lark): amount | change (a clause with no
    # amount of its own) | continued (a sentence that goes on with the previous one's
    # amount: ``X 万元。与上年相比增加 Z 万元``)
    family: str = "amount"
    # budget | actual: the subject names a budget figure (年初预算为 / 全年预算为) or an
    # outturn (支出决算为); ``role_word`` is the profile word it ends with
    role: str = ""
    role_word: str = ""
    # the item a generic subject (预算安排 / 全年预算为) is about: the classification the
    # passage opened with (``“…（项）”350.35万元…。…2024年预算安排352.67万元``)
    item: str = ""
    code: Optional[str] = None
    code_names: tuple[str, ...] = ()
    item_no: Optional[str] = None  # "1." when the clause is an inline numbered item
    group: Optional[int] = None
    lead: bool = False
    section: str = ""  # the titles of the headings the clause stands under, outermost first
    section_line: Optional[int] = None


@dataclass
class Passage:
    """Text that reads as one run of sentences, with the input line of every char."""

    text: str
    offsets: list[int]
    section: Optional[Section]
    sections: tuple[Section, ...] = ()  # enclosing sections, outermost first
    paragraph: Optional[Paragraph] = None
    heading: bool = False  # the passage opens with a heading's title
    claims: list[Claim] = field(default_factory=list)
    sentences: list["ProseSentence"] = field(default_factory=list)


@dataclass
class ProseSentence:
    """One sentence of a passage, squeezed of whitespace."""

    text: str
    offsets: list[int]
    claims: list[Claim] = field(default_factory=list)
    opens_with_lead: bool = False  # starts with 其中 / 包括: the preceding clause is a lead
    # a sentence that goes on with the amount before it (``。与上年相比增加 Z 万元``): that
    # amount's claim, which took this sentence's change and rate
    continues: Optional[Claim] = None
    # figures (amounts, percents) the claim grammar read no claim from: ``parse --unread``
    unread: tuple[str, ...] = ()
    # the sentence compares an outturn with a budget (``决算数小于全年预算数``): the sense
    # (greater | less | equal), the word as printed, its line, and the budget word it
    # names (``全年预算``; "" for a bare 预算数)
    comparison: Optional[tuple[str, str, int, str]] = None


@dataclass
class ClaimGroup:
    """The items of one total: a lead clause and the clauses that are its parts."""

    id: int
    kind: str  # inline | block | allocation | siblings | sub
    lead: Optional[Claim]
    members: list[Claim] = field(default_factory=list)
    phrase: str = ""  # the words that open the list: 其中 / 主要包括 / 包括 / 资金分配情况
    partial_words: bool = False  # the list ends in 等 or is introduced as 主要包括
    # Whether the text gives the members as the whole of the lead: a known partition
    # (the four 三公 items), a project's 资金分配情况. ``其中`` alone does not.
    complete: bool = False


@dataclass
class ClaimReading:
    """Everything read from a document's prose."""

    passages: list[Passage]
    claims: list[Claim]
    groups: dict[int, ClaimGroup] = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """One mention of a project. ``amount`` is the figure each place states for the
    project as a whole: 表7 项目支出合计, 预算安排规模, 绩效目标表 年度预算总额.
    ``uncertain`` marks a 表7 figure whose column the text could not place."""

    kind: str  # table7 | prose | perf
    name: str  # as printed (whitespace dropped)
    norm: str
    line: int
    amount: Optional[Decimal] = None
    amount_line: Optional[int] = None
    fiscal: Optional[Decimal] = None  # perf: 其中：财政拨款
    other: Optional[Decimal] = None  # perf: 其他资金
    uncertain: bool = False
    lines: tuple[int, ...] = ()  # 表7: every row of a project spread over several rows
    parts: tuple[Decimal, ...] = ()  # 表7: the amount of each of those rows

    @property
    def label(self) -> str:
        return PLACE_LABELS[self.kind]


@dataclass
class Project:
    """The places of one project; ``matched[i]`` says how ``places[i]`` joined
    (EQUAL, CONTAINS, SIMILAR; the first place is EQUAL to itself)."""

    places: list[Place] = field(default_factory=list)
    matched: list[int] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)

    def place(self, kind: str) -> Optional[Place]:
        for p in self.places:
            if p.kind == kind:
                return p
        return None

    @property
    def anchor(self) -> Place:
        return self.places[0]

    @property
    def name(self) -> str:
        return self.anchor.name

    def kinds(self) -> tuple[str, ...]:
        return tuple(p.kind for p in self.places)

    def add(self, place: Place, how: int, ratio: float) -> None:
        self.places.append(place)
        self.matched.append(how)
        self.ratios.append(ratio)


@dataclass(frozen=True)
class StatedFigure:
    """A figure the 预算绩效情况 paragraph states (a project count, an amount)."""

    value: Decimal
    line: int
    text: str  # the phrase that states it


@dataclass
class PerfSummary:
    """What the 预算绩效情况 paragraph states: project counts and amounts, for the
    财政拨款 projects, the 非财政拨款 ones, all of them, and the 整体 targets."""

    line: int
    end_line: int
    text: str
    claims: dict[str, StatedFigure] = field(default_factory=dict)


# ----------------------------------------------------------------------------- the views
@dataclass
class ProjectPlaces:
    """Every mention of a budget project, by kind, in document order."""

    table7: list[Place] = field(default_factory=list)
    prose: list[Place] = field(default_factory=list)
    perf: list[Place] = field(default_factory=list)

    def by_kind(self) -> tuple[list[Place], list[Place], list[Place]]:
        return self.table7, self.prose, self.perf


VIEWS = ("claims", "project_places", "perf_summaries")


class Readings:
    """The views of one document, each built on first use and kept.

    ``builders`` maps a view name to a function of no arguments that builds it; the
    parser supplies them, so that this module (below the readers) need not know how
    a view is read."""

    def __init__(self, builders: Optional[Mapping[str, Callable[[], Any]]] = None):
        self._builders = dict(builders or {})
        self._built: dict[str, Any] = {}
        self._memo: dict[Hashable, Any] = {}  # not views: ``built`` does not name them

    def _view(self, name: str) -> Any:
        if name not in self._built:
            builder = self._builders.get(name)
            if builder is None:
                raise LookupError(f"no reading {name!r}: the document was not built by budgetlint.parse")
            self._built[name] = builder()
        return self._built[name]

    @property
    def claims(self) -> ClaimReading:
        return self._view("claims")

    @property
    def project_places(self) -> ProjectPlaces:
        return self._view("project_places")

    @property
    def perf_summaries(self) -> list[PerfSummary]:
        return self._view("perf_summaries")

    def memo(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """A value derived from the finished tree that several rules ask for (the
        titles the hygiene checks read): built by the first to ask, kept with the
        document like the views. Only for values that depend on nothing but the
        document (and its profile)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def built(self) -> tuple[str, ...]:
        """The views built so far (a view a rule never asked for is never built)."""
        return tuple(self._built)
