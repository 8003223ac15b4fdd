"""Parse throughput over the corpus, and how parse time grows with document size.

    python benchmarks/bench_parse.py [--repeat 20]

Reports: grammar load time; the time to ingest+parse each corpus document and the whole
corpus (best of N), in ms and MB/s; and the time for one document repeated 1, 2, 4, 8, 16
times, whose per-MB cost should stay flat (linear growth, no Earley-style blow-up).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from budgetlint.parse import parse_source  # noqa: E402
from budgetlint.outline.outline import outline_parser  # noqa: E402
from budgetlint.ingest import load_bytes  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    start = time.perf_counter()
    outline_parser()
    print(f"grammar load: {(time.perf_counter() - start) * 1000:.1f} ms (once per process)")

    files = sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")
    if not files:
        sys.exit(f"corpus not found at {CORPUS}")
    data = {p.name: p.read_bytes() for p in files}
    total_bytes = sum(len(b) for b in data.values())

    for name, raw in data.items():
        t = best_of(args.repeat, lambda raw=raw, name=name: parse_source(load_bytes(raw, name)))
        print(f"{name:45s} {len(raw) / 1024:7.1f} KB {t * 1000:8.1f} ms {len(raw) / t / 1e6:6.2f} MB/s")

    def whole():
        for name, raw in data.items():
            parse_source(load_bytes(raw, name))

    t = best_of(args.repeat, whole)
    print(f"{'whole corpus':45s} {total_bytes / 1024:7.1f} KB {t * 1000:8.1f} ms {total_bytes / t / 1e6:6.2f} MB/s")

    print("\nscaling (one document repeated k times; ms per MB should stay flat):")
    name = max(data, key=lambda n: len(data[n]))
    text = data[name].decode("utf-8")
    for k in (1, 2, 4, 8, 16):
        big = ("\n".join([text] * k)).encode("utf-8")
        t = best_of(max(3, args.repeat // k), lambda big=big: parse_source(load_bytes(big, name)))
        print(f"  x{k:<3d} {len(big) / 1e6:6.2f} MB {t * 1000:9.1f} ms {t * 1000 / (len(big) / 1e6):8.1f} ms/MB")


if __name__ == "__main__":
    main()
