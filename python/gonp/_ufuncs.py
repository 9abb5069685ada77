"""Elementwise functions: NumPy's ufuncs, computed by the Go pool.

Each function takes what the NumPy ufunc of the same name takes (array-likes,
scalars, broadcasting, ``out=``) and returns the same dtype and shape. Dtypes
the Go core lacks, ``out=`` arrays of another dtype, ndarray subclasses and
small inputs go to NumPy itself. One documented difference: gonp does not
emit NumPy's floating-point RuntimeWarnings (``invalid value``, ``divide by
zero``); the values are NumPy's.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, cast

import numpy as np

from gonp import _config, _lib
from gonp._core import check_out, crossable, go_dtype, plain_array, same_view, scalar_result, use_go

_TRANSCENDENTAL = {"exp", "log", "sin", "cos", "power"}


def _kind(name: str) -> str:
    """The threshold kind of ufunc ``name`` (see gonp._config)."""
    if name in ("sin", "cos"):
        return "trig"
    return "transcendental" if name in _TRANSCENDENTAL else "elementwise"


def _numpy(ufunc: np.ufunc, args: tuple[Any, ...], out: Any) -> Any:
    if out is None:
        return ufunc(*args)
    return ufunc(*args, out=out)


def _as_operand(v: Any) -> tuple[np.ndarray | None, Any]:
    """Return (array or None if served by NumPy, what resolve_dtypes needs)."""
    if isinstance(v, np.ndarray):
        return (v if plain_array(v) else None), v.dtype
    if isinstance(v, (bool, int, float, complex)) and not isinstance(v, np.generic):
        return np.asarray(v), type(v)  # Python scalars are "weak" (NEP 50)
    a = np.asarray(v)
    return a, a.dtype


_loops: dict[tuple[Any, ...], tuple[np.dtype, ...] | None] = {}


def _loop_dtypes(ufunc: np.ufunc, kinds: tuple[Any, ...]) -> tuple[np.dtype, ...] | None:
    """NumPy's loop dtypes for these operand kinds (cached: a hot path)."""
    key = (ufunc, *kinds)
    try:
        return _loops[key]
    except KeyError:
        pass
    try:
        loop = ufunc.resolve_dtypes((*kinds, None))
    except (TypeError, ValueError):
        loop = None
    _loops[key] = loop
    return loop


def _prepare_out(
    out: np.ndarray | None, shape: tuple[int, ...], dtype: np.dtype
) -> tuple[np.ndarray, np.ndarray | None] | None:
    """Return (array Go writes, user's out) or None if NumPy must handle out."""
    if out is None:
        return np.empty(shape, dtype), None
    if not plain_array(out) or out.dtype != dtype:
        return None
    if out.shape != shape:
        try:
            if np.broadcast_shapes(shape, out.shape) != out.shape:
                return None
        except ValueError:
            return None
    return out, out


def _elementwise(ufunc: np.ufunc, name: str, args: tuple[Any, ...], out: Any) -> Any:
    kind = _kind(name)
    threshold = _config.get_threshold(kind)
    if (
        threshold
        and out is None
        and all(
            type(a) is np.ndarray and a.size < threshold and a.shape == args[0].shape for a in args
        )
    ):
        return ufunc(*args)  # the common small case, decided before any other work
    out_arr = check_out(out)
    operands = [_as_operand(a) for a in args]
    if any(a is None for a, _ in operands):
        return _numpy(ufunc, args, out)
    arrays = cast(list[np.ndarray], [a for a, _ in operands])
    shape = arrays[0].shape
    if any(a.shape != shape for a in arrays):
        try:
            shape = np.broadcast_shapes(*(a.shape for a in arrays))
        except ValueError:
            return _numpy(ufunc, args, out)  # NumPy raises its own error
    size = math.prod(shape)
    if not use_go(size, kind):
        return _numpy(ufunc, args, out)
    loop = _loop_dtypes(ufunc, tuple(k for _, k in operands))
    if loop is None or not all(go_dtype(dt) for dt in loop) or len(set(loop)) != 1:
        return _numpy(ufunc, args, out)
    dtype = loop[-1]
    target = _prepare_out(out_arr, shape, dtype)
    if target is None:
        return _numpy(ufunc, args, out)
    res, user_out = target
    shape = res.shape
    ins = []
    for a, orig in zip(arrays, args, strict=True):
        if a.dtype != dtype:
            # From the original object, so an out-of-range Python int raises
            # OverflowError as NumPy does instead of wrapping.
            a = np.asarray(orig, dtype=dtype) if a.ndim == 0 else a.astype(dtype)
        if user_out is not None and np.may_share_memory(a, user_out) and not same_view(a, user_out):
            a = a.copy()  # NumPy's result for overlapping in/out: read before written
        if a.shape != shape:
            a = np.broadcast_to(a, shape)
        ins.append(crossable(a))
    if name == "power" and dtype.kind == "i" and (ins[1] < 0).any():
        raise ValueError("Integers to negative integer powers are not allowed.")
    dest = crossable(res)
    nthreads = _config.get_num_threads()
    if len(ins) == 1:
        _lib.unary(ufunc.__name__, ins[0], dest, nthreads)
    else:
        _lib.binary(ufunc.__name__, ins[0], ins[1], dest, nthreads)
    if dest is not res:
        res[...] = dest
    return scalar_result(res, user_out)


