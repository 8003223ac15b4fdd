"""Lint on a Dask cluster (``--executor dask``): each document one pure task, its
bytes and the plan in, its result out, handed on in input order as ``--jobs`` does.

dask and distributed are imported here only, and this module only when the executor
is asked for: a run on one machine never pays for them.

- The client reads each input (a shared filesystem, a URL) and ships its bytes with
  what it is linted with (its pack and settings): a task depends on nothing else, and
  the workers need neither the files nor any config or pack file.
- At most ``workers * IN_FLIGHT`` documents are submitted at once and each result is
  released as soon as it is handed on: the client's memory does not grow with the
  archive.
- A worker that dies or is lost (a crash, the OOM killer, a machine gone) has its
  documents rerun elsewhere by the scheduler; a document that has killed
  ``distributed.scheduler.allowed-failures`` workers is that document's error, and the
  run goes on. An exception inside a lint is already one error entry (``lint_one``).
- A cluster left without any worker (all killed, every machine gone) or without its
  scheduler for ``worker_wait`` seconds ends the run (``ClusterLost``): the documents
  done are reported, the others are not linted and get no record, so that ``--resume``
  does them on the rerun. (The scheduler itself would wait for workers forever.)
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional, TextIO

from budgetlint.core.results import FileResult
from budgetlint.linter.batch import IN_FLIGHT, SKIP, WAKE, Inputs, LintFile, lint_one, prepare
from budgetlint.linter.signals import raise_if_signalled

DIED = "internal error: the lint process died on this file"
# Seconds a run waits with no worker in the cluster before it gives up (--worker-wait):
# long enough for a cluster whose workers restart, or an autoscaler adding machines.
WORKER_WAIT = 60.0
# How often (seconds) a wait for a result asks the scheduler how many workers it has.
WORKER_POLL = 1.0
GONE = "the Dask scheduler is gone"


class ClusterError(Exception):
    """The cluster cannot be reached or started (one line, for the command line)."""


class ClusterLost(ClusterError):
    """The cluster has had no worker (or no scheduler) for ``worker_wait`` seconds:
    ``undone`` documents were not linted."""

    def __init__(self, why: str, undone: int):
        self.undone = undone
        super().__init__(f"{why}: {undone} document(s) not linted"
                         " (rerun with --format jsonl --output FILE --resume to lint only those)")


@dataclass
class DaskExecutor:
    """``scheduler``: a scheduler's address (``tcp://host:8786``); None starts a
    LocalCluster of ``workers`` processes (default: the number of CPUs) on this
    machine and says so on ``stream``."""

    scheduler: Optional[str] = None
    workers: Optional[int] = None
    stream: Optional[TextIO] = None
    worker_wait: float = WORKER_WAIT
    _client: Any = field(default=None, init=False, repr=False)
    _cluster: Any = field(default=None, init=False, repr=False)

    def __enter__(self) -> "DaskExecutor":
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ClusterError("--executor dask needs dask.distributed (pip install 'budgetlint[dask]')") from None
        import dask

        try:
            # Every connection's BatchedSend keeps its last messages for debugging
            # (distributed.admin.low-level-log-length, 1,000), each task's with the
            # document's bytes and its plan: ~80 kB a corpus document, up to 1 MB a
            # PDF, so the client grew by 112 MB over 1,000 documents (bench_scale).
            # None kept: the client's memory stays flat.
            with dask.config.set({"distributed.admin.low-level-log-length": 0}):
                self._connect(Client, LocalCluster)
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            where = self.scheduler or "LocalCluster"
            raise ClusterError(f"cannot reach the Dask scheduler {where}: {exc}"[:300]) from None
        return self

    def _connect(self, Client, LocalCluster) -> None:
        if self.scheduler:
            # The wait is dask's own setting (distributed.comm.timeouts.connect,
            # DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT): a scheduler still starting is waited for.
            self._client = Client(self.scheduler, set_as_default=False)
        else:
            import os

            n = self.workers or os.cpu_count() or 1
            if self.stream is not None:
                self.stream.write(f"未指定 --scheduler：在本机启动 Dask LocalCluster（{n} 个工作进程）\n")
                self.stream.flush()
            import dask

            # One thread per process: a lint is pure Python, threads would share one
            # GIL. The workers' sampling profiler (every 10 ms, over a lint's deep
            # stacks) made each document 2-4x slower; the nannies pass this config on.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                             dashboard_address=":0")  # any free port: 8787 may be taken
            self._client = Client(self._cluster, set_as_default=False)

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        for thing in (self._client, self._cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # noqa: BLE001 - a cluster already gone: nothing to stop
                    pass
        self._client = self._cluster = None

    def slots(self) -> int:
        """The cluster's worker threads (each lints one document at a time)."""
        info = self._client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def results(self, files: list[str], lint_file: LintFile, pack_ref: Any, inputs: Inputs) -> Iterator[Any]:
        if self._client is None:
            with self:
                yield from self.results(files, lint_file, pack_ref, inputs)
            return
        client = self._client
        inputs = Inputs(read=True, skip=inputs.skip)  # the workers read nothing themselves
        # What a document is linted with travels with it (the plan of that one file,
        # ~20 kB, 2 ms to unpickle): a task depends on nothing a lost worker held.
        # (Data scattered once, or a task holding the plan, dies with the workers that
        # hold it and takes every document with it.)
        narrow = getattr(pack_ref, "for_file", None)
        window = self.slots() * IN_FLIGHT
        pending: deque = deque()  # (path, future or a result made here, bytes), in input order
        queue = deque(files)
        watch = _Watch(client, self.worker_wait, lambda: len(pending) + len(queue))
        try:
            while queue or pending:
                while queue and len(pending) < window:
                    path = queue[0]
                    data = prepare(path, lint_file, pack_ref, inputs)
                    if data is SKIP or isinstance(data, FileResult):
                        pending.append((path, data, None))
                    else:
                        ref = narrow(path) if narrow else pack_ref
                        pending.append((path, watch.submit(lint_one, lint_file, path, ref, data), (ref, data)))
                    queue.popleft()
                path, job, args = pending[0]
                if job is SKIP or isinstance(job, FileResult):
                    pending.popleft()
                    yield job
                    continue
                result = _result(path, job, watch)
                if result is _KILLED:
                    # The scheduler blames every document queued on a worker that dies,
                    # not only the one it was running: one more try, as a task of its
                    # own, before this document is the one that kills.
                    job = watch.submit(lint_one, lint_file, path, *args)
                    pending[0] = (path, job, args)
                    result = _result(path, job, watch)
                pending.popleft()
                yield FileResult(path=path, error=DIED) if result is _KILLED else result
                del job, args, result
        finally:
            for _, job, _ in pending:  # an early end: nothing left running for us
                if hasattr(job, "cancel"):
                    try:
                        job.cancel()
                    except Exception:  # noqa: BLE001 - a client without its scheduler: nothing runs
                        pass


