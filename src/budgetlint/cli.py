"""Command line: ``budgetlint check | parse | rules | explain``."""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from typing import NoReturn

import click

from budgetlint import __version__
from budgetlint.core.escape import printable
from budgetlint.core.results import RunInfo
from budgetlint.ingest import FORMS, InputError, load_path
from budgetlint.linter.batch import collect_paths, run_batch
from budgetlint.linter.config import Config, ConfigError, find_config
from budgetlint.linter.lint import lint_file_spec
from budgetlint.linter.signals import EXIT_SIGINT, EXIT_SIGTERM, Terminated, stop_on_signals
from budgetlint.parse import parse_source
from budgetlint.reporters.base import ReportOptions
from budgetlint.reporters.output import GuardedStream, OutputClosed, OutputError, ReportFile, same_file
from budgetlint.reporters.registry import FORMATS, reporter_class
from budgetlint.reporters.tree import tree_json, tree_lines
from budgetlint.rules.loader import PackError, load_pack, unknown_refs
from budgetlint.rules.registry import get_kind

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="budgetlint")
def main() -> None:
    """Lint public budget disclosures (部门预算公开) for internal inconsistencies."""
    _reopen_closed_std_fds()


def _reopen_closed_std_fds() -> None:
    """A descriptor 0-2 closed by the caller (``>&-``) is reopened on /dev/null: else
    the next file this process opens would get it, and text meant for stdout would
    land in that file. Python has already set ``sys.stdout`` to None for it, which
    is how ``check`` knows its output is closed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_RDWR)
            except OSError:
                return
            if opened != fd:  # a lower one was free after all: leave things as they were
                os.close(opened)

@main.command()
@click.argument("file", type=click.Path(dir_okay=False, readable=False))
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
@click.option("--form", type=click.Choice(FORMS), default=None, help="Text form; detected from the content by default.")
def parse(file: str, fmt: str, form: str | None) -> None:
    """Print the section tree of FILE."""
    try:
        doc = parse_source(load_path(file, form))
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a parser bug: one line naming the file, never a traceback
        click.echo(f"error: {file}: internal error while parsing: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if fmt == "json":
        click.echo(tree_json(doc))
    else:
        for line in tree_lines(doc):
            click.echo(line)


# -- check / rules / explain ------------------------------------------------------

FAIL_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}


def _split(values) -> list[str]:
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


def _load_pack_or_exit(ref: str | None):

    try:
        return load_pack(ref or "core")
    except PackError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


def _config_or_exit():

    try:
        return find_config()
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


@main.command()
# readable=False: an unreadable file is that file's error, not a usage error that stops the batch
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--pack", "pack_ref", default=None, help="Rule pack: a built-in name (core, xinjiang) or a path.")
@click.option("--select", multiple=True, help="Only these rules (ids, names or id prefixes; comma-separated or repeated).")
@click.option("--ignore", multiple=True, help="Skip these rules (ids, names or id prefixes).")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a finding at or above this severity is reported. [default: error]")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write the report to this file.")
@click.option("--form", type=click.Choice(FORMS), default=None, help="Text form; detected from the content by default.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of CPUs; 1 lints in this process).")
@click.option("--statistics", is_flag=True, help="Print the count of findings per rule instead of the findings.")
@click.option("--no-config", is_flag=True, help="Ignore budgetlint.yaml / [tool.budgetlint].")
def check(paths, pack_ref, select, ignore, fmt, fail_on, output, form, jobs, statistics, no_config) -> None:
    """Lint the disclosures in PATHS (files, or directories walked for .txt/.md/.pdf/.docx)."""
    config = Config() if no_config else _config_or_exit()
    pack = _load_pack_or_exit(pack_ref or config.pack)
    pack = pack.with_severities(config.severity)
    selected, ignored = _split(select) or config.select, _split(ignore) or config.ignore
    unknown = unknown_refs(pack, selected + ignored)
    if unknown:
        click.echo(f"error: no rule {unknown[0]!r} in pack {pack.name} (see `budgetlint rules`)", err=True)
        sys.exit(EXIT_ERROR)
    pack = pack.filtered(selected, ignored)
    fail_on = fail_on or config.fail_on or "error"

    files = collect_paths(paths)
    if output:
        clobbered = same_file(output, files)
        if clobbered is not None:
            _fail(f"--output {output} 指向输入文件 {clobbered}，未写入任何内容")
    elif sys.stdout is None:
        _fail("标准输出已关闭，请用 --output FILE 指定报告文件")
    name = ("statistics-json" if fmt == "json" else "statistics") if statistics else fmt
    options = ReportOptions(colour=output is None and _colour(), show_errors=bool(output))
    run = RunInfo(pack=pack.name, rules={r.id: r for r in pack.rules})
    with stop_on_signals():
        try:
            with ReportFile(output) if output else nullcontext(GuardedStream(sys.stdout, "标准输出")) as out:
                summary = run_batch(files, lint_file_spec, (pack, form), reporter_class(name)(out, options), jobs=jobs, run=run)
                out.flush()
        except OutputClosed:
            _quiet_stdout()  # `| head` has all it wanted: no message, as any Unix filter
            sys.exit(EXIT_ERROR)
        except OutputError as exc:
            _quiet_stdout()
            _fail(str(exc))
        except KeyboardInterrupt:
            _fail("已中断（SIGINT）", EXIT_SIGINT)
        except Terminated:
            _fail("已终止（SIGTERM）", EXIT_SIGTERM)
    for path, why in summary.unreadable:
        click.echo(f"{printable(path)}: error: {printable(why)}", err=True)
    if summary.unreadable:
        sys.exit(EXIT_ERROR)
    worst = FAIL_RANK[summary.worst] if summary.worst else 0
    sys.exit(EXIT_FINDINGS if worst >= FAIL_RANK[fail_on] else EXIT_OK)


def _fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    click.echo(f"error: {printable(message)}", err=True)
    sys.exit(code)


def _quiet_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so that the interpreter's last flush of
    a dead or full standard output does not print an error of its own at exit."""
    try:
        fd = sys.__stdout__.fileno() if sys.__stdout__ is not None else 1
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _colour() -> bool:

    try:
        return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False