_SMALL = _config.EFFECTIVE  # thresholds in force, by kind
_ndarray = np.ndarray


def _kept_dtypes(ufunc: np.ufunc) -> frozenset[np.dtype]:
    """The Go dtypes whose NumPy loop for ``ufunc`` keeps the dtype throughout."""
    kept = set()
    for dt in _lib.codes().dtypes:
        loop = _loop_dtypes(ufunc, (dt,) * ufunc.nin)
        if loop is not None and all(t == dt for t in loop):
            kept.add(dt)
    return frozenset(kept)


class _Fast:
    """What the compiled short road needs of one ufunc, found on first use."""

    __slots__ = ("code", "kept")

    def __init__(self, ufunc: np.ufunc) -> None:
        table = _lib.codes().unary if ufunc.nin == 1 else _lib.codes().binary
        self.code: int = table[ufunc.__name__]
        self.kept = _kept_dtypes(ufunc)


def _make_unary(name: str, ufunc: np.ufunc, summary: str, example: str) -> Callable[..., Any]:
    kind = _kind(name)
    fast: list[_Fast] = []

    def func(x: Any, /, out: Any = None) -> Any:
        if type(x) is _ndarray:
            if x.size < _SMALL[kind]:
                # Small: NumPy at once (an out= of another shape too: NumPy
                # broadcasts or raises exactly as it would).
                return ufunc(x) if out is None else ufunc(x, out=out)
            f = _lib.fast
            if f is not None and not _lib.forked():
                if not fast:
                    fast.append(_Fast(ufunc))
                if x.dtype in fast[0].kept:
                    r = f.unary(fast[0].code, x, out, _config.get_num_threads())
                    if r is not NotImplemented:
                        return r
        return _elementwise(ufunc, name, (x,), out)

    func.__name__ = func.__qualname__ = name
    func.__doc__ = f"""{summary}

    Same result as ``numpy.{ufunc.__name__}(x, out=out)``, computed in parallel.

    Parameters
    ----------
    x : array_like
        Input.
    out : ndarray, optional
        Where to write the result; must have the broadcast shape. May be ``x``
        itself (in place). An ``out`` of another dtype is handled by NumPy.

    Returns
    -------
    ndarray or scalar
        The result, ``out`` if given; a scalar for 0-d input without ``out``.

    Raises
    ------
    ValueError
        If ``out`` is read-only or its shape does not fit.
    TypeError
        If ``out`` is not an ndarray.

    Examples
    --------
    >>> import numpy as np
    >>> import gonp
    {example}
    """
    return func


