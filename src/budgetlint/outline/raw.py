"""What the outline grammar groups, before the readers read it: the lines of one
table, and a run of prose lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from budgetlint.core.model import Line


@dataclass
class RawTable:
    """``head`` is the 表N line (or the 绩效目标表 title, or the first row of an untitled
    cell table); ``lines`` pairs every following line with its lexer tag: TITLE, META,
    NOTE or TROW."""

    head: Line
    head_kind: str  # TABLE_NO | PERF_TITLE | ANON
    lines: list[tuple[str, Line]] = field(default_factory=list)
    form: str = "pdf-text"

    @property
    def end_line(self) -> int:
        return self.lines[-1][1].lineno if self.lines else self.head.lineno

    def tagged(self, tag: str) -> list[Line]:
        return [line for t, line in self.lines if t == tag]


@dataclass
class ProseRun:
    """Consecutive prose lines of one section; the prose reader makes paragraphs of them."""

    lines: list[Line] = field(default_factory=list)

    @property
    def end_line(self) -> int:
        return self.lines[-1].lineno
