"""Command line: ``budgetlint check | parse | rules | explain``."""

from __future__ import annotations

import dataclasses
import os
import sys
from contextlib import ExitStack, contextmanager, nullcontext
from typing import Iterator, NoReturn

import click

from budgetlint import __version__
from budgetlint.core.detect import builtin_candidates, detect, source_texts
from budgetlint.core.escape import printable
from budgetlint.core.i18n import DEFAULT_LANG, LANGS, lang_of, say
from budgetlint.core.profile import builtin_profile
from budgetlint.core.results import RunInfo
from budgetlint.ingest import FORMS, InputError, load_path
from budgetlint.linter.baseline import Baseline, BaselineError, BaselineSink, load_baseline, write_baseline
from budgetlint.linter.batch import Inputs, collect_paths, run_batch, shard
from budgetlint.linter.bundle import find_bundles
from budgetlint.linter.config import Config, ConfigError, find_config, load_config
from budgetlint.linter.config import reset_cache as reset_config_cache
from budgetlint.linter.pipeline import Recorder, Stage, Tally, below
from budgetlint.linter.plan import Options, Planner, lint_planned
from budgetlint.linter.signals import EXIT_SIGINT, EXIT_SIGTERM, Terminated, stop_on_signals
from budgetlint.parse import parse_source
from budgetlint.reporters.base import ReportOptions
from budgetlint.reporters.output import GuardedStream, OutputClosed, OutputError, ReportFile, same_file
from budgetlint.reporters.resume import AppendFile, Done, read_done
from budgetlint.reporters.registry import FORMATS, reporter_class
from budgetlint.reporters.tree import tree_json, tree_lines, unread_lines
from budgetlint.rules.loader import PackError, load_pack
from budgetlint.reporters.docs import config_markdown, packs_markdown, rules_markdown, schema_json
from budgetlint.rules.registry import available_kinds, get_kind

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_CLUSTER_LOST = 3  # the Dask cluster had no worker (or no scheduler) left: the run is not complete


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
@click.option("--unread", is_flag=True, help="List the prose sentences with an amount or a percent no claim rule reads.")
@click.option("--lang", type=click.Choice(list(LANGS)), default=None, help="Language of an error (default: zh).")
def parse(file: str, fmt: str, form: str | None, unread: bool, lang: str | None) -> None:
    """Print the section tree of FILE."""
    lang = lang_of(lang)
    try:
        source = load_path(file, form)
        # the pack check would choose for this file with no --pack: its profile reads
        # the layout, and the tree says which it is and why
        found = detect(source_texts(source), builtin_candidates(), builtin_profile("core"))
        doc = parse_source(source, builtin_profile(found.pack))
    except InputError as exc:
        _fail(exc.text_in(lang))
    except Exception as exc:  # a parser bug: one line naming the file, never a traceback
        _fail(f"{file}: " + say("error.internal", lang, why=f"{type(exc).__name__}: {exc}"))
    if unread:
        for line in unread_lines(doc):
            click.echo(line)
    elif fmt == "json":
        click.echo(tree_json(doc, detected={**dataclasses.asdict(found), "reason": found.reason_in(lang)}))
    else:
        for i, line in enumerate(tree_lines(doc)):
            click.echo(line)
            if i == 0:
                click.echo(f"  pack {found.pack} (detected: {found.describe(lang)})")


# -- check / compare / rules / explain ----------------------------------------------

FAIL_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}
# The formats a person reads show warnings and above by default (the info count is
# summarised); the formats tools read get everything.
READ_BY_PEOPLE = ("text", "html")


def _split(values) -> list[str]:
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


# The language of the command's one-line errors: --lang as soon as the options are
# read, then the config's lang once the config is (a config that cannot be read is
# said in --lang's language, or the default's).
_ERRORS = {"lang": DEFAULT_LANG}


def _speak(lang: str) -> str:
    _ERRORS["lang"] = lang
    return lang


