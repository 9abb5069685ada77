"""cdist and pdist against scipy.spatial.distance."""

from __future__ import annotations

import gonp
import numpy as np
import pytest
from scipy.spatial import distance

pytestmark = pytest.mark.go  # every test here must reach Go, unless marked

METRICS = ["euclidean", "sqeuclidean", "cityblock", "chebyshev", "cosine"]


def points(m: int, d: int, seed: int, dtype: type = np.float64) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((m, d)).astype(dtype)


def assert_rel(got: np.ndarray, want: np.ndarray, rtol: float) -> None:
    assert got.shape == want.shape
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    ok = ~np.isnan(want)
    err = np.abs(got[ok] - want[ok]) / np.maximum(np.abs(want[ok]), 1e-300)
    assert (err <= rtol).all() or np.allclose(got[ok], want[ok], rtol=rtol, atol=1e-13)


@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("ma,mb,d", [(1, 1, 1), (7, 5, 2), (40, 33, 3), (100, 257, 17),
                                     (64, 65, 64), (3, 4, 0), (0, 3, 2)])
def test_cdist_matches_scipy(metric: str, ma: int, mb: int, d: int) -> None:
    A, B = points(ma, d, 1), points(mb, d, 2)
    with np.errstate(all="ignore"):
        want = distance.cdist(A, B, metric)
        got = gonp.cdist(A, B, metric=metric)
    assert got.dtype == np.float64
    assert_rel(got, want, 1e-12)
    for a2, b2 in ((np.asfortranarray(A), B), (A, np.repeat(B, 2, axis=0)[::2]),
                   (A[:, ::-1], B[:, ::-1])):
        with np.errstate(all="ignore"):
            assert_rel(gonp.cdist(a2, b2, metric=metric), distance.cdist(a2, b2, metric), 1e-12)


@pytest.mark.parametrize("metric", METRICS)
def test_cdist_float32_native(metric: str) -> None:
    A, B = points(50, 8, 3, np.float32), points(60, 8, 4, np.float32)
    got = gonp.cdist(A, B, metric=metric)
    assert got.dtype == np.float32
    want = distance.cdist(A.astype(np.float64), B.astype(np.float64), metric)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("m,d", [(0, 2), (1, 3), (2, 2), (50, 2), (301, 7), (64, 64)])
def test_pdist_matches_scipy(metric: str, m: int, d: int) -> None:
    X = points(m, d, 5)
    with np.errstate(all="ignore"):
        want = distance.pdist(X, metric)
    got = gonp.pdist(X, metric=metric)
    assert got.dtype == want.dtype
    assert_rel(got, want, 1e-12)


def test_exact_not_cancelling() -> None:
    # Far from the origin, |x|^2 + |y|^2 - 2x.y loses every digit; gonp must not.
    P = 1e8 + np.random.default_rng(6).random((200, 3))
    want = distance.cdist(P, P)
    got = gonp.cdist(P, P)
    assert_rel(got, want, 1e-12)
    assert (np.diag(got) == 0).all()


def test_nan_inf_and_zero_vectors() -> None:
    A = points(6, 4, 7)
    A[1, 2] = np.nan
    A[2, 0] = np.inf
    A[3] = 0.0
    for metric in METRICS:
        with np.errstate(all="ignore"):
            want = distance.cdist(A, A, metric)
        got = gonp.cdist(A, A, metric=metric)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(want), err_msg=metric)
        ok = ~np.isnan(want)
        # cosine is 1 - cos: near 0 its error is absolute, about eps.
        np.testing.assert_allclose(got[ok], want[ok], rtol=1e-12, atol=5e-16, err_msg=metric)


@pytest.mark.numpy
def test_errors() -> None:
    with pytest.raises(ValueError, match="columns"):
        gonp.cdist(np.ones((3, 2)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="2-dimensional"):
        gonp.cdist(np.ones(3), np.ones((3, 3)))
    with pytest.raises(ValueError, match="metric"):
        gonp.cdist(np.ones((3, 2)), np.ones((3, 2)), metric="hamming2")
    with pytest.raises(ValueError, match="2-dimensional"):
        gonp.pdist(np.ones((2, 2, 2)))


def test_out_argument() -> None:
    A, B = points(30, 3, 8), points(20, 3, 9)
    out = np.empty((30, 20))
    assert gonp.cdist(A, B, out=out) is out
    np.testing.assert_allclose(out, distance.cdist(A, B), rtol=1e-12)
    ro = np.empty((30, 20))
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        gonp.cdist(A, B, out=ro)
