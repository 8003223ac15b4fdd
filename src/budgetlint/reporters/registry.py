"""Report formats by name: the built-in ones, and any a plugin declares in the
``budgetlint.reporters`` entry-point group (``name = "module:ReporterClass"``).

Modules are imported on use: the HTML reporter pulls in jinja2, which a text run
does not need.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from importlib.metadata import entry_points

from budgetlint.linter.report import Report
from budgetlint.reporters.base import Reporter, ReportOptions, render_report

GROUP = "budgetlint.reporters"

BUILTIN = {
    "text": "budgetlint.reporters.text:TextReporter",
    "json": "budgetlint.reporters.json:JsonReporter",
    "jsonl": "budgetlint.reporters.json:JsonLinesReporter",
    "sarif": "budgetlint.reporters.sarif:SarifReporter",
    "html": "budgetlint.reporters.html:HtmlReporter",
    "github": "budgetlint.reporters.github:GithubReporter",
    "junit": "budgetlint.reporters.junit:JunitReporter",
    # --statistics, as text or as JSON
    "statistics": "budgetlint.reporters.stats:StatisticsReporter",
    "statistics-json": "budgetlint.reporters.stats:StatisticsJsonReporter",
}
# The names ``--format`` offers (the statistics ones are chosen by ``--statistics``).
FORMATS = ("text", "json", "jsonl", "sarif", "html", "github", "junit")


@lru_cache(maxsize=1)
def _plugins() -> dict[str, str]:
    return {ep.name: ep.value for ep in entry_points(group=GROUP)}


def format_names() -> tuple[str, ...]:
    return FORMATS + tuple(sorted(n for n in _plugins() if n not in BUILTIN))


def reporter_class(name: str) -> type[Reporter]:
    target = BUILTIN.get(name) or _plugins().get(name)
    if target is None:
        raise KeyError(f"unknown report format {name!r} (known: {', '.join(format_names())})")
    module, _, attr = target.partition(":")
    cls = getattr(import_module(module), attr)
    if not (isinstance(cls, type) and issubclass(cls, Reporter)):
        raise TypeError(f"report format {name!r}: {target} is not a Reporter")
    return cls


def render(name: str, report: Report, options: ReportOptions = ReportOptions()) -> str:
    """A whole report in format ``name``, as a string (tests, and callers that hold
    a ``Report`` already)."""
    return render_report(reporter_class(name), report, options)
