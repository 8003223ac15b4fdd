"""The tokens of the claim grammar (``claims.lark``), from one squeezed sentence.

A sentence of the 情况说明 is cut into figures (``X 万元`` / ``X 元`` / ``Y%``, and a
number standing alone right after an increase word: a rate whose % was dropped) and
the words the grammar knows: increase and decrease words, 持平, 占, the comparison
basis (比上年 / 与上年相比 / 较上年 / 同比 / 比 2023 年预算执行数), 完成…的, 其中, and
the words comparing a budget with its outturn (大于 / 小于 / 等于). Every other run of
text is one ``W`` token; separators alone make no token (the grammar's clauses end at
text, not at commas). Reading stops where the sentence starts explaining (主要原因…).

The words are the pack profile's ``claims:`` section (``VOCABULARY`` below is the
shape; a pack may extend each list), so a province's own phrasing is data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Mapping, Optional

from lark.lexer import Lexer, Token

from budgetlint.core.figures import NUMBER

# The keys of the profile's ``claims:`` section (each a list of words, matched as
# printed): what each word class means to the grammar.
VOCABULARY = (
    "up",  # 增加 / 增长: the amount rose
    "down",  # 减少 / 下降
    "flat",  # 持平 / 与上年数一致: no change
    "share",  # 占 (the whole follows: 占本年支出合计的)
    "lead",  # 其中 / 包括: the clauses after are parts
    "reason",  # 主要原因: figures after it explain, they do not state
    "completion",  # 完成 (…的 V%)
    "greater",  # 大于: the outturn above the budget
    "less",  # 小于
    "equal",  # 等于
    "basis_open",  # 比 / 较 / 与 (上年 …)
    "basis_period",  # 上年 / 去年 (or a year: 2023 年度)
    "basis_figure",  # 预算执行数 / 预算 / 决算: which figure of that year
    "basis_close",  # 相比 (与上年相比)
    "basis_alone",  # 同比
    "budget",  # 年初预算 / 全年预算 / 调整预算: a budget figure's subject
    "actual",  # 支出决算 / 决算数 / 执行数: an outturn figure's subject
    "list_header",  # 以下方面: a clause ending so heads a list of its parts (…主要用于以下方面：)
)
SEPARATORS = "，,、；;。:：！？!?"
_SEP_ONLY = re.compile(f"^[{SEPARATORS}]*$")
# ``6.4万；``: 万 alone is 万元 written short, but not 万人 / 万台 …
_FIGURE = rf"(?<![\d.,])({NUMBER})(万元|元|万(?![人台辆个套户册份])|%)"
# A number alone, right after an increase word (the rate's % dropped); 16 倍 is a rate
# in 倍, 2 个 a count: only a number followed by a separator or the end stands alone.
_BARE = rf"(?<![\d.,])({NUMBER})(?=[{SEPARATORS}](?!\d)|$)"


@dataclass(frozen=True)
class Vocabulary:
    pattern: re.Pattern
    reason: Optional[re.Pattern]
    kinds: Mapping[str, str]  # group name -> token type
    budget: tuple[str, ...]
    actual: tuple[str, ...]
    greater: tuple[str, ...]
    less: tuple[str, ...]
    equal: tuple[str, ...]
    list_header: tuple[str, ...] = ()
    # Any word that makes a CMP or FLAT token, matched anywhere: a sentence with no
    # digit and no such word yields no token the reader uses (see ``may_hold_claims``).
    compare: Optional[re.Pattern] = None
    # Every character a token can start with (a digit, the first character of a word):
    # ``pattern`` is tried only there (see ``_matches``).
    starts: Optional[re.Pattern] = None


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted({w for w in words if w}, key=len, reverse=True))


def _words(section: Mapping, key: str) -> tuple[str, ...]:
    value = section.get(key) or ()
    return tuple(w for w in value if isinstance(w, str) and w)


@lru_cache(maxsize=16)
def _compile(frozen: tuple) -> Vocabulary:
    section = dict(frozen)
    w = {key: _words(section, key) for key in VOCABULARY}
    parts: list[tuple[str, str, str]] = []  # (group, type, pattern)
    parts.append(("fig", "FIG", _FIGURE))
    if w["flat"]:
        parts.append(("flat", "FLAT", f"(?:{_alt(w['flat'])})"))
    if w["basis_open"] and w["basis_period"] or w["basis_alone"]:
        alone = f"|(?:{_alt(w['basis_alone'])})" if w["basis_alone"] else ""
        figure = f"(?:{_alt(w['basis_figure'])})?数?" if w["basis_figure"] else ""
        close = f"(?:{_alt(w['basis_close'])})?" if w["basis_close"] else ""
        opened = (
            f"(?:{_alt(w['basis_open'])})(?:{_alt(w['basis_period'])}|\\d{{4}}年度?)(?:当年)?{figure}{close}"
            if w["basis_open"] and w["basis_period"]
            else "(?!)"
        )
        parts.append(("basis", "BASIS", f"(?:{opened}{alone})"))
    # 占 and 完成 take the words up to their figure (占本年支出合计的 / 完成年初预算的)
    if w["share"]:
        parts.append(("share", "SHARE", f"(?:{_alt(w['share'])})[^{SEPARATORS}%\\d]*"))
    if w["completion"]:
        parts.append(("done", "DONE", f"(?:{_alt(w['completion'])})[^{SEPARATORS}%\\d]*?的"))
    if w["up"]:
        parts.append(("up", "UP", f"(?:{_alt(w['up'])})了?"))
    if w["down"]:
        parts.append(("down", "DOWN", f"(?:{_alt(w['down'])})了?"))
    if w["lead"]:
        parts.append(("lead", "LEAD", f"(?:{_alt(w['lead'])})"))
    compare = w["greater"] + w["less"] + w["equal"]
    if compare:
        parts.append(("cmp", "CMP", f"(?:{_alt(compare)})"))
    pattern = re.compile("|".join(f"(?P<{g}>{p})" for g, _, p in parts))
    # the words each branch opens with (a figure opens with a digit)
    openers = w["flat"] + w["basis_alone"] + w["share"] + w["completion"] + w["up"] + w["down"] + w["lead"] + compare
    if w["basis_open"] and w["basis_period"]:
        openers += w["basis_open"]
    starts = re.compile("[\\d" + "".join(re.escape(c) for c in sorted({word[0] for word in openers})) + "]")
    reason = re.compile(_alt(w["reason"])) if w["reason"] else None
    return Vocabulary(
        pattern=pattern,
        reason=reason,
        kinds={g: t for g, t, _ in parts},
        budget=w["budget"],
        actual=w["actual"],
        greater=w["greater"],
        less=w["less"],
        equal=w["equal"],
        list_header=w["list_header"],
        compare=re.compile(_alt(w["flat"] + compare)) if w["flat"] or compare else None,
        starts=starts,
    )


def vocabulary(section: Mapping) -> Vocabulary:
    """The compiled word classes of a profile's ``claims:`` section."""
    frozen = tuple(sorted((k, tuple(_words(section, k))) for k in VOCABULARY))
    return _compile(frozen)


