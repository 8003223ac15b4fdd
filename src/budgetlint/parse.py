"""Source -> Document: the outline, read by the table, performance-table and prose
readers, with the readings attached (built lazily, when a rule first reads them)."""

from __future__ import annotations

from typing import Optional

from budgetlint.core.figures import squeeze
from budgetlint.core.model import Document, Node, Section, Source
from budgetlint.core.detect import document_kind_and_level, source_texts
from budgetlint.core.profile import Profile, builtin_profile
from budgetlint.ingest import load_text
from budgetlint.outline.outline import build_outline, document_title
from budgetlint.outline.raw import ProseRun, RawTable
from budgetlint.readers.perf.table import build_perf_table
from budgetlint.readers.prose import build_paragraphs
from budgetlint.readers.failed import reader_failed
from budgetlint.readers.tables import build_table
from budgetlint.readings import attach_readings


def parse_source(source: Source, profile: Optional[Profile] = None) -> Document:
    """The tree of ``source``, read with ``profile`` (a pack's; the core pack's by default)."""
    profile = profile if profile is not None else builtin_profile("core")
    doc = Document(path=source.path, form=source.form, title=document_title(source.lines), source=source, profile=profile)
    doc.kind, doc.level, _ = document_kind_and_level(source_texts(source), profile)
    doc.children = _read(build_outline(source.lines, source.form), source.form, profile)
    return attach_readings(doc)


def parse_text(text: str, path: str = "<text>", form: Optional[str] = None, profile: Optional[Profile] = None) -> Document:
    return parse_source(load_text(text, path, form), profile)


def _read(nodes: list, form: str, profile: Profile) -> list[Node]:
    """The outline's unread contents replaced by what the readers make of them."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, ProseRun):
            out.extend(build_paragraphs(node.lines, form))
        elif isinstance(node, RawTable):
            out.append(read_table(node, profile))
        elif isinstance(node, Section):
            node.children = _read(node.children, form, profile)
            out.append(node)
        else:
            out.append(node)
    return out


def read_table(raw: RawTable, profile: Profile) -> Node:
    """A table of numbers or a performance-target table, by its head and contents."""
    if raw.head_kind == "PERF_TITLE" or (raw.head_kind == "ANON" and _names_indicators(raw)):
        try:
            return build_perf_table(raw)
        except Exception as exc:  # a reader bug must become a diagnostic, not a crash
            return reader_failed(raw, exc, text=raw.head.text)
    return build_table(raw, profile)


def _names_indicators(raw: RawTable) -> bool:
    return any("指标" in squeeze(line.text) for _, line in raw.lines[:40]) or "指标" in raw.head.text
