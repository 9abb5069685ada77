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


@pytest.mark.parametrize("dt", ["float32", "float64"])
def test_constant_operands(dt: str) -> None:
    """A constant on either side of + - * / (run as the scalar it is) gives
    NumPy's bits, NaN, infinities, signed zeros and division by zero
    included, in expressions that also go straight to out."""
    a = data(dt, (30, 70), seed=26)
    a.flat[:8] = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-310, -3.0, 7.0]
    for ex in ["2*a + 3*a", "a - 2.5", "2.5 - a", "a / 3", "3 / a", "0.0 * a", "-0.0 - a",
               "(a + 1) * (2 - a) / 7"]:  # fmt: skip
        check(ex, a=a)
    out = np.empty_like(a)
    gonp.evaluate("1 / a - 4", local_dict={"a": a}, out=out)
    with np.errstate(all="ignore"):
        np.testing.assert_array_equal(out, (1 / a - 4).astype(dt))


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
    check(
        "sum(t * t, axis=2)", rtol=0 if exact else 1e-15, t=data("float64", (30, 20, cols), seed=22)
    )


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


# numexpr's log2, round, trunc, sign, hypot, copy and ones_like, with NumPy's
# dtypes: round, trunc, sign, copy and ones_like keep the operand's dtype
# (float32 included), log2 and hypot take floats (integers as float64).
SAME_DTYPE = ["round", "trunc", "sign", "copy", "ones_like"]
NP.update(
    log2=np.log2,
    hypot=np.hypot,
    round=np.round,
    trunc=np.trunc,
    sign=np.sign,
    copy=np.copy,
    ones_like=np.ones_like,
)


def special(dt: str, n: int = 700, seed: int = 30) -> np.ndarray:
    """NaN of both signs, ±inf, ±0, subnormals, huge and tiny values, ties
    of rounding, powers of two, values near 1, then random ones."""
    if dt == "bool":
        return data("bool", (n,), seed)
    if dt.startswith("int"):
        info = np.iinfo(dt)
        edge = np.array([0, 1, -1, 2, -2, 7, -7, info.max, info.min, info.min + 1], dtype=dt)
        return np.concatenate([edge, data(dt, (n,), seed)])
    fi = np.finfo(dt)
    tiny = fi.smallest_subnormal
    vals = [np.nan, -np.nan, np.inf, -np.inf, 0.0, -0.0, tiny, -tiny, 3 * tiny, fi.tiny / 3,
            -fi.tiny / 3, fi.tiny, fi.max, -fi.max, fi.max / 2, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5,
            0.49999997, -0.7, 1.0, -1.0, 2.0, 1024.0, 2.0**-60, 1 + fi.eps, 1 - fi.epsneg,
            2**fi.nmant + 1.0, -(2.0**fi.nmant) - 1, 2.0**fi.nmant * 1.5, 1e30, -1e30]  # fmt: skip
    rng = np.random.default_rng(seed)
    mant = rng.random(n) + 0.5
    exps = rng.integers(fi.minexp - fi.nmant, fi.maxexp, n)
    with np.errstate(all="ignore"):
        rand = np.ldexp(mant, exps) * rng.choice([-1, 1], n)
    return np.concatenate([np.array(vals, dtype=np.float64).astype(dt), rand.astype(dt)])


