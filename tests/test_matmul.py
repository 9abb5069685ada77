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


SHAPES = [
    (1, 1, 1),
    (2, 3, 4),
    (7, 13, 5),
    (33, 1, 65),
    (64, 64, 64),
    (100, 257, 31),
    (0, 5, 3),
    (4, 0, 3),
    (3, 5, 0),
    (300, 200, 150),
]


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


# Stacks of matrices: (a shape, b shape), with batch dimensions that broadcast
# (including against a plain matrix or vector) and size-0 batch or core axes.
STACKS = [
    ((4, 3, 5), (4, 5, 2)),
    ((2, 1, 3, 5), (4, 5, 6)),
    ((1, 3, 5), (6, 1, 5, 2)),
    ((7, 3, 5), (5, 2)),
    ((3, 5), (7, 5, 2)),
    ((2, 3, 4, 5), (5,)),
    ((5,), (2, 3, 5, 4)),
    ((0, 3, 5), (5, 2)),
    ((2, 0, 5), (2, 5, 3)),
    ((2, 3, 0), (2, 0, 3)),
    ((3, 1, 1), (1, 1, 1)),
    ((40, 17, 9), (40, 9, 13)),
    ((2, 70, 60), (60, 80)),
]


def _stack_layouts(x: np.ndarray) -> list[np.ndarray]:
    """x itself, its last two axes swapped in memory, a strided view, a
    reversed view and (for stacks) a batch axis broadcast from one matrix."""
    out = [x]
    if x.ndim >= 2:
        out.append(np.swapaxes(np.ascontiguousarray(np.swapaxes(x, -1, -2)), -1, -2))
    big = np.zeros((*x.shape[:-1], x.shape[-1] * 2), x.dtype)
    big[..., ::2] = x
    out.append(big[..., ::2])
    out.append(np.ascontiguousarray(x[..., ::-1])[..., ::-1])
    if x.ndim >= 3 and x.shape[0] > 0:
        out.append(np.broadcast_to(x[:1], x.shape))
    return out


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("sa,sb", STACKS)
def test_stacks_match_numpy(dtype: type, sa: tuple[int, ...], sb: tuple[int, ...]) -> None:
    rng = np.random.default_rng(len(sa) * 10 + len(sb))
    a = rng.standard_normal(sa).astype(dtype)
    b = rng.standard_normal(sb).astype(dtype)
    tol = 1e-4 if dtype == np.float32 else 1e-11
    for aa in _stack_layouts(a):
        for bb in _stack_layouts(b):
            want = np.matmul(aa, bb)
            before = (aa.copy(), bb.copy())
            got = gonp.matmul(aa, bb)
            assert got.dtype == want.dtype and got.shape == want.shape
            np.testing.assert_allclose(got, want, rtol=tol, atol=tol * max(sa[-1], 1))
            np.testing.assert_array_equal(aa, before[0])
            np.testing.assert_array_equal(bb, before[1])


def test_stack_out_fortran_and_overlap() -> None:
    rng = np.random.default_rng(3)
    a, b = rng.random((6, 8, 5)), rng.random((6, 5, 7))
    want = a @ b
    out = np.empty((6, 7, 8)).transpose(0, 2, 1)  # each matrix Fortran-ordered
    assert gonp.matmul(a, b, out=out) is out
    np.testing.assert_allclose(out, want, rtol=1e-13)
    rev = np.empty((6, 8, 7))[::-1]
    assert gonp.matmul(a, b, out=rev) is rev
    np.testing.assert_allclose(rev, want, rtol=1e-13)
    # out is the left operand: NumPy computes as if from copies.
    sq = rng.random((4, 6, 6))
    other = rng.random((4, 6, 6))
    want = sq @ other
    assert gonp.matmul(sq, other, out=sq) is sq
    np.testing.assert_allclose(sq, want, rtol=1e-13)


def test_stack_mixed_and_int_dtypes() -> None:
    a32 = np.ones((3, 2, 4), np.float32)
    b64 = np.ones((4, 5))
    assert gonp.matmul(a32, b64).dtype == np.float64
    ai = np.arange(24).reshape(2, 3, 4)
    np.testing.assert_array_equal(gonp.matmul(ai, ai.swapaxes(1, 2)), ai @ ai.swapaxes(1, 2))


@pytest.mark.numpy
def test_stack_errors_match_numpy() -> None:
    """Shape and out= errors are raised before anything reaches Go."""
    cases = [
        (np.ones((2, 3, 4)), np.ones((3, 4, 2))),  # batch 2 vs 3 do not broadcast
        (np.ones((2, 3, 4)), np.ones((2, 5, 2))),  # core mismatch
        (np.ones((2, 3, 4)), np.ones(5)),
    ]
    for x, y in cases:
        with pytest.raises(ValueError) as want:
            np.matmul(x, y)
        with pytest.raises(ValueError) as got:
            gonp.matmul(x, y)
        assert type(got.value) is type(want.value)
    with pytest.raises(ValueError):
        gonp.matmul(np.ones((2, 3, 4)), np.ones((2, 4, 2)), out=np.empty((2, 3, 3)))
    ro = np.zeros((2, 3, 2))
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        gonp.matmul(np.ones((2, 3, 4)), np.ones((4, 2)), out=ro)


def test_stacks_reach_go(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stacks of float matrices are computed by the Go export, one call each."""
    from gonp import _lib

    calls: list[tuple[int, ...]] = []
    real = _lib.matmul

    def counting(a: np.ndarray, b: np.ndarray, out: np.ndarray, nthreads: int) -> None:
        calls.append(out.shape)
        real(a, b, out, nthreads)

    monkeypatch.setattr(_lib, "matmul", counting)
    a, b = np.ones((3, 1, 4, 5)), np.ones((2, 5, 6), np.float32)
    np.testing.assert_array_equal(gonp.matmul(a, b), a @ b)
    assert calls == [(3, 2, 4, 6)]
