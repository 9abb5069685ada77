"""gonp.evaluate against NumPy evaluating the same expression."""

from __future__ import annotations

from typing import Any

import gonp
import numpy as np
import pytest

pytestmark = pytest.mark.go

DTYPES = ["bool", "int32", "int64", "float32", "float64"]
NP: dict[str, Any] = {
    "where": np.where,
    "abs": np.absolute,
    "sum": np.sum,
    "prod": np.prod,
    "min": np.min,
    "max": np.max,
    "mean": np.mean,
    "var": np.var,
    "std": np.std,
    **{
        f: getattr(np, f)
        for f in (
            "sqrt exp expm1 log log1p log10 sin cos tan arcsin arccos arctan arctan2 sinh cosh "
            "tanh arcsinh arccosh arctanh floor ceil fmod minimum maximum"
        ).split()
    },
}


def ref(ex: str, **names: Any) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.asarray(eval(ex, {"__builtins__": {}, **NP}, names))


def check(ex: str, rtol: float = 0.0, **names: Any) -> np.ndarray:
    with np.errstate(all="ignore"):
        want = ref(ex, **names)
    got = gonp.evaluate(ex, local_dict=names)
    assert got.dtype == want.dtype, (ex, got.dtype, want.dtype)
    assert got.shape == want.shape, (ex, got.shape, want.shape)
    if rtol == 0:
        np.testing.assert_array_equal(got, want, err_msg=ex)
    else:
        np.testing.assert_allclose(got, want, rtol=rtol, atol=0, equal_nan=True, err_msg=ex)
    return got


