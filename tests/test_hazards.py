"""The same disclosure extracted another way gives the same findings (issue 13).

Every corpus document is parsed and linted once (module fixture); each transform of
tests/hazards.py, alone and in random compositions, must then leave the findings as they
were: no new warning or error, no new info, no finding lost or moved off the lines the
transform mapped it to. The one exception is a finding about a cell the transform made
truly ambiguous (``Text.silent``): there the linter may go silent, and the test names
those cells when it does.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hazards as H
from budgetlint.ingest import load_path
from budgetlint.linter.lint import lint_document
from budgetlint.parse import parse_source
from budgetlint.rules.loader import load_pack
from conftest import CORPUS, corpus_path

DOCS = H.CORPUS_DOCS
# Transforms the readers do not yet survive on every corpus document (issue 13 stays
# open for them); bench_hazards.py --alone measures them. Not silently skipped: the
# test below fails as soon as one of them starts to hold, so it is moved here.
NOT_YET = {
    "break-figures-anywhere": "cuts between decimal digits of project-table rows",
    "rewrap-narrow": "a 。 wrapped to a line's end reads as a paragraph's end (urumqi L1033: 其中 group cut, 1 lost)",
}
HOLDING = sorted(set(H.TRANSFORMS) - set(NOT_YET))
_ORIGINALS: dict = {}
_PACKS: dict = {}


def original(name: str) -> H.Original:
    corpus_path(name)  # skips where the shared corpus is absent
    if name not in _ORIGINALS:
        if not _PACKS:
            _PACKS.update({n: load_pack(n) for n in ("core", "xinjiang")})
        _ORIGINALS[name] = H.load_original(CORPUS, name, _PACKS)
    return _ORIGINALS[name]


def assert_same(name: str, chain: list[str], seed: int, text: H.Text, diff: H.Diff) -> None:
    assert diff.ok(), f"{name} {','.join(chain)} seed {seed}:\n{diff.describe()}"
    for f in diff.silenced:
        # The only findings allowed to go: about a cell the transform made ambiguous.
        assert {f.line, *(r.line for r in f.related)} & text.silent


@pytest.mark.parametrize("transform", HOLDING)
@pytest.mark.parametrize("name", DOCS)
def test_each_transform_alone_keeps_the_findings(name, transform):
    doc = original(name)
    text, diff = H.check(doc, [transform], 0)
    assert_same(name, [transform], 0, text, diff)


def test_the_transforms_change_the_documents():
    """A transform that changes nothing would pass vacuously: each changes at least one
    corpus document, and every original has findings to keep."""
    unchanged = []
    for transform in H.TRANSFORMS:
        changed = False
        for name in DOCS:
            doc = original(name)
            text = H.apply(doc.text, [transform], 0)
            if text.lines != doc.text.lines or text.crlf:
                changed = True
                break
        if not changed:
            unchanged.append(transform)
    assert not unchanged
    assert all(original(name).findings for name in DOCS)


# Compositions found by benchmarks/bench_hazards.py, pinned: (document, transforms, seed).
PINNED = [
    ("urumqi-gaoxin-hrss-2023.txt", ["break-figures", "glued-page-numbers"], 1),
    ("changji-city-hrss-2023.txt", ["break-figures", "crlf"], 0),
    ("other-provinces/jiangsu-procuratorate-2018-budget.txt", ["drop-thousands", "break-figures", "fullwidth"], 3),
]


@pytest.mark.parametrize("name,chain,seed", PINNED)
def test_pinned_compositions_from_files(name, chain, seed, tmp_path):
    """Each pinned case is written to a file (bytes as an extractor would leave them,
    CRLF included) and linted from the file, as a reviewer would."""
    doc = original(name)
    text = H.apply(doc.text, chain, seed)
    path = tmp_path / name.split("/")[-1]
    path.write_bytes(text.render().encode("utf-8"))
    findings = lint_document(parse_source(load_path(path)), doc.pack)
    diff = H.compare(doc.findings, [f for f in findings], text)
    assert_same(name, chain, seed, text, diff)


@settings(max_examples=24, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(DOCS),
    chain=st.lists(st.sampled_from(HOLDING), min_size=2, max_size=4, unique=True),
    seed=st.integers(min_value=0, max_value=10**6),
)
def test_random_compositions_keep_the_findings(name, chain, seed):
    doc = original(name)
    text, diff = H.check(doc, chain, seed)
    assert_same(name, chain, seed, text, diff)


@pytest.mark.parametrize("transform", sorted(NOT_YET))
def test_not_yet_list_is_current(transform):
    """Each transform of NOT_YET still changes the findings of some corpus document
    (the day it stops, it belongs with the others, under the property)."""
    assert any(not H.check(original(name), [transform], 0)[1].ok() for name in DOCS)
