"""Distance matrices: scipy.spatial.distance's cdist and pdist."""

from __future__ import annotations

from typing import Any

import numpy as np

from gonp import _config, _lib
from gonp._core import FLOAT_DTYPES, check_out, forward_strided, use_go


def _points(X: Any, name: str) -> np.ndarray:
    a = np.asarray(X)
    if a.ndim != 2:
        raise ValueError(f"{name} must be a 2-dimensional array, got {a.ndim} dimensions")
    if a.dtype not in FLOAT_DTYPES:
        if a.dtype.kind not in "iubf":
            raise TypeError(f"{name} has unsupported dtype {a.dtype}")
        a = a.astype(np.float64)
    return forward_strided(a)


def _metric(metric: Any) -> str:
    metrics = _lib.codes().metrics
    if not isinstance(metric, str) or metric not in metrics:
        raise ValueError(f"unknown metric {metric!r}; gonp supports {', '.join(metrics)}")
    return metric


def cdist(XA: Any, XB: Any, /, metric: str = "euclidean", out: Any = None) -> np.ndarray:
    """Distance between each pair of rows of two point sets.

    Same result as ``scipy.spatial.distance.cdist(XA, XB, metric)``, computed
    in parallel by the exact difference formulation (no
    ``|x|^2 + |y|^2 - 2 x.y`` cancellation). float32 input is computed
    natively (accumulating in float64) and gives float32; other input gives
    float64, as scipy.

    Parameters
    ----------
    XA : array_like, shape (ma, d)
    XB : array_like, shape (mb, d)
    metric : str, optional
        One of ``euclidean``, ``sqeuclidean``, ``cityblock``, ``chebyshev``,
        ``cosine``.
    out : ndarray, optional
        Where to write the result, shape (ma, mb), of the result dtype.

    Returns
    -------
    ndarray, shape (ma, mb)

    Raises
    ------
    ValueError
        If an input is not 2-D, the column counts differ, the metric is
        unknown, or ``out`` does not fit.
    """
    name = _metric(metric)
    A, B = _points(XA, "XA"), _points(XB, "XB")
    if A.shape[1] != B.shape[1]:
        raise ValueError(
            f"XA and XB must have the same number of columns (got {A.shape[1]} and {B.shape[1]})"
        )
    dtype = np.result_type(A, B)
    A, B = A.astype(dtype, copy=False), B.astype(dtype, copy=False)
    out_arr = check_out(out)
    shape = (A.shape[0], B.shape[0])
    if out_arr is not None and (out_arr.shape != shape or out_arr.dtype != dtype):
        raise ValueError(f"out must have shape {shape} and dtype {dtype}")
    res = np.empty(shape, dtype) if out_arr is None else out_arr
    if not use_go(shape[0] * shape[1] * max(A.shape[1], 1), "distance"):
        from scipy.spatial.distance import cdist as scipy_cdist

        res[...] = scipy_cdist(A.astype(np.float64), B.astype(np.float64), name)
        return res
    dest = res
    if any(s < 0 or s % res.itemsize for s in res.strides) or (
        out_arr is not None and (np.may_share_memory(res, A) or np.may_share_memory(res, B))
    ):
        dest = np.empty(shape, dtype)
    _lib.cdist(name, A, B, dest, _config.get_num_threads())
    if dest is not res:
        res[...] = dest
    return res


def pdist(X: Any, /, metric: str = "euclidean") -> np.ndarray:
    """Pairwise distances between the rows of ``X`` in condensed form.

    Same result and order as ``scipy.spatial.distance.pdist(X, metric)``:
    the distance of rows ``i < j`` of ``m`` is at ``m*i - i*(i+1)//2 + j - i - 1``.
    float32 input gives float32.

    Parameters
    ----------
    X : array_like, shape (m, d)
    metric : str, optional
        One of ``euclidean``, ``sqeuclidean``, ``cityblock``, ``chebyshev``,
        ``cosine``.

    Returns
    -------
    ndarray, shape (m * (m - 1) // 2,)

    Raises
    ------
    ValueError
        If ``X`` is not 2-D or the metric is unknown.
    """
    name = _metric(metric)
    A = _points(X, "X")
    m = A.shape[0]
    res = np.empty(m * (m - 1) // 2, A.dtype)
    if not use_go(res.size * max(A.shape[1], 1), "distance"):
        from scipy.spatial.distance import pdist as scipy_pdist

        res[...] = scipy_pdist(A.astype(np.float64), name)
        return res
    _lib.pdist(name, A, res, _config.get_num_threads())
    return res