def data(dtype: str, shape: Any = (40, 50), seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if dtype == "bool":
        return rng.random(shape) < 0.5
    if dtype.startswith("int"):
        return rng.integers(-50, 50, shape).astype(dtype)
    return (rng.random(shape) * 4 - 2).astype(dtype)


@pytest.mark.parametrize("da", DTYPES)
@pytest.mark.parametrize("db", DTYPES)
def test_arithmetic_dtypes(da: str, db: str) -> None:
    a, b = data(da, seed=1), data(db, seed=2)
    check("a * b + a", a=a, b=b)
    check("a < b", a=a, b=b)
    check("where(a > b, a, b)", a=a, b=b)
    check("minimum(a, b)", a=a, b=b)
    if da != "bool" or db != "bool":
        check("a - b", a=a, b=b)
        check("a / (b + 3)", a=a, b=b, rtol=1e-6 if "float32" in (da, db) else 1e-15)


@pytest.mark.parametrize("dt", DTYPES)
def test_weak_scalars(dt: str) -> None:
    a = data(dt)
    got = check("a * 2 + 1", a=a)
    assert got.dtype == (a * 2 + 1).dtype
    check("a * 2.5", a=a, rtol=1e-7)
    check("a > 0", a=a)
    n = 3
    check("a + n", a=a, n=n)


@pytest.mark.parametrize("dt", ["int32", "int64"])
def test_integer_division_and_power(dt: str) -> None:
    a, b = data(dt, seed=3), data(dt, seed=4)
    b[0, :5] = 0
    check("a // b", a=a, b=b)
    check("a % b", a=a, b=b)
    check("fmod(a, b)", a=a, b=b)
    check("abs(a) ** 3", a=a)
    with pytest.raises(ValueError, match="negative integer powers"):
        gonp.evaluate("a ** b", local_dict={"a": a, "b": b})


@pytest.mark.parametrize("dt", ["float32", "float64"])
def test_float_floor_division_and_remainder(dt: str) -> None:
    vals = np.array([-7.5, -3, -0.0, 0.0, 2.5, 7, np.inf, -np.inf, np.nan, 1e30], dtype=dt)
    a = np.repeat(vals, len(vals))
    b = np.tile(vals, len(vals))
    # NumPy's float32 loops compute in float32: allow the last bit there.
    rtol = 0.0 if dt == "float64" else 1e-6
    check("a // b", a=a, b=b, rtol=rtol)
    check("a % b", a=a, b=b, rtol=rtol)
    got, want = gonp.evaluate("a % b", local_dict={"a": a, "b": b}), ref("a % b", a=a, b=b)
    num = ~np.isnan(want)  # the sign of a NaN is not specified
    assert np.array_equal(np.signbit(got[num]), np.signbit(want[num]))


FUNCS_POS = ["sqrt", "log", "log1p", "log10", "arccosh"]
FUNCS_ANY = ["exp", "expm1", "sin", "cos", "tan", "arctan", "sinh", "cosh", "tanh", "arcsinh"]
FUNCS_UNIT = ["arcsin", "arccos", "arctanh"]


@pytest.mark.parametrize("dt", ["float32", "float64", "int32", "int64"])
@pytest.mark.parametrize("f", FUNCS_POS + FUNCS_ANY + FUNCS_UNIT + ["floor", "ceil", "abs"])
def test_functions(dt: str, f: str) -> None:
    x = np.linspace(-3, 3, 3001)
    if f in FUNCS_POS:
        x = np.abs(x) + (1.0 if f == "arccosh" else 0.0)
    if f in FUNCS_UNIT:
        x = x / 3.01
    if dt.startswith("int"):
        x = np.round(x * 3)
    x = x.astype(dt)
    # float32: ours is the float64 function rounded once, NumPy's float32 loops
    # are within 2 ulp of that.
    tol = 3e-7 if dt == "float32" else 5e-16
    check(f"{f}(x)", x=x, rtol=tol)


@pytest.mark.parametrize("dt", ["float32", "float64"])
def test_binary_functions_and_nan(dt: str) -> None:
    a = np.array([np.nan, 1, -np.inf, np.inf, 0.0, -0.0, 2, np.nan] * 10, dtype=dt)
    b = np.array([1, np.nan, 1, np.nan, -0.0, 0.0, -3, np.nan] * 10, dtype=dt)
    check("minimum(a, b)", a=a, b=b)
    check("maximum(a, b)", a=a, b=b)
    check("fmod(a, b)", a=a, b=b)
    check("arctan2(a, b)", a=a, b=b, rtol=2e-7 if dt == "float32" else 4e-16)
    check("a ** b", a=np.abs(a), b=b, rtol=2e-7 if dt == "float32" else 4e-16)
    check("(a != a) | (a >= b)", a=a, b=b)
    check("~(a < b) & (a == a)", a=a, b=b)


def test_broadcasting_views() -> None:
    base = data("float64", (60, 70), seed=5)
    row = data("float64", (70,), seed=6)
    col = data("float32", (60, 1), seed=7)
    z = np.float64(1.5)
    check("base * row + col", base=base, row=row, col=col, rtol=1e-15)
    check("b * row", b=base[::-1, ::2][:, :35], row=row[:35])
    check("f + row", f=np.asfortranarray(base), row=row)
    check("t - col", t=base.T[:, :60], col=col[:, 0])
    check("x * z", x=base[::3, ::-2], z=z)
    check("x + 1", x=np.broadcast_to(row, (60, 70)))
    # A column of every dtype broadcast along rows: stride-0 runs, filled
    # as one value.
    for dt in DTYPES:
        c = data(dt, (60, 1), seed=8)
        check("where(c, base, row)" if dt == "bool" else "c * base + row", c=c, base=base, row=row)
        check("c + z", c=np.broadcast_to(c, (60, 70)), z=z)
    zero_d = np.array(2.0)
    check("x * y", x=zero_d, y=zero_d)
    check("x * 2", x=np.empty((0, 5)))


def test_outer_product_reduction() -> None:
    a, b = data("float64", (300,), seed=8), data("float64", (400,), seed=9)
    A, B = a[:, None], b[None, :]
    got = gonp.evaluate("sum(exp(A * B))")
    np.testing.assert_allclose(got, np.sum(np.exp(A * B)), rtol=1e-13)
    check("sum(exp(A * B), axis=1)", A=A, B=B, rtol=1e-13)
    check("max(A - B, axis=0)", A=A, B=B)


@pytest.mark.parametrize("red", ["sum", "prod", "min", "max", "mean", "var", "std"])
@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 2), (0, 1, 2)])
def test_reductions(red: str, dt: str, axis: Any) -> None:
    a = data(dt, (7, 30, 90), seed=10)
    if red == "prod" and dt != "bool":
        a = (a % 3 + 1).astype(dt) if dt.startswith("int") else (1 + a / 1000).astype(dt)
    ex = f"{red}(a, axis={axis!r})"
    exact = red in ("min", "max") or (dt in ("bool", "int32", "int64") and red in ("sum", "prod"))
    if exact:
        check(ex, a=a)
        return
    got = gonp.evaluate(ex, local_dict={"a": a})
    want = ref(ex, a=a)
    assert got.dtype == want.dtype and got.shape == want.shape
    # gonp accumulates float32 in float64: compare with NumPy in float64, to
    # the rounding of the result plus the sum's cancellation.
    want64 = ref(ex, a=a.astype(np.float64) if dt == "float32" else a)
    eps = np.finfo(got.dtype).eps if got.dtype.kind == "f" else 1e-16
    a64 = a.astype(np.float64)
    scale = ref(f"{red}(abs(a), axis={axis!r})" if red in ("sum", "mean") else ex, a=a64)
    np.testing.assert_allclose(got, want64, rtol=4 * eps, atol=64 * eps * np.max(np.abs(scale)))


