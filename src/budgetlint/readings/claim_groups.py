"""Which clauses are the items of one total.

A disclosure lists parts after a lead clause: inline (``三公经费 7.8 万元，其中:因公出国
（境）费 0 万元，…``), or one part per following paragraph (``收入预算 5743.77 万元，其中:``
then ``一般公共预算 …`` and ``财政拨款结转 …`` each in its own paragraph), or as the
资金分配情况 of a project whose whole is its 预算安排规模. A run of headings that each
state a share (``1. 社会保障和就业支出 3955.69 万元，占 97.47%``) without a lead is a
group too: its whole is the sum of its items when their shares make 100.

A group says whether the text gives it as the *whole* of its lead (``complete``):
``其中`` alone does not (it means "of which"); shares making 100, a known partition
(the four 三公 items; 货物/工程/服务) or a project's 资金分配情况 do.
"""

from __future__ import annotations

import re
from typing import Optional

from budgetlint.core.readings import Claim, ClaimGroup

# The known partitions of a total: when every part is listed the list is the whole.
PARTITIONS = tuple(
    tuple(re.compile(p) for p in parts)
    for parts in (
        ("因公出国", "公务用车购置", "公务用车运行", "公务接待"),
        ("货物", "工程", "服务"),
        ("人员经费", "公用经费"),
        ("基本支出", "项目支"),  # 项目支出, also where the text dropped a character
        ("(?<!非)财政拨款", "非财政拨款"),
    )
)
ALLOCATION_START = "资金分配情况"
ALLOCATION_STOP = re.compile(r"资金执行时间|资金来源|补贴人数|补贴标准|补贴范围|项目承担单位|设立的政策依据")
BUDGET_SIZE = "预算安排规模"


def _amounts(passage) -> list[Claim]:
    return [c for c in passage.claims if c.amount is not None]


def assign_groups(passages: list, headers: tuple[str, ...] = ()) -> dict[int, ClaimGroup]:
    """``headers``: the words that end a list header (``…支出 307.82 万元，主要用于以下
    方面：``) besides 其中 / 包括 (the profile's ``claims: list_header``)."""
    groups: dict[int, ClaimGroup] = {}
    header = re.compile("(" + "|".join(re.escape(h) for h in headers) + ")[:：]?$") if headers else None
    opens_list = re.compile("(" + "|".join(["其中", "包括", *(re.escape(h) for h in headers)]) + ")[:：]?$")

    def new_group(kind: str, lead: Optional[Claim], phrase: str = "") -> ClaimGroup:
        group = ClaimGroup(len(groups) + 1, kind, lead, phrase=phrase)
        groups[group.id] = group
        if lead is not None:
            lead.lead = True
        return group

    def add(group: ClaimGroup, claim: Claim) -> None:
        if claim.group is None:
            claim.group = group.id
        group.members.append(claim)

    # Leads named by a sentence that opens with 其中 / 包括: the clause before it.
    for passage in passages:
        previous: Optional[Claim] = None
        for sentence in passage.sentences:
            if sentence.opens_with_lead and previous is not None:
                previous.lead = True
            for claim in sentence.claims:
                if claim.amount is not None:
                    previous = claim

    claimed: set[int] = set()
    for index, passage in enumerate(passages):
        amounts = _amounts(passage)
        for position, lead in enumerate(amounts):
            if not lead.lead and position == len(amounts) - 1 and header is not None and header.search(passage.text.rstrip()):
                lead.lead = True  # ``…支出 307.82 万元，主要用于以下方面：`` heads the list after it
            if not lead.lead:
                continue
            phrase = _phrase(lead)
            inline = _inline_members(passage, lead)
            if inline:
                group = new_group("inline", lead, phrase)
                group.partial_words = phrase == "主要包括" or passage.text.rstrip("。；; ").endswith("等")
                for claim in inline:
                    add(group, claim)
                    claimed.add(id(claim))
            elif position == len(amounts) - 1 and opens_list.search(passage.text.rstrip()):
                members = _block_members(passages, index)
                if members:
                    group = new_group("block", lead, phrase)
                    for claim in members:
                        add(group, claim)
                        claimed.add(id(claim))
        # ``上级…转移支付资金 X 万元，占 Y%`` is a part of the passage's first amount.
        if amounts:
            for claim in amounts[1:]:
                if claim.share is not None and claim.subject.startswith("上级") and "转移支付" in claim.subject:
                    group = new_group("sub", amounts[0])
                    add(group, claim)
                    claimed.add(id(claim))

    _allocation_groups(passages, new_group, add)
    _share_runs(passages, claimed, new_group, add)
    _sibling_groups(passages, claimed, new_group, add)
    for group in groups.values():
        group.complete = _complete(group)
    return groups


def _complete(group: ClaimGroup) -> bool:
    """Whether the text gives the members as the whole of the lead."""
    if group.kind == "allocation":
        return True
    subjects = [m.subject for m in group.members]
    for partition in PARTITIONS:
        if len(subjects) == len(partition) and all(any(p.search(s) for s in subjects) for p in partition):
            return True
    return False


REASON_START = re.compile(r"^(主要原因|原因)")


def _inline_members(passage, lead: Claim) -> list[Claim]:
    """The amounts after ``lead`` in its passage: through sentences closed by ``；``
    (``…；其中:一般公务用车 0 辆，价值 0 万元；…``), past a ``。`` only into a sentence that
    opens with 其中, or after a sentence giving the reason for the item before
    (``…下降 31.08%。主要原因是:…。项目支:14882.06万元…``). A later lead closes the list
    after itself: the clauses after it are its own items."""
    members: list[Claim] = []
    started = False
    open_list = True
    for sentence in passage.sentences:
        if started:
            if REASON_START.match(sentence.text):
                open_list = True  # the reason for the item before; the list goes on after it
                continue
            if not open_list and not sentence.opens_with_lead:
                break
        for claim in sentence.claims:
            if claim is lead:
                started = True
                continue
            if started and claim.amount is not None:
                members.append(claim)
                if claim.lead:
                    return members
        if started:
            open_list = not sentence.text.endswith(("。", "！", "？", "!", "?"))
    return members


