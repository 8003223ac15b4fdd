"""Command line: ``budgetlint check | parse | rules | explain``."""

from __future__ import annotations

import sys

import click

from . import __version__
from .grammar import parse_source
from .ingest import FORMS, InputError, load_path

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="budgetlint")
def main() -> None:
    """Lint public budget disclosures (部门预算公开) for internal inconsistencies."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
@click.option("--form", type=click.Choice(FORMS), default=None, help="Text form; detected from the content by default.")
def parse(file: str, fmt: str, form: str | None) -> None:
    """Print the section tree of FILE."""
    from .reporters.tree import tree_json, tree_lines

    try:
        doc = parse_source(load_path(file, form))
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if fmt == "json":
        click.echo(tree_json(doc))
    else:
        for line in tree_lines(doc):
            click.echo(line)
