"""Findings as text: ``path:line: BL101 [error] message``, grouped per file, then a summary."""

from __future__ import annotations

from typing import Iterator

import click

from ..linter.finding import Finding
from ..linter.report import Report
from .common import severity_counts

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _line(f: Finding, colour: bool) -> str:
    where = f"{f.path}:{f.line}:" if f.line else f"{f.path}:"
    severity = f"[{f.severity}]"
    if colour:
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=COLOURS.get(f.severity))
    return f"{where} {f.rule} {severity} {f.message}"


def summary(report: Report) -> str:
    findings = report.findings
    counts = severity_counts(findings)
    n = len(findings)
    files = len(report.files)
    unread = sum(1 for fr in report.files if fr.error)
    tail = f" {unread} file{'s' if unread != 1 else ''} could not be linted." if unread else ""
    return (
        f"Found {n} finding{'s' if n != 1 else ''} ({counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} infos) in {files} file{'s' if files != 1 else ''}.{tail}"
    )


def render_lines(report: Report, colour: bool = False, show_errors: bool = True) -> Iterator[str]:
    """``show_errors=False`` leaves out the unreadable-file lines (the CLI has already
    written them to stderr when the report goes to the terminal)."""
    for fr in report.files:
        if fr.error and show_errors:
            text = f"{fr.path}: error: {fr.error}"
            yield click.style(text, fg="red") if colour else text
        for f in sorted(fr.findings, key=Finding.sort_key):
            yield _line(f, colour)
            if f.computation and f.computation not in f.message:
                yield f"    {f.computation}"
    yield summary(report)


def render_text(report: Report, colour: bool = False, show_errors: bool = True) -> str:
    return "\n".join(render_lines(report, colour, show_errors)) + "\n"
