"""The only module that touches ctypes: loads libgonp and calls its exports.

The library is loaded lazily, on the first call that needs it, because
loading starts the Go runtime. A child created by ``fork()`` after that cannot
use it (the Go runtime's threads do not survive fork), so such a child is told
to use NumPy instead; see :func:`available`.
"""

from __future__ import annotations

import ctypes
import json
import os
import queue
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

# The codes of operations, dtypes, metrics and errors are defined in Go and
# read from the library when it is loaded (gonp_codes); see codes().

_ERRLEN = 4096
_LIBNAME = "libgonp.so"


class GonpArray(ctypes.Structure):
    """The ``gonp_array`` descriptor: borrows an ndarray's memory for one call."""

    _fields_ = [
        ("data", ctypes.c_void_p),
        ("ndim", ctypes.c_int64),
        ("shape", ctypes.c_void_p),  # const int64_t *
        ("strides", ctypes.c_void_p),  # const int64_t *
        ("dtype", ctypes.c_int32),
        ("base", ctypes.c_void_p),  # the buffer the array lives in ...
        ("nbytes", ctypes.c_int64),  # ... [base, base + nbytes)
    ]


_ArrayP = ctypes.POINTER(GonpArray)
_FlagP = ctypes.POINTER(ctypes.c_int32)  # a call's cancel flag (None: none)

# Calls with at least this much work (elements, multiply-adds / 16 for
# distances, multiply-adds / MATMUL_WORK_DIV for matmul: a few
# milliseconds) run so that Ctrl-C interrupts them; see _interruptible.
# Smaller calls, and the compiled short road (gonp._fast, which leaves
# calls this large to this module), pay nothing.
LONG_CALL = 1 << 22

# Elements per unit of work of the operations that take well under a
# nanosecond an element on one core (arithmetic, reductions), by family and
# name; others count one unit an element. Handing a call to the long-call
# thread costs 0.5-0.8 ms on a virtual machine whose idle CPUs the host must
# wake (sum of 6.5e6 float64 on 2 threads: 1.6 ms called directly, 2.3-2.5
# ms through the thread, NumPy 2.2-2.4 ms); with these divisors such calls
# stay direct up to 16M or 32M elements, tens of milliseconds on one core of
# the plain-Go build, so Ctrl-C still lands well within half a second.
# gonp/_fast.c is handed the same table (init_work).
WORK_DIV: dict[str, dict[str, int]] = {
    "unary": {"square": 4, "sqrt": 4, "absolute": 4, "negative": 4},
    "binary": {
        "add": 4,
        "subtract": 4,
        "multiply": 4,
        "divide": 4,
        "maximum": 4,
        "minimum": 4,
    },
    "reduce": {"sum": 8, "mean": 8, "min": 8, "max": 8, "var": 4, "std": 4},
}

# Multiply-adds of matmul per unit of work. The GEMM kernels do 20-50 of
# them a nanosecond per core (the plain-Go one about 2), so a matmul below
# LONG_CALL units (2**28 multiply-adds) holds Ctrl-C back by 5-150 ms at
# most; above it the hand-off to the long-call thread costs 0.1-0.5 ms a
# call, which at 500x500x500 (2 ms on two cores) was a fifth of the call.
# gonp/_fast.c divides by the same number.
MATMUL_WORK_DIV = 64

# The Python exception of each error code's name (NumPy's choice of type).
_EXCEPTIONS: dict[str, type[BaseException]] = {
    "value_error": ValueError,
    "type_error": TypeError,
    "memory_error": MemoryError,
    "internal_error": RuntimeError,
    "cancelled": KeyboardInterrupt,
}


