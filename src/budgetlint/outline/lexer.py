"""The line lexer: classifies each input line for the outline grammar.

Lark's own lexers work on characters; a disclosure's structure is in its lines, and
what a line means depends on where it stands (``1.一般公共预算拨款 4058.19`` is a
table row inside 表1 and a list item in the prose). So this lexer keeps one bit of
state, whether it is inside a table, and emits one token per line whose value is the
line's index in the ``Source``.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from lark.lexer import Lexer, Token

from budgetlint.core.model import Line
from budgetlint.core.figures import squeeze

_CN_NUM = "一二三四五六七八九十"
PART = re.compile(rf"^第[{_CN_NUM}]+部分")
TOC_HEAD = re.compile(r"^目\s*录$")
# ``表3`` / ``表三``: the number group is what ``tables.build_table`` reads the number from,
# so the lexer and the table reader agree on what a table number is.
# ``公开01表`` / ``公开 01 表：收支预算总表`` (Jiangsu) label a table before its title.
TABLE_NUMBER = rf"^(?:表\s*(\d{{1,2}}|[{_CN_NUM}]{{1,3}})|公开\s*(\d{{1,2}})\s*表)"
TABLE_NO = re.compile(
    rf"^表\s*(?:\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*(?:[:：]\s*)?(?:$|(?=\S*表$)|(?=续))|^公开\s*\d{{1,2}}\s*表"
)
_TABLE_NO_START = ("表", "公开")  # TABLE_NO's two branches open so
H1 = re.compile(rf"^[{_CN_NUM}]{{1,3}}\s*、")
H2 = re.compile(rf"^[（(]\s*[{_CN_NUM}]{{1,3}}\s*[）)]")
H3 = re.compile(r"^\d{1,2}\s*[.、](?!\d)")
H4 = re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")
# The numbering of each outline level (0 is a part): the parser splits a heading's
# number from its title with the pattern that made the line a heading.
HEADING_NUMBER = {0: PART, 1: H1, 2: H2, 3: H3, 4: H4}
# Words a heading title ends with (``…情况说明``): a heading that ends so is whole, it
# does not run on into the next line (parser) or the next paragraph (claims).
HEADING_TAIL = ("说明", "情况", "事项", "情况表", "解释")
META = re.compile(r"^(?:编制|填报|预算)?(?:部门|单位)\s*[:：]|^单位\s*[:：]?\s*(?:万?元)\s*$|.*单位\s*[:：]\s*万?元\s*$")
NOTE = re.compile(r"^(?:备注|注|说明)\s*[:：]")
_NOTE_START = ("备注", "注", "说明")  # NOTE's branches open so
# A line that leads into the note below it (``…并在本表下方作下述说明：``).
NOTE_LEAD = re.compile(r"[:：]$")
PERF_TITLE = re.compile(r"^(?:\d{4}年)?(?:项目支出|部门整体(?:支出)?|整体支出)绩效目标(?:申报)?表$")
TITLE_END = re.compile(r"表$")


def is_perf_title(line: Line, text: str | None = None) -> bool:
    """``text``: the line's squeezed text, where the caller has it already."""
    text = squeeze(line.text) if text is None else text
    return "绩效" in text and len(text) <= 24 and PERF_TITLE.match(text) is not None


# Kinds whose consecutive lines form one token.
_RUNS = frozenset({"TEXT", "TROW", "TITLE", "META", "NOTE", "TOC"})


