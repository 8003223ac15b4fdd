"""Reading a named file without ever blocking on it or reading more than asked.

``open()`` of a FIFO waits for a writer, forever; reading ``/dev/zero`` never ends;
``stat`` then ``open`` can be raced. So a file is opened non-blocking, checked on the
open descriptor (``fstat``) to be a regular file, and read up to a limit.
"""

from __future__ import annotations

import errno
import os
import stat

# What is at a path that is not a regular file, as an error says it.
_KINDS = (
    (stat.S_ISFIFO, "命名管道（FIFO）"),
    (stat.S_ISSOCK, "套接字（socket）"),
    (stat.S_ISCHR, "字符设备"),
    (stat.S_ISBLK, "块设备"),
    (stat.S_ISDIR, "目录"),
)


class FileRefused(Exception):
    """The file cannot be read; ``reason`` is one line (no path in it)."""

    def __init__(self, reason: str, code: int = 0):
        super().__init__(reason)
        self.reason = reason
        self.code = code


def not_regular(mode: int) -> str | None:
    """What a non-regular file is (``命名管道（FIFO）``), or None for a regular file."""
    for test, what in _KINDS:
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else "特殊文件"


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
            raise FileRefused(f"file is too large ({info.st_size} bytes; limit {limit})", errno.EFBIG)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grew while being read
                raise FileRefused(f"file is too large (over {limit} bytes)", errno.EFBIG)
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(_why(exc), exc.errno or 0) from None
    finally:
        os.close(fd)


def refused(what: str) -> str:
    return f"是{what}，不是普通文件，未读取"


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    return f"cannot read ({exc.strerror or exc})"
