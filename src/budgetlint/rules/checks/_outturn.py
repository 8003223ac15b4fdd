"""The budget and outturn figures of each item of a 决算's prose, for the outturn checks.

``全年预算为 52.00 万元，支出决算为 51.32 万元，完成全年预算数的 98.69%。决算数小于全年预算数
的主要原因…``: within a passage, each budget figure (by its word: 年初预算, 全年预算) and
the outturn stand until the next item restates them (a budget figure after an outturn
opens the next item). Not a check kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from budgetlint.core.readings import Claim, ClaimReading, ProseSentence


@dataclass
class ItemFigures:
    budgets: dict[str, Claim] = field(default_factory=dict)  # role word -> its figure
    actual: Optional[Claim] = None


def budget_named(figures: ItemFigures, word: str) -> list[Claim]:
    """The budget figures ``word`` can mean: the one it names, or any where it names none."""
    if not word:
        return list(figures.budgets.values())
    key = word.rstrip("数")
    return [c for w, c in figures.budgets.items() if w.rstrip("数") == key]


def walk(reading: ClaimReading) -> Iterator[tuple[ProseSentence, Optional[Claim], ItemFigures]]:
    """(sentence, claim or None, the item's figures so far), in reading order; a claim
    is yielded after the figures it states are recorded."""
    for passage in reading.passages:
        figures = ItemFigures()
        for sentence in passage.sentences:
            for claim in sentence.claims:
                if claim.role == "budget":
                    if figures.actual is not None:
                        figures = ItemFigures()
                    figures.budgets[claim.role_word] = claim
                elif claim.role == "actual":
                    figures.actual = claim
                yield sentence, claim, figures
            yield sentence, None, figures