def _load_pack_or_exit(ref: str | None):

    try:
        return load_pack(ref or "core")
    except PackError as exc:
        _fail(exc.text_in(_ERRORS["lang"]))


def _config_or_exit(explicit: str | None = None, no_config: bool = False) -> Config:
    """The config of the run as a whole (fail-on, min-severity, exclude): ``--config``,
    or the one found from the working directory."""
    if no_config:
        return Config()
    try:
        return load_config(explicit) if explicit else find_config()
    except ConfigError as exc:
        _fail(exc.text_in(_ERRORS["lang"]))


def _common_options(fn):
    """The options ``check`` and ``compare`` share."""
    for option in reversed([
        click.option("--pack", "pack_ref", default=None, help="Rule pack: a built-in name (core, xinjiang) or a path."),
        click.option("--select", multiple=True, help="Only these rules (ids, names or id prefixes; comma-separated or repeated)."),
        click.option("--ignore", multiple=True, help="Skip these rules (ids, names or id prefixes)."),
        click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True),
        click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
                     help="Exit 1 when a finding at or above this severity is reported. [default: error]"),
        click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), default=None,
                     help="Show findings at or above this severity; the rest are counted. "
                          "[default: warning for text and html, info for the others]"),
        click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write the report to this file."),
        click.option("--form", type=click.Choice(FORMS), default=None, help="Text form; detected from the content by default."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                     help="Use this config file for every file (instead of each file's own, found from its folder upward)."),
        click.option("--no-config", is_flag=True, help="Ignore budgetlint.yaml / [tool.budgetlint]."),
        click.option("--report-unused-suppressions", is_flag=True,
                     help="Report each suppression comment that suppressed nothing (BL001)."),
        click.option("--lang", type=click.Choice(list(LANGS)), default=None,
                     help="Language of the report: zh (中文, the default) or en. [default: the config's lang, or zh]"),
        click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                     help="Colour the text report (auto: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)."),
    ]):
        fn = option(fn)
    return fn


@dataclasses.dataclass
class _Run:
    """What ``check`` and ``compare`` resolve from their options before linting."""

    config: Config
    options: Options
    fmt: str
    fail_on: str
    min_severity: str
    reporter: type
    report_options: ReportOptions


def _prepare(pack_ref, select, ignore, fmt, fail_on, min_severity, output, form, config_path, no_config,
             report_unused, color, lang=None, statistics=False, by_severity=False, list_fixed=False) -> _Run:
    reset_config_cache()
    _speak(lang_of(lang))
    config = _config_or_exit(config_path, no_config)
    lang = _speak(lang_of(lang or config.lang))
    if pack_ref:
        _load_pack_or_exit(pack_ref)  # a pack named on the command line is checked at once
    options = Options(pack=pack_ref, select=tuple(_split(select)), ignore=tuple(_split(ignore)), form=form,
                      config=config_path, no_config=no_config, report_unused=report_unused, lang=lang)
    fail_on = fail_on or config.fail_on or "error"
    min_severity = min_severity or config.min_severity or ("warning" if fmt in READ_BY_PEOPLE and not statistics else "info")
    name = ("statistics-json" if fmt == "json" else "statistics") if statistics else fmt
    opts = ReportOptions(colour=colour_wanted(color, output), show_errors=bool(output), list_fixed=list_fixed,
                         fail_on=fail_on, by_severity=by_severity, lang=lang)
    return _Run(config, options, fmt, fail_on, min_severity, reporter_class(name), opts)


def _plan(run: _Run, files: list[str], stdin: tuple[str, bytes] | None = None):
    planner = Planner(run.options)
    for path in files:
        planner.add(path)
    planner.plan.stdin = stdin
    packs = planner.plan.packs()
    if not packs:  # nothing could be planned: the run still reports the errors
        packs = [_load_pack_or_exit(run.options.pack or run.config.pack)]
    rules: dict = {}
    for p in packs:
        for r in p.rules:
            rules.setdefault(r.id, r)
    names = ", ".join(dict.fromkeys(p.name for p in packs))
    if planner.plan.detecting:  # each file's own pack is in its entry of the report
        names = say("report.detected-per-file", run.options.lang, names=names)
    return planner.plan, RunInfo(pack=names, rules=rules)


