"""A declared rule, as a check kind receives it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Optional

from budgetlint.core.finding import SEVERITIES, Finding, Related
from budgetlint.core.i18n import DEFAULT_LANG, say
from budgetlint.core.model import Document, PerfTable, Table
from budgetlint.rules.template import TemplateError, render


@dataclass(frozen=True)
class Rule:
    """One rule of a pack: a check kind with its selection and parameters.

    ``message`` is a template in ``str.format`` syntax, restricted as
    ``rules.template`` says; a check passes the fields it knows (each kind documents
    them in ``FIELDS``) and ``message_for`` fills the template. ``message_en`` is its
    English (``--lang en``; the Chinese one when unset). ``{detail}`` is the check's
    own sentence, from the message catalogue (``core.i18n``) in ``lang``.
    """

    id: str
    name: str
    check: str
    severity: str = "error"
    summary: str = ""
    select: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    message: str = "{detail}"
    explain: str = ""
    pack: str = ""
    origin: str = ""  # "file.yaml:12", where the rule was declared
    message_en: Optional[str] = None
    summary_en: Optional[str] = None
    lang: str = DEFAULT_LANG  # the language of the run's report (set by Pack.with_lang)

    def summary_in(self, lang: str) -> str:
        return self.summary_en if lang == "en" and self.summary_en else self.summary

    def say(self, key: str, **fields: Any) -> str:
        """Catalogue entry ``key`` in the rule's language: a check's words around its figures."""
        return say(key, self.lang, **fields)

    def message_for(self, **fields: Any) -> str:
        template = self.message_en if self.lang == "en" and self.message_en is not None else self.message
        try:
            return render(template, fields)
        except (KeyError, TemplateError):
            return fields.get("detail") or self.summary or self.name

    def finding(
        self,
        doc: Document,
        line: int,
        *,
        severity: Optional[str] = None,
        message: Optional[str] = None,
        related: tuple[Related, ...] = (),
        msg: Optional[str] = None,
        words: Optional[dict[str, str]] = None,
        **fields: Any,
    ) -> Finding:
        """Build a finding at ``line``; ``expected``/``actual``/``computation``/
        ``end_line``/``page`` are taken from ``fields`` when given, the rest fill the
        message template and stay on the finding as data (``Finding.fields``), with the
        kind of the table they name or the finding stands in (``Finding.table_kind``).

        ``msg``: the catalogue key of the check's sentence, filled from the fields (and
        ``words``: phrases already in the rule's language, which are not data and so
        not kept on the finding) to make ``{detail}``; a check may instead pass
        ``detail`` itself (the same text in every language)."""
        known = {k: fields.pop(k) for k in ("expected", "actual", "computation", "end_line", "page") if k in fields}
        said = None
        if msg is not None:
            values = {**fields, **known, **(words or {})}
            fields["detail"] = self.say(msg, **values)
            said = fields["detail"] if self.lang == DEFAULT_LANG else say(msg, DEFAULT_LANG, **values)
        for key in ("expected", "actual"):
            if known.get(key) is not None:
                known[key] = str(known[key])
        data = {k: str(v) for k, v in fields.items() if k != "detail" and v is not None and str(v) != ""}
        column = fields.get("column")
        columns = tuple(c.strip() for c in column.split(", ")) if isinstance(column, str) and column else ()
        return Finding(
            path=doc.path,
            line=line,
            columns=columns,
            rule=self.id,
            name=self.name,
            severity=severity or self.severity,
            message=message if message is not None else self.message_for(**fields, **known),
            related=related,
            fields=data,
            message_id=msg,
            said=said,
            table_kind=table_kind(doc, data.get("table"), line),
            **known,
        )


def table_kind(doc: Document, label: Optional[str], line: int) -> Optional[str]:
    """The kind of the table a finding is about: the one its ``table`` field names (a
    check names a table by its printed number, with the side of a two-sided table, or
    a performance table by its title), else the table the finding's line is in. A
    performance table's kind is ``perf-`` and its own kind (``perf-project``)."""
    tables = [n for n in doc.walk() if isinstance(n, (Table, PerfTable))]
    if label:
        for t in tables:
            if isinstance(t, Table) and t.number_text and (label == t.number_text or label.startswith(t.number_text + " ")):
                return t.role
    for t in tables:
        if t.line <= line <= t.end_line:
            return t.role if isinstance(t, Table) else f"perf-{t.kind}"
    return None


def decimal_param(value) -> Optional[Decimal]:
    """A numeric parameter (``tolerance``) as a Decimal, None when unset: through
    ``str`` so that a YAML ``0.01`` is the 0.01 the author wrote, not the float's binary
    expansion."""
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def severity_problem(value) -> Optional[str]:
    """A kind's ``validate`` text for a severity parameter that names no severity."""
    return None if value in SEVERITIES else f"unknown severity {value!r}"


def validate_rounding_severity(key: str, value) -> Optional[str]:
    """``validate`` for the arithmetic kinds: their ``rounding_severity`` must name a
    severity (the type alone lets any string through)."""
    return severity_problem(value) if key == "rounding_severity" else None
