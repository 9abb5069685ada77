"""gonp on dask arrays: lazy results, gonp per block, NumPy's values.

The first part runs dask's synchronous scheduler in this process; the second
a real ``distributed.LocalCluster`` of two single-thread worker processes on
the loopback interface (one cluster for the module).
"""

from __future__ import annotations

import os

import gonp
import numpy as np
import pytest

da = pytest.importorskip("dask.array")
dask = pytest.importorskip("dask")
scipy_distance = pytest.importorskip("scipy.spatial.distance")

RNG = np.random.default_rng(8)
X = RNG.standard_normal((603, 9))
CHUNKS = (100, 4)

UNARY = ["square", "sqrt", "abs", "absolute", "negative", "exp", "log", "sin", "cos"]
BINARY = ["add", "subtract", "multiply", "divide", "maximum", "minimum", "power"]


@pytest.fixture(autouse=True)
def synchronous() -> object:
    with dask.config.set(scheduler="synchronous"):
        yield


def lazy(x: np.ndarray, chunks: object = CHUNKS) -> object:
    return da.from_array(x, chunks=chunks)


@pytest.mark.parametrize("name", UNARY)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_unary(name: str, dtype: type) -> None:
    x = np.abs(X).astype(dtype) + 0.5
    res = getattr(gonp, name)(lazy(x))
    assert isinstance(res, da.Array)
    got = res.compute()
    want = getattr(np, "absolute" if name == "abs" else name)(x)
    assert got.dtype == want.dtype == res.dtype
    np.testing.assert_allclose(got, want, rtol=4 * np.finfo(dtype).eps)


@pytest.mark.parametrize("name", BINARY)
def test_binary_broadcast_and_scalars(name: str) -> None:
    x = np.abs(X) + 0.5
    row = np.abs(RNG.standard_normal(9)) + 0.5
    fn, ref = getattr(gonp, name), getattr(np, name)
    cases = [
        (lazy(x), lazy(x), x, x),
        (lazy(x), row, x, row),  # ndarray broadcast against a dask array
        (2.0, lazy(x), 2.0, x),  # Python scalar first
        (lazy(x.astype(np.float32)), 2.0, x.astype(np.float32), 2.0),  # weak scalar
    ]
    for a, b, na, nb in cases:
        res = fn(a, b)
        assert isinstance(res, da.Array)
        got, want = res.compute(), ref(na, nb)
        assert got.dtype == want.dtype == res.dtype
        np.testing.assert_allclose(got, want, rtol=1e-6 if want.dtype == np.float32 else 1e-14)


def test_int_elementwise() -> None:
    x = np.arange(-500, 500, dtype=np.int64).reshape(100, 10)
    got = gonp.add(lazy(x, (30, 5)), 7).compute()
    np.testing.assert_array_equal(got, x + 7)
    assert got.dtype == np.int64


def test_out_with_dask_raises() -> None:
    with pytest.raises(TypeError, match="out= cannot be used with a dask array"):
        gonp.square(lazy(X), out=np.empty_like(X))
    with pytest.raises(TypeError, match="out="):
        gonp.sum(lazy(X), axis=0, out=np.empty(9))
    with pytest.raises(TypeError, match="out="):
        gonp.standardize(lazy(X), out=np.empty_like(X))


@pytest.mark.parametrize("op", ["sum", "mean", "var", "std", "min", "max"])
@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1), -1])
@pytest.mark.parametrize("keepdims", [False, True])
def test_reductions(op: str, axis: object, keepdims: bool) -> None:
    res = getattr(gonp, op)(lazy(X), axis=axis, keepdims=keepdims)
    assert isinstance(res, da.Array)
    got = res.compute()
    want = getattr(np, op)(X, axis=axis, keepdims=keepdims)
    assert np.shape(got) == want.shape == res.shape
    assert got.dtype == want.dtype
    np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("op", ["sum", "mean", "var", "std", "min", "max"])
