"""``check --bundle`` at archive scale: a multi-file disclosure is one task (on the
process pool and on a Dask cluster) and its records are keyed by all its files, so
``--resume`` neither repeats nor loses any of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetlint.core.i18n import say
from conftest import ROOT
from test_dask_scale import budgetlint, lines

DEMO = ROOT / "examples" / "demo-county-hrss-2024.md"


def disclosures(tmp_path: Path) -> Path:
    """unit/d.md with its tables in unit/d-tables.md (the example cut in two), and a
    disclosure of one file, unit/other.md."""
    root = tmp_path / "archive" / "unit"
    root.mkdir(parents=True)
    text = DEMO.read_text(encoding="utf-8").splitlines(keepends=True)
    half = len(text) // 2
    (root / "d.md").write_text("".join(text[:half]), encoding="utf-8")
    (root / "d-tables.md").write_text("".join(text[half:]), encoding="utf-8")
    (root / "other.md").write_text("".join(text), encoding="utf-8")
    return root.parent


def check(tmp_path: Path, root: Path, out: Path, *extra):
    run = budgetlint("check", "--bundle", "--format", "jsonl", "-o", out, "--resume", *extra, root, cwd=tmp_path)
    assert run.returncode == 1, run.stderr  # the example's planted errors
    assert "Traceback" not in run.stderr
    return lines(out)


def names(records: list[str]) -> list[str]:
    return [Path(json.loads(line)["path"]).name for line in records]


def test_a_bundle_resumes_as_one_disclosure(tmp_path):
    root = disclosures(tmp_path)
    out = tmp_path / "report.jsonl"
    first = check(tmp_path, root, out, "--jobs", "2")
    assert names(first) == ["d.md", "d-tables.md", "other.md"]
    keys = [(json.loads(r)["sha256"], json.loads(r)["pack_sha256"]) for r in first]
    assert keys[0] == keys[1] and all(k[0] and k[1] for k in keys)  # the bundle's records share its key
    assert check(tmp_path, root, out, "--jobs", "2") == first  # a rerun adds nothing
    # killed between the two records of the bundle: the rerun adds only the missing one
    out.write_text(first[0] + first[2], encoding="utf-8")
    again = check(tmp_path, root, out, "--jobs", "2")
    assert again[:2] == [first[0], first[2]] and again[2:] == [first[1]]
    # a changed tables file is a new disclosure: both its files are linted again, nothing else
    tables = root / "unit" / "d-tables.md"
    tables.write_text(tables.read_text(encoding="utf-8") + "\n附注\n", encoding="utf-8")
    changed = check(tmp_path, root, out, "--jobs", "1")
    assert changed[:3] == again and names(changed[3:]) == ["d.md", "d-tables.md"]


def test_a_bundle_is_one_task_on_a_dask_cluster_with_the_same_records(tmp_path):
    pytest.importorskip("distributed")  # a declared [test] dependency; absent only off CI
    from test_dask import local_cluster

    root = disclosures(tmp_path)
    jobs = check(tmp_path, root, tmp_path / "jobs.jsonl", "--jobs", "2")
    cluster = local_cluster()
    try:
        where = ("--executor", "dask", "--scheduler", cluster.scheduler_address)
        dask_out = tmp_path / "dask.jsonl"
        assert check(tmp_path, root, dask_out, *where) == jobs  # the same bytes as --jobs 2
        assert check(tmp_path, root, dask_out, *where) == jobs  # and resumed: nothing repeated
    finally:
        cluster.close()
    by_name = {Path(json.loads(r)["path"]).name: json.loads(r) for r in jobs}
    assert say("pack.bundle", "zh", names="d.md、d-tables.md") in by_name["d-tables.md"]["pack_reason"]
