"""exp, log and power on the Go path against mpmath, NumPy's validation sets
and NumPy's special values, bit for bit, at every SIMD level."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import gonp
import mpmath
import numpy as np
import pytest
from gonp import _lib

pytestmark = pytest.mark.go

DATA = os.path.join(os.path.dirname(np.__file__), "_core", "tests", "data")
LEVELS = ["generic", "avx2", "avx512"]
UINT = {np.dtype(np.float64): np.uint64, np.dtype(np.float32): np.uint32}
# Random points per function and dtype; GONP_VMATH_POINTS raises it for a long
# run (pytest -s prints the rates), as it does for the Go tests.
N_POINTS = int(os.environ.get("GONP_VMATH_POINTS", "1500"))


@pytest.fixture(params=LEVELS)
def level(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run at each SIMD level (lowered to what the CPU has)."""
    _lib.set_simd(request.param)
    yield request.param
    _lib.set_simd("avx512")


@pytest.fixture
def go_calls() -> Callable[[], int]:
    """Return a function that counts the calls made into Go since the test began."""
    start = _lib.go_calls()
    return lambda: _lib.go_calls() - start


def bits(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a)
    return a.view(UINT[a.dtype])


def ulp_errors(got: np.ndarray, exact: list[mpmath.mpf], dtype: np.dtype) -> np.ndarray:
    """|got - exact| in ulps of the exact value's binade (subnormal spacing
    at least)."""
    mant, emin = (53, -1074) if dtype == np.float64 else (24, -149)
    errs = []
    for g, e in zip(got.astype(np.float64).tolist(), exact, strict=True):
        if e == 0 or not mpmath.isfinite(e):
            errs.append(0.0 if g == float(e) else np.inf)
            continue
        _, ex = mpmath.frexp(e)
        ulp = mpmath.ldexp(1, max(int(ex) - mant, emin))
        errs.append(float(abs(mpmath.mpf(g) - e) / ulp))
    return np.array(errs)


def rounded(exact: list[mpmath.mpf], dtype: np.dtype) -> np.ndarray:
    """The exact values correctly rounded to dtype."""
    if dtype == np.float64:
        return np.array([float(e) for e in exact])
    # float32 through a 24-bit mpmath rounding, then the subnormal grid.
    out = []
    for e in exact:
        with mpmath.workprec(24):
            v = float(+e)
        if abs(v) < 2.0**-126:
            v = float(mpmath.nint(e * 2**149)) * 2.0**-149
        out.append(v)
    return np.array(out, dtype=np.float64).astype(np.float32)


def points(name: str, dtype: np.dtype) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(2024)
    f32 = dtype == np.float32
    if name == "exp":
        lo, hi = (-103.9, 88.7) if f32 else (-745.1, 709.7)
        return (rng.uniform(lo, hi, N_POINTS).astype(dtype),)
    if name == "log":
        top = 0x7F800000 if f32 else 0x7FF0000000000000
        raw = rng.integers(1, top, N_POINTS, dtype=np.int64 if not f32 else np.int32)
        x = raw.astype(UINT[np.dtype(dtype)]).view(dtype)
        return (x,)
    x = np.exp(rng.uniform(-20, 20, N_POINTS)).astype(dtype)
    lim = 80.0 if f32 else 700.0
    span = np.maximum(np.abs(np.log(x.astype(np.float64))), 1e-3)
    y = rng.uniform(-1, 1, N_POINTS) * lim / span
    return x, y.astype(dtype)


def exact_values(name: str, args: tuple[np.ndarray, ...]) -> list[mpmath.mpf]:
    funcs = {"exp": mpmath.exp, "log": mpmath.log, "power": mpmath.power}
    f: Callable[..., mpmath.mpf] = funcs[name]
    with mpmath.workprec(160):
        cols = [a.astype(np.float64).tolist() for a in args]
        return [f(*(mpmath.mpf(v) for v in vals)) for vals in zip(*cols, strict=True)]


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("name", ["exp", "log", "power"])
def test_against_mpmath(name: str, dtype: type, level: str, go_calls: Callable[[], int]) -> None:
    dt = np.dtype(dtype)
    args = points(name, dt)
    exact = exact_values(name, args)
    got = getattr(gonp, name)(*args)
    assert go_calls() == 1
    assert got.dtype == dt
    errs = ulp_errors(got, exact, dt)
    assert errs.max() <= 1.0, (name, errs.max(), args[0][errs.argmax()])
    want = rounded(exact, dt)
    with np.errstate(all="ignore"):
        theirs = getattr(np, name)(*args)
    ours_cr = np.mean(bits(got) == bits(want))
    numpy_cr = np.mean(bits(theirs) == bits(want))
    numpy_ulp = ulp_errors(theirs, exact, dt).max()
    print(
        f"\n{name} {dt} {level}: {len(exact)} points, gonp max {errs.max():.4f} ulp, "
        f"correctly rounded {100 * ours_cr:.3f}%; NumPy max {numpy_ulp:.4f} ulp, "
        f"correctly rounded {100 * numpy_cr:.3f}%"
    )
    assert ours_cr >= numpy_cr, (ours_cr, numpy_cr)


