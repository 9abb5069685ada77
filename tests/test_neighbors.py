"""knn and cdist_argmin against scikit-learn's brute-force neighbours and
against SciPy's distance matrix sorted stably by NumPy."""

from __future__ import annotations

import gonp
import numpy as np
import pytest
from scipy.spatial import distance

sklearn_neighbors = pytest.importorskip("sklearn.neighbors")
sklearn_metrics = pytest.importorskip("sklearn.metrics")

pytestmark = pytest.mark.go

TILED = ["euclidean", "sqeuclidean", "cityblock", "chebyshev", "cosine"]


def points(m: int, d: int, seed: int, dtype: type = np.float64) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((m, d)).astype(dtype)


def by_sorting(
    A: np.ndarray, B: np.ndarray, k: int, metric: str, **kw: object
) -> tuple[np.ndarray, np.ndarray]:
    """The definition: SciPy's matrix, each row sorted stably (NaN last)."""
    with np.errstate(all="ignore"):
        D = distance.cdist(A.astype(np.float64), B.astype(np.float64), metric, **kw)
    order = np.argsort(D, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(D, order, axis=1), order


@pytest.mark.parametrize("metric", TILED)
@pytest.mark.parametrize(
    "ma,mb,d,k",
    [(1, 1, 1, 1), (30, 50, 3, 1), (40, 70, 8, 10), (200, 300, 64, 10), (13, 17, 5, 17)],
)
def test_knn_matches_sklearn(metric: str, ma: int, mb: int, d: int, k: int) -> None:
    A, B = points(ma, d, 1), points(mb, d, 2)
    dist, idx = gonp.knn(A, B, k, metric)
    assert dist.shape == idx.shape == (ma, k)
    assert dist.dtype == np.float64 and idx.dtype == np.int64
    nn = sklearn_neighbors.NearestNeighbors(n_neighbors=k, algorithm="brute", metric=metric)
    want_d, want_i = nn.fit(B).kneighbors(A)
    np.testing.assert_array_equal(idx, want_i)
    np.testing.assert_allclose(dist, want_d, rtol=1e-7, atol=1e-7)
    # Exact: the values SciPy's matrix holds, in the order a stable sort gives.
    ref_d, ref_i = by_sorting(A, B, k, metric)
    np.testing.assert_array_equal(idx, ref_i)
    np.testing.assert_allclose(dist, ref_d, rtol=1e-13, atol=0)


@pytest.mark.parametrize("metric", TILED)
def test_knn_ties_keep_lower_index(metric: str) -> None:
    rng = np.random.default_rng(3)
    B = rng.integers(-2, 3, size=(60, 3)).astype(np.float64)
    B[1::3] = B[::3][: len(B[1::3])]  # repeated rows
    A = rng.integers(-2, 3, size=(25, 3)).astype(np.float64)
    A[:5] = B[:5]
    for k in (1, 7, 60):
        dist, idx = gonp.knn(A, B, k, metric)
        ref_d, ref_i = by_sorting(A, B, k, metric)
        np.testing.assert_array_equal(idx, ref_i)
        np.testing.assert_array_equal(dist, ref_d)


@pytest.mark.parametrize("metric", TILED)
def test_knn_nan_last(metric: str) -> None:
    A, B = points(9, 4, 4), points(30, 4, 5)
    B[::4, 1] = np.nan
    A[2, 0] = np.nan
    dist, idx = gonp.knn(A, B, 30, metric)
    ref_d, ref_i = by_sorting(A, B, 30, metric)
    np.testing.assert_array_equal(idx, ref_i)
    np.testing.assert_allclose(dist, ref_d, rtol=1e-13, equal_nan=True)
    if metric != "chebyshev":  # chebyshev skips NaN terms, as SciPy
        assert np.isnan(dist[2]).all()


@pytest.mark.parametrize("metric", TILED)
def test_knn_float32_and_views(metric: str) -> None:
    A32, B32 = points(40, 6, 6, np.float32), points(50, 6, 7, np.float32)
    dist, idx = gonp.knn(A32, B32, 5, metric)
    assert dist.dtype == np.float64
    nn = sklearn_neighbors.NearestNeighbors(n_neighbors=5, algorithm="brute", metric=metric)
    want_d, want_i = nn.fit(B32).kneighbors(A32)
    np.testing.assert_array_equal(idx, want_i)
    np.testing.assert_allclose(dist, want_d, rtol=1e-5, atol=1e-6)
    ref_d, ref_i = by_sorting(A32, B32, 5, metric)
    np.testing.assert_array_equal(idx, ref_i)
    np.testing.assert_allclose(dist, ref_d, rtol=1e-13)
    A, B = points(40, 12, 8), points(90, 12, 9)
    for a, b in (
        (np.asfortranarray(A), B),
        (A[::2, ::3], B[::3, ::3]),
        (A[:, ::-1], B[:, ::-1]),
        (A.T.copy().T, np.asfortranarray(B)[1::2]),
    ):
        dist, idx = gonp.knn(a, b, 4, metric)
        ref_d, ref_i = by_sorting(a, b, 4, metric)
        np.testing.assert_array_equal(idx, ref_i)
        np.testing.assert_allclose(dist, ref_d, rtol=1e-13)


@pytest.mark.anypath
def test_knn_k_out_of_range_as_sklearn() -> None:
    A, B = points(5, 3, 10), points(10, 3, 11)
    nn = sklearn_neighbors.NearestNeighbors(algorithm="brute").fit(B)
    for k in (11, 0, -1):
        with pytest.raises(ValueError) as want:
            nn.kneighbors(A, k)
        with pytest.raises(ValueError) as got:
            gonp.knn(A, B, k)
        assert str(got.value) == str(want.value)
    with pytest.raises(TypeError):
        gonp.knn(A, B, 2.5)
    with pytest.raises(ValueError, match="same number of columns"):
        gonp.knn(A, points(4, 2, 1), 1)
    with pytest.raises(ValueError, match="2-dimensional"):
        gonp.knn(A[0], B, 1)
    with pytest.raises(ValueError):
        gonp.cdist_argmin(A, B[:0])


@pytest.mark.anypath
def test_knn_empty_query() -> None:
    dist, idx = gonp.knn(np.empty((0, 3)), points(4, 3, 1), 2)
    assert dist.shape == idx.shape == (0, 2)
    i, d = gonp.cdist_argmin(np.empty((0, 3)), points(4, 3, 1))
    assert i.shape == d.shape == (0,)


@pytest.mark.parametrize("metric", TILED)
def test_knn_zero_columns(metric: str) -> None:
    dist, idx = gonp.knn(np.empty((3, 0)), np.empty((5, 0)), 2, metric)
    ref_d, ref_i = by_sorting(np.empty((3, 0)), np.empty((5, 0)), 2, metric)
    np.testing.assert_array_equal(idx, ref_i)
    np.testing.assert_array_equal(dist, ref_d)


@pytest.mark.parametrize("metric", ["euclidean", "cityblock", "cosine", "sqeuclidean"])
def test_cdist_argmin_matches_sklearn(metric: str) -> None:
    A, B = points(300, 16, 12), points(500, 16, 13)
    idx, dist = gonp.cdist_argmin(A, B, metric)
    want_i, want_d = sklearn_metrics.pairwise_distances_argmin_min(A, B, metric=metric)
    np.testing.assert_array_equal(idx, want_i)
    np.testing.assert_allclose(dist, want_d, rtol=1e-7, atol=1e-7)
    D = distance.cdist(A, B, metric)
    np.testing.assert_array_equal(idx, np.argmin(D, axis=1))
    np.testing.assert_allclose(dist, D.min(axis=1), rtol=1e-13)


@pytest.mark.parametrize(
    "metric,kw",
    [
        ("minkowski", {"p": 3}),
        ("canberra", {}),
        ("braycurtis", {}),
        ("seuclidean", {}),
        ("mahalanobis", {}),
        ("euclidean", {"w": np.arange(1.0, 5.0)}),
        ("l1", {}),
        ("l2", {}),
        ("manhattan", {}),
    ],
)
def test_knn_other_metrics_by_blocks(
    metric: str, kw: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gonp._neighbors as nb

    monkeypatch.setattr(nb, "_BLOCK", 64)  # several blocks of rows
    A, B = points(40, 4, 14), points(30, 4, 15)
    dist, idx = gonp.knn(A, B, 6, metric, **kw)
    scipy_name = {"l1": "cityblock", "manhattan": "cityblock", "l2": "euclidean"}.get(
        metric, metric
    )
    if scipy_name in ("seuclidean", "mahalanobis"):
        X = np.vstack([A, B])
        kw = (
            {"V": X.var(axis=0, ddof=1)}
            if scipy_name == "seuclidean"
            else {"VI": np.linalg.inv(np.cov(X.T)).T}
        )
    ref_d, ref_i = by_sorting(A, B, 6, scipy_name, **kw)
    np.testing.assert_array_equal(idx, ref_i)
    np.testing.assert_allclose(dist, ref_d, rtol=1e-12)


@pytest.mark.anypath
def test_knn_callable_metric() -> None:
    A, B = points(6, 3, 16), points(8, 3, 17)
    dist, idx = gonp.knn(A, B, 3, lambda u, v: float(np.abs(u - v).sum()))
    ref_d, ref_i = by_sorting(A, B, 3, "cityblock")
    np.testing.assert_array_equal(idx, ref_i)
    np.testing.assert_allclose(dist, ref_d, rtol=1e-13)


@pytest.mark.any_threads
def test_knn_same_for_any_thread_count() -> None:
    A, B = points(700, 10, 18), points(900, 10, 19)
    with gonp.threads(1):
        one = gonp.knn(A, B, 9)
    with gonp.threads(3):
        three = gonp.knn(A, B, 9)
    np.testing.assert_array_equal(one[0], three[0])
    np.testing.assert_array_equal(one[1], three[1])


def near_tie_points(ma: int, mb: int, d: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """B rows that differ from one base row only in their last bits, A rows
    near it: most distances agree to float32 precision, so only the exact
    float64 values order them."""
    rng = np.random.default_rng(seed)
    base = rng.standard_normal(d)
    B = base * (1 + 1e-13 * rng.standard_normal((mb, d)))
    A = base + 1e-3 * rng.standard_normal((ma, d))
    return A, B


@pytest.mark.any_threads
@pytest.mark.parametrize("metric", ["euclidean", "sqeuclidean"])
@pytest.mark.parametrize("kind", ["normal", "near", "offset", "float32", "view"])
@pytest.mark.parametrize("k", [1, 10])
def test_knn_screened_is_exact(metric: str, kind: str, k: int) -> None:
    """Past the first few hundred rows of XB the Go kernel screens candidates
    in float32; the result must still be exactly the stably sorted matrix of
    gonp.cdist, and SciPy's to rounding."""
    ma, mb, d = 150, 2500, 64
    if kind == "near":
        A, B = near_tie_points(ma, mb, d, 20)
    else:
        A, B = points(ma, d, 21), points(mb, d, 22)
    if kind == "offset":
        A, B = A * 1e-3 + 1e6, B * 1e-3 + 1e6
    elif kind == "float32":
        A, B = A.astype(np.float32), B.astype(np.float32)
    elif kind == "view":
        A = np.asfortranarray(A)
        B = np.repeat(B, 2, axis=1)[:, ::2]
    dist, idx = gonp.knn(A, B, k, metric)
    # float32 input is computed in float64, as its cdist with float64 output.
    D = gonp.cdist(A.astype(np.float64), B.astype(np.float64), metric)
    order = np.argsort(D, axis=1, kind="stable")[:, :k]
    np.testing.assert_array_equal(idx, order)
    np.testing.assert_array_equal(dist, np.take_along_axis(D, order, axis=1))
    ref_d, _ = by_sorting(A, B, k, metric)
    np.testing.assert_allclose(dist, ref_d, rtol=1e-12)
    if k == 1:
        i1, d1 = gonp.cdist_argmin(A, B, metric)
        np.testing.assert_array_equal(i1, idx[:, 0])
        np.testing.assert_array_equal(d1, dist[:, 0])
