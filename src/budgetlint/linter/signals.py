"""SIGINT and SIGTERM during a run: stop at once, clean up once, exit 130 or 143.

The first signal raises in the main thread (KeyboardInterrupt, or ``Terminated`` for
SIGTERM) and from that moment both are ignored, so the cleanup that follows (killing
the workers, removing a half-written report) is never interrupted by a second Ctrl-C
into a traceback or a hang.

A Python handler runs wherever the main thread happens to be, and some places
swallow what it raises (``os.fork``'s callbacks print "Exception ignored" and go
on). So starting workers is a deferred section (a signal is only noted there and
raised right after), waits re-raise a noted signal (``raise_if_signalled``), and a
forked child that receives a signal before its own setup does not raise at all.
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from typing import Iterator

EXIT_SIGINT = 128 + signal.SIGINT  # 130, the shell's convention
EXIT_SIGTERM = 128 + signal.SIGTERM  # 143


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, as KeyboardInterrupt is, so that no
    ``except Exception`` on the way up swallows it."""


_received: list[int] = []
_state = {"owner": 0, "deferred": 0}


def _exception(signum: int) -> BaseException:
    return KeyboardInterrupt() if signum == signal.SIGINT else Terminated()


def _handler(signum, frame) -> None:
    if os.getpid() != _state["owner"]:
        # A worker forked before it set its own handlers: SIGINT is the parent's to
        # act on; SIGTERM ends the worker as the default action would.
        if signum == signal.SIGTERM:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
        return
    _received.append(signum)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if not _state["deferred"]:
        raise _exception(signum)


def raise_if_signalled() -> None:
    """Raise for a signal that was noted but not raised (deferred, or swallowed)."""
    if _received and os.getpid() == _state["owner"]:
        raise _exception(_received[0])


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Within, a signal is noted, not raised; it is raised when the block ends.
    Around whatever may fork (a pool starting its workers)."""
    _state["deferred"] += 1
    try:
        yield
    finally:
        _state["deferred"] -= 1
    if not _state["deferred"]:
        raise_if_signalled()


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within: SIGINT raises KeyboardInterrupt and SIGTERM ``Terminated``, once.
    The previous handlers come back on the way out (a test runs many commands in
    one process), unless a signal came: then both stay ignored until the process
    has exited, which it is about to."""
    try:
        previous = signal.signal(signal.SIGINT, _handler), signal.signal(signal.SIGTERM, _handler)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    _received.clear()
    _state["owner"] = os.getpid()
    try:
        yield
    finally:
        if not _received:
            signal.signal(signal.SIGINT, previous[0])
            signal.signal(signal.SIGTERM, previous[1])
