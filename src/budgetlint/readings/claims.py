"""Claims in the prose: the figures of 第三部分 read clause by clause.

The explanatory part restates the tables in sentences such as
``一般公共预算 4058.19 万元，占 70.65%，比上年预算增加 3302.97 万元，增长 437.35%，主要原因是…``.
This module reads them into ``Claim``s. It works on *passages*: the outline grammar
turns a numbered line such as ``1. 社会保障和就业支出（208 类）3955.69 万元，占`` into a
heading and its hard-wrapped continuation ``97.47%。`` into a paragraph, so a heading
or paragraph that does not end a sentence is first rejoined with the paragraph after
it. Each sentence is then squeezed of spaces (PDF text puts them anywhere) and read
as a run of figure tokens: an amount (``X 万元`` / ``X 元``) opens a clause, and the
share, change and rate that follow attach to it. Figures after ``主要原因`` or
``主要用于`` explain rather than state, and are not read.

Grouping (which clauses are the items of one total) is in ``claim_groups``.
"""

from __future__ import annotations

import re
from typing import Optional

from budgetlint.core.model import Document, Paragraph, PerfTable, Section, Table, Unparsed
from budgetlint.core.readings import Claim, ClaimReading, Passage, ProseSentence
from budgetlint.core.figures import NUMBER, parse_figure, squeeze
from budgetlint.outline.lexer import HEADING_TAIL
from budgetlint.readers.prose import MAX_PARAGRAPH, SENTENCE_END, char_lines
from budgetlint.readings.claim_groups import assign_groups

# A figure with its unit. ``万`` alone is a 万元 written short (``6.4万；``).
FIGURE = re.compile(rf"(?<![\d.,])({NUMBER})(万元|元|万(?![人台辆个套])|%)")
TERMINAL = SENTENCE_END + ":："
BOUNDARY = "，,、；;。:！？!?"
# Where a sentence stops stating and starts explaining.
REASON = re.compile(r"主要原因|原因是|主要用于")
RATE_WORD = re.compile(r"(增长|下降|降低|减少|增加|上升|下滑)了?$")
CHANGE_WORD = re.compile(r"(增加|减少|增长|下降)了?$")
PRIOR = re.compile(r"比(上年|去年)(预算|执行)?数?$")
BASIS = re.compile(r"比(上年预算数?|上年执行数|上年|去年预算数?|去年执行数|去年)")
SHARE = re.compile(r"占([^，,；;。:%\d]*)$")
LEAD_AFTER = re.compile(r"^[，,]?(其中|主要包括|包括)[:，,]?")
ITEM_NO = re.compile(r"^(\d{1,2})[.、](?!\d)")
CODE_PREFIX = re.compile(r"^(\d{7}|\d{5}|\d{3})(?=\D)")
CLASSIFICATION = re.compile(
    r"(?P<n1>[^（()）:，,。；;\d]+?)[（(](?P<c1>\d{3})?类[）)]"
    r"(?:(?P<n2>[^（()）:，,。；;]+?)[（(](?P<c2>\d{2})?款[）)]"
    r"(?:(?P<n3>[^（()）:，,。；;]+?)[（(](?P<c3>\d{2})?项[）)])?)?"
)
CLASSIFICATION_WINDOW = 600
# Parts of a disclosure that hold no claims about its budget figures.
# Labels of the project paragraphs: the label, not the text before it, is the subject.
LABEL = re.compile(r"(预算安排规模|资金分配情况|涉及预算金额)$")
SKIP_PARTS = ("名词解释", "概况", "公开表")


# ----------------------------------------------------------------------------- passages
def passages(doc: Document) -> list[Passage]:
    """The prose of the document as passages, in reading order."""
    pieces: list[tuple[str, Optional[object], str, list[int], tuple[Section, ...]]] = []

    def visit(nodes, chain: tuple[Section, ...]):
        for node in nodes:
            if isinstance(node, Section):
                if node.kind == "part" and any(w in node.title for w in SKIP_PARTS):
                    continue
                inner = chain + (node,)
                first = node.children[0] if node.children else None
                # The parser may repeat the heading line as the first line of its first
                # paragraph; then that paragraph is the heading's passage.
                repeated = isinstance(first, Paragraph) and first.line == node.line
                if node.kind == "heading" and not repeated:
                    text = node.title
                    pieces.append(("heading", node, text, [node.line] * len(text), inner))
                for child_index, child in enumerate(node.children):
                    if child_index == 0 and repeated:
                        pieces.append(("heading-para", child, child.text, char_lines(child), inner))
                    else:
                        visit([child], inner)
            elif isinstance(node, Paragraph):
                if node.list_item == "目录":
                    continue
                pieces.append(("para", node, node.text, char_lines(node), chain))
            elif isinstance(node, (Table, PerfTable, Unparsed)):
                pieces.append(("barrier", node, "", [], chain))

    visit(doc.children, ())
    out: list[Passage] = []
    current: Optional[Passage] = None
    for kind, node, text, offs, chain in pieces:
        if kind == "barrier":
            current = None
            continue
        if (
            current is not None and kind == "para" and chain == current.sections and _continues(current)
            and len(current.text) < MAX_PARAGRAPH  # text that never ends a sentence is no claim
        ):
            current.text += text
            current.offsets.extend(offs)
            if current.paragraph is None:
                current.paragraph = node
            continue
        section = chain[-1] if chain else None
        current = Passage(
            text=text,
            offsets=list(offs),
            section=section,
            sections=chain,
            paragraph=node if kind != "heading" else None,
            heading=kind != "para",
        )
        out.append(current)
    return out


