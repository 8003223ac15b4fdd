"""Baselines and draft comparison: which findings are new, changed, still there, fixed.

``--write-baseline FILE`` records every finding of a run (after suppressions) with its
fingerprint (``linter.fingerprint``) and its figures; ``--baseline FILE`` matches the
next run against it. Within one fingerprint, findings whose figures are the same pair
first (unchanged), the others pair in document order (changed: same finding, other
figures); what is left is new in the run and fixed in the baseline. ``compare OLD
NEW`` is the same match with the old draft's findings as the baseline.

A baseline file names its documents by path relative to the baseline's own folder,
so it can be kept beside the drafts and used from anywhere; a run of one document
against a baseline of one document pairs them whatever their names (draft-2 against
the baseline of draft-1).
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from typing import Iterable, Optional

from budgetlint import __version__
from budgetlint.core.finding import SEVERITIES, Finding
from budgetlint.core.results import FileResult, RunInfo, Sink
from budgetlint.linter.fingerprint import state

FORMAT_KEY = "budgetlint-baseline"
FORMAT_VERSION = 1
_ENTRY_KEYS = ("rule", "name", "severity", "line", "message", "actual", "expected", "computation", "table_kind")


class BaselineError(Exception):
    """A baseline that cannot be used; ``str()`` is one line naming the file."""


@dataclass
class Baseline:
    files: dict[str, list[Finding]] = field(default_factory=dict)  # absolute path -> findings
    path: str = ""

    def for_file(self, path: str, *, only_one: bool = False) -> tuple[Optional[str], list[Finding]]:
        """The baseline's findings for ``path``: the same document, or, when the run
        and the baseline each have one document, that one (a renamed draft)."""
        key = os.path.abspath(path)
        if key in self.files:
            return key, self.files[key]
        if only_one and len(self.files) == 1:
            (old, findings), = self.files.items()
            return old, findings
        return None, []


def _entry(f: Finding) -> dict:
    out = {"fingerprint": f.fingerprint}
    out.update({k: getattr(f, k) for k in _ENTRY_KEYS if getattr(f, k) is not None})
    if f.fields:
        out["fields"] = dict(f.fields)
    return out


def baseline_dict(results: Iterable[FileResult], where: str) -> dict:
    folder = os.path.dirname(os.path.abspath(where))
    files = []
    for r in sorted(results, key=lambda r: r.path):
        if r.error:
            continue
        rel = os.path.relpath(os.path.abspath(r.path), folder).replace(os.sep, "/")
        files.append({"path": rel, "findings": [_entry(f) for f in r.findings if f.fingerprint]})
    return {FORMAT_KEY: FORMAT_VERSION, "tool": f"budgetlint {__version__}", "files": files}


def write_baseline(results: Iterable[FileResult], where: str) -> int:
    """Write the baseline of ``results`` to ``where``; the number of findings written."""
    data = baseline_dict(results, where)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    tmp = f"{where}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, where)  # never half a baseline over the old one
    return sum(len(f["findings"]) for f in data["files"])


def _finding(entry: dict, path: str) -> Finding:
    if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str) or not isinstance(entry.get("rule"), str):
        raise ValueError("a finding without fingerprint or rule")
    values = {k: entry.get(k) for k in _ENTRY_KEYS}
    line = values.pop("line")
    severity = values.pop("severity")
    return Finding(
        path=path, line=line if isinstance(line, int) else 0,
        severity=severity if severity in SEVERITIES else "error",
        rule=values.pop("rule"), name=str(values.pop("name") or ""), message=str(values.pop("message") or ""),
        **{k: (str(v) if v is not None else None) for k, v in values.items()},
        fields={str(k): str(v) for k, v in (entry.get("fields") or {}).items()},
        fingerprint=entry["fingerprint"],
    )


def load_baseline(where: str) -> Baseline:
    try:
        with open(where, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"{where}: no such baseline file (write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{where}: cannot read the baseline ({exc.__class__.__name__})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{where}:{exc.lineno}: not a baseline (invalid JSON: {exc.msg})") from None
    if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION or not isinstance(data.get("files"), list):
        raise BaselineError(f"{where}: not a budgetlint baseline (version {FORMAT_VERSION}; write one with --write-baseline)")
    folder = os.path.dirname(os.path.abspath(where))
    out = Baseline(path=where)
    try:
        for entry in data["files"]:
            path = os.path.normpath(os.path.join(folder, entry["path"]))
            out.files[path] = [_finding(e, path) for e in entry["findings"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise BaselineError(f"{where}: malformed baseline entry ({exc})") from None
    return out


def _previous(f: Finding) -> str:
    return f.computation or " / ".join(x for x in (f.actual, f.expected) if x) or f.message


def diff(current: list[Finding], old: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """``current`` with each finding's ``status`` (new, changed, unchanged) and the
    ``old`` findings that are gone (status fixed)."""
    pool: dict[str, list[Finding]] = {}
    for f in sorted(old, key=lambda f: f.line):
        pool.setdefault(f.fingerprint or "", []).append(f)
    marked: dict[int, Finding] = {}
    waiting: list[tuple[int, Finding]] = []
    for i, f in enumerate(current):
        candidates = pool.get(f.fingerprint or "", [])
        same = next((o for o in candidates if state(o) == state(f)), None)
        if same is not None:
            candidates.remove(same)
            marked[i] = dataclasses.replace(f, status="unchanged")
        else:
            waiting.append((i, f))
    for i, f in sorted(waiting, key=lambda p: p[1].line):
        candidates = pool.get(f.fingerprint or "", [])
        if candidates:
            o = candidates.pop(0)
            marked[i] = dataclasses.replace(f, status="changed", previous=_previous(o))
        else:
            marked[i] = dataclasses.replace(f, status="new")
    fixed = [dataclasses.replace(o, status="fixed") for group in pool.values() for o in group]
    return [marked[i] for i in range(len(current))], sorted(fixed, key=Finding.sort_key)


def compared(result: FileResult, old: list[Finding], *, keep_unchanged: bool) -> FileResult:
    """``result`` against ``old``: its findings marked; unchanged ones dropped and
    counted (``hidden["known"]``) unless ``keep_unchanged``; the fixed ones listed."""
    if result.error:
        return result
    marked, fixed = diff(result.findings, old)
    hidden = dict(result.hidden)
    if not keep_unchanged:
        known = sum(1 for f in marked if f.status == "unchanged")
        marked = [f for f in marked if f.status != "unchanged"]
        if known:
            hidden["known"] = hidden.get("known", 0) + known
    return dataclasses.replace(result, findings=marked, hidden=hidden, fixed=fixed)


class BaselineSink:
    """A sink that matches each file's result against a baseline, then passes it on."""

    def __init__(self, inner: Sink, baseline: Baseline, *, only_one: bool = False, keep_unchanged: bool = False):
        self.inner, self.baseline = inner, baseline
        self.only_one, self.keep_unchanged = only_one, keep_unchanged

    def begin(self, run: RunInfo) -> None:
        self.inner.begin(run)

    def file(self, result: FileResult) -> None:
        _, old = self.baseline.for_file(result.path, only_one=self.only_one)
        self.inner.file(compared(result, old, keep_unchanged=self.keep_unchanged))

    def end(self) -> None:
        self.inner.end()
