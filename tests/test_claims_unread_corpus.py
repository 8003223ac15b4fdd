"""Every claim sentence of the corpus is read by the claim grammar, checked from outside it.

A plain keyword detector, which knows nothing of the grammar, picks the candidate
sentences of each document's prose: a figure (an amount in 万元/元 or a percent) with a
word of change, share, completion or comparison (增加/减少/增长/下降/占/完成/持平/大于/
小于/等于 and their synonyms), before the sentence turns to its reasons (主要原因…: the
figures there explain, they state nothing). Each figure of a candidate must be a figure
of a claim read from that sentence, and ``parse --unread`` must list none of them.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

from budgetlint.reporters.tree import unread_sentences
from conftest import CORPUS_FILES, parsed

OTHER = [
    "jiangsu-cppcc-office-2018-budget.txt", "jiangsu-cppcc-office-2018-budget-tables.txt",
    "jiangsu-high-court-2018-budget.txt", "jiangsu-procuratorate-2018-budget.txt",
    "shanghai-dept-final-accounts-template-2024.txt", "shanghai-putuo-social-work-dept-2024-final-accounts.txt",
    "shanghai-putuo-wanli-subdistrict-2024-budget.txt", "shanghai-putuo-wanli-subdistrict-2025-budget.txt",
]
DOCUMENTS = sorted(CORPUS_FILES) + ["other-provinces/" + name for name in OTHER]

FIGURE = re.compile(r"(?<![\d.,])((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(万元|元|%)")
KEYWORDS = re.compile("增加|减少|增长|下降|降低|上升|下滑|提高|增幅|降幅|占|完成|持平|大于|小于|等于|低于|超过|一致")
EXPLAINING = re.compile("主要原因|原因是|主要用于")
CLAIM_FIGURES = ("amount", "share", "change", "rate", "prior", "completion", "bare_rate")
CONTINUED_FIGURES = ("change", "rate", "prior", "completion", "bare_rate")

# Candidate sentences the grammar rightly reads no claim from, by document and line.
NOT_CLAIMS: dict[str, dict[int, str]] = {}


def _candidates(doc):
    for passage in doc.readings.claims.passages:
        for sentence in passage.sentences:
            cut = EXPLAINING.search(sentence.text)
            stated = sentence.text[: cut.start()] if cut else sentence.text
            figures = [Decimal(n.replace(",", "")) for n, _ in FIGURE.findall(stated)]
            if figures and KEYWORDS.search(stated):
                yield sentence, figures


def _read_figures(sentence) -> Counter:
    got: Counter = Counter()
    for claim in sentence.claims:
        got.update(v for v in (getattr(claim, f) for f in CLAIM_FIGURES) if v is not None)
    if sentence.continues is not None:
        got.update(v for v in (getattr(sentence.continues, f) for f in CONTINUED_FIGURES) if v is not None)
    return got


@pytest.mark.parametrize("key", DOCUMENTS)
def test_every_candidate_claim_sentence_is_read(key):
    doc = parsed(key)
    known = NOT_CLAIMS.get(key, {})
    missed = []
    count = 0
    for sentence, figures in _candidates(doc):
        count += 1
        line = sentence.offsets[0]
        left = Counter(figures) - _read_figures(sentence)
        if (left or sentence.unread) and line not in known:
            missed.append((line, sentence.text[:80], sorted(left)))
    assert not missed, missed
    assert count > 0 or key.endswith(("template-2024.txt", "tables.txt")), "the detector found no candidate"
    unread = [(line, text[:60]) for line, text, _ in unread_sentences(doc) if line not in known]
    assert unread == []


def test_the_detector_sees_a_sentence_the_grammar_does_not_read():
    """The detector is not the grammar: a share written as ``比例为 Y%`` (a phrasing the
    grammar lacks) is a candidate, its percent is read by no claim, and ``parse
    --unread`` lists it."""
    from budgetlint.parse import parse_text

    doc = parse_text("第三部分 情况说明\n一、支出预算情况说明\n基本支出 30.00 万元，比例为 12.5%，比上年增加 5.00 万元。\n")
    found = list(_candidates(doc))
    assert found, "the detector picks the sentence"
    sentence, figures = found[0]
    assert Counter(figures) - _read_figures(sentence) == Counter([Decimal("12.5")])
    assert [figures for _, _, figures in unread_sentences(doc)] == [("12.5%",)]
