"""``--executor dask`` on a real ``distributed.LocalCluster`` (2 worker processes):
the same bytes as ``--jobs 2``, a worker's crash retried or named, bad input one
error entry, inputs the workers cannot see (memory://) shipped as bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")  # a declared [test] dependency; absent only off CI
import cloudpickle  # noqa: E402
import dask  # noqa: E402

from click.testing import CliRunner  # noqa: E402

from budgetlint.cli import main  # noqa: E402
from budgetlint.core.results import FileResult, RunInfo  # noqa: E402
from budgetlint.linter.batch import lint_paths_parallel, run_batch  # noqa: E402
from budgetlint.linter.cluster import DIED, DaskExecutor  # noqa: E402
from budgetlint.linter.lint import lint_file_spec  # noqa: E402
from budgetlint.rules.loader import load_pack  # noqa: E402
from conftest import CORPUS, CORPUS_FILES, ROOT  # noqa: E402

DEMO = ROOT / "examples" / "demo-county-hrss-2024.md"
# A small PDF of the corpus (0.3 s to lint): the bytes reach the PDF reader through a file.
CORPUS_PDF = CORPUS / "other-provinces" / "jiangsu-cppcc-office-2018-budget-tables.pdf"
TIMEOUT = 240  # a guard against a hung cluster, not a measure of speed

# The crashing lint functions below live in this module, which the workers cannot
# import: they travel by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def local_cluster():
    # allowed-failures 1: a document that kills two workers is given up (the default,
    # 3, only makes the crash test slower); the profiler off as the CLI's own cluster has it.
    config = {"distributed.scheduler.allowed-failures": 1, "distributed.worker.profile.enabled": False}
    with dask.config.set(config):
        return distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)


@pytest.fixture(scope="module")
def scheduler():
    cluster = local_cluster()
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def crashing_scheduler():
    """A cluster of its own for a test whose workers die: their restarts (slow on a
    loaded machine) never hold up another test."""
    cluster = local_cluster()
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def inputs(tmp_path: Path) -> list[str]:
    """The corpus's four disclosures (or, without ../shared, the example), a corpus
    PDF, and inputs that cannot be linted: binary, empty, missing."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (bad / "empty.md").write_bytes(b"")
    files = [str(CORPUS / name) for name in CORPUS_FILES.values() if (CORPUS / name).exists()] or [str(DEMO)]
    if CORPUS_PDF.exists():
        files.append(str(CORPUS_PDF))
    return files + [str(bad), str(tmp_path / "missing.md")]


def budgetlint(*args, cwd) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="3s")
    return subprocess.run([sys.executable, "-m", "budgetlint", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, timeout=TIMEOUT)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "text"])
def test_the_report_is_byte_identical_to_jobs_2(scheduler, tmp_path, fmt):
    files = inputs(tmp_path)
    jobs = budgetlint("check", "--format", fmt, "--jobs", "2", *files, cwd=ROOT)
    dask_run = budgetlint("check", "--format", fmt, "--executor", "dask", "--scheduler", scheduler, *files, cwd=ROOT)
    assert jobs.returncode == 2, jobs.stderr.decode()  # the unreadable inputs
    assert dask_run.returncode == jobs.returncode, dask_run.stderr.decode()
    assert dask_run.stdout == jobs.stdout
    assert dask_run.stderr == jobs.stderr  # the same one line per unreadable input
    assert b"Traceback" not in dask_run.stderr
    if fmt == "jsonl":
        records = [json.loads(line) for line in dask_run.stdout.splitlines()]
        by_path = {Path(r["path"]).name: r for r in records}
        # One record per input, the bad ones an error each, the others linted.
        assert len(records) == len(files) + 1  # the folder bad/ named once holds two inputs
        assert by_path["binary.txt"]["error"] and by_path["empty.md"]["error"] and by_path["missing.md"]["error"]
        linted = [r for r in records if not r["error"]]
        assert linted and all(r["sha256"] and r["pack_sha256"] for r in linted)


