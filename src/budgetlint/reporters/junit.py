"""JUnit XML, for CI systems that show test results (Jenkins, GitLab, Azure).

One testsuite per file; one testcase per finding at or above the fail level
(``--fail-on``, default error), each with its <failure>, so a CI lists every
inconsistency as a failed test of its own; a file with none is one passing testcase.
Findings below the fail level are not failures: the suite counts them in a property.
A file that could not be read is one testcase with an <error>. Characters XML 1.0 cannot carry (form feeds and other
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
from budgetlint.core.finding import SEVERITY_RANK, Finding
from budgetlint.core.results import READ_ERROR_NAME, READ_ERROR_RULE, FileResult, RunInfo
from budgetlint.linter.report import Report
from budgetlint.reporters.base import Reporter, ReportOptions, render_report
from budgetlint.core.i18n import DEFAULT_LANG, say
from budgetlint.reporters.common import figure_labels, full_message, relative_path, status_label

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    # Newlines stay (a failure's text has several lines); other controls XML can
    # carry (DEL, C1, bidi) are escaped as text, those it cannot are dropped.
    return "\n".join(printable(line) for line in _NOT_XML.sub("", text).split("\n"))


def _failure_text(f: Finding, path: str, lang: str = DEFAULT_LANG) -> str:
    lines = [f"{path}:{f.line}: {f.rule} [{f.severity}] {f.message}"]
    if f.expected is not None or f.actual is not None:
        printed, computed = figure_labels(f, lang)
        lines.append(f"{printed}{say('report.junit.colon', lang)}{f.actual}  {computed}{say('report.junit.colon', lang)}{f.expected}")
    if f.computation:
        lines.append(say("report.junit.computation", lang, computation=f.computation))
    if f.page is not None:
        lines.append(say("report.junit.page", lang, page=f.page))
    lines.extend(say("report.junit.related", lang, line=r.line, message=r.message) for r in f.related)
    return "\n".join(lines)


FAIL_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}


def _case_name(f: Finding, lang: str = DEFAULT_LANG) -> str:
    status = f" [{status_label(f.status, lang)}]" if f.status else ""
    return say("report.junit.case", lang, rule=f.rule, name=f.name, line=f.line, status=status)


def _suite(result: FileResult, base: Optional[str], fail_on: str, lang: str = DEFAULT_LANG) -> tuple[ET.Element, dict[str, int]]:
    path = relative_path(result.path, base)
    suite = ET.Element("testsuite", name=_clean(path))
    counts = {"tests": 0, "failures": 0, "errors": 0}
    props = None
    if result.pack:
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="pack", value=_clean(result.pack))
        ET.SubElement(props, "property", name="pack-reason", value=_clean(result.pack_reason))
    if result.error:
        case = ET.SubElement(suite, "testcase", classname=_clean(path), name=f"{READ_ERROR_RULE} {READ_ERROR_NAME}")
        err = ET.SubElement(case, "error", message=_clean(result.error), type=READ_ERROR_RULE)
        err.text = _clean(f"{path}: {result.error}")
        counts["tests"] += 1
        counts["errors"] += 1
    else:
        floor = FAIL_RANK[fail_on]
        failing = [f for f in sorted(result.findings, key=Finding.sort_key) if SEVERITY_RANK[f.severity] >= floor]
        below = len(result.findings) - len(failing)
        if below:
            props = props if props is not None else ET.SubElement(suite, "properties")
            ET.SubElement(props, "property", name="findings-below-fail-level", value=str(below))
        for f in failing:
            case = ET.SubElement(suite, "testcase", classname=_clean(path), name=_clean(_case_name(f, lang)))
            fail = ET.SubElement(case, "failure", message=_clean(full_message(f)), type=f"{f.rule} {f.severity}")
            fail.text = _clean(_failure_text(f, path, lang))
        counts["tests"] += len(failing)
        counts["failures"] += len(failing)
        if not failing:
            ET.SubElement(suite, "testcase", classname=_clean(path), name=say("report.junit.clean", lang, level=say(f"report.level.{fail_on}", lang)))
            counts["tests"] += 1
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
        self.totals = {"tests": 0, "failures": 0, "errors": 0}
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")

    def file(self, result: FileResult) -> None:
        suite, counts = _suite(result, self.options.base, self.options.fail_on, self.options.lang)
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


def render_junit(report: Report, base: Optional[str] = None, fail_on: str = "error") -> str:
    return render_report(JunitReporter, report, ReportOptions(base=base, fail_on=fail_on))