class _Watch:
    """Raises ``ClusterLost`` once the cluster has had no worker, or the client no
    scheduler, for ``wait`` seconds (asked every WORKER_POLL seconds while a result
    is waited for); ``undone()``: the documents the run has not handed on."""

    def __init__(self, client, wait: float, undone):
        self.client, self.wait, self.undone = client, wait, undone
        self.asked = 0.0
        self.since: Optional[float] = None  # when the cluster was first seen without a worker
        self.why = ""

    def submit(self, *args) -> Any:
        try:
            return self.client.submit(*args, pure=False)
        except Exception:  # noqa: BLE001 - a closed client: the scheduler is gone
            raise ClusterLost(GONE, self.undone()) from None

    def check(self) -> None:
        now = time.monotonic()
        if now - self.asked < WORKER_POLL:
            return
        self.asked = now
        try:
            workers = len(self.client.nthreads())
            self.why = f"no Dask worker for {self.wait:g} s"
        except Exception:  # noqa: BLE001 - the scheduler does not answer: no worker either
            workers, self.why = 0, f"no answer from the Dask scheduler for {self.wait:g} s"
        if workers:
            self.since = None
        elif self.since is None:
            self.since = now
        elif now - self.since >= self.wait:
            raise ClusterLost(self.why, self.undone())


def _wait(future, watch: Optional[_Watch] = None) -> Any:
    # Not future.result(timeout=…): distributed's timed wait can lose a result that
    # lands as it times out (UnboundLocalError from its sync(), seen on a loaded
    # machine). A done-callback sets an event that is waited for in steps instead.
    done = threading.Event()
    future.add_done_callback(lambda _: done.set())
    while not done.wait(WAKE):
        raise_if_signalled()
        if watch is not None:
            watch.check()
    return future.result()


_KILLED = object()


def _result(path: str, future, watch: Optional[_Watch] = None) -> Any:
    try:
        result = _wait(future, watch)
    except ClusterLost:
        raise
    except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost connection, an unpicklable result
        name = type(exc).__name__
        if watch is not None and "Cancelled" in name:
            # Nothing of ours cancels a future still waited for: the client lost its
            # scheduler, and every document in flight with it.
            raise ClusterLost(GONE, watch.undone()) from None
        return _KILLED if name == "KilledWorker" else FileResult(path=path, error=f"internal error: {name}: {exc}"[:300])
    finally:
        try:
            future.release()
        except Exception:  # noqa: BLE001 - as above
            pass
    if not isinstance(result, FileResult):
        return FileResult(path=path, error=f"internal error: lint returned {type(result).__name__}")
    return result
