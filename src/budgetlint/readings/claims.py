"""Claims in the prose: the figures of 第三部分 read clause by clause.

The explanatory part restates the tables in sentences such as
``一般公共预算 4058.19 万元，占 70.65%，比上年预算增加 3302.97 万元，增长 437.35%，主要原因是…``.
This module reads them into ``Claim``s. It works on *passages*: the outline grammar
turns a numbered line such as ``1. 社会保障和就业支出（208 类）3955.69 万元，占`` into a
heading and its hard-wrapped continuation ``97.47%。`` into a paragraph, so a heading
or paragraph that does not end a sentence is first rejoined with the paragraph after
it. Each sentence is then squeezed of spaces (PDF text puts them anywhere), cut into
tokens (``claim_tokens``: figures and the profile's claim words) and parsed by the
claim grammar (``claims.lark``): a clause opens with an amount and takes the share,
basis, change, rate, 持平 and 完成率 that follow it. Figures after ``主要原因`` or
``主要用于`` explain rather than state, and are not read. A figure that no rule of the
grammar reads is kept on its sentence (``ProseSentence.unread``) for ``parse --unread``.

Grouping (which clauses are the items of one total) is in ``claim_groups``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from lark import Lark, Tree
from lark.exceptions import LarkError

from budgetlint.core.model import Document, Paragraph, PerfTable, Section, Table, Unparsed
from budgetlint.core.readings import Claim, ClaimReading, Passage, ProseSentence
from budgetlint.core.figures import parse_figure, squeeze
from budgetlint.outline.larkcache import cached_lalr
from budgetlint.outline.lexer import HEADING_TAIL
from budgetlint.readers.prose import MAX_PARAGRAPH, SENTENCE_END, char_lines
from budgetlint.readings.claim_groups import assign_groups
from budgetlint.readings.claim_parse import parse as parse_claim_types
from budgetlint.readings.claim_tokens import Tok, TokenLexer, Vocabulary, may_hold_claims, tokenize, vocabulary

GRAMMAR = Path(__file__).with_name("claims.lark")
TERMINAL = SENTENCE_END + ":："
BOUNDARY = "，,、；;。:！？!?"
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
def _subject_span(text: str, end: int, floor: int) -> tuple[int, int]:
    """The subject before position ``end``: back to the last boundary, or ``floor``."""
    # rfind per boundary character, not a walk back one character at a time: the walk
    # made reading a long run of clauses quadratic in Python
    last = max(text.rfind(ch, floor, end) for ch in BOUNDARY)
    return max(floor, last + 1), end


def clean_subject(subject: str) -> str:
    # a heading rejoined with its paragraph: ``…收入预算情况说明乌鲁木齐…收入预算``
    subject = _HEADING_JOINED.sub("", subject)
    subject = _LEAD_WORD.sub("", subject)
    subject = _YEAR_FIRST.sub("", subject)
    return subject


_HEADING_JOINED = re.compile(r"^.*(情况说明|总体说明)(?=.)")
_LEAD_WORD = re.compile(r"^(其中|主要包括|包括|及|和)[:，,]?")
_YEAR_FIRST = re.compile(r"^\d{4}年(度)?")


_PARSER: Optional[Lark] = None


def claim_parser() -> Lark:
    global _PARSER
    if _PARSER is None:
        _PARSER = cached_lalr("claims", GRAMMAR.read_text(encoding="utf-8"), TokenLexer)
    return _PARSER


def _basis_text(tok: Tok) -> str:
    """``比上年预算`` -> ``上年预算``; ``与2023年度相比`` -> ``2023年度``; ``同比`` -> ``上年``."""
    text = tok.text
    if text == "同比":
        return "上年"
    text = re.sub(r"(相比|比较)$", "", text)
    return text[1:] if text[:1] in "比较与" else text


def read_sentence(sentence: ProseSentence, section: Optional[Section], vocab: Vocabulary) -> list[Claim]:
    """Read the clauses of one squeezed sentence with the claim grammar."""
    text = sentence.text
    claims: list[Claim] = []
    if re.match(r"^(其中|包括)", text):
        sentence.opens_with_lead = True
    if not may_hold_claims(text, vocab):
        sentence.claims = claims
        return claims
    toks = tokenize(text, vocab)
    # 决算数小于预算数: a comparison of an outturn with a budget, stated in words only
    for i, tok in enumerate(toks):
        # 比上年持平 / 比2023年预算执行数持平 compare with last year, not with a budget
        if i and toks[i - 1].type == "BASIS":
            continue
        if tok.type in ("CMP", "FLAT") and sentence.comparison is None:
            sentence.comparison = _comparison(text, tok, vocab, sentence)
    if not any(t.type in ("AMT", "PCT", "NUM") for t in toks):
        sentence.claims = claims
        return claims
    try:
        # the grammar run by hand (claim_parse.py); Lark only to raise on what it rejects
        tree = parse_claim_types([t.type for t in toks])
        if tree is None:
            tree = claim_parser().parse(toks)
    except LarkError:  # the grammar accepts any token order; a safety net
        sentence.unread = tuple(t.text for t in toks if t.type in ("AMT", "PCT"))
        sentence.claims = claims
        return claims
    used: set[int] = set()
    state = _Reading(text, sentence, section, claims, used)
    for item in tree.children:
        if isinstance(item, Tree):
            state.item(item, toks)
    _prior_from_outturn(claims, vocab)
    for claim in claims:
        claim.text = text
        _give_role(claim, vocab)
    sentence.claims = claims
    sentence.unread = tuple(t.text for i, t in enumerate(toks) if t.type in ("AMT", "PCT") and i not in used)
    return claims


class _Reading:
    """The claims of one sentence, built item by item from its parse."""

    def __init__(self, text, sentence, section, claims, used):
        self.text, self.sentence, self.section, self.claims, self.used = text, sentence, section, claims, used
        self.last_end = 0  # end of the last figure read: a subject starts after it
        self.current: Optional[Claim] = None
        self.pending_basis: Optional[Tok] = None  # ``与上年相比，`` before the clause it is for

    def line(self, tok: Tok) -> int:
        return self.sentence.offsets[tok.start]

    def open(self, at: int) -> Claim:
        claim = _new_claim(self.text, self.sentence, self.section, self.last_end, at)
        self.claims.append(claim)
        self.current = claim
        return claim

    def item(self, tree: Tree, toks: list[Tok]) -> None:
        parts = [(p.data, [toks[int(t.value)] for t in p.children], [int(t.value) for t in p.children])
                 for p in tree.children if isinstance(p, Tree)]
        if tree.data == "clause":
            amt = toks[int(tree.children[0].value)]
            self.used.add(int(tree.children[0].value))
            claim = self.open(amt.start)
            claim.amount, claim.unit, claim.line = parse_figure(amt.number), amt.unit, self.line(amt)
            if LEAD_AFTER.match(self.text[amt.end :]):
                claim.lead = True
            self.last_end = amt.end
            fresh = False
        else:
            fresh = True
        for kind, ptoks, indexes in parts:
            if kind == "basis":
                self.pending_basis = ptoks[0]
                if not fresh and self.current is not None and not self.current.basis:
                    self.current.basis = _basis_text(ptoks[0])
                continue
            if fresh or self.current is None:
                first = self.pending_basis if self.pending_basis is not None and self.pending_basis.end <= ptoks[0].start else ptoks[0]
                opening = not self.claims and _only_separators(self.text[: first.start])
                claim = self.open(first.start)
                claim.family = "opening" if opening else "change"
                claim.line = self.line(ptoks[0])
                if self.pending_basis is not None:
                    claim.basis = _basis_text(self.pending_basis)
                fresh = False
            claim = self.current
            if kind != "flat" and not self._attach(claim, kind, ptoks):
                # a second change in one clause: a clause of its own (``…，其中:…增加 Z 万元``)
                claim = self.open(ptoks[0].start)
                claim.family = "change"
                claim.line = self.line(ptoks[0])
                self._attach(claim, kind, ptoks)
            elif kind == "flat":
                claim.flat, claim.flat_line = True, self.line(ptoks[0])
            self.used.update(indexes)
            figure = [t for t in ptoks if t.type in ("AMT", "PCT", "NUM")]
            if figure:
                self.last_end = figure[-1].end
            if kind in ("change", "rate", "bare_rate", "prior"):
                self.pending_basis = None

    def _attach(self, claim: Claim, kind: str, ptoks: list[Tok]) -> bool:
        """Give ``claim`` the phrase; False when it has one of that kind already."""
        head, fig = ptoks[0], ptoks[-1]
        value, line = parse_figure(fig.number), self.line(fig)
        if kind == "share":
            if claim.share is None:
                claim.share, claim.share_of, claim.share_line = value, _share_whole(head.text), line
            return True
        if kind == "prior":
            if claim.prior is None:
                claim.prior, claim.prior_line = value, line
                claim.basis = _basis_text(head)
            return True
        if kind == "completion":
            if claim.completion is None:
                claim.completion, claim.completion_line = value, line
                claim.completion_of = re.sub(r"^完成|的$", "", head.text)
            return True
        word, sign = _word(head)
        if kind == "change":
            if claim.change is not None:
                return False
            claim.change_word, claim.change_sign = word, sign
            claim.change, claim.change_unit, claim.change_line = value, fig.unit, line
            if not claim.basis and self.pending_basis is not None:
                claim.basis = _basis_text(self.pending_basis)
            return True
        if kind == "rate":
            if claim.rate is None:
                claim.rate_word, claim.rate_sign, claim.rate, claim.rate_line = word, sign, value, line
                if not claim.basis and self.pending_basis is not None:
                    claim.basis = _basis_text(self.pending_basis)
            return True
        if kind == "bare_rate":
            if claim.rate is None and claim.bare_rate is None:
                claim.rate_word, claim.rate_sign, claim.bare_rate, claim.rate_line = word, sign, value, line
            return True
        return True


def _only_separators(text: str) -> bool:
    return all(ch in BOUNDARY for ch in text)


def _word(tok: Tok) -> tuple[str, int]:
    word = tok.text[:-1] if tok.text.endswith("了") else tok.text
    return word, (1 if tok.type == "UP" else -1)


def _share_whole(text: str) -> str:
    """``占本年支出合计的`` -> ``本年支出合计``: what the share is said to be of."""
    return re.sub(r"的?(比重|比例)?$", "", text[1:]) if text.startswith("占") else text


def _comparison(text: str, tok: Tok, vocab: Vocabulary, sentence: ProseSentence):
    """``决算数小于全年预算数`` / ``决算数与全年预算数持平``: an outturn against a budget,
    both named around the word; anything else (``比上年持平``) is no such comparison."""
    if tok.type == "FLAT" or tok.text in vocab.equal:
        sense = "equal"
    elif tok.text in vocab.greater:
        sense = "greater"
    else:
        sense = "less"
    before, after = text[max(0, tok.start - 12) : tok.start], text[tok.end : tok.end + 12]
    around = before + after
    if not any(w in before for w in vocab.actual) or not any(w in around for w in vocab.budget):
        return None
    named = next((w for w in sorted(vocab.budget, key=len, reverse=True) if w in around), "")
    # 预算 / 预算数 alone name no particular budget: any stated budget may be meant
    specific = named if len(named.rstrip("数")) > 2 else ""
    return (sense, tok.text, sentence.offsets[tok.start], specific)


def _give_role(claim: Claim, vocab: Vocabulary) -> None:
    """An amount whose subject ends in a budget word (``年初预算为``) or an outturn word
    (``支出决算为``) is that figure of its item."""
    if claim.amount is None:
        return
    subject = _ROLE_TAIL.sub("", claim.subject)
    for role, words in (("actual", vocab.actual), ("budget", vocab.budget)):
        for word, bare in _longest_first(words):
            if subject.endswith(word) or subject.endswith(bare):
                claim.role, claim.role_word = role, word
                return


_ROLE_TAIL = re.compile(r"(为|是|数为|数)$")


@lru_cache(maxsize=32)
def _longest_first(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    # a profile's word list, sorted once rather than once per claim (a pack's data,
    # not a document's: the same few lists for every document)
    return tuple((w, w.rstrip("数")) for w in sorted(words, key=len, reverse=True))


def _prior_from_outturn(claims: list[Claim], vocab: Vocabulary) -> None:
    """``2023年当年预算执行数为 60.79 万元，2024年预算安排 88.87 万元，比2023年预算执行数
    增加 46.19%``: the rate is against the outturn stated before it in the sentence."""
    for before, claim in zip(claims, claims[1:]):
        if claim.prior is not None or claim.amount is None or before.amount is None or not claim.basis:
            continue
        if claim.rate is None and claim.change is None and not claim.flat:
            continue
        words = [w for w in vocab.actual if w in claim.basis]
        if words and any(w in before.subject for w in words) and before.unit == claim.unit:
            claim.prior, claim.prior_line = before.amount, before.line


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
    vocab = vocabulary(doc.profile.section("claims") or {})
    for passage in found:
        passage_sentences = sentences(passage)
        context = " / ".join(titles.get(id(sec), sec.number + sec.title) for sec in passage.sections if sec.kind == "heading")
        previous: Optional[Claim] = None  # the last amount of the sentences before
        for sentence in passage_sentences:
            read = read_sentence(sentence, passage.section, vocab)
            if read and previous is not None and _continues_previous(read[0], previous):
                _merge(previous, read[0])
                read = read[1:]
                sentence.claims = read
                sentence.continues = previous
            for claim in read:
                if claim.family == "opening":
                    claim.family = "change"
                claim.section = context
                claim.section_line = passage.section.line if passage.section is not None else None
                passage.claims.append(claim)
            amounts = [c for c in read if c.amount is not None]
            if amounts:
                previous = amounts[-1]
        passage.sentences = passage_sentences
        _name_items(passage.claims)
        claims.extend(passage.claims)
        if passage.paragraph is not None and isinstance(passage.paragraph, Paragraph):
            passage.paragraph.claims = list(passage.claims)
    groups = assign_groups(found, vocab.list_header)
    return ClaimReading(found, claims, groups)


def _name_items(claims: list[Claim]) -> None:
    """Claims of a passage whose subject names a figure, not an item (a budget, an
    outturn, a prior figure's year), are about the item the passage opened with."""
    head = next((c for c in claims if c.code_names), None)
    if head is None:
        return
    for claim in claims:
        if claim is not head and (claim.role or claim.prior is not None or claim.completion is not None):
            claim.item = head.code_names[-1]


def _continues_previous(claim: Claim, previous: Claim) -> bool:
    """``项目支出预算数为 5,573 万元。与上年相比增加 40 万元，增长 0.72 %``: a sentence that
    opens with its comparison (no subject, no amount) goes on with the amount before."""
    if claim.family != "opening" or claim.amount is not None:
        return False
    if previous.change is not None or previous.rate is not None or previous.flat or previous.bare_rate is not None:
        return False
    return claim.change is None or claim.change_unit == previous.unit


def _merge(previous: Claim, claim: Claim) -> None:
    for name in ("basis", "prior", "prior_line", "change_word", "change_sign", "change", "change_unit", "change_line",
                 "rate_word", "rate_sign", "rate", "rate_line", "bare_rate", "flat", "flat_line",
                 "completion", "completion_of", "completion_line"):
        value = getattr(claim, name)
        if value not in (None, "", False, 0):
            setattr(previous, name, value)
    previous.family = "continued"


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
