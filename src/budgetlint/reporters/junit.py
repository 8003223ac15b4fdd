"""JUnit XML, for CI systems that show test results (Jenkins, GitLab, Azure).

One testsuite per file, one testcase per rule of the pack (a rule that found nothing
is a passing test), one <failure> per finding. A file that could not be read is one
testcase with an <error>. Characters XML 1.0 cannot carry (form feeds and other
control characters from PDF extraction) are dropped rather than making the file
unreadable for the CI.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Optional

from budgetlint.core.finding import Finding
from budgetlint.core.results import READ_ERROR_NAME, READ_ERROR_RULE
from budgetlint.linter.report import Report
from budgetlint.reporters.base import WholeReport
from budgetlint.reporters.common import full_message, relative_path, rules_in

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
    lines.extend(f"related line {r.line}: {r.message}" for r in f.related)
    return "\n".join(lines)


def junit_tree(report: Report, base: Optional[str] = None) -> ET.Element:
    rules = rules_in(report)
    root = ET.Element("testsuites", name="budgetlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
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
            by_rule: dict[str, list[Finding]] = {}
            for f in fr.findings:
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
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render_junit(report: Report, base: Optional[str] = None) -> str:
    root = junit_tree(report, base)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


class JunitReporter(WholeReport):
    FORMAT = "junit"

    def render(self, report: Report) -> str:
        return render_junit(report, base=self.options.base)
