"""Lint many files, in parallel processes, with the same result as a serial run.

The per-file lint function is a parameter (a picklable top-level function
``lint_file(path, pack_ref) -> FileResult``) so that this module does not depend on
how the linter loads a pack or parses a file. Whatever that function raises for one
file becomes an error entry for that file; the other files are still fully linted.

Results reach the sink in input order (sorted by path), whatever order the workers
finish in, so the output of ``--jobs 1`` and ``--jobs N`` is byte-for-byte the same.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections import deque
import time
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, Sequence, TextIO

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

from budgetlint.core.finding import SEVERITY_RANK
from budgetlint.core.results import FileResult, RunInfo, Sink
from budgetlint.ingest.errors import InputError
from budgetlint.linter.report import Report
from budgetlint.linter.signals import raise_if_signalled, signals_deferred
from budgetlint.linter.workers import stop_pool, worker_init

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
# Below this many files a bar only flickers; the run is over before it helps.
PROGRESS_MIN_FILES = 4
# Files a directory of disclosures often holds that are never one: linting them
# would only report missing tables. Named on the command line they are linted.
NOT_DISCLOSURES = ("readme", "changelog", "license", "licence", "contributing", "notice")
# Folders a walk never enters (besides hidden ones such as .git and .venv): other
# people's packages and virtual environments hold README.md files by the thousand.
SKIP_DIRS = ("node_modules", "__pycache__", "site-packages", "venv", "env", "_build")

# Files queued per worker: enough that no worker waits for the next, few enough
# that finished results never pile up behind a slow file.
IN_FLIGHT = 4
# How often (seconds) a wait for a result looks for a signal whose exception was lost.
WAKE = 0.25

LintFile = Callable[[str, Any], FileResult]


def collect_paths(paths: Iterable[str], exclude: Sequence[str] = ()) -> list[str]:
    """The files to lint: named files as given (whatever their suffix: the user chose
    them; a missing one stays, so that its lint reports "no such file"), directories
    walked for .txt/.md/.pdf/.docx files, skipping hidden ones, README/LICENSE-like files,
    ``SKIP_DIRS``, virtual environments and what ``exclude`` matches (``excluded``).
    A directory that cannot be listed, or holds nothing to lint, stays in the list, so
    that its lint reports why (never skipped in silence). Sorted, without duplicates."""
    found: set[str] = set()

    def unlisted(error: OSError) -> None:
        found.add(error.filename if isinstance(error.filename, str) else str(error.filename))

    for path in paths:
        if os.path.isdir(path):
            walked = 0
            for dirpath, dirnames, filenames in os.walk(path, onerror=unlisted):
                # Prune in place so os.walk does not descend into .git and the like.
                dirnames[:] = sorted(
                    d for d in dirnames
                    if not _skipped_dir(dirpath, d) and not excluded(os.path.join(dirpath, d), path, exclude)
                )
                for name in filenames:
                    full = os.path.join(dirpath, name)
                    if _looks_like_disclosure(name) and not excluded(full, path, exclude):
                        found.add(full)
                        walked += 1
            if not walked:
                # Kept, so that its lint says there was nothing to lint (not "0 findings").
                found.add(path)
        else:
            found.add(path)
    return sorted(found)


def _skipped_dir(parent: str, name: str) -> bool:
    if name.startswith(".") or name in SKIP_DIRS:
        return True
    return os.path.isfile(os.path.join(parent, name, "pyvenv.cfg"))  # a virtual environment


def excluded(path: str, root: str, patterns: Sequence[str]) -> bool:
    """Does a glob of ``patterns`` match ``path`` (found walking ``root``)? A glob
    without ``/`` matches a file or folder name; one with ``/`` the path relative to
    ``root`` or to the working directory."""
    if not patterns:
        return False
    name = os.path.basename(path)
    rel_root = os.path.relpath(path, root).replace(os.sep, "/")
    rel_cwd = os.path.relpath(path).replace(os.sep, "/")
    for glob in patterns:
        glob = glob.rstrip("/")
        if "/" in glob:
            if fnmatch.fnmatchcase(rel_root, glob) or fnmatch.fnmatchcase(rel_cwd, glob.removeprefix("./")):
                return True
        elif fnmatch.fnmatchcase(name, glob):
            return True
    return False


def _looks_like_disclosure(name: str) -> bool:
    lower = name.lower()
    if name.startswith(".") or not lower.endswith(SUPPORTED_SUFFIXES):
        return False
    return lower.rsplit(".", 1)[0] not in NOT_DISCLOSURES


def lint_one(lint_file: LintFile, path: str, pack_ref: Any) -> FileResult:
    """Run ``lint_file`` on one path, turning any exception into an error entry.

    Top-level (not a closure) so a worker process can receive it by reference."""
    try:
        result = lint_file(path, pack_ref)
    except InputError as exc:
        return FileResult(path=path, error=exc.reason)
    except RecursionError:
        return FileResult(path=path, error="internal error: nesting too deep to lint")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        return FileResult(path=path, error=f"internal error: {type(exc).__name__}: {exc}")
    if not isinstance(result, FileResult):
        return FileResult(path=path, error=f"internal error: lint returned {type(result).__name__}")
    return result


def lint_paths_parallel(
    paths: Iterable[str],
    lint_file: LintFile,
    pack_ref: Any = None,
    *,
    jobs: Optional[int] = None,
    progress: Optional[bool] = None,
    rules: Optional[dict] = None,
    pack: str = "core",
    stream: Optional[TextIO] = None,
) -> Report:
    """``run_batch`` into one ``Report`` (for callers that want every result at once)."""
    collected: list[FileResult] = []
    run_batch(paths, lint_file, pack_ref, _Collect(collected), jobs=jobs, progress=progress,
              run=RunInfo(pack=pack, rules=dict(rules or {})), stream=stream)
    return Report(files=collected, rules=dict(rules or {}), pack=pack)


@dataclass
class BatchSummary:
    """What the caller of a batch needs once the sink has every result: the exit status."""

    files: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    worst: Optional[str] = None  # the highest severity found

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error:
            self.unreadable.append((result.path, result.error))
        for f in result.findings:
            if self.worst is None or SEVERITY_RANK[f.severity] > SEVERITY_RANK[self.worst]:
                self.worst = f.severity


def run_batch(
    paths: Iterable[str],
    lint_file: LintFile,
    pack_ref: Any,
    sink: Sink,
    *,
    run: RunInfo,
    jobs: Optional[int] = None,
    progress: Optional[bool] = None,
    stream: Optional[TextIO] = None,
) -> BatchSummary:
    """Lint ``paths`` (files and directories, see ``collect_paths``) with ``jobs``
    worker processes (default: the number of CPUs; 1 runs in this process), handing
    each result to ``sink`` in input order as soon as it and those before it are done.

    ``progress``: None shows a bar on ``stream`` (default stderr) only when it is a
    terminal and there are at least PROGRESS_MIN_FILES files; True/False force it."""
    files = collect_paths(paths)
    stream = stream if stream is not None else sys.stderr
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    if progress is None:
        progress = _is_terminal(stream) and len(files) >= PROGRESS_MIN_FILES
    bar = _ProgressBar(len(files), stream) if progress else None
    summary = BatchSummary()
    sink.begin(run)
    if jobs == 1 or len(files) <= 1:
        results: Iterator[FileResult] = (lint_one(lint_file, path, pack_ref) for path in files)
    else:
        results = _pool_results(files, lint_file, pack_ref, min(jobs, len(files)))
    try:
        for result in results:
            if bar:
                bar.advance(result.path)
            summary.add(result)
            sink.file(result)
            del result  # handed on: the sink keeps what it needs, nothing else stays
            raise_if_signalled()
    finally:
        results.close()  # an early end (Ctrl-C, a failing sink) stops the workers now
        if bar:
            bar.close()  # also on Ctrl-C: no half bar left behind
    sink.end()
    return summary


class _Collect:
    def __init__(self, into: list[FileResult]):
        self.into = into

    def begin(self, run: RunInfo) -> None:
        pass

    def file(self, result: FileResult) -> None:
        self.into.append(result)

    def end(self) -> None:
        pass


def _pool_results(files: list[str], lint_file, pack_ref, jobs: int) -> Iterator[FileResult]:
    """The results of ``files`` in their order, linted by ``jobs`` worker processes.

    At most ``jobs * IN_FLIGHT`` files are queued at once and a result is dropped as
    soon as it is handed on, so memory does not grow with the batch. Whatever ends
    the run early (Ctrl-C, SIGTERM, a sink that fails, the consumer closing this
    generator) kills the workers at once: none is left linting, none outlives us."""
    from concurrent.futures.process import BrokenProcessPool

    pool = _new_pool(jobs)
    pending: deque = deque()  # (path, future), in input order
    queue = deque(files)  # not yet submitted
    try:
        while True:
            try:
                _top_up(pool, pending, queue, lint_file, pack_ref, jobs)
                if not pending:
                    break
                path, future = pending[0]
                result = _wait(future)
            except BrokenProcessPool:
                rest = [p for p, _ in pending] + list(queue)
                yield from _recover(rest, [f for _, f in pending], lint_file, pack_ref, jobs)
                return
            except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                result = FileResult(path=path, error=f"internal error: {type(exc).__name__}: {exc}")
            pending.popleft()
            del future
            yield result
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown()


def _wait(future) -> FileResult:
    while True:
        try:
            return future.result(timeout=WAKE)
        except FuturesTimeout:
            raise_if_signalled()


def _top_up(pool, pending: deque, queue: deque, lint_file, pack_ref, jobs: int) -> None:
    while queue and len(pending) < jobs * IN_FLIGHT:
        with signals_deferred():  # a submit may fork the workers
            future = pool.submit(lint_one, lint_file, queue[0], pack_ref)  # may raise: the path stays queued
        pending.append((queue.popleft(), future))


def _new_pool(jobs: int) -> ProcessPoolExecutor:
    # multiprocessing is imported by the first pool: a --jobs 1 run never needs it
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, initializer=worker_init)


def _recover(files: list[str], futures: list, lint_file, pack_ref, jobs: int) -> Iterator[FileResult]:
    """A worker died hard (a crash, the OOM killer): every unfinished file fails with
    it and nothing says which file killed it. Files go to the workers in submission
    order, so the culprit is among the first ``jobs + 1`` unfinished ones (the
    workers' files and the one queued ahead): those are re-run alone, so only the
    culprit gets the error, and the rest in a fresh pool. ``futures`` are those of
    the first files (the ones submitted); the others were never queued."""
    done: dict[str, FileResult] = {}
    broken: list[str] = []
    for i, path in enumerate(files):
        future = futures[i] if i < len(futures) else None
        if future is not None and future.done() and not future.cancelled() and future.exception() is None:
            done[path] = future.result()
        else:
            broken.append(path)
    suspects, rest = broken[: jobs + 1], broken[jobs + 1 :]
    for path in suspects:
        done[path] = _run_isolated(lint_file, path, pack_ref)
    later = _pool_results(rest, lint_file, pack_ref, jobs) if rest else (r for r in ())
    try:
        for path in files:
            if path in done:
                yield done.pop(path)
            else:
                yield next(later)
    finally:
        later.close()  # an early end stops the fresh pool too


def _run_isolated(lint_file, path, pack_ref) -> FileResult:
    from concurrent.futures.process import BrokenProcessPool

    pool = _new_pool(1)
    try:
        with signals_deferred():
            future = pool.submit(lint_one, lint_file, path, pack_ref)
        return _wait(future)
    except BrokenProcessPool:
        return FileResult(path=path, error="internal error: the lint process died on this file")
    except BaseException:
        stop_pool(pool)
        raise
    finally:
        pool.shutdown()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _ProgressBar:
    """click's progress bar (click is a dependency already): ``[####....]  37/800
    00:00:12  8.3 文件/秒  name.txt``, with its ETA, the rate, and the file just done by
    its name (a long path would wrap the line). Erased when done, so that it never ends
    up in a log or above the findings."""

    WIDTH = 24
    NAME = 32

    def __init__(self, total: int, stream: TextIO):
        import click  # only a terminal run with a bar pays for it

        self.stream = stream
        self.started = time.monotonic()
        self.done = 0
        self.bar = click.progressbar(
            length=total, file=stream, width=self.WIDTH, show_eta=True, show_pos=True, show_percent=False,
            item_show_func=self._item,
        )
        self.bar.__enter__()

    def _item(self, path: Optional[str]) -> Optional[str]:
        if path is None:
            return None
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        name = os.path.basename(path)
        if len(name) > self.NAME:
            name = name[: self.NAME - 1] + "…"
        return f"{rate:.1f} 文件/秒  {name}"

    def advance(self, path: str) -> None:
        self.done += 1
        self.bar.update(1, path)

    def close(self) -> None:
        # Not click's own finish, which leaves the last bar on its line.
        self.bar.finished = True
        self.stream.write("\r\x1b[2K\x1b[?25h")  # clear the line, show the cursor again
        self.stream.flush()