class Codes:
    """The library's codes, by name, as reported by ``gonp_codes``.

    Attributes
    ----------
    ok : int
        The success code.
    exceptions : dict
        Error code -> Python exception type.
    dtypes : dict
        NumPy dtype -> dtype code.
    unary, binary, reduce, metrics : dict
        Name (NumPy ufunc, reduction, scipy metric) -> code.
    reduce_result : dict
        (reduction name, input dtype) -> NumPy's result dtype with no dtype=.
    reduce_accepts : dict
        (reduction name, input dtype) -> the result dtypes the Go reduction
        computes (NumPy's default and, for float input to sum, mean, var and
        std, float64).
    raw : dict
        The table as the library reported it.
    """

    def __init__(self, table: dict[str, dict[str, int]]) -> None:
        self.raw = table
        errors = table["errors"]
        self.ok = errors["ok"]
        self.exceptions = {
            code: _EXCEPTIONS.get(name, RuntimeError) for name, code in errors.items()
        }
        self.dtypes = {np.dtype(name): code for name, code in table["dtypes"].items()}
        self.unary = dict(table["unary"])
        self.binary = dict(table["binary"])
        self.reduce = dict(table["reduce"])
        self.metrics = dict(table["metrics"])
        by_code = {code: dt for dt, code in self.dtypes.items()}

        def key(name: str) -> tuple[str, np.dtype]:
            op, dt = name.split(":")
            return op, np.dtype(dt)

        self.reduce_result = {key(k): by_code[v] for k, v in table["reduce_result"].items()}
        self.reduce_accepts = {
            key(k): frozenset(dt for code, dt in by_code.items() if mask >> code & 1)
            for k, mask in table["reduce_accepts"].items()
        }


def _read_codes(loaded: ctypes.CDLL) -> Codes:
    buf = ctypes.create_string_buffer(_ERRLEN)
    if loaded.gonp_codes(buf, _ERRLEN) != _ok:
        raise RuntimeError("gonp: the library did not report its codes: " + buf.value.decode())
    return Codes(json.loads(buf.value.decode()))


def codes() -> Codes:
    """Return the library's codes, loading the library on first use."""
    if _codes is None:
        lib()
    assert _codes is not None
    return _codes


_lock = threading.Lock()
_lib: ctypes.CDLL | None = None
_codes: Codes | None = None
_ok = 0  # the success code, as the library reports it once loaded
# gonp._fast, the compiled short road into the library for common calls, once
# the library is loaded (None before, or if the module was not built).
fast: Any = None
_runtime_started = False  # set just before loading: loading starts Go
_forked_after_start = False  # this process is a fork() child of one where Go ran
_fork_warned = False


def _after_fork_in_child() -> None:
    # Decided once here, so the per-call check needs no getpid() system call.
    global _lock, _forked_after_start
    _lock = threading.Lock()
    if _runtime_started:
        _forked_after_start = True


os.register_at_fork(after_in_child=_after_fork_in_child)


def library_path() -> Path:
    """Return the path of the shared library inside the package."""
    override = os.environ.get("GONP_LIBRARY")
    if override:
        return Path(override)
    return Path(__file__).with_name(_LIBNAME)


def _declare(lib: ctypes.CDLL) -> None:
    c_int64, c_int32, c_char_p = ctypes.c_int64, ctypes.c_int32, ctypes.c_char_p
    # Every operation ends with: cancel flag, nthreads, errbuf, errlen.
    tail: list[Any] = [_FlagP, c_int64, c_char_p, c_int64]
    lib.gonp_unary.argtypes = [c_int32, _ArrayP, _ArrayP, *tail]
    lib.gonp_unary.restype = ctypes.c_int
    lib.gonp_binary.argtypes = [c_int32, _ArrayP, _ArrayP, _ArrayP, *tail]
    lib.gonp_binary.restype = ctypes.c_int
    lib.gonp_reduce.argtypes = [
        c_int32,
        _ArrayP,
        c_int64,
        _ArrayP,
        ctypes.c_double,
        *tail,
    ]
    lib.gonp_reduce.restype = ctypes.c_int
    lib.gonp_matmul.argtypes = [_ArrayP, _ArrayP, _ArrayP, *tail]
    lib.gonp_matmul.restype = ctypes.c_int
    lib.gonp_subdiv.argtypes = [_ArrayP, _ArrayP, _ArrayP, _ArrayP, *tail]
    lib.gonp_subdiv.restype = ctypes.c_int
    lib.gonp_cdist.argtypes = [c_int32, _ArrayP, _ArrayP, _ArrayP, *tail]
    lib.gonp_cdist.restype = ctypes.c_int
    lib.gonp_pdist.argtypes = [c_int32, _ArrayP, _ArrayP, *tail]
    lib.gonp_pdist.restype = ctypes.c_int
    lib.gonp_cdist_params.argtypes = [
        c_int32,
        _ArrayP,
        _ArrayP,
        _ArrayP,
        ctypes.c_double,
        _ArrayP,
        *tail,
    ]
    lib.gonp_cdist_params.restype = ctypes.c_int
    lib.gonp_pdist_params.argtypes = [c_int32, _ArrayP, _ArrayP, ctypes.c_double, _ArrayP, *tail]
    lib.gonp_pdist_params.restype = ctypes.c_int
    lib.gonp_knn.argtypes = [c_int32, c_int64, _ArrayP, _ArrayP, _ArrayP, _ArrayP, *tail]
    lib.gonp_knn.restype = ctypes.c_int
    lib.gonp_mean_var.argtypes = [
        _ArrayP,
        c_int64,
        _ArrayP,
        _ArrayP,
        ctypes.c_double,
        *tail,
    ]
    lib.gonp_mean_var.restype = ctypes.c_int
    lib.gonp_codes.argtypes = [c_char_p, c_int64]
    lib.gonp_codes.restype = ctypes.c_int
    lib.gonp_info.argtypes = [c_char_p, c_int64]
    lib.gonp_info.restype = ctypes.c_int
    lib.gonp_set_simd.argtypes = [c_char_p, c_char_p, c_int64]
    lib.gonp_set_simd.restype = ctypes.c_int


