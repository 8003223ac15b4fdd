"""The stages between the linter and a reporter, each a sink that passes every file's
result on: record it (for --write-baseline), match it against a baseline, count what
decides the exit status, hide what is below the display threshold.

The exit status is decided on what the run reports (after suppressions and the
baseline), before the display threshold: ``--min-severity`` hides, it never passes a
run that ``--fail-on`` fails.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Optional

from budgetlint.core.finding import SEVERITY_RANK
from budgetlint.core.results import FileResult, RunInfo, Sink


class Stage:
    """A sink that transforms each result (``apply``) and hands it to ``inner``."""

    def __init__(self, inner: Sink, apply: Optional[Callable[[FileResult], FileResult]] = None):
        self.inner = inner
        self._apply = apply

    def begin(self, run: RunInfo) -> None:
        self.inner.begin(run)

    def apply(self, result: FileResult) -> FileResult:
        return self._apply(result) if self._apply else result

    def file(self, result: FileResult) -> None:
        self.inner.file(self.apply(result))

    def end(self) -> None:
        self.inner.end()


class Recorder(Stage):
    """Keeps every result it passes (the baseline to write, the old draft to compare)."""

    def __init__(self, inner: Sink):
        super().__init__(inner)
        self.results: list[FileResult] = []

    def apply(self, result: FileResult) -> FileResult:
        self.results.append(result)
        return result


class Tally(Stage):
    """The worst severity reported and the files that could not be read."""

    def __init__(self, inner: Sink):
        super().__init__(inner)
        self.worst: Optional[str] = None
        self.worst_changed: Optional[str] = None  # among new and changed findings (compare)
        self.unreadable: list[tuple[str, str]] = []

    def apply(self, result: FileResult) -> FileResult:
        if result.error:
            self.unreadable.append((result.path, result.error))
        for f in result.findings:
            self.worst = _worse(self.worst, f.severity)
            if f.status in ("new", "changed"):
                self.worst_changed = _worse(self.worst_changed, f.severity)
        return result


def _worse(a: Optional[str], b: str) -> str:
    return b if a is None or SEVERITY_RANK[b] > SEVERITY_RANK[a] else a


def below(result: FileResult, min_severity: Optional[str]) -> FileResult:
    """``result`` without the findings below ``min_severity``, counted by severity in
    ``hidden`` (so the summary can say how many infos it did not show)."""
    if not min_severity or min_severity == "info":
        return result
    floor = SEVERITY_RANK[min_severity]
    hidden = dict(result.hidden)
    kept = []
    for f in result.findings:
        if SEVERITY_RANK[f.severity] >= floor:
            kept.append(f)
        else:
            hidden[f.severity] = hidden.get(f.severity, 0) + 1
    fixed = [f for f in result.fixed if SEVERITY_RANK[f.severity] >= floor]
    return dataclasses.replace(result, findings=kept, hidden=hidden, fixed=fixed)
