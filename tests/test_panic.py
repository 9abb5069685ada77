"""A panic in a Go pool worker becomes a Python exception, and gonp goes on.

The panicking export exists only in a variant of the library built with the
``gonptest`` build tag (capi/testexports.go); the test builds that variant
into a temporary directory and loads it in a subprocess through
``GONP_LIBRARY``, so the shipped library never contains it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.any_threads


@pytest.fixture(scope="module")
def test_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build libgonp with the test-only exports; skip if Go is missing."""
    go = shutil.which("go")
    if go is None or not (ROOT / "capi" / "testexports.go").exists():
        pytest.skip("the Go toolchain (or a source checkout) is needed to build the test library")
    out = tmp_path_factory.mktemp("gonptest") / "libgonp.so"
    env = dict(os.environ, CGO_ENABLED="1", GOEXPERIMENT="simd", GOFLAGS="-buildvcs=false")
    subprocess.run(
        [
            go,
            "build",
            "-tags",
            "gonptest",
            "-buildmode=c-shared",
            "-trimpath",
            "-o",
            str(out),
            "./capi",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


CHILD = r"""
import ctypes
import os
import threading
import numpy as np
import gonp
from gonp import _lib

gonp.set_threshold(0)
lib = _lib.lib()
lib.gonp_test_goroutines.argtypes = [ctypes.c_char_p, ctypes.c_int64]
progress = threading.Event()


def watchdog():
    # A call that does not return within a minute: print where every
    # goroutine waits, and fail instead of hanging.
    while progress.wait(60):
        progress.clear()
    buf = ctypes.create_string_buffer(1 << 20)
    lib.gonp_test_goroutines(buf, 1 << 20)
    print("HANG\n" + buf.value.decode(), flush=True)
    os._exit(3)


threading.Thread(target=watchdog, daemon=True).start()
fn = lib.gonp_test_panic_in_worker
fn.argtypes = [ctypes.c_int64, ctypes.c_void_p, ctypes.c_int64, ctypes.c_char_p, ctypes.c_int64]
fn.restype = ctypes.c_int
x = np.arange(300_000, dtype=np.float64)
solo = 0
for i in range(25):
    progress.set()
    for attempt in range(20):
        try:
            _lib._call(fn, 64, 4)
        except RuntimeError as e:
            msg = str(e)
            break
        # No worker joined the call (all still busy with the last one, on a
        # loaded machine): the caller ran every chunk, and nothing panicked.
        solo += 1
    else:
        raise SystemExit("no exception from a panicking worker in 20 calls")
    assert "deliberate panic in a pool worker" in msg, msg
    # The worker's stack names the export whose loop panicked.
    assert "gonp_test_panic_in_worker.func" in msg, msg
    # The pool still works, on every thread count.
    with gonp.threads(1 + i % 4):
        assert np.array_equal(gonp.square(x), x * x)
        assert gonp.sum(x) == np.sum(x)
        assert np.array_equal(gonp.add(x, x), x + x)
print("survived", i + 1)
print("solo", solo)
"""


def test_panic_in_a_worker_is_an_exception_and_gonp_goes_on(test_library: Path) -> None:
    env = dict(os.environ, GONP_LIBRARY=str(test_library))
    res = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=300
    )
    assert res.returncode == 0, res.stdout[-5000:] + res.stderr
    lines = res.stdout.split("\n")
    assert lines[0].split() == ["survived", "25"], res.stdout
    # Calls that no worker joined are retried; most calls must be joined.
    assert int(lines[1].split()[1]) < 25, res.stdout


def test_shipped_library_has_no_test_exports() -> None:
    from gonp import _lib

    lib = _lib.lib()
    assert not hasattr(lib, "gonp_test_panic_in_worker")
