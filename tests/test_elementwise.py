"""Elementwise functions against NumPy on the same inputs."""

from __future__ import annotations

import gonp
import numpy as np
import pytest
from arrays import DTYPES, FLOATS, arrays

pytestmark = pytest.mark.go  # every test here must reach Go, unless marked

UNARY = ["square", "sqrt", "abs", "negative", "exp", "log", "sin", "cos"]
BINARY = ["add", "subtract", "multiply", "divide", "maximum", "minimum", "power"]
EXACT = {
    "square",
    "sqrt",
    "abs",
    "negative",
    "add",
    "subtract",
    "multiply",
    "divide",
    "maximum",
    "minimum",
}
NUMPY_NAME = {"abs": "absolute"}


def npfunc(name: str) -> np.ufunc:
    return getattr(np, NUMPY_NAME.get(name, name))


def assert_same(got: object, want: object, name: str) -> None:
    got_a, want_a = np.asarray(got), np.asarray(want)
    assert type(got) is type(want) or (isinstance(got, np.ndarray) and isinstance(want, np.ndarray))
    assert got_a.dtype == want_a.dtype, (got_a.dtype, want_a.dtype)
    assert got_a.shape == want_a.shape
    if name in EXACT or got_a.dtype.kind != "f":
        np.testing.assert_array_equal(got_a, want_a)
    else:
        # float64: within 2 ulp of NumPy. float32: gonp rounds the float64
        # result (correctly rounded), while NumPy's own float32 SIMD loops
        # are documented to err by up to ~4 ulp, so allow that gap.
        maxulp = 2 if got_a.dtype == np.float64 else 4
        np.testing.assert_array_max_ulp(got_a, want_a, maxulp=maxulp)


CASES = list(arrays())


@pytest.mark.parametrize("name", UNARY)
@pytest.mark.parametrize("label,x", CASES, ids=[c[0] for c in CASES])
def test_unary_matches_numpy(name: str, label: str, x: np.ndarray) -> None:
    before = x.copy()
    with np.errstate(all="ignore"):
        want = npfunc(name)(x)
        got = getattr(gonp, name)(x)
    assert_same(got, want, name)
    np.testing.assert_array_equal(x, before)  # input unchanged


@pytest.mark.parametrize("name", BINARY)
@pytest.mark.parametrize("label,x", CASES, ids=[c[0] for c in CASES])
def test_binary_matches_numpy(name: str, label: str, x: np.ndarray) -> None:
    rng = np.random.default_rng(7)
    y = x[::-1].copy() if x.ndim else x.copy()
    if name == "power" and x.dtype.kind == "i":
        y = np.abs(y) % 5
        x = x % 7
    with np.errstate(all="ignore"):
        want = npfunc(name)(x, y)
        got = getattr(gonp, name)(x, y)
    assert_same(got, want, name)
    scalar = 3 if x.dtype.kind == "i" else 2.5
    with np.errstate(all="ignore"):
        assert_same(getattr(gonp, name)(x, scalar), npfunc(name)(x, scalar), name)
        assert_same(getattr(gonp, name)(scalar, x), npfunc(name)(scalar, x), name)
    del rng


@pytest.mark.parametrize("name", BINARY)
@pytest.mark.parametrize("dtype", DTYPES)
def test_binary_broadcasting(name: str, dtype: type) -> None:
    rng = np.random.default_rng(3)
    a = (rng.random((30, 1, 7)) * 5 + 1).astype(dtype)
    b = (rng.random((5, 1)) * 3 + 1).astype(dtype)
    with np.errstate(all="ignore"):
        assert_same(getattr(gonp, name)(a, b), npfunc(name)(a, b), name)
        assert_same(getattr(gonp, name)(b, a[:, :, :1]), npfunc(name)(b, a[:, :, :1]), name)


def test_mixed_dtypes_promote_like_numpy() -> None:
    a = np.arange(1, 101, dtype=np.int32)
    b = np.linspace(0.5, 3, 100, dtype=np.float32)
    for name in BINARY:
        with np.errstate(all="ignore"):
            assert_same(getattr(gonp, name)(a, b), npfunc(name)(a, b), name)
    # Integer true division gives float64, as NumPy.
    assert gonp.divide(a, a).dtype == np.float64
    assert gonp.sqrt(a).dtype == np.float64
    # Python scalars are weak: float32 stays float32.
    assert gonp.multiply(b, 2.0).dtype == np.float32


def test_square_out_in_place_no_allocation() -> None:
    x = np.random.default_rng(0).random(100_003)
    want = np.square(x)
    res = gonp.square(x, out=x)
    assert res is x
    np.testing.assert_array_equal(x, want)


def test_out_strided_and_tuple() -> None:
    x = np.arange(20.0)
    out = np.zeros(40)
    res = gonp.square(x, out=(out[::2],))
    np.testing.assert_array_equal(out[::2], x * x)
    np.testing.assert_array_equal(out[1::2], 0)
    assert res.base is out


def test_out_broadcasts_input() -> None:
    x = np.arange(5.0)
    out = np.empty((3, 5))
    gonp.add(x, 1.0, out=out)
    np.testing.assert_array_equal(out, np.add(x, 1.0, out=np.empty((3, 5))))


