"""Run every test with gonp's small-array threshold at 0 (so the Go path runs
on tiny inputs too), once with 1 thread and once with several, as numexpr
re-runs its suite with another thread count. Tests whose outcome cannot
depend on the thread count carry the ``any_threads`` marker and run once, at
the process default."""

from __future__ import annotations

from collections.abc import Iterator

import gonp
import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "any_threads: the outcome does not depend on gonp's thread count; run once"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "nthreads" in metafunc.fixturenames and not metafunc.definition.get_closest_marker(
        "any_threads"
    ):
        metafunc.parametrize("nthreads", [1, 3], ids=["threads1", "threads3"], indirect=True)


@pytest.fixture(autouse=True)
def nthreads(request: pytest.FixtureRequest) -> Iterator[int]:
    old_threshold = gonp.set_threshold(0)
    with gonp.threads(getattr(request, "param", gonp.get_num_threads())):
        yield gonp.get_num_threads()
    gonp.set_threshold(old_threshold)
