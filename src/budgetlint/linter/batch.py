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
import hashlib
import os
import sys
from collections import deque
import time
from concurrent.futures import Future  # the package is imported already; its pool is not
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, Sequence, TextIO

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

from budgetlint.core.finding import SEVERITY_RANK
from budgetlint.core.results import FileResult, RunInfo, Sink
from budgetlint.ingest import is_url, read_input
from budgetlint.ingest.errors import InputError
from budgetlint.ingest.remote import list_url
from budgetlint.linter.bundle import bundle_sha256
from budgetlint.linter.report import Report
from budgetlint.linter.signals import raise_if_signalled, signals_deferred
from budgetlint.linter.workers import lint_here, stop_pool, worker_init

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

# ``lint_file(path, pack_ref)``, or ``lint_file(path, pack_ref, data)`` with the
# file's bytes read already (see ``Inputs``).
LintFile = Callable[..., FileResult]


@dataclass(frozen=True)
class Inputs:
    """How each file reaches its lint. By default a worker reads the file itself;
    ``read``: the batch reads it here and ships its bytes (a cluster's workers share
    no filesystem with us); ``skip(path, sha256)``: the file is done already (a
    resumed report has its record) and is neither linted nor handed to the sink.
    A URL is always read here (``ingest.remote``)."""

    read: bool = False
    skip: Optional[Callable[[str, Optional[str]], bool]] = None


def shard(files: Sequence[str], index: int, count: int) -> list[str]:
    """The files of shard ``index`` (1-based) of ``count``: those whose path's hash
    falls there. A file's shard depends on its path alone, not on the rest of the
    listing: machines that list the archive at different times (files added between)
    still split it without overlap, and every shard is stable as the archive grows."""
    return [f for f in files if shard_of(f, count) == index]