class _Unbundle(Stage):
    """Each file of a bundle as a result of its own, in order, after its main file;
    with ``done`` (a resumed report), none whose record the report has already (a run
    killed between the records of one bundle has written some of them)."""

    def __init__(self, inner, done: Done | None = None):
        super().__init__(inner)
        self.done = done

    def file(self, result) -> None:
        bundled, result.bundled = result.bundled, []
        for one in (result, *bundled):
            if not (self.done is not None and bundled and self.done.has(one.path, one.sha256, one.pack_sha256)):
                self.inner.file(one)


class _SayPack(Stage):
    """The text report's line on stderr for each file whose text chose its pack: which
    pack, and why. (A file linted by core because nothing is configured and no
    province is named gets no line: it is linted as it always was, and stderr stays
    the place of errors; every other format's header names each file's pack.)"""

    def __init__(self, inner, lang: str):
        super().__init__(inner)
        self.lang = lang

    def apply(self, result):
        if result.pack and result.pack != "core" and result.pack_detected:
            click.echo(say("detect.header", self.lang, path=printable(result.path), pack=printable(result.pack),
                           reason=printable(result.pack_reason)), err=True)
        return result


@contextmanager
def _report_to(run: _Run, output: str | None, inputs: list[str], append: bool = False) -> Iterator[object]:
    """The reporter of the run, writing as results arrive: to ``output`` (atomically:
    a temp file renamed over it at the end, never over an input) or to stdout. A
    closed pipe ends quietly (``| head``), a full disk or a dead stdout is one line,
    SIGINT/SIGTERM stop the workers and exit 130/143."""
    if output:
        clobbered = same_file(output, inputs)
        if clobbered is not None:
            _fail(say("error.output-is-input", run.options.lang, output=output, input=clobbered))
    elif sys.stdout is None:
        _fail(say("error.stdout-closed", run.options.lang))
    with stop_on_signals():
        try:
            target = (AppendFile if append else ReportFile)(output) if output else None
            with target or nullcontext(GuardedStream(sys.stdout, say("error.stdout", run.options.lang))) as out:
                yield run.reporter(out, run.report_options)
                out.flush()
        except OutputClosed:
            _quiet_stdout()  # `| head` has all it wanted: no message, as any Unix filter
            sys.exit(EXIT_ERROR)
        except OutputError as exc:
            _quiet_stdout()
            _fail(exc.text_in(run.options.lang))
        except KeyboardInterrupt:
            _fail(say("error.sigint", run.options.lang), EXIT_SIGINT)
        except Terminated:
            _fail(say("error.sigterm", run.options.lang), EXIT_SIGTERM)


def _unreadable(tally: Tally, lang: str) -> None:
    for path, why in tally.unreadable:
        click.echo(say("report.error-line", lang, path=printable(path), error=printable(why)), err=True)


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


def _exit(tally: Tally, fail_on: str) -> None:
    if tally.unreadable:
        sys.exit(EXIT_ERROR)
    worst = FAIL_RANK[tally.worst] if tally.worst else 0
    sys.exit(EXIT_FINDINGS if worst >= FAIL_RANK[fail_on] else EXIT_OK)


@main.command()
# readable=False: an unreadable file is that file's error, not a usage error that stops the batch
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@_common_options
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of CPUs; 1 lints in this process).")
@click.option("--statistics", is_flag=True, help="Print the count of findings per rule, with totals, instead of the findings.")
@click.option("--statistics-by-severity", "by_severity", is_flag=True, help="--statistics with one row per rule and severity.")
@click.option("--exclude", multiple=True, help="Globs the directory walk skips (added to the config's exclude).")
@click.option("--stdin-filename", default=None, help="With PATH '-': the name the text read from stdin is linted as "
                                                      "(its config, per-file ignores and reports use it).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Report only findings that are not in this baseline (new) or whose figures changed.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Write every finding of this run to a baseline file (exit 0 unless a file could not be read).")
