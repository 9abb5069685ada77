"""normalize (z-scores) and standardize (StandardScaler), in two passes.

The first pass computes per-slice mean and variance in one sweep (Chan's
merge of (count, mean, M2) triples); the second writes (x - mean) / std. No
full-size temporary is made.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.array_utils import normalize_axis_tuple

from gonp import _config, _lib
from gonp._core import FLOAT_DTYPES, check_out, crossable, plain_array, same_view, use_go


def _statistics(a: np.ndarray, axes: tuple[int, ...], ddof: float) -> tuple[np.ndarray, np.ndarray]:
    """Return float64 mean and variance over ``axes``, shaped for broadcasting."""
    kept = tuple(k for k in range(a.ndim) if k not in axes)
    kept_shape = tuple(a.shape[k] for k in kept)
    mean, var = np.empty(kept_shape), np.empty(kept_shape)
    xt = crossable(np.transpose(a, kept + axes))
    _lib.mean_var(xt, len(axes), mean, var, ddof, _config.get_num_threads())
    full = tuple(1 if k in axes else a.shape[k] for k in range(a.ndim))
    return mean.reshape(full), var.reshape(full)


def _apply(
    a: np.ndarray,
    mean: np.ndarray,
    scale: np.ndarray,
    out_arr: np.ndarray | None,
    dtype: np.dtype,
) -> np.ndarray:
    """Second pass: (a - mean) / scale into out (or a new array)."""
    if out_arr is None:
        res = np.empty(a.shape, dtype)
    else:
        res = out_arr
    if out_arr is not None and np.may_share_memory(a, out_arr) and not same_view(a, out_arr):
        a = a.copy()  # partial overlap: read everything before writing
    sub = np.broadcast_to(mean, a.shape)
    div = np.broadcast_to(scale, a.shape)
    dest = crossable(res)
    _lib.subdiv(crossable(a), sub, div, dest, _config.get_num_threads())
    if dest is not res:
        res[...] = dest
    return res


def _prepare(x: Any, out: Any) -> tuple[np.ndarray, np.ndarray | None, np.dtype] | None:
    """Return (input as float array, out, result dtype), or None for NumPy."""
    if isinstance(x, np.ndarray) and not plain_array(x):
        return None
    a = np.asarray(x)
    out_arr = check_out(out)
    if a.dtype in FLOAT_DTYPES:
        dtype = a.dtype
    elif a.dtype.kind in "iub":
        dtype = np.dtype(np.float64)
    else:
        return None
    if out_arr is not None:
        if not plain_array(out_arr) or out_arr.shape != a.shape:
            raise ValueError(f"out has shape {out_arr.shape} but the result has shape {a.shape}")
        if out_arr.dtype != dtype:
            return None
    if a.size == 0 or not use_go(a.size, "stats"):
        return None
    if a.dtype != dtype:
        a = a.astype(dtype)  # integers: NumPy's expression promotes too
    return a, out_arr, dtype


def _write(res: np.ndarray, out: Any) -> np.ndarray:
    out_arr = check_out(out)
    if out_arr is None:
        return res
    # As the ufunc that ends NumPy's expression takes out=: an output of
    # another kind (float results into an int array) is a casting error,
    # raised before anything is written.
    if not np.can_cast(res.dtype, out_arr.dtype, casting="same_kind"):
        raise TypeError(
            f"Cannot cast ufunc 'divide' output from {res.dtype!r} to {out_arr.dtype!r} "
            "with casting rule 'same_kind'"
        )
    np.copyto(out_arr, res, casting="same_kind")
    return out_arr


def normalize(x: Any, /, axis: Any = None, ddof: float = 0, out: Any = None) -> np.ndarray:
    """Return z-scores: ``(x - x.mean(axis)) / x.std(axis, ddof=ddof)``.

    Global statistics with ``axis=None``; per-slice statistics (broadcast
    back, as with ``keepdims=True``) otherwise. A zero standard deviation
    gives nan/inf as the NumPy expression does; a slice of equal values has an
    exact mean and gives nan (0/0) where NumPy's rounded mean can leave noise
    such as 0 or ±1. Integer input gives float64, as the expression does; an
    integer ``out`` is a casting error (TypeError), as for the expression.

    Parameters
    ----------
    x : array_like
        Input data.
    axis : None, int or tuple of ints, optional
        Axes the statistics are taken over.
    ddof : int or float, optional
        Delta degrees of freedom of the standard deviation.
    out : ndarray, optional
        Where to write the result (same shape as ``x``); may be ``x``.

    Returns
    -------
    ndarray
        The normalized array, ``out`` if given.

    Raises
    ------
    ValueError
        If ``out`` is read-only or of the wrong shape, or an axis repeats.
    numpy.exceptions.AxisError
        If an axis is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> import gonp
    >>> gonp.normalize(np.array([1.0, 2.0, 3.0]))
    array([-1.22474487,  0.        ,  1.22474487])
    """
    a0 = np.asarray(x)
    axes = normalize_axis_tuple(axis, a0.ndim) if axis is not None else tuple(range(a0.ndim))
    if len(set(axes)) != len(axes):
        raise ValueError("duplicate value in 'axis'")
    prep = _prepare(x, out)
    rcount = int(np.prod([a0.shape[k] for k in axes])) if axes else 1
    if prep is None or rcount == 0 or ddof >= rcount:
        with np.errstate(all="ignore"):
            res = (a0 - a0.mean(axis=axis, keepdims=True)) / a0.std(
                axis=axis, ddof=ddof, keepdims=True
            )
        return _write(np.asarray(res), out)
    a, out_arr, dtype = prep
    mean, var = _statistics(a, axes, ddof)
    # Round the statistics to the data's dtype first, as NumPy's expression
    # does with its float32 mean and std.
    mean = mean.astype(dtype).astype(np.float64)
    std = np.sqrt(var).astype(dtype).astype(np.float64)
    return _apply(a, mean, std, out_arr, dtype)


def standardize(
    X: Any,
    /,
    axis: int = 0,
    ddof: float = 0,
    with_mean: bool = True,
    with_std: bool = True,
    out: Any = None,
) -> np.ndarray:
    """Scale features to zero mean and unit variance, as scikit-learn's
    ``StandardScaler().fit_transform(X)``.

    Statistics are taken along ``axis`` (samples); features whose variance is
    indistinguishable from zero get scale 1, as in scikit-learn. Unlike
    StandardScaler, NaN is not treated as a missing value: it propagates to
    its feature's statistics, as in the NumPy expression.

    Parameters
    ----------
    X : array_like
        Data, samples along ``axis``.
    axis : int, optional
        The samples axis (0 for StandardScaler's ``(n_samples, n_features)``).
    ddof : int or float, optional
        Delta degrees of freedom of the standard deviation (StandardScaler: 0).
    with_mean : bool, optional
        Subtract the mean.
    with_std : bool, optional
        Divide by the standard deviation.
    out : ndarray, optional
        Where to write the result (same shape as ``X``); may be ``X``.

    Returns
    -------
    ndarray
        The standardized array (float32 stays float32), ``out`` if given.

    Raises
    ------
    ValueError
        If ``out`` is read-only or of the wrong shape.
    numpy.exceptions.AxisError
        If ``axis`` is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> import gonp
    >>> gonp.standardize(np.array([[1.0, 10.0], [3.0, 10.0]]))
    array([[-1.,  0.],
           [ 1.,  0.]])
    """
    a0 = np.asarray(X)
    if a0.ndim == 0:
        raise ValueError("standardize needs at least a 1-dimensional array")
    axes = normalize_axis_tuple(axis, a0.ndim)
    prep = _prepare(X, out)
    n = a0.shape[axes[0]]
    if prep is None or n <= ddof:
        return _write(_standardize_numpy(a0, axes[0], ddof, with_mean, with_std), out)
    a, out_arr, dtype = prep
    mean, var = _statistics(a, axes, ddof)
    scale = _scale(var, mean, n) if with_std else np.ones_like(var)
    if not with_mean:
        mean = np.zeros_like(mean)
    return _apply(a, mean, scale, out_arr, dtype)


def _scale(var: np.ndarray, mean: np.ndarray, n: int) -> np.ndarray:
    """StandardScaler's scale: sqrt(var), 1 for near-constant features."""
    eps = np.finfo(np.float64).eps
    with np.errstate(all="ignore"):
        constant = var <= n * eps * var + (n * mean * eps) ** 2
        scale = np.sqrt(var)
    scale[constant] = 1.0
    return scale


def _standardize_numpy(
    a: np.ndarray, axis: int, ddof: float, with_mean: bool, with_std: bool
) -> np.ndarray:
    dtype = a.dtype if a.dtype in FLOAT_DTYPES else np.dtype(np.float64)
    a = a.astype(dtype, copy=False)
    with np.errstate(all="ignore"):
        mean = a.mean(axis=axis, keepdims=True, dtype=np.float64)
        var = a.var(axis=axis, keepdims=True, ddof=ddof, dtype=np.float64)
        scale = _scale(var, mean, a.shape[axis]) if with_std else np.ones_like(var)
        res = a - mean if with_mean else a.copy()
        return (res / scale).astype(dtype, copy=False)
