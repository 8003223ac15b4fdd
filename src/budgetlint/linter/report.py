"""The result of linting a batch, whole: what the reporters that need every file
at once (HTML, SARIF, JUnit, statistics) render."""

from __future__ import annotations

from dataclasses import dataclass, field

from budgetlint.core.finding import Finding
from budgetlint.core.results import FileResult, RunInfo


@dataclass
class Report:
    files: list[FileResult]
    rules: dict = field(default_factory=dict)  # by id: every rule of the pack that ran
    pack: str = "core"

    @property
    def findings(self) -> list[Finding]:
        return [f for fr in self.files for f in fr.findings]

    @classmethod
    def of(cls, run: RunInfo, files: list[FileResult]) -> "Report":
        return cls(files=files, rules=dict(run.rules), pack=run.pack)