def _continues(passage: Passage) -> bool:
    """Does the next paragraph carry on this passage's sentence?"""
    text = passage.text.rstrip()
    if not text or text[-1] in TERMINAL:
        return False
    if passage.heading and len(passage.text) == len(text) and text.endswith(HEADING_TAIL):
        return False
    return True


# ----------------------------------------------------------------------------- sentences
def sentences(passage: Passage) -> list[ProseSentence]:
    """The passage squeezed of whitespace, cut after each sentence end. Runs of text
    are handled by the regex engine: a Python step per character was a tenth of the
    time of reading the claims."""
    text, offsets = passage.text, passage.offsets
    text = text[: len(offsets)]
    chars: list[str] = []
    offs: list[int] = []
    for run in _NON_SPACE.finditer(text):
        chars.append(run.group())
        offs.extend(offsets[run.start() : run.end()])
    squeezed = "".join(chars)
    out: list[ProseSentence] = []
    start = 0
    for end in _SENTENCE.finditer(squeezed):
        out.append(ProseSentence(squeezed[start : end.end()], offs[start : end.end()]))
        start = end.end()
    if start < len(squeezed):
        out.append(ProseSentence(squeezed[start:], offs[start:]))
    return out


_NON_SPACE = re.compile(r"\S+")  # re's \s is exactly str.isspace
_SENTENCE = re.compile("[" + re.escape(SENTENCE_END) + "]")


# ----------------------------------------------------------------------------- clauses
def _unit(text: str) -> str:
    return "万元" if text.startswith("万") else text


def _subject_span(text: str, end: int, floor: int) -> tuple[int, int]:
    """The subject before position ``end``: back to the last boundary, or ``floor``."""
    # rfind per boundary character, not a walk back one character at a time: the walk
    # made reading a long run of clauses quadratic in Python
    last = max(text.rfind(ch, floor, end) for ch in BOUNDARY)
    return max(floor, last + 1), end


def clean_subject(subject: str) -> str:
    # a heading rejoined with its paragraph: ``…收入预算情况说明乌鲁木齐…收入预算``
    subject = re.sub(r"^.*(情况说明|总体说明)(?=.)", "", subject)
    subject = re.sub(r"^(其中|主要包括|包括|及|和)[:，,]?", "", subject)
    subject = re.sub(r"^\d{4}年(度)?", "", subject)
    return subject


def read_sentence(sentence: ProseSentence, section: Optional[Section]) -> list[Claim]:
    """Read the clauses of one squeezed sentence."""
    text = sentence.text
    stop = REASON.search(text)
    limit = stop.start() if stop else len(text)
    claims: list[Claim] = []
    current: Optional[Claim] = None
    last_end = 0  # end of the last figure read
    if re.match(r"^(其中|包括)", text):
        sentence.opens_with_lead = True
    for match in FIGURE.finditer(text, 0, limit):
        start, end = match.span()
        # FIGURE's number is a NUMBER, so parse_figure always reads it
        value, unit = parse_figure(match.group(1)), _unit(match.group(2))
        before = text[last_end:start]
        line = sentence.offsets[start]
        if unit == "%":
            rate = RATE_WORD.search(before)
            share = SHARE.search(before)
            if rate and current is not None and current.rate is None and _gap_ok(before[: rate.start()]):
                current.rate_word, current.rate, current.rate_line = rate.group(1), value, line
            elif share and current is not None and current.share is None:
                current.share, current.share_of, current.share_line = value, share.group(1), line
            last_end = end
            continue
        change = CHANGE_WORD.search(before)
        if change:
            lead_text = before[: change.start()]
            basis = BASIS.search(lead_text)
            attach = current is not None and current.change is None and _gap_ok(
                lead_text[: basis.start()] if basis else lead_text
            )
            if not attach:
                subject_end = start - len(before) + (basis.start() if basis else change.start())
                current = _new_claim(text, sentence, section, last_end, subject_end)
                current.line = line
                claims.append(current)
            current.change_word = change.group(1)
            current.change, current.change_unit, current.change_line = value, unit, line
            if basis:
                current.basis = basis.group(1)
            last_end = end
            continue
        if PRIOR.search(before) and current is not None and current.prior is None:
            current.prior = value
            current.basis = BASIS.search(before).group(1)
            last_end = end
            continue
        current = _new_claim(text, sentence, section, last_end, start)
        current.amount, current.unit, current.line = value, unit, line
        claims.append(current)
        if LEAD_AFTER.match(text[end:]):
            current.lead = True
        last_end = end
    for claim in claims:
        claim.text = text
    sentence.claims = claims
    return claims


