"""The section tree as an indented outline or as JSON, for ``budgetlint parse``."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Iterator, Optional

from budgetlint.core.model import Document, Paragraph, PerfTable, Section, Table, Unparsed
from budgetlint.core.readings import Claim, ClaimGroup, PerfSummary, Place
from budgetlint.rules.projects import projects_of


def _num(value):
    return None if value is None else str(value)


def _unparsed(u: Unparsed, pad: str) -> str:
    """One format for what could not be read, inside a table or standing alone."""
    return f"{pad}unparsed L{u.line}-{u.end_line}: {u.diagnostic}"


def tree_lines(doc: Document) -> Iterator[str]:
    yield f"document {doc.path} [{doc.form}] {doc.title}"
    pages = _page_of(doc)
    for node in doc.children:
        yield from _node_lines(node, 1, pages)
    if doc.readings is not None:
        yield from _reading_lines(doc)


def _page_of(doc: Document) -> dict[int, int]:
    """Line -> page where the input is a printed page (a .pdf): the tree shows where
    each node was printed. Text forms show lines only, as their excerpts do."""
    if doc.source is None or doc.form != "pdf":
        return {}
    return {line.lineno: line.page for line in doc.source.lines if line.page is not None}


def _pp(pages: dict[int, int], line: int, end: Optional[int] = None) -> str:
    if not pages or line not in pages:
        return ""
    first, last = pages[line], pages.get(end or line, pages[line])
    return f" p{first}" if first == last else f" p{first}-{last}"


def _node_lines(node, depth: int, pages: dict[int, int]) -> Iterator[str]:
    pad = "  " * depth
    if isinstance(node, Section):
        label = "part" if node.kind == "part" else f"h{node.level}"
        yield f"{pad}{label} L{node.line}{_pp(pages, node.line)}: {node.number} {node.title}"
        for child in node.children:
            yield from _node_lines(child, depth + 1, pages)
    elif isinstance(node, Table):
        where = f"L{node.line}-{node.end_line}{_pp(pages, node.line, node.end_line)}"
        yield f"{pad}table {where}: {node.number_text} {node.title} [{node.role}] unit={node.unit}"
        cols = ", ".join(c.key for c in node.columns)
        if cols:
            yield f"{pad}  columns: {cols}"
        groups = [("", node.rows)] + [(f"{side}: ", rows) for side, rows in node.sides.items()]
        for prefix, rows in groups:
            for row in rows:
                values = " ".join(f"{k}={_num(v)}" for k, v in row.values.items() if v is not None)
                amb = f" ambiguous={','.join(row.ambiguous)}" if row.ambiguous else ""
                code = " ".join(row.code_parts) or "-"
                extra = "".join(f" {k}={v}" for k, v in row.text.items())
                yield f"{pad}  {prefix}row L{row.line}{_pp(pages, row.line)} [{row.kind}] {code} {row.name}{extra} | {values}{amb}"
        if node.note:
            yield f"{pad}  note L{node.note_line}: {node.note}"
        for u in node.unparsed:
            yield _unparsed(u, pad + "  ")
    elif isinstance(node, PerfTable):
        yield (
            f"{pad}perf-table L{node.line}-{node.end_line} [{node.kind}] {node.project_name or ''} "
            f"total={_num(node.total)} fiscal={_num(node.fiscal)} other={_num(node.other)} "
            f"weights={node.weight_total}"
        )
        for ind in node.indicators:
            yield f"{pad}  indicator L{ind.line}: {ind.level1}/{ind.level2}/{ind.level3} = {ind.value} weight={_num(ind.weight)}"
        for u in node.unparsed:
            yield _unparsed(u, pad + "  ")
    elif isinstance(node, Paragraph):
        text = node.text if len(node.text) <= 60 else node.text[:59] + "…"
        yield f"{pad}para L{node.line}-{node.end_line}{_pp(pages, node.line, node.end_line)}: {text}"
    elif isinstance(node, Unparsed):
        yield _unparsed(node, pad)


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if dataclasses.is_dataclass(value):
        out = {"type": type(value).__name__}
        for f in dataclasses.fields(value):
            if f.name in ("source", "offsets", "readings"):
                continue
            out[f.name] = _jsonable(getattr(value, f.name))
        return out
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def tree_json(doc: Document, detected: Optional[dict] = None) -> str:
    """``detected``: the pack, kind and level detected for the file, and why."""
    out = _jsonable(doc)
    if detected is not None:
        out["detected"] = detected
    if doc.readings is not None:
        out["readings"] = readings_dict(doc)
    return json.dumps(out, ensure_ascii=False, indent=1)


# -- readings -------------------------------------------------------------------------

def _set_fields(value) -> dict:
    """A reading's fields that say something (not None, empty or False), as JSON values."""
    out = {}
    for f in dataclasses.fields(value):
        v = getattr(value, f.name)
        if v is None or v == "" or v == () or v == [] or v is False:
            continue
        out[f.name] = _jsonable(v)
    return out


