"""Matrix product."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from gonp import _config, _lib
from gonp._core import FLOAT_DTYPES, check_out, forward_strided, plain_array, use_go

_SMALL = _config.EFFECTIVE  # thresholds in force, by kind
_ndarray = np.ndarray
_F64, _F32 = np.dtype(np.float64), np.dtype(np.float32)


def matmul(a: Any, b: Any, /, out: Any = None) -> Any:
    """Matrix product of two arrays, as ``numpy.matmul`` (``a @ b``).

    1-D operands are promoted as NumPy does (a vector on the left is a row,
    on the right a column, and the added dimension is removed from the
    result). Operands with more than two dimensions are stacks of matrices
    in their last two axes; the leading (batch) axes broadcast against each
    other. Transposed, Fortran-order and broadcast operands are read in
    place, not copied. float32 and float64 are computed in Go (a stack of
    small products in parallel over the stack, a large product in parallel
    within itself); other dtypes go to NumPy.

    Parameters
    ----------
    a, b : array_like
        Operands, at least 1-D; ``a``'s last dimension must equal ``b``'s
        second-to-last (or only) one, and the batch dimensions must
        broadcast.
    out : ndarray, optional
        Where to write the result; must have the result's shape and dtype. It
        may overlap the operands (the result is then computed aside first).

    Returns
    -------
    ndarray or scalar
        The product; a scalar for two 1-D operands without ``out``.

    Raises
    ------
    ValueError
        If the core dimensions differ, the batch dimensions do not
        broadcast, an operand is 0-d, or ``out`` is read-only or has the
        wrong shape.

    Examples
    --------
    >>> import numpy as np
    >>> import gonp
    >>> gonp.matmul(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0], [1.0]]))
    array([[3.],
           [7.]])
    """

    if out is None and type(a) is _ndarray and type(b) is _ndarray:
        # The common case, decided before any other work: two matrices; a
        # small product goes to NumPy on its shapes alone, whatever the
        # dtypes (the general path below would send it there too).
        sa, sb = a.shape, b.shape
        if len(sa) == 2 and len(sb) == 2 and sa[1] == sb[0]:
            m, k = sa
            n = sb[1]
            if m * n * k < _SMALL["matmul"]:
                return a @ b
            dt = a.dtype
            if dt is b.dtype and (dt is _F64 or dt is _F32) and _lib.available():
                dest = np.empty((m, n), dt)
                nthreads = _config.get_num_threads()
                f = _lib.fast
                # The compiled module takes the operands as they are (it
                # declines reversed views, which are copied first, and long
                # calls, which run interruptibly).
                if f is None or f.matmul(a, b, dest, nthreads) is NotImplemented:
                    _lib.matmul(forward_strided(a), forward_strided(b), dest, nthreads)
                return dest

    def numpy() -> Any:
        return np.matmul(a, b) if out is None else np.matmul(a, b, out=out)

    if any(isinstance(v, np.ndarray) and not plain_array(v) for v in (a, b)):
        return numpy()
    A, B = np.asarray(a), np.asarray(b)
    out_arr = check_out(out)
    if A.ndim == 0 or B.ndim == 0:
        return numpy()
    dt = np.result_type(A, B)
    if dt not in FLOAT_DTYPES:
        return numpy()
    A2 = A[np.newaxis, :] if A.ndim == 1 else A
    B2 = B[:, np.newaxis] if B.ndim == 1 else B
    m, k = A2.shape[-2:]
    k2, n = B2.shape[-2:]
    if k != k2:
        raise ValueError(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
            f"signature (n?,k),(k,m?)->(n?,m?) (size {k2} is different from {k})"
        )
    batch: tuple[int, ...] = ()
    if A2.ndim > 2 or B2.ndim > 2:
        try:
            batch = np.broadcast_shapes(A2.shape[:-2], B2.shape[:-2])
        except ValueError:
            return numpy()  # raises NumPy's own message
    shape = batch + ((m,) if A.ndim > 1 else ()) + ((n,) if B.ndim > 1 else ())
    if out_arr is not None and (
        not plain_array(out_arr) or out_arr.dtype != dt or out_arr.shape != shape
    ):
        return numpy()
    if not use_go(math.prod(batch) * m * n * k, "matmul"):
        return numpy()
    full = (*batch, m, n)
    A3 = forward_strided(A2.astype(dt, copy=False))
    B3 = forward_strided(B2.astype(dt, copy=False))
    if batch:
        # Batch axes that NumPy broadcasts cross with stride 0.
        A3 = np.broadcast_to(A3, (*batch, m, k))
        B3 = np.broadcast_to(B3, (*batch, k, n))
    if out_arr is None:
        dest = np.empty(full, dt)
    else:
        # Adding length-one axes is always a view of out.
        view = out_arr.reshape(full)
        aside = (
            np.may_share_memory(out_arr, A3)
            or np.may_share_memory(out_arr, B3)
            or any(s < 0 or s % view.itemsize for s in view.strides)
        )
        dest = np.empty(full, dt) if aside else view
    _lib.matmul(A3, B3, dest, _config.get_num_threads())
    if out_arr is not None:
        if dest is not view:
            view[...] = dest
        return out_arr
    result = dest.reshape(shape)
    return result[()] if result.ndim == 0 else result