class LineLexer(Lexer):
    """Lark lexer over ``Sequence[Line]``; ``parse(lines)`` feeds it directly."""

    def __init__(self, lexer_conf=None):
        pass

    def lex(self, lexer_state, parser_state=None) -> Iterator[Token]:
        return self.tokens(getattr(lexer_state, "text", lexer_state))

    def tokens(self, lines: Sequence[Line]) -> Iterator[Token]:
        """One token per run of lines of the same kind (a table body, a stretch of
        prose): the grammar nests runs, and a 3,000-line document is a few hundred
        tokens. A token's value is the tuple of its lines' indices."""
        run_kind, run = None, []
        for kind, index in self.line_kinds(lines):
            if kind == run_kind and kind in _RUNS:
                run.append(index)
                continue
            if run:
                yield Token(run_kind, tuple(run), line=lines[run[0]].lineno)
            run_kind, run = kind, [index]
        if run:
            yield Token(run_kind, tuple(run), line=lines[run[0]].lineno)

    def line_kinds(self, lines: Sequence[Line]) -> Iterator[tuple[str, int]]:
        texts = ["".join(line.text.split()) for line in lines]  # squeeze(), inlined: once per line
        # META is asked of most lines, some more than once: asked once per line here
        # (each of its branches names 单位 or 部门, which most lines do not hold)
        meta = [("单位" in t or "部门" in t) and META.match(t) is not None for t in texts] + [False, False]
        toc_end = _toc_end(lines, texts)
        order = reading_order(lines, texts)
        mode = "body"  # body | table | toc
        table_is_perf = False
        seen_cells = False
        seen_meta = False
        seen_note = seen_figures = False
        last = None  # the previous line's kind: a title's wrapped tail is no new table
        for index in order:
            line = lines[index]
            text = texts[index]
            kind = None
            if index < toc_end:
                kind = "TOC_HEAD" if mode != "toc" else "TOC"
                mode = "toc"
            elif text.startswith("第") and PART.match(text) and line.cells is None:
                kind, mode = "PART", "body"
            elif (text.startswith(_TABLE_NO_START) and TABLE_NO.match(text) and len(text) <= 60) or (
                # an untitled table's title has its META line right after it: asked first, here
                (meta[index + 1] or meta[index + 2])
                and not (mode == "table" and last in ("TABLE_NO", "TITLE")) and _untitled_table_start(lines, texts, index, meta)
            ):
                kind, mode = "TABLE_NO", "table"
                table_is_perf = seen_cells = seen_meta = seen_note = seen_figures = False
            elif "绩效" in text and is_perf_title(line, text):
                kind, mode = "PERF_TITLE", "table"
                table_is_perf, seen_cells, seen_meta, seen_note, seen_figures = True, False, False, False, False
            elif mode == "table":
                kind = self._table_line(line, text, table_is_perf, seen_cells, seen_meta, meta[index])
                if kind == "TROW" and seen_note and line.cells is None and not table_is_perf:
                    # After its note a table in PDF text is over, unless the line is a row
                    kind = "NOTE" if NOTE_LEAD.search(text) else ("TROW" if _row_like(line.text.strip()) else None)
                elif kind == "TROW" and seen_figures and line.cells is None and not table_is_perf and _section_heading(text):
                    kind = None  # ``其他相关情况说明`` after the last row: the prose resumes
                if kind is None:
                    mode = "body"
                else:
                    seen_cells = seen_cells or (line.cells is not None and kind == "TROW")
                    seen_meta = seen_meta or kind == "META"
                    seen_note = seen_note or kind == "NOTE"
                    seen_figures = seen_figures or (kind == "TROW" and _looks_numeric(text))
            if kind is None and mode == "toc":
                mode = "body"
            if kind is None:
                if line.cells is not None:
                    kind, mode = "ANON", "table"
                    table_is_perf, seen_cells, seen_meta, seen_note, seen_figures = True, True, False, False, False
                else:
                    kind = _body_kind(text)
            last = kind
            yield kind, index

    @staticmethod
    def _table_line(line: Line, text: str, perf: bool, seen_cells: bool, seen_meta: bool, is_meta: bool):
        """``is_meta``: does META match ``text``."""
        single = line.cells is not None and sum(1 for c in line.cells if c) <= 1
        if line.cells is not None and not seen_cells and is_meta:
            return "META"
        if line.cells is not None and not (single and not seen_cells):
            return "TROW"
        if text.startswith(_NOTE_START) and NOTE.match(text):
            return "NOTE"
        if is_meta:
            # Also after rows: a table split at a page break repeats its header.
            return "META"
        if seen_cells:
            # In a text form with delimited cells, plain text after the rows ends the table
            # (a note's own continuation aside).
            return None
        if perf and line.cells is None and (H1.match(text) or H2.match(text)):
            return None
        if not seen_meta and not perf and len(text) <= 40 and (not _looks_numeric(text) or TITLE_END.search(text)):
            return "TITLE"  # ``2018年政府采购预算表``: a year is no figure
        if perf and not seen_cells and (H1.match(text) or H2.match(text) or H3.match(text)):
            return None
        return "TROW"


_TITLE_LIKE = re.compile(r"(?:情况表|明细表)$")
_LEADERS = re.compile(r"…{2}|\.{4}|·{4}")
# What a title's own wrapped tail can be: a few characters ending the title in 表.
_TITLE_TAIL = re.compile(r"^\S{1,12}表$")


def _untitled_table_start(lines: Sequence[Line], texts: Sequence[str], index: int, meta: Sequence[bool]) -> bool:
    """A table title printed without its 表N line (``一、2018年度…收支预算总表``,
    ``收入决算表``, wrapped or not), recognised by the 编制部门/单位 line right after it
    (``meta``: does META match each text, two False after the last)."""
    if not (meta[index + 1] or meta[index + 2]):
        return False  # the 编制部门 line is one of these two, or there is no title here
    text = texts[index]
    if lines[index].cells is not None or len(text) > 60 or _LEADERS.search(text) or meta[index]:
        return False
    if _TITLE_LIKE.search(text) and len(text) <= 40:
        return True  # META matches one of the next two lines (the test above)
    span = 1 if TITLE_END.search(text) else 2
    if span == 2 and not (index + 1 < len(texts) and _TITLE_TAIL.match(texts[index + 1])
                          and lines[index + 1].cells is None and not TABLE_NO.match(texts[index + 1])):
        return False
    after = index + span
    return after < len(texts) and lines[after].cells is None and meta[after] and not _looks_sentence(text)


