"""A Dask cluster left without workers ends the run: the documents done are handed
on, the others are not linted (no record: ``--resume`` does them), exit status 3."""

from __future__ import annotations

import json
import os
import sys
import time

import pytest

distributed = pytest.importorskip("distributed")  # a declared [test] dependency; absent only off CI
import cloudpickle  # noqa: E402
import dask  # noqa: E402

from budgetlint.core.results import FileResult, RunInfo  # noqa: E402
from budgetlint.linter.batch import lint_paths_parallel, run_batch  # noqa: E402
from budgetlint.linter.cluster import ClusterLost, DaskExecutor  # noqa: E402
from budgetlint.linter.lint import lint_file_spec  # noqa: E402
from budgetlint.rules.loader import load_pack  # noqa: E402
from conftest import ROOT  # noqa: E402
from test_dask import budgetlint  # noqa: E402

DEMO = ROOT / "examples" / "demo-county-hrss-2024.md"
WAIT = 2.0  # seconds without a worker before the run gives up (the CLI's default is 60)

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the killing lint travels by value


def cluster(workers: int):
    config = {"distributed.scheduler.allowed-failures": 1, "distributed.worker.profile.enabled": False}
    with dask.config.set(config):
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)


def kill_on(path: str, spec, data=None):
    """The worker process dies on files named kill*."""
    if os.path.basename(path).startswith("kill"):
        os._exit(3)
    return lint_file_spec(path, spec, data)


def test_workers_killed_for_good_end_the_run_with_what_was_done(tmp_path):
    names = ["a.md", "kill.md", "m.md", "z.md"]
    for name in names:
        (tmp_path / name).write_bytes(DEMO.read_bytes())
    files = [str(tmp_path / n) for n in names]
    local = cluster(2)
    try:
        for nanny in list(local.workers.values()):
            nanny.close_gracefully()  # a worker that dies stays dead (no nanny restarts it)
        got: list[FileResult] = []

        class Sink:
            def begin(self, run): pass
            def file(self, result): got.append(result)
            def end(self): pass

        started = time.monotonic()
        with DaskExecutor(scheduler=local.scheduler_address, worker_wait=WAIT) as executor:
            with pytest.raises(ClusterLost) as lost:
                run_batch(files, kill_on, (load_pack("core"), None), Sink(), run=RunInfo(pack="core"),
                          executor=executor)
            # The client kept none of the messages it sent (each held a document's
            # bytes: 1,000 of them were kept, and the client's memory grew with them).
            assert executor._client.scheduler_comm.recent_message_log.maxlen == 0
        assert time.monotonic() - started < 120  # it ends (it used to wait forever)
    finally:
        local.close()
    # What was handed on is the first files, each linted as a serial run lints it;
    # kill.md killed both workers, so it and everything after it is undone.
    assert [r.path for r in got] == files[:1]
    serial = lint_paths_parallel(files[:1], lint_file_spec, (load_pack("core"), None), jobs=1).files
    assert [r.findings for r in got] == [r.findings for r in serial] and got[0].findings
    assert lost.value.undone == 3
    assert str(lost.value).startswith(f"no Dask worker for {WAIT:g} s: 3 document(s) not linted")


def test_the_cli_stops_with_exit_3_and_a_resume_lints_the_rest(tmp_path):
    empty = cluster(0)  # a cluster whose workers are all gone
    out = tmp_path / "report.jsonl"
    try:
        run = budgetlint("check", "--format", "jsonl", "--output", out, "--resume", "--executor", "dask",
                         "--scheduler", empty.scheduler_address, "--worker-wait", WAIT, DEMO, cwd=tmp_path)
    finally:
        empty.close()
    err = run.stderr.decode()
    assert run.returncode == 3, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("error: no Dask worker for 2 s: 1 document(s) not linted")
    assert not out.exists() or out.read_text(encoding="utf-8") == ""  # no record for what was not linted
    again = budgetlint("check", "--format", "jsonl", "--output", out, "--resume", "--jobs", "1", DEMO, cwd=tmp_path)
    assert again.returncode == 1, again.stderr.decode()  # the example's planted errors
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in records] == [str(DEMO)] and records[0]["findings"]
