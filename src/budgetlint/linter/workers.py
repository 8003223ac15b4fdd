"""Worker processes that never outlive the run and never print a traceback.

A Ctrl-C in a terminal reaches the whole process group: workers ignore SIGINT and
leave stopping to the parent, which kills them at once (a worker in the middle of a
file would otherwise finish it, or print its own KeyboardInterrupt). A worker also
asks the kernel to kill it when its parent dies (Linux ``PR_SET_PDEATHSIG``), so
even a parent killed with SIGKILL leaves no orphan linting on.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

try:  # imported here, not in a worker: a worker may run where the stdlib is unreadable
    import ctypes
except ImportError:  # pragma: no cover - a Python built without ctypes
    ctypes = None

_PR_SET_PDEATHSIG = 1
STOP_GRACE = 1.0  # seconds a terminated worker has before it is killed


# What this worker lints with (``worker_init``): (lint_one, lint_file, pack_ref).
_TASK: Optional[tuple[Callable[..., Any], Callable[..., Any], Any]] = None


def lint_here(path: str, data: Optional[bytes] = None) -> Any:
    """A pool task: lint ``path`` (or its bytes ``data``) with what ``worker_init`` was given."""
    run, lint_file, pack_ref = _TASK  # type: ignore[misc] # set by worker_init before any task
    return run(lint_file, path, pack_ref, data)


def worker_init(run: Optional[Callable[..., Any]] = None, lint_file: Optional[Callable[..., Any]] = None,
                pack_ref: Any = None) -> None:
    """Must never raise: a failing initializer breaks the whole pool. ``run(lint_file,
    path, pack_ref, data)`` is what ``lint_here`` calls for each task."""
    global _TASK
    _TASK = (run, lint_file, pack_ref)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if ctypes is None or not sys.platform.startswith("linux"):
        return  # the parent's cleanup still holds; only a SIGKILLed parent would leave orphans
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except Exception:  # noqa: BLE001 - no libc to ask, as above
        return
    if os.getppid() != parent:  # the parent died before the request took hold
        os._exit(1)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and kill the workers now, without waiting for their files."""
    processes = list(getattr(pool, "_processes", {}).values())  # no public handle before 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(STOP_GRACE)
        if process.is_alive():
            process.kill()
            process.join(STOP_GRACE)
    _forget(pool)


def _forget(pool: ProcessPoolExecutor) -> None:
    """Take a stopped pool off the list the interpreter's exit hook walks. On Python
    before 3.12 that hook wakes each pool's manager thread through a pipe the thread
    may have closed by then: a run stopped by a signal would end on an "Exception
    ignored … Bad file descriptor" traceback."""
    from concurrent.futures import process as futures_process

    manager = getattr(pool, "_executor_manager_thread", None)
    wakeups = getattr(futures_process, "_threads_wakeups", None)
    if manager is None or wakeups is None:
        return
    manager.join(STOP_GRACE)
    if not manager.is_alive():
        wakeups.pop(manager, None)
