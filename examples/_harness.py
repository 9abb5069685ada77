"""Timing and comparison helpers shared by the recipe examples and ``gonp.demo``.

Every recipe module in this folder offers the same names, so that one loop can
run any of them:

``GONP_FUNCTIONS``
    Names of the gonp functions the recipe needs.
``REFERENCE``
    Label of the plain implementation (``"numpy"``, ``"scipy"``, ...).
``RECIPE_EXACT``
    ``False`` where the chunked recipe computes something else than the
    reference (per-chunk statistics); ``RECIPE_NOTE`` then says what.
``TOLERANCE``
    Optional: largest error, relative to the largest reference value, that
    still counts as agreement (default ``DEFAULT_TOLERANCE``).
``make_data(quick=False)``
    A tuple of arguments for the three functions below.
``with_reference(*data)``, ``with_pool(*data, processes=None)``, ``with_gonp(*data)``
    The three ways to compute the result.
``prepare(*data)``
    Optional: restores the data before each timed call (in-place recipes).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

DEFAULT_TOLERANCE = 1e-9
FAST_REPEATS = 5
POOL_REPEATS = 3


def pool_size() -> int:
    """Return the number of worker processes the recipes start (``os.cpu_count()``)."""
    return os.cpu_count() or 1


@dataclass
class Timing:
    """Median wall time of repeated calls plus the first call's result."""

    median: float
    samples: list[float] = field(repr=False)
    result: Any = field(repr=False)


def measure(
    fn: Callable[..., Any],
    data: Sequence[Any],
    repeats: int,
    prepare: Callable[..., None] | None = None,
) -> Timing:
    """Time ``fn(*data)`` ``repeats`` times and keep a copy of the first result.

    Parameters
    ----------
    fn : callable
        The implementation to time.
    data : sequence
        Positional arguments passed to ``fn``.
    repeats : int
        Number of timed calls; the median is reported.
    prepare : callable, optional
        Called with ``*data`` before each call, outside the timed region
        (restores inputs that a recipe overwrites in place).

    Returns
    -------
    Timing
        Median and all samples in seconds, and the first call's result (a
        copy, so that later in-place calls cannot change it).
    """
    samples: list[float] = []
    first: Any = None
    for i in range(repeats):
        if prepare is not None:
            prepare(*data)
        start = time.perf_counter()
        res = fn(*data)
        samples.append(time.perf_counter() - start)
        if i == 0:
            first = np.array(res, copy=True)
    return Timing(statistics.median(samples), samples, first)


def relative_error(result: Any, expected: Any) -> float:
    """Return ``max|result - expected| / max|expected|`` (inf if shapes differ).

    Parameters
    ----------
    result, expected : array_like
        The values to compare.

    Returns
    -------
    float
        The largest absolute difference scaled by the largest reference
        magnitude; ``0.0`` when both are empty.
    """
    r = np.asarray(result, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    if r.shape != e.shape:
        return float("inf")
    if e.size == 0:
        return 0.0
    scale = float(np.max(np.abs(e))) or 1.0
    return float(np.max(np.abs(r - e))) / scale


def tolerance(recipe: ModuleType) -> float:
    """Return the agreement tolerance of a recipe module."""
    return float(getattr(recipe, "TOLERANCE", DEFAULT_TOLERANCE))


def format_seconds(seconds: float) -> str:
    """Format a duration with a unit that keeps three significant digits."""
    if seconds >= 1.0:
        return f"{seconds:.3g} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} us"


def run_example(recipe: ModuleType, quick: bool = False) -> None:
    """Run a recipe module's three forms, check agreement and print times.

    This is the body of every example's ``main()``.

    Parameters
    ----------
    recipe : module
        A recipe module (see this module's docstring for the names it needs).
    quick : bool
        Use the small data set.
    """
    data = recipe.make_data(quick=quick)
    prepare = getattr(recipe, "prepare", None)
    processes = pool_size()
    reference = measure(recipe.with_reference, data, FAST_REPEATS, prepare)
    pool = measure(
        lambda *d: recipe.with_pool(*d, processes=processes), data, POOL_REPEATS, prepare
    )
    go = measure(recipe.with_gonp, data, FAST_REPEATS, prepare)

    tol = tolerance(recipe)
    name = Path(recipe.__file__).stem
    print(f"{name}: {describe_data(data)}, Pool of {processes} processes")
    print(f"  {'':<12} {'median':>10}   {'time/gonp':>9}   result vs {recipe.REFERENCE}")
    rows = [(recipe.REFERENCE, reference), ("Pool recipe", pool), ("gonp", go)]
    for label, t in rows:
        err = relative_error(t.result, reference.result)
        verdict = "agrees" if err <= tol else f"DIFFERS (max rel. error {err:.2g})"
        ratio = t.median / go.median
        print(f"  {label:<12} {format_seconds(t.median):>10}   {ratio:8.1f}x   {verdict}")
    if not recipe.RECIPE_EXACT:
        print(f"  note: {recipe.RECIPE_NOTE}")


def describe_data(data: Sequence[Any]) -> str:
    """Describe the arrays among a recipe's arguments, e.g. ``2000x2000 float64``."""
    parts = []
    for d in data:
        if isinstance(d, np.ndarray):
            shape = "x".join(str(n) for n in d.shape)
            parts.append(f"{shape} {d.dtype}")
    return ", ".join(parts)
