"""Run every test with gonp's small-array threshold at 0 (so the Go path runs
on tiny inputs too), once with 1 thread and once with several, as numexpr
re-runs its suite with another thread count."""

from __future__ import annotations

from collections.abc import Iterator

import gonp
import pytest


@pytest.fixture(autouse=True, params=[1, 3], ids=["threads1", "threads3"])
def nthreads(request: pytest.FixtureRequest) -> Iterator[int]:
    old_threshold = gonp.set_threshold(0)
    with gonp.threads(request.param):
        yield request.param
    gonp.set_threshold(old_threshold)
