"""Reductions: sum, mean, var, std, min, max along any axes.

Parallel along every axis, in one pass, and deterministic: the summation tree
depends on the shape only, so results are bit-identical for any thread count.
Sums accumulate in float64 (float32 input too, which is more accurate than
NumPy's float32 accumulator) and pairwise; var and std merge partial
(count, mean, M2) triples with Chan's formula. Empty reductions, ``where=``,
``initial=``, dtypes the Go core lacks and small inputs go to NumPy.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.lib.array_utils import normalize_axis_tuple

from gonp import _config, _lib
from gonp._core import check_out, crossable, plain_array, scalar_result, use_go

_SMALL = _config.EFFECTIVE  # thresholds in force, by kind

_NUMPY: dict[str, Callable[..., Any]] = {
    "sum": np.sum,
    "mean": np.mean,
    "var": np.var,
    "std": np.std,
    "min": np.min,
    "max": np.max,
}


# The reductions that NumPy computes with ufunc.reduce (np.add, np.minimum,
# np.maximum), whose axis rules differ on 0-d input from mean/var/std's.
_UFUNC_REDUCTIONS = ("sum", "min", "max")


def _is_index(v: Any) -> bool:
    """Whether ``v`` is an integer NumPy takes as an axis (not bool, not None)."""
    if isinstance(v, bool) or v is None:
        return False
    try:
        operator.index(v)
    except TypeError:
        return False
    return True


def _result_dtype(op: str, dt: np.dtype) -> np.dtype | None:
    """NumPy's result dtype of reduction ``op`` on ``dt`` with no dtype=, as
    the library states it (the rule lives in Go); None where Go lacks ``dt``."""
    return _lib.codes().reduce_result.get((op, dt))


_full_result: dict[tuple[str, np.dtype], np.dtype | None] = {}


def _full(op: str, x: np.ndarray, ddof: float = 0) -> Any:
    """A reduction of ``x`` over every axis through the compiled short road;
    NotImplemented where the general path must decide."""
    f = _lib.fast
    if f is None or _lib.forked() or x.size < _SMALL["reduce"] or ddof >= x.size:
        return NotImplemented
    key = (op, x.dtype)
    try:
        rd = _full_result[key]
    except KeyError:
        rd = _full_result[key] = _result_dtype(op, x.dtype)
    if rd is None:
        return NotImplemented
    return f.reduce(_lib.codes().reduce[op], x, rd, float(ddof), _config.get_num_threads())


def _reduce(
    op: str,
    x: Any,
    axis: Any,
    dtype: Any,
    out: Any,
    keepdims: bool,
    ddof: float = 0,
) -> Any:
    kwargs: dict[str, Any] = {"axis": axis, "out": out, "keepdims": keepdims}
    if dtype is not None:
        kwargs["dtype"] = dtype
    if op in ("var", "std"):
        kwargs["ddof"] = ddof

    def numpy() -> Any:
        return _NUMPY[op](x, **kwargs)

    if isinstance(x, np.ndarray) and not plain_array(x):
        return numpy()
    a = np.asarray(x)
    out_arr = check_out(out)
    if out_arr is not None and not plain_array(out_arr):
        return numpy()
    if a.ndim == 0 and op in _UFUNC_REDUCTIONS and _is_index(axis) and axis in (0, -1):
        axis = ()  # ufunc.reduce takes an int axis 0 or -1 of a 0-d array as no axes
    axes = normalize_axis_tuple(axis, a.ndim) if axis is not None else tuple(range(a.ndim))
    if len(set(axes)) != len(axes):
        raise ValueError("duplicate value in 'axis'")
    kept = tuple(k for k in range(a.ndim) if k not in axes)
    rcount = 1
    for k in axes:
        rcount *= a.shape[k]
    # NumPy reduces along the last axis at memory speed, but other axes by
    # strided passes; gonp's row accumulation wins there much sooner.
    kind = "reduce" if not kept or (a.ndim - 1) in axes else "reduce_axis"
    if rcount == 0 or not use_go(a.size, kind):
        return numpy()
    if op in ("var", "std") and ddof >= rcount:
        return numpy()  # NumPy's "degrees of freedom <= 0" warning and value
    res_dt = _result_dtype(op, a.dtype)
    if res_dt is None:
        return numpy()
    if dtype is not None:
        want = np.dtype(dtype)
        # Asking for the default, or float64 for float input (gonp accumulates
        # in float64 anyway), stays in Go; other requests NumPy serves.
        if want not in _lib.codes().reduce_accepts[op, a.dtype]:
            return numpy()
        res_dt = want
    kept_shape = tuple(a.shape[k] for k in kept)
    full_shape = tuple(1 if k in axes else a.shape[k] for k in range(a.ndim))
    if out_arr is not None:
        if out_arr.dtype != res_dt:
            return numpy()
        expect = full_shape if keepdims else kept_shape
        if out_arr.shape != expect:
            return numpy()  # NumPy raises its own error
        # Dropping the reduced length-one axes of a keepdims out is a view.
        target = np.squeeze(out_arr, axis=axes) if keepdims and axes else out_arr
    else:
        target = np.empty(kept_shape, res_dt)
    xt = crossable(np.transpose(a, kept + tuple(axes)))
    dest = crossable(target)
    if out_arr is not None and np.may_share_memory(xt, dest):
        dest = np.empty(kept_shape, res_dt)
    _lib.reduce(op, xt, len(axes), dest, ddof, _config.get_num_threads())
    if dest is not target:
        target[...] = dest
    if out_arr is not None:
        return out_arr
    res = target.reshape(full_shape) if keepdims else target
    return scalar_result(res, None)


_DOC = """Return the {what} of array elements over the given axes.

    Same result, shape and dtype as ``numpy.{name}(x, axis=axis, ...)`` (within
    floating-point reordering), computed in parallel and bit-identical for
    any thread count.

    Parameters
    ----------
    x : array_like
        Input data.
    axis : None, int or tuple of ints, optional
        Axes to reduce; ``None`` reduces all of them. Negative axes count
        from the end.
    {extra}out : ndarray, optional
        Where to write the result; its shape must be the result's.
    keepdims : bool, optional
        Keep the reduced axes as length-one dimensions.

    Returns
    -------
    ndarray or scalar
        The {what}; a NumPy scalar when every axis is reduced and no ``out``.

    Raises
    ------
    numpy.exceptions.AxisError
        If an axis is out of range.
    ValueError
        If ``out`` is read-only, or for {name} of an empty array where NumPy
        raises.

    Examples
    --------
    >>> import numpy as np
    >>> import gonp
    {example}
