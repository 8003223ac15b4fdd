"""Readings: whole-document views built from the tree (claims, project places, the
预算绩效情况 summary), each at most once, on first use."""

from __future__ import annotations

from budgetlint.core.model import Document
from budgetlint.core.readings import Readings
from budgetlint.readings.claims import read_claims
from budgetlint.readings.projects import perf_summaries, read_project_places


def attach_readings(doc: Document) -> Document:
    """Give ``doc`` its lazy views (the parser does this for every document)."""
    doc.readings = Readings(
        {
            "claims": lambda: read_claims(doc),
            "project_places": lambda: read_project_places(doc),
            "perf_summaries": lambda: perf_summaries(doc),
        }
    )
    return doc


__all__ = ["attach_readings"]