@pytest.mark.parametrize("shift", [1, -1, 3])
def test_overlapping_out_gives_numpy_result(shift: int) -> None:
    base = np.arange(50.0)
    mine = base.copy()
    if shift > 0:
        np.square(base[:-shift], out=base[shift:])
        gonp.square(mine[:-shift], out=mine[shift:])
    else:
        np.square(base[-shift:], out=base[:shift])
        gonp.square(mine[-shift:], out=mine[:shift])
    np.testing.assert_array_equal(mine, base)
    a, b = np.arange(30.0), np.arange(30.0)
    np.add(a[::-1], a, out=a)
    gonp.add(b[::-1], b, out=b)
    np.testing.assert_array_equal(b, a)


@pytest.mark.numpy
def test_read_only_out_is_rejected_and_untouched() -> None:
    out = np.zeros(10)
    out.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        gonp.square(np.ones(10), out=out)
    assert not out.any()


@pytest.mark.numpy
def test_bad_out_and_shapes() -> None:
    with pytest.raises(ValueError):
        gonp.square(np.ones(10), out=np.zeros(11))
    with pytest.raises(ValueError):
        gonp.add(np.ones(3), np.ones(4))
    with pytest.raises(TypeError):
        gonp.square(np.ones(3), out=[0.0, 0.0, 0.0])
    out = np.zeros(4)
    with pytest.raises(ValueError):
        gonp.add(np.ones(4), np.ones(5), out=out)
    assert not out.any()


@pytest.mark.numpy
def test_out_of_other_dtype_follows_numpy_casting() -> None:
    x = np.arange(10.0)
    out32 = np.empty(10, np.float32)
    gonp.square(x, out=out32)  # same_kind cast allowed, as NumPy
    np.testing.assert_array_equal(out32, np.square(x).astype(np.float32))
    with pytest.raises(TypeError):
        gonp.square(x, out=np.empty(10, np.int64))


def test_zero_d_and_python_scalars_return_scalars() -> None:
    for x in (3.0, np.float32(2.5), np.array(4.0), 7, np.int32(3)):
        want, got = np.square(x), gonp.square(x)
        assert type(got) is type(want)
        assert got == want
    got = gonp.add([1, 2, 3], [[1], [2]])
    np.testing.assert_array_equal(got, np.add([1, 2, 3], [[1], [2]]))


def test_integer_semantics_wrap_like_numpy() -> None:
    for dt in (np.int32, np.int64):
        info = np.iinfo(dt)
        big = 46341 if dt == np.int32 else 3037000500  # squares just past the max
        x = np.array([info.min, info.max, -1, 0, 1, big, -big], dtype=dt)
        for name in ("square", "abs", "negative"):
            assert_same(getattr(gonp, name)(x), npfunc(name)(x), name)
        assert_same(gonp.power(x, np.full_like(x, 3)), np.power(x, np.full_like(x, 3)), "power")
    with pytest.raises(ValueError, match="negative integer powers"):
        gonp.power(np.arange(5), -1)


@pytest.mark.parametrize("dtype", FLOATS)
def test_special_values(dtype: type) -> None:
    x = np.array(
        [
            0.0,
            -0.0,
            np.inf,
            -np.inf,
            np.nan,
            1e-310,
            -1e-310,
            1e308,
            -1.0,
            710.0,
            -745.0,
            1e22,
            1e300,
        ],
        dtype=dtype,
    )
    y = np.array(
        [-0.0, 0.0, np.nan, 1.0, 2.0, np.inf, -np.inf, 0.5, 3.0, -2.0, 0.0, np.nan, -1.0],
        dtype=dtype,
    )
    with np.errstate(all="ignore"):
        for name in UNARY:
            assert_same(getattr(gonp, name)(x), npfunc(name)(x), name)
        for name in BINARY:
            assert_same(getattr(gonp, name)(x, y), npfunc(name)(x, y), name)


def test_transcendentals_within_2ulp_on_many_values() -> None:
    rng = np.random.default_rng(11)
    x = np.concatenate(
        [
            rng.standard_normal(20_000) * 10,
            rng.standard_normal(5_000) * 700,
            np.exp(rng.uniform(-700, 700, 5_000)),
            rng.uniform(-1e6, 1e6, 5_000),
        ]
    )
    with np.errstate(all="ignore"):
        for name in ("exp", "log", "sin", "cos"):
            for v in (x, np.abs(x)):
                np.testing.assert_array_max_ulp(getattr(gonp, name)(v), npfunc(name)(v), maxulp=2)
        np.testing.assert_array_max_ulp(
            gonp.power(np.abs(x[:1000]), x[1000:2000] / 100),
            np.power(np.abs(x[:1000]), x[1000:2000] / 100),
            maxulp=2,
        )


def test_unsupported_dtypes_go_to_numpy() -> None:
    for x in (
        np.arange(10, dtype=np.int16),
        np.arange(10, dtype=np.complex128),
        np.arange(10.0).astype(">f8"),
        np.array([True, False]),
    ):
        np.testing.assert_array_equal(gonp.square(x), np.square(x))
        assert gonp.square(x).dtype == np.square(x).dtype


@pytest.mark.numpy
def test_matrix_subclass_goes_to_numpy() -> None:
    m = np.asmatrix(np.arange(4.0).reshape(2, 2))
    got = gonp.square(m)
    assert type(got) is np.matrix
