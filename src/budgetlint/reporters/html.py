"""A self-contained HTML report a reviewer can open offline or send by mail.

Everything is inline (CSS, a small script for the filters, the SVG chart); nothing
is fetched. Every piece of text that comes from a disclosure, a path or a rule pack
goes through Jinja's autoescaping, and a Content-Security-Policy that allows only
the page's own script (by hash) and no network at all guards against the day an
escape is forgotten: injected markup can neither run nor phone home.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import itertools
from dataclasses import dataclass, field
from importlib import resources
from typing import Optional

import jinja2
from markupsafe import Markup

from budgetlint import __version__
from budgetlint.core.escape import printable
from budgetlint.core.finding import SEVERITIES, SEVERITY_RANK, Finding
from budgetlint.core.results import FileResult, RunInfo
from budgetlint.linter.report import Report
from budgetlint.core.i18n import DEFAULT_LANG, catalogue, say
from budgetlint.reporters.base import DEFAULT_TITLE, Reporter, ReportOptions, render_report
from budgetlint.reporters.common import (
    STATUSES, RuleInfo, RuleTable, figure_labels, hidden_note, relative_path, severity_counts, severity_label, status_label,
    worst_first_key,
)
from budgetlint.reporters.crops import Crop, CropBudget, Figure, file_figures

CONTEXT_LINES = 2  # non-blank lines shown above and below the lines of a finding
MAX_HIGHLIGHT = 12  # a finding spanning more lines shows its first ones only
MAX_RELATED_TEXT = 160
CHART_BAR_WIDTH = 360  # SVG units for the rule with the most findings
CHART_ROW = 22
RELATED_SHOWN = 6  # more related lines go into a collapsed list (opened for printing)
# Findings shown in detail over the whole report: a reviewer reads the worst
# documents first, and a page of ten thousand findings helps nobody (and holds
# every excerpt in memory). The others are counted; --format json lists them all.
MAX_DETAILED = 2_000
TOP_FINDINGS = 10  # the worst findings listed where the page opens


def html_labels(lang: str) -> dict[str, str]:
    """The page's own words (``html.*`` in the catalogue), by name without the prefix."""
    return {k[5:]: say(k, lang) for k in catalogue(DEFAULT_LANG) if k.startswith("html.")}


@dataclass
class ExcerptLine:
    lineno: int
    text: str
    hit: bool
    gap_before: bool = False  # lines were left out just above this one


@dataclass
class RelatedView:
    line: int
    message: str
    text: str


@dataclass
class FindingView:
    id: str
    doc: str
    rule: str
    name: str
    severity: str
    message: str
    line: int
    end_line: Optional[int]
    page: Optional[int]
    expected: Optional[str]
    actual: Optional[str]
    computation: Optional[str]
    excerpt: list[ExcerptLine]
    related: list[RelatedView]
    status: Optional[str] = None
    previous: Optional[str] = None
    path: str = ""
    figure: Optional[Figure] = None  # the printed page, where the input was a .pdf
    actual_label: str = ""  # 表中数 / 文中数: what the printed figure is
    expected_label: str = ""  # 计算数 / 表中数: what it is checked against


@dataclass
class DocView:
    id: str
    path: str
    error: Optional[str]
    form: Optional[str]
    counts: dict[str, int]
    pack: str = ""  # the pack and why it was chosen
    findings: list[FindingView] = field(default_factory=list)
    fixed: list[FindingView] = field(default_factory=list)
    sort_key: tuple = ()
    crops: list[Crop] = field(default_factory=list)  # each shared by the findings in its region

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def omitted(self) -> int:
        """Findings counted here but not shown in detail (the report's cap)."""
        return self.total - len(self.findings)


@dataclass
class ChartBar:
    label: str
    rule: str
    y: int
    total: int
    segments: list[tuple[str, int, int]]  # severity, x, width
    end: int  # x where the last segment ends


def _line_text(lines: tuple[str, ...], n: int) -> str:
    return lines[n - 1] if 1 <= n <= len(lines) else ""


