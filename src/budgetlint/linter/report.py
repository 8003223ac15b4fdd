"""The result of linting a batch: what every reporter renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..rules.base import Rule
from .finding import Finding


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: Optional[str] = None  # one-line reason the file could not be read or parsed
    source_lines: tuple[str, ...] = ()  # decoded input lines, for excerpts (1-based: index + 1)
    pages: dict[int, int] = field(default_factory=dict)  # line -> page, where the form has pages
    form: Optional[str] = None


@dataclass
class Report:
    files: list[FileResult]
    rules: dict[str, Rule] = field(default_factory=dict)  # by id: every rule of the pack that ran
    pack: str = "core"

    @property
    def findings(self) -> list[Finding]:
        return [f for fr in self.files for f in fr.findings]
