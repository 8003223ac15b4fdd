"""Reading a named file without ever blocking on it or reading more than asked.

``open()`` of a FIFO waits for a writer, forever; reading ``/dev/zero`` never ends;
``stat`` then ``open`` can be raced. So a file is opened non-blocking, checked on the
open descriptor (``fstat``) to be a regular file, and read up to a limit.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Any

from budgetlint.core.i18n import DEFAULT_LANG, Phrase, phrase, said_in

# What is at a path that is not a regular file, as an error says it (error.kind.<it>).
_KINDS = (
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "char-device"),
    (stat.S_ISBLK, "block-device"),
    (stat.S_ISDIR, "directory"),
)


class FileRefused(Exception):
    """The file cannot be read; ``reason`` is one line (no path in it)."""

    def __init__(self, reason: Any, code: int = 0):
        self.said = reason  # a catalogue phrase (InputError's ``said``)
        self.reason = said_in(reason, DEFAULT_LANG)
        super().__init__(self.reason)
        self.code = code


def not_regular(mode: int) -> Phrase | None:
    """What a non-regular file is (``error.kind.fifo``: 命名管道（FIFO）), or None for
    a regular file."""
    for test, what in _KINDS:
        if test(mode):
            return phrase(f"error.kind.{what}")
    return None if stat.S_ISREG(mode) else phrase("error.kind.special")


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, refused when it is anything else or
    holds more than ``limit`` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket (or a FIFO opened for writing): say which
            try:
                what = not_regular(os.stat(path).st_mode)
            except OSError:
                what = None
            if what:
                raise FileRefused(refused(what), exc.errno) from None
        raise FileRefused(_why(exc), exc.errno or 0) from None
    try:
        info = os.fstat(fd)
        what = not_regular(info.st_mode)
        if what:
            raise FileRefused(refused(what), errno.EINVAL)
        if info.st_size > limit:
            raise FileRefused(phrase("error.too-large", size=info.st_size, limit=limit), errno.EFBIG)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grew while being read
                raise FileRefused(phrase("error.too-large-over", limit=limit), errno.EFBIG)
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(_why(exc), exc.errno or 0) from None
    finally:
        os.close(fd)


def refused(what: Any) -> Phrase:
    return phrase("error.not-regular", what=what)


def _why(exc: OSError) -> Phrase:
    if exc.errno == errno.ENOENT:
        return phrase("error.no-such-file")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return phrase("error.permission")
    if exc.errno == errno.EISDIR:
        return phrase("error.is-directory")
    return phrase("error.cannot-read", why=exc.strerror or exc)  # the system's words
