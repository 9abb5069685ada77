"""Memory: many calls keep the resident set flat (Go's scratch is pooled
and reused), and slow tests run square, sum and cdist rows on arrays of
more than 2**31 elements (GONP_SLOW=1 and enough free memory)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import gonp
import numpy as np
import pytest
from gonp import _lib

pytestmark = pytest.mark.any_threads


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc for RSS")
@pytest.mark.go
def test_100000_mixed_calls_keep_rss_flat() -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal(300)
    y = rng.standard_normal(300)
    m = rng.standard_normal((20, 15))
    out = np.empty_like(x)
    ops = [
        lambda: gonp.square(x, out=out),
        lambda: gonp.add(x, y),
        lambda: gonp.sum(x),
        lambda: gonp.std(m, axis=0),
        lambda: gonp.matmul(m, m.T),
        lambda: gonp.cdist(m, m[:5]),
        lambda: gonp.pdist(m),
        lambda: gonp.standardize(m, axis=0),
        lambda: gonp.max(m, axis=1),
        lambda: gonp.exp(x),
    ]

    def run(n: int) -> None:
        for i in range(n):
            ops[i % len(ops)]()

    run(20_000)  # warm up: pools, caches, allocator arenas
    gc.collect()
    before, go_before = _rss_bytes(), _lib.go_calls()
    run(100_000)
    gc.collect()
    after = _rss_bytes()
    assert _lib.go_calls() - go_before >= 100_000
    growth = after - before
    print(f"RSS before {before / 2**20:.1f} MiB, after 100000 calls {after / 2**20:.1f} MiB")
    # A leak of even 64 bytes per call would show as 6 MiB.
    assert growth < 4 * 2**20, f"RSS grew by {growth / 2**20:.1f} MiB over 100000 calls"


def _mem_available() -> int:
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


N_BIG = 2**31 + 4099  # float32: 8 GiB and a little

# The tests on more than 2**31 elements take minutes: make test-slow runs them.
slow = pytest.mark.skipif(
    os.environ.get("GONP_SLOW") != "1", reason="slow (minutes, 8 GiB): make test-slow runs it"
)


@slow
@pytest.mark.skipif(_mem_available() < 12 * 2**30, reason="needs 12 GiB of free memory")
@pytest.mark.go
def test_more_than_2_31_elements_square_and_sum() -> None:
    x = np.empty(N_BIG, np.float32)
    chunk = 1 << 26
    pattern = (np.arange(chunk + 7, dtype=np.int64) % 7).astype(np.float32)
    for s in range(0, N_BIG, chunk):  # x[k] = k % 7, written in chunks
        e = min(s + chunk, N_BIG)
        x[s:e] = pattern[s % 7 : s % 7 + (e - s)]
    # sum: exact (whole numbers below 2**53 in the float64 accumulator).
    counts = np.bincount(np.arange(N_BIG % 7), minlength=7) + N_BIG // 7
    want = int(np.dot(counts, np.arange(7)))
    assert float(gonp.sum(x)) == float(np.float32(want))
    # square in place: every element, checked in chunks, including the tail.
    gonp.square(x, out=x)
    for s in range(0, N_BIG, chunk):
        e = min(s + chunk, N_BIG)
        expect = pattern[s % 7 : s % 7 + (e - s)] ** 2
        assert np.array_equal(x[s:e], expect), f"square wrong in [{s}, {e})"
    want_sq = int(np.dot(counts, np.arange(7) ** 2))
    assert float(gonp.sum(x)) == float(np.float32(want_sq))


CDIST_CHILD = r"""
import numpy as np, gonp
gonp.set_threshold(0)
n = 2**25 + 3  # rows of 64: more than 2**31 elements in all
X = np.ones((n, 64), np.float32)
X[-1] = 3.0
d = gonp.cdist(X, X[:2], metric="cityblock")
assert d.shape == (n, 2) and d.dtype == np.float32, (d.shape, d.dtype)
assert not d[:-1].any(), np.flatnonzero(d[:-1])[:10]
assert (d[-1] == np.float32(2.0 * 64)).all(), d[-1]
print("ok")
"""


@slow
@pytest.mark.skipif(_mem_available() < 12 * 2**30, reason="needs 12 GiB of free memory")
@pytest.mark.anypath
def test_cdist_on_more_than_2_31_elements() -> None:
    # In a subprocess: running out of memory in Go is fatal, not an exception.
    res = subprocess.run(
        [sys.executable, "-c", CDIST_CHILD], capture_output=True, text=True, timeout=1200
    )
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr[:3000]


@pytest.mark.go
@pytest.mark.parametrize("metric", ["euclidean", "minkowski"])
def test_distance_rows_too_long_for_scratch_raise_memory_error(metric: str) -> None:
    # Rows of 2**31 elements (a broadcast view of one element, so nothing is
    # allocated here) would need gigabytes of packing scratch per thread:
    # MemoryError before any write, and the next call works.
    rows = np.broadcast_to(np.float32(1.0), (2, 2**31))
    out = np.full((2, 2), -1.0, np.float32)
    kwargs = {"p": 3.0} if metric == "minkowski" else {}
    with pytest.raises(MemoryError, match="scratch"):
        gonp.cdist(rows, rows, metric, out=out, **kwargs)
    with pytest.raises(MemoryError, match="scratch"):
        gonp.pdist(rows, metric, **kwargs)
    assert (out == -1.0).all()
    small = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(gonp.cdist(small, small), [[0, 27**0.5], [27**0.5, 0]])