def _group_dict(group: ClaimGroup) -> dict:
    return {
        "id": group.id, "kind": group.kind, "phrase": group.phrase, "complete": group.complete,
        "partial_words": group.partial_words,
        "lead": None if group.lead is None else {"line": group.lead.line, "subject": group.lead.subject,
                                                  "amount": _num(group.lead.amount)},
        "members": [{"line": m.line, "subject": m.subject, "amount": _num(m.amount), "share": _num(m.share)}
                    for m in group.members],
    }


def _place_dict(place: Place) -> dict:
    return {"kind": place.kind, **{k: v for k, v in _set_fields(place).items() if k != "kind"}}


def _summary_dict(summary: PerfSummary) -> dict:
    return {"line": summary.line, "end_line": summary.end_line,
            "figures": {k: {"value": str(c.value), "line": c.line, "text": c.text} for k, c in summary.claims.items()}}


def readings_dict(doc: Document) -> dict:
    """Every reading of ``doc``: what the claim, project and summary checks read."""
    reading = doc.readings.claims
    return {
        "claims": [_set_fields(c) for c in reading.claims],
        "claim_groups": [_group_dict(g) for g in reading.groups.values()],
        "projects": [{"name": p.name, "places": [_place_dict(pl) for pl in p.places]} for p in projects_of(doc)],
        "perf_summaries": [_summary_dict(s) for s in doc.readings.perf_summaries],
    }


def _claim_text(c: Claim) -> str:
    parts = [f"claim L{c.line}: {c.subject or '-'}"]
    if c.amount is not None:
        parts.append(f"{c.amount}{c.unit or ''}")
    if c.share is not None:
        parts.append(f"占{c.share_of}{c.share}% (L{c.share_line})")
    if c.change is not None:
        parts.append(f"比{c.basis or '?'}{c.change_word or ''}{c.change}{c.change_unit or ''} (L{c.change_line})")
    if c.prior is not None:
        parts.append(f"prior 比{c.basis or '?'} {c.prior} (L{c.prior_line})")
    elif c.basis and c.change is None:
        parts.append(f"比{c.basis}")
    if c.rate is not None:
        parts.append(f"{c.rate_word or ''}{c.rate}% (L{c.rate_line})")
    if c.bare_rate is not None:
        parts.append(f"{c.rate_word or ''}{c.bare_rate} without % (L{c.rate_line})")
    if c.flat:
        parts.append(f"持平 (L{c.flat_line})")
    if c.completion is not None:
        parts.append(f"完成{c.completion_of}的{c.completion}% (L{c.completion_line})")
    if c.code or c.code_names:
        parts.append(f"code={c.code or '/'.join(c.code_names)}")
    if c.group is not None:
        parts.append(f"[group {c.group}{' lead' if c.lead else ''}]")
    parts.append(f"({c.family})")
    return " ".join(parts)


def _reading_lines(doc: Document) -> Iterator[str]:
    reading = doc.readings.claims
    yield "readings"
    for claim in reading.claims:
        yield "  " + _claim_text(claim)
    for g in reading.groups.values():
        lead = f"L{g.lead.line} {g.lead.subject} {g.lead.amount}" if g.lead is not None else "-"
        members = ", ".join(f"L{m.line} {m.subject} {m.amount}" for m in g.members)
        yield f"  group {g.id} [{g.kind}{', complete' if g.complete else ''}] {g.phrase}: {lead} <- {members}"
    for i, project in enumerate(projects_of(doc), 1):
        places = "; ".join(f"{pl.label} L{pl.line} {pl.name} {_num(pl.amount)}" for pl in project.places)
        yield f"  project {i}: {places}"
    for s in doc.readings.perf_summaries:
        figures = " ".join(f"{k}={c.value} (L{c.line})" for k, c in s.claims.items())
        yield f"  perf-summary L{s.line}-{s.end_line}: {figures}"


def unread_sentences(doc: Document) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """(line, sentence, figures) for each prose sentence with an amount or a percent that
    no rule of the claim grammar read: what a new phrasing would need."""
    for passage in doc.readings.claims.passages:
        for sentence in passage.sentences:
            if sentence.unread:
                yield sentence.offsets[0] if sentence.offsets else 0, sentence.text, sentence.unread


def unread_lines(doc: Document) -> Iterator[str]:
    count = 0
    for line, text, figures in unread_sentences(doc):
        count += 1
        yield f"L{line}: {text}  [unread: {', '.join(figures)}]"
    yield f"{count} sentence(s) with figures no claim rule reads"
