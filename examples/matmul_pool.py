"""Matrix product: row blocks of ``A`` times ``B`` in a ``Pool`` vs ``gonp.matmul``.

The classic recipe splits ``A`` by rows and maps ``np.dot(chunk, B)`` over a
``Pool``. The function must be picklable, so it is ``partial(np.dot, b=B)``
rather than a lambda, which means ``B`` itself is pickled to every worker.
gonp multiplies in threads over the caller's memory.

Run ``python examples/matmul_pool.py`` (``--quick`` for small data).
"""

from __future__ import annotations

import sys
from functools import partial
from multiprocessing import Pool

import _harness
import gonp
import numpy as np

GONP_FUNCTIONS = ("matmul",)
REFERENCE = "numpy"
RECIPE_EXACT = True
TOLERANCE = 1e-12 * 2000  # sums of 2000 products, added in another order


def make_data(quick: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(A, B)``: two random 2000x2000 (quick: 200x200) float64 matrices."""
    n = 200 if quick else 2000
    rng = np.random.default_rng(2)
    return rng.standard_normal((n, n)), rng.standard_normal((n, n))


def with_reference(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Multiply with NumPy (its BLAS, with BLAS's own threads)."""
    return a @ b


def with_pool(a: np.ndarray, b: np.ndarray, processes: int | None = None) -> np.ndarray:
    """Multiply with the classic recipe: row blocks of ``a`` times ``b`` in a ``Pool``."""
    p = processes or _harness.pool_size()
    with Pool(p) as pool:
        return np.vstack(pool.map(partial(np.dot, b=b), np.array_split(a, p)))


def with_gonp(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Multiply with gonp."""
    return gonp.matmul(a, b)


def main() -> None:
    """Run the three forms on demo data, check they agree and print their times."""
    _harness.run_example(sys.modules[__name__], quick="--quick" in sys.argv)


if __name__ == "__main__":
    main()
