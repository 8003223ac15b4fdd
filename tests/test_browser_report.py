"""The HTML report in a real browser: Debian's chromium driven through chromedriver's
W3C WebDriver HTTP API (plain urllib on 127.0.0.1, no Python driver package).

Checks that the page loads without console errors (a Content-Security-Policy
violation would be one: the page's script is allowed by its hash), that the filters
change what is shown, that injected markup did not run, that the print stylesheet
hides the filters; saves screenshots under test-artifacts/.

Without chromium the test fails when CI=true and is skipped otherwise.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from test_reporters_sample import build_report

from budgetlint.reporters.html import render_html

ARTIFACTS = ROOT / "test-artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1200,1800",
]


def _binaries() -> tuple[str, str]:
    browser = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    reason = (
        "chromium not installed (need chromium and chromedriver on PATH: "
        "apt-get install -y chromium chromium-driver)"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    """The few W3C WebDriver commands this test needs."""

    def __init__(self, base: str):
        self.base = base
        self.session = None

    def call(self, method: str, path: str, body=None, timeout: float = 60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return json.loads(resp.read() or b"{}").get("value")
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{method} {path}: {exc.code} {exc.read()[:500]!r}") from None

    def start(self, browser: str, profile: Path) -> None:
        caps = {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": browser, "args": FLAGS + [f"--user-data-dir={profile}"]},
            "goog:loggingPrefs": {"browser": "ALL"},
        }
        value = self.call("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
        self.session = value["sessionId"]

    def s(self, method: str, path: str, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def js(self, script: str, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def click(self, css: str) -> None:
        element = self.s("POST", "/element", {"using": "css selector", "value": css})
        (ref,) = element.values()
        self.s("POST", f"/element/{ref}/click", {})

    def console(self) -> list[dict]:
        return self.s("POST", "/se/log", {"type": "browser"}) or []

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.s("GET", "/screenshot")))


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium, chromedriver = _binaries()
    port = _free_port()
    tmp = tmp_path_factory.mktemp("chromedriver")
    log = open(tmp / "chromedriver.log", "wb")
    proc = subprocess.Popen([chromedriver, f"--port={port}"], stdout=log, stderr=subprocess.STDOUT)
    driver = WebDriver(f"http://127.0.0.1:{port}")
    try:
        for _ in range(100):
            try:
                if driver.call("GET", "/status", timeout=2).get("ready"):
                    break
            except (OSError, AssertionError):
                pass
            time.sleep(0.1)
        else:
            pytest.fail(f"chromedriver did not start; see {tmp / 'chromedriver.log'}")
        driver.start(chromium, tmp / "profile")
        yield driver
    finally:
        if driver.session:
            try:
                driver.call("DELETE", f"/session/{driver.session}")
            except (OSError, AssertionError):
                pass
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


VISIBLE = """return Array.prototype.filter.call(document.querySelectorAll('article.finding'),
  function (el) { return el.offsetParent !== null; })
  .map(function (el) { return el.dataset.rule + ':' + el.dataset.severity; });"""


def test_report_in_chromium(browser, tmp_path):
    report = build_report(tmp_path)
    page = tmp_path / "report.html"
    page.write_text(render_html(report, base=str(tmp_path)), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)

    browser.s("POST", "/url", {"url": page.as_uri()})
    assert browser.js("return document.readyState") == "complete"
    assert browser.js("return document.title") == "budgetlint 检查报告"

    # Loaded without console errors, and the script ran (it fills the counter).
    errors = [e for e in browser.console() if e.get("level") == "SEVERE"]
    assert errors == [], errors
    assert browser.js("return document.getElementById('shown-count').textContent") == "显示 5 / 5 条问题"

    # The markup injected in the disclosure text did not run and made no elements.
    assert browser.js("return typeof window.__pwned") == "undefined"
    assert browser.js("return document.querySelectorAll('img, i').length") == 0
    # Chinese text arrives as text.
    assert "208 社会保障和就业支出 5641.27 824.53 4816.75" in browser.js("return document.body.innerText")

    everything = sorted(browser.js(VISIBLE))
    assert everything == sorted(["BL102:info", "BL102:info", "BL201:warning", "BL102:error", "BL110:error"])
    browser.screenshot(ARTIFACTS / "html-report.png")

    # Severity: untick info.
    browser.click("input[name=severity][value=info]")
    assert sorted(browser.js(VISIBLE)) == ["BL102:error", "BL110:error", "BL201:warning"]
    assert browser.js("return document.getElementById('shown-count').textContent") == "显示 3 / 5 条问题"

    # Rule: only BL102 (with info still unticked: the error only).
    browser.click("#filter-rule option[value=BL102]")
    assert browser.js(VISIBLE) == ["BL102:error"]
    # Documents without a shown finding are hidden while a filter narrows.
    shown_docs = browser.js(
        "return Array.prototype.filter.call(document.querySelectorAll('section.doc'),"
        " function (el) { return el.offsetParent !== null; }).length"
    )
    assert shown_docs == 1

    # Reset, then pick a document: the changji-city copy has three findings.
    browser.click("#filter-reset")
    assert len(browser.js(VISIBLE)) == 5
    doc_id = browser.js(
        "return Array.prototype.find.call(document.querySelectorAll('#filter-doc option'),"
        " function (o) { return o.textContent.indexOf('changji-city-planted.txt') === 0; }).value"
    )
    browser.click(f"#filter-doc option[value={doc_id}]")
    assert sorted(browser.js(VISIBLE)) == ["BL102:info", "BL102:info", "BL201:warning"]
    browser.screenshot(ARTIFACTS / "html-report-filtered.png")

    # Following a rule link lands on its explanation, embedded in the page.
    browser.click("a.rule[href='#rule-BL201']")
    assert browser.js("return location.hash") == "#rule-BL201"
    assert "增长率 = 增减额 / 上年预算数." in browser.js("return document.getElementById('rule-BL201').innerText")

    # Print: the filter bar is not printed.
    browser.s("POST", "/goog/cdp/execute", {"cmd": "Emulation.setEmulatedMedia", "params": {"media": "print"}})
    assert browser.js("return getComputedStyle(document.getElementById('filters')).display") == "none"
    browser.s("POST", "/goog/cdp/execute", {"cmd": "Emulation.setEmulatedMedia", "params": {"media": ""}})

    assert [e for e in browser.console() if e.get("level") == "SEVERE"] == []
