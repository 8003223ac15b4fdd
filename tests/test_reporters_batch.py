"""Batch runs (linter/batch.py): directory walk, parallel = serial, per-file errors,
progress bar only on a terminal."""

from __future__ import annotations

import io
import os
import shutil

from conftest import CORPUS_FILES, corpus_path

from budgetlint.parse import parse_source
from budgetlint.ingest import load_path
from budgetlint.linter.batch import collect_paths, lint_paths_parallel
from budgetlint.core.finding import Finding
from budgetlint.core.results import FileResult


def lint_tables(path: str, pack_ref) -> FileResult:
    """A stand-in lint function (the real linter is passed by the CLI): parses the file
    for real and reports one finding per table, so workers do real, comparable work."""
    name = os.path.basename(path)
    if name.startswith("explode"):
        raise RuntimeError("boom")
    if "crash" in name:
        os._exit(3)  # a worker dying hard, as under the OOM killer
    source = load_path(path)
    doc = parse_source(source)
    findings = [
        Finding(path, t.line, pack_ref, "table-seen", "info", f"{t.number_text} {t.title}: {len(t.rows)} rows")
        for t in doc.tables()
    ]
    return FileResult(path=path, findings=findings, source_lines=source.raw_lines, form=source.form)


class _Tty(io.StringIO):
    def isatty(self):
        return True


def _tree(tmp_path, copies=1):
    for i in range(copies):
        d = tmp_path / f"set{i}" / "nested"
        d.mkdir(parents=True)
        for key in CORPUS_FILES:
            src = corpus_path(key)
            shutil.copy(src, d / src.name)
    (tmp_path / "set0" / "notes.rtf").write_bytes(b"{\\rtf1}")  # not a supported suffix
    (tmp_path / "set0" / "README.md").write_text("# 说明\n")  # beside disclosures, not one
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref: x")
    (tmp_path / f"set{copies - 1}" / "broken.txt").write_bytes(b"\x00\xff" * 100)
    (tmp_path / f"set{copies - 1}" / "explode.md").write_text("# 标题\n")
    return tmp_path


def test_collect_paths_walks_sorted_and_skips_hidden(tmp_path):
    root = _tree(tmp_path, copies=1)
    named = tmp_path / "set0" / "notes.rtf"
    got = collect_paths([str(root), str(named), str(tmp_path / "missing.txt")])
    rel = [os.path.relpath(p, tmp_path) for p in got]
    assert rel == sorted(rel)
    assert "set0/notes.rtf" in rel  # named explicitly: linted whatever its suffix
    assert "missing.txt" in rel  # left for the lint to report "no such file"
    assert not any(r.startswith(".git") for r in rel)
    assert len([r for r in rel if r.startswith("set0/nested/")]) == 4
    assert "set0/broken.txt" in rel and "set0/explode.md" in rel
    assert "set0/README.md" not in rel
    assert collect_paths([str(tmp_path / "set0" / "README.md")]) == [str(tmp_path / "set0" / "README.md")]
    assert collect_paths([str(root), str(root)]) == collect_paths([str(root)])


def test_parallel_equals_serial_and_errors_stay_per_file(tmp_path):
    root = _tree(tmp_path)
    serial = lint_paths_parallel([str(root)], lint_tables, "BL900", jobs=1, progress=False)
    parallel = lint_paths_parallel([str(root)], lint_tables, "BL900", jobs=2, progress=False)
    assert [fr.path for fr in serial.files] == sorted(fr.path for fr in serial.files)
    assert serial.files == parallel.files
    by_name = {os.path.relpath(fr.path, tmp_path): fr for fr in parallel.files}
    assert by_name["set0/explode.md"].error == "internal error: RuntimeError: boom"
    assert by_name["set0/broken.txt"].error and "NUL" in by_name["set0/broken.txt"].error
    good = [fr for fr in parallel.files if not fr.error]
    assert len(good) == 4
    # Every corpus document has its 9 to 11 numbered tables, in every copy.
    assert all(len(fr.findings) >= 9 for fr in good)
    assert all(f.rule == "BL900" for fr in good for f in fr.findings)


def test_a_worker_dying_costs_only_its_file(tmp_path):
    # Sorted, the crashing files come first, in the middle and last, among small files.
    for i in range(12):
        (tmp_path / f"d{i:02d}.md").write_text(f"# 标题 {i}\n\n正文。\n", encoding="utf-8")
    for name in ("a-crash.md", "d05-crash.md", "z-crash.md"):
        (tmp_path / name).write_text("x\n")
    report = lint_paths_parallel([str(tmp_path)], lint_tables, "BL900", jobs=2, progress=False)
    errors = {os.path.basename(fr.path): fr.error for fr in report.files if fr.error}
    died = "internal error: the lint process died on this file"
    assert errors == {"a-crash.md": died, "d05-crash.md": died, "z-crash.md": died}
    assert len(report.files) == 15


def test_progress_bar_only_on_a_terminal(tmp_path):
    for i in range(5):
        (tmp_path / f"f{i}.md").write_text("# 标题\n\n正文。\n", encoding="utf-8")
    tty = _Tty()
    lint_paths_parallel([str(tmp_path)], lint_tables, "BL900", jobs=1, stream=tty)
    out = tty.getvalue()
    # click's bar: position, rate and the file by its name; erased at the end.
    assert "[" in out and "5/5" in out and "文件/秒" in out and "f4.md" in out
    assert out.endswith("\r\x1b[2K\x1b[?25h")
    plain = io.StringIO()
    lint_paths_parallel([str(tmp_path)], lint_tables, "BL900", jobs=1, stream=plain)
    assert plain.getvalue() == ""
    few = _Tty()
    lint_paths_parallel([str(tmp_path / "f0.md")], lint_tables, "BL900", jobs=1, stream=few)
    assert few.getvalue() == ""  # one file: no bar


def test_report_carries_rules_and_pack(tmp_path):
    (tmp_path / "a.md").write_text("# 标题\n", encoding="utf-8")
    report = lint_paths_parallel([str(tmp_path)], lint_tables, "BL900", jobs=3, rules={}, pack="xinjiang", progress=False)
    assert report.pack == "xinjiang" and len(report.files) == 1 and report.files[0].error is None
