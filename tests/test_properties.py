"""Property-based tests (hypothesis): every public function against NumPy,
SciPy and scikit-learn on random shapes (0-4 dimensions, zero-length axes),
dtypes (supported and not), strides (negative, non-unit, 0 from
broadcasting), byte order, alignment (views at odd byte offsets), ``out=``
(fresh, the input itself, overlapping shifted views, wrong shape or dtype,
read-only) and thread counts. Result, dtype and exception type must match;
inputs must be unchanged (or changed exactly as NumPy changes them when out=
aliases them).

Each case is built twice from copies of one base buffer, once run by the
reference and once by gonp, and the buffers compared afterwards, so aliasing
is judged against what NumPy itself does. Profiles: ``ci`` (default, bounded
in time) and ``long``; pick one with GONP_HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import gonp
import numpy as np
import pytest
from gonp import _lib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import cdist as sp_cdist
from scipy.spatial.distance import pdist as sp_pdist
from sklearn.preprocessing import StandardScaler

settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=3000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("GONP_HYPOTHESIS_PROFILE", "ci")

# The thread count is drawn per example; some examples go to NumPy by design
# (unsupported dtypes), so the Go check is per test (see _count).
pytestmark = [pytest.mark.any_threads, pytest.mark.anypath]

EXAMPLES: Counter[str] = Counter()
IN_GO: Counter[str] = Counter()

SUPPORTED = ["float64", "float32", "int64", "int32"]
OTHER = [">f8", "<f4", "float16", "uint8", "int16", "bool", "complex128"]


@pytest.fixture(scope="module", autouse=True)
def _report(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    lines = [f"{k}: {EXAMPLES[k]} examples, {IN_GO[k]} reached Go" for k in sorted(EXAMPLES)]
    request.config.cache.set("gonp/hypothesis_examples", dict(EXAMPLES))
    print(f"\nhypothesis examples per function (profile {PROFILE}):\n  " + "\n  ".join(lines))


# ---------------------------------------------------------------- building


def _values(rng: np.random.Generator, n: int, dtype: np.dtype, special: bool) -> np.ndarray:
    if dtype.kind == "f" or dtype.kind == "c":
        v = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4)
        if special and n:
            pick = rng.integers(0, n, size=max(1, n // 5))
            v[pick] = rng.choice([np.nan, np.inf, -np.inf, -0.0, 0.0, 1e300], size=pick.size)
        with np.errstate(over="ignore"):
            return v.astype(dtype)
    if dtype.kind == "b":
        return rng.integers(0, 2, n).astype(dtype)
    info = np.iinfo(dtype)
    lo, hi = max(info.min, -50), min(info.max, 50)
    v = rng.integers(lo, hi + 1, n)
    if special and n and dtype.itemsize >= 4:
        v = v.astype(dtype)
        v[rng.integers(0, n)] = info.max
        return v
    return v.astype(dtype)


class Case:
    """A base buffer and a recipe for views into it, rebuilt on demand."""

    def __init__(
        self,
        data: st.DataObject,
        min_dims: int = 0,
        max_dims: int = 4,
        dtypes: list[str] | None = None,
        shape: tuple[int, ...] | None = None,
        dtype: str | None = None,
        special: bool = True,
    ) -> None:
        d = data.draw
        self.dtype = np.dtype(dtype or d(st.sampled_from(dtypes or SUPPORTED * 3 + OTHER)))
        self.shape = (
            shape
            if shape is not None
            else tuple(d(st.lists(st.integers(0, 5), min_size=min_dims, max_size=max_dims)))
        )
        self.layout = d(st.sampled_from(["c", "f", "negative", "step", "broadcast", "misaligned"]))
        if self.dtype.itemsize == 1 and self.layout == "misaligned":
            self.layout = "c"
        rng = np.random.default_rng(d(st.integers(0, 2**32 - 1)))
        n = int(np.prod(self.shape)) if self.shape else 1
        self.base_values = _values(rng, 2 * n + 8, self.dtype, special and d(st.booleans()))
        self.bshape = tuple(1 if k % 2 == 0 and s > 0 else s for k, s in enumerate(self.shape))

    def base(self) -> np.ndarray:
        if self.layout == "misaligned":
            raw = np.zeros(self.base_values.nbytes + 1, np.uint8)
            b = raw[1:].view(self.dtype)
            b[...] = self.base_values
            return b
        return self.base_values.copy()

    def view(self, b: np.ndarray) -> np.ndarray:
        shape, n = self.shape, int(np.prod(self.shape)) if self.shape else 1
        if self.layout == "c" or self.layout == "misaligned":
            return b[:n].reshape(shape)
        if self.layout == "f":
            return b[:n].reshape(shape[::-1]).T
        if self.layout == "negative":
            return b[:n].reshape(shape)[tuple(slice(None, None, -1) for _ in shape)]
        if self.layout == "step":
            return b[: 2 * n : 2].reshape(shape) if n else b[:0].reshape(shape)
        m = int(np.prod(self.bshape)) if self.bshape else 1
        return np.broadcast_to(b[:m].reshape(self.bshape), shape)


def _run(f: Callable[[], Any]) -> tuple[bool, Any]:
    try:
        with np.errstate(all="ignore"):
            return True, f()
    except Exception as e:  # the type is compared with the reference's
        return False, e


def _close(got: Any, want: Any, rtol: float, what: str, scale: float | None = None) -> None:
    g, w = np.asarray(got), np.asarray(want)
    assert g.dtype == w.dtype, f"{what}: dtype {g.dtype} != {w.dtype}"
    assert g.shape == w.shape, f"{what}: shape {g.shape} != {w.shape}"
    if rtol == 0 or g.dtype.kind not in "fc":
        np.testing.assert_array_equal(g, w, err_msg=what)
        return
    fin = np.isfinite(w)
    if scale is None:
        scale = float(np.max(np.abs(w[fin]))) if fin.any() else 0.0
    np.testing.assert_allclose(g, w, rtol=rtol, atol=rtol * scale, equal_nan=True, err_msg=what)


def _same_outcome(
    name: str, ref: tuple[bool, Any], got: tuple[bool, Any], rtol: float, scale: float | None = None
) -> None:
    (rok, r), (gok, g) = ref, got
    if not rok:
        assert not gok, f"{name}: reference raised {type(r).__name__}: {r}, gonp returned"
        # NumPy's private subclasses (_UFuncOutputCastingError, AxisError)
        # are judged by the public built-in class they derive from.
        public = next(c for c in type(r).__mro__ if c.__module__ == "builtins")
        assert isinstance(g, public), (
            f"{name}: {type(g).__name__}: {g} is not a {public.__name__} ({type(r).__name__}: {r})"
        )
        return
    assert gok, f"{name}: gonp raised {type(g).__name__}: {g}, reference gave a result"
    if isinstance(r, (np.generic, float, int)) or np.ndim(r) == 0:
        assert np.asarray(g).dtype == np.asarray(r).dtype, f"{name}: scalar dtype"
    _close(g, r, rtol, name, scale)


def _count(name: str, f: Callable[[], None]) -> None:
    before = _lib.go_calls()
    f()
    EXAMPLES[name] += 1
    IN_GO[name] += _lib.go_calls() > before


def _rtol(dt: np.dtype, f64: float, f32: float) -> float:
    if dt.kind not in "fc":
        return 0.0
    return f32 if dt.itemsize <= 4 else f64


THREADS = st.sampled_from([1, 2, 3, 4])

UNARY = {
    "square": 0.0,
    "negative": 0.0,
    "abs": 0.0,
    "absolute": 0.0,
    "sqrt": 0.0,
    "exp": 1e-14,
    "log": 1e-14,
    "sin": 1e-14,
    "cos": 1e-14,
}
BINARY = {
    "add": 0.0,
    "subtract": 0.0,
    "multiply": 0.0,
    "divide": 0.0,
    "maximum": 0.0,
    "minimum": 0.0,
    "power": 1e-14,
}
OUT_MODES = ["none", "fresh", "input", "overlap", "wrong_shape", "wrong_dtype", "readonly"]


def _out_for(mode: str, x: np.ndarray, base: np.ndarray, dtype: np.dtype) -> Any:
    """The out= argument for mode, given the view x built from base."""
    if mode == "none":
        return None
    if mode == "fresh":
        return np.empty(x.shape, dtype)
    if mode == "input":
        return x
    if mode == "overlap":  # the same layout, one element further on
        n = x.size
        return base[1 : n + 1].reshape(x.shape) if x.size else base[:0].reshape(x.shape)
    if mode == "wrong_shape":
        return np.empty((*x.shape, 2), dtype)
    if mode == "wrong_dtype":
        return np.empty(x.shape, np.int16)
    r = np.empty(x.shape, dtype)
    r.flags.writeable = False
    return r


# ---------------------------------------------------------------- tests


@settings(settings.get_profile(PROFILE))
@given(
    data=st.data(),
    name=st.sampled_from(sorted(UNARY)),
    threads=THREADS,
    mode=st.sampled_from(OUT_MODES),
)
def test_unary(data: st.DataObject, name: str, threads: int, mode: str) -> None:
    case = Case(data)
    ufunc = getattr(np, name)
    fn = getattr(gonp, name)
    if mode == "overlap" and case.layout != "c":
        mode = "input"

    def build() -> tuple[np.ndarray, np.ndarray, Any]:
        b = case.base()
        x = case.view(b)
        try:
            dt = ufunc.resolve_dtypes((x.dtype, None))[1]
        except TypeError:  # no loop (negative of bool): the call raises too
            dt = x.dtype
        return b, x, _out_for(mode, x, b, dt)

    def go() -> None:
        rb, rx, rout = build()
        gb, gx, gout = build()
        kw_r = {} if rout is None else {"out": rout}
        kw_g = {} if gout is None else {"out": gout}
        ref = _run(lambda: ufunc(rx, **kw_r))
        with gonp.threads(threads):
            got = _run(lambda: fn(gx, **kw_g))
        kind = np.asarray(ref[1]).dtype if ref[0] else rx.dtype  # exp(int) is float
        tol = UNARY[name] and _rtol(kind, 1e-14, 1e-6)
        _same_outcome(name, ref, got, tol)
        # Unchanged, or changed as NumPy changed it where out= aliases x.
        _close(gb, rb, tol if mode in ("input", "overlap") else 0, f"{name}: buffer after")
        if ref[0] and rout is not None and mode != "input":
            assert got[1] is gout

    _count(name, go)


@settings(settings.get_profile(PROFILE))
@given(
    data=st.data(),
    name=st.sampled_from(sorted(BINARY)),
    threads=THREADS,
    mode=st.sampled_from(OUT_MODES),
    scalar=st.sampled_from(["no", "left", "right"]),
)
def test_binary(data: st.DataObject, name: str, threads: int, mode: str, scalar: str) -> None:
    cx = Case(data)
    same = data.draw(st.booleans())
    cy = Case(
        data,
        dtype=str(cx.dtype) if same else None,
        shape=cx.shape[data.draw(st.integers(0, len(cx.shape))) :],
    )  # broadcastable
    ufunc, fn = getattr(np, name), getattr(gonp, name)
    if mode == "overlap" and cx.layout != "c":
        mode = "input"
    svalue = data.draw(st.sampled_from([2, 3.0, -1, 0.5]))

    def build() -> tuple[np.ndarray, np.ndarray, Any, Any, Any]:
        bx, by = cx.base(), cy.base()
        x: Any = cx.view(bx)
        y: Any = cy.view(by)
        if scalar == "left":
            x = svalue
        elif scalar == "right":
            y = svalue
        try:
            dt = ufunc.resolve_dtypes((np.asarray(x).dtype, np.asarray(y).dtype, None))[2]
            shape = np.broadcast_shapes(np.shape(x), np.shape(y))
        except Exception:
            dt, shape = np.dtype(np.float64), np.shape(x)
        m = mode
        if m in ("input", "overlap") and (scalar == "left" or np.shape(x) != shape):
            m = "fresh"
        target = x if m in ("input", "overlap") else np.empty(shape, dt)
        return bx, by, x, y, _out_for(m, target, bx, dt)

    def go() -> None:
        rbx, rby, rx, ry, rout = build()
        gbx, gby, gx, gy, gout = build()
        kw_r = {} if rout is None else {"out": rout}
        kw_g = {} if gout is None else {"out": gout}
        ref = _run(lambda: ufunc(rx, ry, **kw_r))
        with gonp.threads(threads):
            got = _run(lambda: fn(gx, gy, **kw_g))
        kind = np.asarray(ref[1]).dtype if ref[0] else cx.dtype
        tol = BINARY[name] and _rtol(kind, 1e-14, 1e-6)
        _same_outcome(name, ref, got, tol)
        _close(gbx, rbx, tol if mode in ("input", "overlap") else 0, f"{name}: x buffer after")
        _close(gby, rby, 0, f"{name}: y buffer after the call")

    _count(name, go)


REDUCTIONS = ["sum", "mean", "var", "std", "min", "max"]


@settings(settings.get_profile(PROFILE))
@given(
    data=st.data(),
    name=st.sampled_from(REDUCTIONS),
    threads=THREADS,
    keepdims=st.booleans(),
    ddof=st.sampled_from([0, 1, 2.5]),
    dtype=st.sampled_from([None, None, "float64", "float32", "int64"]),
    use_out=st.booleans(),
)
def test_reductions(
    data: st.DataObject,
    name: str,
    threads: int,
    keepdims: bool,
    ddof: float,
    dtype: str | None,
    use_out: bool,
) -> None:
    case = Case(data)
    nd = len(case.shape)
    # A 0-d array: sum, min and max (ufunc.reduce) take an int axis 0 or -1
    # as no axes, mean/var/std raise AxisError; (0,) and 1 are errors for all.
    axis = (
        data.draw(st.one_of(st.none(), st.just(()), st.integers(-2, 1), st.just((0,))))
        if nd == 0
        else data.draw(
            st.one_of(
                st.none(),
                st.integers(-nd - 1, nd),
                st.lists(st.integers(-nd, max(nd - 1, 0)), max_size=nd, unique=True).map(tuple),
            )
        )
    )
    kw: dict[str, Any] = {"axis": axis, "keepdims": keepdims}
    if name in ("var", "std"):
        kw["ddof"] = ddof
    if name not in ("min", "max") and dtype is not None:
        kw["dtype"] = dtype

    def go() -> None:
        rb, gb = case.base(), case.base()
        rx, gx = case.view(rb), case.view(gb)
        ref = _run(lambda: getattr(np, name)(rx, **kw))
        kw_g = dict(kw)
        if use_out and ref[0] and np.ndim(ref[1]) > 0:
            kw_g["out"] = np.empty_like(ref[1])
        with gonp.threads(threads):
            got = _run(lambda: getattr(gonp, name)(gx, **kw_g))
        if "out" in kw_g and got[0]:
            assert got[1] is kw_g["out"]
        scale = None
        if rx.dtype.kind in "fiub" and rx.size:
            with np.errstate(all="ignore"):
                a = np.abs(rx.astype(np.float64))
                fin = a[np.isfinite(a)]
                m = float(fin.max()) if fin.size else 0.0
            scale = {"sum": m * rx.size, "mean": m, "var": m * m, "std": m}.get(name)
        outdt = np.asarray(ref[1]).dtype if ref[0] else rx.dtype
        _same_outcome(name, ref, got, _rtol(outdt, 1e-11, 2e-5), scale)
        _close(gb, rb, 0, f"{name}: input changed")

    _count(name, go)


@settings(settings.get_profile(PROFILE))
@given(data=st.data(), threads=THREADS, use_out=st.booleans())
def test_matmul(data: st.DataObject, threads: int, use_out: bool) -> None:
    m, k, n = (data.draw(st.integers(0, 7)) for _ in range(3))
    ca = Case(data, shape=(m, k)) if data.draw(st.integers(0, 9)) else Case(data, 1, 3)
    cb = Case(data, shape=(k, n), dtype=str(ca.dtype) if data.draw(st.booleans()) else None)

    def go() -> None:
        ra, rb_ = ca.view(ca.base()), cb.view(cb.base())
        ga, gb_ = ca.view(ca.base()), cb.view(cb.base())
        ref = _run(lambda: np.matmul(ra, rb_))
        kw = {}
        if use_out and ref[0]:
            kw["out"] = np.empty_like(ref[1])
        with gonp.threads(threads):
            got = _run(lambda: gonp.matmul(ga, gb_, **kw))
        dt = np.asarray(ref[1]).dtype if ref[0] else ca.dtype
        scale = None
        if ref[0] and ra.size and rb_.size and dt.kind == "f":
            with np.errstate(all="ignore"):
                scale = (
                    float(np.nanmax(np.abs(ra.astype(np.float64))))
                    * float(np.nanmax(np.abs(rb_.astype(np.float64))))
                    * max(k, 1)
                )
            if not np.isfinite(scale):
                scale = None
        _same_outcome("matmul", ref, got, _rtol(dt, 1e-12, 1e-5), scale)
        np.testing.assert_array_equal(ga, ra)
        np.testing.assert_array_equal(gb_, rb_)

    _count("matmul", go)


def _constant_slices_nan(x: np.ndarray, axis: int | None, ref: np.ndarray, got: Any) -> np.ndarray:
    """The reference with nan where gonp gives nan on a constant slice.

    A slice of equal values has mean equal to the value and standard
    deviation 0, so gonp gives 0/0 = nan (its statistics are accumulated in
    float64). NumPy's expression gives nan too when its mean rounds to the
    value, and rounding noise (0, ±1, ...) when it does not, as for float32
    sums; that noise is not a reference.
    """
    with np.errstate(invalid="ignore"):
        if axis is None:
            const = np.full(x.shape, bool(np.all(x == x.flat[0])))
        else:
            first = np.take(x, [0], axis=axis)
            const = np.broadcast_to(np.all(x == first, axis=axis, keepdims=True), x.shape)
    # Where gonp served the call through NumPy, it has NumPy's noise too.
    gonp_nan = const & np.isnan(np.asarray(got))
    if not gonp_nan.any():
        return ref
    fixed = np.array(ref, copy=True)
    fixed[gonp_nan] = np.nan
    return fixed


@settings(settings.get_profile(PROFILE))
@given(
    data=st.data(),
    threads=THREADS,
    ddof=st.sampled_from([0, 1]),
    mode=st.sampled_from(["none", "fresh", "input", "readonly", "wrong_shape"]),
)
def test_normalize(data: st.DataObject, threads: int, ddof: int, mode: str) -> None:
    case = Case(data, dtypes=SUPPORTED * 3 + ["float16", ">f8"])
    nd = len(case.shape)
    axis = data.draw(st.one_of(st.none(), st.integers(-nd, max(nd - 1, 0)) if nd else st.none()))

    def ref_fn(x: np.ndarray, out: Any) -> np.ndarray:
        # The NumPy expression, with out= as a ufunc takes it.
        return np.divide(
            x - x.mean(axis=axis, keepdims=True),
            x.std(axis=axis, ddof=ddof, keepdims=True),
            out=out,
        )

    def go() -> None:
        rb, gb = case.base(), case.base()
        rx, gx = case.view(rb), case.view(gb)
        if mode == "wrong_shape":
            try:  # NumPy broadcasts a result into a larger out; gonp wants x's shape
                np.broadcast_shapes(rx.shape, (*rx.shape, 2))
                return
            except ValueError:
                pass
        rout = _out_for(
            mode,
            rx,
            rb,
            np.result_type(rx.dtype, np.float16) if rx.dtype.kind == "f" else np.dtype(np.float64),
        )
        gout = _out_for(mode, gx, gb, rout.dtype if rout is not None else None)
        ref = _run(lambda: ref_fn(rx, rout))
        with gonp.threads(threads):
            got = _run(lambda: gonp.normalize(gx, axis=axis, ddof=ddof, out=gout))
        dt = np.asarray(ref[1]).dtype if ref[0] else rx.dtype
        if ref[0] and got[0] and rx.size:
            ref = (True, _constant_slices_nan(rx, axis, np.asarray(ref[1]), got[1]))
        _same_outcome("normalize", ref, got, _rtol(dt, 1e-9, 1e-3))
        _close(gb, rb, _rtol(rb.dtype, 1e-9, 1e-3), "normalize: buffer after the call")

    _count("normalize", go)


@settings(settings.get_profile(PROFILE))
@given(data=st.data(), threads=THREADS)
def test_standardize(data: st.DataObject, threads: int) -> None:
    rows, cols = data.draw(st.integers(1, 9)), data.draw(st.integers(1, 6))
    # Finite data: StandardScaler refuses inf, and treats NaN as missing
    # where standardize propagates it (documented).
    case = Case(data, shape=(rows, cols), dtypes=SUPPORTED, special=False)

    def go() -> None:
        rx, gx = case.view(case.base()), case.view(case.base())
        ref = _run(lambda: StandardScaler().fit_transform(np.array(rx)))
        with gonp.threads(threads):
            got = _run(lambda: gonp.standardize(gx))
        dt = np.asarray(ref[1]).dtype if ref[0] else rx.dtype
        _same_outcome("standardize", ref, got, _rtol(dt, 1e-9, 1e-3))
        np.testing.assert_array_equal(gx, rx)

    _count("standardize", go)


METRICS = ["euclidean", "sqeuclidean", "cityblock", "chebyshev", "cosine"]


@settings(settings.get_profile(PROFILE))
@given(data=st.data(), threads=THREADS, metric=st.sampled_from(METRICS))
def test_cdist_pdist(data: st.DataObject, threads: int, metric: str) -> None:
    # Complex input: SciPy raises ValueError for most metrics and, for a few
    # (cosine, correlation, seuclidean), warns and drops the imaginary part.
    real = [*SUPPORTED * 3, ">f8", "float16", "uint8", "int16", "bool", "complex128"]
    dims = data.draw(st.integers(0, 5))
    ca = (
        Case(data, shape=(data.draw(st.integers(0, 7)), dims), dtypes=real)
        if data.draw(st.integers(0, 7))
        else Case(data, 0, 3, dtypes=real)
    )
    cb = Case(
        data,
        shape=(data.draw(st.integers(0, 7)), dims),
        dtypes=real,
        dtype=str(ca.dtype) if data.draw(st.booleans()) else None,
    )

    def wanted_dtype(*xs: np.ndarray) -> np.dtype:
        # Documented: float32 input stays float32; everything else float64.
        return np.dtype(np.float32 if all(x.dtype == np.float32 for x in xs) else np.float64)

    def go() -> None:
        ra, rb_ = ca.view(ca.base()), cb.view(cb.base())
        ga, gb_ = ca.view(ca.base()), cb.view(cb.base())
        ref = _run(lambda: sp_cdist(ra, rb_, metric=metric).astype(wanted_dtype(ra, rb_)))
        with gonp.threads(threads):
            got = _run(lambda: gonp.cdist(ga, gb_, metric=metric))
        if ra.dtype.kind in "fiu" and ref[0]:
            dt = np.asarray(ref[1]).dtype
            _same_outcome("cdist", ref, got, _rtol(dt, 1e-9, 1e-4))
        elif not ref[0]:
            _same_outcome("cdist", ref, got, 0)
        ref = _run(lambda: sp_pdist(ra, metric=metric).astype(wanted_dtype(ra)))
        with gonp.threads(threads):
            got = _run(lambda: gonp.pdist(ga, metric=metric))
        if ra.dtype.kind in "fiu" or not ref[0]:
            dt = np.asarray(ref[1]).dtype if ref[0] else ra.dtype
            _same_outcome("pdist", ref, got, _rtol(dt, 1e-9, 1e-4))
        np.testing.assert_array_equal(ga, ra)

    _count("cdist/pdist", go)
