"""One entry point for the file-format reporters, for the CLI's ``--format``.

``text`` and ``json`` are rendered by ``reporters.text``/``reporters.json`` (the
``check`` command calls those itself); this dispatches the formats meant for other
tools and for reviewers.
"""

from __future__ import annotations

from typing import Callable, Optional

from ..linter.report import Report

FORMATS = ("html", "sarif", "github", "junit")


def _renderer(fmt: str) -> Callable[..., str]:
    # Imported on use: the HTML reporter pulls in jinja2 templates, which a text run
    # does not need.
    if fmt == "html":
        from .html import render_html

        return render_html
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif
    if fmt == "github":
        from .github import render_github

        return render_github
    if fmt == "junit":
        from .junit import render_junit

        return render_junit
    raise ValueError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")


def render(fmt: str, report: Report, base: Optional[str] = None) -> str:
    """The report in ``fmt``; paths are shown relative to ``base`` (default: the
    working directory) where they lie inside it."""
    return _renderer(fmt)(report, base=base)
