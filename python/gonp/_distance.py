"""Distance matrices: scipy.spatial.distance's cdist and pdist.

Every metric name and alias scipy accepts is accepted. The metrics whose
canonical name the library defines (``_lib.codes().metrics``) are computed in
Go with the keyword arguments listed in ``_NATIVE_KWARGS``; every other metric,
callable or keyword argument is handed to ``scipy.spatial.distance`` when SciPy
is installed, else a ``ValueError`` names what is missing.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gonp import _config, _lib
from gonp._core import FLOAT_DTYPES, check_out, forward_strided, use_go

# The keyword arguments each native metric takes in Go (beyond ``out``).
_NATIVE_KWARGS: dict[str, frozenset[str]] = {
    "euclidean": frozenset({"w"}),
    "sqeuclidean": frozenset({"w"}),
    "cityblock": frozenset({"w"}),
    "chebyshev": frozenset({"w"}),
    "cosine": frozenset({"w"}),
    "minkowski": frozenset({"p", "w"}),
    "seuclidean": frozenset({"V"}),
    "correlation": frozenset(),
    "braycurtis": frozenset({"w"}),
    "canberra": frozenset({"w"}),
    "mahalanobis": frozenset({"VI"}),
    "jensenshannon": frozenset(),
    "hamming": frozenset({"w"}),
    "jaccard": frozenset({"w"}),
    "dice": frozenset({"w"}),
    "rogerstanimoto": frozenset({"w"}),
    "russellrao": frozenset({"w"}),
    "sokalsneath": frozenset({"w"}),
    "yule": frozenset({"w"}),
}

# Used only when SciPy is not installed (its own table is read otherwise):
# scipy's aliases of the metrics gonp computes.
_FALLBACK_ALIASES: dict[str, tuple[str, ...]] = {
    "euclidean": ("euclid", "eu", "e"),
    "sqeuclidean": ("sqe", "sqeuclid"),
    "cityblock": ("cblock", "cb", "c"),
    "chebyshev": ("chebychev", "cheby", "cheb", "ch"),
    "cosine": ("cos",),
    "minkowski": ("mi", "m", "pnorm"),
    "seuclidean": ("se", "s"),
    "correlation": ("co",),
    "braycurtis": (),
    "canberra": (),
    "mahalanobis": ("mahal", "mah"),
    "jensenshannon": ("js",),
    "hamming": ("matching", "hamm", "ha", "h"),
    "jaccard": ("jacc", "ja", "j"),
    "dice": (),
    "rogerstanimoto": (),
    "russellrao": (),
    "sokalsneath": (),
    "yule": (),
}

_alias_table: dict[str, str] | None = None
_scipy_funcs: dict[str, Any] | None = None


def _scipy_distance() -> Any:
    try:
        from scipy.spatial import distance
    except ImportError:
        return None
    return distance


def scipy_functions() -> dict[str, Any]:
    """SciPy's own ``cdist`` and ``pdist``, read once, so that calls gonp
    hands on still reach SciPy when its module's names are replaced by
    gonp's; empty without SciPy."""
    global _scipy_funcs
    if _scipy_funcs is None:
        sd = _scipy_distance()
        _scipy_funcs = {} if sd is None else {"cdist": sd.cdist, "pdist": sd.pdist}
    return _scipy_funcs


def _aliases() -> dict[str, str]:
    """Lower-case name or alias -> canonical metric name, from SciPy's table."""
    global _alias_table
    if _alias_table is None:
        sd = _scipy_distance()
        table: dict[str, str] = {}
        if sd is not None and hasattr(sd, "_METRIC_ALIAS"):
            for alias, info in sd._METRIC_ALIAS.items():
                table[alias] = info.canonical_name
        else:
            for name, alts in _FALLBACK_ALIASES.items():
                for a in (name, *alts):
                    table[a] = name
        _alias_table = table
    return _alias_table


def _metric(metric: Any) -> str:
    """Check that ``metric`` is a metric name or alias SciPy (or, without
    SciPy, gonp) knows; return it. For callers that take names only."""
    if not isinstance(metric, str) or metric.lower() not in _aliases():
        raise ValueError(f"unknown metric {metric!r}")
    return metric


def _native_name(metric: Any, kwargs: dict[str, Any]) -> str | None:
    """The canonical name if gonp computes this call in Go, else None."""
    if not isinstance(metric, str):
        return None
    name = _aliases().get(metric.lower())
    if name is None or name not in _lib.codes().metrics:
        return None
    if not set(kwargs) <= _NATIVE_KWARGS.get(name, frozenset()):
        return None
    return name


def _to_scipy(fn: str, args: tuple[Any, ...], metric: Any, out: Any, kwargs: dict[str, Any]) -> Any:
    funcs = scipy_functions()
    if not funcs:
        if isinstance(metric, str) and metric.lower() not in _aliases():
            raise ValueError(f"Unknown Distance Metric: {metric.lower()}")
        extra = f" with keyword arguments {sorted(kwargs)}" if kwargs else ""
        raise ValueError(
            f"gonp.{fn}: metric {metric!r}{extra} is not computed by gonp and SciPy, "
            "which computes it, is not installed"
        )
    return funcs[fn](*args, metric=metric, out=out, **kwargs)


