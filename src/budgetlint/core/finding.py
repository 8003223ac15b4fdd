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
    # The column keys the finding is about (a sum's column), for boxing their cells.
    columns: tuple[str, ...] = ()
    place: Optional[Place] = None

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
        if self.place is not None:
            out["place"] = self.place.to_dict()
        return out
