"""Text transforms modelled on what real extractors do to one published disclosure.

Each transform takes a ``Text`` (lines, each with the range of original lines it came
from) and returns a new one, so a finding on the transformed text can be mapped back to
the line it was on in the original. A transform that makes a figure truly ambiguous (its
pieces cannot be told apart, e.g. a break between two digits of a decimal part) records
the original line in ``silent``: there the linter may go quiet, and the tests name it.

The transforms only touch what the extractor they imitate touches: a table row's figures
in the form's own cell syntax (a line's trailing figures in PDF text, a tab cell in Word
text, a pipe cell in Markdown), prose lines in PDF text, titles and headings. None of
them changes a figure's value or a word.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Optional


@dataclass(frozen=True)
class Text:
    lines: tuple[str, ...]
    origin: tuple[tuple[int, int], ...]  # per line: first and last original line (0, 0: inserted)
    form: str
    silent: frozenset[int] = frozenset()  # original lines whose figures were made ambiguous
    crlf: bool = False

    @classmethod
    def of(cls, text: str, form: str) -> "Text":
        lines = tuple(text.split("\n"))
        return cls(lines, tuple((i, i) for i in range(1, len(lines) + 1)), form)

    def render(self) -> str:
        return ("\r\n" if self.crlf else "\n").join(self.lines)

    def original_range(self, lineno: int) -> tuple[int, int]:
        """The original lines a transformed line (1-based) came from."""
        if 1 <= lineno <= len(self.origin):
            return self.origin[lineno - 1]
        return (0, 0)


class Builder:
    """Accumulates output lines with their origins."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.origin: list[tuple[int, int]] = []

    def add(self, line: str, origin: tuple[int, int]) -> None:
        self.lines.append(line)
        self.origin.append(origin)

    def done(self, text: Text, **changes) -> Text:
        return replace(text, lines=tuple(self.lines), origin=tuple(self.origin), **changes)


Transform = Callable[[Text, random.Random], Text]

_FIGURE = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_FIGURE_TOKEN = re.compile(rf"^{_FIGURE}$")
_DECIMAL = re.compile(r"^-?[\d,]+\.\d+$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A PDF-text table line: text or a code, then one or more figures to the end.
_TABLE_LINE = re.compile(rf"^(\s*)(.*?)((?:(?<=\s)|^){_FIGURE}(?:\s+{_FIGURE})*)\s*$")


def _is_page_start(line: str) -> bool:
    return line.startswith((" ", "\u3000", "\f")) or "\f" in line


# --- CRLF ---------------------------------------------------------------------------

def crlf(text: Text, rng: random.Random) -> Text:
    """Windows line ends (every extractor on Windows writes them)."""
    return replace(text, crlf=True)


# --- full-width digits and punctuation ------------------------------------------------

_FULL = {**{str(d): chr(0xFF10 + d) for d in range(10)}, ".": "．", "%": "％", ":": "："}


def fullwidth(text: Text, rng: random.Random) -> Text:
    """Full-width digits, points, percent and colons, as a Chinese input method types
    them (Word documents keyed in by hand). Markdown pipes and codes' spaces stay."""
    table = str.maketrans(_FULL)
    # A thousands comma between digits becomes the full-width comma as well.
    comma = re.compile(r"(?<=\d),(?=\d{3})")
    return replace(text, lines=tuple(comma.sub("，", line).translate(table) for line in text.lines))


# --- thousands separators -------------------------------------------------------------

_PLAIN_DECIMAL = re.compile(r"(?<![\d.,])(\d{4,})(\.\d+)(?![\d.,])")
_GROUPED = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+)(\.\d+)?(?![\d.,])")


def add_thousands(text: Text, rng: random.Random) -> Text:
    """Thousands separators in every figure with a decimal part (24169.74 -> 24,169.74),
    as the Jiangsu tables print them. Integers are left alone: they may be codes or years."""
    def group(m: re.Match) -> str:
        return f"{int(m.group(1)):,}{m.group(2)}"
    return replace(text, lines=tuple(_PLAIN_DECIMAL.sub(group, line) for line in text.lines))