@main.command()
@click.option("--pack", "pack_ref", default=None, help="Rule pack: a built-in name or a path.")
def rules(pack_ref) -> None:
    """List the rules of a pack: id, name, severity, check kind, summary."""
    config = _config_or_exit()
    pack = _load_pack_or_exit(pack_ref or config.pack).with_severities(config.severity)
    click.echo(f"pack {pack.name}: {pack.summary}".rstrip(": "))
    width = max((len(r.name) for r in pack.rules), default=0)
    kind_w = max((len(r.check) for r in pack.rules), default=0)
    for r in pack.rules:
        click.echo(f"{r.id}  {r.name:<{width}}  {r.severity:<7}  {r.check:<{kind_w}}  {r.summary}")


@main.command()
@click.argument("rule_ref")
@click.option("--pack", "pack_ref", default=None, help="Rule pack: a built-in name or a path.")
def explain(rule_ref, pack_ref) -> None:
    """Explain a rule (by id, e.g. BL101, or by name), with a bad and a good example."""
    config = _config_or_exit()
    pack = _load_pack_or_exit(pack_ref or config.pack).with_severities(config.severity)
    rule = pack.find(rule_ref)
    if rule is None:
        click.echo(f"error: no rule {rule_ref!r} in pack {pack.name} (see `budgetlint rules`)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{rule.id} {rule.name} [{rule.severity}] (check: {rule.check}; pack: {rule.pack}, {rule.origin})")
    click.echo(rule.summary)
    try:
        reads = get_kind(rule.check).reads
    except KeyError:
        reads = ()
    if reads:
        click.echo(f"Reads: {', '.join(reads)} (shown by `budgetlint parse`)")
    if rule.explain:
        click.echo("")
        click.echo(rule.explain.rstrip())
    if rule.params:
        click.echo("")
        click.echo("Parameters:")
        for key, value in rule.params.items():
            click.echo(f"  {key}: {value!r}")
