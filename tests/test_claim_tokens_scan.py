"""The tokeniser tries its pattern only where a token can start (claim_tokens._matches):
the matches must be exactly those of a plain ``finditer``, for every pack's words."""

import pytest

from budgetlint.readings.claim_tokens import _matches, stated_limit, vocabulary
from budgetlint.rules.loader import load_pack
from conftest import CORPUS

PACKS = ("core", "jiangsu", "shanghai", "xinjiang")


def _texts() -> list[str]:
    paths = sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")
    paths += sorted((CORPUS / "other-provinces").glob("*.txt"))
    texts = []
    for path in paths:
        # whole lines, squeezed as a claim sentence is: every word, figure and separator
        # of the corpus at every position a line puts it
        texts += ["".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
    # hand-made: figures after separators and inside numbers, words at both ends
    texts += ["增加12.5%", "比上年增加3,302.97万元，增长437.35%。", "2023年度,12,345.67元", "占", "其中:", "1.2.3万", ""]
    return texts


@pytest.mark.parametrize("pack", PACKS)
def test_matches_are_finditer_s(pack):
    vocab = vocabulary(load_pack(pack).profile.section("claims") or {})
    assert vocab.starts is not None
    for text in _texts():
        limit = stated_limit(text, vocab)
        want = [(m.span(), m.lastgroup, m.groups()) for m in vocab.pattern.finditer(text, 0, limit)]
        got = [(m.span(), m.lastgroup, m.groups()) for m in _matches(vocab, text, limit)]
        assert got == want, text
