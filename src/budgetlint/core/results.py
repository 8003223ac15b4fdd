"""What a lint run produces, file by file, and the sink it hands each file's result to.

The linter hands every ``FileResult`` to a ``Sink`` as soon as it is ready (in input
order); the reporters are sinks. Defined here, below both, so that the linter never
imports a reporter and a reporter never imports the linter's machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Protocol

from budgetlint.core.finding import Finding

# A file that could not be read has no rule of its own in a pack; reporters that need
# a rule id for it (JSON findings, SARIF notifications, JUnit) use this one.
READ_ERROR_RULE = "BL000"
READ_ERROR_NAME = "unreadable-input"
# A suppression comment that suppressed nothing (``--report-unused-suppressions``).
UNUSED_SUPPRESSION_RULE = "BL001"
UNUSED_SUPPRESSION_NAME = "unused-suppression"


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: Optional[str] = None  # one-line reason the file could not be read or parsed
    source_lines: tuple[str, ...] = ()  # decoded input lines, for excerpts (1-based: index + 1)
    pages: dict[int, int] = field(default_factory=dict)  # line -> page, where the form has pages
    form: Optional[str] = None
    # The pack the file was linted with, and why (the command line, a config, or what
    # detection read in the text): one line, shown by every report.
    pack: str = ""
    pack_reason: str = ""  # in the run's language
    pack_detected: bool = False  # chosen by what the text names (not a flag or a config)
    # Findings the run does not show, by why: "suppressed" (inline comments and
    # per-file-ignores), "known" (unchanged since the baseline), and a severity
    # below --min-severity ("info", "warning").
    hidden: dict[str, int] = field(default_factory=dict)
    # Findings of the baseline or earlier draft that this file no longer has.
    fixed: list[Finding] = field(default_factory=list)
    # What the result is a result of (SHA-256, hex): the input's bytes and what it
    # was linted with (pack, config, ignores; ``linter.plan``). A JSON-lines report
    # keys its records by them, so that a rerun knows what is done already.
    sha256: Optional[str] = None
    pack_sha256: Optional[str] = None
    # The other files of a disclosure linted as one with this one (``check --bundle``),
    # each with its own findings: a sink is handed them after this one.
    bundled: list["FileResult"] = field(default_factory=list)

    def error_finding(self) -> Finding:
        """The finding-like entry a reporter shows for a file that could not be linted."""
        return Finding(
            path=self.path, line=0, rule=READ_ERROR_RULE, name=READ_ERROR_NAME, severity="error",
            message=self.error or "",
        )


@dataclass(frozen=True)
class RunInfo:
    """What a sink learns before the first file: the pack and its rules (by id; each
    has ``id``, ``name``, ``severity``, ``summary``, ``explain``)."""

    pack: str
    rules: Mapping[str, Any] = field(default_factory=dict)


class Sink(Protocol):
    def begin(self, run: RunInfo) -> None: ...

    def file(self, result: FileResult) -> None: ...

    def end(self) -> None: ...
