"""The section tree as an indented outline or as JSON, for ``budgetlint parse``."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Iterator

from ..model import Document, Paragraph, PerfTable, Section, Table, Unparsed


def _num(value):
    return None if value is None else str(value)


def _unparsed(u: Unparsed, pad: str) -> str:
    """One format for what could not be read, inside a table or standing alone."""
    return f"{pad}unparsed L{u.line}-{u.end_line}: {u.diagnostic}"


def tree_lines(doc: Document) -> Iterator[str]:
    yield f"document {doc.path} [{doc.form}] {doc.title}"
    for node in doc.children:
        yield from _node_lines(node, 1)


def _node_lines(node, depth: int) -> Iterator[str]:
    pad = "  " * depth
    if isinstance(node, Section):
        label = "part" if node.kind == "part" else f"h{node.level}"
        yield f"{pad}{label} L{node.line}: {node.number} {node.title}"
        for child in node.children:
            yield from _node_lines(child, depth + 1)
    elif isinstance(node, Table):
        yield f"{pad}table L{node.line}-{node.end_line}: {node.number_text} {node.title} [{node.role}] unit={node.unit}"
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
                yield f"{pad}  {prefix}row L{row.line} [{row.kind}] {code} {row.name}{extra} | {values}{amb}"
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
        yield f"{pad}para L{node.line}-{node.end_line}: {text}"
    elif isinstance(node, Unparsed):
        yield _unparsed(node, pad)


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if dataclasses.is_dataclass(value):
        out = {"type": type(value).__name__}
        for f in dataclasses.fields(value):
            if f.name in ("source", "offsets", "derived"):
                continue
            out[f.name] = _jsonable(getattr(value, f.name))
        return out
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def tree_json(doc: Document) -> str:
    return json.dumps(_jsonable(doc), ensure_ascii=False, indent=1)
