"""Lines -> outline: the Lark stage.

The grammar (``document.lark``) nests the lexer's runs of lines into parts and
headings; this module turns its tree into ``Section`` nodes whose contents are still
unread: a ``RawTable`` for each table's lines and a ``ProseRun`` for each run of prose
lines. The readers turn those into tables and paragraphs (``budgetlint.parse``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError

from budgetlint.core.figures import squeeze
from budgetlint.core.model import Line, Paragraph, Section, Unparsed
from budgetlint.outline.larkcache import cached_lalr
from budgetlint.outline.lexer import HEADING_NUMBER, HEADING_TAIL, LineLexer
from budgetlint.outline.raw import ProseRun, RawTable

GRAMMAR = Path(__file__).with_name("document.lark")


@lru_cache(maxsize=1)
def outline_parser() -> Lark:
    """The LALR parser, built once per process (and kept in the user's cache)."""
    return cached_lalr("outline", GRAMMAR.read_text(encoding="utf-8"), LineLexer)


def build_outline(lines: tuple[Line, ...], form: str) -> list:
    """The outline of ``lines``: sections, with ``RawTable``/``ProseRun`` contents."""
    if not lines:
        return []
    try:
        tree = outline_parser().parse(lines)
    except LarkError as exc:  # the grammar accepts any token order; this is a safety net
        return [Unparsed(lines[0].lineno, lines[-1].lineno, "", f"outline not recognised: {exc.__class__.__name__}")]
    return _Builder(lines, form).transform(tree)


def document_title(lines: tuple[Line, ...]) -> str:
    for line in lines[:5]:
        if line.cells is None and line.text:
            return line.text
    return ""


class _Builder(Transformer):
    """Turns the outline tree into model nodes; runs of prose lines become paragraphs."""

    def __init__(self, lines: tuple[Line, ...], form: str):
        # No method is named after a token type (TEXT, TROW, …: the rules' methods
        # take the tokens as they are), so tokens are not visited: each visit was a
        # failed getattr, an AttributeError per token.
        super().__init__(visit_tokens=False)
        self.lines = lines
        self.form = form

    def _line(self, token: Token) -> Line:
        return self.lines[token.value[0]]

    def _lines(self, token: Token) -> list[Line]:
        return [self.lines[i] for i in token.value]

    # blocks ---------------------------------------------------------------
    def prose(self, items):
        return [("prose", line) for line in self._lines(items[0])]

    def toc(self, items):
        # A table of contents restates the headings; it is kept as one paragraph so
        # that it is neither lost nor mistaken for the structure itself.
        lines = [line for t in items for line in self._lines(t)]
        text = " / ".join(ln.text for ln in lines)
        return [Paragraph(text=text, line=lines[0].lineno, end_line=lines[-1].lineno, list_item="目录")]

    def tline(self, items):
        token = items[0]
        return [(token.type, line) for line in self._lines(token)]

    def _raw(self, items, kind) -> RawTable:
        lines = [pair for run in items[1:] for pair in run]
        return RawTable(head=self._line(items[0]), head_kind=kind, lines=lines, form=self.form)

    def table(self, items):
        return [self._raw(items, "TABLE_NO")]

    def perf(self, items):
        return [self._raw(items, "PERF_TITLE")]

    def anon(self, items):
        return [self._raw(items, "ANON")]

    # structure ------------------------------------------------------------
    def _children(self, items) -> list:
        out: list = []
        pending: list[Line] = []
        for item in items:
            nodes = item if isinstance(item, list) else [item]
            for node in nodes:
                if isinstance(node, tuple) and node[0] == "prose":
                    pending.append(node[1])
                    continue
                if pending:
                    out.append(ProseRun(pending))
                    pending = []
                out.append(node)
        if pending:
            out.append(ProseRun(pending))
        return out

    def content(self, items):
        return self._children(items)

    def start(self, items):
        return self._children(items)

    def _section(self, items, kind: str, level: int) -> Section:
        head = self._line(items[0])
        number, title = _split_number(head.text, level)
        body = list(items[1:])
        if body and _continues_heading(title, body[0], level):
            title += body[0].pop(0)[1].text
            if not body[0]:
                body.pop(0)
        if _is_list_item(title, level):
            # A numbered item in the prose ("2.社会保障和就业支出（208 类）…") is a paragraph
            # that happens to be numbered: its sentence starts on the heading line.
            body.insert(0, [("prose", head)])
        children = self._children(body)
        end = _end_line(children, head.lineno)
        return Section(kind, level, number, title, head.lineno, children, end, head.page)

    def part(self, items):
        section = self._section([items[0]], "part", 0)
        section.children = items[1]
        section.end_line = _end_line(section.children, section.line)
        return section

    def h1(self, items):
        return self._section(items, "heading", 1)

    def h2(self, items):
        return self._section(items, "heading", 2)

    def h3(self, items):
        return self._section(items, "heading", 3)

    def h4(self, items):
        return self._section(items, "heading", 4)


def _split_number(text: str, level: int) -> tuple[str, str]:
    """A heading's number (squeezed) and its title, split with the lexer's pattern for
    the level: the lexer made the line a heading of that level by that pattern."""
    match = HEADING_NUMBER[level].match(text)
    if not match:
        return "", text
    return squeeze(match.group(0)), text[match.end() :].lstrip()


def _is_list_item(title: str, level: int) -> bool:
    if level >= 3:
        return True
    label, sep, rest = title.partition(":")
    return level == 2 and bool(sep) and bool(rest.strip()) and len(label) <= 12


def _continues_heading(title: str, first, level: int) -> bool:
    """PDF text wraps a long heading onto the next line; that line is not prose."""
    if level > 2 or not isinstance(first, list) or not first:
        return False
    item = first[0]
    if not (isinstance(item, tuple) and item[0] == "prose"):
        return False
    text = item[1].text
    if title.endswith(HEADING_TAIL) or "。" in title or len(title) < 12:
        return False
    return len(text) <= 24 and text.endswith(HEADING_TAIL) and "。" not in text


def _end_line(children: list, default: int) -> int:
    for node in reversed(children):
        end = getattr(node, "end_line", None)
        if end:
            return end
    return default
