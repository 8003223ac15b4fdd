"""contents: a table the table of contents lists that the document does not print,
or one it prints that the contents do not list.

Where the document opens with a recognisable table of contents (a ``目录`` heading
followed by numbered entries, with or without dot leaders and page numbers, up to
where the body starts again with the first entry), each entry naming a table
(``hygiene.contents.table``: it ends in 表) must have its title printed somewhere in
the body. Titles are compared squeezed of spaces, quotes, numbers and years (the
body's ``2018年江苏省…支出预算表`` is the contents' ``九、2018 年度江苏省…支出预算表``),
and a title the body prints inside a longer one counts as printed, so a table is
reported only when its title appears nowhere after the contents.

Silent where the contents cannot be told (no heading, fewer than ``min_entries``
table entries) and where the body prints fewer than half of the listed tables: the
tables are then published apart (``附后``, a second file), or printed in a form the
text does not keep. Only the body's title lines count (short lines without sentence
marks that end as a title does): prose that names a table does not print it.

The other way round, a table the body prints whose title no entry names (one inside
the other, or loosely the end of the other) is reported too, when its kind is one the
profile knows (a list of the units is not a disclosure table).

Message fields: detail, table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from budgetlint.core.figures import pattern_text
from budgetlint.core.finding import Finding, Related
from budgetlint.core.model import Document, Line
from budgetlint.core.patterns import compile_pattern, search
from budgetlint.rules.base import Rule
from budgetlint.rules.checks._hygiene import SENTENCE_MARKS, pattern_list, scan, section

NAME = "contents"
READS = ("sections",)
PARAMS = {"min_entries": (int, 3)}
SELECT: dict = {}
FIELDS = ("detail", "table")  # what a message template may name
SEARCH_LINES = 120  # the contents open the document: its heading is among these lines
CONTINUATION = 12  # a wrapped entry goes on with a short line of no number of its own
MARKUP = "#-*>|"
_SENTENCE = re.compile(f"[{SENTENCE_MARKS}]")  # a fixed set of marks, not a pack's pattern
LOOSE_MIN = 6  # characters of a loosely compared name (two words at least)
TITLE_MAX = 80  # a printed table title (with the unit and the year) is shorter than this


@dataclass
class Entry:
    line: int
    text: str
    page: Optional[int] = None


def _clean(text: str) -> str:
    return text.strip().lstrip(MARKUP).strip()


def _page_number(text: str) -> bool:
    core = text.strip("-—–  ")
    return not core or core.isdigit()


def read_contents(doc: Document) -> Optional[tuple[list[Entry], list[Line]]]:
    """The entries of the contents, and the lines of the body after them."""
    spec = section(doc).get("contents")
    if not isinstance(spec, dict) or doc.source is None:
        return None
    lines = doc.source.lines
    heading = pattern_list(spec.get("heading"))
    start = next((i for i, l in enumerate(lines[:SEARCH_LINES]) if any(search(p, pattern_text(_clean(l.text))) for p in heading)), None)
    if start is None:
        return None
    entries: list[Entry] = []
    first_key = None
    end = len(lines)
    for i in range(start + 1, len(lines)):
        text = _clean(lines[i].text)
        if _page_number(text):
            continue
        led = strip_leader(spec, text)
        key = pattern_text(led)
        if first_key is not None and key == first_key:
            end = i
            break
        numbered = any(search(p, key) for p in pattern_list(spec.get("number")))
        if numbered or led != text:
            entries.append(Entry(lines[i].lineno, led, lines[i].page))
            first_key = first_key or key
        elif entries and len(key) <= CONTINUATION:
            entries[-1].text += led
        else:
            end = i
            break
    return entries, list(lines[end:])


def strip_leader(spec: dict, text: str) -> str:
    for p in pattern_list(spec.get("leader")):
        text = compile_pattern(p).sub("", text)
    return text.strip()


def title_key(doc: Document, spec: dict, text: str) -> str:
    """A title as compared: squeezed, without its number and its years."""
    key = pattern_text(text)
    for p in pattern_list(spec.get("number")):
        key = compile_pattern(p).sub("", key, count=1)
    for p in pattern_list(section(doc).get("year")):
        key = compile_pattern(f"(?:{p})度?").sub("", key)
    return key


def _loose(spec: dict, key: str) -> str:
    """``key`` without the words a title may drop or add (``optional``)."""
    for p in pattern_list(spec.get("optional")):
        key = compile_pattern(p).sub("", key)
    return key


def _printed(spec: dict, key: str, printed: set[str], loose: set[str]) -> bool:
    """Is the listed title among the printed ones: inside one as it is, or, loosely,
    as the end of one (a title ends with its name, after the unit's name or a
    ``公开01表：`` label). A loose name shorter than LOOSE_MIN (``决算表``) ends every
    title and decides nothing."""
    if any(key in t for t in printed):
        return True
    name = _loose(spec, key)
    return len(name) >= LOOSE_MIN and any(t.endswith(name) for t in loose)


def _printed_titles(doc: Document, spec: dict, body: list[Line], table: list[str]) -> set[str]:
    """The keys of the body's lines that read as a table title: short, no sentence
    marks, ending as a table title does; a line joined with the next one too (a title
    wrapped over two lines). Prose that names a table is not its title."""
    texts = [_clean(l.text) for l in body]
    short = [bool(t) and len(t) <= TITLE_MAX and not _SENTENCE.search(t) for t in texts]
    keys = [pattern_text(t) if ok else "" for t, ok in zip(texts, short)]
    candidates = []
    for i, text in enumerate(texts):
        if not short[i]:
            continue
        candidates.append((text, keys[i]))
        if i + 1 < len(texts) and short[i + 1] and len(text) + len(texts[i + 1]) <= TITLE_MAX:
            candidates.append((text + texts[i + 1], keys[i] + keys[i + 1]))
    out = set()
    for pattern in table:
        for k, _, _ in scan([key for _, key in candidates], pattern):
            out.add(title_key(doc, spec, candidates[k][0]))
    return out


def _style(spec: dict, text: str) -> str:
    """How an entry is numbered (``五、`` and ``1.`` are two levels of one list)."""
    for p in pattern_list(spec.get("number")):
        m = compile_pattern(p).search(pattern_text(text))
        if m:
            style = "".join("d" if c.isdigit() else "c" if c in "一二三四五六七八九十" else c for c in m.group(0))
            return re.sub(r"(.)\1+", r"\1", style)  # 十一、 is numbered as 十、 is
    return ""


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    read = read_contents(doc)
    if read is None:
        return
    entries, body = read
    spec = section(doc)["contents"]
    part = pattern_list(spec.get("part"))
    table = pattern_list(spec.get("table"))
    def names_table(entry: Entry) -> bool:
        key = pattern_text(entry.text)
        return any(search(p, key) for p in table) and not any(search(p, key) for p in part)

    listed = []
    for i, e in enumerate(entries):
        if not names_table(e):
            continue
        nxt = entries[i + 1] if i + 1 < len(entries) else None
        if nxt is not None and names_table(nxt) and _style(spec, nxt.text) != _style(spec, e.text):
            continue  # ``五、部门预算表`` over ``1. …总表`` ``2. …``: a group of tables, not one
        listed.append((e, title_key(doc, spec, e.text)))
    listed = [(e, k) for e, k in listed if k]
    if len(listed) < rule.params.get("min_entries", 3) or not body:
        return
    printed = _printed_titles(doc, spec, body, table)
    loose = {_loose(spec, t) for t in printed}
    missing = [(e, k) for e, k in listed if not _printed(spec, k, printed, loose)]
    if len(missing) * 2 > len(listed):
        return
    for e, key in missing:
        yield rule.finding(
            doc, e.line, page=e.page,
            msg="contents.not-in-body", words={"title": e.text.strip()},
            table=e.text.strip(),
            related=(Related(body[0].lineno, rule.say("contents.body-start")),),
        )
    # The other way: a table the body prints, of a kind the profile knows (a list of
    # units is no disclosure table), that no entry of the contents names.
    keys = [k for _, k in listed]
    # each listed title loosened once, not once per table it is compared with
    loose_keys = [(k, _loose(spec, k)) for k in keys]
    for t in doc.tables():
        if t.role == "other" or not t.title or t.line < body[0].lineno:
            continue
        key = title_key(doc, spec, t.title)
        if key and not _names_one_of(key, _loose(spec, key), loose_keys):
            yield rule.finding(
                doc, t.line, page=t.page,
                msg="contents.not-listed", words={"title": t.title.strip(), "count": str(len(keys))},
                table=t.title.strip(),
                related=(Related(listed[0][0].line, rule.say("contents.contents")),),
            )


def _names_one_of(a: str, loose_a: str, others: list[tuple[str, str]]) -> bool:
    """Does title ``a`` name the same table as one of ``others`` (each given with its
    ``_loose`` form): one inside the other, or, loosely, one the end of the other (a
    title after the unit's name or a ``公开01表：`` label)."""
    for b, loose_b in others:
        if a in b or b in a:
            return True
        if min(len(loose_a), len(loose_b)) >= LOOSE_MIN and (loose_a.endswith(loose_b) or loose_b.endswith(loose_a)):
            return True
    return False
