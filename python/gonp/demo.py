"""Run the classic multiprocessing recipes three ways and print one table.

``python -m gonp demo`` (or ``python -m gonp.demo``, ``make demo``) loads the
recipe modules of the repository's ``examples/`` folder, which the package
ships as ``gonp/_examples``, and runs each on the same data with plain
NumPy (or SciPy / scikit-learn), with the ``multiprocessing.Pool`` recipe and
with gonp. It checks that the results agree, reports where a chunked recipe
computes something else, and prints the median times and ratios, with the
machine they were measured on.

The recipes come with the package (a source checkout and an installed wheel
alike); set ``GONP_EXAMPLES`` to use another folder. ``--quick`` uses small data (for CI).
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

import gonp

RECIPES = (
    "square_pool",
    "sum_pool",
    "shared_memory_square",
    "matmul_pool",
    "normalize_pool",
    "standardize_pool",
    "cdist_pool",
)

_HARNESS = "_harness"


@dataclass
class Row:
    """One recipe's line in the table."""

    recipe: str
    data: str
    reference: str
    times: dict[str, float]  # "reference", "pool", "gonp" -> median seconds
    check: str
    failed: bool


def examples_dir() -> Path:
    """Return the folder holding the recipe modules.

    ``GONP_EXAMPLES`` wins; otherwise the ``_examples`` folder inside the
    package (in a checkout, a link to the repository's ``examples/``).

    Raises
    ------
    FileNotFoundError
        If the folder, or its ``_harness.py``, is not there.
    """
    env = os.environ.get("GONP_EXAMPLES")
    where = Path(env) if env else Path(__file__).resolve().with_name("_examples")
    if not (where / f"{_HARNESS}.py").is_file():
        how = "GONP_EXAMPLES" if env else "the gonp package"
        raise FileNotFoundError(
            f"no recipe examples in {where} (from {how}); set GONP_EXAMPLES to the "
            "examples/ folder of a gonp source checkout"
        )
    return where


def load_recipes(folder: Path, names: Sequence[str]) -> tuple[ModuleType, list[ModuleType]]:
    """Import the harness and the named recipe modules from ``folder``.

    The folder goes on ``sys.path`` so that the recipes' worker functions are
    importable by name, which ``multiprocessing`` needs to pickle them.
    """
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    harness = importlib.import_module(_HARNESS)
    return harness, [importlib.import_module(name) for name in names]


