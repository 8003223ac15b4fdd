"""Findings as text: ``path:line: BL101 [error] message``, grouped per file, then a summary."""

from __future__ import annotations

from typing import Iterator

import click

from budgetlint.core.escape import printable
from budgetlint.core.finding import SEVERITIES, Finding
from budgetlint.core.results import FileResult
from budgetlint.reporters.base import Reporter, ReportOptions

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _line(f: Finding, colour: bool) -> str:
    # Escaped before colouring: an ESC from a file name or a disclosure's text must
    # not reach the terminal, nor a newline forge a line of the report.
    path = printable(f.path)
    where = f"{path}:{f.line}:" if f.line else f"{path}:"
    severity = f"[{f.severity}]"
    if colour:
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=COLOURS.get(f.severity))
    # Read from a .pdf, the line is the n-th printed line or row: the page is what a
    # reviewer turns to.
    page = f" (第{f.place.page}页)" if f.place is not None else ""
    return f"{where} {printable(f.rule)} {severity} {printable(f.message)}{page}"


def summary(findings: int, counts: dict[str, int], files: int, unread: int) -> str:
    tail = f" {unread} file{'s' if unread != 1 else ''} could not be linted." if unread else ""
    return (
        f"Found {findings} finding{'s' if findings != 1 else ''} ({counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} infos) in {files} file{'s' if files != 1 else ''}.{tail}"
    )


def file_lines(fr: FileResult, colour: bool = False, show_errors: bool = True) -> Iterator[str]:
    """``show_errors=False`` leaves out the unreadable-file line (the CLI has already
    written it to stderr when the report goes to the terminal)."""
    if fr.error and show_errors:
        text = f"{printable(fr.path)}: error: {printable(fr.error)}"
        yield click.style(text, fg="red") if colour else text
    for f in sorted(fr.findings, key=Finding.sort_key):
        yield _line(f, colour)
        if f.computation and f.computation not in f.message:
            yield f"    {printable(f.computation)}"


class TextReporter(Reporter):
    """Findings file by file as they arrive, then the summary line."""

    FORMAT = "text"

    def __init__(self, out, options: ReportOptions = ReportOptions()):
        super().__init__(out, options)
        self.counts = {s: 0 for s in SEVERITIES}
        self.files = self.unread = self.findings = 0

    def file(self, result: FileResult) -> None:
        for line in file_lines(result, self.options.colour, self.options.show_errors):
            self.out.write(line + "\n")
        self.files += 1
        self.unread += bool(result.error)
        self.findings += len(result.findings)
        for f in result.findings:
            self.counts[f.severity] = self.counts.get(f.severity, 0) + 1

    def end(self) -> None:
        self.out.write(summary(self.findings, self.counts, self.files, self.unread) + "\n")
