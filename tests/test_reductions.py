"""Reductions against NumPy: values, shapes, dtypes, axes, out=, determinism."""

from __future__ import annotations

import math

import gonp
import numpy as np
import pytest
from arrays import arrays

pytestmark = pytest.mark.go  # every test here must reach Go, unless marked

OPS = ["sum", "mean", "var", "std", "min", "max"]
CASES = list(arrays())


def axes_for(ndim: int) -> list[object]:
    axes: list[object] = [None]
    axes += list(range(-ndim, ndim))
    if ndim >= 2:
        axes += [(0, 1), (ndim - 1, 0)]
    if ndim >= 3:
        axes += [(0, 2), tuple(range(ndim))]
    return axes


def check(op: str, x: np.ndarray, **kw: object) -> None:
    np_fn, g_fn = getattr(np, op), getattr(gonp, op)
    try:
        with np.errstate(all="ignore"):
            want = np_fn(x, **kw)
    except ValueError as e:  # e.g. min of an empty array: gonp must raise too
        with pytest.raises(type(e)):
            g_fn(x, **kw)
        return
    with np.errstate(all="ignore"):
        got = g_fn(x, **kw)
    assert type(got) is type(want), (type(got), type(want))
    got_a, want_a = np.asarray(got), np.asarray(want)
    assert got_a.dtype == want_a.dtype and got_a.shape == want_a.shape
    if want_a.dtype.kind == "f":
        rtol = 2e-5 if want_a.dtype == np.float32 else 1e-11
        np.testing.assert_allclose(got_a, want_a, rtol=rtol, atol=rtol * 10)
    else:
        np.testing.assert_array_equal(got_a, want_a)


# A 1-D empty array reduces to NumPy's result without a call into Go.
REDUCE_CASES = [
    pytest.param(label, x, id=label, marks=[pytest.mark.numpy] if x.shape == (0,) else [])
    for label, x in CASES
]


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("label,x", REDUCE_CASES)
def test_reduction_matches_numpy(op: str, label: str, x: np.ndarray) -> None:
    before = x.copy()
    for axis in axes_for(x.ndim):
        for keepdims in (False, True):
            check(op, x, axis=axis, keepdims=keepdims)
    if op in ("var", "std"):
        check(op, x, ddof=1)
        check(op, x, axis=0 if x.ndim else None, ddof=1)
    np.testing.assert_array_equal(x, before)


def test_dtype_argument_and_promotion() -> None:
    i32 = np.arange(-500, 500, dtype=np.int32).reshape(20, 50)
    assert gonp.sum(i32).dtype == np.int64
    assert gonp.mean(i32, axis=0).dtype == np.float64
    f32 = np.random.default_rng(1).random((100, 30)).astype(np.float32)
    assert gonp.sum(f32, axis=1).dtype == np.float32
    check("sum", f32, axis=0, dtype=np.float64)
    check("sum", i32, axis=1, dtype=np.float32)  # served by NumPy, same answer
    check("mean", f32, dtype=np.float64)


def test_out_argument() -> None:
    x = np.random.default_rng(2).random((40, 30))
    out = np.empty(30)
    res = gonp.sum(x, axis=0, out=out)
    assert res is out
    np.testing.assert_allclose(out, x.sum(axis=0), rtol=1e-13)
    out_k = np.empty((1, 30))
    assert gonp.std(x, axis=0, keepdims=True, out=out_k) is out_k
    np.testing.assert_allclose(out_k, x.std(axis=0, keepdims=True), rtol=1e-12)
    strided = np.zeros(60)[::2]
    gonp.max(x, axis=0, out=strided)
    np.testing.assert_array_equal(strided, x.max(axis=0))
    ro = np.zeros(30)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        gonp.sum(x, axis=0, out=ro)
    with pytest.raises(ValueError):
        gonp.sum(x, axis=0, out=np.empty(31))


@pytest.mark.numpy
def test_bad_axis() -> None:
    x = np.ones((3, 4))
    with pytest.raises(np.exceptions.AxisError):
        gonp.sum(x, axis=2)
    with pytest.raises(ValueError):
        gonp.sum(x, axis=(0, 0))


def fsum_bound_ok(x: np.ndarray, s: float) -> bool:
    exact = math.fsum(x.tolist())
    eps = np.finfo(np.float64).eps
    bound = 2 * math.ceil(math.log2(x.size)) * eps * float(np.abs(x).sum())
    return abs(s - exact) <= bound


def test_sum_accuracy_bound() -> None:
    rng = np.random.default_rng(5)
    for x in (
        rng.standard_normal(1_000_003),
        rng.random(2_000_000) * 1e10 - 5e9,
        np.concatenate([np.full(100_000, 1.0), [1e16], np.full(100_000, -1.0)]),
    ):
        assert fsum_bound_ok(x, gonp.sum(x))


