"""A JSON-lines report that a rerun resumes (``--resume``): written in place, one
flushed record per document, and read back before a rerun to know what is done.

A record stands for the result of one input path with these bytes (``sha256``) linted
with these settings (``pack_sha256``, ``linter.plan.settings_digest``); a rerun lints
only the inputs without such a record and appends theirs, so a run killed at any point
and restarted with the same command loses no document and writes none twice. A line
the killed run left half written is cut off before the rerun appends. An input that
changed since (other bytes, another pack or config) gets a record of its own; the old
one stays, as the result of what was there then.

The keys are kept as 8-byte digests (a set of ints): a million done documents cost
the rerun tens of MB, never their findings.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Optional, TextIO

from budgetlint.core.finding import SEVERITY_RANK
from budgetlint.core.i18n import phrase
from budgetlint.reporters.output import GuardedStream, OutputError, _reason, cannot_write


def key_of(path: str, sha256: Optional[str], pack_sha256: Optional[str]) -> int:
    text = "\0".join((path, sha256 or "", pack_sha256 or ""))
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=8).digest(), "big")


@dataclass
class Done:
    """What an existing report holds: the keys of its records, and what decides the
    exit status over them (the worst severity, the documents that could not be read)."""

    keys: set[int] = field(default_factory=set)
    worst: Optional[str] = None
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    records: int = 0

    def has(self, path: str, sha256: Optional[str], pack_sha256: Optional[str]) -> bool:
        return key_of(path, sha256, pack_sha256) in self.keys

    def add(self, record: dict) -> None:
        self.keys.add(key_of(str(record.get("path")), record.get("sha256"), record.get("pack_sha256")))
        self.records += 1
        if record.get("error"):
            self.unreadable.append((str(record.get("path")), str(record["error"])))
        for finding in record.get("findings") or ():
            severity = finding.get("severity") if isinstance(finding, dict) else None
            if severity in SEVERITY_RANK and (self.worst is None or SEVERITY_RANK[severity] > SEVERITY_RANK[self.worst]):
                self.worst = severity


def read_done(path: str) -> Done:
    """The records of the report at ``path`` (none when it does not exist). A line
    that is not a complete record (the last one of a killed run) is cut off, so the
    rerun's records start on a line of their own; any other line that is not a record
    means the file is not such a report, and is refused rather than appended to."""
    done = Done()
    try:
        fh = open(path, "rb+")
    except FileNotFoundError:
        return done
    except OSError as exc:
        raise OutputError(cannot_write(path, _reason(exc))) from None
    with fh:
        good = 0  # the offset after the last complete record
        for line in fh:
            record = _record(line)
            if record is None:
                if line.endswith(b"\n") or fh.read(1):
                    raise OutputError(cannot_write(path, phrase("error.write.not-jsonl")))
                break  # a torn last line
            done.add(record)
            good += len(line)
        try:
            fh.truncate(good)
        except OSError as exc:
            raise OutputError(cannot_write(path, _reason(exc))) from None
    return done


def _record(line: bytes) -> Optional[dict]:
    if not line.endswith(b"\n"):
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) and "path" in record and "pack_sha256" in record else None


class AppendFile:
    """``with AppendFile(path) as out:`` appends to ``path`` (created if absent). Not
    atomic, by design: each record is on disk as soon as it is flushed, which is what
    a resumed run builds on."""

    def __init__(self, path: str):
        self.path = path
        self.fh: Optional[TextIO] = None

    def __enter__(self) -> GuardedStream:
        try:
            self.fh = open(self.path, "a", encoding="utf-8")
        except OSError as exc:
            raise OutputError(cannot_write(self.path, _reason(exc))) from None
        return GuardedStream(self.fh, self.path)

    def __exit__(self, kind, exc, tb) -> None:
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
        except OSError as exc:
            if kind is None:
                raise OutputError(cannot_write(self.path, _reason(exc))) from None
