"""Per-call cost on 100 float64 elements, gonp beside NumPy in one process.

Run ``python bench/callcost.py``. Each figure is the median over interleaved
rounds of the mean time of one call in a tight loop (microseconds), so
noise on a shared machine hits every variant alike.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import gonp
import numpy as np


def per_call_us(
    fns: dict[str, Callable[[], object]], rounds: int = 31, loops: int = 2000
) -> dict[str, float]:
    """Median over ``rounds`` of the mean µs per call of each function, interleaved."""
    samples: dict[str, list[float]] = {k: [] for k in fns}
    for f in fns.values():  # warm up (loads the library, fills caches)
        for _ in range(200):
            f()
    for _ in range(rounds):
        for name, f in fns.items():
            t0 = time.perf_counter()
            for _ in range(loops):
                f()
            samples[name].append((time.perf_counter() - t0) / loops * 1e6)
    return {k: statistics.median(v) for k, v in samples.items()}


def main() -> int:
    x = np.random.default_rng(0).random(100)
    o = np.empty_like(x)

    gonp.set_threshold(None)
    below = per_call_us(
        {
            "numpy square(x, out=o)": lambda: np.square(x, out=o),
            "gonp  square(x, out=o)": lambda: gonp.square(x, out=o),
            "numpy add(x, 1.0)": lambda: np.add(x, 1.0),
            "gonp  add(x, 1.0)": lambda: gonp.add(x, 1.0),
            "numpy sum(x)": lambda: np.sum(x),
            "gonp  sum(x)": lambda: gonp.sum(x),
        }
    )
    gonp.set_threshold(0)
    go = per_call_us(
        {
            "Go: square(x, out=o)": lambda: gonp.square(x, out=o),
            "Go: add(x, 1.0)": lambda: gonp.add(x, 1.0),
            "Go: sum(x)": lambda: gonp.sum(x),
        }
    )
    gonp.set_threshold(None)
    print(f"100 float64 elements, {gonp.get_num_threads()} thread(s); median µs per call")
    for k, v in {**below, **go}.items():
        print(f"  {k:28s} {v:7.3f}")
    for op in ("square(x, out=o)", "add(x, 1.0)", "sum(x)"):
        extra = below["gonp  " + op] - below["numpy " + op]
        print(f"  below-threshold overhead {op:18s} {extra:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
