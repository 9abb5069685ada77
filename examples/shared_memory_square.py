"""Square in place in shared memory: ``Process``es on slices vs ``gonp.square(v, out=v)``.

The classic way to avoid pickling chunks is a ``multiprocessing.Array`` that
worker processes map with ``np.frombuffer`` and square slice by slice, in
place. It works, at the price of process start-up and a special allocation.
gonp squares that very buffer in place too, with threads, in one call; any
NumPy array would do as well.

Run ``python examples/shared_memory_square.py`` (``--quick`` for small data).
"""

from __future__ import annotations

import itertools
import multiprocessing
import sys
from multiprocessing import Process
from typing import Any

import _harness
import gonp
import numpy as np

GONP_FUNCTIONS = ("square",)
REFERENCE = "numpy"
RECIPE_EXACT = True

_ORIGINAL: dict[int, np.ndarray] = {}


def make_data(quick: bool = False) -> tuple[Any, np.ndarray]:
    """Return ``(shared, v)``: a shared ``Array('d', n)`` and its NumPy view.

    ``n`` is 10 million (quick: 100 thousand); the values are random.
    """
    n = 100_000 if quick else 10_000_000
    shared = multiprocessing.Array("d", n)
    v = np.frombuffer(shared.get_obj())
    original = np.random.default_rng(3).standard_normal(n)
    _ORIGINAL[id(shared)] = original
    v[:] = original
    return shared, v


def prepare(shared: Any, v: np.ndarray) -> None:
    """Restore the original values before the next in-place call."""
    v[:] = _ORIGINAL[id(shared)]


def square_slice(shared: Any, start: int, stop: int) -> None:
    """Square ``shared[start:stop]`` in place; runs in a worker process."""
    v = np.frombuffer(shared.get_obj())
    np.square(v[start:stop], out=v[start:stop])


def with_reference(shared: Any, v: np.ndarray) -> np.ndarray:
    """Square in place with NumPy, in one thread."""
    return np.square(v, out=v)


def with_pool(shared: Any, v: np.ndarray, processes: int | None = None) -> np.ndarray:
    """Square in place with the classic recipe: one ``Process`` per slice."""
    p = processes or _harness.pool_size()
    bounds = np.linspace(0, len(v), p + 1).astype(int)
    workers = [
        Process(target=square_slice, args=(shared, int(lo), int(hi)))
        for lo, hi in itertools.pairwise(bounds)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    failed = [w.exitcode for w in workers if w.exitcode != 0]
    if failed:
        raise RuntimeError(f"{len(failed)} worker process(es) failed, exit codes {failed}")
    return v


def with_gonp(shared: Any, v: np.ndarray) -> np.ndarray:
    """Square in place with gonp, on the same shared buffer."""
    return gonp.square(v, out=v)


def main() -> None:
    """Run the three forms on demo data, check they agree and print their times."""
    _harness.run_example(sys.modules[__name__], quick="--quick" in sys.argv)


if __name__ == "__main__":
    main()
