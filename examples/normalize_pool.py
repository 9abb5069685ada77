"""Normalize an array: per-chunk ``(c - c.mean()) / c.std()`` in a ``Pool`` vs ``gonp.normalize``.

The chunked recipe is fast to write and *wrong*: each worker subtracts its
own chunk's mean and divides by its own chunk's standard deviation, so the
result depends on the number of processes. Correct chunking needs two passes
(statistics first, then the transform) and more pickling. ``gonp.normalize``
merges per-block (count, mean, M2) statistics exactly and returns
``(a - a.mean()) / a.std()``.

Run ``python examples/normalize_pool.py`` (``--quick`` for small data).
"""

from __future__ import annotations

import sys
from multiprocessing import Pool

import _harness
import gonp
import numpy as np

GONP_FUNCTIONS = ("normalize",)
REFERENCE = "numpy"
RECIPE_EXACT = False
RECIPE_NOTE = "the chunked recipe uses each chunk's own mean and std, not the array's"
TOLERANCE = 1e-8


def make_data(quick: bool = False) -> tuple[np.ndarray]:
    """Return ``(a,)``: 10 million (quick: 100 thousand) values with a trend.

    The trend (a ramp plus noise) makes chunk statistics differ from the whole
    array's, as they do in real series.
    """
    n = 100_000 if quick else 10_000_000
    rng = np.random.default_rng(4)
    return (np.linspace(0.0, 10.0, n) + rng.standard_normal(n),)


def normalize_chunk(c: np.ndarray) -> np.ndarray:
    """Normalize one chunk by its own statistics; runs in a worker process."""
    return (c - c.mean()) / c.std()


def with_reference(a: np.ndarray) -> np.ndarray:
    """Normalize with NumPy: ``(a - a.mean()) / a.std()``."""
    return (a - a.mean()) / a.std()


def with_pool(a: np.ndarray, processes: int | None = None) -> np.ndarray:
    """Normalize with the chunked recipe (per-chunk statistics: not the same result)."""
    p = processes or _harness.pool_size()
    with Pool(p) as pool:
        return np.concatenate(pool.map(normalize_chunk, np.array_split(a, p)))


def with_gonp(a: np.ndarray) -> np.ndarray:
    """Normalize with gonp, by the whole array's statistics."""
    return gonp.normalize(a)


def main() -> None:
    """Run the three forms on demo data, check they agree and print their times."""
    _harness.run_example(sys.modules[__name__], quick="--quick" in sys.argv)


if __name__ == "__main__":
    main()
