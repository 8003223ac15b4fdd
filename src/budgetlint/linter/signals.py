"""SIGINT and SIGTERM during a run: stop at once, clean up once, exit 130 or 143.

The first signal raises in the main thread (KeyboardInterrupt, or ``Terminated`` for
SIGTERM) and from that moment both are ignored, so the cleanup that follows (killing
the workers, removing a half-written report) is never interrupted by a second Ctrl-C
into a traceback or a hang.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator

EXIT_SIGINT = 128 + signal.SIGINT  # 130, the shell's convention
EXIT_SIGTERM = 128 + signal.SIGTERM  # 143


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, as KeyboardInterrupt is, so that no
    ``except Exception`` on the way up swallows it."""


_received: list[int] = []


def _ignore_both(signum: int) -> None:
    _received.append(signum)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _on_sigint(signum, frame) -> None:
    _ignore_both(signum)
    raise KeyboardInterrupt


def _on_sigterm(signum, frame) -> None:
    _ignore_both(signum)
    raise Terminated


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within: SIGINT raises KeyboardInterrupt and SIGTERM ``Terminated``, once.
    The previous handlers come back on the way out (a test runs many commands in
    one process), unless a signal came: then both stay ignored until the process
    has exited, which it is about to."""
    try:
        previous = signal.signal(signal.SIGINT, _on_sigint), signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    _received.clear()
    try:
        yield
    finally:
        if not _received:
            signal.signal(signal.SIGINT, previous[0])
            signal.signal(signal.SIGTERM, previous[1])
