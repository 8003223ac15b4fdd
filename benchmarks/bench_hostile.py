"""Time `budgetlint check` on hostile inputs that a linter for published files meets:
huge single lines, runs of table markup, thousands of tables or list items, long
figures. Each must end quickly with findings or a one-line error (exit 2), never hang.
And time must be linear in the size of a file up to the size limit: a disclosure
repeated to 19 MB may take at most 25 times what the same repeated to 1 MB takes.

    python benchmarks/bench_hostile.py [--timeout 120]

Prints one line per case: seconds, exit status, the error line if any, the summary;
then the 19 MB / 1 MB ratio.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = {
    "one 5 MB line of digits": lambda: "1" * 5_000_000,
    "one 2 MB line of CJK and figures": lambda: "社会保障 5641.27 " * 150_000,
    "200k pipes": lambda: "| " * 200_000 + "\n|---|\n",
    "20k table heads": lambda: "表 1\n部门收支总体情况表\n编制部门：某局 单位：万元\n" * 20_000,
    "100k numbered items": lambda: "".join(f"{i}.项目名称：x 预算安排规模：{i} 万元\n\n" for i in range(100_000)),
    "10k PDF table rows": lambda: (
        "表 3\n部门支出总体情况表\n编制部门：某 单位：万元\n项 目 支出预算\n"
        "功能分类科目编码 功能分类科目名称 合 计 基本支出 项目支出\n类 款 项\n"
        + "208 01 01 行政运行 592.83 592.83\n" * 10_000
    ),
    "a figure with 300k thousands groups": lambda: "1" + ",000" * 300_000 + ".5",
    "1M tabs": lambda: "\t" * 1_000_000,
}
ROOT = Path(__file__).resolve().parents[1]
DISCLOSURE = ROOT.parent / "shared" / "corpus" / "changji-city-hrss-2023.txt"
LIMIT = 25


def repeated(megabytes: int) -> str:
    """A real disclosure (the bundled example where the corpus is absent) repeated to
    ``megabytes`` MiB: every reader and check has work in proportion to the size."""
    path = DISCLOSURE if DISCLOSURE.exists() else ROOT / "examples" / "demo-county-hrss-2024.md"
    text = path.read_text(encoding="utf-8")
    return text * max(1, megabytes * 1024 * 1024 // len(text.encode("utf-8")))


SIZED = {"a disclosure repeated to 1 MB": lambda: repeated(1), "a disclosure repeated to 19 MB": lambda: repeated(19)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    seconds_of: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in {**CASES, **SIZED}.items():
            path = Path(tmp) / "case.txt"
            path.write_text(make(), encoding="utf-8")
            start = time.perf_counter()
            try:
                done = subprocess.run(
                    [sys.executable, "-m", "budgetlint", "check", "--pack", "xinjiang", str(path)],
                    capture_output=True, text=True, timeout=args.timeout,
                )
            except subprocess.TimeoutExpired:
                print(f"{name:38s} TIMEOUT after {args.timeout:.0f} s")
                continue
            seconds = time.perf_counter() - start
            seconds_of[name] = seconds
            error = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
            summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
            print(f"{name:38s} {seconds:6.1f} s  exit {done.returncode}  {error[-70:]!s:72s} {summary[:60]}", flush=True)
    small, big = (seconds_of.get(name) for name in SIZED)
    if small and big:
        ratio = big / small
        print(f"19 MB / 1 MB = {ratio:.1f}  {'ok' if ratio <= LIMIT else f'OVER the {LIMIT}x limit'}")


if __name__ == "__main__":
    main()
