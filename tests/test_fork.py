"""Children made by fork (after gonp ran in the parent), forkserver, spawn
and a bare os.fork(): each gets correct answers, none hangs, and
gonp._lib.go_calls() proves which path it took (NumPy with one
RuntimeWarning in a child forked after Go started; Go otherwise)."""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import subprocess
import sys
import time
import warnings

import gonp
import numpy as np
import pytest
from gonp import _lib

pytestmark = pytest.mark.any_threads

needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="os.fork does not exist on this platform"
)


def _work() -> dict[str, object]:
    """Compute in the child; report results, Go calls made and warnings."""
    gonp.set_threshold(0)
    x = np.arange(100_000.0)
    m = np.arange(1200.0).reshape(40, 30)
    before = _lib.go_calls()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ok = bool(np.array_equal(gonp.square(x), x * x))
        ok = ok and float(gonp.sum(x)) == float(np.sum(x))
        ok = ok and bool(np.allclose(gonp.mean(m, axis=0), m.mean(axis=0), rtol=1e-14))
        ok = ok and bool(np.array_equal(gonp.matmul(m[:4], m[:4].T), m[:4] @ m[:4].T))
    runtime = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return {"ok": ok, "go_calls": _lib.go_calls() - before, "warnings": runtime}


def _child(q: mp.Queue) -> None:
    q.put(_work())


def _run_in(method: str) -> dict[str, object]:
    ctx = mp.get_context(method)
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(q,))
    p.start()
    try:
        res = q.get(timeout=120)
    finally:
        p.join(timeout=60)
        if p.is_alive():
            p.kill()
    assert p.exitcode == 0, f"{method} child exit code {p.exitcode}"
    return res


@needs_fork
@pytest.mark.go
def test_fork_after_gonp_ran_uses_numpy_with_one_warning() -> None:
    gonp.square(np.ones(10))  # the Go runtime now runs in this process
    assert _lib.loaded()
    res = _run_in("fork")
    assert res["ok"]
    assert res["go_calls"] == 0  # the child never entered Go
    assert len(res["warnings"]) == 1 and "spawn" in res["warnings"][0]


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
@pytest.mark.anypath
def test_fresh_interpreter_children_use_go(method: str) -> None:
    if method not in mp.get_all_start_methods():
        pytest.skip(f"the {method} start method does not exist on this platform")
    gonp.square(np.ones(10))  # Go started in the parent too; it must not matter
    res = _run_in(method)
    assert res["ok"]
    assert res["go_calls"] >= 4  # every operation ran in Go
    assert res["warnings"] == []


def _bare_fork() -> dict[str, object]:
    """os.fork(); the child sends _work()'s report through a pipe."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never return into pytest
        code = 1
        try:
            os.close(r)
            os.write(w, pickle.dumps(_work()))
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    deadline = time.monotonic() + 120
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("a child made by os.fork() hung")
        time.sleep(0.01)
    with os.fdopen(r, "rb") as f:
        data = f.read()
    assert os.waitstatus_to_exitcode(status) == 0
    return pickle.loads(data)


@needs_fork
@pytest.mark.go
def test_bare_os_fork_after_gonp_ran_uses_numpy() -> None:
    gonp.square(np.ones(10))
    res = _bare_fork()
    assert res["ok"]
    assert res["go_calls"] == 0
    assert len(res["warnings"]) == 1


@needs_fork
@pytest.mark.anypath
def test_bare_os_fork_before_go_started_uses_go() -> None:
    # A parent that imported gonp but never loaded the library: the child
    # starts Go itself. Run in a fresh interpreter, whose Go is not running.
    code = (
        "import os, pickle, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "import gonp, test_fork\n"
        "from gonp import _lib\n"
        "assert not _lib.loaded()\n"
        "res = test_fork._bare_fork()\n"
        "print(res['ok'], res['go_calls'], len(res['warnings']))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, os.path.dirname(__file__)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr
    ok, calls, nwarn = out.stdout.split()
    assert ok == "True" and int(calls) >= 4 and nwarn == "0"
