"""Shared checks that decide between the Go path and NumPy."""

from __future__ import annotations

from typing import Any

import numpy as np

from gonp import _config, _lib

# The float dtypes of the kernels that compute in floating point only.
FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def use_go(size: int, kind: str) -> bool:
    """Return whether a call on ``size`` elements should run in Go."""
    return size >= _config.EFFECTIVE[kind] and _lib.available()


def plain_array(a: Any) -> bool:
    """Return whether ``a`` is an ndarray gonp serves itself.

    Subclasses other than ``np.memmap`` (matrix, masked arrays, ...) carry
    semantics of their own, so they go to NumPy.
    """
    t = type(a)
    return t is np.ndarray or t is np.memmap


def go_dtype(dt: np.dtype) -> bool:
    """Return whether the Go core implements dtype ``dt`` (native byte order).

    Asks the library (loading it on first use), so call it on the Go path only.
    """
    return dt in _lib.codes().dtypes


def crossable(a: np.ndarray) -> np.ndarray:
    """Return ``a``, or a copy if its strides are not whole elements.

    Such views (of packed records, for instance) are rare; the kernels index
    elements, so they get an aligned copy instead.
    """
    if a.flags.aligned:  # NumPy's "aligned" implies whole-element strides
        return a
    size = a.itemsize
    if any(s % size for s in a.strides):
        return a.copy()
    return a


def forward_strided(a: np.ndarray) -> np.ndarray:
    """Return ``a``, or a C-contiguous copy if a stride is negative or not a
    whole number of elements.

    For the kernels that read any layout with non-negative strides in place
    (matmul packs its panels, distances pack their blocks): C, Fortran,
    transposed, sliced and broadcast views cross as they are; reversed views
    are copied.
    """
    if any(s < 0 or s % a.itemsize for s in a.strides):
        return np.ascontiguousarray(a)
    return a


def check_out(out: Any) -> np.ndarray | None:
    """Validate an ``out=`` argument as NumPy does and return the array.

    Accepts ``None``, an ndarray, or a 1-tuple holding one.
    """
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError(f"out must be a single array or a 1-tuple, got a {len(out)}-tuple")
        out = out[0]
    if out is None:
        return None
    if not isinstance(out, np.ndarray):
        raise TypeError(f"return arrays must be of ArrayType, got {type(out).__name__}")
    if not out.flags.writeable:
        raise ValueError("output array is read-only")
    return out


def same_view(a: np.ndarray, b: np.ndarray) -> bool:
    """Return whether ``a`` and ``b`` are the very same view of memory."""
    return (
        a.__array_interface__["data"][0] == b.__array_interface__["data"][0]
        and a.strides == b.strides
        and a.shape == b.shape
    )


def scalar_result(res: np.ndarray, out: np.ndarray | None) -> Any:
    """NumPy returns a scalar, not a 0-d array, when no out= was given."""
    if out is None and res.ndim == 0:
        return res[()]
    return res
