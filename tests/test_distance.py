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
@pytest.mark.parametrize(
    "ma,mb,d",
    [(1, 1, 1), (7, 5, 2), (40, 33, 3), (100, 257, 17), (64, 65, 64), (3, 4, 0), (0, 3, 2)],
)
def test_cdist_matches_scipy(metric: str, ma: int, mb: int, d: int) -> None:
    A, B = points(ma, d, 1), points(mb, d, 2)
    with np.errstate(all="ignore"):
        want = distance.cdist(A, B, metric)
        got = gonp.cdist(A, B, metric=metric)
    assert got.dtype == np.float64
    assert_rel(got, want, 1e-12)
    for a2, b2 in (
        (np.asfortranarray(A), B),
        (A, np.repeat(B, 2, axis=0)[::2]),
        (A[:, ::-1], B[:, ::-1]),
    ):
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
    with pytest.raises(ValueError, match="Unknown Distance Metric"):
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


# ---- every scipy metric, alias and keyword argument ----


def _spd(d: int, r: np.random.Generator) -> np.ndarray:
    """A random symmetric positive definite d-by-d matrix (Mahalanobis's VI)."""
    M = r.standard_normal((d, d))
    return M @ M.T + d * np.eye(d)


# (metric, kwargs builder taking d) computed in Go.
NATIVE_CASES = [
    ("minkowski", lambda d, r: {}),
    ("minkowski", lambda d, r: {"p": 3}),
    ("minkowski", lambda d, r: {"p": 1.5, "w": r.random(d)}),
    ("minkowski", lambda d, r: {"p": 1, "w": r.random(d)}),
    ("minkowski", lambda d, r: {"p": 2, "w": r.random(d)}),
    ("minkowski", lambda d, r: {"p": np.inf}),
    ("minkowski", lambda d, r: {"p": np.inf, "w": np.r_[0.0, r.random(max(d - 1, 0))][:d]}),
    ("minkowski", lambda d, r: {"p": 0.5}),
    ("minkowski", lambda d, r: {"p": 0}),
    ("minkowski", lambda d, r: {"p": -1.5}),
    ("seuclidean", lambda d, r: {}),
    ("seuclidean", lambda d, r: {"V": r.random(d) + 0.1}),
    ("correlation", lambda d, r: {}),
    ("braycurtis", lambda d, r: {}),
    ("braycurtis", lambda d, r: {"w": r.random(d)}),
    ("canberra", lambda d, r: {}),
    ("canberra", lambda d, r: {"w": r.random(d)}),
    ("mahalanobis", lambda d, r: {"VI": _spd(d, r)}),
    ("jensenshannon", lambda d, r: {}),
] + [(m, lambda d, r: {"w": r.random(d)}) for m in METRICS]


def _ids(case: tuple) -> str:
    return case[0] + "-" + "-".join(sorted(case[1](3, np.random.default_rng(0))))


@pytest.mark.parametrize("case", NATIVE_CASES, ids=_ids)
@pytest.mark.parametrize("ma,mb,d", [(1, 1, 1), (7, 5, 2), (40, 33, 5), (3, 4, 0), (0, 3, 2)])
def test_params_match_scipy(case: tuple, ma: int, mb: int, d: int) -> None:
    metric, make = case
    r = np.random.default_rng(ma * 100 + d)
    kw = make(d, r)
    if metric == "seuclidean" and "V" not in kw and ma + mb < 2:
        pytest.skip("scipy's default V needs two points")
    A, B = points(ma, d, 11), points(mb, d, 12)
    with np.errstate(all="ignore"):
        want = distance.cdist(A, B, metric, **kw)
        got = gonp.cdist(A, B, metric, **kw)
        assert got.dtype == np.float64
        assert_rel(got, want, 1e-12)
        # Fortran, reversed columns (with the vectors reversed too), broadcast rows.
        for a2, b2, flip in (
            (np.asfortranarray(A), B, False),
            (A[:, ::-1], B[:, ::-1], True),
            (A, np.repeat(B, 2, axis=0)[::2], False),
        ):
            kw2 = {k: v[::-1] if flip and k in "wV" else v for k, v in kw.items()}
            assert_rel(
                gonp.cdist(a2, b2, metric, **kw2), distance.cdist(a2, b2, metric, **kw2), 1e-12
            )
        if ma >= 1:
            assert_rel(gonp.pdist(A, metric, **kw), distance.pdist(A, metric, **kw), 1e-12)


@pytest.mark.parametrize("case", NATIVE_CASES, ids=_ids)
def test_params_float32_nan_zero(case: tuple) -> None:
    metric, make = case
    r = np.random.default_rng(5)
    kw = make(6, r)
    A = points(20, 6, 13, np.float32)
    got = gonp.cdist(A, A[:9], metric, **kw)
    assert got.dtype == np.float32
    with np.errstate(all="ignore"):
        want = distance.cdist(A.astype(np.float64), A[:9].astype(np.float64), metric, **kw)
    np.testing.assert_allclose(got, want, rtol=2e-5, atol=1e-5)
    X = points(9, 6, 14)
    X[1, 2], X[2, 0], X[3] = np.nan, np.inf, 0.0
    with np.errstate(all="ignore"):
        want = distance.pdist(X, metric, **kw)
        got = gonp.pdist(X, metric, **kw)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    ok = ~np.isnan(want)
    np.testing.assert_allclose(got[ok], want[ok], rtol=1e-12, atol=5e-16)


