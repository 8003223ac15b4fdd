"""What makes a finding the same finding in the next draft.

A reviewer re-lints draft after draft of one disclosure: the text is re-extracted,
re-wrapped, edited elsewhere, so line numbers and message wording move. A finding is
identified by what it is about: its rule, the kind of document, the kind of table, the
row or prose subject (a row by its classification code where it has one, so a name cut
by the extractor does not matter) and the column. The figures are not part of it:
they are the finding's *state*, so a known finding whose figures changed is the same
finding, changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from typing import Optional

from budgetlint.core.figures import name_key, pattern_text
from budgetlint.core.finding import Finding
from budgetlint.core.model import Document

# The fields that say what a finding is about (in this order), as the check kinds
# fill them; the others (detail, amounts, totals) are figures or prose.
SUBJECT_FIELDS = ("row", "subject", "project", "indicator", "left", "right", "what", "number")
COLUMN_FIELD = "column"

_CODE_LABEL = re.compile(r"^(\d{3}(?:\s*\d{2}){0,3})(?:\s|$)")
# Figures inside a subject (a name the extractor ran into its amount) are not identity.
_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Where a message or computation points ("（第 758 行）", "line 12"): not a figure.
_LINE_REF = re.compile(r"[（(]?第\s*\d+\s*行[）)]?|\blines? \d+(?:[-–]\d+)?\b|\bL\d+\b")


@dataclass(frozen=True)
class Identity:
    rule: str
    document_kind: str
    table_kind: str
    subject: str
    column: str

    def fingerprint(self) -> str:
        key = "\x1f".join((self.rule, self.document_kind, self.table_kind, self.subject, self.column))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def document_kind(doc: Document) -> str:
    """The document's kind (budget, final-accounts) as its profile tells it from the title."""
    title = pattern_text(doc.title or "")
    for entry in doc.profile.section("document_kinds") or ():
        if any(re.search(p, title) for p in entry.get("titles", ())):
            return str(entry.get("kind", ""))
    return ""


def subject_key(text: str) -> str:
    """A row label or subject in its comparable form: a classification code alone when
    the label starts with one (``208 01 01 行政运行`` -> ``2080101``), else the name
    normalised, without figures."""
    text = text.strip()
    code = _CODE_LABEL.match(text)
    if code:
        return re.sub(r"\s", "", code.group(1))
    return name_key(_FIGURE.sub("", text))


def identity(f: Finding, doc_kind: str) -> Identity:
    subjects = [subject_key(f.fields[k]) for k in SUBJECT_FIELDS if f.fields.get(k)]
    if not subjects:
        # A check that names no subject: its sentence without figures or line numbers,
        # in Chinese whatever the run's language, so that a baseline written with
        # --lang en matches a run in Chinese.
        text = f.said or f.message
        subjects = [name_key(_NUMBER.sub("#", _LINE_REF.sub("", text)))]
    # A finding over several columns that repeat the same figures is known by the
    # first: when one of them changes, the finding that keeps the first is the same one.
    column = name_key(f.fields.get(COLUMN_FIELD, "").split(",")[0])
    return Identity(f.rule, doc_kind, f.table_kind or "", "|".join(subjects), column)


def state(f: Finding) -> str:
    """The figures of a finding: what may change while it stays the same finding."""
    return "\x1f".join(_LINE_REF.sub("", x or "") for x in (f.actual, f.expected, f.computation))


def with_fingerprint(f: Finding, doc_kind: str) -> Finding:
    return dataclasses.replace(f, fingerprint=identity(f, doc_kind).fingerprint())


def fingerprinted(findings: list[Finding], doc: Optional[Document]) -> list[Finding]:
    kind = document_kind(doc) if doc is not None else ""
    return [with_fingerprint(f, kind) for f in findings]