@pytest.mark.parametrize("cols", [1, 4, 5, 8, 13, 16, 32, 40, 64, 128])
def test_last_axis_sums(cols: int) -> None:
    """A float sum over the last axis adds each row as NumPy's pairwise_sum
    does below 64 elements (in order below 8, eight accumulators above), so
    the bits are NumPy's where each row lies within one of gonp's 512-element
    blocks; rows that straddle blocks (5, 13, 40) and rows of 64 or more
    (the vector sum, whose AVX-512 body keeps sixteen accumulators) are
    checked to a few ulp of these sums of squares."""
    a, b = data("float64", (4000, cols), seed=20), data("float64", (4000, cols), seed=21)
    a[7, 0] = np.inf
    b[9, -1] = np.nan
    exact = 512 % cols == 0 and cols < 64
    check("sum((a - b)**2, axis=1)", rtol=0 if exact else 1e-15, a=a, b=b)
    check("sum(a * a, axis=-1)", rtol=0 if exact else 1e-15, a=a[:, ::-1])
    check("sum(t * t, axis=2)", rtol=0 if exact else 1e-15, t=data("float64", (30, 20, cols), seed=22))


@pytest.mark.parametrize("red", ["sum", "prod", "min", "max", "mean", "var", "std"])
@pytest.mark.parametrize("dt", ["float64", "float32", "int64", "bool"])
def test_leading_axis_reductions(red: str, dt: str) -> None:
    """Reductions over leading axes of C-ordered operands (read in memory
    order, a unit of rows at a time) against NumPy, with a broadcast row,
    a reversed view and a Fortran-ordered operand beside them."""
    a = data(dt, (9000, 6), seed=23)
    row = data(dt, (6,), seed=24)
    if red == "prod" and dt != "bool":
        a = (a % 3 + 1).astype(dt) if dt.startswith("int") else (1 + a / 1e4).astype(dt)
        row = (row % 2 + 1).astype(dt) if dt.startswith("int") else (1 + row / 1e4).astype(dt)
    three = data(dt, (300, 40, 3), seed=25)
    op = "&" if dt == "bool" else "*"
    cases = [
        ("a", 0, {"a": a}),
        (f"a {op} r", 0, {"a": a, "r": row}),
        ("a", 0, {"a": a[::-1]}),
        ("a", 0, {"a": np.asfortranarray(a)}),
        ("t", (0, 1), {"t": three}),
    ]
    exact = red in ("min", "max") or (dt in ("bool", "int64") and red in ("sum", "prod"))
    for inner, axis, names in cases:
        ex = f"{red}({inner}, axis={axis!r})"
        got = gonp.evaluate(ex, local_dict=names)
        want = ref(ex, **names)
        assert got.dtype == want.dtype and got.shape == want.shape, ex
        if exact:
            np.testing.assert_array_equal(got, want, err_msg=ex)
        elif dt == "float32":
            # gonp accumulates float32 in float64 (NumPy in float32 here):
            # compare with NumPy's reduction in float64 of the float32
            # elementwise values, rounded once.
            values = ref(inner, **names).astype(np.float64)
            wide = ref(f"{red}(v, axis={axis!r})", v=values)
            np.testing.assert_allclose(got, wide, rtol=2e-7, err_msg=ex)
        else:
            np.testing.assert_allclose(got, want, rtol=1e-12, err_msg=ex)


def test_reduction_nan_and_empty() -> None:
    a = data("float64", (10, 4000), seed=11)
    a[3, 17] = np.nan
    check("min(a, axis=1)", a=a)
    check("max(a)", a=a)
    check("sum(a * 2, axis=0)", a=a, rtol=1e-14)
    check("sum(x)", x=np.empty((0, 3)))
    with pytest.raises(ValueError, match="zero-size"):
        gonp.evaluate("min(x)", local_dict={"x": np.empty((0, 3))})


@pytest.mark.any_threads
@pytest.mark.parametrize(
    "ex", ["sum(exp(a) * b)", "var(a - b)", "mean(a * b, axis=1)", "sum(a, axis=0)"]
)
def test_reduction_bits_independent_of_threads(ex: str) -> None:
    a = data("float32", (50, 20000), seed=12)
    b = data("float64", (50, 20000), seed=13)
    results = []
    for n in (1, 2, 3, 7):
        with gonp.threads(n):
            results.append(gonp.evaluate(ex, local_dict={"a": a, "b": b}))
    for r in results[1:]:
        assert r.tobytes() == results[0].tobytes()


