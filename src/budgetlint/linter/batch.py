"""Lint many files, in parallel processes, with the same result as a serial run.

The per-file lint function is a parameter (a picklable top-level function
``lint_file(path, pack_ref) -> FileResult``) so that this module does not depend on
how the linter loads a pack or parses a file. Whatever that function raises for one
file becomes an error entry for that file; the other files are still fully linted.

Results come back sorted by path, whatever order the workers finish in, so the
output of ``--jobs 1`` and ``--jobs N`` is byte-for-byte the same.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Optional, TextIO

from ..ingest.errors import InputError
from ..rules.base import Rule
from .report import FileResult, Report

SUPPORTED_SUFFIXES = (".txt", ".md")
# Below this many files a bar only flickers; the run is over before it helps.
PROGRESS_MIN_FILES = 4
# Files a directory of disclosures often holds that are never one: linting them
# would only report missing tables. Named on the command line they are linted.
NOT_DISCLOSURES = ("readme", "changelog", "license", "licence", "contributing", "notice")

LintFile = Callable[[str, Any], FileResult]


def collect_paths(paths: Iterable[str]) -> list[str]:
    """The files to lint: named files as given (whatever their suffix: the user chose
    them; a missing one stays, so that its lint reports "no such file"), directories
    walked for .txt/.md files, skipping hidden ones and README/LICENSE-like files.
    Sorted, without duplicates."""
    found: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            for dirpath, dirnames, filenames in os.walk(path):
                # Prune in place so os.walk does not descend into .git and the like.
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in filenames:
                    if _looks_like_disclosure(name):
                        found.add(os.path.join(dirpath, name))
        else:
            found.add(path)
    return sorted(found)


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
    rules: Optional[dict[str, Rule]] = None,
    pack: str = "core",
    stream: Optional[TextIO] = None,
) -> Report:
    """Lint ``paths`` (files and directories, see ``collect_paths``) with ``jobs``
    worker processes (default: the number of CPUs; 1 runs in this process).

    ``progress``: None shows a bar on ``stream`` (default stderr) only when it is a
    terminal and there are at least PROGRESS_MIN_FILES files; True/False force it.
    ``rules`` and ``pack`` are copied into the Report for the reporters."""
    files = collect_paths(paths)
    stream = stream if stream is not None else sys.stderr
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    if progress is None:
        progress = _is_terminal(stream) and len(files) >= PROGRESS_MIN_FILES
    bar = _ProgressBar(len(files), stream) if progress else None

    try:
        if jobs == 1 or len(files) <= 1:
            results = {}
            for path in files:
                results[path] = lint_one(lint_file, path, pack_ref)
                if bar:
                    bar.advance(path)
        else:
            results = _run_pool(files, lint_file, pack_ref, min(jobs, len(files)), bar)
    finally:
        if bar:
            bar.close()  # also on Ctrl-C: no half bar left before the traceback
    return Report(files=[results[p] for p in files], rules=dict(rules or {}), pack=pack)


def _run_pool(files, lint_file, pack_ref, jobs, bar) -> dict[str, FileResult]:
    results: dict[str, FileResult] = {}
    broken: list[str] = []
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        futures = {pool.submit(lint_one, lint_file, p, pack_ref): p for p in files}
        # Collect in submission order: results are keyed by path anyway, and a
        # progress bar that advances in order is easier to read.
        for future, path in futures.items():
            try:
                results[path] = future.result()
            except BrokenProcessPool:
                broken.append(path)
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                results[path] = FileResult(path=path, error=f"internal error: {type(exc).__name__}: {exc}")
            if bar:
                bar.advance(path)
    except BaseException:
        # Ctrl-C: drop the queued files instead of linting them all before exiting.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    # A worker died hard (a crash, the OOM killer): every unfinished file fails with
    # it and nothing says which file killed it. Files go to the workers in
    # submission order, so the culprit is among the first ``jobs + 1`` unfinished
    # ones (the workers' files and the one queued ahead): re-run those alone, so
    # only the culprit gets the error, and the rest in a fresh pool.
    suspects, rest = broken[: jobs + 1], broken[jobs + 1 :]
    for path in suspects:
        results[path] = _run_isolated(lint_file, path, pack_ref)
        if bar:
            bar.advance(path)
    if rest:
        results.update(_run_pool(rest, lint_file, pack_ref, jobs, bar))
    return results


def _run_isolated(lint_file, path, pack_ref) -> FileResult:
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(lint_one, lint_file, path, pack_ref).result()
    except BrokenProcessPool:
        return FileResult(path=path, error="internal error: the lint process died on this file")


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _ProgressBar:
    """``[#######.......]  37/800 path`` redrawn in place; erased when done so that it
    never ends up in a log or between the findings."""

    WIDTH = 28

    def __init__(self, total: int, stream: TextIO):
        self.total = total
        self.done = 0
        self.stream = stream
        self.shown = 0

    def advance(self, path: str) -> None:
        self.done += 1
        filled = self.WIDTH * self.done // max(self.total, 1)
        label = path if len(path) <= 40 else "…" + path[-39:]
        text = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done:>{len(str(self.total))}}/{self.total} {label}"
        pad = max(0, self.shown - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self.shown = len(text)

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0
