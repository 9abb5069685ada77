"""Thread count and small-array thresholds."""

from __future__ import annotations

import contextlib
import operator
import os
from collections.abc import Iterator

# Below these sizes (elements; m*n*k for matmul; ma*mb*d for distances) a
# call goes straight to NumPy: there the crossing into Go, or a second
# thread, costs more than it saves. From the crossover search of `make bench`
# (bench/run.py --only crossover: every operation family of a kind, threshold
# 0, gonp and NumPy interleaved, medians of 5; sizes 100 * 2**k up to 2.6e7;
# the crossover is the smallest size gonp wins from on, a tie within 5 %
# above it allowed) on a 2-vCPU AMD EPYC VM (Zen 4, AVX-512) with both
# threads, three runs of this build (07:27-07:45 UTC, 2026-11-29, the first
# beside other work on the machine). Memory-bound families lose single
# sizes above 1e6 to noise (fresh outputs of tens of MB), so a kind's
# threshold is where its families win from in the small and middle sizes:
#   elementwise     square out= and add out= from 5.1e4 in all three (1.23-1.73x
#                   there; 0.80-0.90x at 2.6e4, where one pool chunk runs);
#                   add of a scalar, new output, from 2.6e4-5.1e4: 6.6e4
#   transcendental  exp from 2.6e4 (1.03-1.05x, 1.5-1.6x from 5.1e4), log
#                   from 6.4e3-5.1e4 (one run ties, 0.92-1.08x, up to 8e5),
#                   power from 400-3200: 5.1e4
#   trig            sin wins from 200 (1.25-1.32x); float32 sin and cos
#                   (checked apart earlier) tie at 2.6e4 and win from 1e5: 2.6e4
#   reduce          sum and mean from 100 (1.06-1.6x below 1e4): 2.6e4, as before
#   reduce_axis     sum(x, axis=0) of (n/16, 16): 2.6e4 in all three
#   stats           normalize 5.1e4-1e5, standardize 6.4e3-1.3e4: 1e5
#   distance        cdist (m, 16): 1e5 in all three
#   evaluate        (three later runs, 10:06-10:25 UTC, the same machine,
#                   after faster exp and matmul) 2*a + 3*b wins from 5.1e4
#                   in all three (1.34-1.59x there, 1.07-2.07x above);
#                   checked apart on the same sizes, the polynomial, sin/cos,
#                   where, sqrt and sum(exp) expressions win from 2.6e4 or
#                   5.1e4 (1.55-3.6x at 5.1e4), where NumPy's expression
#                   makes a temporary per operator: 5.1e4 (was 1.6e6)
#   matmul          (after the 2-D call went through the compiled module,
#                   and with each sample warmed 0.2 s, as the matmul cases,
#                   so that OpenBLAS's polling threads leave the cores;
#                   two runs, 09:50-09:56 UTC) square float64 products win
#                   from 8.2e5 (1.63-1.64x) up to 1.3e7 (1.15-1.21x) and
#                   lost at 2.6e7 (297^3: 0.83-0.92x, k deeper than one
#                   block of the kernels; with the direct kernel's later
#                   limits, 0.99x, float32 1.15x); float32 ones (checked
#                   apart) tie at 88^3 (0.92x) and win from 94^3 (1.21x):
#                   8.2e5
# More cores move every crossover down.
DEFAULT_THRESHOLDS: dict[str, int] = {
    "elementwise": 65_536,
    "transcendental": 51_200,
    "trig": 25_600,
    "reduce": 25_600,
    "reduce_axis": 25_600,
    "matmul": 819_200,
    "stats": 102_400,
    "distance": 102_400,
    "evaluate": 51_200,
}

_threshold_override: int | None = None
# The threshold in force for each kind, kept up to date by set_threshold so
# that the hot path reads one dict entry.
EFFECTIVE: dict[str, int] = dict(DEFAULT_THRESHOLDS)
# Below this size a reduction goes to NumPy whatever its axes.
EFFECTIVE["reduce_any"] = min(EFFECTIVE["reduce"], EFFECTIVE["reduce_axis"])
_num_threads: int | None = None


