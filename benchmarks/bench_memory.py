"""Peak memory of `budgetlint check` over a growing batch: 1, 100 and 400 copies of
the corpus (its four Xinjiang documents; the bundled example where the corpus is
absent), in text and HTML. Memory must be flat over the batch: the 400-copy run may
use at most 1.3 times what the 100-copy one does.

    python benchmarks/bench_memory.py [--copies 1,100,400] [--formats text,html] [--jobs N]

Prints one line per run: copies, files, format, peak RSS of the main process (its
VmHWM, read while it runs) and of the whole process tree (the largest of the main
process and its workers, from wait4), seconds; then the 400/100 ratios.
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
LIMIT = 1.3


def sources() -> list[Path]:
    found = sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")
    return found or [ROOT / "examples" / "demo-county-hrss-2024.md"]


def make_batch(directory: Path, copies: int, files: list[Path]) -> int:
    for i in range(copies):
        sub = directory / f"copy{i:04d}"
        sub.mkdir()
        for f in files:
            os.link(f, sub / f.name) if _same_device(f, sub) else shutil.copy(f, sub / f.name)
    return copies * len(files)


def _same_device(a: Path, b: Path) -> bool:
    return os.stat(a).st_dev == os.stat(b).st_dev


def _hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(batch: Path, fmt: str, jobs: int, out: Path) -> tuple[float, float, float]:
    """(main peak MiB, tree peak MiB, seconds)."""
    command = [sys.executable, "-m", "budgetlint", "check", "--pack", "xinjiang", "--fail-on", "never",
               "--format", fmt, "--jobs", str(jobs), "-o", str(out), str(batch)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    main_peak = 0
    while True:
        # wait4's usage of the child covers its own reaped children (the workers)
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        main_peak = max(main_peak, _hwm_kib(process.pid))
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    tree_peak = usage.ru_maxrss
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise SystemExit(f"budgetlint failed ({process.returncode}): {process.stderr.read().decode()[-500:]}")
    return main_peak / 1024, max(tree_peak, main_peak) / 1024, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", default="1,100,400")
    parser.add_argument("--formats", default="text,html")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    copies = [int(c) for c in args.copies.split(",")]
    formats = args.formats.split(",")
    files = sources()
    print(f"{len(files)} documents per copy, --jobs {args.jobs}")
    results: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in copies:
            batch = Path(tmp) / f"batch{n}"
            batch.mkdir()
            count = make_batch(batch, n, files)
            for fmt in formats:
                main_mib, tree_mib, seconds = measure(batch, fmt, args.jobs, Path(tmp) / f"report.{fmt}")
                results[(fmt, n)] = main_mib
                print(f"{n:5d} copies {count:6d} files  {fmt:5s}  main {main_mib:7.1f} MiB  "
                      f"tree {tree_mib:7.1f} MiB  {seconds:7.1f} s", flush=True)
            shutil.rmtree(batch)
    if 100 in copies and 400 in copies:
        for fmt in formats:
            ratio = results[(fmt, 400)] / results[(fmt, 100)]
            verdict = "ok" if ratio <= LIMIT else f"OVER the {LIMIT}x limit"
            print(f"{fmt}: 400 copies / 100 copies = {ratio:.2f}  {verdict}")


if __name__ == "__main__":
    main()
