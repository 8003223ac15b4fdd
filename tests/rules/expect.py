"""The comparison both case runners make: findings against a case's ``expect``."""

from __future__ import annotations


def assert_expected(findings: list, expect: list | None) -> None:
    """The sorted (line, severity) pairs equal ``expect``'s exactly, and every
    ``contains`` text is in the message of a finding on its line."""
    got = sorted((f.line, f.severity) for f in findings)
    expected = sorted((e["line"], e["severity"]) for e in expect or [])
    detail = "\n".join(f"  {f.line} {f.severity} {f.message}" for f in findings)
    assert got == expected, f"findings:\n{detail}"
    for e in expect or []:
        if "contains" in e:
            assert any(f.line == e["line"] and e["contains"] in f.message for f in findings), (e, detail)