def drop_thousands(text: Text, rng: random.Random) -> Text:
    """No thousands separators (another template, or a converter that strips them)."""
    def ungroup(m: re.Match) -> str:
        return m.group(1).replace(",", "") + (m.group(2) or "")
    return replace(text, lines=tuple(_GROUPED.sub(ungroup, line) for line in text.lines))


# --- spaced-out headings and titles ---------------------------------------------------

_PART = re.compile(r"^\s*(?:#{1,6}\s*)?第[一二三四五六七八九十]+部分")
_TITLE_END = re.compile(r"(?:表|情况|说明|名词解释|概况)\s*$")
_UNIT_END = re.compile(r"(?:局|院|厅|办公厅|中心|处|部|委员会)\s*$")


def _is_title(line: str, form: str) -> bool:
    body = line.strip().lstrip("#").strip()
    if not body or len(body) > 40 or re.search(r"\d", body) and not _PART.match(line):
        return False
    if form == "markdown" and line.lstrip().startswith("|"):
        return False
    if form == "word-text" and line.startswith("\t"):
        return False
    if _PART.match(line):
        return True
    if re.search(r"[，。；：:,]", body):
        return False
    return bool(_TITLE_END.search(body) or _UNIT_END.search(body))


def space_titles(text: Text, rng: random.Random) -> Text:
    """Titles and headings printed with distributed alignment come out with a space
    between every character (``江 苏 省 人 民 检 察 院``)."""
    out = []
    for line in text.lines:
        if _is_title(line, text.form):
            lead = re.match(r"^(\s*(?:#{1,6}\s+)?)", line).group(1)
            body = line[len(lead):]
            out.append(lead + re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", " ", body))
        else:
            out.append(line)
    return replace(text, lines=tuple(out))


# --- figures broken inside narrow cells ----------------------------------------------

def _split_figure(fig: str, rng: random.Random, clean: bool) -> tuple[list[str], bool]:
    """A figure's pieces as a narrow cell wraps it, and whether they stay decidable.
    ``clean``: cut right after the point or a comma (``131.`` / ``15``), which a reader
    can always join. Otherwise anywhere from just before the point to the last digit:
    a cut in the decimals (``131.1`` / ``5``) leaves two well-formed figures, told
    apart only by the table's decimal places, so those rows are named silent. (A cut
    among the integer digits, ``13`` / ``1.15``, is not drawn: both pieces are ordinary
    figures and nothing in the text tells them from two cells.)"""
    cuts = [i + 1 for i, ch in enumerate(fig[:-1]) if ch in ".,"]
    if clean and cuts:
        cut = rng.choice(cuts)
        return [fig[:cut], fig[cut:]], True
    point = fig.find(".")
    if point < 1:
        return [fig], True
    cut = rng.randrange(point, len(fig))
    decidable = fig[cut - 1] in ".," or fig[cut] == "."
    return [fig[:cut], fig[cut:]], decidable


def break_figures(text: Text, rng: random.Random, clean: bool = True) -> Text:
    """Figures of table rows wrapped inside their cells, with blank lines between the
    pieces as PDF text has them: the first pieces stay on the row's line, the tails
    follow on lines of their own (``… 131.`` / blank / ``15``). Each broken row breaks
    every decimal figure of its line that is at least 5 characters wide, like a column
    too narrow for them; a third of the rows are left as they were."""
    out = Builder()
    silent = set(text.silent)
    for line, origin in zip(text.lines, text.origin):
        pieces = _broken_row(line, text.form, rng, clean)
        if pieces is None:
            out.add(line, origin)
            continue
        new_lines, decidable = pieces
        if not decidable:
            silent.update(range(origin[0], origin[1] + 1))
        for piece in new_lines:
            out.add(piece, origin if piece else origin)
    return out.done(text, silent=frozenset(silent))


def break_figures_anywhere(text: Text, rng: random.Random) -> Text:
    """As ``break_figures``, the cut anywhere in a figure (``14,064.5`` / ``5``): where
    the pieces cannot be told apart the row's line is named silent."""
    return break_figures(text, rng, clean=False)


def _broken_row(line: str, form: str, rng: random.Random, clean: bool) -> Optional[tuple[list[str], bool]]:
    if rng.random() < 0.34:
        return None
    if form == "pdf-text":
        m = _TABLE_LINE.match(line)
        if not m or not (m.group(2).strip() or " " in m.group(3).strip()):
            return None
        lead, head, figs = m.group(1), m.group(2), m.group(3).split()
        if not any(_DECIMAL.match(f) and len(f) >= 5 for f in figs):
            return None
        heads, tails, decidable = [], [], True
        for f in figs:
            if _DECIMAL.match(f) and len(f) >= 5:
                parts, ok = _split_figure(f, rng, clean)
                decidable &= ok
                heads.append(parts[0])
                if len(parts) > 1:
                    tails.append(parts[1])
            else:
                heads.append(f)
        if not tails:
            return None
        first = f"{lead}{head}{' '.join(heads)}"
        return [first, "", " ".join(tails)], decidable
    if form == "word-text":
        if not line.startswith("\t"):
            return None
        cell = line[1:].strip()
        if not (_DECIMAL.match(cell) and len(cell) >= 5):
            return None
        parts, ok = _split_figure(cell, rng, clean)
        if len(parts) == 1:
            return None
        # A cell's hard break continues on an untabbed line, never after a blank
        # (a blank line closes the row in Word text).
        return ["\t" + parts[0], parts[1]], ok
    if form == "markdown":
        if not line.lstrip().startswith("|"):
            return None
        cells = line.split("|")
        changed, decidable = False, True
        for i, cell in enumerate(cells):
            value = cell.strip()
            if _DECIMAL.match(value) and len(value) >= 5:
                parts, ok = _split_figure(value, rng, clean)
                if len(parts) > 1:
                    cells[i] = cell.replace(value, "<br>".join(parts))
                    changed, decidable = True, decidable and ok
        return (["|".join(cells)], decidable) if changed else None
    return None


# --- re-wrapping ----------------------------------------------------------------------

_NUMBER_RUN = re.compile(r"[\d.,%]")
_LIST_START = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]|第[一二三四五六七八九十]+|表\s*\d|[-—]\s*\d)")