def cpu_model() -> str:
    """Return the CPU model name (from ``/proc/cpuinfo`` where there is one)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info() -> dict[str, Any]:
    """Return the facts a timing needs beside it: CPU, cores, versions, gonp build.

    Returns
    -------
    dict
        ``cpu``, ``logical_cpus``, ``usable_cpus``, ``platform``, ``python``,
        ``numpy``, and ``gonp`` (``gonp.info()``, or ``{"error": ...}`` if the
        Go library cannot be loaded).
    """
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    try:
        go: dict[str, Any] = dict(gonp.info())
    except Exception as e:  # report a missing library, do not hide the timings
        go = {"error": f"{type(e).__name__}: {e}"}
    return {
        "cpu": cpu_model(),
        "logical_cpus": os.cpu_count(),
        "usable_cpus": usable,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "gonp": go,
    }


def _stem(module: ModuleType) -> str:
    """The file name (without .py) of a recipe module."""
    return Path(module.__file__ or module.__name__).stem


def missing_functions(recipe: ModuleType) -> list[str]:
    """Return the gonp functions a recipe needs that this gonp lacks."""
    return [name for name in recipe.GONP_FUNCTIONS if not hasattr(gonp, name)]


def run_recipe(harness: ModuleType, recipe: ModuleType, quick: bool, processes: int) -> Row:
    """Run one recipe three ways and compare each result with the reference."""
    data = recipe.make_data(quick=quick)
    prepare = getattr(recipe, "prepare", None)

    def pool(*d: Any) -> Any:
        return recipe.with_pool(*d, processes=processes)

    # One untimed call each, so that first-call costs (loading the library,
    # first-touch of fresh pages) stay out of the medians. The Pool recipe
    # pays its start-up on every call, which is what it costs its users.
    for fn in (recipe.with_reference, recipe.with_gonp):
        if prepare is not None:
            prepare(*data)
        fn(*data)
    fast, slow = harness.FAST_REPEATS, harness.POOL_REPEATS
    reference = harness.measure(recipe.with_reference, data, fast, prepare)
    recipe_pool = harness.measure(pool, data, slow, prepare)
    go = harness.measure(recipe.with_gonp, data, fast, prepare)

    tol = harness.tolerance(recipe)
    go_err = harness.relative_error(go.result, reference.result)
    pool_err = harness.relative_error(recipe_pool.result, reference.result)
    notes = []
    failed = False
    if go_err > tol:
        notes.append(f"gonp DIFFERS (rel. error {go_err:.2g})")
        failed = True
    if pool_err > tol:
        if recipe.RECIPE_EXACT:
            notes.append(f"Pool recipe DIFFERS (rel. error {pool_err:.2g})")
            failed = True
        else:
            notes.append(f"Pool recipe wrong, as expected (rel. error {pool_err:.2g})")
    return Row(
        recipe=_stem(recipe),
        data=harness.describe_data(data),
        reference=recipe.REFERENCE,
        times={"reference": reference.median, "pool": recipe_pool.median, "gonp": go.median},
        check="; ".join(notes) or "all agree",
        failed=failed,
    )


def format_table(rows: Sequence[Row], format_seconds: Any) -> str:
    """Lay out the rows as a fixed-width text table."""
    header = (
        "recipe",
        "data",
        "plain",
        "plain time",
        "Pool recipe",
        "gonp",
        "plain/gonp",
        "Pool/gonp",
        "results",
    )
    lines = [header]
    for r in rows:
        t = r.times
        lines.append(
            (
                r.recipe,
                r.data,
                r.reference,
                format_seconds(t["reference"]),
                format_seconds(t["pool"]),
                format_seconds(t["gonp"]),
                f"{t['reference'] / t['gonp']:.2f}x",
                f"{t['pool'] / t['gonp']:.1f}x",
                r.check,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    right = {3, 4, 5, 6, 7}
    out = []
    for n, line in enumerate(lines):
        cells = [
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def format_machine(info: dict[str, Any], processes: int) -> str:
    """Describe the machine and the gonp build in a few lines."""
    go = ", ".join(f"{k}={v}" for k, v in info["gonp"].items())
    return "\n".join(
        [
            f"CPU: {info['cpu']}; {info['logical_cpus']} logical CPUs, "
            f"{info['usable_cpus']} usable; Pool of {processes} processes",
            f"Python {info['python']}, NumPy {info['numpy']}, {info['platform']}",
            f"gonp: {go}",
        ]
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    p = argparse.ArgumentParser(
        prog="python -m gonp demo",
        description="Time the classic multiprocessing recipes against NumPy and gonp.",
    )
    p.add_argument("--quick", action="store_true", help="small data, for a short run (CI)")
    p.add_argument(
        "--only",
        metavar="NAMES",
        help=f"comma-separated recipes to run (default: all of {', '.join(RECIPES)})",
    )
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the demo and print its table.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 if gonp agreed with the reference everywhere, 1 otherwise, 2 if the
        examples could not be found or ``--only`` named an unknown recipe.
    """
    args = parse_args(argv)
    names = list(RECIPES)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = sorted(set(names) - set(RECIPES))
        if unknown:
            print(f"gonp.demo: unknown recipe(s) {', '.join(unknown)}", file=sys.stderr)
            return 2
    try:
        harness, recipes = load_recipes(examples_dir(), names)
    except FileNotFoundError as e:
        print(f"gonp.demo: {e}", file=sys.stderr)
        return 2

    processes = harness.pool_size()
    info = machine_info()
    print(format_machine(info, processes))
    print(
        f"data: {'quick (small)' if args.quick else 'full'}; median of "
        f"{harness.FAST_REPEATS} runs ({harness.POOL_REPEATS} for the Pool recipe)\n"
    )

    rows: list[Row] = []
    skipped: list[str] = []
    for recipe in recipes:
        name = _stem(recipe)
        missing = missing_functions(recipe)
        if missing:
            skipped.append(f"{name} (this gonp has no {', '.join(missing)})")
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.append(run_recipe(harness, recipe, args.quick, processes))

    if rows:
        print(format_table(rows, harness.format_seconds))
    print(
        "\nplain/gonp and Pool/gonp: how many times longer the other takes "
        "(above 1: gonp is faster)."
    )
    for recipe in recipes:
        if not recipe.RECIPE_EXACT and _stem(recipe) in {r.recipe for r in rows}:
            print(f"{_stem(recipe)}: {recipe.RECIPE_NOTE}.")
    if skipped:
        print("skipped: " + "; ".join(skipped))
    if "error" in info["gonp"]:
        print("note: the Go library did not load, so gonp's times are NumPy fallbacks.")
    return 1 if any(r.failed for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
