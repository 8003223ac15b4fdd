"""Where each budget project is named: the places the cross-reference checks compare.

A disclosure names every project three or four times: a row of 表7 (一般公共预算项目支出),
an item of the prose list in 第三部分 七 (``项目名称：… 预算安排规模：X 万元``), and a
项目支出绩效目标表. Reviewers find most of their mistakes where these disagree, so the
places of one project are gathered here; the cross-reference checks compare them.

Names are printed differently in each place (wrapped, with or without the document
number ``乌财社【2022】403 号``, with spaces, quotes, years): each place keeps its name
as printed and a normalised one (``normalise_name``) that the matching of places into
projects (``budgetlint.rules.projects``, parametrised by the rule) compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, Optional, Sequence

from budgetlint.core.model import Document, Paragraph, PerfTable, Row, Section, Table, Unparsed
from budgetlint.core.readings import PerfSummary, Place, ProjectPlaces, StatedFigure
from budgetlint.core.figures import NUMBER, parse_figure, squeeze
from budgetlint.readers.prose import char_lines

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


_NON_SPACE = re.compile(r"\S+")


@dataclass
class _Stream:
    """Prose text with whitespace removed, and the input line of every character.

    The text is kept as its runs of non-space, joined when read: adding to a string
    made a long run of prose quadratic, and a list of single characters cost a
    Python object per character."""

    pieces: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # one per character of the text
    _joined: Optional[str] = None

    @property
    def text(self) -> str:
        if self._joined is None:
            self._joined = "".join(self.pieces)
        return self._joined

    def add(self, text: str, lines: Sequence[int]) -> None:
        # by runs of non-space (re's \s is str.isspace), not a Python step per character
        text = text[: len(lines)]
        for run in _NON_SPACE.finditer(text):
            self.pieces.append(run.group())
            self.lines.extend(lines[run.start() : run.end()])
        self._joined = None

    def mark(self) -> tuple[int, int]:
        """Where the next ``add`` starts: (pieces, characters) so far."""
        return len(self.pieces), len(self.lines)

    def since(self, mark: tuple[int, int]) -> str:
        return "".join(self.pieces[mark[0] :])

    def cut(self, mark: tuple[int, int]) -> None:
        del self.pieces[mark[0] :], self.lines[mark[1] :]
        self._joined = None


def prose_segments(doc: Document) -> Iterator[_Stream]:
    """Runs of headings and paragraphs in reading order, broken at tables and at
    parts and top-level headings: a project item never spans those. A wrapped item
    name arrives split between a heading and the paragraph after it, so a run keeps
    them together."""
    stream = _Stream()
    heading: Optional[tuple[int, tuple[int, int]]] = None  # (line, stream mark) of the last heading
    for node in doc.walk():
        if isinstance(node, Section):
            if node.kind == "part" or node.level <= 1:
                if stream.lines:
                    yield stream
                stream = _Stream()
            text = node.title if _ITEM.match(node.title.lstrip()) else f"{node.number}{node.title}"
            heading = (node.line, stream.mark())
            stream.add(text, [node.line] * len(text))
        elif isinstance(node, Paragraph):
            if heading and node.line == heading[0] and stream.since(heading[1]) in squeeze(node.text):
                # the parser may also give a heading's line as a paragraph: keep it once,
                # the paragraph (it carries per-character lines)
                stream.cut(heading[1])
            heading = None
            stream.add(node.text, char_lines(node))
        elif isinstance(node, (Table, PerfTable, Unparsed)):
            heading = None
            if stream.lines:
                yield stream
            stream = _Stream()
    if stream.lines:
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


def perf_summaries(doc: Document) -> list[PerfSummary]:
    out = []
    for para in doc.paragraphs():
        # the words looked for first, in the text squeezed as the stream squeezes it
        # (str.split splits at str.isspace): most paragraphs are no such summary
        squeezed = "".join(para.text.split())
        if "绩效" not in squeezed or "涉及" not in squeezed:
            continue
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
                    claims[key] = StatedFigure(value, stream.lines[match.start(1)], match.group(0))
        if claims:
            out.append(PerfSummary(para.line, para.end_line, stream.text, claims))
    return out


def read_project_places(doc: Document) -> ProjectPlaces:
    """Every place a project is named, by kind (表7 first, then prose, then the
    performance tables)."""
    return ProjectPlaces(table7_places(doc), prose_places(doc), perf_places(doc))
