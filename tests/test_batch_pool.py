"""The process pool's tasks: what each one carries to a worker."""

from __future__ import annotations

import pickle
import threading

from budgetlint.core.results import FileResult
from budgetlint.linter.batch import lint_paths_parallel


class Unpicklable:
    """A plan that cannot be pickled (it holds a lock): a pool that shipped the plan
    with each task would fail every file."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tag = "planned"


def lint_tagged(path: str, plan) -> FileResult:
    with open(path, encoding="utf-8") as fh:
        return FileResult(path=path, pack=f"{plan.tag}:{len(fh.read())}")


def test_the_plan_reaches_each_worker_once_not_with_each_task(tmp_path):
    for i in range(6):
        (tmp_path / f"d{i}.txt").write_text("x" * (i + 1), encoding="utf-8")
    plan = Unpicklable()
    try:
        pickle.dumps(plan)
    except TypeError:
        pass
    else:  # pragma: no cover - the test would prove nothing
        raise AssertionError("the plan must be unpicklable for this test")
    report = lint_paths_parallel([str(tmp_path)], lint_tagged, plan, jobs=2, progress=False)
    assert [r.error for r in report.files] == [None] * 6
    assert [r.pack for r in report.files] == [f"planned:{i + 1}" for i in range(6)]
