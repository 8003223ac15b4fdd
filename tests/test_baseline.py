"""Baselines and draft comparison on a real disclosure (the issue's acceptance test).

The changji-city document is re-wrapped (its prose at another line width, every line
number below the first paragraph moves) and then has one figure changed in 表6. Against
a baseline of the original, the re-wrapped draft has nothing new; the edited draft has
only findings that involve the changed figure, as new or changed, and none of the
others comes back; ``compare`` on the two drafts says the same.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import corpus_path, parsed

from budgetlint.cli import main

EDITED = "301 03 奖金 65.76 65.76"  # a 表6 row; 奖金 65.77 in the prose already differs by 0.01
EDIT = "301 03 奖金 75.76 75.76"


def rewrap(text: str, doc, width: int) -> str:
    """``text`` with each prose paragraph (whose lines hold only it) re-cut at ``width``
    characters, a blank line after each, as a PDF extractor at another width would."""
    raw = text.split("\n")
    paras = {p.line: p for p in doc.paragraphs()}
    out, i = [], 1
    while i <= len(raw):
        p = paras.get(i)
        joined = "".join(line.strip() for line in raw[i - 1: p.end_line]) if p else ""
        if p is None or p.end_line == p.line or joined.replace(" ", "") != p.text.replace(" ", ""):
            out.append(raw[i - 1])
            i += 1
            continue
        lead = " " if raw[i - 1].startswith(" ") else ""  # a page's first line keeps its mark
        for k in range(0, len(joined), width):
            out += [(lead if k == 0 else "") + joined[k: k + width], ""]
        i = p.end_line + 1
        while i <= len(raw) and not raw[i - 1].strip():
            i += 1
    return "\n".join(out)


def _json(args) -> dict:
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("drafts")
    original = corpus_path("changji-city").read_text(encoding="utf-8")
    first, second, third = tmp / "draft-1.txt", tmp / "draft-2.txt", tmp / "draft-3.txt"
    first.write_text(original, encoding="utf-8")
    wrapped = rewrap(original, parsed("changji-city"), 22)
    assert wrapped.count("\n") > original.count("\n") + 30  # the line numbers did move
    second.write_text(wrapped, encoding="utf-8")
    assert wrapped.count(EDITED) == 1
    third.write_text(wrapped.replace(EDITED, EDIT), encoding="utf-8")
    baseline = tmp / "baseline.json"
    result = CliRunner().invoke(main, ["check", "--pack", "xinjiang", str(first), "--write-baseline", str(baseline)])
    assert result.exit_code == 0, result.output
    return tmp, first, second, third, baseline


def test_the_baseline_holds_every_finding_with_its_fingerprint(drafts):
    tmp, first, *_, baseline = drafts
    data = json.loads(baseline.read_text(encoding="utf-8"))
    (entry,) = data["files"]
    assert entry["path"] == "draft-1.txt"  # relative to the baseline's folder
    everything = _json(["check", "--pack", "xinjiang", str(first), "--format", "json"])["findings"]
    assert len(entry["findings"]) == len(everything) > 20
    assert all(f["fingerprint"] for f in entry["findings"])


def test_rewrapped_draft_has_nothing_new(drafts):
    _, _, second, _, baseline = drafts
    out = _json(["check", "--pack", "xinjiang", str(second), "--baseline", str(baseline), "--format", "json"])
    assert out["findings"] == [] and out["fixed"] == []
    known = len(json.loads(baseline.read_text(encoding="utf-8"))["files"][0]["findings"])
    assert out["files"][0]["hidden"] == {"known": known}


def _involves_the_edit(f: dict, edited_line: int) -> bool:
    lines = {f["line"], *(r["line"] for r in f.get("related", ()))}
    return edited_line in lines or "75.76" in (f.get("computation") or "") + f["message"]


def test_one_figure_changed_brings_back_only_what_involves_it(drafts):
    _, _, _, third, baseline = drafts
    edited_line = third.read_text(encoding="utf-8").split("\n").index(EDIT) + 1
    out = _json(["check", "--pack", "xinjiang", str(third), "--baseline", str(baseline), "--format", "json",
                 "--min-severity", "info"])
    reported = out["findings"]
    assert reported and all(_involves_the_edit(f, edited_line) for f in reported), reported
    # 表6 301 工资福利支出 was already off by 0.02 (846.55 ≠ 846.53); with 奖金 10 more the
    # sum is 856.53. The prose's 奖金 65.77 now differs from 75.76 by 9.99, an error.
    by_rule = {(f["rule"], f["status"]): f for f in reported}
    assert set(by_rule) == {("BL101", "changed"), ("BL205", "changed")}
    assert by_rule[("BL101", "changed")]["computation"].endswith("= 856.53")
    assert by_rule[("BL101", "changed")]["previous"].endswith("= 846.53")
    assert by_rule[("BL205", "changed")]["computation"] == "65.77 ≠ 75.76"
    assert by_rule[("BL205", "changed")]["severity"] == "error"
    # None of the others comes back: they are all known, none fixed.
    known = len(json.loads(baseline.read_text(encoding="utf-8"))["files"][0]["findings"])
    assert out["files"][0]["hidden"] == {"known": known - 2} and out["fixed"] == []


def test_compare_gives_the_same_answer(drafts):
    _, first, _, third, baseline = drafts
    out = _json(["compare", "--pack", "xinjiang", str(first), str(third), "--format", "json", "--min-severity", "info"])
    statuses = [(f["rule"], f["status"]) for f in out["findings"]]
    assert sorted(s for s in statuses if s[1] != "unchanged") == [("BL101", "changed"), ("BL205", "changed")]
    known = len(json.loads(baseline.read_text(encoding="utf-8"))["files"][0]["findings"])
    assert len(statuses) == known and sum(s[1] == "unchanged" for s in statuses) == known - 2
    assert out["fixed"] == []
