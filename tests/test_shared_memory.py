"""In-place, zero-copy work on shared and file-backed memory."""

from __future__ import annotations

import multiprocessing as mp
from multiprocessing import shared_memory
from pathlib import Path

import gonp
import numpy as np
import pytest

pytestmark = pytest.mark.go  # every test here must reach Go, unless marked


def test_square_in_place_on_shared_memory() -> None:
    n = 300_001
    shm = shared_memory.SharedMemory(create=True, size=n * 8)
    try:
        a = np.ndarray((n,), dtype=np.float64, buffer=shm.buf)
        a[:] = np.linspace(-3, 3, n)
        want = np.square(a)
        assert gonp.square(a, out=a) is a
        np.testing.assert_array_equal(a, want)
        del a
    finally:
        shm.close()
        shm.unlink()


def test_square_in_place_on_multiprocessing_array() -> None:
    raw = mp.Array("d", 100_000, lock=False)
    v = np.frombuffer(raw, dtype=np.float64)
    v[:] = np.arange(100_000.0)
    gonp.square(v, out=v)
    np.testing.assert_array_equal(np.frombuffer(raw, dtype=np.float64), np.arange(100_000.0) ** 2)


def test_memmap_larger_than_cache(tmp_path: Path) -> None:
    path = tmp_path / "data.f64"
    n = 8_000_000  # 64 MB, well past any cache
    m = np.memmap(path, dtype=np.float64, mode="w+", shape=(n,))
    m[:] = np.arange(n, dtype=np.float64) % 1000
    m.flush()
    want_sum = float(np.sum(m))
    assert gonp.sum(m) == want_sum
    gonp.square(m, out=m)
    m.flush()
    del m
    back = np.memmap(path, dtype=np.float64, mode="r", shape=(n,))
    np.testing.assert_array_equal(back[:2000], (np.arange(2000.0) % 1000) ** 2)
    assert float(np.sum(back)) == float(np.sum((np.arange(n, dtype=np.float64) % 1000) ** 2))


def _read_shared(name: str, n: int, q: mp.Queue) -> None:
    shm = shared_memory.SharedMemory(name=name)
    a = np.ndarray((n,), dtype=np.float64, buffer=shm.buf)
    q.put(float(a.sum()))
    del a
    shm.close()


def test_spawned_process_reads_result_written_in_place() -> None:
    n = 100_000
    shm = shared_memory.SharedMemory(create=True, size=n * 8)
    try:
        a = np.ndarray((n,), dtype=np.float64, buffer=shm.buf)
        a[:] = np.arange(n, dtype=np.float64)
        gonp.square(a, out=a)
        ctx = mp.get_context("spawn")
        q = ctx.Queue()
        p = ctx.Process(target=_read_shared, args=(shm.name, n, q))
        p.start()
        got = q.get(timeout=120)
        p.join(timeout=60)
        assert got == float(np.sum(np.arange(n, dtype=np.float64) ** 2))
        del a
    finally:
        shm.close()
        shm.unlink()


def _exercise_out_functions(flat: np.ndarray, label: str) -> None:
    """Run every function that takes out= with out on ``flat``'s memory."""
    from scipy.spatial.distance import cdist

    rng = np.random.default_rng(8)
    rows, cols = 600, 5
    X = rng.standard_normal((rows, cols)) + 3
    P = rng.standard_normal((cols, 2))
    out = flat[: rows * cols].reshape(rows, cols)
    address = out.__array_interface__["data"][0]
    calls = [
        (lambda o: gonp.square(X, out=o), np.square(X)),
        (lambda o: gonp.add(X, 1.5, out=o), X + 1.5),
        (lambda o: gonp.power(X, 2.0, out=o), X**2.0),
        (lambda o: gonp.normalize(X, axis=0, out=o), (X - X.mean(0)) / X.std(0)),
        (lambda o: gonp.standardize(X, out=o), (X - X.mean(0)) / X.std(0)),
    ]
    for call, want in calls:
        assert call(out) is out, label
        assert out.__array_interface__["data"][0] == address
        np.testing.assert_allclose(out, want, rtol=1e-12, atol=1e-13)
    col = flat[:cols]
    assert gonp.sum(X, axis=0, out=col) is col
    np.testing.assert_allclose(col, X.sum(0), rtol=1e-12)
    m2 = flat[: rows * 2].reshape(rows, 2)
    assert gonp.matmul(X, P, out=m2) is m2
    np.testing.assert_allclose(m2, X @ P, rtol=1e-12)
    d = flat[: rows * 4].reshape(rows, 4)
    assert gonp.cdist(X, X[:4], out=d) is d
    np.testing.assert_allclose(d, cdist(X, X[:4]), rtol=1e-12)


def test_every_out_function_writes_shared_buffers_in_place(tmp_path: Path) -> None:
    n = 3000
    raw = mp.Array("d", n, lock=False)
    _exercise_out_functions(np.frombuffer(raw, dtype=np.float64), "multiprocessing.Array")
    mm = np.memmap(tmp_path / "out.f64", dtype=np.float64, mode="w+", shape=(n,))
    _exercise_out_functions(mm, "memmap")
    del mm
    shm = shared_memory.SharedMemory(create=True, size=n * 8)
    try:
        _exercise_out_functions(np.ndarray((n,), dtype=np.float64, buffer=shm.buf), "SharedMemory")
    finally:
        shm.close()
        shm.unlink()
