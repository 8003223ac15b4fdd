"""CI's speed check: the short run of benchmarks/bench_throughput.py against the ratios
stored beside it. Only ratios measured in one run are compared (check over the regex
floor, doubling a document, --jobs 2 over --jobs 1), and only a twofold regression
fails: a slow or busy machine slows both sides of each ratio alike."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import CORPUS, ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("bench_throughput", ROOT / "benchmarks" / "bench_throughput.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_regressions_are_twofold_and_in_the_bad_direction():
    bench = _bench()
    stored = {"check/floor": 40.0, "doubling": 2.0, "jobs2": 1.6}
    better = {"check/floor": 10.0, "doubling": 1.0, "jobs2": 3.0}
    within = {"check/floor": 79.9, "doubling": 3.99, "jobs2": 0.81}
    worse = {"check/floor": 80.1, "doubling": 4.01, "jobs2": 0.79}
    assert bench.regressions(better, stored) == []
    assert bench.regressions(within, stored) == []
    assert [r.split(":")[0] for r in bench.regressions(worse, stored)] == ["check/floor", "doubling", "jobs2"]


def test_stored_reference_has_every_ratio():
    reference = _bench().load_reference()
    assert "quick" in reference  # what CI compares with
    for mode, ratios in reference.items():
        assert set(ratios) == {"check/floor", "doubling", "jobs2"}, mode
        assert all(value > 0 for value in ratios.values()), mode


def test_quick_run_regresses_no_ratio_twofold():
    if not all((CORPUS / name).exists() for name in _bench().DOCUMENTS):
        pytest.skip(f"shared corpus not found at {CORPUS} (published documents are not in the repo)")
    bench = _bench()
    figures = bench.measure("quick")
    assert bench.regressions(figures, bench.load_reference()["quick"]) == [], figures