def test_reductions_float32_int_ddof(op: str) -> None:
    x32 = X.astype(np.float32)
    got = getattr(gonp, op)(lazy(x32), axis=0).compute()
    want = getattr(np, op)(x32.astype(np.float64), axis=0)
    assert got.dtype == getattr(np, op)(x32, axis=0).dtype
    np.testing.assert_allclose(got, want, rtol=2e-6, atol=1e-6)
    xi = (X * 100).astype(np.int32)
    got = getattr(gonp, op)(lazy(xi)).compute()
    want = getattr(np, op)(xi)
    assert got.dtype == want.dtype
    np.testing.assert_allclose(got, want, rtol=1e-12)
    if op in ("var", "std"):
        got = getattr(gonp, op)(lazy(X), axis=0, ddof=1).compute()
        np.testing.assert_allclose(got, getattr(np, op)(X, axis=0, ddof=1), rtol=1e-13)


def test_moments_are_not_sum_of_squares() -> None:
    # A large offset: E[x^2] - E[x]^2 loses every digit here, Chan's merge does not.
    x = 1e9 + RNG.standard_normal((4000, 3))
    got = gonp.var(lazy(x, (333, 3)), axis=0).compute()
    np.testing.assert_allclose(got, np.var(x, axis=0), rtol=1e-6)


def test_nan_propagates() -> None:
    x = X.copy()
    x[17, 2] = np.nan
    for op in ("sum", "mean", "var", "min", "max"):
        got = getattr(gonp, op)(lazy(x), axis=0).compute()
        want = getattr(np, op)(x, axis=0)
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-13)
        assert np.isnan(got[2])


def test_same_blocks_bit_identical() -> None:
    # The same blocks, described two ways and reached through a rechunk.
    regular = lazy(X, (100, 4))
    explicit = lazy(X, ((100,) * 6 + (3,), (4, 4, 1)))
    rechunked = lazy(X, (301, 9)).rechunk((100, 4))
    for op in ("sum", "mean", "var", "std"):
        for axis in (None, 0, 1):
            a = getattr(gonp, op)(regular, axis=axis).compute()
            b = getattr(gonp, op)(explicit, axis=axis).compute()
            c = getattr(gonp, op)(rechunked, axis=axis).compute()
            assert np.array_equal(a, b) and np.array_equal(a, c), (op, axis)
    # and for another thread count in the blocks
    with gonp.threads(2):
        again = gonp.var(regular, axis=0).compute()
    assert np.array_equal(again, gonp.var(regular, axis=0).compute())


@pytest.mark.parametrize("axis", [None, 0, 1])
def test_normalize(axis: object) -> None:
    got = gonp.normalize(lazy(X), axis=axis, ddof=1).compute()
    mean = X.mean(axis=axis, keepdims=True)
    want = (X - mean) / X.std(axis=axis, ddof=1, keepdims=True)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_standardize_matches_sklearn() -> None:
    preprocessing = pytest.importorskip("sklearn.preprocessing")
    x = X.copy()
    x[:, 3] = 7.0  # constant feature: scale 1
    for with_mean, with_std in [(True, True), (False, True), (True, False)]:
        res = gonp.standardize(lazy(x), with_mean=with_mean, with_std=with_std)
        assert isinstance(res, da.Array)
        want = preprocessing.StandardScaler(with_mean=with_mean, with_std=with_std).fit_transform(x)
        np.testing.assert_allclose(res.compute(), want, rtol=1e-12, atol=1e-12)
    got32 = gonp.standardize(lazy(x.astype(np.float32))).compute()
    assert got32.dtype == np.float32


def test_statistics_read_once() -> None:
    # One statistics pass: a single reduction reads the blocks, whatever
    # standardize takes from it.
    res = gonp.standardize(lazy(X))
    graph = dict(res.__dask_graph__())
    chunk_tasks = [k for k in graph if isinstance(k, tuple) and "moments_chunk" in k[0]]
    assert len(chunk_tasks) == lazy(X).npartitions  # each block read once
    assert len({k[0] for k in chunk_tasks}) == 1


@pytest.mark.parametrize("metric", ["euclidean", "sqeuclidean", "cityblock", "chebyshev", "cosine"])
def test_cdist_pdist(metric: str) -> None:
    y = RNG.standard_normal((77, 9))
    for yy in (y, lazy(y, (20, 3))):
        res = gonp.cdist(lazy(X), yy, metric)
        assert isinstance(res, da.Array) and res.chunks[1] == (77,)
        np.testing.assert_allclose(
            res.compute(), scipy_distance.cdist(X, y, metric), rtol=1e-12, atol=1e-12
        )
    res = gonp.pdist(lazy(X[:200], (45, 9)), metric)
    np.testing.assert_allclose(
        res.compute(), scipy_distance.pdist(X[:200], metric), rtol=1e-12, atol=1e-12
    )
    with pytest.raises(ValueError, match="unknown metric"):
        gonp.cdist(lazy(X), y, "nope")