def test_out_in_place_and_overlap() -> None:
    a = data("float64", (50, 60), seed=14)
    b = data("float64", (50, 60), seed=15)
    want = a * 2 + b
    out = a.copy()
    r = gonp.evaluate("x * 2 + b", local_dict={"x": out, "b": b}, out=out)
    assert r is out
    np.testing.assert_array_equal(out, want)
    # out overlaps a shifted view of an input
    x = data("float64", (3000,), seed=16)
    want = x[:-1] + x[1:]
    gonp.evaluate("p + q", local_dict={"p": x[:-1], "q": x[1:]}, out=x[1:])
    np.testing.assert_array_equal(x[1:], want)
    y = data("float64", (40, 40), seed=17)
    want = y + y.T
    gonp.evaluate("y + t", local_dict={"y": y, "t": y.T}, out=y)
    np.testing.assert_array_equal(y, want)
    # casting into a wider out, refused into a narrower one
    o64 = np.empty((50, 60))
    gonp.evaluate("a < b", local_dict={"a": a, "b": b}, out=o64)
    np.testing.assert_array_equal(o64, (a < b).astype(float))
    with pytest.raises(TypeError, match="cast"):
        gonp.evaluate("a + b", local_dict={"a": a, "b": b}, out=np.empty((50, 60), np.float32))


@pytest.mark.anypath
def test_read_only_out() -> None:
    a = data("float64", (50, 60))
    out = np.zeros((50, 60))
    out.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        gonp.evaluate("a + 1", local_dict={"a": a}, out=out)
    assert not out.any()


@pytest.mark.anypath
def test_errors() -> None:
    a = data("float64", (10,))
    with pytest.raises(SyntaxError):
        gonp.evaluate("a +* 2", local_dict={"a": a})
    with pytest.raises(KeyError):
        gonp.evaluate("a + nosuchname", local_dict={"a": a}, global_dict={})
    with pytest.raises(TypeError):
        gonp.evaluate("nosuchfunc(a)", local_dict={"a": a})
    with pytest.raises(TypeError):
        gonp.evaluate("a.sum()", local_dict={"a": a})
    with pytest.raises(TypeError):
        gonp.evaluate("~a", local_dict={"a": data("float64", (100000,))})
    with pytest.raises(ValueError):
        gonp.evaluate("a + b", local_dict={"a": data("float64", (300, 100)), "b": np.ones(7)})


def test_caller_frame_names() -> None:
    a = data("float64", (200, 100), seed=18)
    b = 3.0
    np.testing.assert_array_equal(gonp.evaluate("a * b"), a * b)


@pytest.mark.numpy
def test_other_dtypes_use_numpy() -> None:
    gonp.set_threshold(None)
    try:
        c = np.arange(10) * (1 + 2j)
        np.testing.assert_array_equal(gonp.evaluate("c * 2 + 1"), c * 2 + 1)
        small = np.arange(10.0)
        np.testing.assert_array_equal(gonp.evaluate("sum(small ** 2)"), np.sum(small**2))
    finally:
        gonp.set_threshold(0)


@pytest.fixture
def shipped_thresholds() -> Any:
    old = gonp.set_threshold(None)
    yield
    gonp.set_threshold(old)


@pytest.mark.go
def test_trig_expressions_take_trig_threshold(shipped_thresholds: Any) -> None:
    # sin and cos make an expression costly enough for Go from trig's
    # threshold on, far below evaluate's own.
    n = gonp.get_threshold("trig")
    assert n < gonp.get_threshold("evaluate")
    a = data("float64", (n,), seed=21)
    b = data("float64", (n,), seed=22)
    check("sin(a) * cos(b)", rtol=1e-15, a=a, b=b)


@pytest.mark.numpy
def test_cheap_expressions_keep_evaluate_threshold(shipped_thresholds: Any) -> None:
    n = gonp.get_threshold("trig")
    a = data("float64", (n,), seed=23)
    check("2*a + 3*a", a=a)
    check("sum(exp(a))", rtol=1e-14, a=a)


@pytest.mark.numpy
def test_small_operands_go_to_numpy() -> None:
    # As shipped (measured thresholds): the product of the operands' sizes
    # is below evaluate's threshold, so NumPy computes it, with its result.
    old = gonp.set_threshold(None)
    try:
        a, b = np.arange(100.0), np.linspace(0, 1, 100)
        got = gonp.evaluate("2*a + 3*b")
        np.testing.assert_array_equal(got, 2 * a + 3 * b)
        r = gonp.evaluate("sum(a * b, axis=0)")
        assert r == np.sum(a * b, axis=0)
    finally:
        gonp.set_threshold(old)


def test_broadcast_past_threshold_goes_to_go() -> None:
    # Each operand is small, but their outer product is not: Go computes it.
    old = gonp.set_threshold(None)
    try:
        n = int(gonp.get_threshold("evaluate") ** 0.5) + 2
        a, b = np.linspace(-1, 1, n)[:, None], np.linspace(0, 2, n)[None, :]
        got = gonp.evaluate("a * b + 1")
        np.testing.assert_array_equal(got, a * b + 1)
    finally:
        gonp.set_threshold(old)
