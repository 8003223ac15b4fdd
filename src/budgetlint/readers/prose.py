"""Paragraphs and sentences from runs of prose lines, rejoined across hard wraps."""

from __future__ import annotations

import re
from typing import Sequence

from budgetlint.core.model import WRAPPED_FORMS, Line, Paragraph, Sentence

# Where a sentence ends; the claim reader cuts its sentences at the same marks.
SENTENCE_END = "。！？；!?;"
# A paragraph ends at a line whose last character closes a sentence or a lead-in
# (PDF text gives no other sign: every line is followed by a blank line).
_PARAGRAPH_END = "。！？!?：:"
_LEAD_IN = "：:"
# A line that opens with an amount and its unit continues the label before it.
_AMOUNT_START = re.compile(r"^\d[\d,]*(?:\.\d+)?\s*(?:万元|元|亿元|$)")
_LIST_ITEM = re.compile(r"^(\d{1,2}\s*[.、](?!\d)|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}\s*、)")


def join_wrapped(left: str, right: str) -> str:
    """Join a hard-wrapped line to the next: no space between CJK characters, one
    space between two Latin words, and a number split mid-figure made whole."""
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        if a.isdigit() and b.isdigit():
            return left + right
        return f"{left} {right}"
    return left + right


# Labels that open a field of a project paragraph (第三部分 七); in PDF text the previous
# field's line does not end with punctuation, so the label is the only sign.
_FIELD_LABEL = re.compile(
    r"^(?:\d{1,2}\s*[.、]\s*|[（(][一二三四五六七八九十\d]{1,3}[）)]\s*)?"
    r"(?:项目名称|设立的政策依据|预算安排规模|项目承担单位|资金分配情况|资金执行时间|项目概述|立项依据|实施主体|实施周期|年度预算安排)\s*[:：]"
)


# No paragraph of a disclosure comes near this (the corpus's longest has 880
# characters); text that runs on without a full stop for longer is cut here, so that
# what reads a paragraph never works on an unbounded string.
MAX_PARAGRAPH = 4000


def build_paragraphs(lines: Sequence[Line], form: str = "pdf-text") -> list[Paragraph]:
    """Markdown and Word text keep a paragraph on one line; PDF text wraps it every
    thirty-odd characters, and only punctuation and list markers tell where it ends."""
    if form not in WRAPPED_FORMS:
        return [
            _paragraph(line.text[i : i + MAX_PARAGRAPH], (line.lineno,) * len(line.text[i : i + MAX_PARAGRAPH]))
            for line in lines
            for i in range(0, len(line.text), MAX_PARAGRAPH)
        ]
    paragraphs: list[Paragraph] = []
    text, offsets, first = "", [], None

    def flush():
        nonlocal text, offsets, first
        if first is not None and text.strip():
            paragraphs.append(_paragraph(text, tuple(offsets)))
        text, offsets, first = "", [], None

    lead_in = False
    for line in lines:
        piece = line.text
        if lead_in and not (_AMOUNT_START.match(piece) and not _LIST_ITEM.match(piece)):
            flush()
        lead_in = False
        if first is not None and (_LIST_ITEM.match(piece) or _FIELD_LABEL.match(piece) or line.cells is not None):
            flush()
        if first is None:
            first = line.lineno
        joined = join_wrapped(text, piece)
        gap = len(joined) - len(text) - len(piece)
        offsets.extend([offsets[-1] if offsets else line.lineno] * gap)
        offsets.extend([line.lineno] * len(piece))
        text = joined
        if piece[-1] in _LEAD_IN and line.cells is None and len(text) < MAX_PARAGRAPH:
            # A lead-in ends its paragraph, unless the wrap only cut a label from its
            # amount (``项目支出:`` / ``14882.06 万元，…``): decided on the next line.
            lead_in = True
        elif piece[-1] in _PARAGRAPH_END or line.cells is not None or len(text) >= MAX_PARAGRAPH:
            flush()
    flush()
    return paragraphs


def char_lines(paragraph: Paragraph) -> list[int]:
    """The input line of every character of a paragraph's text. A paragraph made
    without offsets (a table of contents, one built by hand) stands on its first line."""
    return list(paragraph.offsets) or [paragraph.line] * len(paragraph.text)


def _paragraph(text: str, offsets: tuple[int, ...]) -> Paragraph:
    item = _LIST_ITEM.match(text)
    return Paragraph(
        text=text,
        line=offsets[0],
        end_line=offsets[-1],
        sentences=split_sentences(text, offsets),
        offsets=offsets,
        list_item=item.group(1).strip() if item else None,
    )


_SENTENCE = re.compile(f"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]|$)")


def split_sentences(text: str, offsets: tuple[int, ...]) -> list[Sentence]:
    out: list[Sentence] = []
    for match in _SENTENCE.finditer(text):
        piece = match.group(0)
        stripped = piece.strip()
        if not stripped:
            continue
        s = match.start() + len(piece) - len(piece.lstrip())
        offs = offsets[s : s + len(stripped)]
        out.append(Sentence(stripped, offs[0], offs[-1], offs))
    return out