def validation_set(name: str) -> Iterator[tuple[np.dtype, np.ndarray, np.ndarray, int]]:
    rows: dict[str, list[tuple[int, int, int]]] = {}
    with open(os.path.join(DATA, f"umath-validation-set-{name}.csv")) as f:
        for line in f:
            if line.startswith(("dtype", "#")) or not line.strip():
                continue
            dt, x, y, tol = line.strip().split(",")
            rows.setdefault(dt, []).append((int(x, 16), int(y, 16), int(tol)))
    for dt, rs in rows.items():
        dtype = np.dtype(dt.removeprefix("np."))
        u = UINT[dtype]
        x = np.array([r[0] for r in rs], dtype=u).view(dtype)
        y = np.array([r[1] for r in rs], dtype=u).view(dtype)
        yield dtype, x, y, max(r[2] for r in rs)


@pytest.mark.parametrize("name", ["exp", "log"])
def test_numpy_validation_sets(name: str, level: str, go_calls: Callable[[], int]) -> None:
    n = 0
    for dtype, x, want, tol in validation_set(name):
        with np.errstate(all="ignore"):
            got = getattr(gonp, name)(x)
        np.testing.assert_array_max_ulp(got, want, maxulp=tol, dtype=dtype)
        # gonp's own bound is tighter: within 1 ulp of the rounded values.
        np.testing.assert_array_max_ulp(got, want, maxulp=1, dtype=dtype)
        n += 1
    assert n == 2 and go_calls() == 2


SPECIAL = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -0.5,
    2.0,
    -2.0,
    3.0,
    -3.0,
    2.5,
    -2.5,
    np.inf,
    -np.inf,
    np.nan,
    -np.nan,
    5e-324,
    -5e-324,
    2.2250738585072014e-308,
    1e-310,
    1.5e-45,
    1e-40,
    709.78,
    709.79,
    -745.13,
    -745.14,
    88.72,
    88.73,
    -103.97,
    -104.0,
    1e300,
    -1e300,
    3e38,
    -3e38,
    1 + 2**-52,
    1 - 2**-53,
    2.0**53,
    -(2.0**53),
    1075.0,
    -1075.0,
    7.0,
    -7.0,
]


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
def test_special_values_bit_for_bit(dtype: type, level: str, go_calls: Callable[[], int]) -> None:
    with np.errstate(all="ignore"):
        x = np.array(SPECIAL, dtype=np.float64).astype(dtype)
        # Bit for bit where the input is special (0, ±inf, nan, subnormal
        # for exp) or the result is 0, inf or nan; elsewhere both round an
        # ordinary result (NumPy's float32 loops err by up to a few ulp).
        tol = 2 if dtype == np.float64 else 4
        for name in ("exp", "log"):
            got, want = getattr(gonp, name)(x), getattr(np, name)(x)
            special = ~np.isfinite(want) | (want == 0) | ~np.isfinite(x) | (x == 0) | (want == 1)
            np.testing.assert_array_equal(bits(got[special]), bits(want[special]), err_msg=name)
            np.testing.assert_array_max_ulp(got[~special], want[~special], maxulp=tol)
        # Every pair, as arrays: C99's table.
        xx, yy = np.meshgrid(x, x)
        xx, yy = xx.ravel(), yy.ravel()
        got, want = gonp.power(xx, yy), np.power(xx, yy)
        # Bit for bit where C99's table or the range decides: a special
        # operand (0, ±1, ±inf, nan) or a result that is 0, inf or nan.
        # Elsewhere both are rounding an ordinary result: within 2 ulp of
        # each other (gonp within 1 ulp of exact, see test_against_mpmath).
        special = ~np.isfinite(want) | (want == 0) | ~np.isfinite(xx) | ~np.isfinite(yy)
        special |= (xx == 0) | (yy == 0) | (np.abs(xx) == 1)
        bad = special & (bits(got) != bits(want))
        assert not bad.any(), list(zip(xx[bad], yy[bad], got[bad], want[bad], strict=True))[:10]
        np.testing.assert_array_max_ulp(got[~special], want[~special], maxulp=tol)
        # A scalar exponent, NumPy's fast paths (0.5 is sqrt: -inf -> nan,
        # -0 -> -0) included, both through the function and the operator.
        for s in SPECIAL:
            got, want = gonp.power(x, s), np.power(x, s)
            special = ~np.isfinite(want) | (want == 0) | ~np.isfinite(x)
            special |= (x == 0) | (np.abs(x) == 1)
            special |= not np.isfinite(s) or s in (0.0, 0.5, 1.0, -1.0, 2.0)
            bad = special & (bits(got) != bits(want))
            assert not bad.any(), (s, x[bad], got[bad], want[bad])
            np.testing.assert_array_max_ulp(got[~special], want[~special], maxulp=tol)
            got, want = gonp.power(x, dtype(s)), x ** dtype(s)
            np.testing.assert_array_equal(bits(got[special]), bits(want[special]))
    assert go_calls() == 2 + 1 + 2 * len(SPECIAL)  # exp, log, the pairs, each scalar twice