def _wrap(body: str, width: int) -> list[str]:
    """``body`` cut every ``width`` characters, never inside a number or a Latin word
    (a layout engine wraps between words)."""
    out, start = [], 0
    while len(body) - start > width:
        cut = start + width
        while cut > start + 1 and (re.match(r"[\w.,%]", body[cut - 1], re.A) and re.match(r"[\w.,%]", body[cut], re.A)):
            cut -= 1
        if cut <= start + 1:
            cut = start + width
        out.append(body[start:cut])
        start = cut
    out.append(body[start:])
    return [p for p in out if p]


# A figure followed by a space and then not by its unit: a table's next cell.
_NEXT_CELL = re.compile(r"\d\s+(?![万元%％人个亿年月日])\S")


def _is_prose(line: str) -> bool:
    s = line.strip()
    return (
        len(s) >= 12
        and bool(_CJK.match(s[0]))
        and _TABLE_LINE.match(line) is None
        and _NEXT_CELL.search(s) is None
        and len(re.findall(r"\s", s)) <= 3
    )


def rewrap_narrow(text: Text, rng: random.Random) -> Text:
    """PDF text of a page printed with a narrower text block: each prose line is cut
    again at a width of 12-24 characters (a blank line after each piece, as the
    extractor writes them)."""
    if text.form != "pdf-text":
        return text
    width = rng.randint(12, 24)
    out = Builder()
    for line, origin in zip(text.lines, text.origin):
        if not _is_prose(line) or len(line.strip()) <= width:
            out.add(line, origin)
            continue
        lead = line[: len(line) - len(line.lstrip())]
        pieces = _wrap(line.strip(), width)
        for k, piece in enumerate(pieces):
            if k:
                out.add("", origin)
            out.add((lead if k == 0 else "") + piece, origin)
    return out.done(text)


def rewrap_wide(text: Text, rng: random.Random) -> Text:
    """PDF text of a page printed with a wider text block: a prose line that filled its
    width runs on into the next prose line (the blank line between them goes)."""
    if text.form != "pdf-text":
        return text
    lines, origin = list(text.lines), list(text.origin)
    full = max((len(l.strip()) for l in lines if _is_prose(l)), default=0)
    out = Builder()
    i = 0
    while i < len(lines):
        line, org = lines[i], origin[i]
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if (
            full and _is_prose(line) and len(line.strip()) >= full - 3
            and not re.search(r"[。：；:]\s*$", line)
            and j < len(lines) and _is_prose(lines[j]) and not _is_page_start(lines[j])
            and not _LIST_START.match(lines[j]) and rng.random() < 0.7
        ):
            out.add(line.rstrip() + lines[j].strip(), (org[0], origin[j][1]))
            i = j + 1
            continue
        out.add(line, org)
        i += 1
    return out.done(text)