@click.option("--executor", type=click.Choice(["processes", "dask"]), default="processes", show_default=True,
              help="processes: --jobs worker processes here; dask: the tasks of a Dask cluster (see --scheduler).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="The Dask scheduler (tcp://host:8786) for --executor dask; without it a LocalCluster of --jobs processes.")
@click.option("--worker-wait", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="With --executor dask: how long the run waits while the cluster has no worker before it stops "
                   "(exit 3; the documents done are reported, --resume lints the rest). Default 60.")
@click.option("--shard", "shard_spec", default=None, metavar="I/N",
              help="Lint only shard I of N (1-based) of the files, split by the hash of each path: the N shards together are the whole run.")
@click.option("--resume", is_flag=True,
              help="With --format jsonl --output FILE: append to FILE, skipping the files it has a record of (same bytes, same settings).")
@click.option("--bundle", is_flag=True,
              help="Lint the files of a folder whose names share a stem (X.pdf, X-tables.pdf) as one disclosure, "
                   "so the prose is checked against the tables of the other file.")
def check(paths, pack_ref, select, ignore, fmt, fail_on, min_severity, output, form, config_path, no_config,
          report_unused_suppressions, lang, color, jobs, statistics, by_severity, exclude, stdin_filename,
          baseline_path, write_baseline_path, executor, scheduler, worker_wait, shard_spec, resume, bundle) -> None:
    """Lint the disclosures in PATHS (files, or directories walked for .txt/.md/.pdf/.docx; - reads stdin)."""
    statistics = statistics or by_severity
    run = _prepare(pack_ref, select, ignore, fmt, fail_on, min_severity, output, form, config_path, no_config,
                   report_unused_suppressions, color, lang, statistics=statistics, by_severity=by_severity)
    stdin = None
    if "-" in paths:
        if len(paths) > 1:
            raise click.UsageError("'-' (stdin) cannot be combined with other paths")
        name = stdin_filename or "stdin"
        try:
            stdin = (name, getattr(sys.stdin, "buffer", sys.stdin).read())
        except (OSError, ValueError, AttributeError) as exc:  # no stdin at all (closed)
            click.echo(f"error: cannot read stdin: {exc}", err=True)
            sys.exit(EXIT_ERROR)
        files = [name]
    else:
        files = collect_paths(paths, exclude=[*_split(exclude), *run.config.exclude])
    if shard_spec:
        if stdin is not None:
            raise click.UsageError("--shard splits files, not stdin")
        files = shard(files, *_shard(shard_spec))
    if resume:
        _check_resumable(fmt, output, stdin, statistics, baseline_path, write_baseline_path)
    baseline = None
    if baseline_path:
        try:
            baseline = load_baseline(baseline_path)
        except BaselineError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
    plan, info = _plan(run, files, stdin)
    if bundle and stdin is None:
        plan.bundles = find_bundles(files)

    inputs, done = Inputs(), None
    if resume:
        done = _done_or_exit(output)
        # A bundle is done when each of its files has its record (a run killed between
        # them has written only some): all of them are keyed by the bundle's digest.
        inputs = Inputs(skip=lambda path, sha: all(done.has(p, *plan.key(path, sha)) for p in plan.task_paths(path)))

    lost: tuple = ()  # what ends a run before its last document: a cluster left without workers
    with ExitStack() as stack:
        pool = None
        if executor == "dask" or scheduler:
            pool = stack.enter_context(_executor(executor, scheduler, jobs, worker_wait))
            from budgetlint.linter.cluster import ClusterLost

            lost = (ClusterLost,)
        try:
            with _report_to(run, output, files, append=resume) as reporter:
                tally = Tally(Stage(reporter, lambda r: below(r, run.min_severity)))
                if done is not None:
                    tally.worst, tally.unreadable = done.worst, list(done.unreadable)
                head = BaselineSink(tally, baseline, only_one=len(files) == 1) if baseline else tally
                head = _SayPack(head, run.options.lang) if fmt == "text" else head
                recorder = Recorder(head) if write_baseline_path else None
                members = {m for ms in plan.bundles.values() for m in ms}
                run_batch([f for f in files if f not in members], lint_planned, plan, _Unbundle(recorder or head, done),
                          jobs=jobs, run=info, inputs=inputs, executor=pool)
        except lost as exc:
            stack.close()  # the client first: its last words on stderr come before ours
            _fail(str(exc), EXIT_CLUSTER_LOST)
    _unreadable(tally, run.options.lang)
    if recorder is not None:
        try:
            count = write_baseline(recorder.results, write_baseline_path)
        except OSError as exc:
            click.echo(f"error: cannot write {write_baseline_path}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_ERROR)
        click.echo(say("report.baseline-written", run.options.lang, path=write_baseline_path, count=count), err=True)
        sys.exit(EXIT_ERROR if tally.unreadable else EXIT_OK)
    _exit(tally, run.fail_on)


def _shard(spec: str) -> tuple[int, int]:
    index, sep, count = spec.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        i = n = 0
    if not sep or n < 1 or not 1 <= i <= n:
        raise click.BadParameter(f"{spec!r}: expected I/N with 1 <= I <= N (e.g. 1/4)", param_hint="--shard")
    return i, n


def _check_resumable(fmt, output, stdin, statistics, baseline_path, write_baseline_path) -> None:
    if fmt != "jsonl" or not output or statistics:
        raise click.UsageError("--resume needs --format jsonl and --output FILE (the report it resumes)")
    if stdin is not None or baseline_path or write_baseline_path:
        raise click.UsageError("--resume cannot be combined with stdin, --baseline or --write-baseline")


def _done_or_exit(output: str) -> Done:
    try:
        done = read_done(output)
    except OutputError as exc:
        _fail(exc.text_in(_ERRORS["lang"]))
    if done.records:
        click.echo(say("report.resuming", _ERRORS["lang"], path=printable(output), records=done.records), err=True)
    return done


@contextmanager
def _executor(name: str, scheduler: str | None, jobs: int | None, worker_wait: float | None = None):
    """The Dask executor, connected (or its LocalCluster started) before any report
    is opened: a scheduler that cannot be reached is one line and exit 2."""
    from budgetlint.linter.cluster import ClusterError, DaskExecutor  # dask only when asked for

    executor = DaskExecutor(scheduler=scheduler, workers=jobs, stream=sys.stderr)
    if worker_wait is not None:
        executor.worker_wait = worker_wait
    try:
        executor.__enter__()
    except ClusterError as exc:
        _fail(str(exc))
    try:
        yield executor
    finally:
        executor.close()


@main.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@_common_options
def compare(old, new, pack_ref, select, ignore, fmt, fail_on, min_severity, output, form, config_path, no_config,
            report_unused_suppressions, lang, color) -> None:
    """Compare two drafts of one disclosure: the findings NEW has that OLD did not
    (新增), those still present (仍在, 有变化 when their figures changed) and those
    NEW fixed (已修复). Exit 1 when NEW has a new or changed finding at the fail level."""
    run = _prepare(pack_ref, select, ignore, fmt, fail_on, min_severity, output, form, config_path, no_config,
                   report_unused_suppressions, color, lang, list_fixed=True)
    plan, info = _plan(run, [old, new])
    before = lint_planned(old, plan)
    if before.error:
        click.echo(say("report.error-line", run.options.lang, path=printable(old), error=printable(before.error)), err=True)
        sys.exit(EXIT_ERROR)
    baseline = Baseline(files={os.path.abspath(new): before.findings}, path=old)
    with _report_to(run, output, [old, new]) as reporter:
        tally = Tally(Stage(reporter, lambda r: below(r, run.min_severity)))
        sink = BaselineSink(tally, baseline, keep_unchanged=True)
        run_batch([new], lint_planned, plan, sink, jobs=1, run=info)
    _unreadable(tally, run.options.lang)
    if tally.unreadable:
        sys.exit(EXIT_ERROR)
    worst = FAIL_RANK[tally.worst_changed] if tally.worst_changed else 0
    sys.exit(EXIT_FINDINGS if worst >= FAIL_RANK[run.fail_on] else EXIT_OK)


def colour_wanted(choice: str, output: str | None, stream=None) -> bool:
    """``--color``: always/never as said; auto colours a terminal, unless NO_COLOR is
    set, and FORCE_COLOR colours even a pipe or a file (https://no-color.org,
    https://force-color.org)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream if stream is not None else sys.stdout
    try:
        return output is None and stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # a closed or missing stdout
        return False


@main.command()
@click.option("--pack", "pack_ref", default=None, help="Rule pack: a built-in name or a path.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown: the reference page (docs/rules.md is core's).")
@click.option("--lang", type=click.Choice(list(LANGS)), default=None, help="Language of the summaries (default: the config's, or zh).")
def rules(pack_ref, fmt, lang) -> None:
    """List the rules of a pack: id, name, severity, check kind, summary."""
    _speak(lang_of(lang))
    config = _config_or_exit()
    lang = _speak(lang_of(lang or config.lang))
    pack = _load_pack_or_exit(pack_ref or config.pack).with_severities(config.severity)
    if fmt == "markdown":
        click.echo(rules_markdown(pack), nl=False)
        return
    click.echo(say("rules.header", lang, pack=pack.name, summary=pack.summary_in(lang)).rstrip(": ："))
    width = max((len(r.name) for r in pack.rules), default=0)
    kind_w = max((len(r.check) for r in pack.rules), default=0)
    for r in pack.rules:
        click.echo(f"{r.id}  {r.name:<{width}}  {r.severity:<7}  {r.check:<{kind_w}}  {r.summary_in(lang)}")


@main.command()
@click.argument("name", type=click.Choice(["pack", "config"]))
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json", show_default=True,
              help="json: the JSON Schema (for editors); markdown: the reference page (docs/packs.md, docs/config.md).")
def schema(name, fmt) -> None:
    """Print the pack or config format: its JSON Schema, or its reference page."""
    kinds = available_kinds()
    if fmt == "markdown":
        click.echo(packs_markdown(kinds) if name == "pack" else config_markdown(), nl=False)
    else:
        click.echo(schema_json(name, kinds), nl=False)


@main.command()
@click.argument("rule_ref")
@click.option("--pack", "pack_ref", default=None, help="Rule pack: a built-in name or a path.")
@click.option("--lang", type=click.Choice(list(LANGS)), default=None, help="Language of the summary (default: the config's, or zh).")
def explain(rule_ref, pack_ref, lang) -> None:
    """Explain a rule (by id, e.g. BL101, or by name), with a bad and a good example."""
    _speak(lang_of(lang))
    config = _config_or_exit()
    lang = _speak(lang_of(lang or config.lang))
    pack = _load_pack_or_exit(pack_ref or config.pack).with_severities(config.severity)
    rule = pack.find(rule_ref)
    if rule is None:
        _fail(say("error.no-rule", lang, rule=repr(rule_ref), pack=pack.name))
    click.echo(say("explain.header", lang, id=rule.id, name=rule.name, severity=rule.severity, check=rule.check,
                   pack=rule.pack, origin=rule.origin))
    click.echo(rule.summary_in(lang))
    try:
        reads = get_kind(rule.check).reads
    except KeyError:
        reads = ()
    if reads:
        click.echo(say("explain.reads", lang, reads=", ".join(reads)))
    if rule.explain:
        click.echo("")
        click.echo(rule.explain.rstrip())
    if rule.params:
        click.echo("")
        click.echo(say("explain.params", lang))
        for key, value in rule.params.items():
            click.echo(f"  {key}: {value!r}")
