"""GitHub Actions workflow commands: one ``::error file=…,line=…::message`` per finding,
which the Actions runner turns into annotations on the pull request's files."""

from __future__ import annotations

from typing import Optional

from budgetlint.core.escape import printable
from budgetlint.core.finding import Finding
from budgetlint.core.results import READ_ERROR_RULE, FileResult
from budgetlint.linter.report import Report
from budgetlint.reporters.base import Reporter, ReportOptions, render_report
from budgetlint.core.i18n import DEFAULT_LANG
from budgetlint.reporters.common import full_message, relative_path, status_label

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    # The runner's own escaping (actions/toolkit command.ts): a newline in a message
    # would otherwise end the command, and the rest would be printed as log text.
    # Other control characters (ESC) would reach the log raw: escaped as text.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(text)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, message: str, **props) -> str:
    fields = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind} {fields}::{_escape_data(message)}"


def annotation(f: Finding, base: Optional[str] = None, lang: str = DEFAULT_LANG) -> str:
    end = f.end_line if f.end_line and f.end_line > f.line else None
    status = f"[{status_label(f.status, lang)}] " if f.status else ""
    return _command(
        COMMANDS.get(f.severity, "warning"),
        status + full_message(f),
        file=relative_path(f.path, base),
        line=f.line if f.line >= 1 else None,  # 0: the whole file
        endLine=end if f.line >= 1 else None,
        title=f"{f.rule} {f.name}",
    )


class GithubReporter(Reporter):
    FORMAT = "github"

    def file(self, result: FileResult) -> None:
        base = self.options.base
        if result.error:
            self.out.write(_command("error", result.error, file=relative_path(result.path, base), title=READ_ERROR_RULE) + "\n")
        for f in sorted(result.findings, key=Finding.sort_key):
            self.out.write(annotation(f, base, self.options.lang) + "\n")
        if self.options.list_fixed:
            # compare: each finding the new draft fixed is a notice on the new file,
            # without a line (its line was in the old draft)
            for f in result.fixed:
                self.out.write(_command("notice", f"[{status_label('fixed', self.options.lang)}] {full_message(f)}",
                                        file=relative_path(result.path, base), title=f"{f.rule} {f.name}") + "\n")


def render_github(report: Report, base: Optional[str] = None, list_fixed: bool = False) -> str:
    return render_report(GithubReporter, report, ReportOptions(base=base, list_fixed=list_fixed))
