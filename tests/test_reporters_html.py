"""The HTML report: content, escaping, self-containment (no browser here; see
test_browser_report.py for the page running in Chromium)."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from test_reporters_sample import HOSTILE, HOSTILE_NAME, build_report

from budgetlint.core.finding import Finding
from budgetlint.core.results import FileResult
from budgetlint.linter.report import Report
from budgetlint.reporters.html import excerpt, render_html


class _Collect(HTMLParser):
    """Tags with their attributes, and the text of <script> and <style> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    report = build_report(tmp)
    return report, render_html(report, base=str(tmp))


def _parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    return p


def test_document_text_cannot_inject_markup(sample):
    _, html = sample
    # The hostile line, the finding message quoting it and the file name all arrive
    # escaped: not one tag of theirs is in the parsed page.
    assert "<script>window" not in html
    assert "onerror=" not in html.replace("onerror=&#34;", "")  # only as escaped text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    parsed = _parse(html)
    assert [t for t, _ in parsed.tags].count("script") == 1
    assert not any(t == "img" for t, _ in parsed.tags)
    assert not any(t == "i" for t, _ in parsed.tags)
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    assert "prefecture-&#34;&lt;i onclick=x&gt;2020&amp;co.txt" in html
    # Rule explanations come from a pack, which a user may write: escaped too.
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html
    assert HOSTILE not in html and HOSTILE_NAME not in html


def test_report_is_self_contained(sample):
    _, html = sample
    parsed = _parse(html)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img", "base"), tag
        assert "src" not in attrs, (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#"), href  # only links within the page
    css = "".join(parsed.styles)
    assert "@import" not in css and "url(" not in css
    js = "".join(parsed.scripts)
    for word in ("fetch(", "XMLHttpRequest", "import(", "http:", "https:", "eval("):
        assert word not in js, word


def test_script_is_allowed_by_its_hash_and_nothing_else(sample):
    _, html = sample
    parsed = _parse(html)
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    (script,) = parsed.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1]


def test_summary_counts_and_documents_worst_first(sample):
    report, html = sample
    assert re.search(r'id="docs-checked">5<', html)
    assert re.search(r'id="findings-total">5<', html)
    assert re.search(r'id="count-error">2<', html)
    assert re.search(r'id="count-warning">1<', html)
    assert re.search(r'id="count-info">2<', html)
    table = html.split('<table class="docs">')[1].split("</table>")[0]
    order = re.findall(r'<a href="#d\d+" lang="zh-Hans">([^<]+)</a>', table)
    # Unreadable first; then by errors (1 each: the hostile file and urumqi, by path),
    # then the one with a warning and infos, then the clean one.
    assert order[0] == "broken.txt"
    assert order[1:3] == sorted(order[1:3]) and set(order[1:3]) == {"prefecture-&#34;&lt;i onclick=x&gt;2020&amp;co.txt", "urumqi-planted.txt"}
    assert order[3] == "changji-city-planted.txt"
    assert order[4].endswith("changji-prefecture-hrss-center-2025.md")


def test_chart_has_a_bar_per_rule_with_findings(sample):
    _, html = sample
    svg = html.split("<svg")[1].split("</svg>")[0]
    labels = re.findall(r'<a href="#rule-(BL\d+)">', svg)
    # Most findings first: BL102 has three (2 info + 1 error), then by id.
    assert labels == ["BL102", "BL110", "BL201"]
    assert svg.count('class="bar sev-info"') == 1 and svg.count('class="bar sev-error"') == 2


def test_finding_shows_rule_link_numbers_excerpt_and_page(sample):
    _, html = sample
    block = html[html.index("第 534 行"):]
    art = block[: block.index("</article>")]
    assert "第 9 页" in art
    assert "5641.27 ≠ 824.53 + 4816.75 = 5641.28" in art
    # printed 5641.27, computed 824.53 + 4816.75 = 5641.28
    assert "<dt>表中数</dt><dd>5641.27</dd>" in art and "<dt>计算数</dt><dd>5641.28</dd>" in art
    assert "<dt>expected</dt>" not in html
    # The highlighted excerpt line is the table row itself, in Chinese, unmangled.
    assert '<tr class="hit"><th scope="row">534</th><td>208 社会保障和就业支出 5641.27 824.53 4816.75</td></tr>' in art
    # Each rule a finding names is explained in the page, under the anchor it links to.
    assert 'href="#rule-BL102"' in html and 'id="rule-BL102"' in html
    assert "合计 must equal 基本支出 + 项目支出" in html
    # The rule that found nothing is still explained.
    assert 'id="rule-BL101"' in html


def test_related_line_is_quoted(sample):
    _, html = sample
    assert "第 223 行</span> <span lang=\"zh-Hans\">表3 合计行</span>: <code lang=\"zh-Hans\">人力资源和社会保障局 22,635.40 869.36 21,766.04</code>" in html


def test_unreadable_and_clean_documents_are_shown(sample):
    _, html = sample
    assert "无法读取： <span lang=\"zh-Hans\">" in html
    assert "没有问题。" in html


def test_filters_list_rules_with_findings_and_every_document(sample):
    _, html = sample
    rule_select = html.split('id="filter-rule"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(BL\d+)">', rule_select) == ["BL102", "BL110", "BL201"]
    doc_select = html.split('id="filter-doc"')[1].split("</select>")[0]
    assert len(re.findall(r'<option value="d\d+">', doc_select)) == 5


def test_print_stylesheet_hides_the_filters(sample):
    _, html = sample
    css = "".join(_parse(html).styles)
    media = css[css.index("@media print"):]
    assert ".filters { display: none; }" in media


def test_excerpt_skips_blank_lines_and_marks_gaps():
    lines = ("a", "", "b", "", "c", "", "d", "", "e", "", "f")
    got = excerpt(lines, 5, None)
    assert [(x.lineno, x.hit) for x in got] == [(1, False), (3, False), (5, True), (7, False), (9, False)]
    assert not any(x.gap_before for x in got)  # only blank lines were left out
    long = tuple(f"L{i}" for i in range(1, 40))
    got = excerpt(long, 10, 35)
    hits = [x.lineno for x in got if x.hit]
    assert hits == list(range(10, 22))  # capped at MAX_HIGHLIGHT lines
    assert excerpt(long, 0, None) == [] and excerpt(long, 99, None) == [] and excerpt((), 1, None) == []


def test_empty_report_renders():
    html = render_html(Report(files=[FileResult(path="a.txt")]))
    assert "没有问题。" in html and 'id="findings-total">0<' in html


def test_finding_without_source_lines():
    f = Finding("x.md", 3, "BL999", "plugin-rule", "warning", "msg <x>")
    html = render_html(Report(files=[FileResult(path="x.md", findings=[f])]))
    assert "msg &lt;x&gt;" in html and 'id="rule-BL999"' in html
    assert '<table class="excerpt"' not in html


def test_long_related_lists_are_collapsed():
    from budgetlint.core.finding import Related

    lines = tuple(f"208 0{i} 行 {i}.00" for i in range(1, 21))
    related = tuple(Related(i, f"child {i}") for i in range(2, 12))
    f = Finding("x.txt", 1, "BL101", "tree-sum", "error", "m", related=related)
    html = render_html(Report(files=[FileResult("x.txt", [f], source_lines=lines)]))
    shown, rest = html.split('<details class="related-more">')
    assert shown.count("child ") == 6 and "<summary>另有 4 条相关行</summary>" in rest
    assert rest.count("child ") == 4 and "208 011 行 11.00" in rest
