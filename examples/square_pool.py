"""Square a large array: ``multiprocessing.Pool`` + ``np.array_split`` vs ``gonp.square``.

The classic recipe splits the array into one chunk per process, pickles each
chunk to a worker, squares it there, pickles the result back and joins the
pieces. gonp squares the caller's array in place of all that, with threads
that read and write the same memory.

Run ``python examples/square_pool.py`` (``--quick`` for small data).
"""

from __future__ import annotations

import sys
from multiprocessing import Pool

import _harness
import gonp
import numpy as np

GONP_FUNCTIONS = ("square",)
REFERENCE = "numpy"
RECIPE_EXACT = True


def make_data(quick: bool = False) -> tuple[np.ndarray]:
    """Return ``(a,)``: 10 million (quick: 100 thousand) random float64."""
    n = 100_000 if quick else 10_000_000
    return (np.random.default_rng(0).standard_normal(n),)


def with_reference(a: np.ndarray) -> np.ndarray:
    """Square with NumPy, in one thread."""
    return np.square(a)


def with_pool(a: np.ndarray, processes: int | None = None) -> np.ndarray:
    """Square with the classic recipe: chunks pickled to a ``Pool`` and back."""
    p = processes or _harness.pool_size()
    with Pool(p) as pool:
        return np.concatenate(pool.map(np.square, np.array_split(a, p)))


def with_gonp(a: np.ndarray) -> np.ndarray:
    """Square with gonp: one call, all cores, no copies besides the result."""
    return gonp.square(a)


def main() -> None:
    """Run the three forms on demo data, check they agree and print their times."""
    _harness.run_example(sys.modules[__name__], quick="--quick" in sys.argv)


if __name__ == "__main__":
    main()