def _init_fast(loaded: ctypes.CDLL, c: Codes) -> Any:
    """Import gonp._fast and hand it the library's exports; None if not built."""
    if os.environ.get("GONP_NO_FAST") == "1":
        return None
    try:
        from gonp import _fast  # type: ignore[attr-defined]
    except ImportError:
        return None

    def address(fn: Any) -> int:
        return int(ctypes.cast(fn, ctypes.c_void_p).value or 0)

    _fast.init(
        address(loaded.gonp_unary),
        address(loaded.gonp_binary),
        address(loaded.gonp_reduce),
        c.ok,
        list(c.dtypes.items()),
        c.exceptions,
        LONG_CALL,
    )
    _fast.init_matmul(address(loaded.gonp_matmul))
    _fast.init_work(
        *(
            [(getattr(c, fam)[name], div) for name, div in WORK_DIV[fam].items()]
            for fam in ("unary", "binary", "reduce")
        )
    )
    _fast.init_evaluate(address(loaded.gonp_evaluate))
    return _fast


def available() -> bool:
    """Return whether this process can call into Go.

    False only in a child forked after its parent had loaded the library; the
    first time that happens a RuntimeWarning names the cure.
    """
    global _fork_warned
    if not _forked_after_start:
        return True
    if not _fork_warned:
        _fork_warned = True
        warnings.warn(
            "gonp: this process was forked after gonp's Go runtime had started, and Go "
            "cannot run in a forked child; gonp is using NumPy here. Use the 'spawn' or "
            "'forkserver' multiprocessing start method to get gonp's speed in workers.",
            RuntimeWarning,
            stacklevel=4,
        )
    return False


def forked() -> bool:
    """Return whether this is a fork() child of a process where Go ran."""
    return _forked_after_start


def lib() -> ctypes.CDLL:
    """Return the loaded library, loading it on first use."""
    global _lib, _codes, _ok, _runtime_started, fast
    if _forked_after_start:
        # Calling into the Go runtime inherited through fork() would hang.
        raise RuntimeError(
            "gonp: this process was forked after gonp's Go runtime had started and "
            "cannot call into Go; use the 'spawn' or 'forkserver' start method"
        )
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is None:
            path = library_path()
            if not path.exists():
                raise ImportError(
                    f"gonp's shared library is missing ({path}); reinstall gonp with "
                    "'pip install .' from a checkout (Go must be on PATH to build it)"
                )
            _runtime_started = True
            loaded = ctypes.CDLL(str(path))
            _declare(loaded)
            _codes = _read_codes(loaded)
            _ok = _codes.ok
            fast = _init_fast(loaded, _codes)
            _lib = loaded
    return _lib


def loaded() -> bool:
    """Return whether the Go runtime was started here (or in a forking parent)."""
    return _runtime_started