def bits(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    return a.view(f"u{a.itemsize}") if a.dtype.kind == "f" else a


def assert_ulp(
    got: np.ndarray, want: np.ndarray, maxulp: int, ex: str, nan_sign: bool = True
) -> None:
    """Same dtype and shape; bit for bit where want is NaN, ±inf or ±0
    (a NaN's sign too unless nan_sign is False), within maxulp elsewhere."""
    assert got.dtype == want.dtype and got.shape == want.shape, (ex, got.dtype, want.dtype)
    nan = np.isnan(want)
    np.testing.assert_array_equal(np.isnan(got), nan, err_msg=ex)
    exact = ~np.isfinite(want) | (want == 0)
    if not nan_sign:
        exact &= ~nan
    np.testing.assert_array_equal(bits(got[exact]), bits(want[exact]), err_msg=ex)
    np.testing.assert_array_max_ulp(got[~exact], want[~exact], maxulp=maxulp)


def check_bits(ex: str, **names: Any) -> np.ndarray:
    """gonp.evaluate(ex) against NumPy bit for bit (the exact functions)."""
    want = ref(ex, **names)
    got = gonp.evaluate(ex, local_dict=names)
    assert got.dtype == want.dtype and got.shape == want.shape, (ex, got.dtype, want.dtype)
    np.testing.assert_array_equal(bits(got), bits(want), err_msg=ex)
    return got


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("f", SAME_DTYPE)
def test_same_dtype_functions(f: str, dt: str) -> None:
    x = special(dt)
    if dt == "bool" and f in ("round", "sign"):
        # NumPy: round of a bool is float16, sign has no bool loop.
        with pytest.raises(TypeError, match=f"{f} of a bool"):
            gonp.evaluate(f"{f}(x)", local_dict={"x": x})
        gonp.evaluate("copy(x)", local_dict={"x": x})  # the Go path still runs
        return
    got = check_bits(f"{f}(x)", x=x)
    assert got.dtype == x.dtype
    # strided, reversed and broadcast operands, and inside an expression
    check_bits(f"{f}(x)", x=x[::-3])
    m = x[: (x.size // 20) * 20].reshape(20, -1)
    check_bits(f"{f}(m)", m=m.T)
    check_bits(f"{f}(r)", r=np.broadcast_to(x[:17], (9, 17)))
    check_bits(f"{f}(c) == x", c=x[:9, None], x=np.broadcast_to(x[:9], (9, 9)))
    if dt != "bool":
        check_bits(f"{f}(x) * 2 + 1", x=x)
    elif f == "trunc":
        # NumPy's floor, ceil and trunc of a bool are the bool
        check_bits("floor(x)", x=x)
        check_bits("ceil(x)", x=x[::-1])


@pytest.mark.parametrize("dt", ["float32", "float64", "int32", "int64"])
def test_log2(dt: str) -> None:
    x = np.abs(special(dt))
    x = np.concatenate([x, -x[:40], special(dt)[:10]])  # negatives: NaN
    if dt.startswith("int"):
        x = np.concatenate([x, 2 ** np.arange(31 if dt == "int32" else 63)]).astype(dt)
    with np.errstate(all="ignore"):
        want = np.log2(x)
        got = gonp.evaluate("log2(x)", local_dict={"x": x})
        assert_ulp(got, want, 1, "log2")
        if dt == "float32":
            # NumPy's float32 log2 is up to 2 ulp from the true value; ours,
            # computed in float64 and rounded once, within 1 of it.
            truth = np.log2(x.astype(np.float64)).astype(np.float32)
            assert_ulp(got, truth, 1, "log2 against float64")
    # powers of two (subnormal ones included) are exact, as in NumPy
    if dt.startswith("float"):
        fi = np.finfo(dt)
        k = np.arange(fi.minexp - fi.nmant, fi.maxexp)
        p = np.ldexp(np.ones(k.size, dt), k)
        np.testing.assert_array_equal(gonp.evaluate("log2(p)", local_dict={"p": p}), np.log2(p))
    with np.errstate(all="ignore"):
        # NumPy's strided log2 loop gives +NaN for x < 0, its contiguous one
        # (as gonp, everywhere) the x86 default NaN, -NaN.
        got = gonp.evaluate("log2(x)", local_dict={"x": x[::-2]})
        assert_ulp(got, np.log2(x[::-2]), 1, "strided", nan_sign=False)
        assert_ulp(got, np.log2(np.ascontiguousarray(x[::-2])), 1, "strided")
        # a broadcast column, in an expression: one more rounding (and, in
        # float32, NumPy's own 2 ulp)
        c, r = x[:100, None], np.linspace(1, 2, 7).astype(dt)
        want = np.log2(c) * r
        got = gonp.evaluate("log2(c) * r", local_dict={"c": c, "r": r})
        assert_ulp(got, want, 3 if dt == "float32" else 2, "log2(c) * r")


@pytest.mark.anypath
def test_log2_of_bool_is_refused() -> None:
    with pytest.raises(TypeError, match="log2 of a bool"):
        gonp.evaluate("log2(x)", local_dict={"x": data("bool", (50,))})


@pytest.mark.parametrize("da", DTYPES)
@pytest.mark.parametrize("db", DTYPES)
def test_hypot_dtypes(da: str, db: str) -> None:
    a, b = data(da, seed=31), data(db, seed=32)
    if da == db == "bool":
        # NumPy's hypot of two bools is float16.
        for f in ("hypot", "arctan2"):
            with pytest.raises(TypeError, match=f"{f} of bools"):
                gonp.evaluate(f"{f}(a, b)", local_dict={"a": a, "b": b})
        check("a | b", a=a, b=b)
        return
    want = np.hypot(a, b)
    got = gonp.evaluate("hypot(a, b)", local_dict={"a": a, "b": b})
    assert_ulp(got, want, 1, f"hypot {da} {db}")
    assert_ulp(gonp.evaluate("hypot(a, 3)", local_dict={"a": a}), np.hypot(a, 3), 1, "weak int")
    assert_ulp(gonp.evaluate("hypot(2.5, b)", local_dict={"b": b}), np.hypot(2.5, b), 1, "weak")


@pytest.mark.parametrize("dt", ["float32", "float64"])
def test_hypot_special_values(dt: str) -> None:
    x = special(dt, n=60)
    # every pair: NaN beside ±inf gives +inf, no overflow or underflow in
    # the squares of huge and tiny values
    a, b = np.repeat(x, x.size), np.tile(x, x.size)
    with np.errstate(all="ignore"):
        want = np.hypot(a, b)
    got = gonp.evaluate("hypot(a, b)", local_dict={"a": a, "b": b})
    assert_ulp(got, want, 1, "hypot")
    big = np.finfo(dt).max / 4
    tiny = np.finfo(dt).smallest_subnormal
    h = gonp.evaluate("hypot(a, a)", local_dict={"a": np.full(9, big, dt)})
    assert np.all(np.isfinite(h)) and np.all(h > big)
    a, b = np.full(9, tiny * 3, dt), np.full(9, tiny * 4, dt)
    h = gonp.evaluate("hypot(a, b)", local_dict={"a": a, "b": b})
    np.testing.assert_array_equal(h, np.full(9, tiny * 5, dt))
    # broadcast row and column, reversed and strided views
    c, r = x[:, None], x[::-2]
    m = x[:90].reshape(6, 15)
    t = m[::-1, ::-3].repeat(3, 1)
    with np.errstate(all="ignore"):
        got = gonp.evaluate("hypot(c, r)", local_dict={"c": c, "r": r})
        assert_ulp(got, np.hypot(c, r), 1, "broadcast")
        got = gonp.evaluate("hypot(m, t) - m", local_dict={"m": m, "t": t})
        assert_ulp(got, np.hypot(m, t) - m, 1, "views")


def test_new_functions_out() -> None:
    x = special("float64")
    # into a given out, an operand itself (in place)
    o = np.empty_like(x)
    r = gonp.evaluate("round(x)", local_dict={"x": x}, out=o)
    assert r is o
    np.testing.assert_array_equal(bits(o), bits(np.round(x)))
    y = x.copy()
    gonp.evaluate("trunc(y)", local_dict={"y": y}, out=y)
    np.testing.assert_array_equal(bits(y), bits(np.trunc(x)))
    y = x.copy()
    gonp.evaluate("copy(y)", local_dict={"y": y}, out=y)
    np.testing.assert_array_equal(bits(y), bits(x))
    # into a strided out, and a wider dtype
    o = np.zeros((2, x.size))
    with np.errstate(over="ignore"):
        x32 = x.astype(np.float32)
    gonp.evaluate("log2(x)", local_dict={"x": x32}, out=o[1])
    assert not o[0].any()
    want = gonp.evaluate("log2(x)", local_dict={"x": x32})
    np.testing.assert_array_equal(bits(o[1]), bits(want.astype(np.float64)))
    with np.errstate(all="ignore"):
        assert_ulp(want, np.log2(x32), 2, "log2 float32")
    i = data("int32", (40, 50), seed=33)
    o64 = np.empty((40, 50), np.int64)
    gonp.evaluate("sign(i) * round(i)", local_dict={"i": i}, out=o64)
    np.testing.assert_array_equal(o64, np.sign(i) * np.round(i))
    ones = np.zeros((40, 50))
    gonp.evaluate("ones_like(i)", local_dict={"i": i}, out=ones)
    np.testing.assert_array_equal(ones, 1.0)
    # refused by the casting rule, as NumPy's
    with pytest.raises(TypeError, match="cast"):
        gonp.evaluate("hypot(a, a)", local_dict={"a": x}, out=np.empty(x.shape, np.float32))
    with pytest.raises(TypeError, match="cast"):
        gonp.evaluate("log2(i)", local_dict={"i": i}, out=np.empty((40, 50), np.int64))


def test_function_results_are_strong() -> None:
    # NumPy's functions return NumPy values even of Python scalars, and a
    # NumPy value is not weak (NEP 50): float32 * round(2.5) is float64.
    a = data("float32", seed=34)
    n = 2.0
    for ex in (
        "a * round(2.5)",
        "a * sqrt(n)",
        "a + ones_like(n)",
        "a + copy(3)",
        "hypot(3, 4.0)*a",
    ):
        check(ex, a=a, n=n, rtol=1e-15)
    check("a * 2.5 + round(a)", a=a, rtol=1e-7)
    assert gonp.evaluate("a * 2.5 + round(a)", local_dict={"a": a}).dtype == np.float32


BITWISE = ["a ^ b", "a << b", "a >> b"]


@pytest.mark.anypath
@pytest.mark.parametrize("da", DTYPES)
@pytest.mark.parametrize("db", DTYPES)
@pytest.mark.parametrize("ex", BITWISE)
def test_bitwise_dtypes(ex: str, da: str, db: str) -> None:
    """^, << and >> over every pair of dtypes: NumPy's result, or TypeError
    where NumPy has no loop (floats) or its loop gives a dtype gonp lacks
    (bool << bool and bool >> bool are int8)."""
    # Integers from -50 to 50: shift counts in range, negative and past
    # the width, on both sides.
    a, b = data(da, seed=40), data(db, seed=41)
    try:
        want = ref(ex, a=a, b=b)
    except TypeError:
        want = None
    if want is None or want.dtype == np.int8:
        with pytest.raises(TypeError):
            gonp.evaluate(ex, local_dict={"a": a, "b": b})
    else:
        check(ex, a=a, b=b)


@pytest.mark.parametrize("dt", ["int32", "int64"])
def test_shift_counts_out_of_range(dt: str) -> None:
    """Counts that are negative or at least the width: NumPy gives 0 for <<
    and 0 or -1 by the sign for >>, array by array, with a Python int
    (a literal or a name) and with the shifted value a scalar."""
    info = np.iinfo(dt)
    w = info.bits
    vals = [5, -5, 0, 1, -1, 7, info.min, info.max, info.min + 1, 1 << (w - 2)]
    counts = [0, 1, 2, w - 2, w - 1, w, w + 1, 63, 64, 65, 200, -1, -2, -w, -200]
    counts += [info.min, info.max]
    x = np.array(vals * 300, dtype=dt)  # a few blocks
    c = np.array(counts, dtype=dt)
    check("x << c", x=x[:, None], c=c[None, :])
    check("x >> c", x=x[:, None], c=c[None, :])
    check("c << x", x=x[:, None], c=c[None, :])
    check("c >> x", x=x[:, None], c=c[None, :])
    for n in counts:
        for ex in [f"x << {n}", f"x >> {n}", f"x << ({n})", "x << n", "x >> n"]:
            check(ex, x=x, n=n)
        if n >= 0:
            check(f"{n} << c", c=c)
            check(f"{n} >> c", c=c)
    # int32 results wrap as int32.
    check("x << 3", x=np.array([info.max, info.min, 1 << (w - 3)] * 100, dtype=dt))


def test_bitwise_bool_and_scalars() -> None:
    p, q = data("bool", seed=42), data("bool", seed=43)
    i32, i64 = data("int32", seed=44), data("int64", seed=45)
    for ex in ["p ^ q", "p ^ True", "False ^ p", "(p ^ q) & ~p", "(i32 > 0) ^ q",
               "p << 1", "3 >> p", "p ^ 5", "i32 ^ True", "i32 << p", "p >> i32",
               "i32 ^ i64", "i32 << i64", "i64 >> i32", "i32 ^ 7", "-7 ^ i32",
               "(i32 << 2) >> 1", "i32 ^ (i64 << 3) | 1", "where(p ^ q, i32 << 1, i64 >> 1)",
               "sum(i32 ^ i64)", "min(p << 2, axis=1)"]:  # fmt: skip
        check(ex, p=p, q=q, i32=i32, i64=i64)
    # Between Python scalars the operators are Python's, as NumPy's
    # evaluation leaves them to Python.
    for ex in ["i32 << (1 << 3)", "i32 >> (70 - 64)", "i32 + 2**-1", "i32 ^ (True ^ True)",
               "i64 * (2**40 >> 20)", "i32 + 7 // 2"]:  # fmt: skip
        check(ex, i32=i32, i64=i64)
    n, t = 3, True
    check("i32 << n", i32=i32, n=n)
    check("t ^ p", p=p, t=t)


def test_bitwise_views_and_out() -> None:
    x = data("int64", (80, 90), seed=46)
    y = data("int32", (90,), seed=47)
    col = data("int32", (80, 1), seed=48)
    check("x ^ y", x=x, y=y)
    check("v << col", v=x[::2, ::-3], col=col[::2])
    check("t >> y", t=np.asfortranarray(x), y=y)
    check("v ^ w", v=x.T[::-1], w=np.broadcast_to(col[:, 0], (90, 80)))
    check("z << y", z=np.array(3, dtype=np.int32), y=y)
    out = np.empty((80, 90), dtype=np.int64)
    r = gonp.evaluate("c ^ y", local_dict={"c": col, "y": y}, out=out)
    assert r is out
    np.testing.assert_array_equal(out, col ^ y)
    # In place, the result into an operand.
    want = x << (y % 70)
    gonp.evaluate("x << (y % 70)", local_dict={"x": x, "y": y}, out=x)
    np.testing.assert_array_equal(x, want)
    out32 = np.empty((80, 90), dtype=np.int32)
    with pytest.raises(TypeError, match="cast"):
        gonp.evaluate("x >> 1", local_dict={"x": x}, out=out32)
    b = np.zeros((80, 90), dtype=bool)
    gonp.evaluate("(x > 0) ^ (col > 0)", local_dict={"x": x, "col": col}, out=b)
    np.testing.assert_array_equal(b, (x > 0) ^ (col > 0))


@pytest.mark.anypath
def test_bitwise_errors() -> None:
    f = data("float64", (50,), seed=49)
    f32 = data("float32", (50,), seed=50)
    i = data("int32", (50,), seed=51)
    p = data("bool", (50,), seed=52)
    names = {"f": f, "f32": f32, "i": i, "p": p}
    for ex in ["f ^ i", "i ^ f32", "i << 1.0", "2.5 >> i", "f << 2", "p ^ 1.5"]:
        with pytest.raises(TypeError):
            eval(ex, {}, names)  # NumPy has no float loop
        with pytest.raises(TypeError):
            gonp.evaluate(ex, local_dict=names)
    for ex in ["p << p", "p >> True"]:
        assert eval(ex, {}, names).dtype == np.int8
        with pytest.raises(TypeError, match="int8"):
            gonp.evaluate(ex, local_dict=names)
    # A Python int the dtype it meets cannot hold, which NumPy refuses.
    for ex, extra in [
        ("i << 2**40", {}),
        ("i - (1 << 31)", {}),
        ("i64 + 2**63", {"i64": i.astype(np.int64)}),
        ("i << 4294967296", {}),
        ("i >> n", {"n": 2**40}),
        ("i ^ n", {"n": -(2**31) - 1}),
    ]:
        with pytest.raises(OverflowError):
            eval(ex, {}, {**names, **extra})
        with pytest.raises(OverflowError):
            gonp.evaluate(ex, local_dict={**names, **extra})