def test_without_a_scheduler_a_local_cluster_is_started_and_said(tmp_path):
    out = budgetlint("check", "--format", "jsonl", "--executor", "dask", "--jobs", "2", DEMO, cwd=tmp_path)
    assert out.returncode == 1, out.stderr.decode()  # the example's planted errors
    assert "LocalCluster（2 个工作进程）" in out.stderr.decode()
    assert json.loads(out.stdout)["findings"]


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    out = budgetlint("check", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9", DEMO, cwd=tmp_path)
    assert out.returncode == 2
    err = out.stderr.decode()
    assert "Traceback" not in err and err.count("\n") == 1 and "tcp://127.0.0.1:9" in err


# -- crashes ---------------------------------------------------------------------------

def crash_on(path: str, spec, data=None):
    """A worker dies (no exception: the process ends) on files named crash*."""
    if os.path.basename(path).startswith("crash"):
        os._exit(3)
    return lint_file_spec(path, spec, data)


def crash_once(path: str, spec, data=None):
    """Kills the first worker that takes a file named flaky*: the scheduler must run
    it again on another (a marker beside the file says it was tried)."""
    marker = path + ".tried"
    if os.path.basename(path).startswith("flaky") and not os.path.exists(marker):
        Path(marker).touch()
        os._exit(3)
    return lint_file_spec(path, spec, data)


def three_files(tmp_path: Path, odd: str) -> list[str]:
    names = ["a.md", f"{odd}.md", "z.md"]
    for name in names:
        (tmp_path / name).write_bytes(DEMO.read_bytes())
    return [str(tmp_path / n) for n in names]


def cluster_run(scheduler, files, lint) -> list[FileResult]:
    got: list[FileResult] = []

    class Sink:
        def begin(self, run): pass
        def file(self, result): got.append(result)
        def end(self): pass

    with DaskExecutor(scheduler=scheduler) as executor:
        run_batch(files, lint, (load_pack("core"), None), Sink(), run=RunInfo(pack="core"), executor=executor)
    return got


def serial(files) -> list[FileResult]:
    return lint_paths_parallel(files, lint_file_spec, (load_pack("core"), None), jobs=1).files


def test_a_document_that_kills_its_workers_is_one_error_and_the_run_goes_on(crashing_scheduler, tmp_path):
    files = three_files(tmp_path, "crash")
    got = cluster_run(crashing_scheduler, files, crash_on)
    assert [r.path for r in got] == files
    assert got[1].error == DIED and not got[1].findings
    expected = serial([files[0], files[2]])
    assert [r.error for r in got] == [None, DIED, None]
    assert [r.findings for r in (got[0], got[2])] == [r.findings for r in expected]
    assert expected[0].findings  # the example has findings: the comparison says something


def test_a_lost_worker_has_its_document_rerun_not_lost(crashing_scheduler, tmp_path):
    files = three_files(tmp_path, "flaky")
    got = cluster_run(crashing_scheduler, files, crash_once)
    assert os.path.exists(files[1] + ".tried")  # a worker did die on it
    assert [r.path for r in got] == files and not any(r.error for r in got)
    assert [r.findings for r in got] == [r.findings for r in serial(files)]


# -- inputs the workers cannot see -----------------------------------------------------

def test_memory_urls_are_read_by_the_client_and_linted_on_the_cluster(scheduler, tmp_path):
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/dask-bucket/2024/demo.md", DEMO.read_bytes())
    fs.pipe("/dask-bucket/2024/README.md", b"# not a disclosure")
    try:
        out = CliRunner().invoke(main, ["check", "--format", "jsonl", "--executor", "dask", "--scheduler", scheduler,
                                        "memory://dask-bucket/"])
    finally:
        fs.rm("/dask-bucket", recursive=True)
    records = [json.loads(line) for line in out.output.splitlines() if line.startswith("{")]
    assert [r["path"] for r in records] == ["memory://dask-bucket/2024/demo.md"]  # README.md is not walked
    local = lint_paths_parallel([str(DEMO)], lint_file_spec, (load_pack("core"), None), jobs=1).files[0]
    assert [(f["line"], f["rule"], f["message"]) for f in records[0]["findings"]] == \
        [(f.line, f.rule, f.message) for f in local.findings]
