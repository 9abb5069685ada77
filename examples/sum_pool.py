"""Sum a large array: ``sum(pool.map(np.sum, np.array_split(a, p)))`` vs ``gonp.sum``.

The classic recipe ships every chunk to a worker process just to get one
number back per chunk. gonp sums in threads over the caller's memory, and its
result does not depend on the number of threads.

Run ``python examples/sum_pool.py`` (``--quick`` for small data).
"""

from __future__ import annotations

import sys
from multiprocessing import Pool

import _harness
import gonp
import numpy as np

GONP_FUNCTIONS = ("sum",)
REFERENCE = "numpy"
RECIPE_EXACT = True


def make_data(quick: bool = False) -> tuple[np.ndarray]:
    """Return ``(a,)``: 10 million (quick: 100 thousand) random float64."""
    n = 100_000 if quick else 10_000_000
    return (np.random.default_rng(1).standard_normal(n),)


def with_reference(a: np.ndarray) -> float:
    """Sum with NumPy, in one thread."""
    return float(np.sum(a))


def with_pool(a: np.ndarray, processes: int | None = None) -> float:
    """Sum with the classic recipe: chunk sums computed in a ``Pool``, then added."""
    p = processes or _harness.pool_size()
    with Pool(p) as pool:
        return float(sum(pool.map(np.sum, np.array_split(a, p))))


def with_gonp(a: np.ndarray) -> float:
    """Sum with gonp."""
    return float(gonp.sum(a))


def main() -> None:
    """Run the three forms on demo data, check they agree and print their times."""
    _harness.run_example(sys.modules[__name__], quick="--quick" in sys.argv)


if __name__ == "__main__":
    main()