def _points(X: Any, name: str) -> np.ndarray | None:
    """X as a 2-D float array gonp reads, or None for input gonp leaves to SciPy."""
    a = np.asarray(X)
    if a.ndim != 2:
        raise ValueError(f"{name} must be a 2-dimensional array, got {a.ndim} dimensions")
    if a.dtype not in FLOAT_DTYPES:
        if a.dtype.kind not in "iub":
            return None
        a = a.astype(np.float64)
    return forward_strided(a)


def _weights(w: Any, n: int) -> np.ndarray:
    w = np.asarray(w)
    if w.ndim != 1:
        raise ValueError("Weights must be a vector (ndim = 1)")
    if w.shape[0] != n:
        raise ValueError(f"Weights must have same size as input vector. {w.shape[0]} vs. {n}.")
    w = np.ascontiguousarray(w, dtype=np.float64)
    if np.any(w < 0):
        raise ValueError("Input weights should be all non-negative")
    return w


def _params(
    name: str, n: int, kwargs: dict[str, Any], points: tuple[np.ndarray, ...]
) -> tuple[float, np.ndarray | None]:
    """Check the keyword arguments as SciPy does; return (p, weight vector)."""
    p = 2.0
    w = None if kwargs.get("w") is None else _weights(kwargs["w"], n)
    if name == "minkowski" and "p" in kwargs:
        # SciPy's string metric takes any p: (sum |u-v|^p)^(1/p) as pow gives it.
        p = float(kwargs["p"])
    if name == "seuclidean":
        V = kwargs.get("V")
        if V is None:
            X = np.vstack([a.astype(np.float64, copy=False) for a in points])
            V = np.var(X, axis=0, ddof=1)
        else:
            V = np.asarray(V, order="C")
            if V.ndim != 1:
                raise ValueError("Variance vector V must be one-dimensional.")
            if V.shape[0] != n:
                raise ValueError(
                    "Variance vector V must be of the same dimension as the vectors on "
                    "which the distances are computed."
                )
        w = np.ascontiguousarray(V, dtype=np.float64)
    if name == "mahalanobis":
        w = _inverse_covariance(n, kwargs.get("VI"), points).ravel()
    return p, w


def _inverse_covariance(n: int, VI: Any, points: tuple[np.ndarray, ...]) -> np.ndarray:
    """Mahalanobis's VI as SciPy takes or derives it (from the stacked points)."""
    if VI is None:
        m = sum(a.shape[0] for a in points)
        if m <= n:
            raise ValueError(
                f"The number of observations ({m}) is too small; "
                f"the covariance matrix is singular. For observations "
                f"with {n} dimensions, at least {n + 1} observations are required."
            )
        X = np.vstack([a.astype(np.float64, copy=False) for a in points])
        VI = np.linalg.inv(np.atleast_2d(np.cov(X.T))).T
    VI = np.ascontiguousarray(VI, dtype=np.float64)
    if VI.shape != (n, n):
        raise ValueError(f"VI must be a {n}x{n} matrix, got shape {VI.shape}")
    return VI


# The metrics SciPy computes through its Python wrappers, whose out= messages
# differ from those of its compiled metrics.
_WRAPPED = frozenset({"cosine", "correlation", "seuclidean", "mahalanobis", "jensenshannon"})


def _check_out(out: Any, shape: tuple[int, ...], dtype: np.dtype, name: str) -> np.ndarray | None:
    """Check ``out`` as SciPy does (same messages); float32 results may also
    be written into a float32 ``out``."""
    out_arr = check_out(out)
    if out_arr is None:
        return None
    wrapped = name in _WRAPPED
    if out_arr.shape != shape:
        raise ValueError("Output array has incorrect shape.")
    if not out_arr.flags.c_contiguous:
        raise ValueError("Output array must be C-contiguous" + ("." if wrapped else ""))
    if out_arr.dtype != np.float64 and out_arr.dtype != dtype:
        raise ValueError(
            "Output array must be double type." if wrapped else "wrong out dtype, expected float64"
        )
    return out_arr