_CODE_ROW = re.compile(rf"^(\s*)([235]\d\d(?:\s+\d\d){{0,2}})\s+([^\d\s][^\d]*?)\s+({_FIGURE}(?:\s+{_FIGURE})*)\s*$")


def rewrap_table_names(text: Text, rng: random.Random) -> Text:
    """A table whose name column is narrower: a coded row's name wraps, the code stays
    on the first line and the figures come after the name's pieces (``208 01`` /
    ``人力资源和社会保障管`` / ``理事务`` / ``817.59 752.20 65.39``), blank lines between."""
    if text.form != "pdf-text":
        return text
    width = rng.randint(4, 9)
    out = Builder()
    for line, org in zip(text.lines, text.origin):
        m = _CODE_ROW.match(line)
        if not m or len(m.group(3).replace(" ", "")) <= width or rng.random() < 0.4:
            out.add(line, org)
            continue
        lead, code, name, figs = m.groups()
        out.add(f"{lead}{code}", org)
        for piece in _wrap(name.replace(" ", ""), width):
            out.add("", org)
            out.add(piece, org)
        out.add("", org)
        out.add(figs, org)
    return out.done(text)


# --- page furniture -------------------------------------------------------------------

def _page_starts(text: Text) -> list[int]:
    return [i for i, line in enumerate(text.lines) if i > 0 and _is_page_start(line)]


def _running_header(text: Text) -> str:
    for line in text.lines[:80]:
        s = line.strip()
        if re.search(r"\d{4}\s*年", s) and re.search(r"[预决]算", s) and 8 <= len(s) <= 40 and not re.search(r"[，。]", s):
            return re.sub(r"\s+", "", s)
    return "部门预算公开"


def page_numbers(text: Text, rng: random.Random) -> Text:
    """Folios at the foot of each page, as ``- 7 -`` or a bare ``7`` on a line of
    their own before the next page starts. Only PDF text has pages."""
    if text.form != "pdf-text":
        return text
    starts = set(_page_starts(text))
    style = rng.choice(["- {} -", "{}", "第 {} 页"])
    out = Builder()
    page = 1
    for i, (line, org) in enumerate(zip(text.lines, text.origin)):
        if i in starts:
            out.add(style.format(page), (0, 0))
            out.add("", (0, 0))
            page += 1
        out.add(line, org)
    return out.done(text)


def glued_page_numbers(text: Text, rng: random.Random) -> Text:
    """The folio runs into the first word of the next page (``2第一部分``): an
    extractor that orders by position and puts the footer before the next page's text
    without a break. Only where that word is CJK, as in the published cases."""
    if text.form != "pdf-text":
        return text
    starts = set(_page_starts(text))
    lines = list(text.lines)
    page = 1
    for i in sorted(starts):
        page += 1
        stripped = lines[i].lstrip()
        if stripped and _CJK.match(stripped[0]):
            lines[i] = lines[i][: len(lines[i]) - len(stripped)] + f"{page - 1}{stripped}"
    return replace(text, lines=tuple(lines))


def running_headers(text: Text, rng: random.Random) -> Text:
    """A running header (the document's title) at the top of every page after the
    first, inside a table that spans the break as well as between paragraphs."""
    if text.form != "pdf-text":
        return text
    header = _running_header(text)
    starts = set(_page_starts(text))
    out = Builder()
    for i, (line, org) in enumerate(zip(text.lines, text.origin)):
        if i in starts:
            # The header now opens the page: it takes the page's mark (a form feed
            # or the leading space), the page's first line loses it.
            mark = "\f" if "\f" in line else " "
            out.add(mark + header, (0, 0))
            out.add("", (0, 0))
            out.add(line.replace("\f", "").lstrip(" \u3000"), org)
            continue
        out.add(line, org)
    return out.done(text)


