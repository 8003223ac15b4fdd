"""The outline builder leaves tokens unvisited (issue 16): true only while no method of
it is named after a token type the grammar declares."""

from __future__ import annotations

import re

from budgetlint.outline import outline


def test_no_builder_method_is_named_after_a_token_type():
    grammar = outline.GRAMMAR.read_text(encoding="utf-8")
    declared = re.search(r"^%declare (.+)$", grammar, re.M).group(1).split()
    assert "TEXT" in declared and "TROW" in declared
    assert not [name for name in declared if hasattr(outline._Builder, name)]
