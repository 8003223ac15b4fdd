"""Where a report goes: standard output, or a file written atomically.

A report file is written to a temporary file beside it and renamed over it only
when complete, so a crash, a full disk or a Ctrl-C never leaves half a report over
the old one. A path that is not a regular file (``/dev/null``, ``/dev/stdout``, a
named pipe) is written in place: renaming over a device would replace it. Every
failure to write is an ``OutputError``, one line for the user; a reader that went
away (``| head``) is ``OutputClosed``, which the command treats quietly.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
from typing import Any, Iterable, Optional, TextIO

from budgetlint.core.i18n import DEFAULT_LANG, Phrase, phrase, said_in


class OutputError(Exception):
    """Writing the report failed: one line, said in the run's language (``text_in``;
    ``str()`` is the Chinese)."""

    def __init__(self, message: Any):
        super().__init__(message)
        self.message = message

    def text_in(self, lang: str) -> str:
        return said_in(self.message, lang)

    def __str__(self) -> str:
        return self.text_in(DEFAULT_LANG)


class OutputClosed(OutputError):
    """The reader of standard output has gone (EPIPE)."""


class GuardedStream:
    """A text stream whose write errors are ``OutputError``s naming the target."""

    def __init__(self, stream: TextIO, name: str):
        self.stream, self.name = stream, name

    def _fail(self, exc: OSError) -> OutputError:
        if exc.errno == errno.EPIPE or isinstance(exc, BrokenPipeError):
            return OutputClosed(cannot_write(self.name, phrase("error.write.broken-pipe")))
        return OutputError(cannot_write(self.name, _reason(exc)))

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as exc:
            raise self._fail(exc) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            raise self._fail(exc) from None

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)


def same_file(output: str, inputs: Iterable[str]) -> Optional[str]:
    """The input that ``output`` would overwrite (the same path after symlinks, or
    the same file by another name: a hard link), or None."""
    target = os.path.realpath(output)
    try:
        info = os.stat(output)
        key = (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None
    except OSError:
        key = None
    for path in inputs:
        if os.path.realpath(path) == target:
            return path
        if key is not None:
            try:
                other = os.stat(path)
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == key:
                return path
    return None


class ReportFile:
    """``with ReportFile(path) as out:`` writes to a temporary file that replaces
    ``path`` when the block ends without an exception, and is removed otherwise."""

    def __init__(self, path: str):
        self.path = path
        self.target = os.path.realpath(path)  # rename onto the file a symlink names, not over the link
        self.temp: Optional[str] = None
        self.fh: Optional[TextIO] = None

    def __enter__(self) -> GuardedStream:
        try:
            mode = os.stat(self.target).st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            raise OutputError(cannot_write(self.path, _reason(exc))) from None
        try:
            if mode is not None and not stat.S_ISREG(mode):
                self.fh = _open_in_place(self.target, mode)
            else:
                fd, self.temp = tempfile.mkstemp(
                    prefix=f".{os.path.basename(self.target)}.", suffix=".tmp", dir=os.path.dirname(self.target)
                )
                # mkstemp makes the file 0600; a report gets what open() would give it
                # (or keeps the mode of the report it replaces).
                os.fchmod(fd, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
                self.fh = os.fdopen(fd, "w", encoding="utf-8")
        except OSError as exc:
            self._discard()
            if exc.errno == errno.ENXIO:
                raise OutputError(cannot_write(self.path, phrase("error.write.fifo-no-reader"))) from None
            raise OutputError(cannot_write(self.path, _reason(exc))) from None
        return GuardedStream(self.fh, self.path)

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            self._discard()
            return
        try:
            self.fh.flush()
            if self.temp is not None:
                os.fsync(self.fh.fileno())
            self.fh.close()
            self.fh = None
            if self.temp is not None:
                os.replace(self.temp, self.target)
                self.temp = None
        except OSError as exc:
            self._discard()
            raise OutputError(cannot_write(self.path, _reason(exc))) from None

    def _discard(self) -> None:
        if self.fh is not None:
            try:
                self.fh.close()
            except OSError:
                pass  # the write that failed is what gets reported
            self.fh = None
        if self.temp is not None:
            try:
                os.unlink(self.temp)
            except OSError:
                pass
            self.temp = None


def cannot_write(name: Any, why: Any) -> Phrase:
    return phrase("error.write", name=name, why=why)


_REASONS = {errno.ENOSPC: "no-space", errno.EACCES: "permission", errno.EROFS: "read-only", errno.EDQUOT: "quota"}


def _reason(exc: OSError) -> Any:
    why = _REASONS.get(exc.errno)
    if why is None:
        return exc.strerror or str(exc)
    return phrase(f"error.write.{why}-os" if exc.strerror else f"error.write.{why}", os=exc.strerror or "")


def _open_in_place(path: str, mode: int) -> TextIO:
    # Non-blocking open: a named pipe nobody reads fails at once (ENXIO) instead of
    # waiting forever; then back to blocking writes.
    fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
    return os.fdopen(fd, "w", encoding="utf-8")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