# --- paragraph order across a page break ----------------------------------------------

def page_order(text: Text, rng: random.Random) -> Text:
    """pypdf follows the content stream, not the layout: at a page break where one
    paragraph ends the page and another begins the next, the next page's first
    paragraph can come out before the previous page's last one. Only whole prose
    paragraphs (ending with 。, not numbered) are moved, so no sentence is cut."""
    if text.form != "pdf-text":
        return text
    lines, origin = list(text.lines), list(text.origin)

    def prose(i: int) -> bool:
        s = lines[i].strip(" \u3000\f")
        return len(s) >= 4 and bool(_CJK.search(s[:2])) and _TABLE_LINE.match(s) is None

    def folio(i: int) -> bool:
        return re.fullmatch(r"\s*[-—]?\s*\d{1,3}\s*[-—]?\s*", lines[i]) is not None

    def ends(i: int) -> bool:
        return bool(re.search(r"。\s*$", lines[i]))

    for start in reversed(_page_starts(text)):
        if rng.random() < 0.3 or not prose(start) or _LIST_START.match(lines[start]):
            continue
        # the next page's first paragraph: start .. e
        e = start
        while e < len(lines) and (not lines[e].strip() or (prose(e) and not ends(e))) and (e == start or not _is_page_start(lines[e])):
            e += 1
        if e >= len(lines) or not prose(e) or not ends(e) or any(_LIST_START.match(lines[i]) for i in range(start + 1, e + 1) if lines[i].strip()):
            continue
        # the previous page's last paragraph: lo .. start-1, ending with 。
        k = start - 1
        while k >= 0 and (not lines[k].strip() or folio(k)):
            k -= 1
        if k < 0 or not prose(k) or not ends(k):
            continue
        lo = k
        while lo - 1 >= 0 and (not lines[lo - 1].strip() or (prose(lo - 1) and not ends(lo - 1))):
            lo -= 1
        while lo < k and not lines[lo].strip():
            lo += 1
        if lo == 0 or not ends(lo - 1) and lines[lo - 1].strip() and prose(lo - 1) or _LIST_START.match(lines[lo]):
            continue
        if any(_is_page_start(lines[i]) for i in range(lo, start)):
            continue
        q = list(range(start, e + 1))
        p = list(range(lo, k + 1))
        rest = list(range(k + 1, start))  # the folio stays at the foot
        order = rest + q + [None] + p
        new_lines = [lines[i] if i is not None else "" for i in order]
        new_origin = [origin[i] if i is not None else origin[start] for i in order]
        lines[lo:e + 1] = new_lines
        origin[lo:e + 1] = new_origin
    return replace(text, lines=tuple(lines), origin=tuple(origin))


TRANSFORMS: dict[str, Transform] = {
    "crlf": crlf,
    "fullwidth": fullwidth,
    "add-thousands": add_thousands,
    "drop-thousands": drop_thousands,
    "space-titles": space_titles,
    "break-figures": break_figures,
    "break-figures-anywhere": break_figures_anywhere,
    "rewrap-narrow": rewrap_narrow,
    "rewrap-wide": rewrap_wide,
    "rewrap-table-names": rewrap_table_names,
    "page-numbers": page_numbers,
    "glued-page-numbers": glued_page_numbers,
    "running-headers": running_headers,
    "page-order": page_order,
}


def apply(text: Text, names: list[str], seed: int) -> Text:
    """The composition of the named transforms, in order, each with its own stream of
    the seed's randomness."""
    for k, name in enumerate(names):
        text = TRANSFORMS[name](text, random.Random(f"{seed}:{k}:{name}"))
    return text


# --- comparing the findings -------------------------------------------------------------

