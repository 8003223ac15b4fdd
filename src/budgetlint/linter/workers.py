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
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1
STOP_GRACE = 1.0  # seconds a terminated worker has before it is killed


def worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        parent = os.getppid()
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc to ask: the parent's cleanup still holds
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
