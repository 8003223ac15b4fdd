"""Archive scale: N documents (default 1,000: copies of the corpus's four disclosures)
linted on a Dask LocalCluster of 2 worker processes and with ``--jobs 2``, in one run.

    python benchmarks/bench_scale.py                 # 1,000 documents
    python benchmarks/bench_scale.py -n 200 --workers 2

Prints, for each executor: documents per second, MB per second, and the client
process's resident memory (RSS) when 10 %, 50 % and 100 % of the documents are done,
and its peak; then the ratio dask / processes (target: within 20 %) and whether the
two JSON-lines reports are the same bytes (they must be). The client holds only the
documents in flight, so its memory should not grow with N. The cluster's start-up
(a few seconds) is timed apart: it is paid once per run, not per document.

The cluster is the one ``docs/scale.md`` describes, on this machine: ``dask scheduler``
and ``dask worker --nworkers W --nthreads 1`` as processes of their own, so that the
client's RSS is the client's (a LocalCluster runs its scheduler, and the scheduler's
task log, inside the client process). ``--local`` uses a LocalCluster instead, as
``--executor dask`` without ``--scheduler`` does.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DOCUMENTS = (
    "changji-city-hrss-2023.txt",
    "urumqi-gaoxin-hrss-2023.txt",
    "changji-prefecture-hrss-2020.txt",
    "changji-prefecture-hrss-center-2025.md",
)


def make_tree(corpus: Path, n: int, dest: Path) -> tuple[int, int]:
    """``n`` documents, the corpus's four in turn, 100 to a folder; (files, bytes)."""
    size = 0
    sources = [corpus / name for name in DOCUMENTS if (corpus / name).exists()]
    if not sources:
        sources = [ROOT / "examples" / "demo-county-hrss-2024.md"]
    for i in range(n):
        src = sources[i % len(sources)]
        sub = dest / f"batch{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, sub / f"{i:05d}-{src.name}")
        size += src.stat().st_size
    return n, size


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def first_difference(a: Path, b: Path) -> str:
    with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
        for i, (x, y) in enumerate(zip(fa, fb), 1):
            if x != y:
                return f"line {i}:\n  processes: {x[:300]}\n  dask:      {y[:300]}"
    return "one report is longer"


class Sampler:
    """The client's RSS at 10/50/100 % of the documents, and its peak (sampled every 50 ms)."""

    def __init__(self, total: int):
        self.total, self.done, self.at, self.peak = total, 0, {}, rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, rss_mb())

    def advance(self) -> None:
        self.done += 1
        for mark in (10, 50, 100):
            if mark not in self.at and self.done * 100 >= mark * self.total:
                self.at[mark] = rss_mb()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run(tree: Path, total: int, executor, jobs: int, report: Path):
    from budgetlint.core.results import RunInfo
    from budgetlint.linter.batch import run_batch
    from budgetlint.linter.plan import Options, Planner, lint_planned
    from budgetlint.linter.batch import collect_paths
    from budgetlint.reporters.json import JsonLinesReporter

    files = collect_paths([str(tree)])
    planner = Planner(Options(pack="core", no_config=True))
    for path in files:
        planner.add(path)
    # On disk, not in memory: the report is compared afterwards, never held.
    out = open(report, "w", encoding="utf-8")
    reporter = JsonLinesReporter(out)
    sampler = Sampler(total)

    class Counting:
        def begin(self, info): reporter.begin(info)
        def file(self, result): reporter.file(result); sampler.advance()
        def end(self): reporter.end()

    start = time.perf_counter()
    run_batch(files, lint_planned, planner.plan, Counting(), run=RunInfo(pack="core"), jobs=jobs,
              progress=False, executor=executor)
    seconds = time.perf_counter() - start
    sampler.stop()
    out.close()
    with open(report, "rb") as fh:
        return seconds, sampler, hashlib.sha256(fh.read()).hexdigest()


@contextlib.contextmanager
def external_cluster(workers: int, tmp: Path):
    """``dask scheduler`` and ``dask worker`` processes; yields the scheduler's address."""
    dask_cli = Path(sys.executable).with_name("dask")
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED="False")
    info = tmp / "scheduler.json"
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    procs = [subprocess.Popen([str(dask_cli), "scheduler", "--scheduler-file", str(info), "--port", "0",
                               "--dashboard-address", ":0"], **quiet)]
    try:
        deadline = time.monotonic() + 120
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        procs.append(subprocess.Popen([str(dask_cli), "worker", "--scheduler-file", str(info), "--nworkers",
                                       str(workers), "--nthreads", "1", "--no-dashboard"], **quiet))
        address = json.loads(info.read_text())["address"]
        from distributed import Client

        with Client(address) as client:
            client.wait_for_workers(workers, timeout=180)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in reversed(procs):
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="documents (default 1000)")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster workers and --jobs (default 2)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--local", action="store_true", help="a LocalCluster (scheduler in this process)")
    args = ap.parse_args()

    from budgetlint.linter.cluster import DaskExecutor

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        tree, reports = Path(tmp) / "archive", Path(tmp)
        total, size = make_tree(args.corpus, args.n, tree)
        print(f"{total} documents, {size / 1e6:.1f} MB, {args.workers} workers, {os.cpu_count()} CPUs")
        rows = {}
        seconds, sampler, digest_jobs = run(tree, total, None, args.workers, reports / "processes.jsonl")
        rows["processes"] = (seconds, sampler)
        started = time.perf_counter()
        with contextlib.ExitStack() as stack:
            address = None if args.local else stack.enter_context(external_cluster(args.workers, Path(tmp)))
            executor = stack.enter_context(DaskExecutor(scheduler=address, workers=args.workers, stream=sys.stderr))
            startup = time.perf_counter() - started
            seconds, sampler, digest_dask = run(tree, total, executor, args.workers, reports / "dask.jsonl")
            rows["dask"] = (seconds, sampler)
        for name, (seconds, s) in rows.items():
            marks = "  ".join(f"{m}%: {s.at.get(m, float('nan')):.0f}" for m in (10, 50, 100))
            print(f"{name:<10} {seconds:7.1f} s  {total / seconds:6.2f} docs/s  {size / 1e6 / seconds:5.2f} MB/s  "
                  f"client RSS MB {marks}  peak {s.peak:.0f}")
        ratio = rows["processes"][0] / rows["dask"][0]
        print(f"{'LocalCluster' if args.local else 'dask scheduler + workers'} start-up {startup:.1f} s (not in the figures above)")
        print(f"throughput dask / processes = {ratio:.2f} (target >= 0.80)")
        growth = rows["dask"][1].at[100] - rows["dask"][1].at[10]
        print(f"client RSS growth from 10% to 100% of the documents (dask): {growth:+.0f} MB")
        print(f"reports identical: {digest_jobs == digest_dask}")
        if digest_jobs != digest_dask:
            print(first_difference(reports / "processes.jsonl", reports / "dask.jsonl"))
            sys.exit(1)


if __name__ == "__main__":
    main()