def cdist(
    XA: Any, XB: Any, metric: Any = "euclidean", *, out: Any = None, **kwargs: Any
) -> np.ndarray:
    """Distance between each pair of rows of two point sets.

    Same result as ``scipy.spatial.distance.cdist(XA, XB, metric, **kwargs)``.
    Every metric name and alias SciPy accepts is accepted. Computed in Go, in
    parallel and by the exact difference formulation (no
    ``|x|^2 + |y|^2 - 2 x.y`` cancellation): ``euclidean``, ``sqeuclidean``,
    ``cityblock``, ``chebyshev``, ``cosine``, ``correlation``,
    ``braycurtis``, ``canberra``, the boolean ``hamming``, ``jaccard``,
    ``dice``, ``rogerstanimoto``, ``russellrao``, ``sokalsneath``, ``yule``
    (each with optional weights ``w``; bool input is read as 0/1),
    ``minkowski`` (``p``, ``w``), ``seuclidean`` (``V``), ``mahalanobis``
    (``VI``) and ``jensenshannon``. Other metrics, callables and keyword
    arguments are handed to SciPy when it is installed. float32 input
    computed in Go gives float32 (sums run in float64); other input gives
    float64, as SciPy.

    Parameters
    ----------
    XA : array_like, shape (ma, d)
    XB : array_like, shape (mb, d)
    metric : str or callable, optional
        A SciPy metric name or alias (case-insensitive), or a callable.
    out : ndarray, optional
        Where to write the result: shape (ma, mb), C-contiguous, float64 (or
        the result dtype).
    **kwargs
        SciPy's metric arguments: ``w``, ``p``, ``V``, ``VI``.

    Returns
    -------
    ndarray, shape (ma, mb)

    Raises
    ------
    ValueError
        As SciPy: an input is not 2-D, the column counts differ, the metric
        is unknown, a weight or variance vector or ``p`` is invalid, or
        ``out`` does not fit; or the metric needs SciPy and it is missing.

    Examples
    --------
    >>> import gonp
    >>> gonp.cdist([[0.0, 0.0]], [[3.0, 4.0], [1.0, 0.0]], "minkowski", p=1)
    array([[7., 1.]])
    """
    name = _native_name(metric, kwargs)
    if name is None:
        return _to_scipy("cdist", (XA, XB), metric, out, kwargs)
    A, B = _points(XA, "XA"), _points(XB, "XB")
    if A is None or B is None:
        return _to_scipy("cdist", (XA, XB), metric, out, kwargs)
    if A.shape[1] != B.shape[1]:
        raise ValueError(
            f"XA and XB must have the same number of columns (got {A.shape[1]} and {B.shape[1]})"
        )
    dtype = np.result_type(A, B)
    A, B = A.astype(dtype, copy=False), B.astype(dtype, copy=False)
    p, w = _params(name, A.shape[1], kwargs, (A, B))
    shape = (A.shape[0], B.shape[0])
    out_arr = _check_out(out, shape, dtype, name)
    res = np.empty(shape, dtype) if out_arr is None else out_arr
    if not use_go(shape[0] * shape[1] * max(A.shape[1], 1), "distance") and (
        _scipy_distance() is not None
    ):
        res[...] = scipy_functions()["cdist"](
            A.astype(np.float64), B.astype(np.float64), name, **kwargs
        )
        return res
    dest = res
    if out_arr is not None and (np.may_share_memory(res, A) or np.may_share_memory(res, B)):
        dest = np.empty(shape, dtype)
    _lib.cdist(name, A, B, dest, _config.get_num_threads(), p, w)
    if dest is not res:
        res[...] = dest
    return res


def pdist(X: Any, metric: Any = "euclidean", *, out: Any = None, **kwargs: Any) -> np.ndarray:
    """Pairwise distances between the rows of ``X`` in condensed form.

    Same result and order as ``scipy.spatial.distance.pdist(X, metric,
    **kwargs)``: the distance of rows ``i < j`` of ``m`` is at
    ``m*i - i*(i+1)//2 + j - i - 1``. Metrics, aliases and keyword arguments
    as :func:`cdist`. float32 input computed in Go gives float32.

    Parameters
    ----------
    X : array_like, shape (m, d)
    metric : str or callable, optional
        A SciPy metric name or alias (case-insensitive), or a callable.
    out : ndarray, optional
        Where to write the result: shape (m * (m - 1) // 2,), float64 (or the
        result dtype).
    **kwargs
        SciPy's metric arguments: ``w``, ``p``, ``V``, ``VI``.

    Returns
    -------
    ndarray, shape (m * (m - 1) // 2,)

    Raises
    ------
    ValueError
        As :func:`cdist`.

    Examples
    --------
    >>> import gonp
    >>> gonp.pdist([[0.0, 0.0], [3.0, 4.0], [1.0, 0.0]], "euclid")
    array([5.        , 1.        , 4.47213595])
    """
    name = _native_name(metric, kwargs)
    if name is None:
        return _to_scipy("pdist", (X,), metric, out, kwargs)
    A = _points(X, "X")
    if A is None:
        return _to_scipy("pdist", (X,), metric, out, kwargs)
    p, w = _params(name, A.shape[1], kwargs, (A,))
    m = A.shape[0]
    shape = (m * (m - 1) // 2,)
    out_arr = _check_out(out, shape, A.dtype, name)
    res = np.empty(shape, A.dtype) if out_arr is None else out_arr
    if not use_go(res.size * max(A.shape[1], 1), "distance") and _scipy_distance() is not None:
        res[...] = scipy_functions()["pdist"](A.astype(np.float64), name, **kwargs)
        return res
    dest = res
    if out_arr is not None and np.may_share_memory(res, A):
        dest = np.empty(shape, A.dtype)
    _lib.pdist(name, A, dest, _config.get_num_threads(), p, w)
    if dest is not res:
        res[...] = dest
    return res
