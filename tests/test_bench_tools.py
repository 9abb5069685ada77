"""The crossover bookkeeping of bench/run.py and the grouping of bench/plot.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import plot
import run

pytestmark = [pytest.mark.numpy, pytest.mark.any_threads]


def test_first_win_needs_every_larger_size() -> None:
    sizes = [1, 2, 3, 4]
    # gonp wins at 2, loses at 3, wins from 4 on: the crossover is 4
    assert run.first_win(sizes, [1, 5, 1, 5], [2, 1, 2, 1]) == 4
    assert run.first_win(sizes, [5, 5, 5, 5], [1, 1, 1, 1]) == 1
    assert run.first_win(sizes, [5, 5, 5, 1], [1, 1, 1, 2]) is None
    assert run.first_win(sizes, [1, 5, 1, 5], [2, 1, 2, 1], tie=1.0) == 4


def test_first_win_allows_a_tie_above_it() -> None:
    sizes = [1, 2, 3, 4]
    # a tie (within TIE) at 3 neither wins nor breaks the run of wins from 2
    assert run.first_win(sizes, [1, 5, 1.0, 5], [2, 1, 1.02, 1]) == 2
    # a tie at the top and nothing won below it: no crossover
    assert run.first_win(sizes, [1, 1, 1, 1.0], [2, 2, 2, 1.02]) is None
    # a loss beyond the tie at 3 still cuts the run
    assert run.first_win(sizes, [1, 5, 1.0, 5], [2, 1, 1.2, 1]) == 4


def test_kind_crossover_is_the_largest_of_its_probes() -> None:
    probes = {
        "a": {"kind": "k", "crossover": 100, "default_threshold": 7},
        "b": {"kind": "k", "crossover": 400, "default_threshold": 7},
        "c": {"kind": "j", "crossover": 100, "default_threshold": 9},
        "d": {"kind": "j", "crossover": None, "default_threshold": 9},
    }
    kinds = run.kind_crossovers(probes)
    assert kinds["k"] == {"probes": ["a", "b"], "crossover": 400, "default_threshold": 7}
    assert kinds["j"]["crossover"] is None


def test_every_probe_has_a_threshold_kind() -> None:
    from gonp import _config

    assert {kind for kind, _, _ in run.PROBES.values()} <= set(_config.DEFAULT_THRESHOLDS)
    assert set(_config.DEFAULT_THRESHOLDS) <= {kind for kind, _, _ in run.PROBES.values()}


def test_speedups_keep_dtypes_and_threads_apart() -> None:
    def record(case: str, threads: int, impl: str, t: float) -> dict[str, object]:
        return {
            "op": "exp",
            "case": case,
            "size": 10,
            "threads": threads,
            "impl": impl,
            "median_s": t,
        }

    rec = [
        record("n=1e7 f64", 2, "gonp", 1.0),
        record("n=1e7 f64", 2, "numpy", 3.0),
        record("n=1e7 f32", 2, "gonp", 2.0),
        record("n=1e7 f32", 2, "numpy", 1.0),
        record("n=1e7 f64", 1, "gonp", 9.0),
        record("n=1e7 f64", 1, "numpy", 1.0),
    ]
    assert plot.speedups(rec) == {"exp": [(10, 3.0)], "exp f32": [(10, 0.5)]}
    assert plot.family_of("exp f32") == plot.family_of("exp_out" + plot.GO_PATH)
