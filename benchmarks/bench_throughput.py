"""Throughput of `check` against the floor of a bare regex scan, measured in one run.

    python benchmarks/bench_throughput.py            # corpus x25, median of 5
    python benchmarks/bench_throughput.py --quick    # a few seconds; CI runs this
    python benchmarks/bench_throughput.py --store    # write this run's ratios as the reference

The floor is what any tool that finds the figures of a text must pay: decode each file
and scan it with one regular expression for figures. Against it, in the same run:

- ``check/floor``: the whole `check` (ingest, outline, readers, readings, every rule of
  the core pack, the text report), in this process, over the same files (target <= 20);
- ``doubling``: the time of one document repeated 2k times over the same repeated k
  times (target <= 2.1: linear growth);
- ``jobs2``: `budgetlint check --jobs 1` over `--jobs 2` on the same tree, as real
  commands (target >= 1.8 on two cores).

Only ratios are compared with the stored reference (``throughput_reference.json``),
never absolute times: ``--quick`` exits 1 when a ratio is twice as bad as the stored one
of the same mode. In-process figures are CPU time of this process (a loaded machine
slows the floor and the check alike); the --jobs figures are wall time, which is
what parallelism buys.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpus"
REFERENCE = Path(__file__).with_name("throughput_reference.json")
DOCUMENTS = (
    "changji-city-hrss-2023.txt",
    "urumqi-gaoxin-hrss-2023.txt",
    "changji-prefecture-hrss-2020.txt",
    "changji-prefecture-hrss-center-2025.md",
)
# A figure as the disclosures print it: 14,064.55 / 592.83 / 90
FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
TARGETS = {"check/floor": ("<=", 20.0), "doubling": ("<=", 2.1), "jobs2": (">=", 1.8)}
MODES = {
    # copies of the corpus, repeats per measurement, the doubling's k, the --jobs tree's copies
    "full": {"copies": 25, "repeat": 5, "k": (1, 8), "jobs_copies": 25},
    "quick": {"copies": 1, "repeat": 3, "k": (1,), "jobs_copies": 4},
}


def cpu_median(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def make_tree(dest: Path, copies: int) -> list[Path]:
    files = []
    for i in range(copies):
        sub = dest / f"copy{i:03d}"
        sub.mkdir(parents=True)
        for name in DOCUMENTS:
            shutil.copyfile(CORPUS / name, sub / name)
            files.append(sub / name)
    return files


def floor_scan(files: list[Path]) -> int:
    n = 0
    for path in files:
        n += len(FIGURE.findall(path.read_bytes().decode("utf-8")))
    return n


def check_in_process(files: list[Path]) -> None:
    from budgetlint.cli import main

    sink = io.StringIO()
    args = ["check", "--no-config", "--jobs", "1", "--fail-on", "never", "--color", "never", *map(str, files)]
    with contextlib.redirect_stdout(sink):
        try:
            main.main(args, standalone_mode=False)
        except SystemExit:
            pass
    if "检查了" not in sink.getvalue():
        raise SystemExit("check printed no summary:\n" + sink.getvalue()[-2000:])


def lint_text(text: str, name: str) -> None:
    from budgetlint.ingest import load_bytes
    from budgetlint.linter.lint import lint_source
    from budgetlint.rules.loader import load_pack

    result = lint_source(load_bytes(text.encode("utf-8"), name), load_pack("core"))
    if result.error:
        raise SystemExit(f"{name}: {result.error}")


def cli_seconds(tree: Path, jobs: int, repeat: int) -> float:
    out = tree.parent / f"report-j{jobs}.json"
    cmd = [sys.executable, "-m", "budgetlint", "check", str(tree), "--no-config", "--jobs", str(jobs),
           "--format", "json", "--output", str(out), "--fail-on", "never"]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"budgetlint check --jobs {jobs} failed ({proc.returncode}): {proc.stderr[-500:]!r}")
    return statistics.median(times)


def measure(mode: str) -> dict:
    conf = MODES[mode]
    repeat = conf["repeat"]
    figures: dict = {"mode": mode, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp:
        files = make_tree(Path(tmp) / "corpus", conf["copies"])
        size = sum(p.stat().st_size for p in files)
        figures["MB"] = round(size / 1e6, 2)
        check_in_process(files[:1])  # imports, pack and grammar: start-up is not throughput
        # Interleaved, so a change of load during the run touches both sides alike.
        floor_times, check_times = [], []
        for _ in range(repeat):
            floor_times.append(cpu_median(1, lambda: floor_scan(files)))
            check_times.append(cpu_median(1, lambda: check_in_process(files)))
        floor, check = statistics.median(floor_times), statistics.median(check_times)
        figures.update(floor_MBps=round(size / floor / 1e6, 1), check_MBps=round(size / check / 1e6, 2))
        figures["check/floor"] = round(check / floor, 1)

        name = max(DOCUMENTS, key=lambda n: (CORPUS / n).stat().st_size)
        text = (CORPUS / name).read_text(encoding="utf-8")
        worst = 0.0
        for k in conf["k"]:
            one = cpu_median(repeat, lambda: lint_text("\n".join([text] * k), name))
            two = cpu_median(repeat, lambda: lint_text("\n".join([text] * (2 * k)), name))
            figures[f"doubling x{k}->x{2 * k}"] = round(two / one, 2)
            worst = max(worst, two / one)
        figures["doubling"] = round(worst, 2)

        tree = Path(tmp) / "corpus"
        if conf["jobs_copies"] < conf["copies"]:
            tree = Path(tmp) / "jobs"
            make_tree(tree, conf["jobs_copies"])
        j1, j2 = cli_seconds(tree, 1, repeat), cli_seconds(tree, 2, repeat)
        figures.update(jobs1_s=round(j1, 2), jobs2_s=round(j2, 2), jobs2=round(j1 / j2, 2))
    return figures


def regressions(figures: dict, reference: dict) -> list[str]:
    """Ratios at least twice as bad as the stored ones of the same mode."""
    bad = []
    for key, (direction, _) in TARGETS.items():
        if key not in reference:
            continue
        now, then = figures[key], reference[key]
        if (direction == "<=" and now > 2 * then) or (direction == ">=" and now < then / 2):
            bad.append(f"{key}: {now} against {then} stored (a 2x regression)")
    return bad


def load_reference() -> dict:
    try:
        return json.loads(REFERENCE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--store", action="store_true", help="store this run's ratios as the reference")
    args = ap.parse_args(argv)
    if not all((CORPUS / n).exists() for n in DOCUMENTS):
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    mode = "quick" if args.quick else "full"
    figures = measure(mode)
    print(f"{mode}: {figures['MB']} MB, {figures['cpus']} CPUs")
    print(f"  floor (regex scan for figures) {figures['floor_MBps']:8.1f} MB/s")
    print(f"  check in-process               {figures['check_MBps']:8.2f} MB/s")
    print(f"  --jobs 1 / --jobs 2            {figures['jobs1_s']:.2f} s / {figures['jobs2_s']:.2f} s")
    for key, (direction, target) in TARGETS.items():
        ok = figures[key] <= target if direction == "<=" else figures[key] >= target
        print(f"  {key:12s} {figures[key]:6}   target {direction} {target}  {'met' if ok else 'NOT met'}")
    for key in figures:
        if key.startswith("doubling "):
            print(f"    {key}: {figures[key]}")
    reference = load_reference()
    if args.store:
        reference[mode] = {k: figures[k] for k in TARGETS}
        REFERENCE.write_text(json.dumps(reference, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"stored as the {mode} reference in {REFERENCE.name}")
        return 0
    bad = regressions(figures, reference.get(mode, {}))
    for line in bad:
        print("REGRESSION " + line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
