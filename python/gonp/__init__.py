"""gonp: parallel NumPy operations computed by Go, with no GIL and no copies.

gonp's functions take and return NumPy arrays and behave like the NumPy
functions of the same names; a Go goroutine pool computes them in place on
the arrays' own memory. See ``gonp.info()`` for the build in use.
"""

from __future__ import annotations

from typing import Any

from gonp._config import get_num_threads, get_threshold, set_num_threads, set_threshold, threads
from gonp._distance import cdist, pdist
from gonp._evaluate import evaluate
from gonp._info import show_config
from gonp._linalg import matmul
from gonp._neighbors import cdist_argmin, knn
from gonp._reductions import max, mean, min, std, sum, var  # noqa: A004
from gonp._stats import normalize, standardize
from gonp._ufuncs import (
    abs,  # noqa: A004
    absolute,
    add,
    cos,
    divide,
    exp,
    log,
    maximum,
    minimum,
    multiply,
    negative,
    power,
    sin,
    sqrt,
    square,
    subtract,
)

__version__ = "0.1.0"

__all__ = [
    "abs",
    "absolute",
    "add",
    "cdist",
    "cdist_argmin",
    "cos",
    "evaluate",
    "divide",
    "exp",
    "get_num_threads",
    "get_threshold",
    "info",
    "knn",
    "log",
    "matmul",
    "max",
    "maximum",
    "mean",
    "min",
    "minimum",
    "multiply",
    "negative",
    "normalize",
    "pdist",
    "power",
    "set_num_threads",
    "set_threshold",
    "show_config",
    "sin",
    "sqrt",
    "square",
    "standardize",
    "std",
    "subtract",
    "sum",
    "threads",
    "var",
]


def info() -> dict[str, Any]:
    """Return facts about the Go core: Go version, SIMD path, thread counts.

    Loads the shared library (starting the Go runtime) if it is not loaded.

    Examples
    --------
    >>> import gonp
    >>> facts = gonp.info()
    >>> facts["go_version"].startswith("go"), facts["num_threads"] >= 1
    (True, True)
    """
    from gonp import _lib

    facts = _lib.info()
    facts["num_threads"] = get_num_threads()
    facts["library"] = str(_lib.library_path())
    facts["version"] = __version__
    return facts


def _install_integrations() -> None:
    # threadpoolctl and dask support, set up when those are imported (now if
    # they already are); gonp imports neither.
    from gonp import _dask, _threadpool
    from gonp._importhook import when_imported

    _threadpool.install()
    when_imported("dask.array", _dask.install)


_install_integrations()
