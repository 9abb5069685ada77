"""normalize against the NumPy expression, standardize against StandardScaler."""

from __future__ import annotations

import gonp
import numpy as np
import pytest
from arrays import arrays
from sklearn.preprocessing import StandardScaler

pytestmark = pytest.mark.go  # every test here must reach Go, unless marked

CASES = [(label, x) for label, x in arrays() if x.size]


def numpy_normalize(x: np.ndarray, axis: object = None, ddof: float = 0) -> np.ndarray:
    with np.errstate(all="ignore"):
        return (x - x.mean(axis=axis, keepdims=True)) / x.std(axis=axis, ddof=ddof, keepdims=True)


def close(got: np.ndarray, want: np.ndarray) -> None:
    assert got.dtype == want.dtype and got.shape == want.shape
    tol = 1e-4 if got.dtype == np.float32 else 1e-9
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol)


@pytest.mark.parametrize("label,x", CASES, ids=[c[0] for c in CASES])
def test_normalize_matches_numpy_expression(label: str, x: np.ndarray) -> None:
    before = x.copy()
    axes: list[object] = [None, *list(range(x.ndim))]
    eps = np.finfo(x.dtype if x.dtype.kind == "f" else np.float64).eps
    for axis in axes:
        with np.errstate(all="ignore"):
            got, want = gonp.normalize(x, axis=axis), numpy_normalize(x, axis)
            # Where a slice is constant (a broadcast axis), NumPy's expression
            # gives rounding noise (its mean misses the value by an ulp, so
            # +-1 or +-inf); gonp's exact statistics give 0/0. Compare the rest.
            constant = np.broadcast_to(
                x.std(axis=axis, keepdims=True) <= 1e3 * eps * np.abs(x).max(initial=0), x.shape
            )
        close(np.where(constant, 0, got), np.where(constant, 0, want).astype(got.dtype))
    if x.ndim and x.shape[-1] > 1:
        close(gonp.normalize(x, axis=-1, ddof=1), numpy_normalize(x, -1, 1))
    np.testing.assert_array_equal(x, before)


def test_normalize_global_statistics_not_per_chunk() -> None:
    x = np.concatenate([np.zeros(500_000), np.full(500_000, 10.0)])
    z = gonp.normalize(x)
    np.testing.assert_allclose(z[:3], -1.0)
    np.testing.assert_allclose(z[-3:], 1.0)


def test_normalize_zero_std_gives_numpy_nan_inf() -> None:
    for x in (np.full(1000, 3.0), np.full((10, 4), 2.5)):
        with np.errstate(all="ignore"):
            want = numpy_normalize(x)
        got = gonp.normalize(x)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(want))


def test_normalize_in_place_and_out() -> None:
    x = np.random.default_rng(0).standard_normal((300, 40))
    want = numpy_normalize(x, 0)
    res = gonp.normalize(x, axis=0, out=x)
    assert res is x
    close(x, want)
    ro = np.empty_like(x)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        gonp.normalize(x, out=ro)
    with pytest.raises(ValueError):
        gonp.normalize(x, out=np.empty((3, 3)))


def scaler(X: np.ndarray, **kw: bool) -> np.ndarray:
    return StandardScaler(**kw).fit_transform(X)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
@pytest.mark.parametrize("layout", ["C", "F", "strided"])
def test_standardize_matches_standard_scaler(dtype: type, layout: str) -> None:
    rng = np.random.default_rng(1)
    X = (
        rng.standard_normal((2000, 13)) * [1, 10, 100, 1e3, 1e-3, 5, 7, 1, 1, 2, 3, 4, 5] + 50
    ).astype(dtype)
    X[:, 3] = X[0, 3]  # a constant feature: scale 1, as sklearn
    if layout == "F":
        X = np.asfortranarray(X)
    elif layout == "strided":
        X = np.repeat(X, 2, axis=1)[::2, ::2]
    before = X.copy()
    for kw in ({}, {"with_mean": False}, {"with_std": False}):
        want = scaler(X.copy(), **kw)
        got = gonp.standardize(X, **kw)
        close(got, want.astype(got.dtype) if dtype == np.int64 else want)
    np.testing.assert_array_equal(X, before)


def test_standardize_axis_and_ddof() -> None:
    X = np.random.default_rng(2).standard_normal((50, 30))
    np.testing.assert_allclose(gonp.standardize(X, axis=1), scaler(X.T).T, rtol=1e-10)
    want = (X - X.mean(0)) / X.std(0, ddof=1)
    np.testing.assert_allclose(gonp.standardize(X, ddof=1), want, rtol=1e-10)


def test_standardize_out() -> None:
    X = np.random.default_rng(3).standard_normal((100, 4))
    want = scaler(X)
    out = np.empty_like(X)
    assert gonp.standardize(X, out=out) is out
    np.testing.assert_allclose(out, want, rtol=1e-10)
    gonp.standardize(X, out=X)
    np.testing.assert_allclose(X, want, rtol=1e-10)


def test_standardize_wide_matrix_rows_path() -> None:
    X = np.random.default_rng(4).standard_normal((3000, 700))
    np.testing.assert_allclose(gonp.standardize(X), scaler(X), rtol=1e-9, atol=1e-12)
