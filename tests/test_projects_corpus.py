"""Every project of the four corpus documents matched across its places.

Each expected place is (kind, line of the name, amount) read off the document text by
hand: 表7 rows start at the line of their first cell (PDF: the split 类 code ``20``;
Word: the row's first tab line); a performance table's name is its 项目名称 cell
(Word: the row that holds it starts at 预算单位)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.rules.projects import projects_of
from conftest import parsed

EXPECTED = {
    "changji-city": [
        [("table7", 976, "6.92"), ("prose", 1346, "6.92"), ("perf", 1515, "6.92")],
        [("table7", 1008, "3100"), ("prose", 1364, "3100"), ("perf", 1664, "3100")],
        # no performance table for this one; the prose prints 24.25 for 表7's 24.24
        [("table7", 1025, "24.24"), ("prose", 1384, "24.25")],
    ],
    "urumqi": [
        [("table7", 676, "2662"), ("prose", 1144, "2662"), ("perf", 1407, "2662")],
        [("table7", 695, "104"), ("prose", 1180, "104"), ("perf", 1759, "104")],
        [("table7", 742, "70.03"), ("prose", 1215, "70.03"), ("perf", 2083, "70.03")],
        # the table names it （企业社会保险补贴）, 表7 and the prose （社保补贴）
        [("table7", 779, "3900"), ("prose", 1234, "3900"), ("perf", 2428, "3900")],
        [("table7", 810, "8146.57"), ("prose", 1258, "8146.57"), ("perf", 2835, "8146.57")],
    ],
    "prefecture-2020": [
        [("table7", 987, "40"), ("prose", 1308, "40"), ("perf", 1390, "40")],
        [("table7", 1004, "7"), ("prose", 1313, "7"), ("perf", 1474, "7")],
        [("table7", 1021, "10"), ("prose", 1319, "10"), ("perf", 1554, "10")],
        [("table7", 1038, "5"), ("prose", 1325, "5"), ("perf", 1646, "5")],
        [("table7", 1055, "15"), ("prose", 1331, "15"), ("perf", 1717, "15")],
        # prose: 社保基金专业审计工作经费; 表7 and the table: 社保基金监督检查审计经费
        [("table7", 1072, "10"), ("prose", 1336, "10"), ("perf", 1801, "10")],
        [("table7", 1089, "12"), ("prose", 1343, "12"), ("perf", 1927, "12")],
        [("table7", 1106, "10"), ("prose", 1349, "10"), ("perf", 2019, "10")],
    ],
    "center-2025": [
        [("table7", 340, "28.40"), ("prose", 537, "28.40"), ("perf", 713, "28.40")],
        [("table7", 341, "18.00"), ("prose", 575, "18.00"), ("perf", 756, "18.00")],
        [("table7", 342, "33.00"), ("prose", 525, "33.00"), ("perf", 776, "33.00")],
        [("table7", 343, "120.00"), ("prose", 551, "120.00"), ("perf", 672, "120.00")],
        [("table7", 344, "120.00"), ("prose", 563, "120.00"), ("perf", 735, "120.00")],
        # non-fiscal (财政拨款 0.00, 其他资金 22.00): in neither 表7 nor the prose list
        [("perf", 692, "22.00")],
    ],
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_projects_matched_across_places(key):
    projects = projects_of(parsed(key))
    found = [[(p.kind, p.line, p.amount) for p in project.places] for project in projects]
    expected = [[(kind, line, Decimal(amount)) for kind, line, amount in project] for project in EXPECTED[key]]
    assert found == expected


def test_urumqi_look_alike_projects_keep_their_own_tables():
    # two projects differ only in the bracketed suffix; the 3900 table calls its own
    # suffix （企业社会保险补贴）, and must still land on （社保补贴）, not on the other
    pairs = [(p.place("table7").name, p.place("perf").name) for p in projects_of(parsed("urumqi"))[3:]]
    assert pairs[0][0].endswith("（社保补贴）") and pairs[0][1].endswith("（企业社会保险补贴）")
    assert pairs[1][0].endswith("（公岗岗位补贴）") and pairs[1][1].endswith("（公岗岗位补贴）")
