"""The hand-run claim grammar gives Lark's LALR tree, or fails where Lark fails."""

import itertools
import random

from lark.exceptions import LarkError

from budgetlint.readings.claim_parse import _TYPES, parse
from budgetlint.readings.claim_tokens import Tok
from budgetlint.readings.claims import claim_parser

TYPES = sorted(_TYPES)


def _lark(types):
    try:
        return claim_parser().parse([Tok(t, "x", i, i + 1) for i, t in enumerate(types)])
    except LarkError:
        return None


def _same(types):
    ours, theirs = parse(types), _lark(types)
    assert ours == theirs, (types, ours, theirs)
    return theirs is None


def test_every_short_sequence_parses_as_lark_does():
    rejected = sum(_same(seq) for n in range(4) for seq in itertools.product(TYPES, repeat=n))
    assert rejected > 0  # the rejections (``占…`` with no figure in a clause) are covered


def test_long_random_sequences_parse_as_lark_does():
    rnd = random.Random(16)
    for _ in range(3000):
        _same([rnd.choice(TYPES) for _ in range(rnd.randint(4, 16))])


def test_a_sentence_of_clauses():
    tree = parse(["W", "AMT", "SHARE", "PCT", "BASIS", "UP", "AMT", "UP", "PCT", "W", "BASIS", "AMT"])
    assert [c.data if hasattr(c, "data") else c.type for c in tree.children] == ["W", "clause", "W", "orphan"]
    assert [p.data for p in tree.children[1].children[1:]] == ["share", "basis", "change", "rate"]
    assert tree.children[3].children[0].data == "prior"


def test_a_phrase_left_incomplete_in_a_clause_is_rejected():
    assert parse(["AMT", "SHARE", "W"]) is None
    assert parse(["AMT", "UP"]) is None
    assert parse(["UP", "W"]) is not None  # between items a lone word is left alone