_CLAUSE_MARK = re.compile(r"[，。；,;]")


def _looks_sentence(text: str) -> bool:
    """Prose that happens to end in 表 (``…见下表``) is not a title: it has a clause mark."""
    return _CLAUSE_MARK.search(text) is not None


_ROW_START = re.compile(r"^(?:[235]\d{2}(?:\s*\d{2}){0,2}\s|合\s*计|总\s*计)")


def _row_like(text: str) -> bool:
    """A table row: opens with a classification code or a total, no sentence in it."""
    return _ROW_START.match(text) is not None and not _looks_sentence(text)


def _section_heading(text: str) -> bool:
    """A heading of the prose (``其他相关情况说明``, ``四、…情况说明``): no figure, ends 说明."""
    return len(text) <= 30 and text.endswith("说明") and not _looks_numeric(text) and "表" not in text


_NUMERIC = re.compile(r"\d+\.\d+|\d{3,}")


def _looks_numeric(text: str) -> bool:
    return _NUMERIC.search(text) is not None


_BRACKETS = "（("


def _body_kind(text: str) -> str:
    # H1 opens with a Chinese numeral, H2 and H4 with a bracket: most lines open with
    # neither and are tried for H3 alone
    first = text[:1]
    if first and first in _CN_NUM and H1.match(text):
        return "H1"
    if first and first in _BRACKETS:
        if H4.match(text):
            return "H4"
        if H2.match(text):
            return "H2"
    if first.isdecimal() and H3.match(text):  # H3 opens with a (Unicode) digit
        return "H3"
    return "TEXT"


_INDICATOR_START = re.compile(r"^指标\s*\d+\s*[:：]")


def reading_order(lines: Sequence[Line], texts: Sequence[str]) -> list[int]:
    """Line indices in reading order.

    PDF text can interleave pages: the rest of a performance table that overflowed a
    page turns up inside the glossary (第四部分 名词解释), in the middle of a sentence,
    and runs to the next page start. Such a run is moved back to where that table
    ended, before the heading that followed it."""
    order = list(range(len(lines)))
    glossary = next((i for i, t in enumerate(texts) if "名词解释" in t and PART.match(t)), None)
    if glossary is None or lines[glossary].cells is not None:
        return order
    last_perf = max((i for i in range(glossary) if "绩效" in texts[i] and is_perf_title(lines[i], texts[i])), default=None)
    if last_perf is None:
        return order
    start = next((i for i in range(glossary + 1, len(lines)) if _INDICATOR_START.match(texts[i])), None)
    if start is None or lines[start].page_start:
        return order
    end = next((i for i in range(start + 1, len(lines)) if lines[i].page_start), len(lines))
    # Where the table ended: the first heading or part after its title.
    resume = next(
        (i for i in range(last_perf + 1, glossary + 1)
         if lines[i].cells is None and (PART.match(texts[i]) or H1.match(texts[i]) or H2.match(texts[i]))),
        glossary,
    )
    run = order[start:end]
    rest = order[:start] + order[end:]
    at = rest.index(resume)
    return rest[:at] + run + rest[at:]


def _toc_end(lines: Sequence[Line], texts: Sequence[str]) -> int:
    """Index of the first line after a table of contents (0 where there is none).

    A contents list names the parts that follow; it ends where its first part
    appears a second time as a real heading."""
    for i, head in enumerate(texts[:200]):
        if TOC_HEAD.match(head):
            first_part = None
            for j in range(i + 1, len(lines)):
                text = texts[j]
                if PART.match(text):
                    if first_part is None:
                        first_part = text
                    elif text == first_part:
                        return j
            return _leader_run_end(texts, i + 1)
    return 0


def _leader_run_end(texts: Sequence[str], start: int) -> int:
    """The end of a contents list without parts (Shanghai): its entries run out to
    dot leaders (``一、部门主要职能 ……``), a wrapped entry's head line aside."""
    end = j = start
    while j < len(texts):
        if _LEADERS.search(texts[j]):
            end = j = j + 1
        elif j + 1 < len(texts) and _LEADERS.search(texts[j + 1]) and len(texts[j]) <= 40:
            j += 1
        else:
            break
    return end
