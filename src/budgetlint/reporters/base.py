"""What every reporter is: a sink that writes one format to a text stream.

A reporter is constructed with the stream and the options, then receives the run
(``begin``), each file's result in input order (``file``) and the end (``end``).
Every built-in format writes as results arrive and keeps per file only what it
needs later (counts, a few fields; never the source text), so memory stays flat
over a batch of any size; HTML, which sorts its documents worst first, keeps what
it renders, up to a cap. ``WholeReport`` (collect everything, render at the end)
remains for plugin formats that want it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Optional, TextIO

from budgetlint.core.i18n import DEFAULT_LANG
from budgetlint.core.results import FileResult, RunInfo
from budgetlint.linter.report import Report


DEFAULT_TITLE = "budgetlint report"


@dataclass(frozen=True)
class ReportOptions:
    base: Optional[str] = None  # paths are shown relative to this (default: the working directory)
    colour: bool = False
    show_errors: bool = True  # also write unreadable files into the report (the CLI puts them on stderr)
    title: str = DEFAULT_TITLE  # the default: the report's language's own title
    list_fixed: bool = False  # list the findings an earlier draft had that are gone (compare)
    fail_on: str = "error"  # JUnit: findings at or above it are failing test cases
    by_severity: bool = False  # --statistics: one row per rule and severity
    lang: str = DEFAULT_LANG  # the language of every word the report adds to the findings


class Reporter:
    """The sink every format implements; ``FORMAT`` is its ``--format`` name."""

    FORMAT = ""

    def __init__(self, out: TextIO, options: ReportOptions = ReportOptions()):
        self.out = out
        self.options = options
        self.run = RunInfo(pack="")

    def begin(self, run: RunInfo) -> None:
        self.run = run

    def file(self, result: FileResult) -> None:
        raise NotImplementedError

    def end(self) -> None:
        pass


class WholeReport(Reporter):
    """A format that is one document over every file: collects, renders at the end."""

    def __init__(self, out: TextIO, options: ReportOptions = ReportOptions()):
        super().__init__(out, options)
        self.files: list[FileResult] = []

    def file(self, result: FileResult) -> None:
        self.files.append(result)

    def end(self) -> None:
        self.out.write(self.render(Report.of(self.run, self.files)))

    def render(self, report: Report) -> str:
        raise NotImplementedError


def render_report(cls: type[Reporter], report: Report, options: ReportOptions = ReportOptions()) -> str:
    """A whole ``Report`` through a streaming reporter, as a string, its files in the
    order a batch hands them over (by path)."""
    out = io.StringIO()
    reporter = cls(out, options)
    reporter.begin(RunInfo(pack=report.pack, rules=report.rules))
    for result in sorted(report.files, key=lambda fr: fr.path):
        reporter.file(result)
    reporter.end()
    return out.getvalue()