def go_calls() -> int:
    """Return how many operation calls have entered Go in this process.

    0 while the library is not loaded. The count is read from the library's
    memory without calling into Go, so it also works in a forked child (where
    it stays at the parent's value: nothing runs in Go there).
    """
    if _lib is None:
        return 0
    return int(ctypes.c_int64.in_dll(_lib, "gonp_calls").value)


def _byte_bounds(a: np.ndarray) -> tuple[int, int]:
    """The lowest address ``a`` reaches and the number of bytes up to its end."""
    lo = hi = a.ctypes.data
    if a.size == 0:
        return lo, 0
    for n, s in zip(a.shape, a.strides, strict=True):
        if s < 0:
            lo += s * (n - 1)
        else:
            hi += s * (n - 1)
    return lo, hi + a.itemsize - lo


def extent(a: np.ndarray) -> tuple[int, int]:
    """Return (address, bytes) of the buffer ``a`` lives in.

    The owner's allocation when the chain of bases ends in an array that owns
    its data, the exported buffer of a non-array base (mmap, shared memory,
    bytes), else ``a``'s own byte bounds.
    """
    owner = a
    while True:
        b = owner.base
        if isinstance(b, np.ndarray):
            owner = b
        elif b is not None and isinstance(getattr(b, "base", None), np.ndarray):
            owner = b.base  # as_strided's interface wrapper
        else:
            break
    if owner.flags.owndata:
        return owner.ctypes.data, owner.nbytes
    b = owner.base
    if b is not None:
        try:
            buf = np.frombuffer(b, np.uint8)
        except (TypeError, ValueError):
            pass
        else:
            return buf.ctypes.data, buf.nbytes
    return _byte_bounds(a)


def descriptor(a: np.ndarray) -> GonpArray:
    """Describe ``a`` for the library; the descriptor borrows ``a``'s memory."""
    nd = a.ndim
    dims = (ctypes.c_int64 * (2 * nd))(*a.shape, *a.strides)
    at = ctypes.addressof(dims)
    base, nbytes = extent(a)
    d = GonpArray(a.ctypes.data, nd, at, at + 8 * nd, codes().dtypes[a.dtype], base, nbytes)
    d._keep = (a, dims)  # alive until the call returns
    return d


def _raise(code: int, errbuf: Any) -> None:
    msg = errbuf.value.decode("utf-8", "replace")
    raise codes().exceptions.get(code, RuntimeError)(msg)


_local = threading.local()


def _errbuf() -> Any:
    """This thread's message buffer (Go writes into it only on failure)."""
    try:
        return _local.errbuf
    except AttributeError:
        _local.errbuf = ctypes.create_string_buffer(_ERRLEN)
        return _local.errbuf


def _call(fn: Any, *args: Any, work: int = 0) -> None:
    """Call operation export ``fn``; ``args`` end with nthreads.

    The cancel flag goes in before nthreads.

    A call with ``work`` below LONG_CALL, or made from a thread other than the
    main one (where Python never delivers KeyboardInterrupt), runs here with
    no flag.
    """
    *head, nthreads = args
    if work >= LONG_CALL and threading.current_thread() is threading.main_thread():
        _interruptible(fn, tuple(head), nthreads)
        return
    errbuf = _errbuf()
    code = fn(*head, None, nthreads, errbuf, _ERRLEN)
    if code != _ok:
        _raise(code, errbuf)


# The thread that runs the main thread's long calls (see _interruptible), with
# the process it belongs to (a fork()ed child starts its own) and its queue.
_caller: tuple[int, queue.SimpleQueue[Callable[[], None]]] | None = None
# Long calls in Go now (0 or 1): a KeyboardInterrupt must not leave one
# running, as it would still write into the caller's arrays.
_running = 0


def _serve(jobs: queue.SimpleQueue[Callable[[], None]]) -> None:
    while True:
        jobs.get()()


