"""`budgetlint check` as a real process against hostile surroundings: inputs that
block or cannot be read, an output that is an input, a closed, full or abandoned
standard output, signals. Every case runs under a subprocess timeout, so a
regression fails the test instead of hanging CI."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo-county-hrss-2024.md"
TIMEOUT = 60  # a guard against hangs, not a measure of speed


def budgetlint(*args, cwd, timeout=TIMEOUT, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "budgetlint", *map(str, args)], cwd=cwd, env=env,
                          capture_output=kw.pop("capture_output", True), text=True, timeout=timeout, **kw)


def demo_copy(directory: Path, name: str = "good.md") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(DEMO, directory / name))


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


# -- inputs --------------------------------------------------------------------------

def test_a_fifo_among_the_inputs_is_skipped_and_the_rest_linted(tmp_path):
    good = demo_copy(tmp_path / "d")
    os.mkfifo(tmp_path / "d" / "pipe.txt")
    for jobs in ("1", "2"):
        done = budgetlint("check", "--jobs", jobs, "d", cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == ["d/pipe.txt: error: 是命名管道（FIFO），不是普通文件，未读取"]
        assert f"{good.relative_to(tmp_path)}:" in done.stdout
        assert "个文件无法检查" in done.stdout.splitlines()[-1]


def test_sockets_and_devices_are_refused_in_one_line(tmp_path):
    demo_copy(tmp_path)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.txt"))
        done = budgetlint("check", "sock.txt", "/dev/zero", "good.md", cwd=tmp_path)
    finally:
        server.close()
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "/dev/zero: error: 是字符设备，不是普通文件，未读取",
        "sock.txt: error: 是套接字（socket），不是普通文件，未读取",
    ]
    assert "good.md:" in done.stdout


DROP_TO_NOBODY = """
import os, sys
from budgetlint.cli import main
from budgetlint.linter.lint import lint_file
from budgetlint.rules.loader import load_pack
# Every lazy import happens now, as root: the interpreter's own files may not be
# readable by the user we become (they can sit under /root).
lint_file(sys.argv[1], load_pack("core"))
import budgetlint.reporters.text
from concurrent.futures import ProcessPoolExecutor
with ProcessPoolExecutor(2) as pool:  # the pool's own modules, for --jobs 2
    list(pool.map(abs, [1, 2]))
