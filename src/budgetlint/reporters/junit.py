"""JUnit XML, for CI systems that show test results (Jenkins, GitLab, Azure).

One testsuite per file, one testcase per rule of the pack (a rule that found nothing
is a passing test), one <failure> per finding. A file that could not be read is one
testcase with an <error>. Characters XML 1.0 cannot carry (form feeds and other
control characters from PDF extraction) are dropped rather than making the file
unreadable for the CI.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from typing import Optional
from xml.sax.saxutils import quoteattr

from budgetlint.core.escape import printable
from budgetlint.core.finding import Finding
from budgetlint.core.results import READ_ERROR_NAME, READ_ERROR_RULE, FileResult, RunInfo
from budgetlint.linter.report import Report
from budgetlint.reporters.base import Reporter, ReportOptions, render_report
from budgetlint.reporters.common import RuleTable, full_message, relative_path

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    # Newlines stay (a failure's text has several lines); other controls XML can
    # carry (DEL, C1, bidi) are escaped as text, those it cannot are dropped.
    return "\n".join(printable(line) for line in _NOT_XML.sub("", text).split("\n"))


def _failure_text(f: Finding, path: str) -> str:
    lines = [f"{path}:{f.line}: {f.rule} [{f.severity}] {f.message}"]
    if f.expected is not None or f.actual is not None:
        lines.append(f"expected: {f.expected}  actual: {f.actual}")
    if f.computation:
        lines.append(f"computation: {f.computation}")
    if f.page is not None:
        lines.append(f"page: {f.page}")
    lines.extend(f"related line {r.line}: {r.message}" for r in f.related)
    return "\n".join(lines)


def _suite(result: FileResult, rules: list, base: Optional[str]) -> tuple[ET.Element, dict[str, int]]:
    path = relative_path(result.path, base)
    suite = ET.Element("testsuite", name=_clean(path))
    counts = {"tests": 0, "failures": 0, "errors": 0}
    if result.error:
        case = ET.SubElement(suite, "testcase", classname=_clean(path), name=f"{READ_ERROR_RULE} {READ_ERROR_NAME}")
        err = ET.SubElement(case, "error", message=_clean(result.error), type=READ_ERROR_RULE)
        err.text = _clean(f"{path}: {result.error}")
        counts["tests"] += 1
        counts["errors"] += 1
    else:
        by_rule: dict[str, list[Finding]] = {}
        for f in result.findings:
            by_rule.setdefault(f.rule, []).append(f)
        for rule in rules:
            case = ET.SubElement(suite, "testcase", classname=_clean(path), name=_clean(f"{rule.id} {rule.name}"))
            counts["tests"] += 1
            found = sorted(by_rule.get(rule.id, []), key=Finding.sort_key)
            if found:
                counts["failures"] += 1
            for f in found:
                fail = ET.SubElement(case, "failure", message=_clean(full_message(f)), type=f"{f.rule} {f.severity}")
                fail.text = _clean(_failure_text(f, path))
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite, counts


class JunitReporter(Reporter):
    """Each file's <testsuite> goes to a temporary spool file as it is done; the
    root element, whose attributes total every suite, is written at the end,
    followed by the spool. Memory holds the totals only."""

    FORMAT = "junit"

    def begin(self, run: RunInfo) -> None:
        super().begin(run)
        self.rules = RuleTable(run.rules)
        self.totals = {"tests": 0, "failures": 0, "errors": 0}
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            self.rules.add(f)
        suite, counts = _suite(result, self.rules.rules, self.options.base)
        for key, value in counts.items():
            self.totals[key] += value
        ET.indent(suite, space="  ", level=1)
        self.spool.write("  " + ET.tostring(suite, encoding="unicode").rstrip() + "\n")

    def end(self) -> None:
        attrs = "".join(f" {k}={quoteattr(str(v))}" for k, v in self.totals.items())
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.spool.seek(0)
        if self.spool.read(1):
            self.out.write(f'<testsuites name="budgetlint"{attrs}>\n')
            self.spool.seek(0)
            shutil.copyfileobj(self.spool, self.out)
            self.out.write("</testsuites>\n")
        else:
            self.out.write(f'<testsuites name="budgetlint"{attrs} />\n')
        self.spool.close()


def render_junit(report: Report, base: Optional[str] = None) -> str:
    return render_report(JunitReporter, report, ReportOptions(base=base))
