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
import xml.etree.ElementTree as ET
from typing import Optional

from budgetlint.core.finding import SEVERITY_RANK, Finding
from budgetlint.core.results import READ_ERROR_NAME, READ_ERROR_RULE
from budgetlint.linter.report import Report
from budgetlint.reporters.base import WholeReport
from budgetlint.reporters.common import STATUS_LABELS, full_message, relative_path

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _failure_text(f: Finding, path: str) -> str:
    lines = [f"{path}:{f.line}: {f.rule} [{f.severity}] {f.message}"]
    if f.expected is not None or f.actual is not None:
        lines.append(f"expected: {f.expected}  actual: {f.actual}")
    if f.computation:
        lines.append(f"computation: {f.computation}")
    if f.page is not None:
        lines.append(f"page: {f.page}")
    if f.previous:
        lines.append(f"previous: {f.previous}")
    lines.extend(f"related line {r.line}: {r.message}" for r in f.related)
    return "\n".join(lines)


FAIL_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}


def _case_name(f: Finding) -> str:
    status = f" [{STATUS_LABELS[f.status]}]" if f.status else ""
    return f"{f.rule} {f.name} line {f.line}{status}"


def junit_tree(report: Report, base: Optional[str] = None, fail_on: str = "error") -> ET.Element:
    root = ET.Element("testsuites", name="budgetlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    floor = FAIL_RANK[fail_on]
    for fr in sorted(report.files, key=lambda fr: fr.path):
        path = relative_path(fr.path, base)
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if fr.error:
            case = ET.SubElement(suite, "testcase", classname=_clean(path), name=f"{READ_ERROR_RULE} {READ_ERROR_NAME}")
            err = ET.SubElement(case, "error", message=_clean(fr.error), type=READ_ERROR_RULE)
            err.text = _clean(f"{path}: {fr.error}")
            counts["tests"] += 1
            counts["errors"] += 1
        else:
            failing = [f for f in sorted(fr.findings, key=Finding.sort_key) if SEVERITY_RANK[f.severity] >= floor]
            below = len(fr.findings) - len(failing)
            if below:
                props = ET.SubElement(suite, "properties")
                ET.SubElement(props, "property", name="findings-below-fail-level", value=str(below))
            for f in failing:
                case = ET.SubElement(suite, "testcase", classname=_clean(path), name=_clean(_case_name(f)))
                fail = ET.SubElement(case, "failure", message=_clean(full_message(f)), type=f"{f.rule} {f.severity}")
                fail.text = _clean(_failure_text(f, path))
            counts["tests"] += len(failing)
            counts["failures"] += len(failing)
            if not failing:
                ET.SubElement(suite, "testcase", classname=_clean(path), name=f"no findings at or above {fail_on}")
                counts["tests"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render_junit(report: Report, base: Optional[str] = None, fail_on: str = "error") -> str:
    root = junit_tree(report, base, fail_on)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


class JunitReporter(WholeReport):
    FORMAT = "junit"

    def render(self, report: Report) -> str:
        return render_junit(report, base=self.options.base, fail_on=self.options.fail_on)
