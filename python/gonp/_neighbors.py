"""Nearest neighbours without the distance matrix: scikit-learn's brute-force
``NearestNeighbors.kneighbors`` and ``pairwise_distances_argmin_min``.

The five tiled metrics (``euclidean``, ``sqeuclidean``, ``cityblock``,
``chebyshev``, ``cosine``, by any SciPy alias or scikit-learn's ``l1``,
``l2``, ``manhattan``) run in Go: each tile of exact distances is merged into
the rows' sorted lists as it is computed, so memory is O(len(XA)·k). Every
other metric :func:`gonp.cdist` accepts is computed a block of XA rows at a
time with :func:`gonp.cdist` and a stable sort, which gives the same order.
"""

from __future__ import annotations

import operator
from typing import Any

import numpy as np

from gonp import _config, _lib
from gonp._distance import _aliases, _points, cdist

_TILED = frozenset({"euclidean", "sqeuclidean", "cityblock", "chebyshev", "cosine"})
# scikit-learn's own names of metrics SciPy spells otherwise.
_SKLEARN_NAMES = {"manhattan": "cityblock", "l1": "cityblock", "l2": "euclidean"}
# Distances a block of the matrix may hold on the path through cdist.
_BLOCK = 1 << 22


def _canonical(metric: Any) -> str | None:
    if not isinstance(metric, str):
        return None
    m = metric.lower()
    return _SKLEARN_NAMES.get(m) or _aliases().get(m)


def _pair(XA: Any, XB: Any) -> tuple[np.ndarray, np.ndarray] | None:
    A, B = _points(XA, "XA"), _points(XB, "XB")
    if A is None or B is None:
        return None
    if A.shape[1] != B.shape[1]:
        raise ValueError(
            f"XA and XB must have the same number of columns (got {A.shape[1]} and {B.shape[1]})"
        )
    dtype = np.result_type(A, B)
    return A.astype(dtype, copy=False), B.astype(dtype, copy=False)


def _whole_data_defaults(
    name: str | None, A: np.ndarray, B: np.ndarray, kwargs: dict[str, Any]
) -> dict[str, Any]:
    """SciPy derives seuclidean's V and mahalanobis's VI from XA and XB
    stacked; compute them once here so every block uses the same."""
    if name == "seuclidean" and kwargs.get("V") is None:
        X = np.vstack([A.astype(np.float64), B.astype(np.float64)])
        return {**kwargs, "V": np.var(X, axis=0, ddof=1)}
    if name == "mahalanobis" and kwargs.get("VI") is None:
        X = np.vstack([A.astype(np.float64), B.astype(np.float64)])
        if X.shape[0] <= X.shape[1]:
            raise ValueError(
                f"The number of observations ({X.shape[0]}) is too small; the covariance "
                f"matrix is singular. For observations with {X.shape[1]} dimensions, at "
                f"least {X.shape[1] + 1} observations are required."
            )
        return {**kwargs, "VI": np.linalg.inv(np.atleast_2d(np.cov(X.T))).T.copy()}
    return kwargs