@dataclass(frozen=True)
class Tok:
    type: str  # AMT PCT NUM UP DOWN FLAT SHARE BASIS DONE LEAD CMP W
    text: str
    start: int
    end: int
    number: str = ""  # the figure's digits (AMT, PCT, NUM)
    unit: str = ""  # 万元 | 元 | %


_DIGIT = re.compile(r"\d")


def may_hold_claims(text: str, vocab: Vocabulary) -> bool:
    """False when no token of ``text`` could be a figure (every figure has a digit)
    or a comparison word: tokenising such a sentence reads nothing, and most
    sentences of a disclosure are such."""
    if _DIGIT.search(text):
        return True
    return vocab.compare is not None and vocab.compare.search(text) is not None


def stated_limit(text: str, vocab: Vocabulary) -> int:
    """Where the sentence stops stating (主要原因…): figures after explain."""
    stop = vocab.reason.search(text) if vocab.reason is not None else None
    return stop.start() if stop else len(text)


def _matches(vocab: Vocabulary, text: str, limit: int) -> Iterator[re.Match]:
    """``vocab.pattern.finditer(text, 0, limit)``, the pattern tried only where a token
    can start: ``re`` tries each of its branches at every character, while the search
    for a start character runs in one pass (half the time of tokenising). No branch
    matches the empty text, so the matches are the same."""
    if vocab.starts is None:
        yield from vocab.pattern.finditer(text, 0, limit)
        return
    find, match = vocab.starts.search, vocab.pattern.match
    pos = 0
    while True:
        start = find(text, pos, limit)
        if start is None:
            return
        found = match(text, start.start(), limit)
        if found is None or found.end() == found.start():
            pos = start.start() + 1
            continue
        yield found
        pos = found.end()


def tokenize(text: str, vocab: Vocabulary) -> list[Tok]:
    limit = stated_limit(text, vocab)
    out: list[Tok] = []
    last = 0

    def gap(upto: int) -> None:
        piece = text[last:upto]
        if piece and not _SEP_ONLY.match(piece):
            out.append(Tok("W", piece, last, upto))

    for match in _matches(vocab, text, limit):
        group = match.lastgroup
        start, end = match.span()
        if group == "fig":
            number, unit = match.group(2), match.group(3)
            gap(start)
            unit = "万元" if unit.startswith("万") else unit
            out.append(Tok("PCT" if unit == "%" else "AMT", match.group(0), start, end, number, unit))
        else:
            gap(start)
            out.append(Tok(vocab.kinds[group], match.group(0), start, end))
            if group in ("up", "down"):
                bare = re.match(_BARE, text[end:limit])
                if bare:
                    out.append(Tok("NUM", bare.group(0), end, end + bare.end(), bare.group(1)))
                    end = end + bare.end()
        last = end
    gap(limit)
    return out


class TokenLexer(Lexer):
    """Feeds a ``list[Tok]`` to Lark: each token's value is its index in the list."""

    def __init__(self, lexer_conf=None):
        pass

    def lex(self, lexer_state, parser_state=None) -> Iterator[Token]:
        toks = getattr(lexer_state, "text", lexer_state)
        for index, tok in enumerate(toks):
            yield Token(tok.type, str(index), start_pos=tok.start, end_pos=tok.end)
