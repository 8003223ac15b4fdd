"""Byte-identical output across an optimisation: every corpus document through the CLI.

    python benchmarks/golden.py write DIR    # before the change
    python benchmarks/golden.py check DIR    # after it: exit 1 and a diff on any change

Each of the twelve corpus documents (the text forms; the PDFs too unless --no-pdf) is
checked in every machine-readable and text format with both packs, and parsed to JSON.
A speed-up that changes one byte of any of these is a behaviour change, not an
optimisation.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit")
PACKS = ("core", "xinjiang")


def documents(with_pdf: bool) -> list[Path]:
    docs = sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")
    other = CORPUS / "other-provinces"
    docs += sorted(other.glob("*.txt"))
    if with_pdf:
        docs += sorted(other.glob("*.pdf"))
    return docs


def budgetlint(*args: str) -> bytes:
    cmd = [sys.executable, "-m", "budgetlint", *args]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True)
    out = run.stdout + b"\n--- stderr ---\n" + run.stderr + f"\n--- exit {run.returncode} ---\n".encode()
    # Some formats print absolute paths (JUnit's suite names, SARIF's URIs): the same
    # corpus from another checkout compares equal.
    return out.replace(str(ROOT.parent / "shared").encode(), b"<top>/shared")


def outputs(with_pdf: bool):
    docs = [str(p.relative_to(ROOT.parent)) for p in documents(with_pdf)]
    rel = [str(Path("..") / d) for d in docs]
    for pack in PACKS:
        for fmt in FORMATS:
            yield f"check-{pack}-{fmt}", budgetlint(
                "check", "--no-config", "--jobs", "1", "--pack", pack, "--format", fmt,
                "--min-severity", "info", "--fail-on", "never", *rel)
    # The default text view (warnings and up) and --jobs 2 must agree with the above too.
    yield "check-default-text", budgetlint("check", "--no-config", "--jobs", "2", "--fail-on", "never", *rel)
    for d in rel:
        yield f"parse-{Path(d).name}", budgetlint("parse", "--format", "json", d)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("write", "check"))
    ap.add_argument("dir", type=Path)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    bad = 0
    n = 0
    for name, out in outputs(not args.no_pdf):
        n += 1
        path = args.dir / name
        if args.mode == "write":
            path.write_bytes(out)
            continue
        old = path.read_bytes() if path.exists() else b""
        if old != out:
            bad += 1
            diff = difflib.unified_diff(
                old.decode("utf-8", "replace").splitlines(), out.decode("utf-8", "replace").splitlines(),
                "before/" + name, "after/" + name, lineterm="", n=1)
            print("\n".join(list(diff)[:40]))
    print(f"{n} outputs, {bad} differ" if args.mode == "check" else f"{n} outputs written to {args.dir}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
