"""Multi-file disclosures: one disclosure published as several files, linted as one.

Some bureaus publish the prose and the tables as two files
(``jiangsu-cppcc-office-2018-budget.pdf`` and ``…-budget-tables.pdf``). With
``check --bundle`` the files of one folder whose names share a stem — the stem of one
file followed by ``-`` or ``_`` and more (``X.txt`` and ``X-tables.txt``, ``X_附表.pdf``)
— are one disclosure: their lines are read one after the other (the shortest name
first: the main file), so the checks that compare the prose with the tables run
across the files, and each finding is handed back to the file and line it is on.

Opt-in, not the default: a folder of drafts (``draft.md``, ``draft-old.md``) shares
stems too, and linting two drafts as one document would compare each with the other.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from typing import Iterable, Optional, Sequence

from budgetlint.core.finding import Finding, Related
from budgetlint.core.i18n import DEFAULT_LANG, say
from budgetlint.core.model import Source
from budgetlint.core.results import FileResult

SEPARATORS = ("-", "_")
# a message's line reference, in Chinese (第 N 行) or English (line N)
_LINE_REF = re.compile(r"第\s*(\d+)\s*行|\bline (\d+)\b")


def _stem(path: str) -> tuple[str, str]:
    folder, name = os.path.split(path)
    return folder, os.path.splitext(name)[0]


def bundle_sha256(parts: Sequence[tuple[str, Optional[bytes]]]) -> str:
    """What a bundle's records are keyed by (their ``sha256``): the bytes of all its
    files, in order, each by its name (None: a file that cannot be read). A record of
    one file of a bundle depends on the others' bytes too (the prose is checked against
    the tables): a changed table file makes every file of its disclosure new."""
    digest = hashlib.sha256()
    for path, data in parts:
        mark = hashlib.sha256(data).digest() if data is not None else b"unreadable"
        digest.update(os.path.basename(path).encode("utf-8", "surrogateescape") + b"\0" + mark + b"\0")
    return digest.hexdigest()


def find_bundles(paths: Iterable[str]) -> dict[str, list[str]]:
    """Main file -> the other files of its disclosure, for each group of two or more."""
    ordered = sorted(dict.fromkeys(paths), key=lambda p: (len(_stem(p)[1]), p))
    lead_of: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for path in ordered:
        folder, stem = _stem(path)
        for lead in groups:
            lead_folder, lead_stem = _stem(lead)
            if lead_folder == folder and any(stem.startswith(lead_stem + s) for s in SEPARATORS):
                groups[lead].append(path)
                lead_of[path] = lead
                break
        else:
            groups[path] = []
    return {lead: sorted(members) for lead, members in groups.items() if members}


@dataclasses.dataclass(frozen=True)
class Member:
    path: str
    offset: int  # lines of the combined source before this file's first line
    lines: int


def combine(sources: Sequence[Source]) -> tuple[Source, list[Member]]:
    """One source of ``sources`` read one after the other (the first's path and form),
    and where each file's lines are in it."""
    members, lines, raw, offset = [], [], [], 0
    for source in sources:
        count = max(len(source.raw_lines), max((line.lineno for line in source.lines), default=0))
        members.append(Member(source.path, offset, count))
        lines.extend(dataclasses.replace(line, lineno=line.lineno + offset) for line in source.lines)
        raw.extend(source.raw_lines)
        raw.extend([""] * (count - len(source.raw_lines)))
        offset += count
    first = sources[0]
    return Source(path=first.path, form=first.form, lines=tuple(lines), raw_lines=tuple(raw)), members


def _member(members: Sequence[Member], line: int) -> Member:
    for member in reversed(members):
        if line > member.offset:
            return member
    return members[0]


def _line_ref(members: Sequence[Member], home: Member, ref: "re.Match[str]") -> str:
    """A message's 第 N 行 / line N (a line of the combined source) in the file that
    line is in, said as the message said it."""
    chinese = ref.group(1) is not None
    n = int(ref.group(1) if chinese else ref.group(2))
    there = _member(members, n)
    where = "" if there is home else f"{os.path.basename(there.path)} "
    return f"{where}第 {n - there.offset} 行" if chinese else f"{where}line {n - there.offset}"


def _local(f: Finding, members: Sequence[Member]) -> Finding:
    """``f`` (found in the combined source) at its own file's path and line; a related
    place in another file names that file."""
    home = _member(members, f.line)
    related = []
    for r in f.related:
        there = _member(members, r.line)
        message = r.message if there is home else f"{os.path.basename(there.path)}:{r.line - there.offset}: {r.message}"
        message = _LINE_REF.sub(lambda m: _line_ref(members, home, m), message)
        related.append(Related(line=r.line - there.offset if there is home else f.line - home.offset, message=message))
    end = f.end_line
    if end is not None:
        end = min(end, home.offset + home.lines) - home.offset

    message = _LINE_REF.sub(lambda m: _line_ref(members, home, m), f.message)
    return dataclasses.replace(f, path=home.path, line=max(1, f.line - home.offset), end_line=end,
                               related=tuple(related), message=message)


def split(result: FileResult, members: Sequence[Member], sources: Sequence[Source],
          lang: str = DEFAULT_LANG) -> list[FileResult]:
    """The combined ``result`` as one result per file, each with its own findings,
    lines and pages; the pack and why are the disclosure's."""
    out = []
    for member, source in zip(members, sources):
        part = FileResult(path=member.path, source_lines=source.raw_lines, form=source.form,
                          pages={line.lineno: line.page for line in source.lines if line.page is not None},
                          pack=result.pack, pack_reason=result.pack_reason, pack_detected=result.pack_detected,
                          error=result.error)
        out.append(part)
    for f in result.findings:
        local = _local(f, members)
        out[[m.path for m in members].index(local.path)].findings.append(local)
    if len(members) > 1:
        names = say("report.sep.list", lang).join(os.path.basename(m.path) for m in members)
        for part in out:
            part.pack_reason = part.pack_reason + say("pack.bundle", lang, names=names)
    return out
