"""Build gonp: compile the Go core into python/gonp/libgonp.so, then package it.

The Go toolchain (1.26 or newer) must be on PATH. The SIMD kernels are built
with GOEXPERIMENT=simd; set GONP_NO_SIMD=1 to build the plain-Go kernels only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from setuptools import Distribution, Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
LIBNAME = "libgonp.so"


def build_library(dest: Path) -> None:
    """Run ``go build -buildmode=c-shared`` for ./capi into ``dest``."""
    go = shutil.which("go")
    if go is None:
        raise SystemExit(
            "gonp: the Go toolchain is needed to build gonp's core, and 'go' is not on PATH. "
            "Install Go 1.26 or newer (https://go.dev/dl/) and run 'pip install .' again."
        )
    env = dict(os.environ, CGO_ENABLED="1")
    if os.environ.get("GONP_NO_SIMD") != "1":
        experiments = [e for e in env.get("GOEXPERIMENT", "").split(",") if e]
        if "simd" not in experiments:
            experiments.append("simd")
        env["GOEXPERIMENT"] = ",".join(experiments)
    # -s -w: no symbol table or DWARF in the shipped library (panics still
    # carry Go's own function names and lines, which live elsewhere).
    cmd = [
        go,
        "build",
        "-buildmode=c-shared",
        "-trimpath",
        "-buildvcs=false",
        "-ldflags=-s -w",
        "-o",
        str(dest),
        "./capi",
    ]
    print("gonp: " + " ".join(cmd) + f"  (GOEXPERIMENT={env.get('GOEXPERIMENT', '')})")
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    header = dest.with_name("libgonp.h")  # cgo's generated header; gonp.h is the documented one
    if header.exists():
        header.unlink()


class BuildPyWithGo(build_py):
    """build_py that first compiles the Go shared library into the package."""

    def run(self) -> None:
        build_library(ROOT / "python" / "gonp" / LIBNAME)
        super().run()


class BuildExtWithNumpy(build_ext):
    """build_ext that finds NumPy's C headers (for gonp._fast) at build time."""

    def finalize_options(self) -> None:
        super().finalize_options()
        import numpy  # a build requirement (pyproject.toml)

        self.include_dirs.append(numpy.get_include())


# gonp._fast: the short road from Python into libgonp for common calls; it
# reads the ndarray structs through NumPy's C API and calls the library's
# exports through pointers that gonp._lib hands over when it loads libgonp.
#
# It is built against CPython's limited API (3.11 and later), so one wheel,
# tagged cp311-abi3, serves every CPython from 3.11 on: the calls it makes
# per operation (argument parsing, reference counts, NumPy's inline
# accessors) are the same under the limited API, and bench/callcost.py
# measures the same per-call cost either way.
LIMITED_API = 0x030B0000
FAST = Extension(
    "gonp._fast",
    sources=["python/gonp/_fast.c"],
    include_dirs=["capi"],
    extra_compile_args=["-O2", "-std=c11"],
    define_macros=[("Py_LIMITED_API", str(LIMITED_API))],
    py_limited_api=True,
)


class BinaryDistribution(Distribution):
    """The wheel holds a native library, so it is platform-specific."""

    def has_ext_modules(self) -> bool:
        return True


setup(
    cmdclass={"build_py": BuildPyWithGo, "build_ext": BuildExtWithNumpy},
    distclass=BinaryDistribution,
    ext_modules=[FAST],
    options={"bdist_wheel": {"py_limited_api": "cp311"}},
)