def excerpt(lines: tuple[str, ...], start: int, end: Optional[int]) -> list[ExcerptLine]:
    """The lines start..end (highlighted) with CONTEXT_LINES non-blank lines around.

    Blank lines are left out: PDF-extracted text has one after every line, and showing
    them would halve the context a reviewer sees."""
    if not lines or start < 1 or start > len(lines):
        return []
    end = min(max(end or start, start), len(lines))
    hit_end = min(end, start + MAX_HIGHLIGHT - 1)
    chosen = _context(lines, range(start - 1, 0, -1))[::-1]
    chosen.extend(i for i in range(start, hit_end + 1) if lines[i - 1].strip() or i == start)
    chosen.extend(_context(lines, range(hit_end + 1, len(lines) + 1)))
    out = []
    for i, lineno in enumerate(chosen):
        gap = i > 0 and lineno - chosen[i - 1] > 1 and any(
            lines[k - 1].strip() for k in range(chosen[i - 1] + 1, lineno)
        )
        out.append(ExcerptLine(lineno, lines[lineno - 1], start <= lineno <= hit_end, gap))
    return out


def _context(lines: tuple[str, ...], numbers: range) -> list[int]:
    """The first CONTEXT_LINES of the line numbers ``numbers`` (walking away from the
    finding, up or down) whose line is not blank."""
    return list(itertools.islice((n for n in numbers if lines[n - 1].strip()), CONTEXT_LINES))


def _finding_view(f: Finding, fr: FileResult, doc_id: str, index: int, lang: str = DEFAULT_LANG) -> FindingView:
    # Every text from the input is escaped of control characters here: autoescaping
    # handles markup, not a NUL or an ESC.
    related = [
        RelatedView(r.line, printable(r.message), printable(_shorten(_line_text(fr.source_lines, r.line).strip())))
        for r in f.related
    ]
    gone = f.status == "fixed"  # its lines were in the earlier draft
    lines = [] if gone else excerpt(fr.source_lines, f.line, f.end_line)
    for ln in lines:
        ln.text = printable(ln.text)
    return FindingView(
        id=f"{doc_id}-f{index}",
        doc=doc_id,
        rule=f.rule,
        name=f.name,
        severity=f.severity,
        message=printable(f.message),
        line=f.line,
        end_line=f.end_line if f.end_line and f.end_line > f.line else None,
        page=f.page if f.page is not None else fr.pages.get(f.line),
        expected=f.expected,
        actual=f.actual,
        computation=printable(f.computation) if f.computation else f.computation,
        excerpt=lines,
        related=[] if gone else related,
        status=f.status,
        previous=printable(f.previous) if f.previous else f.previous,
        actual_label=figure_labels(f, lang)[0],
        expected_label=figure_labels(f, lang)[1],
    )


def _attach_figures(view: DocView, result: FileResult, findings: list[Finding], budget: CropBudget) -> None:
    """The crops of the printed page beside the findings of a PDF input."""
    figures, view.crops = file_figures(result, findings, budget)
    for j, fv in enumerate(view.findings):
        fv.figure = figures.get(j)


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_RELATED_TEXT else text[: MAX_RELATED_TEXT - 1] + "…"


def _chart(per_rule: dict[str, dict[str, int]], rules: list[RuleInfo]) -> tuple[list[ChartBar], int]:
    """Horizontal bars per rule, one segment per severity, widths in SVG units."""
    names = {r.id: r.name for r in rules}
    order = sorted(per_rule, key=lambda rid: (-sum(per_rule[rid].values()), rid))
    top = max([sum(c.values()) for c in per_rule.values()] + [1])
    bars = []
    for i, rid in enumerate(order):
        x, segments = 0, []
        for sev in SEVERITIES:
            n = per_rule[rid].get(sev, 0)
            if n:
                width = max(2, round(CHART_BAR_WIDTH * n / top))
                segments.append((sev, x, width))
                x += width
        label = f"{rid} {names.get(rid, '')}".strip()
        bars.append(ChartBar(label, rid, i * CHART_ROW, sum(per_rule[rid].values()), segments, x))
    return bars, max(1, len(bars)) * CHART_ROW


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("budgetlint.reporters", "templates"),
        autoescape=True,  # everything, whatever the template's name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _asset(name: str) -> str:
    return resources.files("budgetlint.reporters").joinpath("templates", name).read_text(encoding="utf-8")


def worst_first(findings) -> list[Finding]:
    """Errors first, then warnings, then infos; each in document order."""
    return sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.path, f.line, f.rule, f.message))