def _phrase(lead: Claim) -> str:
    after = lead.text[len(lead.head) :]
    match = re.search(r"(其中|主要包括|包括)", after)
    return match.group(1) if match else "其中"


def _in_scope(passage, scope) -> bool:
    return scope is None or scope in passage.sections or passage.section is scope


def _block_members(passages: list, index: int) -> list[Claim]:
    """The first amount of each sentence of the following passages under the lead's
    own heading (one item per paragraph, or per ``；``-separated sentence)."""
    scope = passages[index].section
    candidates: list[Claim] = []
    following = passages[index + 1] if index + 1 < len(passages) else None
    if following is not None and _in_scope(following, scope):
        listed = _amounts(following)
        if len(listed) >= 2 and all(c.share is None and c.change is None and not c.lead for c in listed):
            return listed  # the items are listed together in the next paragraph
    # Items written as sub-headings (``（一）…`` under the lead's heading) are one item
    # each: the first amount under each child heading, whatever is nested below it
    # (``1.`` under ``（一）``, a ``（1）`` under ``1.``, a closing ``此外…`` paragraph).
    children_seen: set[int] = set()
    for passage in passages[index + 1 :]:
        if not _in_scope(passage, scope):
            break
        child = _child_of(passage, scope)
        if child is not None and id(child) in children_seen:
            continue
        for sentence in passage.sentences:
            if sentence.opens_with_lead or not sentence.claims:
                continue
            first = sentence.claims[0]
            if first.amount is None or first.subject.startswith("上级"):
                continue
            candidates.append(first)
            if child is not None:
                children_seen.add(id(child))
                break
    if any(c.share is not None for c in candidates):
        # Where the items state shares, a sentence without one elaborates an item.
        candidates = [c for c in candidates if c.share is not None]
    return candidates


def _child_of(passage, scope):
    """The heading directly under ``scope`` that ``passage`` stands in, if any."""
    chain = passage.sections
    if scope is None:
        return None
    for position, section in enumerate(chain):
        if section is scope:
            return chain[position + 1] if position + 1 < len(chain) else None
    return None


def _allocation_groups(passages: list, new_group, add) -> None:
    """资金分配情况 items against the project's 预算安排规模, within one project heading."""
    by_section: dict[int, list] = {}
    order: list[int] = []
    for passage in passages:
        if passage.section is None:
            continue
        key = id(passage.section)
        if key not in by_section:
            by_section[key] = []
            order.append(key)
        by_section[key].append(passage)
    for key in order:
        size: Optional[Claim] = None
        items: list[Claim] = []
        active = False
        for passage in by_section[key]:
            for sentence in passage.sentences:
                text = sentence.text
                marks = [(m.start(), True) for m in re.finditer(ALLOCATION_START, text)]
                marks += [(m.start(), False) for m in ALLOCATION_STOP.finditer(text)]
                marks.sort()
                for claim in sentence.claims:
                    if claim.amount is None:
                        continue
                    at = len(claim.head)
                    state = active
                    for pos, opens in marks:
                        if pos < at:
                            state = opens
                    if claim.subject.endswith(BUDGET_SIZE) or claim.head.endswith(BUDGET_SIZE + ":"):
                        size = size or claim
                    elif state:
                        items.append(claim)
                for pos, opens in marks:
                    active = opens
        if size is not None and items:
            group = new_group("allocation", size, ALLOCATION_START)
            size.lead = True
            for claim in items:
                add(group, claim)


def _share_runs(passages: list, claimed: set, new_group, add) -> None:
    """Clauses of one passage that each state a share of the same named whole, with no
    figure for the whole (``因公出国（境）费支出 106 万元，占“三公”经费的 15.70%；公务用车…
    156.60 万元，占“三公”经费的 23.20%；…``): their whole is their sum, when the shares
    make 100 (``siblings``)."""
    for passage in passages:
        run: list[Claim] = []
        for claim in _amounts(passage) + [None]:
            fits = (
                claim is not None and claim.share is not None and claim.share_of and claim.group is None
                and id(claim) not in claimed and (not run or claim.share_of == run[0].share_of)
            )
            if fits:
                run.append(claim)
                continue
            if len(run) >= 2:
                group = new_group("siblings", None)
                for member in run:
                    add(group, member)
                    claimed.add(id(member))
            run = [claim] if claim is not None and claim.share is not None and claim.share_of and claim.group is None else []


def _sibling_groups(passages: list, claimed: set, new_group, add) -> None:
    """Consecutive passages under one heading whose first amounts each state a share."""
    run: list[Claim] = []
    run_key = None

    def flush():
        nonlocal run
        if run:
            group = new_group("siblings", None)
            for claim in run:
                add(group, claim)
        run = []

    for passage in passages:
        amounts = _amounts(passage)
        first = amounts[0] if amounts else None
        parent = passage.sections[-2] if passage.heading and len(passage.sections) >= 2 else passage.section
        eligible = (
            first is not None
            and first.share is not None
            and id(first) not in claimed
            and first.group is None
        )
        if not eligible:
            if amounts or passage.heading:
                flush()
                run_key = None
            continue
        if run and parent is not run_key:
            flush()
        run_key = parent
        run.append(first)
    flush()