@pytest.mark.parametrize("case", NATIVE_CASES, ids=_ids)
def test_params_zero_weight_meets_overflow(case: tuple) -> None:
    # A zero weight on a coordinate whose difference overflows when squared
    # (or raised to p): SciPy's order of operations decides NaN or a number,
    # and differs between metrics (euclidean NaN, sqeuclidean finite).
    metric, make = case
    kw = make(3, np.random.default_rng(6))
    if "w" in kw:
        kw["w"] = np.array([0.0, 1.0, 0.5])
    A = np.array([[-3e200, 1.0, 2.0], [1e160, -1.0, 0.0], [np.inf, 2.0, 1.0]])
    B = np.array([[1.5, 2.0, 3.0], [0.0, 0.0, 0.0]])
    with np.errstate(all="ignore"):
        want = distance.cdist(A, B, metric, **kw)
        got = gonp.cdist(A, B, metric, **kw)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    ok = ~np.isnan(want)
    np.testing.assert_allclose(got[ok], want[ok], rtol=1e-12)


def _scipy_aliases() -> list[tuple[str, str]]:
    return sorted((a, info.canonical_name) for a, info in distance._METRIC_ALIAS.items())


@pytest.mark.anypath
@pytest.mark.parametrize("alias,name", _scipy_aliases())
def test_every_alias(alias: str, name: str) -> None:
    r = np.random.default_rng(3)
    A, B = r.random((6, 4)), r.random((5, 4))
    if name in (
        "hamming",
        "jaccard",
        "dice",
        "kulczynski1",
        "rogerstanimoto",
        "russellrao",
        "sokalmichener",
        "sokalsneath",
        "yule",
    ):
        A, B = A > 0.5, B > 0.5
    kw = {"VI": np.eye(4)} if name == "mahalanobis" else {}
    with np.errstate(all="ignore"):
        want, wantp = distance.cdist(A, B, name, **kw), distance.pdist(A, name, **kw)
        before = gonp._lib.go_calls()
        got, gotp = gonp.cdist(A, B, alias.upper(), **kw), gonp.pdist(A, alias, **kw)
    native = name in gonp._lib.codes().metrics  # bool input crosses as 0/1 float64
    assert (gonp._lib.go_calls() > before) == native
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(gotp, wantp, rtol=1e-12, atol=1e-15)


@pytest.mark.numpy
def test_callable_and_other_metrics_go_to_scipy() -> None:
    A = points(5, 3, 15)

    def f(u: np.ndarray, v: np.ndarray) -> float:
        return float(np.abs(u - v).sum())

    np.testing.assert_array_equal(gonp.cdist(A, A, f), distance.cdist(A, A, f))
    np.testing.assert_array_equal(gonp.pdist(A, f), distance.pdist(A, f))
    w = np.arange(3.0)
    np.testing.assert_array_equal(
        gonp.pdist(A, "correlation", w=w), distance.pdist(A, "correlation", w=w)
    )


def _raises_as_scipy(fn: str, *args: object, **kw: object) -> None:
    with pytest.raises(Exception) as want:
        getattr(distance, fn)(*args, **kw)
    with pytest.raises(want.type) as got:
        getattr(gonp, fn)(*args, **kw)
    assert str(got.value) == str(want.value)


@pytest.mark.anypath
def test_bad_kwargs_raise_as_scipy() -> None:
    A, B = points(6, 3, 17), points(4, 3, 18)
    _raises_as_scipy("cdist", A, B, "minkowski", w=np.ones(4))
    _raises_as_scipy("cdist", A, B, "euclidean", w=-np.ones(3))
    _raises_as_scipy("cdist", A, B, "cityblock", w=np.ones((3, 1)))
    _raises_as_scipy("cdist", A, B, "seuclidean", V=np.ones(2))
    _raises_as_scipy("cdist", A, B, "seuclidean", V=np.ones((3, 1)))
    _raises_as_scipy("cdist", A, B, "euclidean", p=3)
    _raises_as_scipy("cdist", A, B, "seuclidean", w=np.ones(3))
    _raises_as_scipy("pdist", A, "cosine", V=np.ones(3))
    _raises_as_scipy("cdist", A, B, "nosuchmetric")
    _raises_as_scipy("cdist", A, B, 3)
    _raises_as_scipy("cdist", A, B, out=np.empty((6, 5)))
    _raises_as_scipy("cdist", A, B, out=np.empty((4, 6)).T)
    _raises_as_scipy("cdist", A, B, out=np.empty((6, 4), np.int64))
    _raises_as_scipy("pdist", A, out=np.empty(14))
    _raises_as_scipy("pdist", A, "canberra", out=np.empty(15, np.int32))
    for metric in ("cosine", "correlation", "seuclidean", "braycurtis"):
        _raises_as_scipy("cdist", A, B, metric, out=np.empty((4, 6)).T)
        _raises_as_scipy("cdist", A, B, metric, out=np.empty((6, 4), np.float32))