def _gap_ok(gap: str) -> bool:
    """Only a comma (or nothing) may stand between a clause and what attaches to it."""
    return re.fullmatch(r"[，,]?", gap) is not None


def _new_claim(text: str, sentence: ProseSentence, section, floor: int, end: int) -> Claim:
    start, end = _subject_span(text, end, floor)
    subject = text[start:end]
    if not subject and start > 0 and text[start - 1] in ":：":
        # ``预算安排规模:6.92 万元``: the label before the colon is the subject
        label_start, _ = _subject_span(text, start - 1, floor if floor < start - 1 else 0)
        subject = text[label_start : start - 1]
    if not subject and start > 0 and text[start - 1] in "，,":
        # ``政府性基金预算未安排，0万元``: the subject is the segment before
        prev_start, _ = _subject_span(text, start - 1, floor if floor < start - 1 else 0)
        subject = text[prev_start : start - 1]
    item = ITEM_NO.match(subject)
    item_no = None
    if item:
        item_no = item.group(1)
        subject = subject[item.end() :]
    subject = clean_subject(subject)
    label = LABEL.search(subject)
    if label:
        subject = label.group(1)
    head = text[:end]
    claim = Claim(subject=subject, line=sentence.offsets[min(end, len(text) - 1)], head=head, item_no=item_no)
    code = CODE_PREFIX.match(subject)
    if code:
        claim.code = code.group(1)
    cls = None
    # A 类/款/项 mention is short and ends right before its figure: look only at the
    # tail of the head (the corpus's longest head has 247 characters), and only where
    # a 类 is named at all; the lazy pattern is quadratic on a long head.
    if "类" in head:
        for cls in CLASSIFICATION.finditer(head, max(0, len(head) - CLASSIFICATION_WINDOW)):
            pass
    if cls is not None:
        names = tuple(n for n in (cls.group("n1"), cls.group("n2"), cls.group("n3")) if n)
        claim.code_names = tuple(re.sub(r"^[\d.、]+", "", n) for n in names)
        digits = "".join(c for c in (cls.group("c1"), cls.group("c2"), cls.group("c3")) if c)
        if cls.group("c1") and digits:
            claim.code = digits
        if re.search(r"[（(]\d*(类|款|项)[）)]", subject) or subject.endswith(("预算数为", "预算数")):
            # ``社会保障和就业支出（208 类）人力资源…（01 项）2023 年预算数为``: the item is
            # the last name the classification gives
            claim.subject = claim.code_names[-1] if claim.code_names else subject
    return claim


# ----------------------------------------------------------------------------- entry points
def read_claims(doc: Document) -> ClaimReading:
    found = passages(doc)
    claims: list[Claim] = []
    titles = _full_titles(found)
    for passage in found:
        passage_sentences = sentences(passage)
        context = " / ".join(titles.get(id(sec), sec.number + sec.title) for sec in passage.sections if sec.kind == "heading")
        for sentence in passage_sentences:
            for claim in read_sentence(sentence, passage.section):
                claim.section = context
                claim.section_line = passage.section.line if passage.section is not None else None
                passage.claims.append(claim)
        passage.sentences = passage_sentences
        claims.extend(passage.claims)
        if passage.paragraph is not None and isinstance(passage.paragraph, Paragraph):
            passage.paragraph.claims = list(passage.claims)
    groups = assign_groups(found)
    return ClaimReading(found, claims, groups)


def _full_titles(found: list[Passage]) -> dict[int, str]:
    """Headings wrapped by PDF text continue in their first paragraph
    (``七、关于乌鲁木齐…（乌鲁木齐市新`` / ``市区）…项目支出情况说明…``): the title a
    claim's context needs runs to the first 说明 of the rejoined passage."""
    out: dict[int, str] = {}
    for passage in found:
        if not passage.heading or passage.section is None:
            continue
        section = passage.section
        if section.title and section.title.endswith(("说明", "情况")):
            continue
        end = passage.text.find("说明", 0, 120)
        if end > 0:
            out[id(section)] = section.number + squeeze(passage.text[: end + 2])
    return out