def test_matmul() -> None:
    w = RNG.standard_normal((9, 31))
    for a, b in [(lazy(X), lazy(w, (4, 10))), (lazy(X), w), (X, lazy(w, (5, 7)))]:
        res = gonp.matmul(a, b)
        assert isinstance(res, da.Array)
        np.testing.assert_allclose(res.compute(), X @ w, rtol=1e-12, atol=1e-12)
    v = RNG.standard_normal(9)
    np.testing.assert_allclose(gonp.matmul(lazy(X), v).compute(), X @ v, rtol=1e-12)
    np.testing.assert_allclose(
        gonp.matmul(lazy(v, 4), lazy(w, (4, 8))).compute(), v @ w, rtol=1e-12, atol=1e-12
    )
    with pytest.raises(ValueError, match="mismatch"):
        gonp.matmul(lazy(X), lazy(X))


def test_numpy_inputs_unchanged() -> None:
    assert isinstance(gonp.square(X), np.ndarray)
    assert isinstance(gonp.sum(X, axis=0), np.ndarray)


# ---------------------------------------------------------------- distributed


@pytest.fixture(scope="module")
def client() -> object:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
    )
    c = distributed.Client(cluster)
    try:
        c.run(gonp.set_threshold, 0)  # gonp's Go path on the small test blocks too
        yield c
    finally:
        c.close()
        cluster.close()


def _worker_facts() -> tuple[str | None, int, bool]:
    from gonp import _lib

    return os.environ.get("OMP_NUM_THREADS"), gonp.get_num_threads(), _lib.loaded()


def test_cluster_thread_budget(client: object) -> None:
    facts = client.run(_worker_facts)  # type: ignore[attr-defined]
    assert len(facts) == 2
    for omp, nthreads, _ in facts.values():
        # distributed's nanny sets OMP_NUM_THREADS=1; gonp follows it.
        assert omp == "1" and nthreads == 1


def test_cluster_matches_numpy(client: object) -> None:
    x = RNG.standard_normal((6000, 12))
    y = RNG.standard_normal((150, 12))
    w = RNG.standard_normal((12, 20))
    lx = lazy(x, (1000, 12))
    work = {
        "standardize": gonp.standardize(lx),
        "mean": gonp.mean(lx, axis=0),
        "var": gonp.var(lx, axis=0, ddof=1),
        "sum": gonp.sum(lx),
        "exp": gonp.exp(lx),
        "cdist": gonp.cdist(lx, y),
        "matmul": gonp.matmul(lx, w),
    }
    got = dict(zip(work, dask.compute(*work.values(), scheduler=client), strict=True))
    mean, std = x.mean(axis=0), x.std(axis=0)
    want = {
        "standardize": (x - mean) / std,
        "mean": mean,
        "var": x.var(axis=0, ddof=1),
        "sum": x.sum(),
        "exp": np.exp(x),
        "cdist": scipy_distance.cdist(x, y),
        "matmul": x @ w,
    }
    for k in work:
        np.testing.assert_allclose(got[k], want[k], rtol=1e-12, atol=1e-11, err_msg=k)
    # same blocks, same bits as the local run
    local = gonp.var(lx, axis=0, ddof=1).compute(scheduler="synchronous")
    assert np.array_equal(got["var"], local)
    loaded = [f[2] for f in client.run(_worker_facts).values()]  # type: ignore[attr-defined]
    assert any(loaded)  # the workers' gonp ran Go


def test_doctests() -> None:
    import doctest

    from gonp import _dask

    res = doctest.testmod(_dask, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert res.attempted >= 5 and res.failed == 0


def test_wrapped_functions_pickle_and_keep_their_docs() -> None:
    import pickle

    for name in ("sum", "add", "abs", "absolute", "standardize", "cdist", "matmul"):
        fn = getattr(gonp, name)
        assert pickle.loads(pickle.dumps(fn)) is fn
        assert fn.__doc__ and fn.__qualname__ == name
