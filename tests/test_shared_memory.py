"""In-place, zero-copy work on shared and file-backed memory."""

from __future__ import annotations

import multiprocessing as mp
from multiprocessing import shared_memory
from pathlib import Path

import gonp
import numpy as np


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