def _call_queue() -> queue.SimpleQueue[Callable[[], None]]:
    """The queue of the long-call thread, started on first use.

    One thread, kept: a new thread per call costs Go a fresh binding of its
    runtime to that thread, about a millisecond per call on a 5e6-element
    ufunc, where handing work to a waiting thread costs tens of microseconds.
    Only the main thread makes long calls, so one thread serves them all.
    """
    global _caller
    pid = os.getpid()
    if _caller is None or _caller[0] != pid:
        jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        threading.Thread(target=_serve, args=(jobs,), name="gonp-call", daemon=True).start()
        _caller = (pid, jobs)
    return _caller[1]


def _interruptible(fn: Any, args: tuple[Any, ...], nthreads: int) -> None:
    """Run a long call so that Ctrl-C stops it.

    Python runs signal handlers in the main thread only, between bytecodes,
    so a foreign call there would hold KeyboardInterrupt back until it
    returns. The call runs on gonp's long-call thread instead (the GIL
    released, as every ctypes call), while the main thread waits in an
    interruptible wait. When the wait raises (KeyboardInterrupt, or whatever
    a signal handler raised), the call's cancel flag is set, the main thread
    waits for Go to return (its goroutines start no further chunk, so that is
    at most one chunk of work; a second Ctrl-C does not cut this wait short,
    as Go may still be writing into the caller's arrays) and the exception
    propagates. The output is then partly written.
    """
    flag = ctypes.c_int32(0)
    errbuf = ctypes.create_string_buffer(_ERRLEN)
    codes: list[int] = []
    done = threading.Event()

    def run() -> None:
        global _running
        _running += 1
        try:
            codes.append(fn(*args, ctypes.byref(flag), nthreads, errbuf, _ERRLEN))
        finally:
            _running -= 1
            done.set()

    queued = False
    try:
        jobs = _call_queue()
        jobs.put(run)
        queued = True
        # Timed: SIGINT may land on one of Go's threads, which does not wake
        # this wait; Python's handler then runs at the next timeout.
        while not done.wait(0.05):
            pass
    except BaseException:
        flag.value = 1
        while queued and not done.is_set():
            try:
                done.wait()
            except BaseException:  # keep waiting: Go still writes into the arrays
                continue
        raise
    if codes and codes[0] != _ok:
        _raise(codes[0], errbuf)


def unary(op: str, x: np.ndarray, out: np.ndarray, nthreads: int) -> None:
    """out = op(x): same shape and dtype."""
    dx, do = descriptor(x), descriptor(out)
    _call(
        lib().gonp_unary,
        codes().unary[op],
        ctypes.byref(dx),
        ctypes.byref(do),
        nthreads,
        work=out.size // WORK_DIV["unary"].get(op, 1),
    )


def binary(op: str, x: np.ndarray, y: np.ndarray, out: np.ndarray, nthreads: int) -> None:
    """out = op(x, y): operands already broadcast to out's shape and dtype."""
    dx, dy, do = descriptor(x), descriptor(y), descriptor(out)
    _call(
        lib().gonp_binary,
        codes().binary[op],
        ctypes.byref(dx),
        ctypes.byref(dy),
        ctypes.byref(do),
        nthreads,
        work=out.size // WORK_DIV["binary"].get(op, 1),
    )


def reduce(
    op: str, x: np.ndarray, nreduce: int, out: np.ndarray, ddof: float, nthreads: int
) -> None:
    """Reduce the last ``nreduce`` axes of ``x`` into ``out``."""
    dx, do = descriptor(x), descriptor(out)
    _call(
        lib().gonp_reduce,
        codes().reduce[op],
        ctypes.byref(dx),
        nreduce,
        ctypes.byref(do),
        float(ddof),
        nthreads,
        work=x.size // WORK_DIV["reduce"].get(op, 1),
    )


def matmul(a: np.ndarray, b: np.ndarray, out: np.ndarray, nthreads: int) -> None:
    """out = a @ b for float operands of the same dtype (stacks: n-d, batch axes alike)."""
    lib()
    if fast is not None and fast.matmul(a, b, out, nthreads) is not NotImplemented:
        return
    da, db, do = descriptor(a), descriptor(b), descriptor(out)
    _call(
        lib().gonp_matmul,
        ctypes.byref(da),
        ctypes.byref(db),
        ctypes.byref(do),
        nthreads,
        work=out.size * a.shape[-1] // MATMUL_WORK_DIV,
    )


