"""Threads, the GIL, fork, environment variables and concurrent callers."""

from __future__ import annotations

import multiprocessing as mp
import os
import subprocess
import sys
import threading
import time
import warnings

import gonp
import numpy as np
import pytest

# Settings, subprocesses and GIL release: nothing here depends on the thread count.
pytestmark = pytest.mark.any_threads


@pytest.mark.numpy
def test_thread_settings_round_trip() -> None:
    old = gonp.set_num_threads(5)
    assert gonp.get_num_threads() == 5
    with gonp.threads(2):
        assert gonp.get_num_threads() == 2
    assert gonp.get_num_threads() == 5
    assert gonp.set_num_threads(old) == 5
    with pytest.raises(ValueError):
        gonp.set_num_threads(0)
    with pytest.raises(TypeError):
        gonp.set_num_threads(2.5)  # type: ignore[arg-type]


def run_python(code: str, **env: str) -> str:
    full = dict(os.environ, **env)
    res = subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=120
    )
    assert res.returncode == 0, res.stderr
    return res.stdout.strip()


def test_env_var_read_lazily() -> None:
    assert run_python("import gonp; print(gonp.get_num_threads())", GONP_NUM_THREADS="7") == "7"
    res = subprocess.run(
        [sys.executable, "-c", "import gonp; gonp.get_num_threads()"],
        env=dict(os.environ, GONP_NUM_THREADS="zero"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode != 0 and "GONP_NUM_THREADS" in res.stderr


def test_import_does_not_load_library() -> None:
    code = "import gonp, gonp._lib as L; print(L.loaded()); gonp.info(); print(L.loaded())"
    assert run_python(code).split() == ["False", "True"]


def test_info() -> None:
    info = gonp.info()
    assert info["go_version"].startswith("go")
    assert info["simd"] in ("generic", "avx2", "avx512")
    assert info["num_threads"] == gonp.get_num_threads()


@pytest.mark.go
def test_call_releases_the_gil() -> None:
    # With a switch interval far longer than the test, a thread holding the
    # GIL keeps it until it blocks. The watcher can then only see `inside`
    # set if the caller let go of the GIL inside a gonp call: an ordering
    # proof that needs no clock. Without the release the caller ends its
    # bounded loop and the watcher never sees the flag.
    a = np.random.default_rng(0).random((200, 200))
    inside = False
    seen = threading.Event()
    caller_done = threading.Event()

    def watcher() -> None:
        while not caller_done.is_set():
            if inside:
                seen.set()
                return
            time.sleep(0)  # blocks briefly, giving the GIL back

    def caller() -> None:
        nonlocal inside
        try:
            for _ in range(2000):
                if seen.is_set():
                    return
                inside = True
                gonp.matmul(a, a)
                inside = False
        finally:
            inside = False
            caller_done.set()

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        w = threading.Thread(target=watcher)
        c = threading.Thread(target=caller)
        w.start()
        c.start()
        c.join()
        w.join()
    finally:
        sys.setswitchinterval(old)
    assert seen.is_set(), "no other Python thread ran while gonp computed"


@pytest.mark.go
def test_concurrent_calls_from_8_threads() -> None:
    rng = np.random.default_rng(1)
    xs = [rng.random(200_000 + i) for i in range(8)]
    mats = [rng.random((120, 80)) for _ in range(8)]
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for _ in range(5):
                np.testing.assert_array_equal(gonp.square(xs[i]), np.square(xs[i]))
                np.testing.assert_allclose(gonp.sum(xs[i]), np.sum(xs[i]), rtol=1e-12)
                np.testing.assert_allclose(
                    gonp.matmul(mats[i], mats[i].T), mats[i] @ mats[i].T, rtol=1e-12
                )
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def _child_square(q: mp.Queue) -> None:
    gonp.set_threshold(0)
    x = np.arange(100_000.0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ok = bool(np.array_equal(gonp.square(x), x * x))
        ok = ok and bool(np.array_equal(gonp.square(x), x * x))
        s = float(gonp.sum(x))
    runtime = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    q.put((ok, s, len(runtime), str(runtime[0].message) if runtime else ""))


@pytest.mark.skipif(
    not hasattr(os, "fork"),
    reason="os.fork does not exist on this platform, so no child can inherit the Go runtime",
)
def test_forked_child_uses_numpy_with_one_warning() -> None:
    gonp.square(np.ones(10))  # the Go runtime is now running in this process
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child_square, args=(q,))
    p.start()
    ok, s, nwarn, msg = q.get(timeout=60)
    p.join(timeout=60)
    assert p.exitcode == 0
    assert ok and s == float(np.arange(100_000.0).sum())
    assert nwarn == 1 and "spawn" in msg


def _spawned_sum(q: mp.Queue) -> None:
    from gonp import _lib

    gonp.set_threshold(0)
    q.put((float(gonp.sum(np.arange(1000.0))), _lib.go_calls()))


def test_spawned_child_uses_go() -> None:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_spawned_sum, args=(q,))
    p.start()
    total, calls = q.get(timeout=120)
    assert total == 499500.0
    assert calls > 0  # the child computed the sum in Go
    p.join(timeout=60)
    assert p.exitcode == 0


@pytest.mark.go
def test_bad_dtype_code_is_a_type_error() -> None:
    # A descriptor that lies about its dtype code is refused by Go's checks
    # (the panic recovery itself is tested in test_panic.py).
    from gonp import _lib

    x = np.ones(4)
    d = _lib.descriptor(x)
    d.dtype = 99
    with pytest.raises(TypeError, match="dtype"):
        _lib._call(_lib.lib().gonp_unary, 0, d, d, 1)
