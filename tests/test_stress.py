"""Concurrency stress: 32 Python threads call mixed gonp operations for
GONP_STRESS_SECONDS (default 10) while another thread keeps changing the
thread count; every result is checked, and a deadlock fails the test
instead of hanging it."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

import gonp
import numpy as np
import pytest
from gonp import _lib
from scipy.spatial.distance import cdist as sp_cdist

pytestmark = [pytest.mark.any_threads, pytest.mark.go]

SECONDS = float(os.environ.get("GONP_STRESS_SECONDS", "10"))
NTHREADS = 32


def _cases() -> list[tuple[str, Callable[[], np.ndarray], np.ndarray, float]]:
    """(name, call, expected, rtol): rtol 0 means bit for bit."""
    rng = np.random.default_rng(7)
    x = rng.standard_normal(40_000)
    y = rng.standard_normal(40_000)
    x32 = x.astype(np.float32)
    m = rng.standard_normal((300, 70))
    a = rng.standard_normal((60, 40))
    b = rng.standard_normal((40, 50))
    i64 = rng.integers(-1000, 1000, 50_000)
    return [
        ("square", lambda: gonp.square(x), np.square(x), 0.0),
        ("square32-strided", lambda: gonp.square(x32[::3]), np.square(x32[::3]), 0.0),
        ("add", lambda: gonp.add(x, y), np.add(x, y), 0.0),
        ("multiply-broadcast", lambda: gonp.multiply(m, m[0]), m * m[0], 0.0),
        ("sum", lambda: np.asarray(gonp.sum(x)), np.asarray(np.sum(x)), 1e-13),
        ("sum-int", lambda: np.asarray(gonp.sum(i64)), np.asarray(np.sum(i64)), 0.0),
        ("mean-axis0", lambda: gonp.mean(m, axis=0), np.mean(m, axis=0), 1e-12),
        ("std-axis1", lambda: gonp.std(m, axis=1), np.std(m, axis=1), 1e-12),
        ("max", lambda: np.asarray(gonp.max(m)), np.asarray(np.max(m)), 0.0),
        ("matmul", lambda: gonp.matmul(a, b), a @ b, 1e-12),
        ("cdist", lambda: gonp.cdist(m[:40], m[40:90]), sp_cdist(m[:40], m[40:90]), 1e-12),
        (
            "standardize",
            lambda: gonp.standardize(m, axis=0),
            (m - m.mean(axis=0)) / m.std(axis=0),
            1e-12,
        ),
        ("exp-out", lambda: gonp.exp(x, out=np.empty_like(x)), np.exp(x), 1e-15),
        ("negative", lambda: gonp.negative(x), -x, 0.0),
        ("sqrt-abs", lambda: gonp.sqrt(gonp.abs(y)), np.sqrt(np.abs(y)), 0.0),
    ]


def test_32_threads_mixed_operations_while_thread_count_changes() -> None:
    cases = _cases()
    stop = threading.Event()
    errors: list[str] = []
    calls = [0] * NTHREADS
    changes = 0

    def caller(k: int) -> None:
        i = k
        try:
            while not stop.is_set():
                name, call, want, rtol = cases[i % len(cases)]
                got = call()
                if rtol == 0:
                    ok = got.dtype == want.dtype and np.array_equal(got, want, equal_nan=True)
                else:
                    scale = float(np.max(np.abs(want))) if want.size else 0.0
                    ok = got.dtype == want.dtype and np.allclose(
                        got, want, rtol=rtol, atol=rtol * scale
                    )
                if not ok:
                    errors.append(f"thread {k}: {name} wrong")
                    stop.set()
                calls[k] += 1
                i += 7
        except BaseException as e:
            errors.append(f"thread {k}: {type(e).__name__}: {e}")
            stop.set()

    def changer() -> None:
        nonlocal changes
        counts = [1, 2, 3, 4, 7, 1, 16]
        while not stop.is_set():
            gonp.set_num_threads(counts[changes % len(counts)])
            changes += 1
            stop.wait(0.005)

    old = gonp.get_num_threads()
    go_before = _lib.go_calls()
    threads = [threading.Thread(target=caller, args=(k,), daemon=True) for k in range(NTHREADS)]
    ch = threading.Thread(target=changer, daemon=True)
    t0 = time.monotonic()
    try:
        for t in threads:
            t.start()
        ch.start()
        stop.wait(SECONDS)
        stop.set()
        for t in [*threads, ch]:
            t.join(timeout=120)
        alive = [t.name for t in threads if t.is_alive()]
    finally:
        gonp.set_num_threads(old)
    elapsed = time.monotonic() - t0
    assert not alive, f"threads still in a call after 120 s: {alive} (deadlock?)"
    assert not errors, errors[:5]
    total = sum(calls)
    assert min(calls) > 0 and changes > 1
    assert _lib.go_calls() - go_before >= total  # every checked call ran in Go
    print(
        f"stress: {total} checked calls from {NTHREADS} threads in {elapsed:.1f} s, "
        f"{changes} thread-count changes"
    )
