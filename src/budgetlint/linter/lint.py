"""Running a pack over documents.

Each rule runs in its own guard: a check kind that raises becomes one error finding
naming the rule (BL999 is never used: the finding carries the rule's own id), and each
file runs in its own guard, so one bad file or one broken kind never stops the batch.
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional, Sequence

from budgetlint.core.i18n import say
from budgetlint.parse import parse_source
from budgetlint.ingest import InputError, load_data, load_path
from budgetlint.core.model import Document, Source
from budgetlint.rules.base import Rule
from budgetlint.rules.loader import Pack
from budgetlint.rules.registry import get_kind
from budgetlint.core.finding import Finding
from budgetlint.core.results import FileResult
from budgetlint.linter.batch import collect_paths
from budgetlint.linter.fingerprint import fingerprinted
from budgetlint.linter.places import locate
from budgetlint.linter.report import Report
from budgetlint.readings import attach_readings


def run_rule(doc: Document, rule: Rule) -> list[Finding]:
    try:
        kind = get_kind(rule.check)
        return list(kind.check(doc, rule))
    except Exception as exc:  # a broken kind is reported, never a crash
        return [
            Finding(
                path=doc.path, line=1, rule=rule.id, name=rule.name, severity="error",
                message=f"check {rule.check!r} of rule {rule.id} failed: {exc.__class__.__name__}: {exc}",
            )
        ]


def lint_document(doc: Document, pack: Pack) -> list[Finding]:
    if doc.readings is None:  # a tree built by hand, not by the parser
        attach_readings(doc)
    findings: list[Finding] = []
    for rule in pack.rules:
        findings.extend(run_rule(doc, rule))
    return sorted(_dedupe(findings), key=Finding.sort_key)


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.line, f.rule, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _pages(source: Source) -> dict[int, int]:
    return {line.lineno: line.page for line in source.lines if line.page is not None}


# Where no pack is configured, the linter is handed a chooser: (source, the default
# pack) -> (the pack to lint with, why), which detection implements (linter.plan).
Chooser = Callable[[Source, Pack], tuple[Pack, str]]


def lint_source(source: Source, pack: Pack, why: str = "", choose: Optional[Chooser] = None) -> FileResult:
    """Lint ``source`` with ``pack`` (chosen by ``why``: a flag, a config), or with the
    pack ``choose`` picks from its text."""
    result = FileResult(path=source.path, source_lines=source.raw_lines, pages=_pages(source), form=source.form)
    try:
        if choose is not None:
            pack, why = choose(source, pack)
            result.pack_detected = True
        result.pack, result.pack_reason = pack.name, why or say("pack.configured", pack.lang, pack=pack.name)
        doc = parse_source(source, pack.profile)
        result.findings = fingerprinted(locate(lint_document(doc, pack), doc), doc)
    except Exception as exc:  # an unexpected failure is this file's error, not the batch's
        result.error = say("error.internal", pack.lang, why=f"{exc.__class__.__name__}: {exc}")
    return result


def lint_file(path: str, pack: Pack, form: Optional[str] = None, why: str = "",
              choose: Optional[Chooser] = None) -> FileResult:
    try:
        source = load_path(path, form)
    except InputError as exc:
        return FileResult(path=str(path), error=exc.reason_in(pack.lang))
    except Exception as exc:
        return FileResult(path=str(path), error=say("error.cannot-read-type", pack.lang, why=f"{exc.__class__.__name__}: {exc}"))
    return lint_source(source, pack, why, choose)


def lint_paths(paths: Sequence[str], pack: Pack, form: Optional[str] = None) -> Report:
    """Lint ``paths`` (files, or directories walked as ``collect_paths`` does) in this process."""
    files = [lint_file(p, pack, form) for p in collect_paths(paths)]
    return Report(files=files, rules={r.id: r for r in pack.rules}, pack=pack.name)


def lint_file_spec(path: str, spec: tuple, data: Optional[bytes] = None) -> FileResult:
    """``lint_file`` with (pack, form) in one picklable argument, for ``batch``'s workers
    (``data``: the file's bytes, read already)."""
    pack, form = spec
    if data is None:
        return lint_file(path, pack, form)
    try:
        source = load_data(data, path, form)
    except InputError as exc:
        return FileResult(path=str(path), error=exc.reason_in(pack.lang))
    return lint_source(source, pack)