os.setgroups([]); os.setgid(65534); os.setuid(65534)
sys.argv[0] = "budgetlint"
main(sys.argv[2:])
"""


def run_unprivileged(tmp: Path, *args) -> subprocess.CompletedProcess:
    """``budgetlint`` as a user who cannot read what mode 000 protects: as nobody when
    we are root (root reads everything), as ourselves otherwise."""
    env = dict(os.environ, NO_COLOR="1")
    if os.geteuid() == 0:
        command = [sys.executable, "-c", DROP_TO_NOBODY, str(DEMO), *args]
    else:
        command = [sys.executable, "-m", "budgetlint", *args]
    return subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True, timeout=TIMEOUT)


@pytest.fixture
def open_dir():
    """A directory another user can enter (pytest's tmp_path is private to root)."""
    import tempfile
    path = Path(tempfile.mkdtemp(prefix="budgetlint-perm-"))
    path.chmod(0o755)
    yield path
    for sub in path.rglob("*"):
        if sub.is_dir():
            sub.chmod(0o755)
    shutil.rmtree(path)


def test_unreadable_files_and_directories_are_per_file_errors(open_dir):
    demo_copy(open_dir, "good.md").chmod(0o644)
    noperm = demo_copy(open_dir, "noperm.md")
    noperm.chmod(0)
    hidden = open_dir / "tree" / "closed"
    demo_copy(hidden, "inner.md")
    demo_copy(open_dir / "tree", "visible.md").chmod(0o644)
    (open_dir / "tree").chmod(0o755)
    hidden.chmod(0)
    for jobs in ("1", "2"):
        done = run_unprivileged(open_dir, "check", "--jobs", jobs, "noperm.md", "good.md", "tree")
        no_traceback(done.stderr)
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == [
            "noperm.md: error: 权限不足",
            "tree/closed: error: 无法列出目录内容（权限不足）",
        ]
        assert "good.md:" in done.stdout and "tree/visible.md:" in done.stdout
        assert done.stdout.splitlines()[-1].endswith("检查了 4 个文件。2 个文件无法检查。")


# -- the output ------------------------------------------------------------------------

@pytest.mark.parametrize("extra", [(), ("--format", "html"), ("--jobs", "2", "second.md")])
def test_an_output_that_is_an_input_is_refused(tmp_path, monkeypatch, extra):
    from click.testing import CliRunner
    from budgetlint.cli import main
    monkeypatch.chdir(tmp_path)
    demo_copy(tmp_path, "c.md")
    demo_copy(tmp_path, "second.md")
    os.link(tmp_path / "c.md", tmp_path / "hard.md")
    os.symlink("c.md", tmp_path / "soft.md")
    before = (tmp_path / "c.md").read_bytes()
    for target in ("c.md", "./c.md", "hard.md", "soft.md"):
        done = CliRunner().invoke(main, ["check", "c.md", *extra, "-o", target])
        assert done.exit_code == 2
        assert done.stderr.startswith(f"error: --output {target} 指向输入文件 c.md"), done.stderr
    # inside a directory given as input, too
    done = CliRunner().invoke(main, ["check", ".", "-o", "c.md"])
    assert done.exit_code == 2 and "指向输入文件" in done.stderr
    assert (tmp_path / "c.md").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.md", "hard.md", "second.md", "soft.md"]


def test_a_report_replaces_the_old_one_only_when_complete(tmp_path):
    from budgetlint.reporters.output import OutputError, ReportFile
    report = tmp_path / "report.txt"
    report.write_text("old report\n")
    with pytest.raises(RuntimeError):
        with ReportFile(str(report)) as out:
            out.write("half a rep")
            raise RuntimeError("crash")
    assert report.read_text() == "old report\n"
    assert os.listdir(tmp_path) == ["report.txt"]  # no temporary file left behind
    with ReportFile(str(report)) as out:
        out.write("new report\n")
    assert report.read_text() == "new report\n" and os.listdir(tmp_path) == ["report.txt"]
    with pytest.raises(OutputError, match="磁盘空间不足"):
        with ReportFile("/dev/full") as out:  # a device is written in place, never renamed over
            out.write("x" * 100_000)
    assert Path("/dev/full").is_char_device()


def test_a_named_pipe_nobody_reads_is_an_error_not_a_wait(tmp_path):
    demo_copy(tmp_path)
    os.mkfifo(tmp_path / "out.fifo")
    done = budgetlint("check", "good.md", "-o", "out.fifo", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == "error: 无法写入out.fifo：命名管道没有读取端\n"
    english = budgetlint("check", "--lang", "en", "good.md", "-o", "out.fifo", cwd=tmp_path)
    assert english.returncode == 2
    assert english.stderr == "error: cannot write out.fifo: the named pipe has no reader\n"


def test_a_full_disk_is_one_line_and_exit_2(tmp_path):
    demo_copy(tmp_path)
    with open("/dev/full", "w") as full:
        done = budgetlint("check", "good.md", cwd=tmp_path, capture_output=False, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert done.stderr == "error: 无法写入标准输出：磁盘空间不足（No space left on device）\n"
    with open("/dev/full", "w") as full:
        english = budgetlint("check", "--lang", "en", "good.md", cwd=tmp_path, capture_output=False, stdout=full,
                             stderr=subprocess.PIPE)
    assert english.returncode == 2
    assert english.stderr == "error: cannot write standard output: no space left on the disk (No space left on device)\n"


def test_a_closed_stdout_is_one_line(tmp_path):
    demo_copy(tmp_path)
    command = f"exec {sys.executable} -m budgetlint check good.md >&-"
    done = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 2
    assert done.stderr == "error: 标准输出已关闭，请用 --output FILE 指定报告文件\n"
    command = f"exec {sys.executable} -m budgetlint check good.md -o r.txt >&-"
    done = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 1, done.stderr
    assert (tmp_path / "r.txt").read_text().splitlines()[-1].startswith("共 6 条问题")


def test_a_reader_that_goes_away_stops_the_run_quietly(tmp_path):
    for i in range(40):
        demo_copy(tmp_path / "d", f"{i:02d}.md")
    for jobs in ("1", "2"):
        process = subprocess.Popen([sys.executable, "-m", "budgetlint", "check", "--jobs", jobs, "d"], cwd=tmp_path,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, NO_COLOR="1"))
        first = process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        _, stderr = process.communicate(timeout=TIMEOUT)
        assert first.startswith(b"d/00.md:")
        assert process.returncode == 2
        assert stderr == b""


# -- signals -----------------------------------------------------------------------------

def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def big_batch(tmp_path):
    for i in range(300):
        demo_copy(tmp_path / "d", f"{i:03d}.md")
    return tmp_path


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to see the workers")
@pytest.mark.parametrize("how, code", [
    ("SIGINT to the group", 130),
    ("SIGINT to the group twice", 130),
    ("SIGTERM to the parent", 143),
    ("SIGTERM to the group", 143),
])
def test_signals_stop_the_pool_at_once_without_orphans(big_batch, how, code):
    process = subprocess.Popen([sys.executable, "-m", "budgetlint", "check", "--jobs", "2", "-o", "r.txt", "d"],
                               cwd=big_batch, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + TIMEOUT
        while len(children(process.pid)) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        workers = children(process.pid)
        assert len(workers) >= 2, "the workers never started"
        sig = signal.SIGINT if "SIGINT" in how else signal.SIGTERM
        send = (lambda: os.killpg(process.pid, sig)) if "group" in how else (lambda: os.kill(process.pid, sig))
        send()
        if "twice" in how:
            time.sleep(0.3)
            if process.poll() is None:
                send()
        _, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    stderr = stderr.decode()
    no_traceback(stderr)
    assert process.returncode == code, stderr
    assert stderr == ("error: 已中断（SIGINT）\n" if code == 130 else "error: 已终止（SIGTERM）\n")
    time.sleep(0.2)
    assert not [w for w in workers if alive(w)], "orphaned workers"
    assert not (big_batch / "r.txt").exists()  # no half report
    assert [p.name for p in big_batch.iterdir()] == ["d"]  # nor its temporary file