def _by_blocks(
    XA: Any, XB: Any, k: int, metric: Any, kwargs: dict[str, Any]
) -> tuple[np.ndarray, np.ndarray]:
    """knn through :func:`gonp.cdist` on blocks of XA rows and a stable sort."""
    pair = _pair(XA, XB)
    A, B = pair if pair is not None else (np.asarray(XA), np.asarray(XB))
    kwargs = _whole_data_defaults(_canonical(metric), A, B, kwargs)
    ma, mb = A.shape[0], B.shape[0]
    dist = np.empty((ma, k), np.float64)
    idx = np.empty((ma, k), np.int64)
    rows = max(1, _BLOCK // max(mb, 1))
    for lo in range(0, ma, rows):
        D = np.asarray(cdist(A[lo : lo + rows], B, metric, **kwargs), dtype=np.float64)
        order = np.argsort(D, axis=1, kind="stable")[:, :k]
        idx[lo : lo + rows] = order
        dist[lo : lo + rows] = np.take_along_axis(D, order, axis=1)
    return dist, idx


def _check_k(k: Any, mb: int, ma: int) -> int:
    try:
        k = operator.index(k)
    except TypeError:
        raise TypeError(
            f"n_neighbors does not take {type(k).__name__} value, enter integer value"
        ) from None
    if k <= 0:
        raise ValueError(f"Expected n_neighbors > 0. Got {k}")
    if k > mb:
        raise ValueError(
            f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {k}, "
            f"n_samples_fit = {mb}, n_samples = {ma}"
        )
    return k


def knn(
    XA: Any, XB: Any, k: int, metric: Any = "euclidean", **kwargs: Any
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest rows of ``XB`` to each row of ``XA``.

    Same result as scikit-learn's
    ``NearestNeighbors(n_neighbors=k, algorithm="brute", metric=metric).fit(XB).kneighbors(XA)``,
    with exact distances (scikit-learn's euclidean uses
    ``|x|^2 + |y|^2 - 2 x.y``, so its distances differ in the last digits and
    near-ties may order differently). Computed without the ``len(XA)`` by
    ``len(XB)`` distance matrix, in parallel over the rows of ``XA``.

    Parameters
    ----------
    XA : array_like, shape (ma, d)
        The query points.
    XB : array_like, shape (mb, d)
        The points searched.
    k : int
        How many neighbours, ``1 <= k <= mb``.
    metric : str or callable, optional
        Any metric :func:`gonp.cdist` accepts, or scikit-learn's ``l1``,
        ``l2``, ``manhattan``. ``euclidean``, ``sqeuclidean``, ``cityblock``,
        ``chebyshev`` and ``cosine`` without keyword arguments run in Go;
        the others a block of rows at a time through :func:`gonp.cdist`.
    **kwargs
        The metric's arguments, as :func:`gonp.cdist`.

    Returns
    -------
    distances : ndarray of float64, shape (ma, k)
        Nearest first. Equal to ``np.sort(cdist(XA, XB, metric), axis=1)[:, :k]``.
    indices : ndarray of int64, shape (ma, k)
        Row numbers in ``XB``; equal distances keep the lower row first and
        NaN distances come last, as ``np.argsort(..., kind="stable")``.

    Raises
    ------
    ValueError
        ``k`` is not in ``[1, mb]`` (scikit-learn's messages), an input is
        not 2-D, or the column counts differ.

    Notes
    -----
    Unlike scikit-learn, NaN in the input is accepted (its distances sort
    last) and an empty ``XA`` gives empty results.

    Examples
    --------
    >>> import gonp
    >>> d, i = gonp.knn([[0.0, 0.0], [5.0, 5.0]], [[1.0, 0.0], [4.0, 4.0], [0.0, 2.0]], 2)
    >>> d
    array([[1.        , 2.        ],
           [1.41421356, 5.83095189]])
    >>> i
    array([[0, 2],
           [1, 2]])
    """
    pair = _pair(XA, XB)
    ma = np.shape(XA)[0]
    mb = np.shape(XB)[0]
    k = _check_k(k, mb, ma)
    name = _canonical(metric)
    if pair is None or name not in _TILED or kwargs or not _lib.available():
        return _by_blocks(XA, XB, k, metric, kwargs)
    A, B = pair
    dist = np.empty((ma, k), np.float64)
    idx = np.empty((ma, k), np.int64)
    if ma:
        _lib.knn(name, k, A, B, dist, idx, _config.get_num_threads())
    return dist, idx


def cdist_argmin(
    XA: Any, XB: Any, metric: Any = "euclidean", **kwargs: Any
) -> tuple[np.ndarray, np.ndarray]:
    """The nearest row of ``XB`` to each row of ``XA``, and its distance.

    Same result as scikit-learn's
    ``pairwise_distances_argmin_min(XA, XB, metric=metric, metric_kwargs=kwargs)``,
    with exact distances; that is :func:`knn` with ``k = 1``, without the
    distance matrix.

    Parameters
    ----------
    XA : array_like, shape (ma, d)
    XB : array_like, shape (mb, d), mb >= 1
    metric : str or callable, optional
        As :func:`knn`.
    **kwargs
        The metric's arguments, as :func:`gonp.cdist`.

    Returns
    -------
    indices : ndarray of int64, shape (ma,)
        The lowest row of ``XB`` at the least distance (NaN distances lose
        to every number).
    distances : ndarray of float64, shape (ma,)

    Raises
    ------
    ValueError
        ``XB`` is empty, an input is not 2-D, or the column counts differ.

    Examples
    --------
    >>> import gonp
    >>> gonp.cdist_argmin([[0.0, 0.0], [5.0, 5.0]], [[1.0, 0.0], [4.0, 4.0]], "cityblock")
    (array([0, 1]), array([1., 2.]))
    """
    if np.ndim(XB) == 2 and np.shape(XB)[0] == 0:
        raise ValueError("XB must hold at least one row")
    dist, idx = knn(XA, XB, 1, metric, **kwargs)
    return idx[:, 0], dist[:, 0]
