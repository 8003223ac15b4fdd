"""doubled-punctuation: a sentence mark typed twice (``。。``, ``，，``, ``，。``).

The prose and the headings are searched (not the table cells, whose text the
extractor joins). The profile says which runs are slips (``hygiene.doubled``) and
which stand for an ellipsis (``hygiene.ellipsis``: three or more of one mark, as a
template writes ``4 。。。``); the dot leaders of a table of contents (``……``) are not
sentence marks.

Message fields: detail, marks.
"""

from __future__ import annotations

from typing import Iterator

from budgetlint.core.finding import Finding
from budgetlint.core.model import Document, Paragraph, Section
from budgetlint.core.patterns import compile_pattern
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._hygiene import any_match, pattern_list, section

NAME = "doubled-punctuation"
READS = ("sections",)
PARAMS: dict = {}
SELECT: dict = {}
FIELDS = ("detail", "marks")  # what a message template may name
CONTEXT = 12  # characters shown before the marks


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    hyg = section(doc)
    patterns = pattern_list(hyg.get("doubled"))
    for node in doc.walk():
        if isinstance(node, Paragraph):
            text, where = node.text, (lambda i, n=node: n.offsets[min(i, len(n.offsets) - 1)] if n.offsets else n.line)
        elif isinstance(node, Section):
            text, where = node.title, (lambda i, n=node: n.line)
        else:
            continue
        for pattern in patterns:
            for m in compile_pattern(pattern).finditer(text):
                marks = m.group(0)
                if not marks or any_match(hyg.get("ellipsis"), marks):
                    continue
                before = text[max(0, m.start() - CONTEXT): m.start()]
                yield rule.finding(
                    doc, where(m.start()), page=getattr(node, "page", None),
                    detail=f"标点重复：“…{before}{marks}”",
                    marks=marks, actual=marks,
                )
