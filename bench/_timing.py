"""Round-robin timing: every implementation of a case is timed in each repeat.

Noise on a shared machine comes in bursts (another process compiling, a
frequency change). Timing implementation A ten times and then B ten times
lets a burst land on one of them only; taking one sample of each in turn,
starting with a different one each repeat, spreads it over all alike.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_LOOPS = 100_000


@dataclass
class Measurement:
    """Per-call times of one implementation in one case.

    Attributes
    ----------
    samples : list of float
        Seconds per call, one entry per repeat (each the mean of ``loops`` calls).
    loops : int
        Calls per sample (more than one for calls too short to time singly).
    result : object
        What the first call returned (for the correctness check).
    error : str or None
        The exception the implementation raised, if it did; no samples then.
    """

    samples: list[float] = field(default_factory=list)
    loops: int = 1
    result: Any = None
    error: str | None = None

    @property
    def median(self) -> float:
        """Median seconds per call (``nan`` without samples)."""
        return statistics.median(self.samples) if self.samples else math.nan

    @property
    def best(self) -> float:
        """Fastest seconds per call (``nan`` without samples)."""
        return min(self.samples) if self.samples else math.nan


def _time_loops(fn: Callable[[], Any], loops: int) -> float:
    start = time.perf_counter()
    for _ in range(loops):
        fn()
    return (time.perf_counter() - start) / loops


def round_robin(
    impls: Mapping[str, Callable[[], Any]],
    repeats: int,
    slow: frozenset[str] = frozenset(),
    slow_repeats: int = 3,
    min_sample: float = 1e-3,
    warm: float = 0.0,
) -> dict[str, Measurement]:
    """Time zero-argument callables in turn, a sample of each per repeat.

    Parameters
    ----------
    impls : mapping of str to callable
        Implementation name to a zero-argument callable running one call.
    repeats : int
        Samples per implementation.
    slow : frozenset of str
        Implementations that take ``slow_repeats`` samples only and no
        untimed warm-up call (the Pool recipes: start-up is their real cost
        on every call, and each call is long).
    slow_repeats : int
        Samples for the ``slow`` implementations.
    min_sample : float
        Shortest sample in seconds; quicker calls are looped that many times.
    warm : float
        Seconds for which an implementation runs, untimed, right before each
        of its samples, as it would in a loop of calls. A threaded
        implementation timed right after another would otherwise share the
        cores with the other's idle threads: OpenBLAS's poll for about
        2**28 cycles (about 0.1 s) after each call.

    Returns
    -------
    dict of str to Measurement
        One entry per implementation, in the order of ``impls``.
    """
    out: dict[str, Measurement] = {name: Measurement() for name in impls}
    target = {name: (min(slow_repeats, repeats) if name in slow else repeats) for name in impls}

    # An untimed first call: warms caches, JIT-compiles, loads libraries,
    # touches the output's pages, and gives the result to check. The loop
    # count comes from the quickest of it and the calls of 5 ms more (one at
    # least): the first one's duration alone, inflated by all that, gave one
    # implementation a count a tenth of another's on the same work, and
    # samples of two calls read 20 % slower than samples of sixteen.
    for name, fn in impls.items():
        m = out[name]
        try:
            start = time.perf_counter()
            m.result = fn()
            first = time.perf_counter() - start
            if name not in slow:
                # Calls until 5 ms have passed (1 at least, 50 at most).
                calib_end = time.perf_counter() + 5e-3
                for _ in range(50):
                    start = time.perf_counter()
                    fn()
                    first = min(first, time.perf_counter() - start)
                    if start > calib_end:
                        break
        except Exception as e:  # a peer that cannot run this case is reported, not fatal
            m.error = f"{type(e).__name__}: {e}"
            target[name] = 0
            continue
        if name in slow:
            m.samples.append(first)
        else:
            m.loops = max(1, min(MAX_LOOPS, math.ceil(min_sample / max(first, 1e-9))))

    names = list(impls)
    for r in range(max(target.values(), default=0)):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            m = out[name]
            if len(m.samples) < target[name]:
                if warm > 0 and name not in slow:
                    end = time.perf_counter() + warm
                    while time.perf_counter() < end:
                        impls[name]()
                m.samples.append(_time_loops(impls[name], m.loops))
    return out
