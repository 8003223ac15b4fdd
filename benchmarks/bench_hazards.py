"""Explore random compositions of the extraction hazards over the corpus.

    python benchmarks/bench_hazards.py [--examples 2000] [--seed 0] [--max-depth 4] [--alone]

Each example draws a corpus document, 1..max-depth transforms of tests/hazards.py and a
seed, lints the transformed text and compares its findings with the original's (the
property of tests/test_hazards.py). ``--alone`` first runs every transform alone on every
document with seeds 0-2 and prints, per transform, how many findings changed (new
warnings/errors, new infos, lost, moved) and how many went silent on ambiguous cells.
Failures are printed as ``document transforms seed`` lines, ready to pin in
tests/test_hazards.py (PINNED).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import hazards as H  # noqa: E402
from budgetlint.rules.loader import load_pack  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-depth", type=int, default=4)
    parser.add_argument("--alone", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    packs = {name: load_pack(name) for name in ("core", "xinjiang")}
    start = time.perf_counter()
    docs = [H.load_original(CORPUS, name, packs) for name in H.CORPUS_DOCS if (CORPUS / name).exists()]
    if not docs:
        print(f"corpus not found at {CORPUS}")
        return 2
    failures = 0
    if args.alone:
        totals: dict = defaultdict(lambda: [0, 0, 0, 0, 0])
        for doc in docs:
            for name in H.TRANSFORMS:
                for seed in range(3):
                    _, diff = H.check(doc, [name], seed)
                    t = totals[name]
                    t[0] += len(diff.new); t[1] += len(diff.new_info); t[2] += len(diff.lost)
                    t[3] += len(diff.moved); t[4] += len(diff.silenced)
                    if not diff.ok():
                        failures += 1
                        print(f"FAIL {doc.name} {name} {seed}")
                        if args.verbose:
                            print(diff.describe())
        print(f"{'transform':24} {'new':>5} {'info+':>5} {'lost':>5} {'moved':>5} {'silent':>6}")
        for name in H.TRANSFORMS:
            print(f"{name:24}", " ".join(f"{x:5}" for x in totals[name]))
    rng = random.Random(args.seed)
    names = list(H.TRANSFORMS)
    for i in range(args.examples):
        doc = rng.choice(docs)
        chain = rng.sample(names, rng.randint(1, args.max_depth))
        seed = rng.randrange(10**6)
        try:
            _, diff = H.check(doc, chain, seed)
        except Exception as exc:  # a crash is a failure like any other
            failures += 1
            print(f"CRASH {doc.name} {','.join(chain)} {seed}: {exc!r}")
            continue
        if not diff.ok():
            failures += 1
            print(f"FAIL {doc.name} {','.join(chain)} {seed} ({len(diff.new)} new, {len(diff.lost)} lost, "
                  f"{len(diff.moved)} moved, {len(diff.new_info)} new infos)")
            if args.verbose:
                print(diff.describe())
    print(f"{args.examples} compositions, {failures} failures, {time.perf_counter() - start:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