def shard_of(path: str, count: int) -> int:
    digest = hashlib.blake2b(path.encode("utf-8", "surrogateescape"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count + 1


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
        if is_url(path):
            listed = list_url(path, _looks_like_disclosure)
            found.update(listed or [path])  # a file, or a folder with nothing: its lint says which
        elif os.path.isdir(path):
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


def lint_one(lint_file: LintFile, path: str, pack_ref: Any, data: Optional[bytes] = None) -> FileResult:
    """Run ``lint_file`` on one path (or on its bytes ``data``), turning any exception
    into an error entry.

    Top-level (not a closure) so a worker process can receive it by reference."""
    try:
        result = lint_file(path, pack_ref) if data is None else lint_file(path, pack_ref, data)
    except InputError as exc:
        return FileResult(path=path, error=exc.reason)
    except RecursionError:
        return FileResult(path=path, error="internal error: nesting too deep to lint")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        return FileResult(path=path, error=f"internal error: {type(exc).__name__}: {exc}")
    if not isinstance(result, FileResult):
        return FileResult(path=path, error=f"internal error: lint returned {type(result).__name__}")
    return result


# In the results where a file's lint is skipped (``Inputs.skip``): each result keeps
# its place, so that the batch pairs results with files by position.
SKIP = object()


def prepare(path: str, lint_file: LintFile, pack_ref: Any, inputs: "Inputs") -> Any:
    """What to submit for ``path``: its bytes (or None: the worker reads it), a
    ``FileResult`` made here (a file that cannot be read: its lint fails at once, with
    the message a worker would give), or ``SKIP``. A task of several files (``pack_ref.
    task_paths(path)``: a bundle) ships ``{path: bytes, or why it cannot be read}`` of
    each, and is skipped by the digest of them all (``bundle_sha256``)."""
    paths = pack_ref.task_paths(path) if hasattr(pack_ref, "task_paths") else [path]
    if not (inputs.read or inputs.skip or any(is_url(p) for p in paths)):
        return None
    if len(paths) > 1:
        parts: dict[str, Any] = {}
        for p in paths:
            try:
                parts[p] = read_input(p)
            except InputError as exc:
                parts[p] = exc.reason
        digest = bundle_sha256([(p, d if isinstance(d, bytes) else None) for p, d in parts.items()])
        return SKIP if inputs.skip and inputs.skip(path, digest) else parts
    try:
        data = read_input(path)
    except InputError:
        if inputs.skip and inputs.skip(path, None):
            return SKIP
        return lint_one(lint_file, path, pack_ref)
    if inputs.skip and inputs.skip(path, hashlib.sha256(data).hexdigest()):
        return SKIP
    return data


def _serial(files: Iterable[str], lint_file: LintFile, pack_ref: Any, inputs: "Inputs") -> Iterator[Any]:
    for path in files:
        data = prepare(path, lint_file, pack_ref, inputs)
        yield data if data is SKIP or isinstance(data, FileResult) else lint_one(lint_file, path, pack_ref, data)


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
    inputs: Optional[Inputs] = None,
    executor: Any = None,
) -> BatchSummary:
    """Lint ``paths`` (files and directories, see ``collect_paths``) with ``jobs``
    worker processes (default: the number of CPUs; 1 runs in this process), handing
    each result to ``sink`` in input order as soon as it and those before it are done.

    ``progress``: None shows a bar on ``stream`` (default stderr) only when it is a
    terminal and there are at least PROGRESS_MIN_FILES files; True/False force it.
    ``inputs``: how files reach the lint (``Inputs``). ``executor``: instead of the
    process pool, an object whose ``results(files, lint_file, pack_ref, inputs)``
    yields the results in input order (``linter.cluster.DaskExecutor``)."""
    files = collect_paths(paths)
    inputs = inputs or Inputs()
    stream = stream if stream is not None else sys.stderr
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    if progress is None:
        progress = _is_terminal(stream) and len(files) >= PROGRESS_MIN_FILES
    bar = _ProgressBar(len(files), stream) if progress else None
    summary = BatchSummary()
    sink.begin(run)
    if executor is not None:
        results: Iterator[FileResult] = executor.results(files, lint_file, pack_ref, inputs)
    elif jobs == 1 or len(files) <= 1:
        results = _serial(files, lint_file, pack_ref, inputs)
    else:
        results = _pool_results(files, lint_file, pack_ref, min(jobs, len(files)), inputs)
    try:
        for result in results:
            if result is SKIP:
                continue
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


def _pool_results(files: list[str], lint_file, pack_ref, jobs: int, inputs: Inputs) -> Iterator[FileResult]:
    """The results of ``files`` in their order, linted by ``jobs`` worker processes.

    At most ``jobs * IN_FLIGHT`` files are queued at once and a result is dropped as
    soon as it is handed on, so memory does not grow with the batch. Whatever ends
    the run early (Ctrl-C, SIGTERM, a sink that fails, the consumer closing this
    generator) kills the workers at once: none is left linting, none outlives us."""
    from concurrent.futures.process import BrokenProcessPool

    pool = _new_pool(jobs, lint_file, pack_ref)
    pending: deque = deque()  # (path, future), in input order
    queue = deque(files)  # not yet submitted
    try:
        while True:
            try:
                _top_up(pool, pending, queue, lint_file, pack_ref, jobs, inputs)
                if not pending:
                    break
                path, future = pending[0]
                result = _wait(future)
            except BrokenProcessPool:
                rest = [p for p, _ in pending] + list(queue)
                yield from _recover(rest, [f for _, f in pending], lint_file, pack_ref, jobs, inputs)
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


def _top_up(pool, pending: deque, queue: deque, lint_file, pack_ref, jobs: int, inputs: Inputs) -> None:
    while queue and len(pending) < jobs * IN_FLIGHT:
        data = prepare(queue[0], lint_file, pack_ref, inputs)
        if data is SKIP or isinstance(data, FileResult):  # kept in its place: the order holds
            future: Future = Future()
            future.set_result(data)
        else:
            with signals_deferred():  # a submit may fork the workers
                future = pool.submit(lint_here, queue[0], data)  # may raise: the path stays queued
        pending.append((queue.popleft(), future))


def _new_pool(jobs: int, lint_file: LintFile, pack_ref: Any) -> ProcessPoolExecutor:
    # multiprocessing is imported by the first pool: a --jobs 1 run never needs it
    from concurrent.futures import ProcessPoolExecutor

    # The lint function and the plan go to each worker once, at its start (inherited
    # by a forked worker, pickled once for a spawned one): a task is only a path and
    # maybe its bytes. The plan names every file of the run, so shipping it with each
    # task cost O(files) per file: 1 ms a task at 1,000 files, 0.2 s at 100,000.
    return ProcessPoolExecutor(max_workers=jobs, initializer=worker_init, initargs=(lint_one, lint_file, pack_ref))


def _recover(files: list[str], futures: list, lint_file, pack_ref, jobs: int, inputs: Inputs) -> Iterator[FileResult]:
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
        data = prepare(path, lint_file, pack_ref, inputs)
        done[path] = data if data is SKIP or isinstance(data, FileResult) else _run_isolated(lint_file, path, pack_ref, data)
    later = _pool_results(rest, lint_file, pack_ref, jobs, inputs) if rest else (r for r in ())
    try:
        for path in files:
            if path in done:
                yield done.pop(path)
            else:
                yield next(later)
    finally:
        later.close()  # an early end stops the fresh pool too


def _run_isolated(lint_file, path, pack_ref, data: Optional[bytes] = None) -> FileResult:
    from concurrent.futures.process import BrokenProcessPool

    pool = _new_pool(1, lint_file, pack_ref)
    try:
        with signals_deferred():
            future = pool.submit(lint_here, path, data)
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
