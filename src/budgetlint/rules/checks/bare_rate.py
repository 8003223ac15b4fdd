"""bare-rate: a rate printed without its %.

``与上年相比增加 40 万元，增长 22。``: the number after 增长 is a rate whose per-cent sign
was lost. Where the clause gives the amount and the change, the message shows the rate
they imply.

Message fields: detail, subject, computation.
"""

from __future__ import annotations

from typing import Iterator

from budgetlint.core.i18n import phrase
from budgetlint.core.finding import Finding
from budgetlint.core.model import Document
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._claims_common import HUNDRED, change_direction

NAME = "bare-rate"
READS = ("claims",)
PARAMS = {}
SELECT = {}
FIELDS = ("detail", "subject", "computation")  # what a message template may name


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    for claim in doc.readings.claims.claims:
        if claim.bare_rate is None:
            continue
        implied, shown = "", None
        if claim.amount is not None and claim.change is not None and claim.unit == claim.change_unit:
            before = claim.amount - claim.change if change_direction(claim) > 0 else claim.amount + claim.change
            if before > 0:
                pct = (claim.change / before * HUNDRED).quantize(HUNDRED / 10000)
                implied = f"; {claim.change} / {before} = {pct}%"
                shown = phrase("bare-rate.implied", change=claim.change, before=before, pct=pct)
        # the computation is the same in every language: figures and the document's word
        computation = f"{claim.rate_word} {claim.bare_rate}{implied}"
        yield rule.finding(
            doc, claim.rate_line or claim.line, msg="bare-rate.missing",
            words={"rate_word": claim.rate_word, "rate": str(claim.bare_rate), "implied": shown},
            subject=claim.subject, computation=computation,
        )