def _make_binary(name: str, ufunc: np.ufunc, summary: str, example: str) -> Callable[..., Any]:
    kind = _kind(name)
    fast: list[_Fast] = []
    nonneg = name == "power"  # integer powers: negative exponents raise

    def func(x1: Any, x2: Any, /, out: Any = None) -> Any:
        if type(x1) is _ndarray:
            t2 = type(x2)
            if x1.size < _SMALL[kind] and (
                t2 is float or t2 is int or (t2 is _ndarray and x2.shape == x1.shape)
            ):
                # Small, and the result has x1's size: NumPy at once.
                return ufunc(x1, x2) if out is None else ufunc(x1, x2, out=out)
            f = _lib.fast
            if f is not None and x1.size >= _SMALL[kind] and not _lib.forked():
                if not fast:
                    fast.append(_Fast(ufunc))
                if x1.dtype in fast[0].kept:
                    r = f.binary(fast[0].code, x1, x2, out, _config.get_num_threads(), nonneg)
                    if r is not NotImplemented:
                        return r
        return _elementwise(ufunc, name, (x1, x2), out)

    func.__name__ = func.__qualname__ = name
    func.__doc__ = f"""{summary}

    Same result as ``numpy.{ufunc.__name__}(x1, x2, out=out)``, computed in
    parallel, with NumPy's broadcasting and dtype promotion (Python scalars
    are weak, as in NumPy 2).

    Parameters
    ----------
    x1, x2 : array_like
        Operands; broadcast against each other.
    out : ndarray, optional
        Where to write the result; must have the broadcast shape. May be one
        of the inputs (in place).

    Returns
    -------
    ndarray or scalar
        The result, ``out`` if given; a scalar for 0-d inputs without ``out``.

    Raises
    ------
    ValueError
        If the operands do not broadcast, ``out`` is read-only or does not
        fit, or an integer ``power`` has a negative exponent.

    Examples
    --------
    >>> import numpy as np
    >>> import gonp
    {example}
    """
    return func


square = _make_unary(
    "square",
    np.square,
    "Return the elementwise square of the input.",
    ">>> gonp.square(np.array([1.0, -2.0, 3.0]))\n    array([1., 4., 9.])",
)
sqrt = _make_unary(
    "sqrt",
    np.sqrt,
    "Return the non-negative square root, elementwise.",
    ">>> gonp.sqrt(np.array([1.0, 4.0, 9.0]))\n    array([1., 2., 3.])",
)
abs = _make_unary(  # noqa: A001
    "abs",
    np.absolute,
    "Return the absolute value, elementwise.",
    ">>> gonp.abs(np.array([-1.5, 2.0]))\n    array([1.5, 2. ])",
)
absolute = abs
negative = _make_unary(
    "negative",
    np.negative,
    "Return the numerical negative, elementwise.",
    ">>> gonp.negative(np.array([1.0, -2.0]))\n    array([-1.,  2.])",
)
exp = _make_unary(
    "exp",
    np.exp,
    "Return the exponential, elementwise.",
    ">>> gonp.exp(np.array([0.0, 1.0]))\n    array([1.        , 2.71828183])",
)
log = _make_unary(
    "log",
    np.log,
    "Return the natural logarithm, elementwise.",
    ">>> gonp.log(np.array([1.0, np.e]))\n    array([0., 1.])",
)
sin = _make_unary(
    "sin",
    np.sin,
    "Return the sine, elementwise.",
    ">>> gonp.sin(np.array([0.0, np.pi / 2]))\n    array([0., 1.])",
)
cos = _make_unary(
    "cos",
    np.cos,
    "Return the cosine, elementwise.",
    ">>> gonp.cos(np.array([0.0, np.pi]))\n    array([ 1., -1.])",
)

add = _make_binary(
    "add",
    np.add,
    "Add arguments elementwise.",
    ">>> gonp.add(np.array([1.0, 2.0]), 10)\n    array([11., 12.])",
)
subtract = _make_binary(
    "subtract",
    np.subtract,
    "Subtract arguments elementwise.",
    ">>> gonp.subtract(np.array([5.0, 7.0]), [1.0, 2.0])\n    array([4., 5.])",
)
multiply = _make_binary(
    "multiply",
    np.multiply,
    "Multiply arguments elementwise.",
    ">>> gonp.multiply(np.array([1.0, 2.0]), [3.0, 4.0])\n    array([3., 8.])",
)
divide = _make_binary(
    "divide",
    np.divide,
    "Divide arguments elementwise (true division).",
    ">>> gonp.divide(np.array([1.0, 3.0]), 2.0)\n    array([0.5, 1.5])",
)
maximum = _make_binary(
    "maximum",
    np.maximum,
    "Elementwise maximum; NaN propagates.",
    ">>> gonp.maximum(np.array([1.0, np.nan, 3.0]), [2.0, 0.0, 1.0])\n    array([ 2., nan,  3.])",
)
minimum = _make_binary(
    "minimum",
    np.minimum,
    "Elementwise minimum; NaN propagates.",
    ">>> gonp.minimum(np.array([1.0, 5.0]), [2.0, 0.0])\n    array([1., 0.])",
)
power = _make_binary(
    "power",
    np.power,
    "First array raised to powers from the second.",
    ">>> gonp.power(np.array([2.0, 3.0]), 2)\n    array([4., 9.])",
)
