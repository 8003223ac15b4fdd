"""The pre-commit hooks of .pre-commit-hooks.yaml, run for real by ``pre-commit
try-repo`` on a temporary git repository.

``budgetlint`` is a ``language: python`` hook: pre-commit makes a virtualenv and runs
``pip install .`` of this repository in it. So that the test needs no package index
(CI's and a developer's machine may have none at test time), pip is told to take
nothing from an index and no dependencies (PIP_NO_INDEX, PIP_NO_DEPS) and to build in
place (PIP_NO_BUILD_ISOLATION=0 is pip's spelling of --no-build-isolation), with the
test environment's packages (the dependencies and the setuptools of the test extras)
on PYTHONPATH: pre-commit's own install path, fed from what is already installed.
``budgetlint-system`` runs the budgetlint of the environment where the commit is made.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig

import pytest
from conftest import ROOT

EXAMPLE = ROOT / "examples" / "demo-county-hrss-2024.md"


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "disclosures"
    repo.mkdir()
    (repo / "draft.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "README.md").write_text("# 预算公开草稿\n", encoding="utf-8")  # not a disclosure
    (repo / "notes.csv").write_text("a,b\n", encoding="utf-8")  # not a disclosure's suffix
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.email=ci@example.invalid", "-c", "user.name=ci", "commit", "-qm", "draft")
    return repo


def _try_repo(repo, hook: str, tmp_path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_NO_INDEX": "1",
        "PIP_NO_DEPS": "1",
        "PIP_NO_BUILD_ISOLATION": "0",
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "NO_COLOR": "1",
    }
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.mark.parametrize("hook", ["budgetlint", "budgetlint-system"])
def test_hook_lints_the_disclosures_of_a_commit(repo, tmp_path, hook):
    result = _try_repo(repo, hook, tmp_path)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out  # the example's planted errors fail the hook
    assert "Failed" in out and "draft.md:74: BL101 [error]" in out, out
    assert "README.md:" not in out and "notes.csv" not in out  # not disclosures: not passed to the hook
