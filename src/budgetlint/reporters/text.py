"""Findings as text: ``path:line: BL101 [error] message``, grouped per file, then a summary.

Against a baseline or an earlier draft each finding carries its status (新增 new,
有变化 changed, with the figures it had, 仍在 still present); ``compare`` also lists the
findings the new draft fixed. What the run did not show (below --min-severity,
unchanged since the baseline, suppressed) is counted in the summary.
"""

from __future__ import annotations

from typing import Iterator

import click

from budgetlint.core.escape import printable
from budgetlint.core.finding import SEVERITIES, Finding
from budgetlint.core.results import FileResult
from budgetlint.reporters.base import Reporter, ReportOptions
from budgetlint.core.i18n import DEFAULT_LANG, say
from budgetlint.reporters.common import hidden_note, status_label

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
STATUS_COLOURS = {"new": "magenta", "changed": "yellow", "unchanged": None, "fixed": "green"}


def _line(f: Finding, colour: bool, lang: str = DEFAULT_LANG) -> str:
    # Escaped before colouring: an ESC from a file name or a disclosure's text must
    # not reach the terminal, nor a newline forge a line of the report.
    path = printable(f.path)
    where = f"{path}:{f.line}:" if f.line else f"{path}:"
    severity = f"[{f.severity}]"
    status = f"[{status_label(f.status, lang)}] " if f.status else ""
    if colour:
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=COLOURS.get(f.severity))
        if status:
            status = click.style(status, fg=STATUS_COLOURS.get(f.status))
    # Read from a .pdf, the line is the n-th printed line or row: the page is what a
    # reviewer turns to.
    page = say("report.page", lang, page=f.place.page) if f.place is not None else ""
    return f"{where} {status}{printable(f.rule)} {severity} {printable(f.message)}{page}"


def summary(findings: int, counts: dict[str, int], files: int, unread: int, hidden: dict[str, int] | None = None,
            fixed: int = 0, statuses: dict[str, int] | None = None, lang: str = DEFAULT_LANG) -> str:
    """The last line: what was found (against a draft: how much is new, changed, still
    there, fixed), then what was not shown and why."""
    text = say("report.summary", lang, findings=findings, files=files, **counts)
    if statuses and "unchanged" in statuses:  # compare: every status is listed
        counted = [say("report.status-count", lang, label=status_label(s, lang), n=statuses.get(s, 0))
                   for s in ("new", "changed", "unchanged", "fixed")]
        item, clause = say("report.sep.item", lang), say("report.sep.clause", lang)
        text += item.join(counted[:3]) + clause + counted[3] + say("report.sep.end", lang)
        fixed = 0
    note = hidden_note(hidden or {}, fixed, lang)
    if note:
        text += note
    if unread:
        text += say("report.unread", lang, n=unread)
    return text.rstrip()


def file_lines(fr: FileResult, colour: bool = False, show_errors: bool = True, list_fixed: bool = False,
               lang: str = DEFAULT_LANG) -> Iterator[str]:
    """``show_errors=False`` leaves out the unreadable-file line (the CLI has already
    written it to stderr when the report goes to the terminal)."""
    if fr.error and show_errors:
        text = say("report.error-line", lang, path=printable(fr.path), error=printable(fr.error))
        yield click.style(text, fg="red") if colour else text
    for f in sorted(fr.findings, key=Finding.sort_key):
        yield _line(f, colour, lang)
        if f.computation and f.computation not in f.message:
            yield f"    {printable(f.computation)}"
        if f.status == "changed" and f.previous:
            yield "    " + say("report.previous", lang, previous=printable(f.previous))
    if list_fixed:
        for f in fr.fixed:
            yield _line(f, colour, lang)


class TextReporter(Reporter):
    """Findings file by file as they arrive, then the summary line."""

    FORMAT = "text"

    def __init__(self, out, options: ReportOptions = ReportOptions()):
        super().__init__(out, options)
        self.counts = {s: 0 for s in SEVERITIES}
        self.files = self.unread = self.findings = self.fixed = 0
        self.hidden: dict[str, int] = {}
        self.statuses: dict[str, int] = {}

    def file(self, result: FileResult) -> None:
        for line in file_lines(result, self.options.colour, self.options.show_errors, self.options.list_fixed,
                               self.options.lang):
            self.out.write(line + "\n")
        self.files += 1
        self.unread += bool(result.error)
        self.findings += len(result.findings)
        self.fixed += len(result.fixed)
        for f in result.findings:
            self.counts[f.severity] = self.counts.get(f.severity, 0) + 1
        for why, n in result.hidden.items():
            self.hidden[why] = self.hidden.get(why, 0) + n
        for f in [*result.findings, *result.fixed]:
            if f.status:
                self.statuses[f.status] = self.statuses.get(f.status, 0) + 1
        if self.options.list_fixed:
            self.statuses.setdefault("unchanged", 0)

    def end(self) -> None:
        self.out.write(summary(self.findings, self.counts, self.files, self.unread, self.hidden, self.fixed,
                               self.statuses, self.options.lang) + "\n")
