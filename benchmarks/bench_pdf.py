"""Reading and linting PDFs: seconds per page on the corpus PDFs, the share of the time
spent in the PDF library (PDFium, through pypdfium2) against budgetlint's own work, and
the peak memory for a 100-page PDF.

    python benchmarks/bench_pdf.py [--repeat 3]

Per corpus PDF (best of N): ``read`` is the PDF reader alone (characters, rulings,
tables, furniture), ``lint`` reading, parsing and the core pack's checks; ``library``
is the share of ``lint`` spent inside PDFium's calls. The 100-page PDF is built from
the corpus pages taken round-robin (pypdf: ``pip install -e '.[bench]'``), then read
and linted in a fresh process whose peak RSS is reported (the imports included).
Targets: under 0.15 s per page, under 300 MB for the 100 pages.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from budgetlint.ingest.pdf import read_pdf  # noqa: E402
from budgetlint.ingest.pdf.lines import pdf_source  # noqa: E402
from budgetlint.linter.lint import lint_source  # noqa: E402
from budgetlint.rules.loader import load_pack  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "other-provinces"


def lint_once(path: Path, pack) -> tuple[float, float, float, int]:
    """(read seconds, lint seconds, library seconds, pages) of one run."""
    start = time.perf_counter()
    read = read_pdf(str(path))
    read_s = time.perf_counter() - start
    result = lint_source(pdf_source(str(path), read.items), pack)
    assert result.error is None, result.error
    return read_s, time.perf_counter() - start, read.library_seconds, read.pages


def build_big(out: Path, pages: int = 100) -> Path:
    from pypdf import PdfReader, PdfWriter

    readers = [PdfReader(str(p)) for p in sorted(CORPUS.glob("*.pdf"))]
    writer = PdfWriter()
    k = 0
    while len(writer.pages) < pages:
        for reader in readers:
            if len(writer.pages) < pages:
                writer.add_page(reader.pages[k % len(reader.pages)])
        k += 1
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def child(path: str) -> None:
    """In a fresh process: read and lint ``path`` once, print the figures as JSON."""
    pack = load_pack("core")
    read_s, lint_s, lib_s, pages = lint_once(Path(path), pack)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": pages, "read_s": read_s, "lint_s": lint_s, "lib_s": lib_s, "rss_mb": rss}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    files = sorted(CORPUS.glob("*.pdf"))
    if not files:
        sys.exit(f"corpus PDFs not found at {CORPUS}")
    pack = load_pack("core")
    print(f"{'PDF':<54} {'pages':>5} {'read s/page':>12} {'lint s/page':>12} {'library':>8}")
    totals = [0.0, 0.0, 0.0, 0]
    for path in files:
        runs = [lint_once(path, pack) for _ in range(args.repeat)]
        read_s, lint_s, lib_s, pages = min(runs, key=lambda r: r[1])
        for i, v in enumerate((read_s, lint_s, lib_s, pages)):
            totals[i] += v
        print(f"{path.stem:<54} {pages:>5} {read_s / pages:>12.4f} {lint_s / pages:>12.4f} {lib_s / lint_s:>8.0%}")
    read_s, lint_s, lib_s, pages = totals
    print(f"{'all':<54} {pages:>5} {read_s / pages:>12.4f} {lint_s / pages:>12.4f} {lib_s / lint_s:>8.0%}")
    print(f"share of lint time: PDF library {lib_s / lint_s:.0%}, budgetlint's reader {(read_s - lib_s) / lint_s:.0%}, "
          f"parse and checks {(lint_s - read_s) / lint_s:.0%}")
    with tempfile.TemporaryDirectory() as tmp:
        big = build_big(Path(tmp) / "big-100.pdf")
        size = big.stat().st_size
        out = subprocess.run([sys.executable, __file__, "--child", str(big)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout)
    print(f"100-page PDF ({size / 1e6:.1f} MB): {r['lint_s'] / r['pages']:.4f} s/page read+lint "
          f"({r['read_s'] / r['pages']:.4f} read), library {r['lib_s'] / r['lint_s']:.0%}, peak RSS {r['rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