"""

_DTYPE_DOC = """dtype : dtype, optional
        Result (and accumulator) dtype, as in NumPy.
    """
_DDOF_DOC = """ddof : int or float, optional
        Delta degrees of freedom: the divisor is ``N - ddof``.
    """


def sum(  # noqa: A001
    x: Any, /, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False
) -> Any:
    if type(x) is np.ndarray and x.size < _SMALL["reduce_any"]:
        # What np.sum does for an ndarray, without its Python wrapper.
        return np.add.reduce(x, axis=axis, dtype=dtype, out=out, keepdims=keepdims)
    if type(x) is np.ndarray and axis is None and dtype is None and out is None and not keepdims:
        r = _full("sum", x)
        if r is not NotImplemented:
            return r
    return _reduce("sum", x, axis, dtype, out, keepdims)


def mean(
    x: Any, /, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False
) -> Any:
    if type(x) is np.ndarray and x.size < _SMALL["reduce_any"]:
        return np.mean(x, axis=axis, dtype=dtype, out=out, keepdims=keepdims)
    if type(x) is np.ndarray and axis is None and dtype is None and out is None and not keepdims:
        r = _full("mean", x)
        if r is not NotImplemented:
            return r
    return _reduce("mean", x, axis, dtype, out, keepdims)


def var(
    x: Any,
    /,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    ddof: float = 0,
    keepdims: bool = False,
) -> Any:
    if type(x) is np.ndarray and x.size < _SMALL["reduce_any"]:
        return np.var(x, axis=axis, dtype=dtype, out=out, keepdims=keepdims, ddof=ddof)
    if type(x) is np.ndarray and axis is None and dtype is None and out is None and not keepdims:
        r = _full("var", x, ddof)
        if r is not NotImplemented:
            return r
    return _reduce("var", x, axis, dtype, out, keepdims, ddof)


def std(
    x: Any,
    /,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    ddof: float = 0,
    keepdims: bool = False,
) -> Any:
    if type(x) is np.ndarray and x.size < _SMALL["reduce_any"]:
        return np.std(x, axis=axis, dtype=dtype, out=out, keepdims=keepdims, ddof=ddof)
    if type(x) is np.ndarray and axis is None and dtype is None and out is None and not keepdims:
        r = _full("std", x, ddof)
        if r is not NotImplemented:
            return r
    return _reduce("std", x, axis, dtype, out, keepdims, ddof)


def min(x: Any, /, axis: Any = None, out: Any = None, keepdims: bool = False) -> Any:  # noqa: A001
    if type(x) is np.ndarray and x.size < _SMALL["reduce_any"]:
        return np.minimum.reduce(x, axis=axis, out=out, keepdims=keepdims)
    if type(x) is np.ndarray and axis is None and out is None and not keepdims:
        r = _full("min", x)
        if r is not NotImplemented:
            return r
    return _reduce("min", x, axis, None, out, keepdims)


def max(x: Any, /, axis: Any = None, out: Any = None, keepdims: bool = False) -> Any:  # noqa: A001
    if type(x) is np.ndarray and x.size < _SMALL["reduce_any"]:
        return np.maximum.reduce(x, axis=axis, out=out, keepdims=keepdims)
    if type(x) is np.ndarray and axis is None and out is None and not keepdims:
        r = _full("max", x)
        if r is not NotImplemented:
            return r
    return _reduce("max", x, axis, None, out, keepdims)


sum.__doc__ = _DOC.format(
    what="sum",
    name="sum",
    extra=_DTYPE_DOC,
    example=">>> gonp.sum(np.arange(6.0).reshape(2, 3), axis=0)\n    array([3., 5., 7.])",
)
mean.__doc__ = _DOC.format(
    what="arithmetic mean",
    name="mean",
    extra=_DTYPE_DOC,
    example=">>> gonp.mean(np.arange(6.0).reshape(2, 3), axis=1)\n    array([1., 4.])",
)
var.__doc__ = _DOC.format(
    what="variance",
    name="var",
    extra=_DTYPE_DOC + _DDOF_DOC,
    example=">>> gonp.var(np.array([1.0, 2.0, 3.0, 4.0]), ddof=1)\n"
    "    np.float64(1.6666666666666667)",
)
std.__doc__ = _DOC.format(
    what="standard deviation",
    name="std",
    extra=_DTYPE_DOC + _DDOF_DOC,
    example=">>> gonp.std(np.array([[1.0, 3.0], [5.0, 9.0]]), axis=0)\n    array([2., 3.])",
)
min.__doc__ = _DOC.format(
    what="minimum (NaN propagates)",
    name="min",
    extra="",
    example=">>> gonp.min(np.array([[3.0, -1.0], [2.0, 7.0]]), axis=1)\n    array([-1.,  2.])",
)
max.__doc__ = _DOC.format(
    what="maximum (NaN propagates)",
    name="max",
    extra="",
    example=">>> gonp.max(np.array([1.0, np.nan, 3.0]))\n    np.float64(nan)",
)
