"""Projects across the document: where each budget project is mentioned.

A disclosure names every project three or four times: a row of 表7 (一般公共预算项目支出),
an item of the prose list in 第三部分 七 (``项目名称：… 预算安排规模：X 万元``), and a
项目支出绩效目标表. Reviewers find most of their mistakes where these disagree, so the
places of one project are gathered here; the cross-reference checks compare them.

Names are printed differently in each place (wrapped, with or without the document
number ``乌财社【2022】403 号``, with spaces, quotes, years), so places are matched by
a normalised name: equal normalised names first, then one name containing the other,
then a character-level similarity ratio above a threshold. The assignment is one to
one and greedy over all candidate pairs, best pair first, so that the closest pair is
never broken up by an earlier, weaker match, and no place joins two projects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Iterable, Iterator, Optional, Sequence

from ..model import Document, Paragraph, PerfTable, Row, Section, Table, Unparsed
from .figures import NUMBER, parse_figure, squeeze
from .prose import char_lines

KINDS = ("table7", "prose", "perf")
KIND_LABELS = {"table7": "表7", "prose": "项目情况说明", "perf": "项目支出绩效目标表"}

# How a place was matched to its project, best first. ``anchor`` is the first place.
EQUAL, CONTAINS, SIMILAR = 3, 2, 1
# Similarity ratios measured on the corpus: the closest two DIFFERENT projects of one
# document score 0.79 (昌吉市: 关于提前下达…资金的通知 / 提前下达…资金预算, kept apart
# because each has an equal-named place), the most different names of ONE project
# 0.67 (2020: 社保基金专业审计工作经费 / 社保基金监督检查审计经费, same amount 10).
# A ratio alone matches at 0.75; from 0.65 only when the amounts agree as well.
DEFAULT_THRESHOLD = 0.75
DEFAULT_WEAK = 0.65


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
        return KIND_LABELS[self.kind]


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


# --- names ---------------------------------------------------------------------------

# A document number: issuer abbreviation, bracketed year, serial, 号 (乌财社【2022】403 号,
# 昌州财社【2021】60 号, 新人社发〔2018〕51 号). Dropped only where it cannot eat the
# name: as a prefix, in brackets, or as a suffix after a closing quote or bracket
# (the issuer's length is unknown, so a number glued to the name's text stays).
_NO = r"[〔【\[（(]\d{4}[〕】\]）)]第?\d{1,4}号(?:文件)?"
_DOCNO = re.compile(
    rf"^[\u4e00-\u9fff]{{1,8}}{_NO}"
    rf"|[（(][\u4e00-\u9fff]{{1,8}}{_NO}[）)]"
    rf"|(?<=[》」”）)])[\u4e00-\u9fff]{{1,8}}{_NO}$"
)
_YEAR = re.compile(r"\d{4}年度?")
_DROP = re.compile(r"[\s“”\"'‘’《》〈〉<>「」『』、，,。.：:；;（）()【】\[\]〔〕\-—－·•*]")


def normalise_name(name: str) -> str:
    """The name reduced to what identifies the project: no spaces, punctuation,
    quotes or brackets (their content stays: ``（社保补贴）`` tells two projects
    apart), no document number, no year, no trailing ``项目``."""
    text = squeeze(name)
    text = _DOCNO.sub("", text)
    text = _YEAR.sub("", text)
    text = _DROP.sub("", text)
    text = re.sub(r"项目$", "", text)
    return text


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_tier(
    a: str, b: str, threshold: float = DEFAULT_THRESHOLD, weak: Optional[float] = None
) -> tuple[int, float]:
    """How two normalised names match: (EQUAL|CONTAINS|SIMILAR, ratio), (0, ratio) if
    they do not. Containment needs the shorter name to be a real name (6+ characters)
    and at least half the longer one, so that a generic ``就业补助资金`` matches nothing.
    ``weak`` lowers the similarity threshold, for a pair whose amounts already agree."""
    if not a or not b:
        return 0, 0.0
    if a == b:
        return EQUAL, 1.0
    ratio = similarity(a, b)
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 6 and short in long_ and len(short) * 2 >= len(long_):
        return CONTAINS, ratio
    if ratio >= (threshold if weak is None else min(weak, threshold)):
        return SIMILAR, ratio
    return 0, ratio


# --- the places ----------------------------------------------------------------------


def table7_places(doc: Document) -> list[Place]:
    """One place per project row of 表7; rows of one project under several
    functional codes are one place whose amount is their sum (``parts`` keeps each
    row's, should the rows be two projects of one name after all)."""
    table = doc.table_by_role("gpb-project")
    if table is None:
        return []
    key = amount_column(table)
    grouped: dict[str, list[Row]] = {}
    order: list[str] = []
    names: dict[str, str] = {}
    for row in table.rows:
        if row.kind != "item":
            continue
        name = project_cell(row)
        norm = normalise_name(name) if name else ""
        if not norm:
            continue
        if norm not in grouped:
            grouped[norm] = []
            order.append(norm)
            names[norm] = squeeze(name)
        grouped[norm].append(row)
    places = []
    for norm in order:
        rows = grouped[norm]
        values = [r.values.get(key) for r in rows] if key else []
        known = [v for v in values if v is not None]
        amount = sum(known, Decimal(0)) if known and len(known) == len(values) else None
        uncertain = any(key in r.ambiguous for r in rows) if key else True
        places.append(
            Place(
                "table7", names[norm], norm, rows[0].line, amount, rows[0].line,
                uncertain=uncertain, lines=tuple(r.line for r in rows), parts=tuple(known) if len(rows) > 1 else (),
            )
        )
    return places


def project_cell(row: Row) -> str:
    for key, value in row.text.items():
        if "项目名称" in key and value and value.strip():
            return value.strip()
    return ""


def amount_column(table: Table) -> Optional[str]:
    """The column that holds a project's whole amount: 项目支出合计 (or 合计)."""
    for column in table.columns:
        if "合计" in column.key:
            return column.key
    return table.columns[0].key if table.columns else None


def perf_places(doc: Document) -> list[Place]:
    places = []
    for pt in doc.perf_tables():
        if pt.kind != "project" or not pt.project_name:
            continue
        norm = normalise_name(pt.project_name)
        if not norm:
            continue
        places.append(
            Place(
                "perf", squeeze(pt.project_name), norm, pt.project_name_line or pt.line,
                pt.total, pt.funds_line or pt.line, fiscal=pt.fiscal, other=pt.other,
            )
        )
    return places


# The labels of a project item in the prose (国务院 template of 部门预算公开). Only the
# first four make a 项目名称 an item: 项目负责人 also labels a performance table, whose
# text must not pass for prose if its reader ever leaves it as paragraphs.
_EVIDENCE = ("设立的政策依据", "预算安排规模", "项目承担单位", "资金分配情况")
_LABELS = _EVIDENCE + ("资金执行时间", "资金来源", "项目负责人", "项目资金")
_NAME_END = re.compile("|".join(_LABELS) + r"|[。；;]")
_ITEM = re.compile(r"项目名称[:：]?")
_SCALE = re.compile(rf"预算安排规模[:：]?({NUMBER})(万元|亿元|元)?")


@dataclass
class _Stream:
    """Prose text with whitespace removed, and the input line of every character.

    Characters are collected in a list and joined when read: adding to a string one
    character at a time made a long run of prose quadratic."""

    chars: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    _joined: Optional[str] = None

    @property
    def text(self) -> str:
        if self._joined is None:
            self._joined = "".join(self.chars)
        return self._joined

    def add(self, text: str, lines: Sequence[int]) -> None:
        for ch, ln in zip(text, lines):
            if not ch.isspace():
                self.chars.append(ch)
                self.lines.append(ln)
        self._joined = None

    def cut(self, size: int) -> None:
        del self.chars[size:], self.lines[size:]
        self._joined = None


def prose_segments(doc: Document) -> Iterator[_Stream]:
    """Runs of headings and paragraphs in reading order, broken at tables and at
    parts and top-level headings: a project item never spans those. A wrapped item
    name arrives split between a heading and the paragraph after it, so a run keeps
    them together."""
    stream = _Stream()
    heading: Optional[tuple[int, int]] = None  # (line, start in stream) of the last heading
    for node in doc.walk():
        if isinstance(node, Section):
            if node.kind == "part" or node.level <= 1:
                if stream.chars:
                    yield stream
                stream = _Stream()
            text = node.title if _ITEM.match(node.title.lstrip()) else f"{node.number}{node.title}"
            heading = (node.line, len(stream.chars))
            stream.add(text, [node.line] * len(text))
        elif isinstance(node, Paragraph):
            if heading and node.line == heading[0] and "".join(stream.chars[heading[1] :]) in squeeze(node.text):
                # the parser may also give a heading's line as a paragraph: keep it once,
                # the paragraph (it carries per-character lines)
                stream.cut(heading[1])
            heading = None
            stream.add(node.text, char_lines(node))
        elif isinstance(node, (Table, PerfTable, Unparsed)):
            heading = None
            if stream.chars:
                yield stream
            stream = _Stream()
    if stream.chars:
        yield stream


def prose_places(doc: Document) -> list[Place]:
    """Items of the prose project list: a ``项目名称`` whose item carries at least one
    of the template's labels (so a stray mention of 项目名称 is no project)."""
    places = []
    for stream in prose_segments(doc):
        starts = list(_ITEM.finditer(stream.text))
        for i, match in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(stream.text)
            block = stream.text[match.end() : end]
            if not any(label in block for label in _EVIDENCE):
                continue
            stop = _NAME_END.search(block)
            name = block[: stop.start()] if stop else block
            norm = normalise_name(name)
            if not norm:
                continue
            amount = amount_line = None
            scale = _SCALE.search(block)
            if scale and (scale.group(2) in (None, "万元")):
                # a scale without unit is read as 万元, the unit of every figure in the part
                amount = parse_figure(scale.group(1))
                amount_line = stream.lines[match.end() + scale.start(1)]
            places.append(Place("prose", name, norm, stream.lines[match.end()], amount, amount_line))
    return places


# --- grouping ------------------------------------------------------------------------


def project_places(
    doc: Document, threshold: float = DEFAULT_THRESHOLD, weak_threshold: float = DEFAULT_WEAK
) -> list[Project]:
    """Every project of the document with its places, in order of first mention
    (表7 first, then prose, then the performance tables)."""
    return group_places(
        table7_places(doc), prose_places(doc), perf_places(doc), threshold=threshold, weak_threshold=weak_threshold
    )


def group_places(
    *kinds: Iterable[Place], threshold: float = DEFAULT_THRESHOLD, weak_threshold: float = DEFAULT_WEAK
) -> list[Project]:
    """Places of each kind in turn join the projects found so far, one to one, the
    best-matching pair first; a place that matches none starts a project."""
    projects: list[Project] = []
    for places in kinds:
        places = list(places)
        taken_place: set[int] = set()
        taken_project: set[int] = set()
        candidates = []
        for i, place in enumerate(places):
            for j, project in enumerate(projects):
                if project.place(place.kind) is not None:
                    continue
                amount_agrees = any(_same_amount(place, p) for p in project.places)
                weak = weak_threshold if amount_agrees else None
                best = max((match_tier(place.norm, p.norm, threshold, weak) for p in project.places), default=(0, 0.0))
                if best[0]:
                    candidates.append((best[0], best[1], amount_agrees, -i, -j, i, j))
        for tier, ratio, _, _, _, i, j in sorted(candidates, reverse=True):
            if i in taken_place or j in taken_project:
                continue
            projects[j].add(places[i], tier, ratio)
            taken_place.add(i)
            taken_project.add(j)
        for i, place in enumerate(places):
            if i not in taken_place:
                project = Project()
                project.add(place, EQUAL, 1.0)
                projects.append(project)
    return projects


def _same_amount(a: Place, b: Place) -> bool:
    """Equal amounts: evidence for a weakly similar pair, and a tie-breaker."""
    values = {v for v in (b.amount, b.fiscal) if v is not None}
    return any(v in values for v in (a.amount, a.fiscal) if v is not None)


# --- the 预算绩效情况 summary ----------------------------------------------------------

_NUM = rf"({NUMBER})"
_AMOUNT = r"[,，]?(?:共|合计)?涉及(?:预算)?(?:金额|资金)" + _NUM + r"万元"
# 财政拨款项目 never preceded by 非; the unqualified count follows (绩效/绩效目标)管理的
# or 预算安排 directly.
_SUMMARY = {
    "fiscal_count": re.compile(r"(?<!非)财政拨款项目共?(\d+)个"),
    "fiscal_amount": re.compile(r"(?<!非)财政拨款项目(?:共?\d+个)?" + _AMOUNT),
    "nonfiscal_count": re.compile(r"非财政拨款项目共?(\d+)个"),
    "nonfiscal_amount": re.compile(r"非财政拨款项目(?:共?\d+个)?" + _AMOUNT),
    "all_count": re.compile(r"(?:管理的|预算安排的?)项目共?(\d+)个"),
    "all_amount": re.compile(r"(?:管理的|预算安排的?)项目共?\d+个" + _AMOUNT),
    "overall_count": re.compile(r"整体(?:预算)?绩效目标共?(\d+)个"),
    "overall_amount": re.compile(r"整体(?:预算)?绩效目标共?\d+个" + _AMOUNT),
}


@dataclass(frozen=True)
class Claim:
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
    claims: dict[str, Claim] = field(default_factory=dict)


def perf_summaries(doc: Document) -> list[PerfSummary]:
    out = []
    for para in doc.paragraphs():
        stream = _Stream()
        stream.add(para.text, char_lines(para))
        if "绩效" not in stream.text or "涉及" not in stream.text:
            continue
        claims = {}
        for key, pattern in _SUMMARY.items():
            match = pattern.search(stream.text)
            if match:
                value = parse_figure(match.group(1))
                if value is not None:
                    claims[key] = Claim(value, stream.lines[match.start(1)], match.group(0))
        if claims:
            out.append(PerfSummary(para.line, para.end_line, stream.text, claims))
    return out
