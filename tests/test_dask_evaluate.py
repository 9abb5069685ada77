"""gonp.evaluate on dask arrays: lazy results, gonp.evaluate per block, NumPy's values."""

from __future__ import annotations

import gonp
import numpy as np
import pytest

da = pytest.importorskip("dask.array")
dask = pytest.importorskip("dask")
if not hasattr(gonp, "evaluate"):
    pytest.skip("gonp.evaluate is not built in this tree", allow_module_level=True)

pytestmark = pytest.mark.go

RNG = np.random.default_rng(10)
A = RNG.standard_normal((203, 7))
B = RNG.standard_normal((203, 7))
ROW = RNG.standard_normal(7)
COL = RNG.standard_normal((203, 1))


@pytest.fixture(autouse=True)
def synchronous() -> object:
    with dask.config.set(scheduler="synchronous"):
        yield


@pytest.mark.parametrize(
    "ex",
    ["2*a + 3*b", "sin(a)**2 + cos(b)**2", "where(a > 0.5, a, b)", "sqrt(a*a + b*b) - row * col"],
)
def test_elementwise_is_lazy_and_matches_numpy(ex: str) -> None:
    a = da.from_array(A, chunks=(50, 4))
    b = da.from_array(B, chunks=(70, 7))
    # NumPy operands broadcast against the dask ones
    res = gonp.evaluate(ex, local_dict={"a": a, "b": b, "row": ROW, "col": COL})
    assert isinstance(res, da.Array)
    ns = {"a": A, "b": B, "row": ROW, "col": COL, "sin": np.sin, "cos": np.cos}
    ns |= {"where": np.where, "sqrt": np.sqrt}
    want = eval(ex, ns)  # the same expression in NumPy
    got = res.compute()
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-14, atol=1e-15)


def test_names_from_the_callers_frame() -> None:
    a = da.from_array(A, chunks=(50, 4))  # noqa: F841 (read by evaluate from this frame)
    res = gonp.evaluate("a * B_GLOBAL")
    assert isinstance(res, da.Array)
    np.testing.assert_allclose(res.compute(), A * B_GLOBAL, rtol=1e-15)


B_GLOBAL = B


@pytest.mark.parametrize("op", ["sum", "prod", "min", "max", "mean", "var", "std"])
@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1)])
def test_outer_reduction(op: str, axis: object) -> None:
    a = da.from_array(A, chunks=(50, 4))
    ex = f"{op}(a * 0.5 + 1, axis={axis!r})" if axis is not None else f"{op}(a * 0.5 + 1)"
    res = gonp.evaluate(ex, local_dict={"a": a})
    assert isinstance(res, da.Array)
    want = getattr(np, op)(A * 0.5 + 1, axis=axis)
    np.testing.assert_allclose(res.compute(), want, rtol=1e-12)


def test_numpy_operands_still_evaluate_eagerly() -> None:
    a = A  # noqa: F841 (read by evaluate from this frame)
    res = gonp.evaluate("a + 1")
    assert isinstance(res, np.ndarray)
    np.testing.assert_array_equal(res, A + 1)


@pytest.mark.anypath
def test_out_is_rejected_and_unknown_names_raise() -> None:
    a = da.from_array(A, chunks=50)
    with pytest.raises(TypeError):
        gonp.evaluate("a + 1", out=np.empty_like(A))
    with pytest.raises(KeyError):
        gonp.evaluate("a + no_such_name")
    del a


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


@pytest.mark.anypath  # the blocks run in the worker processes
@pytest.mark.any_threads
def test_cluster_matches_numpy(client: object) -> None:
    x = RNG.standard_normal((6000, 12))
    y = RNG.standard_normal(12)
    lx = da.from_array(x, chunks=(1000, 12))
    work = {
        "fused": gonp.evaluate("sin(x)**2 + cos(y)**2 + x*y", local_dict={"x": lx, "y": y}),
        "rowsum": gonp.evaluate("sum((x - y)**2, axis=1)", local_dict={"x": lx, "y": y}),
        "mean": gonp.evaluate("mean(exp(x), axis=0)", local_dict={"x": lx}),
    }
    with dask.config.set(scheduler=client):
        got = dask.compute(work)[0]
    np.testing.assert_allclose(got["fused"], np.sin(x) ** 2 + np.cos(y) ** 2 + x * y, rtol=1e-14)
    np.testing.assert_allclose(got["rowsum"], ((x - y) ** 2).sum(axis=1), rtol=1e-13)
    np.testing.assert_allclose(got["mean"], np.exp(x).mean(axis=0), rtol=1e-13)
