"""project-crossref: every project agrees with itself across 表7, the prose list and
its 项目支出绩效目标表.

Three kinds of finding, each naming every place involved (``Finding.related``):

- an amount that differs between two places (the rule's severity). A figure stands for an interval
  (``rules/arith``); the same quantity printed twice to the same precision must print
  the same, so the tolerance is half a unit of the coarser of the two figures
  (``24.2`` agrees with ``24.24``; ``24.25`` does not agree with ``24.24``). A
  performance table agrees when either its 年度预算总额 or its 财政拨款 matches: a
  project may carry other funds that 表7 (一般公共预算 only) does not show.
- a project missing from a place that lists projects (``missing_severity``). 表7 counts only when
  its rows were read completely; the prose only when it lists any project; a
  performance table is required only with ``require_perf`` (the 预算绩效情况 summary
  says how many projects are under performance management, and may name fewer). A
  project known only from a performance table whose 财政拨款 is zero is a non-fiscal
  project and belongs in neither 表7 nor the prose list.
- a name that differs beyond spacing, punctuation, quotes, document numbers and years
  (``name_severity``, info by default: the places were matched, so the amounts were
  compared, but a reviewer should make the names agree).

Message fields: ``project``, ``detail``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from budgetlint.core.i18n import Joined, phrase
from budgetlint.core.readings import Place, Project
from budgetlint.rules.projects import projects_of, similarity
from budgetlint.core.finding import SEVERITIES, Finding, Related
from budgetlint.core.model import Document
from budgetlint.core.arith import compare, fmt, half_unit
from budgetlint.rules.base import Rule, decimal_param

NAME = "project-crossref"
READS = ("project_places", "tables")
PARAMS = {
    "threshold": (float, 0.75),
    "weak_threshold": (float, 0.65),
    "tolerance": (float, None),
    "require_perf": (bool, False),
    "name_severity": (str, "info"),
    # Two restatements one unit of the last digit apart (24.25 vs 24.24): the same
    # grading as prose-table's, so one fact never gets two severities.
    "rounding_severity": (str, "warning"),
    "missing_severity": (str, "warning"),
}
SELECT: dict = {}
FIELDS = ("project", "detail")  # what a message template may name

AMOUNT_LABELS = {"table7": "项目支出合计", "prose": "预算安排规模", "perf": "年度预算总额"}


def validate(key: str, value) -> Optional[str]:
    """Pack-time checks of parameter values the type alone does not catch."""
    if key in ("threshold", "weak_threshold") and not 0 < value <= 1:
        return "a similarity ratio between 0 (exclusive) and 1"
    if key in ("name_severity", "missing_severity", "rounding_severity") and value not in SEVERITIES:
        return f"unknown severity {value!r} (error, warning or info)"
    if key == "tolerance" and value is not None and value < 0:
        return "a tolerance cannot be negative"
    return None


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    params = {key: rule.params.get(key, default) for key, (_, default) in PARAMS.items()}
    projects = projects_of(doc, float(params["threshold"]), float(params["weak_threshold"]))
    tolerance = decimal_param(params["tolerance"])
    expected = expected_kinds(doc, projects, bool(params["require_perf"]))
    for project in projects:
        yield from _amounts(doc, rule, project, tolerance)
        yield from _missing(doc, rule, project, expected, params["missing_severity"])
        yield from _names(doc, rule, project, params["name_severity"])


def expected_kinds(doc: Document, projects: list[Project], require_perf: bool) -> set[str]:
    """The places that list projects completely enough to miss one."""
    kinds = {k for p in projects for k in p.kinds()}
    expected = set()
    table = doc.table_by_role("gpb-project")
    if "table7" in kinds and table is not None and not table.unparsed:
        expected.add("table7")
    if "prose" in kinds:
        expected.add("prose")
    if require_perf and "perf" in kinds:
        expected.add("perf")
    return expected


def agree(a: Decimal, b: Decimal, tolerance: Optional[Decimal] = None) -> bool:
    """Two printings of one quantity agree within half a unit of the coarser one."""
    if tolerance is None:
        tolerance = max(half_unit(a), half_unit(b))
    return compare(a, [b], tolerance=tolerance).status != "error"


def _values(place: Place) -> list[Decimal]:
    """What a place may state for the project: a performance table either its
    年度预算总额 or its 财政拨款 (表7 shows 一般公共预算 money only); 表7 rows of one
    name either their sum or any one row."""
    if place.uncertain:
        return []
    values = [place.amount] + ([place.fiscal] if place.kind == "perf" else []) + list(place.parts)
    return [v for v in values if v is not None]


def _places_agree(a: Place, b: Place, tolerance: Optional[Decimal]) -> bool:
    return any(agree(x, y, tolerance) for x in _values(a) for y in _values(b))


def _amounts(doc: Document, rule: Rule, project: Project, tolerance: Optional[Decimal]) -> Iterator[Finding]:
    """One finding per place that is out of line. Where the other places agree among
    themselves the odd one out is named; otherwise every place is held against the
    first of 表7, prose, performance table."""
    places = [p for p in project.places if _values(p)]
    if len(places) < 2:
        return
    pairs = {(a.kind, b.kind): _places_agree(a, b, tolerance) for a in places for b in places if a is not b}
    if all(pairs.values()):
        return
    odd = [
        p for p in places
        if len(places) > 2
        and not any(pairs[(p.kind, q.kind)] for q in places if q is not p)
        and all(pairs[(q.kind, r.kind)] for q in places for r in places if q is not r and p not in (q, r))
    ]
    if odd:
        others = [q for q in places if q is not odd[0]]
        yield _amount_finding(doc, rule, project, odd[0], others[0])
        return
    ref = places[0]
    for place in places[1:]:
        if not pairs[(place.kind, ref.kind)]:
            yield _amount_finding(doc, rule, project, place, ref)


def _amount_label(place: Place) -> str:
    return "财政拨款" if place.kind == "perf" and place.amount is None else AMOUNT_LABELS[place.kind]


def _amount_finding(doc: Document, rule: Rule, project: Project, place: Place, ref: Place) -> Finding:
    amount = place.amount if place.amount is not None else place.fiscal
    ref_amount = ref.amount if ref.amount is not None else ref.fiscal
    words = {
        "place": _where(place, _amount_label(place)), "amount": fmt(amount), "line": place.amount_line or place.line,
        "ref": _where(ref, _amount_label(ref)), "ref_amount": fmt(ref_amount), "ref_line": ref.amount_line or ref.line,
        "also": "",
    }
    if place.kind == "perf" and place.fiscal is not None and place.fiscal != amount:
        words["also"] = phrase("project-crossref.fiscal-also", fiscal=fmt(place.fiscal))
    one_digit = half_unit(amount) + half_unit(ref_amount)
    small = amount is not None and ref_amount is not None and abs(amount - ref_amount) <= one_digit
    return rule.finding(
        doc,
        place.amount_line or place.line,
        severity=rule.params.get("rounding_severity", "warning") if small else None,
        expected=ref_amount,
        actual=amount,
        computation=f"{fmt(amount)} ≠ {fmt(ref_amount)}",
        related=_related(rule, project, exclude=place),
        project=project.name,
        msg="project-crossref.amount",
        words=words,
    )


def _missing(doc: Document, rule: Rule, project: Project, expected: set[str], severity: str) -> Iterator[Finding]:
    kinds = set(project.kinds())
    if kinds == {"perf"}:
        perf = project.place("perf")
        # a non-fiscal project (财政拨款 0) is in neither 表7 nor the prose list; with
        # the split unread, nothing is known
        if perf is None or perf.fiscal is None or perf.fiscal == 0:
            return
    missing = [k for k in ("table7", "prose", "perf") if k in expected and k not in kinds]
    if not missing:
        return
    seen = Joined(tuple(phrase("project-crossref.place", label=_where(p), line=p.line) for p in project.places))
    absent = Joined(tuple(phrase(f"project-crossref.where.{k}") for k in missing))
    yield rule.finding(
        doc,
        project.anchor.line,
        severity=severity,
        related=_related(rule, project, exclude=project.anchor),
        project=project.name,
        msg="project-crossref.missing",
        words={"seen": seen, "absent": absent},
    )


def _names(doc: Document, rule: Rule, project: Project, severity: str) -> Iterator[Finding]:
    anchor = project.anchor
    for place in project.places:
        if place is anchor or place.norm == anchor.norm:
            continue
        if place.norm in anchor.norm or anchor.norm in place.norm:
            kind = phrase("project-crossref.contains")
        else:
            kind = phrase("project-crossref.similarity", ratio=f"{similarity(place.norm, anchor.norm):.2f}")
        yield rule.finding(
            doc,
            place.line,
            severity=severity,
            related=(Related(anchor.line, rule.say("project-crossref.named", where=_where(anchor), name=anchor.name, amount="")),),
            project=project.name,
            msg="project-crossref.name",
            words={"kind": kind, "place": _where(place), "name": place.name, "anchor": _where(anchor),
                   "anchor_name": anchor.name, "anchor_line": anchor.line},
        )


def _related(rule: Rule, project: Project, exclude: Place) -> tuple[Related, ...]:
    out = []
    for place in project.places:
        if place is exclude:
            continue
        amount = f" {fmt(place.amount)} 万元" if place.amount is not None else ""
        out.append(Related(place.amount_line or place.line,
                           rule.say("project-crossref.named", where=_where(place), name=place.name, amount=amount)))
    return tuple(out)


def _where(place: Place, then: str = "") -> Joined:
    """Where a project is named (表7, the prose's list, a 项目支出绩效目标表), in the
    message's language, with the document's word for its amount after it."""
    return Joined((phrase(f"project-crossref.where.{place.kind}"), then), sep="report.sep.word")
