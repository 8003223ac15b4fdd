"""The claim grammar (claims.lark) run by hand: the same tree as its LALR parser.

The grammar is a run of items, each read greedily left to right, where Lark resolves
every shift/reduce conflict as a shift; one token of lookahead decides everything.
Spelt out:

- between items: AMT opens a clause; UP/DOWN before AMT/PCT/NUM, DONE before PCT,
  BASIS (before AMT: a prior figure) and FLAT open an orphan; any other token is
  left alone (a bare token in the tree);
- inside a clause or orphan: SHARE, UP, DOWN, DONE, BASIS and FLAT are shifted as
  a phrase of it, and a phrase left incomplete (``占…的`` with no PCT) is a parse
  error, as the LALR parser has it; any other token ends the clause.

Lark's parser was a third of the time of reading a sentence's claims; this walk is
a few list look-ups per token. ``parse`` returns None on what the parser rejects,
so the caller can let Lark raise its own error (tests check both agree on every
short token sequence)."""

from __future__ import annotations

from typing import Optional, Sequence

from lark import Token, Tree

# A phrase's head and the tokens that may complete it, and the rule each makes.
_WITH_FIGURE = {
    "UP": {"AMT": "change", "PCT": "rate", "NUM": "bare_rate"},
    "DOWN": {"AMT": "change", "PCT": "rate", "NUM": "bare_rate"},
    "SHARE": {"PCT": "share"},
    "DONE": {"PCT": "completion"},
    "BASIS": {"AMT": "prior"},
}
# A phrase of one token: BASIS before anything but AMT, FLAT always.
_ALONE = {"BASIS": "basis", "FLAT": "flat"}
# What may open an orphan between items (SHARE may not: the grammar's _opening).
_OPENS = frozenset({"UP", "DOWN", "DONE", "BASIS", "FLAT"})
_TYPES = frozenset({"AMT", "PCT", "NUM", "UP", "DOWN", "FLAT", "SHARE", "BASIS", "DONE", "LEAD", "CMP", "W"})


def _phrase(types: Sequence[str], i: int) -> tuple[Optional[str], int]:
    """The phrase starting at ``i``: its rule and its length; (None, 0) when the
    tokens there make none."""
    head = types[i]
    nxt = types[i + 1] if i + 1 < len(types) else None
    rule = _WITH_FIGURE.get(head, {}).get(nxt) if nxt is not None else None
    if rule is not None:
        return rule, 2
    alone = _ALONE.get(head)
    if alone is not None:
        return alone, 1
    return None, 0


def parse(types: Sequence[str]) -> Optional[Tree]:
    """The tree of the token types ``types`` (each token's value its index, as
    ``TokenLexer`` gives them); None where the LALR parser raises."""
    if any(t not in _TYPES for t in types):
        return None
    items: list = []
    n = len(types)
    i = 0
    while i < n:
        head = types[i]
        if head == "AMT":
            children: list = [Token("AMT", str(i))]
            i += 1
            kind = "clause"
        elif head in _OPENS:
            rule, length = _phrase(types, i)
            if rule is None:  # UP / DOWN / DONE with no figure after them: a bare token
                items.append(Token(head, str(i)))
                i += 1
                continue
            children = [_phrase_tree(rule, types, i, length)]
            i += length
            kind = "orphan"
        else:
            items.append(Token(head, str(i)))
            i += 1
            continue
        # the tails of the clause: greedy, every conflict a shift
        while i < n and (types[i] in _WITH_FIGURE or types[i] in _ALONE):
            rule, length = _phrase(types, i)
            if rule is None:
                return None  # a phrase head shifted with nothing to complete it
            children.append(_phrase_tree(rule, types, i, length))
            i += length
        items.append(Tree(kind, children))
    return Tree("start", items)


def _phrase_tree(rule: str, types: Sequence[str], start: int, length: int) -> Tree:
    return Tree(rule, [Token(types[start + k], str(start + k)) for k in range(length)])