def test_power_scalar_half_matches_numpy_sqrt(go_calls: Callable[[], int]) -> None:
    x = np.array([-np.inf, -0.0, 0.0, 4.0, np.inf, -1.0])
    with np.errstate(all="ignore"):
        got = gonp.power(x, 0.5)
        np.testing.assert_array_equal(bits(got), bits(x**0.5))
        np.testing.assert_array_equal(bits(got), bits(np.sqrt(x)))
    assert go_calls() == 1


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
def test_strided_and_broadcast(dtype: type, go_calls: Callable[[], int]) -> None:
    rng = np.random.default_rng(5)
    x = rng.uniform(0.1, 10, (40, 30)).astype(dtype)
    y = rng.uniform(-3, 3, 30).astype(dtype)
    np.testing.assert_array_max_ulp(gonp.exp(x[::2, ::3]), np.exp(x[::2, ::3]), maxulp=2)
    np.testing.assert_array_max_ulp(gonp.log(x.T), np.log(x.T), maxulp=2)
    np.testing.assert_array_max_ulp(gonp.power(x, y), np.power(x, y), maxulp=2)
    np.testing.assert_array_max_ulp(gonp.power(2.5, y), np.power(dtype(2.5), y), maxulp=2)
    assert go_calls() == 4


STREAM_FUNCS: dict[str, Callable[..., np.ndarray]] = {
    "exp": lambda m, x, y, **kw: m.exp(x, **kw),
    "log": lambda m, x, y, **kw: m.log(x, **kw),
    "sin": lambda m, x, y, **kw: m.sin(x, **kw),
    "cos": lambda m, x, y, **kw: m.cos(x, **kw),
    "power x**2.5": lambda m, x, y, **kw: m.power(x, x.dtype.type(2.5), **kw),
    "power x**y": lambda m, x, y, **kw: m.power(x, y, **kw),
    "power 2.5**y": lambda m, x, y, **kw: m.power(y.dtype.type(2.5), y, **kw),
}


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("name", list(STREAM_FUNCS))
def test_large_outputs_stream_same_bits(
    name: str, dtype: type, level: str, go_calls: Callable[[], int]
) -> None:
    """Outputs beyond half the last-level cache are written with streaming
    stores: the bits must be those of the same function on small pieces
    (plain stores), into a fresh output, a preallocated one that starts off
    a 64-byte boundary (guards around it untouched) and in place, and agree
    with NumPy."""
    n = (20 << 20) // np.dtype(dtype).itemsize + 5  # 20 MiB and a ragged tail
    rng = np.random.default_rng(7)
    x = rng.uniform(0.001, 80, n).astype(dtype)
    x[::997] = np.array([np.nan, np.inf, -np.inf, 0.0, -1.0, 1e-310, 800.0])[
        np.arange(len(x[::997])) % 7
    ]
    y = rng.uniform(-3, 3, n).astype(dtype)
    f = STREAM_FUNCS[name]
    with np.errstate(all="ignore"):
        piece = 1 << 16
        want = np.concatenate(
            [f(gonp, x[i : i + piece].copy(), y[i : i + piece].copy()) for i in range(0, n, piece)]
        )
        calls = go_calls()
        got = f(gonp, x, y)
        np.testing.assert_array_equal(bits(got), bits(want))
        buf = np.full(n + 3, -7, dtype=dtype)
        out = f(gonp, x, y, out=buf[1 : n + 1])
        assert np.shares_memory(out, buf)
        np.testing.assert_array_equal(bits(buf[1 : n + 1]), bits(want))
        assert buf[0] == -7 and (buf[n + 1 :] == -7).all()
        if name in ("exp", "log", "sin", "cos", "power x**2.5"):
            inplace = x.copy()
            f(gonp, inplace, y, out=inplace)
            np.testing.assert_array_equal(bits(inplace), bits(want))
        assert go_calls() - calls == (
            3 if name in ("exp", "log", "sin", "cos", "power x**2.5") else 2
        )
        ref = f(np, x, y)
    # NumPy's own float32 loops err by a few ulp (accuracy against mpmath
    # is checked above): a relative tolerance.
    np.testing.assert_allclose(got, ref, rtol=1e-14 if dtype == np.float64 else 1e-6, atol=0)