class HtmlReporter(Reporter):
    """Keeps, per document, its counts and (up to MAX_DETAILED findings over the
    whole report) the views it renders: excerpts of a few lines, never the source.
    Beyond the cap the documents that sort last (fewest and mildest findings) lose
    their details first, and say how many findings are counted but not shown."""

    FORMAT = "html"
    MAX_DETAILED = MAX_DETAILED

    def begin(self, run: RunInfo) -> None:
        super().begin(run)
        self.rules = RuleTable(run.rules)
        self.docs: list[DocView] = []
        self.per_rule: dict[str, dict[str, int]] = {}
        self.detailed: list[tuple] = []  # heap of (negated sort key, doc index): the next to lose its details on top
        self.shown = 0
        self.hidden: dict[str, int] = {}
        self.fixed_total = 0
        self.crop_budget = CropBudget()

    def file(self, result: FileResult) -> None:
        findings = worst_first(result.findings)
        doc_id = f"d{len(self.docs)}"
        view = DocView(doc_id, printable(relative_path(result.path, self.options.base)), printable(result.error or "") or None,
                       result.form, severity_counts(findings), sort_key=worst_first_key(findings, result.error, result.path),
                       pack=printable(f"{result.pack}: {result.pack_reason}" if result.pack_reason else result.pack))
        for f in findings:
            self.rules.add(f)
            counts = self.per_rule.setdefault(f.rule, {})
            counts[f.severity] = counts.get(f.severity, 0) + 1
        lang = self.options.lang
        view.findings = [_finding_view(f, result, doc_id, j, lang) for j, f in enumerate(findings)]
        view.fixed = [_finding_view(f, result, doc_id, j, lang) for j, f in enumerate(result.fixed, len(findings))]
        for v in view.findings:
            v.path = view.path
        for why, n in result.hidden.items():
            self.hidden[why] = self.hidden.get(why, 0) + n
        self.fixed_total += len(result.fixed)
        _attach_figures(view, result, findings, self.crop_budget)
        self.docs.append(view)
        if view.findings:
            heapq.heappush(self.detailed, (_Reversed(view.sort_key), len(self.docs) - 1))
            self.shown += len(view.findings)
        while self.shown > self.MAX_DETAILED and self.detailed:
            _, index = heapq.heappop(self.detailed)
            self.shown -= len(self.docs[index].findings)
            self.docs[index].findings = []
            self.docs[index].crops = []

    def end(self) -> None:
        docs = sorted(self.docs, key=lambda d: d.sort_key)
        # The page opens on the worst findings of the whole report (the documents are
        # listed worst first, so "document order" follows that listing).
        position = {d.id: i for i, d in enumerate(docs)}
        top = sorted((v for d in docs for v in d.findings),
                     key=lambda v: (-SEVERITY_RANK[v.severity], position[v.doc], v.line))[:TOP_FINDINGS]
        rules = self.rules.rules
        totals = {s: sum(d.counts.get(s, 0) for d in docs) for s in SEVERITIES}
        rule_counts = {rid: sum(c.values()) for rid, c in self.per_rule.items()}
        bars, chart_height = _chart(self.per_rule, rules)
        script = _asset("report.js")
        if "</script" in script.lower():  # would end the element early
            raise ValueError("report.js must not contain '</script'")
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        csp = (
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
        )
        stream = _environment().get_template("report.html.j2").generate(
            title=self.options.title if self.options.title != DEFAULT_TITLE else say("html.title", self.options.lang),
            version=__version__,
            pack=self.run.pack,
            docs=docs,
            rules=rules,
            rule_counts=rule_counts,
            totals=totals,
            total=sum(totals.values()),
            omitted=sum(d.omitted for d in docs),
            max_detailed=self.MAX_DETAILED,
            unreadable=sum(1 for d in docs if d.error),
            severities=SEVERITIES,
            bars=bars,
            chart_height=chart_height,
            chart_bar_width=CHART_BAR_WIDTH,
            related_shown=RELATED_SHOWN,
            top=top,
            hidden_note=hidden_note(self.hidden, self.fixed_total, self.options.lang),
            status_labels={s: status_label(s, self.options.lang) for s in STATUSES},
            severity_labels={s: severity_label(s, self.options.lang) for s in SEVERITIES},
            t=html_labels(self.options.lang),
            csp=csp,
            style=Markup(_asset("report.css")),
            script=Markup(script),
        )
        for chunk in stream:
            self.out.write(chunk)


class _Reversed:
    """Orders as the reverse of the key it wraps (for a max-heap from heapq)."""

    __slots__ = ("key",)

    def __init__(self, key: tuple):
        self.key = key

    def __lt__(self, other: "_Reversed") -> bool:
        return self.key > other.key


def render_html(report: Report, base: Optional[str] = None, title: str = "budgetlint report") -> str:
    return render_report(HtmlReporter, report, ReportOptions(base=base, title=title))
