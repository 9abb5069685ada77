"""Go refuses a descriptor whose shape and strides reach outside the buffer it
names (defence in depth at the C boundary): ValueError, nothing read or
written, the process alive."""

from __future__ import annotations

import ctypes

import gonp
import numpy as np
import pytest
from gonp import _lib

pytestmark = pytest.mark.go


def _with_dims(d: _lib.GonpArray, shape: tuple[int, ...], strides: tuple[int, ...]) -> None:
    dims = (ctypes.c_int64 * (2 * len(shape)))(*shape, *strides)
    at = ctypes.addressof(dims)
    d.ndim, d.shape, d.strides = len(shape), at, at + 8 * len(shape)
    d._keep = (*d._keep, dims)


def _square(dx: _lib.GonpArray, do: _lib.GonpArray) -> None:
    _lib._call(_lib.lib().gonp_unary, _lib.codes().unary["square"], dx, do, 1)


@pytest.mark.parametrize(
    "shape,strides",
    [
        ((9,), (8,)),  # one element past the end
        ((8,), (16,)),  # strides too wide
        ((2, 8), (64, 8)),  # a second row that does not exist
        ((2,), (-8,)),  # before the start
        ((3,), (2**62,)),  # a span that would overflow
        ((2**40, 2**40), (8, 8)),
    ],
)
def test_descriptor_outside_its_buffer_is_refused(
    shape: tuple[int, ...], strides: tuple[int, ...]
) -> None:
    backing = np.arange(16.0)
    x = backing[4:12]  # a view: its buffer is backing's 16 elements
    before = backing.copy()
    dx, do = _lib.descriptor(x), _lib.descriptor(np.empty(0))
    # Base the lie on the first element of the buffer, so "outside" means
    # outside backing's memory.
    dx.data = dx.base
    _with_dims(dx, shape, strides)
    _with_dims(do, shape, (0,) * len(shape))
    with pytest.raises(ValueError, match="outside its buffer"):
        _square(dx, do)
    np.testing.assert_array_equal(backing, before)


def test_out_descriptor_outside_its_buffer_is_refused() -> None:
    x, out = np.ones(8), np.zeros(8)
    dx, do = _lib.descriptor(x), _lib.descriptor(out)
    do.nbytes -= 8  # the buffer is one element shorter than the array
    with pytest.raises(ValueError, match="outside its buffer"):
        _square(dx, do)
    assert not out.any()


def test_views_inside_their_buffer_pass() -> None:
    backing = np.arange(40.0).reshape(5, 8)
    for x in (
        backing[1:4, 2:6],
        backing[::-1, ::-2],
        backing.T,
        backing[2, 3:4],
        np.broadcast_to(backing[0], (3, 8)),
    ):
        dx = _lib.descriptor(x)
        assert dx.base == backing.ctypes.data and dx.nbytes == backing.nbytes
        out = np.empty(x.shape)
        _square(dx, _lib.descriptor(out))
        np.testing.assert_array_equal(out, np.square(x))
    # After a refused call the next one works.
    np.testing.assert_array_equal(gonp.square(backing), np.square(backing))


@pytest.mark.numpy
def test_non_array_buffers_name_their_memory() -> None:
    raw = bytearray(8 * 10)
    x = np.frombuffer(raw, np.float64)[2:5]
    base, nbytes = _lib.extent(x)
    assert nbytes == len(raw) and base == np.frombuffer(raw, np.uint8).ctypes.data
