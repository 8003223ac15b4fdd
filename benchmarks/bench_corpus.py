"""What the linter reads of each corpus document, and how fast.

    python benchmarks/bench_corpus.py [--pdf] [--repeat 5] [--pack NAME]

One line per document (the four Xinjiang ones and the other-provinces texts; with
``--pdf`` the published PDFs too): its form, the document kind and the pack, the
tables found by kind (``kind×n``), the regions left unread (tables or lines a
reader could not read, with their reasons counted), the claims read from the prose,
and the findings by severity. Then the whole corpus's lint time against a regex scan
of the same text (the median of ``--repeat`` runs each), the ratio the speed budget
is stated in (≤ 20×).
"""

from __future__ import annotations

import argparse
import collections
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from budgetlint.ingest import load_path  # noqa: E402
from budgetlint.linter.fingerprint import document_kind  # noqa: E402
from budgetlint.linter.lint import lint_document  # noqa: E402
from budgetlint.parse import parse_source  # noqa: E402
from budgetlint.rules.loader import load_pack  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
# What a regex scan of a disclosure looks for: figures, percents, codes.
SCAN = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|元|%)|[235]\d\d(?:\s?\d\d){0,2}")


def documents(with_pdf: bool) -> list[Path]:
    found = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
    others = CORPUS / "other-provinces"
    found += sorted(others.glob("*.txt"))
    if with_pdf:
        found += sorted(others.glob("*.pdf"))
    return found


def pack_name(pack) -> str:
    return getattr(pack, "name", None) or getattr(pack, "pack", None) or "?"


def describe(path: Path, pack) -> dict:
    source = load_path(str(path))
    doc = parse_source(source, pack.profile)
    findings = lint_document(doc, pack)
    kinds = collections.Counter(t.role for t in doc.tables())
    unparsed = doc.unparsed()
    reasons = collections.Counter(u.diagnostic.split(":")[0] for u in unparsed)
    return {
        "name": path.name,
        "form": source.form,
        "kind": document_kind(doc) or "-",
        "pack": pack_name(pack),
        "tables": sum(kinds.values()),
        "by_kind": " ".join(f"{k}×{n}" if n > 1 else k for k, n in kinds.items()) or "-",
        "unparsed": len(unparsed),
        "reasons": "; ".join(f"{r} ×{n}" for r, n in reasons.most_common(3)),
        "claims": len(doc.readings.claims.claims),
        "severity": collections.Counter(f.severity for f in findings),
    }


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pdf", action="store_true", help="also the published PDFs")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pack", default="core")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    pack = load_pack(args.pack)
    paths = documents(args.pdf)
    print(f"{'document':58} {'form':9} {'kind':15} {'pack':8} {'tables':>6} {'unread':>6} {'claims':>6} "
          f"{'E':>3} {'W':>3} {'I':>3}  tables by kind / unread regions")
    for path in paths:
        row = describe(path, pack)
        sev = row["severity"]
        print(f"{row['name'][:58]:58} {row['form']:9} {row['kind']:15} {row['pack']:8} {row['tables']:>6} "
              f"{row['unparsed']:>6} {row['claims']:>6} {sev['error']:>3} {sev['warning']:>3} {sev['info']:>3}  "
              f"{row['by_kind']}" + (f" / {row['reasons']}" if row["reasons"] else ""))

    texts = [p for p in paths if p.suffix != ".pdf"]
    sources = [load_path(str(p)) for p in texts]
    raw = [p.read_text(encoding="utf-8", errors="replace") for p in texts]
    lint_s = timed(lambda: [lint_document(parse_source(s, pack.profile), pack) for s in sources], args.repeat)
    scan_s = timed(lambda: [SCAN.findall(t) for t in raw], args.repeat)
    size = sum(len(t.encode("utf-8")) for t in raw)
    print(f"\ntext corpus: {len(texts)} documents, {size / 1e6:.2f} MB; parse+lint {lint_s:.3f} s, "
          f"regex scan {scan_s:.4f} s: {lint_s / scan_s:.1f}× (median of {args.repeat})")


if __name__ == "__main__":
    main()