@dataclass
class Diff:
    """How the findings on a transformed text differ from the original's."""

    new: list = field(default_factory=list)  # warnings and errors the original did not have
    new_info: list = field(default_factory=list)
    lost: list = field(default_factory=list)  # original findings gone (not on a silent line)
    silenced: list = field(default_factory=list)  # original findings gone on a silent line
    moved: list = field(default_factory=list)  # (original, new): same finding, line not mapped

    @property
    def changed(self) -> int:
        return len(self.new) + len(self.new_info) + len(self.lost) + len(self.moved)

    def ok(self) -> bool:
        return not (self.new or self.new_info or self.lost or self.moved)

    def describe(self) -> str:
        out = []
        for label, items in (("new", self.new), ("new info", self.new_info), ("lost", self.lost),
                             ("silenced", self.silenced)):
            out += [f"  {label}: {f.line} {f.rule} {f.severity} {f.message[:160]}" for f in items]
        out += [f"  moved: {a.line} -> {b.line} {a.rule} {a.message[:120]}" for a, b in self.moved]
        return "\n".join(out)


_COMMA = re.compile(r"(?<=\d),(?=\d{3})")


def finding_key(f) -> tuple:
    """What a finding says, whatever the extraction: its rule, severity, subject and
    column, and its figures as values (a thousands comma is not a figure)."""
    from budgetlint.linter.fingerprint import identity

    ident = identity(f, "")
    figures = tuple(_COMMA.sub("", (x or "").replace(" ", "")) for x in (f.actual, f.expected))
    return (f.rule, f.severity, ident.table_kind, ident.subject, ident.column, figures)


def compare(original: list, transformed: list, text: Text) -> Diff:
    diff = Diff()
    pending = list(original)
    unmatched_new = []
    for f in transformed:
        lo, hi = text.original_range(f.line)
        key = finding_key(f)
        match = next((o for o in pending if finding_key(o) == key and lo <= o.line <= hi), None)
        if match is not None:
            pending.remove(match)
        else:
            unmatched_new.append(f)
    for f in unmatched_new:
        key = finding_key(f)
        match = next((o for o in pending if finding_key(o) == key), None)
        if match is not None:
            pending.remove(match)
            diff.moved.append((match, f))
        elif f.severity == "info":
            diff.new_info.append(f)
        else:
            diff.new.append(f)
    for o in pending:
        # A finding goes silent with any of the cells it is about (its row, the rows it
        # adds up, the table row a sentence restates).
        about = {o.line, *(r.line for r in o.related)}
        (diff.silenced if about & text.silent else diff.lost).append(o)
    return diff


# --- the corpus and the linter ------------------------------------------------------------

CORPUS_DOCS = (
    "changji-city-hrss-2023.txt",
    "urumqi-gaoxin-hrss-2023.txt",
    "changji-prefecture-hrss-2020.txt",
    "changji-prefecture-hrss-center-2025.md",
    "other-provinces/jiangsu-cppcc-office-2018-budget.txt",
    "other-provinces/jiangsu-cppcc-office-2018-budget-tables.txt",
    "other-provinces/jiangsu-high-court-2018-budget.txt",
    "other-provinces/jiangsu-procuratorate-2018-budget.txt",
    "other-provinces/shanghai-putuo-wanli-subdistrict-2024-budget.txt",
    "other-provinces/shanghai-putuo-wanli-subdistrict-2025-budget.txt",
    "other-provinces/shanghai-putuo-social-work-dept-2024-final-accounts.txt",
    "other-provinces/shanghai-dept-final-accounts-template-2024.txt",
)


def pack_for(name: str) -> str:
    """The Xinjiang four are linted with their province's pack, the others with core."""
    return "core" if name.startswith("other-provinces/") else "xinjiang"


@dataclass
class Original:
    """A corpus document as published, parsed and linted once."""

    name: str
    text: Text
    pack: object
    findings: list


def load_original(corpus_dir, name: str, packs: dict) -> Original:
    from budgetlint.ingest import load_text
    from budgetlint.linter.lint import lint_document
    from budgetlint.parse import parse_source

    raw = (corpus_dir / name).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    source = load_text(raw, name)
    pack = packs[pack_for(name)]
    return Original(name, Text.of(raw, source.form), pack, lint_document(parse_source(source), pack))


def lint_transformed(original: Original, text: Text) -> list:
    from budgetlint.ingest import load_text
    from budgetlint.linter.lint import lint_document
    from budgetlint.parse import parse_source

    return lint_document(parse_source(load_text(text.render(), original.name)), original.pack)


def check(original: Original, names: list[str], seed: int) -> tuple[Text, Diff]:
    text = apply(original.text, names, seed)
    return text, compare(original.findings, lint_transformed(original, text), text)