def mean_var(
    x: np.ndarray, nreduce: int, mean: np.ndarray, var: np.ndarray, ddof: float, nthreads: int
) -> None:
    """Mean and variance of x over its last nreduce axes, in one pass."""
    dx, dm, dv = descriptor(x), descriptor(mean), descriptor(var)
    _call(
        lib().gonp_mean_var,
        ctypes.byref(dx),
        nreduce,
        ctypes.byref(dm),
        ctypes.byref(dv),
        float(ddof),
        nthreads,
        work=x.size // WORK_DIV["reduce"]["var"],
    )


def subdiv(x: np.ndarray, sub: np.ndarray, div: np.ndarray, out: np.ndarray, nthreads: int) -> None:
    """out = (x - sub) / div with float64 statistics broadcast to x's shape."""
    ds = [descriptor(a) for a in (x, sub, div, out)]
    _call(lib().gonp_subdiv, *(ctypes.byref(d) for d in ds), nthreads, work=out.size)


_NO_WEIGHTS = np.empty(0)


def cdist(
    metric: str,
    xa: np.ndarray,
    xb: np.ndarray,
    out: np.ndarray,
    nthreads: int,
    p: float = 2.0,
    w: np.ndarray | None = None,
) -> None:
    """out[i, j] = metric(xa[i], xb[j]); p is minkowski's order, w float64
    weights (seuclidean: variances) or None."""
    code = codes().metrics[metric]
    ds = [descriptor(a) for a in (xa, xb, out)]
    work = out.size * xa.shape[-1] // 16
    if w is None and metric in _TILED:
        _call(lib().gonp_cdist, code, *(ctypes.byref(d) for d in ds), nthreads, work=work)
        return
    dw = descriptor(_NO_WEIGHTS if w is None else w)
    _call(
        lib().gonp_cdist_params,
        code,
        *(ctypes.byref(d) for d in ds),
        float(p),
        ctypes.byref(dw),
        nthreads,
        work=work,
    )


def pdist(
    metric: str,
    x: np.ndarray,
    out: np.ndarray,
    nthreads: int,
    p: float = 2.0,
    w: np.ndarray | None = None,
) -> None:
    """Condensed pairwise distances of the rows of x into out (p, w as cdist)."""
    code = codes().metrics[metric]
    dx, do = descriptor(x), descriptor(out)
    work = out.size * x.shape[-1] // 16
    if w is None and metric in _TILED:
        _call(lib().gonp_pdist, code, ctypes.byref(dx), ctypes.byref(do), nthreads, work=work)
        return
    dw = descriptor(_NO_WEIGHTS if w is None else w)
    _call(
        lib().gonp_pdist_params,
        code,
        ctypes.byref(dx),
        ctypes.byref(do),
        float(p),
        ctypes.byref(dw),
        nthreads,
        work=work,
    )


def knn(
    metric: str,
    k: int,
    xa: np.ndarray,
    xb: np.ndarray,
    dist: np.ndarray,
    idx: np.ndarray,
    nthreads: int,
) -> None:
    """The k nearest rows of xb to each row of xa: distances into dist
    (float64) and row numbers into idx (int64), both (len(xa), k), C order."""
    ds = [descriptor(a) for a in (xa, xb, dist, idx)]
    _call(
        lib().gonp_knn,
        codes().metrics[metric],
        k,
        *(ctypes.byref(d) for d in ds),
        nthreads,
        work=xa.shape[0] * xb.shape[0] * xa.shape[-1] // 16,
    )


# The metrics gonp_cdist and gonp_pdist take without parameters.
_TILED = frozenset({"euclidean", "sqeuclidean", "cityblock", "chebyshev", "cosine"})


def info() -> dict[str, Any]:
    """Return the library's build and run-time facts."""
    buf = ctypes.create_string_buffer(_ERRLEN)
    code = lib().gonp_info(buf, _ERRLEN)
    if code != _ok:
        _raise(code, buf)
    return json.loads(buf.value.decode())


def set_simd(level: str) -> None:
    """Force the kernels' SIMD path (lowered to what the CPU supports)."""
    errbuf = _errbuf()
    code = lib().gonp_set_simd(level.encode(), errbuf, _ERRLEN)
    if code != _ok:
        _raise(code, errbuf)