def _default_threads() -> int:
    env = os.environ.get("GONP_NUM_THREADS")
    if env:
        try:
            n = int(env)
        except ValueError:
            raise ValueError(f"GONP_NUM_THREADS must be a positive integer, got {env!r}") from None
        if n < 1:
            raise ValueError(f"GONP_NUM_THREADS must be a positive integer, got {env!r}")
        return n
    omp = _omp_threads()
    if omp is not None:
        return omp
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _omp_threads() -> int | None:
    """``OMP_NUM_THREADS`` as OpenMP reads it (the first of a nested list), or
    None if it is unset or not a positive integer (OpenMP ignores those too)."""
    env = os.environ.get("OMP_NUM_THREADS", "").split(",")[0].strip()
    try:
        n = int(env)
    except ValueError:
        return None
    return n if n >= 1 else None


def get_num_threads() -> int:
    """Return the number of threads gonp uses for one call.

    The default is the environment variable ``GONP_NUM_THREADS`` if set (read
    on first use), else ``OMP_NUM_THREADS`` (so that joblib, loky and dask
    workers, which set it, limit gonp too), else the number of CPUs this
    process may run on.

    Examples
    --------
    >>> import gonp
    >>> with gonp.threads(2):
    ...     gonp.get_num_threads()
    2
    """
    global _num_threads
    if _num_threads is None:
        _num_threads = _default_threads()
    return _num_threads


def set_num_threads(n: int) -> int:
    """Set the number of threads gonp uses for one call.

    Parameters
    ----------
    n : int
        Positive number of threads.

    Returns
    -------
    int
        The previous setting.

    Examples
    --------
    >>> import gonp
    >>> old = gonp.set_num_threads(3)
    >>> gonp.get_num_threads()
    3
    >>> gonp.set_num_threads(old)
    3
    """
    global _num_threads
    if isinstance(n, bool):
        raise TypeError("number of threads must be an int, got bool")
    try:
        n = operator.index(n)
    except TypeError:
        raise TypeError(f"number of threads must be an int, got {type(n).__name__}") from None
    if n < 1:
        raise ValueError(f"number of threads must be >= 1, got {n}")
    old = get_num_threads()
    _num_threads = int(n)
    return old


@contextlib.contextmanager
def threads(n: int) -> Iterator[None]:
    """Use ``n`` threads inside a ``with`` block, then restore the old count.

    The setting is process-wide, like ``numexpr.set_num_threads``.

    Examples
    --------
    >>> import gonp
    >>> before = gonp.get_num_threads()
    >>> with gonp.threads(1):
    ...     gonp.get_num_threads()
    1
    >>> gonp.get_num_threads() == before
    True
    """
    old = set_num_threads(n)
    try:
        yield
    finally:
        set_num_threads(old)


def get_threshold(kind: str) -> int:
    """Return the size below which calls of ``kind`` go straight to NumPy.

    ``kind`` is one of ``DEFAULT_THRESHOLDS``'s keys.

    Examples
    --------
    >>> import gonp
    >>> old = gonp.set_threshold(0)
    >>> gonp.get_threshold("elementwise")
    0
    >>> _ = gonp.set_threshold(old)
    """
    if kind not in DEFAULT_THRESHOLDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {sorted(DEFAULT_THRESHOLDS)}")
    if _threshold_override is not None:
        return _threshold_override
    return DEFAULT_THRESHOLDS[kind]


def set_threshold(n: int | None) -> int | None:
    """Override every small-array threshold with ``n`` (0: always use Go).

    ``None`` restores the measured defaults. Returns the previous override.

    Examples
    --------
    >>> import gonp
    >>> old = gonp.set_threshold(1000)
    >>> gonp.get_threshold("reduce")
    1000
    >>> gonp.set_threshold(old)
    1000
    """
    global _threshold_override
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 0):
        raise ValueError(f"threshold must be a non-negative int or None, got {n!r}")
    old = _threshold_override
    _threshold_override = n
    for kind, default in DEFAULT_THRESHOLDS.items():
        EFFECTIVE[kind] = default if n is None else n
    EFFECTIVE["reduce_any"] = min(EFFECTIVE["reduce"], EFFECTIVE["reduce_axis"])
    return old
