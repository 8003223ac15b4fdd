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
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._hygiene import JoinedTexts, any_match, pattern_list, scan, section

NAME = "doubled-punctuation"
READS = ("sections",)
PARAMS: dict = {}
SELECT: dict = {}
FIELDS = ("detail", "marks")  # what a message template may name
CONTEXT = 12  # characters shown before the marks


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    hyg = section(doc)
    patterns = pattern_list(hyg.get("doubled"))
    nodes = [n for n in doc.walk() if isinstance(n, (Paragraph, Section))]
    texts = [n.text if isinstance(n, Paragraph) else n.title for n in nodes]
    joined = JoinedTexts(texts)
    hits = sorted((i, start, m.group(0)) for pattern in patterns for i, start, m in scan(joined, pattern))
    for i, start, marks in hits:
        if not marks.strip() or any_match(hyg.get("ellipsis"), marks):
            continue
        node, text = nodes[i], texts[i]
        line = node.line
        if isinstance(node, Paragraph) and node.offsets:
            line = node.offsets[min(start, len(node.offsets) - 1)]
        yield rule.finding(
            doc, line, page=getattr(node, "page", None),
            msg="doubled-punctuation.found", words={"context": text[max(0, start - CONTEXT): start]},
            marks=marks, actual=marks,
        )
