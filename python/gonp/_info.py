"""``gonp.show_config()`` and ``python -m gonp info``: what this gonp is built
and running with."""

from __future__ import annotations

import json
import os
import platform
import sys
from importlib import metadata
from typing import Any, TextIO

# CPU features the Go kernels can use, as /proc/cpuinfo names them.
_CPU_FLAGS = (
    "sse4_2",
    "avx",
    "avx2",
    "fma",
    "avx512f",
    "avx512bw",
    "avx512dq",
    "avx512vl",
    "avx512_bf16",
)
_OPTIONAL = ("numpy", "scipy", "scikit-learn", "threadpoolctl", "dask", "distributed")


def _cpu() -> tuple[str, list[str]]:
    """Return the CPU model and which of ``_CPU_FLAGS`` it has (Linux)."""
    model, flags = platform.processor() or platform.machine(), set()
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                elif line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    break
    except OSError:
        pass
    return model, [f for f in _CPU_FLAGS if f in flags]


def _threads_source() -> str:
    if os.environ.get("GONP_NUM_THREADS"):
        return "GONP_NUM_THREADS"
    from gonp._config import _omp_threads

    if _omp_threads() is not None:
        return "OMP_NUM_THREADS"
    return "usable CPUs"


def config() -> dict[str, Any]:
    """Return gonp's build and run-time facts as a JSON-friendly dict.

    Loads the Go library if it is not loaded (which starts the Go runtime);
    if it cannot be loaded, ``go`` holds the error and the rest is still
    filled in.

    Returns
    -------
    dict
        ``gonp`` (version, library path), ``go`` (Go version, OS/arch, SIMD
        path in use and the best the CPU allows), ``cpu`` (model, usable CPUs,
        SIMD features), ``threads`` (per-call count and where it came from),
        ``thresholds`` (sizes below which calls go to NumPy), ``python`` and
        ``packages`` (versions of the optional companions, None if absent).

    Examples
    --------
    >>> import gonp
    >>> facts = gonp.show_config(mode="dicts")
    >>> facts["threads"]["num_threads"] == gonp.get_num_threads()
    True
    >>> sorted(facts["thresholds"]) == sorted(gonp._config.DEFAULT_THRESHOLDS)
    True
    """
    import gonp
    from gonp import _config, _lib

    go: dict[str, Any]
    try:
        go = dict(_lib.info()) if _lib.available() else {"error": "fork child: NumPy only"}
    except Exception as e:  # report the missing library instead of failing
        go = {"error": f"{type(e).__name__}: {e}"}
    model, flags = _cpu()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    packages: dict[str, str | None] = {}
    for name in _OPTIONAL:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    path = _lib.library_path()
    return {
        "gonp": {
            "version": gonp.__version__,
            "library": str(path),
            "library_exists": path.is_file(),
            "library_loaded": _lib.loaded(),
        },
        "go": go,
        "cpu": {
            "model": model,
            "logical_cpus": os.cpu_count(),
            "usable_cpus": usable,
            "simd_features": flags,
        },
        "threads": {"num_threads": _config.get_num_threads(), "source": _threads_source()},
        "thresholds": {k: _config.get_threshold(k) for k in _config.DEFAULT_THRESHOLDS},
        "python": {"version": platform.python_version(), "executable": sys.executable},
        "packages": packages,
    }


def show_config(mode: str = "stdout", file: TextIO | None = None) -> dict[str, Any] | None:
    """Print (or return) gonp's build and run-time configuration.

    Like ``numpy.show_config``: the gonp and Go versions, the SIMD path in
    use and what the CPU has, the thread count and where it came from, the
    small-array thresholds, the library's path and the optional packages.

    Parameters
    ----------
    mode : {"stdout", "dicts", "json"}, optional
        Print readable text, return the dict (see :func:`gonp._info.config`),
        or print JSON.
    file : file-like, optional
        Where to print (default ``sys.stdout``).

    Returns
    -------
    dict or None
        The facts with ``mode="dicts"``, else None.

    Raises
    ------
    ValueError
        If ``mode`` is not one of the three.

    Examples
    --------
    >>> import gonp
    >>> gonp.show_config(mode="dicts")["gonp"]["version"] == gonp.__version__
    True
    """
    if mode not in ("stdout", "dicts", "json"):
        raise ValueError(f"mode must be 'stdout', 'dicts' or 'json', got {mode!r}")
    facts = config()
    if mode == "dicts":
        return facts
    out = file if file is not None else sys.stdout
    if mode == "json":
        print(json.dumps(facts, indent=2), file=out)
        return None
    for section, values in facts.items():
        print(f"{section}:", file=out)
        for key, value in values.items():
            if isinstance(value, list):
                value = " ".join(value) or "-"
            print(f"  {key:<16} {value}", file=out)
    return None
