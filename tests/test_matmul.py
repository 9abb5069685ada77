"""matmul against NumPy's A @ B."""

from __future__ import annotations

import gonp
import numpy as np
import pytest

pytestmark = pytest.mark.go  # every test here must reach Go, unless marked


def layouts(a: np.ndarray) -> list[np.ndarray]:
    big = np.zeros((a.shape[0] * 2, a.shape[1] * 3), a.dtype)
    big[::2, ::3] = a
    return [a, np.asfortranarray(a), np.ascontiguousarray(a.T).T, big[::2, ::3], a[::-1, ::-1]]


SHAPES = [(1, 1, 1), (2, 3, 4), (7, 13, 5), (33, 1, 65), (64, 64, 64), (100, 257, 31),
          (0, 5, 3), (4, 0, 3), (3, 5, 0), (300, 200, 150)]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("m,k,n", SHAPES)
def test_matmul_matches_numpy(dtype: type, m: int, k: int, n: int) -> None:
    rng = np.random.default_rng(m * 100 + k * 10 + n)
    a = rng.standard_normal((m, k)).astype(dtype)
    b = rng.standard_normal((k, n)).astype(dtype)
    want = a @ b
    tol = 1e-4 if dtype == np.float32 else 1e-11
    for aa in layouts(a) if a.size else [a]:
        for bb in layouts(b) if b.size else [b]:
            before = (aa.copy(), bb.copy())
            got = gonp.matmul(aa, bb)
            assert got.dtype == want.dtype and got.shape == want.shape
            np.testing.assert_allclose(got, aa @ bb, rtol=tol, atol=tol * max(k, 1))
            np.testing.assert_array_equal(aa, before[0])
            np.testing.assert_array_equal(bb, before[1])


def test_vectors_promote_like_numpy() -> None:
    rng = np.random.default_rng(0)
    A, v, w = rng.random((6, 4)), rng.random(4), rng.random(6)
    for x, y in ((A, v), (w, A), (v, v)):
        want, got = np.matmul(x, y), gonp.matmul(x, y)
        assert type(got) is type(want)
        np.testing.assert_allclose(got, want, rtol=1e-13)


def test_mixed_and_int_dtypes() -> None:
    a32 = np.arange(12, dtype=np.float32).reshape(3, 4)
    b64 = np.arange(8.0).reshape(4, 2)
    assert gonp.matmul(a32, b64).dtype == np.float64
    ai = np.arange(12).reshape(3, 4)
    np.testing.assert_array_equal(gonp.matmul(ai, ai.T), ai @ ai.T)
    assert gonp.matmul(ai, ai.T).dtype == (ai @ ai.T).dtype


def test_nan_inf_propagate() -> None:
    a = np.ones((5, 5))
    a[2, 3] = np.nan
    b = np.zeros((5, 5))
    b[0, 0] = np.inf
    np.testing.assert_array_equal(np.isnan(gonp.matmul(a, b)), np.isnan(a @ b))


@pytest.mark.numpy
def test_errors() -> None:
    with pytest.raises(ValueError, match="mismatch"):
        gonp.matmul(np.ones((3, 4)), np.ones((5, 2)))
    with pytest.raises(ValueError):
        gonp.matmul(np.ones(3), 2.0)
    ro = np.zeros((3, 2))
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        gonp.matmul(np.ones((3, 4)), np.ones((4, 2)), out=ro)


def test_out_and_overlap() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.random((20, 20)), rng.random((20, 20))
    out = np.empty((20, 20))
    assert gonp.matmul(a, b, out=out) is out
    np.testing.assert_allclose(out, a @ b, rtol=1e-13)
    want = a @ b
    gonp.matmul(a, b, out=a)  # out is an operand: NumPy computes aside first
    np.testing.assert_allclose(a, want, rtol=1e-13)
    fo = np.empty((20, 20), order="F")
    gonp.matmul(b, b, out=fo)
    np.testing.assert_allclose(fo, b @ b, rtol=1e-13)


@pytest.mark.numpy
def test_stacks_go_to_numpy() -> None:
    a = np.random.default_rng(2).random((3, 4, 5))
    np.testing.assert_allclose(gonp.matmul(a, a.transpose(0, 2, 1)), a @ a.transpose(0, 2, 1))