def test_float32_ones_axis0_exact() -> None:
    x = np.ones((20_000_000, 2), dtype=np.float32)
    got = gonp.sum(x, axis=0)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, [2e7, 2e7])
    assert gonp.sum(x) == np.float32(4e7)


def bits(v: object) -> bytes:
    return np.asarray(v).tobytes()


@pytest.mark.parametrize("op", OPS)
def test_bit_identical_for_any_thread_count(op: str) -> None:
    rng = np.random.default_rng(9)
    inputs = [
        rng.standard_normal(3_000_001),
        rng.standard_normal((2001, 301)),
        rng.standard_normal((301, 2001)).astype(np.float32),
    ]
    for x in inputs:
        for axis in [None, *list(range(x.ndim))]:
            results = set()
            for n in (1, 2, 3, 8):
                with gonp.threads(n):
                    results.add(bits(getattr(gonp, op)(x, axis=axis)))
            assert len(results) == 1, (op, x.shape, axis)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sum_of_negative_zeros_is_numpys(dtype: type) -> None:
    # NumPy's add.reduce starts from +0, so -0 alone sums to +0.
    for shape, axis in [
        ((100_000,), None),
        ((9,), None),
        ((3000, 9), 1),
        ((3000, 3), 1),
        ((1000, 40), 1),
        ((9, 10_000), 0),
    ]:
        x = np.full(shape, -0.0, dtype=dtype)
        for op in ("sum", "mean"):
            want = getattr(np, op)(x, axis=axis)
            got = getattr(gonp, op)(x, axis=axis)
            assert bits(got) == bits(want), (op, shape, axis, got, want)


@pytest.mark.parametrize("op", ["var", "std"])
def test_short_rows_var_std_bits_are_numpys(op: str) -> None:
    # Over a last axis shorter than 16, C-ordered float64 var and std take
    # NumPy's own two passes, so they give its bits.
    rng = np.random.default_rng(12)
    for cols in (1, 2, 5, 8, 13, 15):
        x = rng.standard_normal((3001, cols)) * 10.0 ** rng.integers(-3, 4, (3001, 1)) + 7
        x[5, 0] = np.nan
        x[9, -1] = np.inf
        for ddof in (0, 1, 0.5):
            if ddof >= cols:
                continue
            with np.errstate(all="ignore"):
                want = getattr(np, op)(x, axis=1, ddof=ddof)
                got = getattr(gonp, op)(x, axis=1, ddof=ddof)
            assert bits(got) == bits(want), (op, cols, ddof)


def test_var_stable_with_large_offset() -> None:
    rng = np.random.default_rng(4)
    x = 1e9 + rng.standard_normal(1_000_000)
    np.testing.assert_allclose(gonp.var(x), np.var(x), rtol=1e-9)
    np.testing.assert_allclose(
        gonp.std(x.reshape(1000, 1000), axis=0), np.std(x.reshape(1000, 1000), axis=0), rtol=1e-9
    )


def test_nan_propagates() -> None:
    x = np.arange(1000.0)
    for pos in (0, 500, 999):
        y = x.copy()
        y[pos] = np.nan
        for op in OPS:
            assert np.isnan(getattr(gonp, op)(y)), (op, pos)


@pytest.mark.anypath  # a 0-d reduction is NumPy's to serve below any threshold
@pytest.mark.any_threads
@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("axis", [0, -1, (0,), 1, -2, ()])
@pytest.mark.parametrize("extra", [{}, {"keepdims": True}, {"out": "fresh"}])
def test_zero_d_axis_rules_are_numpys(op: str, axis: object, extra: dict) -> None:
    # ufunc reductions (sum, min, max) take an int axis 0 or -1 of a 0-d
    # array as no axes; mean/var/std raise AxisError; (0,) is out of bounds.
    x = np.array(2.5)
    kw: dict = dict(extra, axis=axis)
    outs = []
    results = []
    for mod in (np, gonp):
        if extra.get("out") == "fresh":
            kw["out"] = np.empty(())
            outs.append(kw["out"])
        try:
            results.append(("ok", getattr(mod, op)(x, **kw)))
        except Exception as e:  # the exception type is the outcome
            results.append(("raised", type(e)))
    (rk, r), (gk, g) = results
    assert rk == gk, (results, kw)
    if rk == "raised":
        assert g is r
    else:
        assert np.asarray(g).shape == np.asarray(r).shape
        assert np.asarray(g).dtype == np.asarray(r).dtype
        assert np.asarray(g) == np.asarray(r)
        if outs:
            assert g is outs[1]