def test_out_pdist_and_params() -> None:
    A = points(30, 4, 19)
    out = np.empty(435)
    assert gonp.pdist(A, "mi", p=3, out=out) is out
    assert_rel(out, distance.pdist(A, "minkowski", p=3), 1e-12)
    out2 = np.empty((30, 30))
    assert gonp.cdist(A, A, "braycurtis", out=out2) is out2
    assert_rel(out2, distance.cdist(A, A, "braycurtis"), 1e-12)


BOOLEAN = ["hamming", "jaccard", "dice", "rogerstanimoto", "russellrao", "sokalsneath", "yule"]


@pytest.mark.parametrize("metric", BOOLEAN)
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_boolean_metrics_match_scipy(metric: str, weighted: bool) -> None:
    r = np.random.default_rng(21)
    # bool data, 0/1 data, and small integers of both signs (SciPy reads
    # nonzero as true, and hamming compares the values themselves).
    ints = r.integers(-1, 3, size=(30, 7)).astype(np.float64)
    for X in (r.random((30, 7)) > 0.5, (r.random((30, 7)) > 0.6).astype(np.float64), ints):
        kw = {"w": r.random(7) + 0.1} if weighted else {}
        A, B = X[:12], X[12:]
        with np.errstate(all="ignore"):
            want, wantp = distance.cdist(A, B, metric, **kw), distance.pdist(X, metric, **kw)
            got, gotp = gonp.cdist(A, B, metric, **kw), gonp.pdist(X, metric, **kw)
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=0, equal_nan=True)
        np.testing.assert_allclose(gotp, wantp, rtol=1e-13, atol=0, equal_nan=True)
    # All-zero rows (zero denominators) and NaN.
    Z = np.zeros((4, 5))
    Z[1, 2] = 1.0
    Z[3, 0] = np.nan
    with np.errstate(all="ignore"):
        np.testing.assert_allclose(
            gonp.pdist(Z, metric), distance.pdist(Z, metric), rtol=1e-13, equal_nan=True
        )


def test_jensenshannon_and_mahalanobis_on_their_domains() -> None:
    r = np.random.default_rng(22)
    P = r.random((25, 6))
    P[3, :2] = 0.0
    P[4] = 0.0  # sums to 0: inf
    P[5, 1] = -0.5  # negative: inf
    with np.errstate(all="ignore"):
        np.testing.assert_allclose(
            gonp.cdist(P[:10], P[10:], "js"), distance.cdist(P[:10], P[10:], "js"), rtol=1e-12
        )
        np.testing.assert_allclose(gonp.pdist(P, "js"), distance.pdist(P, "js"), rtol=1e-12)
    X = r.standard_normal((40, 5))
    # VI derived from the stacked points, as SciPy does.
    np.testing.assert_allclose(
        gonp.cdist(X[:15], X[15:], "mahal"), distance.cdist(X[:15], X[15:], "mahal"), rtol=1e-12
    )
    np.testing.assert_allclose(gonp.pdist(X, "mahal"), distance.pdist(X, "mahal"), rtol=1e-12)
    with pytest.raises(ValueError) as want:
        distance.cdist(X[:2], X[2:4], "mahalanobis")
    with pytest.raises(ValueError) as got:
        gonp.cdist(X[:2], X[2:4], "mahalanobis")
    assert str(got.value) == str(want.value)


@pytest.mark.any_threads
@pytest.mark.parametrize("metric", ["euclidean", "sqeuclidean", "cityblock", "chebyshev", "cosine"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("threads", [1, 2])
def test_cdist_against_itself_is_exact(metric: str, dtype: type, threads: int) -> None:
    """cdist(X, X) computes each distance once and mirrors it; the matrix must
    equal cdist(X, copy of X) bit for bit, and SciPy's to rounding."""
    rng = np.random.default_rng(30)
    X = rng.standard_normal((700, 24)).astype(dtype)
    X[5, 3] = np.nan
    X[9] = X[2]
    with gonp.threads(threads):
        for x in (X, X[::2], np.asfortranarray(X)):
            got = gonp.cdist(x, x, metric)
            np.testing.assert_array_equal(got, gonp.cdist(x, x.copy(), metric))
            want = distance.cdist(x.astype(np.float64), x.astype(np.float64), metric)
            np.testing.assert_allclose(
                got, want, rtol=1e-5 if dtype == np.float32 else 1e-12, atol=1e-12
            )
        out = np.full((700, 700), -1.0, dtype)
        gonp.cdist(X, X, metric, out=out)
        np.testing.assert_array_equal(out, gonp.cdist(X, X.copy(), metric))
