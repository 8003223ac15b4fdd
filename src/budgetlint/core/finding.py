"""What a check reports. Reporters read nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Related:
    """Another place that takes part in the finding (a child row, the other table)."""

    line: int
    message: str


Box = tuple[float, float, float, float]  # as core.model.Box: x0, top, x1, bottom in points


@dataclass(frozen=True)
class Place:
    """Where a finding stands on a printed page (input read from a .pdf): the region a
    reviewer should see (the part of the table printed on that page, or the lines of a
    paragraph) and the cells in it to box."""

    page: int
    region: Box
    marks: tuple[Box, ...] = ()

    def to_dict(self) -> dict:
        return {"page": self.page, "region": list(self.region), "marks": [list(m) for m in self.marks]}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str  # stable id, e.g. BL101; "BL000" for a file that could not be read
    name: str  # kebab-case rule name
    severity: str  # error | warning | info
    message: str
    expected: Optional[str] = None  # decimals as printed strings, so JSON keeps them exact
    actual: Optional[str] = None
    computation: Optional[str] = None  # e.g. "817.59 ≠ 592.83 + 159.37 + 65.39 = 817.58"
    end_line: Optional[int] = None
    page: Optional[int] = None
    related: tuple[Related, ...] = field(default_factory=tuple)
    # What the finding is about, as data: the fields the check filled its message
    # template with (table, row, column, subject, ...: figures as printed strings) and
    # the kind of the table involved. Baselines fingerprint findings by them.
    fields: dict[str, str] = field(default_factory=dict, hash=False)
    table_kind: Optional[str] = None
    fingerprint: Optional[str] = None  # set by the linter (budgetlint.linter.fingerprint)
    # Against a baseline or an earlier draft: new | changed | unchanged (| fixed for
    # one that is gone); ``previous`` holds the figures a changed finding had.
    status: Optional[str] = None
    previous: Optional[str] = None
    # The column keys the finding is about (a sum's column), for boxing their cells.
    columns: tuple[str, ...] = ()
    place: Optional[Place] = None
    # The message catalogue key the check's sentence came from (``tree-sum.rows``):
    # what the finding says, whatever the language it was said in.
    message_id: Optional[str] = None
    # That sentence in Chinese, whatever the run's language: what a finding that names
    # no subject is known by in a baseline (not part of any report).
    said: Optional[str] = field(default=None, compare=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.rule, self.message)

    def to_dict(self) -> dict:
        out = {
            "path": self.path,
            "line": self.line,
            "end_line": self.end_line or self.line,
            "page": self.page,
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
        }
        if self.expected is not None:
            out["expected"] = self.expected
        if self.actual is not None:
            out["actual"] = self.actual
        if self.computation is not None:
            out["computation"] = self.computation
        if self.related:
            out["related"] = [{"line": r.line, "message": r.message} for r in self.related]
        if self.table_kind is not None:
            out["table_kind"] = self.table_kind
        if self.fields:
            out["fields"] = dict(self.fields)
        if self.fingerprint is not None:
            out["fingerprint"] = self.fingerprint
        if self.status is not None:
            out["status"] = self.status
        if self.previous is not None:
            out["previous"] = self.previous
        if self.place is not None:
            out["place"] = self.place.to_dict()
        if self.message_id is not None:
            out["message_id"] = self.message_id
        return out
