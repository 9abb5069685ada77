"""What the suite times: each operation, its sizes, and every implementation of it.

gonp runs beside NumPy, the ``multiprocessing.Pool`` recipe of the repository's
``examples/`` folder, and numexpr, numba, SciPy and scikit-learn where they are
installed. Peers that are missing are left out of the cases, not errors.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gonp
import numpy as np

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
if str(EXAMPLES) not in sys.path:
    sys.path.insert(0, str(EXAMPLES))

import cdist_pool  # noqa: E402  (the recipes live in examples/, put on sys.path above)
import matmul_pool  # noqa: E402
import normalize_pool  # noqa: E402
import square_pool  # noqa: E402
import standardize_pool  # noqa: E402
import sum_pool  # noqa: E402

try:
    import numexpr
except ImportError:
    numexpr = None
try:
    import numba
except ImportError:
    numba = None
try:
    import threadpoolctl
except ImportError:
    threadpoolctl = None
try:
    from scipy.spatial.distance import cdist as scipy_cdist
except ImportError:
    scipy_cdist = None
try:
    from sklearn.metrics import pairwise_distances_argmin_min
    from sklearn.metrics.pairwise import euclidean_distances
    from sklearn.neighbors import NearestNeighbors
    from sklearn.preprocessing import StandardScaler
except ImportError:
    euclidean_distances = StandardScaler = NearestNeighbors = None
    pairwise_distances_argmin_min = None

OPS = (
    "square",
    "square_out",
    "sum",
    "sum_axis",  # sum and std over one axis of 2-d arrays
    "matmul",
    "normalize",
    "standardize",
    "standard_scaler",
    "cdist",
    "knn",
    "exp",
    "log",
    "power",
    "sin",
    "cos",  # elementary functions, float64 and float32
    "evaluate",  # fused expressions
)
# The gonp function each operation needs, where its name is not the operation's.
GONP_FUNCTION = {"square_out": "square", "standard_scaler": "standardize", "sum_axis": "sum"}
POOL = "Pool recipe"

# Seconds each matmul implementation runs untimed before each sample (see
# Case.warm): NumPy's OpenBLAS threads poll for about 0.1 s after a call,
# and would share the cores with the implementation timed next.
MATMUL_WARM = 0.2

Impls = dict[str, Callable[[], Any]]


@dataclass
class Case:
    """One input of one operation, with a factory for its implementations.

    Attributes
    ----------
    op : str
        Operation name (one of ``OPS``).
    label : str
        The input, for people (``"n=1e6"``, ``"2000x2000 @ 2000x2000"``).
    size : int
        Elements of the (first) input, for plots.
    work : float or None
        Bytes a call must at least move (``unit`` GB/s) or floating-point
        operations it performs (``unit`` GFLOP/s); ``None`` for no rate.
    unit : str
        ``"GB/s"`` or ``"GFLOP/s"``.
    make_impls : callable
        ``make_impls(threads)`` returns implementation name -> zero-argument
        callable; ``threads`` sizes the Pool recipe's pool.
    reference : str
        The implementation whose result the others are checked against.
    approximate : frozenset of str
        Implementations known to compute something else (per-chunk statistics).
    tolerance : float
        Largest error, relative to the largest reference value, that agrees.
    warm : float
        Seconds each implementation runs untimed before each of its samples
        (``_timing.round_robin``): longer than any implementation's idle
        threads poll after a call (gonp's 1 ms), so that none is timed beside
        another's; longer for matmul, where a peer runs threaded BLAS.
    """

    op: str
    label: str
    size: int
    work: float | None
    unit: str
    make_impls: Callable[[int], Impls]
    reference: str = "numpy"
    approximate: frozenset[str] = field(default_factory=frozenset)
    tolerance: float = 1e-9
    warm: float = 0.02


def peer_versions() -> dict[str, str | None]:
    """Return the versions of gonp and its peers (``None`` where not installed)."""
    versions: dict[str, str | None] = {"gonp": getattr(gonp, "__version__", None)}
    versions["numpy"] = np.__version__
    for name in ("scipy", "sklearn", "numexpr", "numba", "threadpoolctl", "matplotlib"):
        module = sys.modules.get(name)
        if module is None:
            try:
                module = __import__(name)
            except ImportError:
                versions[name] = None
                continue
        versions[name] = getattr(module, "__version__", "unknown")
    return versions


def blas_info() -> list[dict[str, Any]] | None:
    """Return threadpoolctl's view of the BLAS/OpenMP pools, or ``None`` without it."""
    if threadpoolctl is None:
        return None
    return threadpoolctl.threadpool_info()


@contextlib.contextmanager
def limit_threads(n: int) -> Iterator[None]:
    """Run everything inside with ``n`` threads: gonp, BLAS/OpenMP, numexpr, numba.

    BLAS and OpenMP pools are limited through threadpoolctl where installed;
    without it NumPy's BLAS keeps its own thread count (``run.py`` notes that).
    """
    with contextlib.ExitStack() as stack:
        stack.enter_context(gonp.threads(n))
        if threadpoolctl is not None:
            stack.enter_context(threadpoolctl.threadpool_limits(limits=n))
        if numexpr is not None:
            stack.callback(numexpr.set_num_threads, numexpr.set_num_threads(n))
        if numba is not None:
            old = numba.get_num_threads()
            numba.set_num_threads(min(n, numba.config.NUMBA_NUM_THREADS))
            stack.callback(numba.set_num_threads, old)
        yield


@functools.cache
def numba_kernels() -> dict[str, Callable[..., Any]]:
    """Compile-on-first-call parallel numba loops for square, sum and normalize."""
    assert numba is not None
    njit, prange = numba.njit, numba.prange

    @njit(parallel=True)
    def square(x: np.ndarray, out: np.ndarray) -> None:  # pragma: no cover - JIT
        for i in prange(x.size):
            out[i] = x[i] * x[i]

    @njit(parallel=True)
    def total(x: np.ndarray) -> float:  # pragma: no cover - JIT
        s = 0.0
        for i in prange(x.size):
            s += x[i]
        return s

    @njit(parallel=True)
    def normalize(x: np.ndarray, out: np.ndarray) -> None:  # pragma: no cover - JIT
        n = x.size
        s = 0.0
        for i in prange(n):
            s += x[i]
        mean = s / n
        q = 0.0
        for i in prange(n):
            d = x[i] - mean
            q += d * d
        std = np.sqrt(q / n)
        for i in prange(n):
            out[i] = (x[i] - mean) / std

    return {"square": square, "sum": total, "normalize": normalize}


def _numba_fresh(kernel: Callable[..., Any], x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x)
    kernel(x, out)
    return out


def elementwise_sizes(quick: bool) -> list[int]:
    """Sizes of the elementwise and reduction cases: 1e3 ... 1e8 (quick: ... 1e6)."""
    return [10**k for k in range(3, 7 if quick else 9)]


def _label(n: int) -> str:
    return f"n=1e{len(str(n)) - 1}" if str(n).strip("0") == "1" else f"n={n}"


def _square_cases(quick: bool, out: bool) -> Iterator[Case]:
    for n in elementwise_sizes(quick):
        x = np.random.default_rng(n).random(n)
        o = np.empty_like(x)

        def make(threads: int, x: np.ndarray = x, o: np.ndarray = o) -> Impls:
            impls: Impls
            if out:
                impls = {
                    "numpy": lambda: np.square(x, out=o),
                    "gonp": lambda: gonp.square(x, out=o),
                }
                if numexpr is not None:
                    impls["numexpr"] = lambda: numexpr.evaluate("x * x", {"x": x}, out=o)
                if numba is not None:
                    k = numba_kernels()["square"]
                    impls["numba"] = lambda: k(x, o) or o
                return impls
            impls = {"numpy": lambda: np.square(x), "gonp": lambda: gonp.square(x)}
            if numexpr is not None:
                impls["numexpr"] = lambda: numexpr.evaluate("x * x", {"x": x})
            if numba is not None:
                impls["numba"] = functools.partial(_numba_fresh, numba_kernels()["square"], x)
            impls[POOL] = lambda: square_pool.with_pool(x, processes=threads)
            return impls

        yield Case("square_out" if out else "square", _label(n), n, 16.0 * n, "GB/s", make)


def _sum_cases(quick: bool) -> Iterator[Case]:
    for n in elementwise_sizes(quick):
        x = np.random.default_rng(n).random(n)

        def make(threads: int, x: np.ndarray = x) -> Impls:
            impls: Impls = {"numpy": lambda: np.sum(x), "gonp": lambda: gonp.sum(x)}
            if numexpr is not None:
                impls["numexpr"] = lambda: numexpr.evaluate("sum(x)", {"x": x})
            if numba is not None:
                impls["numba"] = functools.partial(numba_kernels()["sum"], x)
            impls[POOL] = lambda: sum_pool.with_pool(x, processes=threads)
            return impls

        yield Case("sum", _label(n), n, 8.0 * n, "GB/s", make)


def _sum_axis_cases(quick: bool) -> Iterator[Case]:
    """sum and std over one axis of 8e6-element float64 arrays (quick: 8e5):
    short rows, long rows, and columns, where NumPy's loops differ."""
    n = 10**5 if quick else 10**6
    for shape, axis in (((n, 8), 1), ((n // 10, 80), 1), ((n // 10, 80), 0), ((8, n), 0)):
        x = np.random.default_rng(n + axis).random(shape)
        for fn in ("sum", "std"):

            def make(threads: int, x: np.ndarray = x, fn: str = fn, axis: int = axis) -> Impls:
                return {
                    "numpy": lambda: getattr(np, fn)(x, axis=axis),
                    "gonp": lambda: getattr(gonp, fn)(x, axis=axis),
                }

            yield Case(
                "sum_axis",
                f"{fn}({shape[0]}x{shape[1]}, axis={axis})",
                x.size,
                8.0 * x.size,
                "GB/s",
                make,
                tolerance=1e-9,
            )


def _matmul_cases(quick: bool) -> Iterator[Case]:
    square_n = 500 if quick else 2000
    shapes = [(square_n, square_n, square_n), (10_000, 100, 100)]
    if not quick:
        shapes += [(500, 500, 500), (64, 64, 64)]
    for dtype in (np.float64, np.float32):
        for m, k, n in shapes:
            rng = np.random.default_rng(m + k)
            a = rng.standard_normal((m, k)).astype(dtype)
            b = rng.standard_normal((k, n)).astype(dtype)

            def make(threads: int, a: np.ndarray = a, b: np.ndarray = b) -> Impls:
                impls: Impls = {
                    "numpy": lambda: a @ b,
                    "gonp": lambda: gonp.matmul(a, b),
                }
                if a.dtype == np.float64:
                    impls[POOL] = lambda: matmul_pool.with_pool(a, b, processes=threads)
                return impls

            tol = (1e-12 if dtype == np.float64 else 1e-5) * k
            suffix = "" if dtype == np.float64 else " float32"
            label = f"{m}x{k} @ {k}x{n}{suffix}"
            yield Case(
                "matmul",
                label,
                m * k,
                2.0 * m * k * n,
                "GFLOP/s",
                make,
                tolerance=tol,
                warm=MATMUL_WARM,
            )
    # Stacks of matrices: NumPy loops over the stack, gonp runs it in Go.
    stacks = [((1000, 64, 64), (1000, 64, 64))]
    if not quick:
        stacks.append(((8, 512, 512), (512, 512)))
    for dtype in (np.float64, np.float32):
        for sa, sb in stacks:
            rng = np.random.default_rng(sa[0])
            a = rng.standard_normal(sa).astype(dtype)
            b = rng.standard_normal(sb).astype(dtype)

            def make_stack(threads: int, a: np.ndarray = a, b: np.ndarray = b) -> Impls:
                return {"numpy": lambda: a @ b, "gonp": lambda: gonp.matmul(a, b)}

            flops = 2.0 * sa[0] * sa[-2] * sa[-1] * sb[-1]
            suffix = "" if dtype == np.float64 else " float32"
            label = f"{'x'.join(map(str, sa))} @ {'x'.join(map(str, sb))}{suffix}"
            tol = (1e-12 if dtype == np.float64 else 1e-5) * sa[-1]
            yield Case(
                "matmul",
                label,
                a.size,
                flops,
                "GFLOP/s",
                make_stack,
                tolerance=tol,
                warm=MATMUL_WARM,
            )


def _normalize_cases(quick: bool) -> Iterator[Case]:
    for n in [10**5, 10**6] if quick else [10**6, 10**7]:
        x = np.linspace(0.0, 10.0, n) + np.random.default_rng(n).standard_normal(n)

        def make(threads: int, x: np.ndarray = x) -> Impls:
            impls: Impls = {
                "numpy": lambda: (x - x.mean()) / x.std(),
                "gonp": lambda: gonp.normalize(x),
            }
            if numexpr is not None:
                impls["numexpr"] = lambda: numexpr.evaluate(
                    "(x - m) / s", {"x": x, "m": x.mean(), "s": x.std()}
                )
            if numba is not None:
                impls["numba"] = functools.partial(_numba_fresh, numba_kernels()["normalize"], x)
            impls[POOL] = lambda: normalize_pool.with_pool(x, processes=threads)
            return impls

        yield Case(
            "normalize",
            _label(n),
            n,
            16.0 * n,
            "GB/s",
            make,
            approximate=frozenset({POOL}),
            tolerance=1e-8,
        )


def _standardize_cases(quick: bool) -> Iterator[Case]:
    (f,) = standardize_pool.make_data(quick=quick)  # 1e6x10 (quick: 1e4x10) features
    rows = len(f)

    def make(threads: int) -> Impls:
        impls: Impls = {
            "numpy": lambda: (f - f.mean(axis=0)) / f.std(axis=0),
            "gonp": lambda: gonp.standardize(f),
        }
        if StandardScaler is not None:
            impls["sklearn"] = lambda: StandardScaler().fit_transform(f)
        impls[POOL] = lambda: standardize_pool.with_pool(f, processes=threads)
        return impls

    yield Case(
        "standardize",
        f"{rows}x10",
        f.size,
        16.0 * f.size,
        "GB/s",
        make,
        approximate=frozenset({POOL}),
        tolerance=1e-8,
    )


def _standard_scaler_cases(quick: bool) -> Iterator[Case]:
    """gonp.sklearn.StandardScaler against scikit-learn's, fit_transform of 1e6x10."""
    if StandardScaler is None:
        return
    from gonp.sklearn import StandardScaler as GonpStandardScaler

    (f,) = standardize_pool.make_data(quick=quick)

    def make(threads: int) -> Impls:
        return {
            "numpy": lambda: (f - f.mean(axis=0)) / f.std(axis=0),  # no constant feature
            "gonp": lambda: GonpStandardScaler().fit_transform(f),
            "sklearn": lambda: StandardScaler().fit_transform(f),
        }

    yield Case(
        "standard_scaler", f"{len(f)}x10", f.size, 16.0 * f.size, "GB/s", make, tolerance=1e-8
    )


def _numpy_euclidean(xa: np.ndarray, xb: np.ndarray) -> np.ndarray:
    d2 = (xa * xa).sum(axis=1)[:, None] + (xb * xb).sum(axis=1)[None, :] - 2.0 * (xa @ xb.T)
    return np.sqrt(np.maximum(d2, 0.0))


def _pool_cdist(xa: np.ndarray, xb: np.ndarray, processes: int) -> np.ndarray:
    from multiprocessing import Pool

    with Pool(processes) as pool:
        parts = pool.map(
            functools.partial(cdist_pool.euclidean, xb=xb), np.array_split(xa, processes)
        )
    return np.vstack(parts)


def _cdist_cases(quick: bool) -> Iterator[Case]:
    big = 1000 if quick else 4000
    for n, d, same in ((1000, 2, True), (1000, 64, True), (big, 64, False)):
        rng = np.random.default_rng(n + d)
        xa = rng.standard_normal((n, d))
        xb = xa if same else rng.standard_normal((n, d))

        def make(threads: int, xa: np.ndarray = xa, xb: np.ndarray = xb) -> Impls:
            impls: Impls = {}
            if scipy_cdist is not None:
                impls["scipy"] = lambda: scipy_cdist(xa, xb)
            if euclidean_distances is not None:
                impls["sklearn"] = lambda: euclidean_distances(xa, xb)
            impls["numpy"] = lambda: _numpy_euclidean(xa, xb)
            impls["gonp"] = lambda: gonp.cdist(xa, xb)
            impls[POOL] = lambda: _pool_cdist(xa, xb, threads)
            return impls

        label = f"{n}x{d} vs itself" if same else f"{n}x{d} vs {n}x{d}"
        yield Case(
            "cdist",
            label,
            xa.size,
            8.0 * (xa.size + xb.size + n * n),
            "GB/s",
            make,
            reference="scipy" if scipy_cdist is not None else "numpy",
            tolerance=1e-6,  # dot-product forms lose digits on near-zero distances
        )


def _knn_cases(quick: bool) -> Iterator[Case]:
    """gonp.knn against scikit-learn's brute-force kneighbors (k = 10), and
    gonp.cdist_argmin against pairwise_distances_argmin_min, on 20000x64 vs
    20000x64 (quick: 4000). The distances are compared."""
    if NearestNeighbors is None:
        return
    n, d, k = (4000 if quick else 20000), 64, 10
    rng = np.random.default_rng(n + d + k)
    xa, xb = rng.standard_normal((n, d)), rng.standard_normal((n, d))
    flops = 3.0 * n * n * d  # difference, square, sum per element pair

    def make(threads: int) -> Impls:
        return {
            "gonp": lambda: gonp.knn(xa, xb, k)[0],
            "sklearn": lambda: (
                NearestNeighbors(n_neighbors=k, algorithm="brute").fit(xb).kneighbors(xa)[0]
            ),
        }

    yield Case(
        "knn",
        f"{n}x{d} vs {n}x{d}, k={k}",
        xa.size,
        flops,
        "GFLOP/s",
        make,
        reference="sklearn",
        tolerance=1e-9,
    )

    def make_argmin(threads: int) -> Impls:
        return {
            "gonp": lambda: gonp.cdist_argmin(xa, xb)[1],
            "sklearn": lambda: pairwise_distances_argmin_min(xa, xb)[1],
        }

    yield Case(
        "knn",
        f"{n}x{d} vs {n}x{d}, argmin",
        xa.size,
        flops,
        "GFLOP/s",
        make_argmin,
        reference="sklearn",
        tolerance=1e-9,
    )


# numexpr's spelling of each elementary case (power: x ** 2.5).
ELEMENTARY_EXPR = {
    "exp": "exp(x)",
    "log": "log(x)",
    "power": "x ** 2.5",
    "sin": "sin(x)",
    "cos": "cos(x)",
}

# Argument ranges where they are not [1e-3, 1e3].
ELEMENTARY_RANGE = {"exp": (-80.0, 80.0), "sin": (-100.0, 100.0), "cos": (-100.0, 100.0)}


def _elementary_cases(quick: bool, name: str) -> Iterator[Case]:
    """exp, log, power(x, 2.5), sin or cos on 1e7 float64 and float32 (quick: 1e6).

    Arguments: exp in [-80, 80], sin and cos in [-100, 100], log and power in [1e-3, 1e3].
    """
    n = 10**6 if quick else 10**7
    for dtype in (np.float64, np.float32):
        rng = np.random.default_rng(n)
        low, high = ELEMENTARY_RANGE.get(name, (1e-3, 1e3))
        x = rng.uniform(low, high, n).astype(dtype)
        o = np.empty_like(x)
        gfunc = getattr(gonp, name)
        nfunc = getattr(np, name)
        args: tuple[Any, ...] = (x, dtype(2.5)) if name == "power" else (x,)

        def make(
            threads: int,
            x: np.ndarray = x,
            o: np.ndarray = o,
            args: tuple[Any, ...] = args,
            gfunc: Callable[..., Any] = gfunc,
            nfunc: Callable[..., Any] = nfunc,
        ) -> Impls:
            impls: Impls = {
                "numpy": lambda: nfunc(*args, out=o),
                "gonp": lambda: gfunc(*args, out=o),
            }
            if numexpr is not None:
                expr = ELEMENTARY_EXPR[name]
                impls["numexpr"] = lambda: numexpr.evaluate(expr, {"x": x}, out=o)
            return impls

        tag = "f64" if dtype == np.float64 else "f32"
        yield Case(
            name,
            f"{_label(n)} {tag}",
            n,
            2.0 * x.nbytes,
            "GB/s",
            make,
            # float32: NumPy's own loops err by up to 2 ulp.
            tolerance=1e-9 if dtype == np.float64 else 1e-5,
        )


EVALUATE_EXPR = (
    "2*a + 3*b",
    "a**2 + b**2 + 2*a*b",
    "sin(a)**2 + cos(b)**2",
    "where(a > 0.5, a, b)",
    "sqrt(a*a + b*b)",
    "sum(exp(a))",
)
_EVAL_NUMPY = {
    "sin": np.sin,
    "cos": np.cos,
    "exp": np.exp,
    "sqrt": np.sqrt,
    "where": np.where,
    "sum": np.sum,
}


def _evaluate_cases(quick: bool) -> Iterator[Case]:
    """gonp.evaluate on the issue's expressions (1e5, 1e7 float64; quick: 1e5, 1e6),
    sum((a - b)**2, axis=1) on 1e6x8 and sum(exp(A * B)) on an outer 5000x5000,
    against NumPy's expression and numexpr."""
    for n in (10**5, 10**6 if quick else 10**7):
        rng = np.random.default_rng(n)
        a, b = rng.random(n), rng.random(n)
        for ex in EVALUATE_EXPR:
            yield _evaluate_case(ex, {"a": a, "b": b}, n, f"{ex} {_label(n)}")
    rows = 10**5 if quick else 10**6
    rng = np.random.default_rng(rows)
    names = {"a": rng.random((rows, 8)), "b": rng.random((rows, 8))}
    yield _evaluate_case("sum((a - b)**2, axis=1)", names, rows * 8, f"rows {rows}x8")
    m = 1000 if quick else 5000
    names = {"A": rng.random(m)[:, None], "B": rng.random(m)[None, :]}
    yield _evaluate_case("sum(exp(A * B))", names, m * m, f"outer {m}x{m}", numexpr_ok=False)


@functools.cache
def numba_evaluate_kernels() -> dict[str, Callable[..., Any]]:
    """The evaluate cases as parallel numba loops, one per expression.

    Each takes the operands in the order of its expression's names and
    returns a new array (or a scalar), as the expression does in NumPy.
    """
    assert numba is not None
    njit, prange = numba.njit, numba.prange

    @njit(parallel=True)
    def axpy(a: np.ndarray, b: np.ndarray) -> np.ndarray:  # pragma: no cover - JIT
        out = np.empty_like(a)
        for i in prange(a.size):
            out[i] = 2 * a[i] + 3 * b[i]
        return out

    @njit(parallel=True)
    def poly(a: np.ndarray, b: np.ndarray) -> np.ndarray:  # pragma: no cover - JIT
        out = np.empty_like(a)
        for i in prange(a.size):
            out[i] = a[i] ** 2 + b[i] ** 2 + 2 * a[i] * b[i]
        return out

    @njit(parallel=True)
    def trig(a: np.ndarray, b: np.ndarray) -> np.ndarray:  # pragma: no cover - JIT
        out = np.empty_like(a)
        for i in prange(a.size):
            out[i] = np.sin(a[i]) ** 2 + np.cos(b[i]) ** 2
        return out

    @njit(parallel=True)
    def select(a: np.ndarray, b: np.ndarray) -> np.ndarray:  # pragma: no cover - JIT
        out = np.empty_like(a)
        for i in prange(a.size):
            out[i] = a[i] if a[i] > 0.5 else b[i]
        return out

    @njit(parallel=True)
    def hypot(a: np.ndarray, b: np.ndarray) -> np.ndarray:  # pragma: no cover - JIT
        out = np.empty_like(a)
        for i in prange(a.size):
            out[i] = np.sqrt(a[i] * a[i] + b[i] * b[i])
        return out

    @njit(parallel=True)
    def sumexp(a: np.ndarray, b: np.ndarray) -> float:  # pragma: no cover - JIT
        s = 0.0
        for i in prange(a.size):
            s += np.exp(a[i])
        return s

    @njit(parallel=True)
    def rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:  # pragma: no cover - JIT
        out = np.empty(a.shape[0])
        for i in prange(a.shape[0]):
            s = 0.0
            for j in range(a.shape[1]):
                d = a[i, j] - b[i, j]
                s += d * d
            out[i] = s
        return out

    @njit(parallel=True)
    def outer(A: np.ndarray, B: np.ndarray) -> float:  # pragma: no cover - JIT
        a, b = A[:, 0], B[0, :]
        s = 0.0
        for i in prange(a.size):
            for j in range(b.size):
                s += np.exp(a[i] * b[j])
        return s

    return {
        "2*a + 3*b": axpy,
        "a**2 + b**2 + 2*a*b": poly,
        "sin(a)**2 + cos(b)**2": trig,
        "where(a > 0.5, a, b)": select,
        "sqrt(a*a + b*b)": hypot,
        "sum(exp(a))": sumexp,
        "sum((a - b)**2, axis=1)": rows,
        "sum(exp(A * B))": outer,
    }


def _evaluate_case(
    ex: str, names: dict[str, np.ndarray], n: int, label: str, numexpr_ok: bool = True
) -> Case:
    def make(threads: int) -> Impls:
        env = {"__builtins__": {}, **_EVAL_NUMPY}
        impls: Impls = {
            "numpy": lambda: eval(ex, env, names),
            "gonp": lambda: gonp.evaluate(ex, local_dict=names),
        }
        if numexpr is not None and numexpr_ok:
            impls["numexpr"] = lambda: numexpr.evaluate(ex, local_dict=names)
        if numba is not None:
            kernel = numba_evaluate_kernels()[ex]
            operands = list(names.values())
            impls["numba"] = lambda: kernel(*operands)
        return impls

    nbytes = float(sum(v.nbytes for v in names.values()))
    return Case("evaluate", label, n, nbytes, "GB/s", make, tolerance=1e-9)


def cases(ops: list[str], quick: bool) -> Iterator[Case]:
    """Yield the cases of the selected operations, making inputs one case at a time.

    Parameters
    ----------
    ops : list of str
        Operations to include (a subset of ``OPS``).
    quick : bool
        Small sizes only, for a short run.
    """
    makers: dict[str, Callable[[], Iterator[Case]]] = {
        "square": lambda: _square_cases(quick, out=False),
        "square_out": lambda: _square_cases(quick, out=True),
        "sum": lambda: _sum_cases(quick),
        "sum_axis": lambda: _sum_axis_cases(quick),
        "matmul": lambda: _matmul_cases(quick),
        "normalize": lambda: _normalize_cases(quick),
        "standardize": lambda: _standardize_cases(quick),
        "standard_scaler": lambda: _standard_scaler_cases(quick),
        "cdist": lambda: _cdist_cases(quick),
        "knn": lambda: _knn_cases(quick),
        **{name: (lambda name=name: _elementary_cases(quick, name)) for name in ELEMENTARY_EXPR},
        "evaluate": lambda: _evaluate_cases(quick),
    }
    for op in OPS:
        if op in ops:
            yield from makers[op]()
