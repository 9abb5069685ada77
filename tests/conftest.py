"""Run every test with gonp's small-array threshold at 0 (so the Go path runs
on tiny inputs too), once with 1 thread and once with several, as numexpr
re-runs its suite with another thread count. Tests whose outcome cannot
depend on the thread count carry the ``any_threads`` marker and run once, at
the process default.

Proof of path: a test marked ``@pytest.mark.go`` (or in a module whose
``pytestmark`` says so) fails unless it made at least one call into Go; one
marked ``@pytest.mark.numpy`` fails if it made any. ``@pytest.mark.anypath``
exempts a test from a module-level mark (for tests that check argument
errors raised before any call, for instance). The closest mark wins.
"""

from __future__ import annotations

from collections.abc import Iterator

import gonp
import pytest
from gonp import _lib

_PATH_MARKS = ("go", "numpy", "anypath")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "go: the test must make at least one call into Go")
    config.addinivalue_line("markers", "numpy: the test must not call into Go (NumPy path)")
    config.addinivalue_line("markers", "anypath: no check of the path the test takes")
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


def _path_mark(node: pytest.Item) -> str | None:
    for mark in node.iter_markers():  # closest first
        if mark.name in _PATH_MARKS:
            return mark.name
    return None


@pytest.fixture(autouse=True)
def _proof_of_path(request: pytest.FixtureRequest) -> Iterator[None]:
    mark = _path_mark(request.node)
    before = _lib.go_calls()
    yield
    after = _lib.go_calls()
    if mark == "go" and after <= before:
        pytest.fail("marked 'go' but made no call into Go (it ran in NumPy)", pytrace=False)
    if mark == "numpy" and after != before:
        pytest.fail(f"marked 'numpy' but made {after - before} call(s) into Go", pytrace=False)
