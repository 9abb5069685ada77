"""Standardize feature columns: per-chunk statistics in a ``Pool`` vs ``gonp.standardize``.

The chunked recipe splits the rows of a feature matrix over a ``Pool`` and
scales each block by its own column means and standard deviations: fast to
write and *wrong*, since every block gets different statistics.
``gonp.standardize(F)`` gives what ``StandardScaler().fit_transform(F)`` gives,
with the columns' statistics over all rows.

Run ``python examples/standardize_pool.py`` (``--quick`` for small data).
"""

from __future__ import annotations

import sys
from multiprocessing import Pool

import _harness
import gonp
import numpy as np

try:
    from sklearn.preprocessing import StandardScaler
except ImportError:  # scikit-learn is optional: compare with the NumPy expression
    StandardScaler = None

GONP_FUNCTIONS = ("standardize",)
REFERENCE = "sklearn" if StandardScaler is not None else "numpy"
RECIPE_EXACT = False
RECIPE_NOTE = "the chunked recipe uses each row block's own column statistics"
TOLERANCE = 1e-8


def make_data(quick: bool = False) -> tuple[np.ndarray]:
    """Return ``(F,)``: 1 million (quick: 10 thousand) rows of 10 features.

    Each feature has its own scale and offset, and drifts along the rows, so
    row blocks have statistics of their own.
    """
    rows = 10_000 if quick else 1_000_000
    rng = np.random.default_rng(5)
    scale = rng.uniform(0.1, 100.0, 10)
    offset = rng.uniform(-50.0, 50.0, 10)
    drift = np.linspace(0.0, 1.0, rows)[:, None]
    return (rng.standard_normal((rows, 10)) * scale + offset + drift * scale,)


def standardize_chunk(c: np.ndarray) -> np.ndarray:
    """Standardize one row block by its own column statistics; runs in a worker."""
    return (c - c.mean(axis=0)) / c.std(axis=0)


def with_reference(f: np.ndarray) -> np.ndarray:
    """Standardize with ``StandardScaler`` (or its NumPy expression without sklearn)."""
    if StandardScaler is not None:
        return StandardScaler().fit_transform(f)
    return (f - f.mean(axis=0)) / f.std(axis=0)


def with_pool(f: np.ndarray, processes: int | None = None) -> np.ndarray:
    """Standardize with the chunked recipe (per-block statistics: not the same result)."""
    p = processes or _harness.pool_size()
    with Pool(p) as pool:
        return np.vstack(pool.map(standardize_chunk, np.array_split(f, p)))


def with_gonp(f: np.ndarray) -> np.ndarray:
    """Standardize with gonp, by the columns' statistics over all rows."""
    return gonp.standardize(f)


def main() -> None:
    """Run the three forms on demo data, check they agree and print their times."""
    _harness.run_example(sys.modules[__name__], quick="--quick" in sys.argv)


if __name__ == "__main__":
    main()
