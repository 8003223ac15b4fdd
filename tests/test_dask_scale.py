"""The archive-scale parts that need no cluster: a JSON-lines report that a rerun
resumes (``--resume``), ``--shard i/n``, and inputs named by URL (fsspec's memory
and local filesystems)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import main
from budgetlint.linter.batch import shard, shard_of
from conftest import ROOT

DEMO = ROOT / "examples" / "demo-county-hrss-2024.md"
TIMEOUT = 120  # a guard against hangs, not a measure of speed


def budgetlint(*args, cwd, **kw):
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "budgetlint", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT, **kw)


def archive(tmp_path: Path, n: int) -> Path:
    """``n`` disclosures (the example, each with its own last line, so that no two
    have the same bytes), two to a folder."""
    root = tmp_path / "archive"
    text = DEMO.read_text(encoding="utf-8")
    for i in range(n):
        folder = root / f"unit{i // 2:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc{i:02d}.md").write_text(text + f"\n第{i}号\n", encoding="utf-8")
    return root


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def complete_run(tmp_path: Path, root: Path) -> list[str]:
    clean = tmp_path / "clean.jsonl"
    out = budgetlint("check", "--format", "jsonl", "-o", clean, root, cwd=tmp_path)
    assert out.returncode == 1, out.stderr  # the example's planted errors
    return lines(clean)


# -- --resume --------------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_run_killed_halfway_and_rerun_loses_and_repeats_nothing(tmp_path, jobs):
    n = 16
    root = archive(tmp_path, n)
    report = tmp_path / "report.jsonl"
    command = [sys.executable, "-m", "budgetlint", "check", "--format", "jsonl", "-o", str(report), "--resume",
               "--jobs", jobs, str(root)]
    proc = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and proc.poll() is None:
        if report.exists() and report.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(TIMEOUT)
    before = report.read_bytes().count(b"\n")
    assert 3 <= before < n, before  # killed halfway: some records, not all

    rerun = budgetlint(*command[3:], cwd=tmp_path)
    assert rerun.returncode == 1, rerun.stderr
    assert f"已有 {before} 条记录" in rerun.stderr and "Traceback" not in rerun.stderr
    got = lines(report)
    paths = [json.loads(line)["path"] for line in got]
    assert len(paths) == n and len(set(paths)) == n  # none lost, none twice
    assert sorted(got) == sorted(complete_run(tmp_path, root))  # and each the record a whole run writes


def test_a_torn_last_line_is_cut_and_its_document_redone(tmp_path):
    root = archive(tmp_path, 4)
    whole = complete_run(tmp_path, root)
    report = tmp_path / "report.jsonl"
    report.write_text("".join(whole[:2]) + whole[2][: len(whole[2]) // 2], encoding="utf-8")
    out = budgetlint("check", "--format", "jsonl", "-o", report, "--resume", root, cwd=tmp_path)
    assert out.returncode == 1 and "已有 2 条记录" in out.stderr, out.stderr
    assert sorted(lines(report)) == sorted(whole)


def test_a_rerun_of_a_finished_report_adds_nothing_and_a_changed_file_its_new_record(tmp_path):
    root = archive(tmp_path, 4)
    report = tmp_path / "report.jsonl"
    args = ("check", "--format", "jsonl", "-o", report, "--resume", root)
    budgetlint(*args, cwd=tmp_path)
    first = lines(report)
    again = budgetlint(*args, cwd=tmp_path)
    assert again.returncode == 1, again.stderr  # the findings already in the report still count
    assert lines(report) == first
    changed = root / "unit00" / "doc00.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n修订稿\n", encoding="utf-8")
    budgetlint(*args, cwd=tmp_path)
    now = lines(report)
    assert now[: len(first)] == first and len(now) == len(first) + 1
    new = json.loads(now[-1])
    old = next(json.loads(line) for line in first if json.loads(line)["path"] == new["path"])
    assert new["path"].endswith("doc00.md") and new["sha256"] != old["sha256"]
    assert new["pack_sha256"] == old["pack_sha256"]


def test_other_settings_are_other_records(tmp_path):
    root = archive(tmp_path, 2)
    report = tmp_path / "report.jsonl"
    budgetlint("check", "--format", "jsonl", "-o", report, "--resume", root, cwd=tmp_path)
    budgetlint("check", "--format", "jsonl", "-o", report, "--resume", "--select", "BL101", root, cwd=tmp_path)
    records = [json.loads(line) for line in lines(report)]
    assert len(records) == 4 and len({r["pack_sha256"] for r in records}) == 2
    assert {f["rule"] for f in records[-1]["findings"]} == {"BL101"}


def test_resume_refuses_what_it_cannot_resume(tmp_path):
    DEMO_COPY = tmp_path / "d.md"
    DEMO_COPY.write_bytes(DEMO.read_bytes())
    not_ours = tmp_path / "notes.jsonl"
    not_ours.write_text("hello\nworld\n", encoding="utf-8")
    out = budgetlint("check", "--format", "jsonl", "-o", not_ours, "--resume", DEMO_COPY, cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert not_ours.read_text(encoding="utf-8") == "hello\nworld\n"
    for args in (["--format", "json", "-o", "r.json"], ["--format", "jsonl"]):
        refused = budgetlint("check", *args, "--resume", DEMO_COPY, cwd=tmp_path)
        assert refused.returncode == 2 and "--resume" in refused.stderr


# -- --shard ---------------------------------------------------------------------------

def test_the_shards_together_are_the_whole_run_once(tmp_path):
    root = archive(tmp_path, 12)
    whole = complete_run(tmp_path, root)
    parts = []
    for i in (1, 2, 3):
        out = budgetlint("check", "--format", "jsonl", "--shard", f"{i}/3", root, cwd=tmp_path)
        parts.append(out.stdout.splitlines(keepends=True))
    assert sorted(line for part in parts for line in part) == sorted(whole)
    assert sum(1 for part in parts if part) >= 2  # a real split, not everything in one shard


def test_a_files_shard_depends_on_its_path_alone():
    files = [f"archive/unit{i:03d}/budget.md" for i in range(200)]
    grown = sorted(files + [f"archive/new{i:03d}.md" for i in range(50)])
    for i in (1, 2, 3, 4):
        assert set(shard(files, i, 4)) == set(shard(grown, i, 4)) & set(files)
    sizes = [len(shard(files, i, 4)) for i in (1, 2, 3, 4)]
    assert sum(sizes) == 200 and min(sizes) >= 30  # balanced enough: 50 expected each
    assert shard_of("archive/unit000/budget.md", 4) == shard_of("archive/unit000/budget.md", 4)


@pytest.mark.parametrize("spec", ["0/3", "4/3", "1/0", "a/b", "2"])
def test_a_bad_shard_is_a_usage_error(tmp_path, spec):
    out = CliRunner().invoke(main, ["check", "--shard", spec, str(DEMO)])
    assert out.exit_code == 2 and "--shard" in out.output


# -- URLs (fsspec) ---------------------------------------------------------------------

@pytest.fixture
def bucket():
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/bucket/2024/demo.md", DEMO.read_bytes())
    fs.pipe("/bucket/2024/notes.csv", b"a,b\n")
    fs.pipe("/bucket/empty/README.md", b"# nothing to lint here")
    yield fs
    fs.rm("/bucket", recursive=True)


def findings_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_memory_urls_lint_as_the_file_would(bucket, jobs):
    # --jobs 2: the workers cannot see this process's memory filesystem; the bytes go to them.
    out = CliRunner().invoke(main, ["check", "--format", "jsonl", "--jobs", jobs, "memory://bucket/2024"])
    local = CliRunner().invoke(main, ["check", "--format", "jsonl", str(DEMO)])
    assert out.exit_code == local.exit_code == 1, out.output
    (url,), (file,) = findings_of(out.output), findings_of(local.output)
    assert url["path"] == "memory://bucket/2024/demo.md"  # notes.csv is not a disclosure
    assert url["sha256"] == file["sha256"]
    assert [(f["line"], f["rule"], f["message"]) for f in url["findings"]] == \
        [(f["line"], f["rule"], f["message"]) for f in file["findings"]]


def test_urls_that_cannot_be_linted_are_one_line_each(bucket):
    out = CliRunner().invoke(
        main, ["check", "memory://bucket/missing.md", "memory://bucket/empty", "memory://bucket/2024/demo.md"])
    assert out.exit_code == 2, out.stderr
    assert "memory://bucket/missing.md: error: 文件不存在" in out.stderr
    assert "memory://bucket/empty: error: 目录中没有可检查的文件" in out.stderr
    assert "Traceback" not in out.stderr and "demo.md:74: BL101" in out.stdout


def test_a_file_url_is_read_through_fsspec(tmp_path):
    pytest.importorskip("fsspec")
    copy = tmp_path / "demo.md"
    copy.write_bytes(DEMO.read_bytes())
    out = CliRunner().invoke(main, ["check", "--format", "jsonl", copy.as_uri()])
    (record,) = findings_of(out.output)
    assert record["path"] == copy.as_uri() and record["error"] is None and record["findings"]
