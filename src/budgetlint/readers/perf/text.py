"""Indicator rows of a performance table in PDF text.

PDF text prints the table by height on the page: the first line of every cell that
starts at one height, then the wrapped rest. Cells are not delimited and empty ones
are absent. What does not move is the 指标值设置依据: every indicator prints one
(``计划标准``, ``历史标准``, ``自定义``, sometimes cut as ``计划标`` / ``准``), and after it come
the 上年完成值 (if any), the weight, the scoring rule and the evidence. So each basis
anchors one indicator:

    [一级/二级 characters] 三级指标 指标值  BASIS  [上年完成值] WEIGHT  赋分规则 佐证资料

The text before an anchor (back to the previous indicator's evidence) holds the
level names, the 三级指标 and the value; the text after it the prior value and the
weight, which is the bare number that the scoring rule follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from budgetlint.core.model import Indicator, Line, PerfTable, Unparsed
from budgetlint.core.figures import parse_figure, squeeze
from budgetlint.readers.perf.head import read_head_above
from budgetlint.core.perfvocab import (
    BARE_NUMBER,
    NAMES,
    basis_at,
    category,
    covers,
    is_level_chars,
    is_rule_start,
    is_tail_fragment,
    is_tail_prefix,
    is_value_start,
    read_level_names,
    split_levels,
    starts_level_name,
)


@dataclass
class Piece:
    """One space-separated piece of a line."""

    text: str
    line: Line
    index: int  # position of the line in the body


@dataclass
class Anchor:
    basis: str
    first: int  # body index of the line the basis starts on
    piece: int  # index of the basis piece in that line
    last: int  # body index of the line the basis ends on
    after: list[Piece] = field(default_factory=list)  # pieces after the basis on that line


def _pieces(line: Line, index: int) -> list[Piece]:
    return [Piece(p, line, index) for p in line.text.split(" ") if p]


def _squeezed(pieces: Sequence[Piece]) -> str:
    """The pieces' text run together: an indicator's cell text, wherever PDF text broke it."""
    return "".join(squeeze(p.text) for p in pieces)


def read_text_indicators(lines: Sequence[Line], table: PerfTable) -> None:
    header = _header_start(lines)
    if not read_head_above(lines, header, table, "no 一级指标 header found"):
        return
    end = _header_end(lines, header)
    head_text = "".join(squeeze(ln.text) for ln in lines[header : end + 1])
    table.has_weights = "权重" in head_text or "分值" in head_text
    body = list(lines[end + 1 :])
    if not body:
        return
    anchors = _anchors(body)
    if not anchors:
        table.unparsed.append(Unparsed(body[0].lineno, body[-1].lineno, "", "no indicator rows recognised"))
        return
    _Reader(body, anchors, table).read()


def _header_start(lines: Sequence[Line]) -> Optional[int]:
    for i, line in enumerate(lines):
        text = squeeze(line.text)
        if text.startswith("一级"):
            return i
        if text == "一" and i + 1 < len(lines) and squeeze(lines[i + 1].text).startswith("级"):
            return i
    return None


def _header_end(lines: Sequence[Line], start: int) -> int:
    for i in range(start, min(len(lines), start + 40)):
        if squeeze(lines[i].text).endswith("资料"):
            return i
    return start


def _anchors(body: list[Line]) -> list[Anchor]:
    """Every basis in the body, whole or cut over lines (``行业或`` / ``国家标`` / ``准``)."""
    anchors: list[Anchor] = []
    i = 0
    while i < len(body):
        pieces = _pieces(body[i], i)
        found = None
        for j, piece in enumerate(pieces):
            basis = basis_at(piece.text)
            if basis is None:
                continue
            need = basis[len(squeeze(piece.text)) :]
            k, rest = i, pieces[j + 1 :]
            while need and k + 1 < len(body):
                nxt = _pieces(body[k + 1], k + 1)
                if not nxt or not need.startswith(squeeze(nxt[0].text)):
                    break
                need = need[len(squeeze(nxt[0].text)) :]
                k, rest = k + 1, nxt[1:]
            if need:
                continue
            found = Anchor(basis, i, j, k, list(rest))
            i = k
            break
        if found:
            anchors.append(found)
        i += 1
    return anchors


class _Reader:
    def __init__(self, body: list[Line], anchors: list[Anchor], table: PerfTable):
        self.body = body
        self.anchors = anchors
        self.table = table
        self.level1 = ""
        self.level2 = ""
        self.pending = ""  # characters that finish level names cut by a page break

    def read(self) -> None:
        start = 0
        for n, anchor in enumerate(self.anchors):
            limit = self.anchors[n + 1].first if n + 1 < len(self.anchors) else len(self.body)
            prior, weight, tail_end = self._after(anchor, limit)
            self._indicator(start, anchor, prior, weight, tail_end)
            start = tail_end + 1
        leftover = [ln for ln in self.body[start:] if not _droppable(ln)]
        if leftover:
            self.table.unparsed.append(
                Unparsed(leftover[0].lineno, leftover[-1].lineno, " ".join(ln.text for ln in leftover),
                         "text after the last indicator not read")
            )

    # after the basis: prior value, weight, rule and evidence ---------------------
    def _after(self, anchor: Anchor, limit: int) -> tuple[list[Piece], Optional[Piece], int]:
        """The prior value's pieces, the weight's piece and the body index of the last
        line of this indicator (its evidence)."""
        basis_end = anchor.last
        stream = list(anchor.after)
        k = basis_end + 1
        while k < limit:
            stream.extend(_pieces(self.body[k], k))
            k += 1
        weight_at = None
        for pos, piece in enumerate(stream):
            if not BARE_NUMBER.match(piece.text):
                continue
            nxt = stream[pos + 1] if pos + 1 < len(stream) else None
            if nxt is None or is_rule_start(nxt.text) or is_tail_prefix(nxt.text):
                weight_at = pos
                break
        if weight_at is None:
            # No scoring rule or evidence printed: the last figure on the basis line.
            on_line = [pos for pos, p in enumerate(stream) if p.index == basis_end and BARE_NUMBER.match(p.text)]
            weight_at = on_line[-1] if on_line else None
        if weight_at is None:
            return [], None, basis_end
        weight = stream[weight_at]
        # The scoring rule and the evidence follow the weight.
        rest = stream[weight_at + 1 :]
        end = weight.index
        consumed = ""
        by_line: dict[int, str] = {}
        for piece in rest:
            by_line[piece.index] = by_line.get(piece.index, "") + squeeze(piece.text)
        for index in sorted(by_line):
            if not is_tail_prefix(consumed + by_line[index]):
                break
            consumed += by_line[index]
            end = index
        return stream[:weight_at], weight, end

    # before the basis: level names, 三级指标, value ------------------------------
    def _indicator(
        self, start: int, anchor: Anchor, prior_pieces: list[Piece], weight_piece: Optional[Piece], tail_end: int
    ) -> None:
        items = [_pieces(self.body[i], i) for i in range(start, anchor.first)]
        items = [it for it in items if it]
        prefix = _pieces(self.body[anchor.first], anchor.first)[: anchor.piece]
        items = self._continuations(items)
        level_text = ""
        first_line = None
        while items and is_level_chars(" ".join(p.text for p in items[0])):
            piece = _squeezed(items[0])
            # A name printed one or two characters a line may be cut by a page break
            # anywhere; a longer line must continue the names properly ("项目完成时" is
            # 三级指标 text that happens to be made of level characters).
            if not covers(level_text + piece, strict=len(piece) > 2):
                break
            level_text += piece
            first_line = first_line or items[0][0].line.lineno
            items.pop(0)
        value_pieces, level3_pieces = self._split_value(items, prefix)
        read, _ = read_level_names(level_text) if starts_level_name(level_text) else ([], "")
        names = [name for name, _ in read]
        # Names cut by a page break finish at the top of the next page.
        self.pending = "".join(name[len(printed):] for name, printed in read)
        while level3_pieces and squeeze(level3_pieces[0].text) in _NAMES:
            names.append(squeeze(level3_pieces.pop(0).text))
        level1, level2 = split_levels(names, self.level1)
        if level1:
            self.level1, self.level2 = level1, ""
        if level2:
            self.level2 = level2
            family, own = category(self.level1, ""), category("", level2)
            if not level1 and family and own and family != own:
                # 社会效益指标 under 成本指标: the 一级 cell of this row printed nothing
                # the text kept, and the one above is not its 一级.
                self.level1 = ""
        lines_used = [p.line.lineno for p in level3_pieces + value_pieces]
        line = first_line or (min(lines_used) if lines_used else self.body[anchor.first].lineno)
        weight = parse_figure(weight_piece.text) if weight_piece else None
        prior = _squeezed(prior_pieces) or None
        self.table.indicators.append(
            Indicator(
                line=line,
                level1=self.level1,
                level2=self.level2,
                level3=_squeezed(level3_pieces),
                value=_squeezed(value_pieces),
                weight=weight,
                prior_value=prior,
                basis=anchor.basis,
                end_line=self.body[tail_end].lineno,
                weight_line=weight_piece.line.lineno if weight_piece else None,
                value_line=value_pieces[0].line.lineno if value_pieces else None,
            )
        )
        if weight_piece is None and self.table.has_weights:
            self.table.unparsed.append(
                Unparsed(line, self.body[tail_end].lineno, "", "weight of this indicator not found")
            )

    def _continuations(self, items: list[list[Piece]]) -> list[list[Piece]]:
        """Drop what the previous indicator left behind: its evidence cut off by a page
        break, and at the top of a new page the rest of its cells (``指 标``, ``展能力 级赋``),
        whose text goes back to its 三级指标."""
        zone = False
        n = 0
        while n < len(items):
            item = items[n]
            line = item[0].line
            prev = self.body[item[0].index - 1] if item[0].index > 0 else None
            if prev is not None and prev.page != line.page:
                zone = True
            if is_level_chars(" ".join(p.text for p in item)):
                # a run of level characters: new names open a row, cut names close one
                run, m = "", n
                while m < len(items) and is_level_chars(" ".join(p.text for p in items[m])):
                    run += "".join(p.text for p in items[m])
                    m += 1
                if zone and self.pending and run.startswith(self.pending):
                    # the rest of the previous row's cut names; what follows opens this row
                    drop = len(self.pending)
                    self.pending = ""
                    while n < m and drop >= len(_squeezed(items[n])):
                        drop -= len(_squeezed(items[n]))
                        n += 1
                    continue
                if starts_level_name(run):
                    return items[n:]
                n = m
                continue
            if all(is_tail_fragment(p.text) for p in item):
                n += 1
                continue
            kept = [p for p in item if not is_tail_fragment(p.text) and not is_level_chars(p.text)]
            cut_tail = any(is_tail_fragment(p.text) for p in item)
            if zone and cut_tail and self.table.indicators:
                last = self.table.indicators[-1]
                last.level3 += _squeezed(kept)
                n += 1
                continue
            return items[n:]
        return []

    def _split_value(self, items: list[list[Piece]], prefix: list[Piece]) -> tuple[list[Piece], list[Piece]]:
        """Which pieces are the value and which the 三级指标."""
        before = [p for item in items for p in item]
        if prefix:
            start = next((i for i, p in enumerate(prefix) if is_value_start(p.text)), None)
            if start is None:
                start = len(prefix) - 1
            return prefix[start:], before + prefix[:start]
        if not items:
            return [], []
        # Walk back over the short tails of a wrapped value ("日", "人", "/人/月").
        j = len(items) - 1
        while j > 0 and _value_tail(items[j]):
            j -= 1
        main = items[j]
        start = next((i for i, p in enumerate(main) if is_value_start(p.text)), None)
        if start is None:
            value = main + [p for item in items[j + 1 :] for p in item]
            return value, [p for item in items[:j] for p in item]
        value = main[start:] + [p for item in items[j + 1 :] for p in item]
        head = main[:start]
        # A value printed over several lines that each open with a figure ("2023 年" / "12 月 31").
        while not head and j > 0 and _value_line(items[j - 1]):
            j -= 1
            value = items[j] + value
        return value, [p for item in items[:j] for p in item] + head


_NAMES = frozenset(NAMES)


def _value_line(item: list[Piece]) -> bool:
    """A line that opens with a figure and holds nothing longer than a unit."""
    return is_value_start(item[0].text) and all(
        is_value_start(p.text) or len(squeeze(p.text)) <= 2 for p in item
    )


def _value_tail(item: list[Piece]) -> bool:
    text = _squeezed(item)
    if is_value_start(text):
        return False
    return len(text) <= 2 or text.startswith(("/", "元"))


def _droppable(line: Line) -> bool:
    pieces = [p for p in line.text.split(" ") if p]
    return all(is_tail_fragment(p) or is_level_chars(p) for p in pieces)
