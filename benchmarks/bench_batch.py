"""Time a batch run: the corpus repeated N times (default 200), linted with --jobs 1
and --jobs 2, and check that every job count gives the same report.

    python benchmarks/bench_batch.py                 # linter API, in this process
    python benchmarks/bench_batch.py --cli           # the real `budgetlint check` command
    python benchmarks/bench_batch.py --repeat 20 --jobs 1,2,4

The corpus is read from ../shared/corpus beside the checkout (or --corpus). Only the
four disclosures are copied (the README beside them is not one). Copies go to a
temporary directory, removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
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


def make_tree(corpus: Path, repeat: int, dest: Path) -> int:
    """``repeat`` copies of each document, 50 files to a directory as a real archive
    would have them."""
    n = 0
    for i in range(repeat):
        sub = dest / f"batch{i // 50:03d}" / f"copy{i:04d}"
        sub.mkdir(parents=True)
        for name in DOCUMENTS:
            shutil.copyfile(corpus / name, sub / name)
            n += 1
    return n


_PACKS: dict = {}


def run_api(tree: Path, jobs: int, pack_ref: str):
    from budgetlint.linter.batch import lint_paths_parallel
    from budgetlint.linter.lint import lint_file_spec
    from budgetlint.rules.loader import load_pack

    # Loaded once for all job counts: the runs must compare the same rules, even if
    # the pack file is edited while the benchmark runs.
    pack = _PACKS.setdefault(pack_ref, load_pack(pack_ref))
    start = time.perf_counter()
    report = lint_paths_parallel(
        [str(tree)], lint_file_spec, (pack, None), jobs=jobs, progress=False,
        rules={r.id: r for r in pack.rules}, pack=pack.name,
    )
    elapsed = time.perf_counter() - start
    fingerprint = [(fr.path, fr.error, tuple(fr.findings)) for fr in report.files]
    return elapsed, len(report.files), len(report.findings), fingerprint


def run_cli(tree: Path, jobs: int, pack_ref: str):
    out = tree.parent / f"report-j{jobs}.json"
    cmd = [sys.executable, "-m", "budgetlint", "check", str(tree), "--jobs", str(jobs),
           "--pack", pack_ref, "--format", "json", "--output", str(out), "--fail-on", "never"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"budgetlint check failed ({proc.returncode}): {proc.stderr.strip()[:500]}")
    import json

    data = json.loads(out.read_text(encoding="utf-8"))
    findings = data.get("findings", [])
    return elapsed, len(data.get("files", [])), len(findings), data


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts")
    parser.add_argument("--pack", default="core")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--cli", action="store_true", help="time the budgetlint command, not the API")
    args = parser.parse_args(argv)
    missing = [n for n in DOCUMENTS if not (args.corpus / n).exists()]
    if missing:
        print(f"corpus not found: {args.corpus} lacks {', '.join(missing)}", file=sys.stderr)
        return 2
    job_counts = [int(j) for j in args.jobs.split(",")]
    runner = run_cli if args.cli else run_api

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        tree = Path(tmp) / "corpus"
        files = make_tree(args.corpus, args.repeat, tree)
        print(f"{files} files ({len(DOCUMENTS)} documents x {args.repeat}), "
              f"{os.cpu_count()} CPUs, {'CLI' if args.cli else 'API'}, pack {args.pack}")
        results = {}
        for jobs in job_counts:
            elapsed, n_files, n_findings, fingerprint = runner(tree, jobs, args.pack)
            results[jobs] = (elapsed, fingerprint)
            print(f"--jobs {jobs}: {elapsed:8.2f} s  {n_files / elapsed:7.1f} files/s  "
                  f"{n_findings} findings", flush=True)
        base_jobs = job_counts[0]
        for jobs in job_counts[1:]:
            same = results[jobs][1] == results[base_jobs][1]
            speedup = results[base_jobs][0] / results[jobs][0]
            print(f"--jobs {jobs} vs {base_jobs}: speed-up {speedup:.2f}x, identical report: {'yes' if same else 'NO'}")
            if not same:
                diff = sum(1 for a, b in zip(results[jobs][1], results[base_jobs][1]) if a != b)
                print(f"  {diff} files differ (for --cli: was the code or pack edited during the run?)")
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
