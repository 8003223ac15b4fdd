"""Suppressions: the inline comments of a disclosure (``core.directives``) and the
config's ``per-file-ignores``, applied to one file's findings after its lint.

A suppression that suppressed nothing is worth knowing (the finding it was written
for is gone, or it names the wrong rule): with ``report_unused`` each such directive
becomes a finding of its own, BL001 unused-suppression, as ruff reports an unused
``noqa`` (RUF100).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from budgetlint.core.directives import Directive, find_directives
from budgetlint.core.finding import Finding
from budgetlint.core.results import UNUSED_SUPPRESSION_NAME, UNUSED_SUPPRESSION_RULE, FileResult
from budgetlint.core.i18n import DEFAULT_LANG, Joined, phrase, say

_ID_PREFIX = re.compile(r"^[A-Za-z]{2,4}\d{0,4}$")
END = 10**12


def rule_matches(ref: str, rule_id: str, name: str) -> bool:
    """Does ``ref`` (an id in any case, a name, or an id prefix such as ``BL2``) name this rule?"""
    ref = ref.strip()
    if not ref:
        return False
    if ref.upper() == rule_id.upper() or ref == name:
        return True
    return bool(_ID_PREFIX.match(ref)) and rule_id.upper().startswith(ref.upper())


@dataclass
class _Scope:
    directive: Directive
    ref: Optional[str]  # None: every rule
    start: int
    end: int  # inclusive
    used: bool = False

    def covers(self, f: Finding) -> bool:
        if self.ref is not None and not rule_matches(self.ref, f.rule, f.name):
            return False
        if self.directive.standalone:
            return self.start <= f.line <= self.end
        return f.line <= self.start <= max(f.line, f.end_line or f.line)


def scopes(directives: Iterable[Directive]) -> list[_Scope]:
    """Each directive's reach: a trailing one its own line; a line of its own from
    there to the ``enable`` that names its rule (or any ``enable`` with no rules)."""
    out: list[_Scope] = []
    open_: list[_Scope] = []
    for d in directives:
        if not d.standalone:
            if d.action == "disable":
                out.extend(_Scope(d, ref, d.line, d.line) for ref in (d.rules or (None,)))
            continue
        if d.action == "disable":
            for ref in d.rules or (None,):
                scope = _Scope(d, ref, d.line, END)
                out.append(scope)
                open_.append(scope)
        else:
            for scope in list(open_):
                if not d.rules or (scope.ref is not None and any(r.upper() == scope.ref.upper() for r in d.rules)):
                    scope.end = d.line
                    open_.remove(scope)
    return out


@dataclass
class Applied:
    kept: list[Finding]
    suppressed: int = 0
    unused: list[Finding] = field(default_factory=list)


def unused_message(d: Directive, refs: Sequence[str], known: Optional[Sequence[tuple[str, str]]],
                   lang: str = DEFAULT_LANG) -> str:
    names = Joined(tuple(refs)) if refs else phrase("suppress.all-rules")
    not_run = [r for r in refs if known is not None and not any(rule_matches(r, i, n) for i, n in known)]
    why = phrase("suppress.not-run", rules=Joined(tuple(not_run))) if not_run else ""
    return say("suppress.unused", lang, comment=d.text.strip(), names=names, why=why)


def apply(
    findings: list[Finding], lines: Sequence[str], path: str, *, ignores: Sequence[str] = (),
    report_unused: bool = False, known_rules: Optional[Sequence[tuple[str, str]]] = None, lang: str = DEFAULT_LANG,
) -> Applied:
    """``findings`` without those the file's directives or ``ignores`` (the config's
    per-file-ignores that match it) suppress."""
    all_scopes = scopes(find_directives(lines))
    out = Applied(kept=[])
    for f in findings:
        if any(rule_matches(ref, f.rule, f.name) for ref in ignores):
            out.suppressed += 1
            continue
        hit = [s for s in all_scopes if s.covers(f)]
        for s in hit:
            s.used = True
        if hit:
            out.suppressed += 1
        else:
            out.kept.append(f)
    if report_unused:
        by_directive: dict[int, list[_Scope]] = {}
        for s in all_scopes:
            by_directive.setdefault(id(s.directive), []).append(s)
        for group in by_directive.values():
            idle = [s for s in group if not s.used]
            if not idle:
                continue
            d = group[0].directive
            refs = [s.ref for s in idle if s.ref is not None]
            out.unused.append(Finding(
                path=path, line=d.line, rule=UNUSED_SUPPRESSION_RULE, name=UNUSED_SUPPRESSION_NAME,
                severity="warning", message=unused_message(d, refs, known_rules, lang),
                fields={"what": d.text.strip()}, message_id="suppress.unused",
                said=unused_message(d, refs, known_rules),
            ))
    return out


def suppressed(result: FileResult, ignores: Sequence[str] = (), report_unused: bool = False,
               known_rules: Optional[Sequence[tuple[str, str]]] = None, lang: str = DEFAULT_LANG) -> FileResult:
    """``result`` with its suppressions applied (the count kept in ``hidden``)."""
    if result.error:
        return result
    applied = apply(result.findings, result.source_lines, result.path, ignores=ignores,
                    report_unused=report_unused, known_rules=known_rules, lang=lang)
    hidden = dict(result.hidden)
    if applied.suppressed:
        hidden["suppressed"] = hidden.get("suppressed", 0) + applied.suppressed
    findings = sorted(applied.kept + applied.unused, key=Finding.sort_key)
    return dataclasses.replace(result, findings=findings, hidden=hidden)
