"""Packaging: ``python -m build`` makes an sdist with the Go sources and a
wheel with the library; the wheel installs into a fresh venv and works there
with no Go on PATH and no checkout nearby.

Marked ``wheel`` (``pytest -m "not wheel"`` leaves it out). The fresh venv
installs NumPy through pip (from its cache when it is there).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import gonp
import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.wheel, pytest.mark.any_threads]

SMOKE = """
import json, sys
import numpy as np
import gonp
from gonp import _lib
gonp.set_threshold(0)
x = np.linspace(-3.0, 3.0, 10_001)
checks = {
    "square": bool(np.array_equal(gonp.square(x), np.square(x))),
    "sum": bool(np.isclose(gonp.sum(x), np.sum(x), rtol=1e-12, atol=1e-9)),
    "std": bool(np.isclose(gonp.std(x), np.std(x), rtol=1e-12)),
    "matmul": bool(np.allclose(gonp.matmul(x[:100, None], x[None, :50]),
                               x[:100, None] @ x[None, :50], rtol=1e-12)),
}
print(json.dumps({"checks": checks, "file": gonp.__file__, "version": gonp.__version__,
                  "loaded": _lib.loaded(), "simd": gonp.info()["simd"]}))
"""


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)  # type: ignore[call-overload,no-any-return]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel built from it (as ``python -m build`` does)."""
    pytest.importorskip("build")
    if shutil.which("go") is None:
        pytest.skip("building needs the Go toolchain")
    out = tmp_path_factory.mktemp("dist")
    res = _run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        timeout=600,
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    (sdist,) = out.glob("gonp-*.tar.gz")
    (wheel,) = out.glob("gonp-*.whl")
    return {"sdist": sdist, "wheel": wheel}


@pytest.fixture(scope="module")
def venv(dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel (and NumPy) installed."""
    where = tmp_path_factory.mktemp("venv") / "v"
    res = _run([sys.executable, "-m", "venv", str(where)], timeout=120)
    assert res.returncode == 0, res.stderr
    py = where / "bin" / "python"
    res = _run(
        [
            str(py),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(dist["wheel"]),
        ],
        timeout=300,
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return py


def _no_go_env(py: Path) -> dict[str, str]:
    """PATH with the venv and the system's basic folders only, checked to hold no go."""
    path = os.pathsep.join([str(py.parent), "/usr/bin", "/bin"])
    env = {"PATH": path, "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    assert shutil.which("go", path=path) is None, "a go binary is in the basic PATH"
    return env


def test_version_single_sourced(dist: dict[str, Path]) -> None:
    assert dist["wheel"].name.startswith(f"gonp-{gonp.__version__}-")
    assert dist["sdist"].name == f"gonp-{gonp.__version__}.tar.gz"
    text = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'^version\s*=\s*"', text, re.M) is None  # only gonp.__version__ holds it
    assert 'version = { attr = "gonp.__version__" }' in text


def test_sdist_has_go_sources_and_no_library(dist: dict[str, Path]) -> None:
    with tarfile.open(dist["sdist"]) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for need in (
        "go.mod",
        "go.sum",
        "setup.py",
        "pyproject.toml",
        "capi/main.go",
        "capi/gonp.h",
        "python/gonp/__init__.py",
        "python/gonp/py.typed",
        "python/gonp/_examples/_harness.py",
        "parallel/pool.go",
    ):
        assert need in names, need
    assert any(n.startswith("kernels/") and n.endswith(".go") for n in names)
    assert not any(n.endswith(".so") for n in names)


def test_wheel_contents(dist: dict[str, Path]) -> None:
    with zipfile.ZipFile(dist["wheel"]) as z:
        names = set(z.namelist())
    for need in (
        "gonp/libgonp.so",
        "gonp/py.typed",
        "gonp/__main__.py",
        "gonp/demo.py",
        "gonp/_examples/_harness.py",
        "gonp/_examples/square_pool.py",
        "gonp/_dask.py",
        "gonp/sklearn.py",
        "gonp/_threadpool.py",
    ):
        assert need in names, need
    assert not any(n.endswith(".go") for n in names)
    assert "linux_x86_64" in dist["wheel"].name or "manylinux" in dist["wheel"].name
    # gonp._fast uses CPython's limited API: one abi3 module for 3.11 and later.
    assert "-cp311-abi3-" in dist["wheel"].name
    assert sorted(n for n in names if n.endswith(".so")) == [
        "gonp/_fast.abi3.so",
        "gonp/libgonp.so",
    ]
    # The library ships stripped: no symbol table, no DWARF (their section
    # names would sit in the ELF section-name table).
    with zipfile.ZipFile(dist["wheel"]) as z:
        lib = z.read("gonp/libgonp.so")
    assert lib[:4] == b"\x7fELF"
    assert b".symtab" not in lib and b".debug_info" not in lib and b".zdebug" not in lib
    assert b".dynsym" in lib  # the exports stay visible


def test_installed_wheel_works_without_go(venv: Path, tmp_path: Path) -> None:
    env = _no_go_env(venv)
    res = _run([str(venv), "-c", SMOKE], cwd=tmp_path, env=env, timeout=120)
    assert res.returncode == 0, res.stderr[-3000:]
    facts = json.loads(res.stdout.strip().splitlines()[-1])
    assert all(facts["checks"].values()), facts
    assert facts["loaded"] and facts["version"] == gonp.__version__
    assert str(venv.parent.parent) in facts["file"]  # the venv's copy, not the checkout


def test_installed_info_and_demo(venv: Path, tmp_path: Path) -> None:
    env = _no_go_env(venv)
    res = _run([str(venv), "-m", "gonp", "info", "--json"], cwd=tmp_path, env=env, timeout=120)
    assert res.returncode == 0, res.stderr[-3000:]
    info = json.loads(res.stdout)
    assert info["gonp"]["library_exists"] and info["go"]["go_version"].startswith("go")
    assert str(venv.parent.parent) in info["gonp"]["library"]
    res = _run(
        [str(venv), "-m", "gonp", "demo", "--quick", "--only", "square_pool,sum_pool"],
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert "square_pool" in res.stdout and "sum_pool" in res.stdout
    assert "DIFFERS" not in res.stdout
