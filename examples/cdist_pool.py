"""Distance matrix of 2-D points: row blocks in a ``Pool`` vs ``gonp.cdist``.

The classic recipe splits the points into row blocks, pickles each block
together with all the points to a worker, computes that block's rows of the
distance matrix with ``scipy.spatial.distance.cdist`` and stacks the blocks.
``gonp.cdist(P, P)`` equals ``cdist(P, P)`` and fills the matrix with threads.

Run ``python examples/cdist_pool.py`` (``--quick`` for small data).
"""

from __future__ import annotations

import sys
from functools import partial
from multiprocessing import Pool

import _harness
import gonp
import numpy as np

try:
    from scipy.spatial.distance import cdist
except ImportError:  # scipy is optional: use the NumPy expression
    cdist = None

GONP_FUNCTIONS = ("cdist",)
REFERENCE = "scipy" if cdist is not None else "numpy"
RECIPE_EXACT = True
TOLERANCE = 1e-7  # a distance near 0 may come from a difference of squares


def make_data(quick: bool = False) -> tuple[np.ndarray]:
    """Return ``(P,)``: 3000 (quick: 300) random points in the plane."""
    n = 300 if quick else 3000
    return (np.random.default_rng(6).uniform(-1.0, 1.0, (n, 2)),)


def euclidean(xa: np.ndarray, xb: np.ndarray) -> np.ndarray:
    """Return the Euclidean distances between the rows of ``xa`` and ``xb``.

    Uses scipy's ``cdist`` where installed, else NumPy, one coordinate at a
    time (no ``n x n x d`` temporary).
    """
    if cdist is not None:
        return cdist(xa, xb)
    d2 = np.zeros((len(xa), len(xb)))
    for k in range(xa.shape[1]):
        d2 += np.subtract.outer(xa[:, k], xb[:, k]) ** 2
    return np.sqrt(d2)


def with_reference(p: np.ndarray) -> np.ndarray:
    """Distance matrix with scipy (or NumPy), in one thread."""
    return euclidean(p, p)


def with_pool(p: np.ndarray, processes: int | None = None) -> np.ndarray:
    """Distance matrix with the classic recipe: row blocks computed in a ``Pool``."""
    n = processes or _harness.pool_size()
    with Pool(n) as pool:
        return np.vstack(pool.map(partial(euclidean, xb=p), np.array_split(p, n)))


def with_gonp(p: np.ndarray) -> np.ndarray:
    """Distance matrix with gonp."""
    return gonp.cdist(p, p)


def main() -> None:
    """Run the three forms on demo data, check they agree and print their times."""
    _harness.run_example(sys.modules[__name__], quick="--quick" in sys.argv)


if __name__ == "__main__":
    main()
