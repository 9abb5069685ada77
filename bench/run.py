"""gonp's benchmark suite: gonp beside NumPy, the Pool recipe and other peers.

Run ``python bench/run.py`` (``make bench``); ``--quick`` for a short run,
``--only square,sum`` to select operations (see ``--help``). Prints one table
per operation and writes every measurement, the machine, the versions and the
thread counts to ``bench/results/latest.json`` (``bench/plot.py`` draws it).

Within each repeat every implementation of a case runs once, in turn, so
noise on a shared machine hits all alike; the tables show medians. A ratio
is ``other median / gonp median``: above 1 means gonp is faster.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# OpenBLAS's worker threads keep spinning for about 2**28 cycles (a tenth of
# a second here) after each call, taking a core from whatever runs next: in a
# round of interleaved samples, the gonp sample that follows NumPy's matmul
# (or scikit-learn's GEMM-based distances) would share its cores with them.
# 2**4 cycles lets them sleep at once. Set before NumPy loads OpenBLAS; an
# explicit setting is kept.
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")
# Likewise numba's OpenMP workers spin about 8 ms after each parallel loop
# (GNU OpenMP's default 300000 polls); 2000 polls, about 50 us, still covers
# the gap between calls in a loop. gonp's own idle workers spin 1 ms
# (GONP_SPIN); every implementation runs untimed for longer than that before
# each of its samples (Case.warm), so no sample runs beside another
# implementation's polling threads.
os.environ.setdefault("GOMP_SPINCOUNT", "2000")

import _cases
import _harness
import _timing
import gonp
import numpy as np
from gonp.demo import machine_info

RESULTS = Path(__file__).resolve().parent / "results"
EXTRA = ("overhead", "crossover")  # measurements besides the cases, selectable with --only
OVERHEAD_SIZE = 100


def all_threads() -> int:
    """Return the number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check(case: _cases.Case, name: str, m: _timing.Measurement, expected: Any) -> str:
    """Compare one implementation's result with the reference's; return a verdict."""
    if m.error is not None:
        return f"error: {m.error}"
    err = _harness.relative_error(m.result, expected)
    if err <= case.tolerance:
        return "ok"
    if name in case.approximate:
        return f"differs as expected (per-chunk statistics, rel. error {err:.2g})"
    return f"DIFFERS (rel. error {err:.2g})"


def run_case(
    case: _cases.Case, threads: int, repeats: int, slow_repeats: int, pool: bool
) -> list[dict[str, Any]]:
    """Time every implementation of one case with ``threads`` threads; return records."""
    impls = case.make_impls(threads)
    if not pool:
        impls.pop(_cases.POOL, None)
    with _cases.limit_threads(threads):
        measured = _timing.round_robin(
            impls,
            repeats,
            slow=frozenset({_cases.POOL}),
            slow_repeats=slow_repeats,
            warm=case.warm,
        )
    reference = measured.get(case.reference)
    expected = reference.result if reference is not None and reference.error is None else None
    gonp_median = measured["gonp"].median
    records = []
    for name, m in measured.items():
        rate = None
        if case.work is not None and m.samples:
            rate = case.work / m.median / 1e9
        records.append(
            {
                "op": case.op,
                "case": case.label,
                "size": case.size,
                "threads": threads,
                "impl": name,
                "median_s": m.median if m.samples else None,
                "best_s": m.best if m.samples else None,
                "samples": len(m.samples),
                "loops": m.loops,
                "rate": rate,
                "unit": case.unit if rate is not None else None,
                "ratio": m.median / gonp_median if m.samples else None,
                "check": check(case, name, m, expected) if expected is not None else "unchecked",
            }
        )
    return records


def _with_threshold(value: int | None) -> Callable[[], None]:
    """Set gonp's small-array threshold; return a function restoring the old one."""
    old = gonp.set_threshold(value)
    return lambda: gonp.set_threshold(old)


def _overhead_calls(x: np.ndarray, o: np.ndarray) -> dict[str, tuple[Callable, Callable]]:
    """The per-call cases: label -> (NumPy call, gonp call)."""
    return {
        "square(x, out=o)": (lambda: np.square(x, out=o), lambda: gonp.square(x, out=o)),
        "add(x, 1.0)": (lambda: np.add(x, 1.0), lambda: gonp.add(x, 1.0)),
        "sum(x)": (lambda: np.sum(x), lambda: gonp.sum(x)),
    }


def measure_overhead(repeats: int) -> list[dict[str, Any]]:
    """Time one call on ``OVERHEAD_SIZE`` elements: NumPy, gonp as is, gonp forced into Go."""
    x = np.random.default_rng(0).random(OVERHEAD_SIZE)
    o = np.empty_like(x)
    records = []
    for op, (np_call, go_call) in _overhead_calls(x, o).items():
        impls: _cases.Impls = {"numpy": np_call, "gonp": go_call}
        measured = _timing.round_robin(impls, repeats, min_sample=5e-3)
        if hasattr(gonp, "set_threshold"):
            restore = _with_threshold(0)
            try:
                go_path = _timing.round_robin({"gonp (Go path)": go_call}, repeats, min_sample=5e-3)
            finally:
                restore()
            measured.update(go_path)
        for name, m in measured.items():
            records.append(
                {
                    "op": op,
                    "size": OVERHEAD_SIZE,
                    "impl": name,
                    "median_s": m.median,
                    "error": m.error,
                }
            )
    return records


def crossover_sizes(quick: bool) -> list[int]:
    """Sizes probed for the crossover: 100 up to ~2.6e7, x2 (quick: x8 up to ~2.1e6)."""
    factor, steps = (8, 6) if quick else (2, 19)
    return [100 * factor**k for k in range(steps)]


# Probes of the crossover search: for a probed size (the quantity the
# threshold of its kind compares: elements, m*n*k, ...) each builds the
# operands and returns (NumPy call, gonp call). A kind of gonp._config has
# one threshold, so it is probed with every operation family it covers, and
# its threshold must be at least the largest of their crossovers.
Calls = tuple[Callable[[], Any], Callable[[], Any]]


def _vector(n: int) -> np.ndarray:
    return np.random.default_rng(n).random(n)


def _square_out(n: int) -> Calls:
    x, o = _vector(n), np.empty(n)
    return (lambda: np.square(x, out=o)), (lambda: gonp.square(x, out=o))


def _add_out(n: int) -> Calls:
    x, y, o = _vector(n), _vector(n + 1)[:n], np.empty(n)
    return (lambda: np.add(x, y, out=o)), (lambda: gonp.add(x, y, out=o))


def _add_scalar(n: int) -> Calls:
    x = _vector(n)
    return (lambda: np.add(x, 1.0)), (lambda: gonp.add(x, 1.0))


def _exp_out(n: int) -> Calls:
    x, o = _vector(n), np.empty(n)
    return (lambda: np.exp(x, out=o)), (lambda: gonp.exp(x, out=o))


def _log_out(n: int) -> Calls:
    x, o = _vector(n) + 0.5, np.empty(n)
    return (lambda: np.log(x, out=o)), (lambda: gonp.log(x, out=o))


def _power_out(n: int) -> Calls:
    x, o = _vector(n) + 0.5, np.empty(n)
    return (lambda: np.power(x, 2.5, out=o)), (lambda: gonp.power(x, 2.5, out=o))


def _sin_out(n: int) -> Calls:
    x, o = _vector(n) * 10.0, np.empty(n)
    return (lambda: np.sin(x, out=o)), (lambda: gonp.sin(x, out=o))


def _sum(n: int) -> Calls:
    x = _vector(n)
    return (lambda: np.sum(x)), (lambda: gonp.sum(x))


def _mean(n: int) -> Calls:
    x = _vector(n)
    return (lambda: np.mean(x)), (lambda: gonp.mean(x))


def _sum_axis0(n: int) -> Calls:
    x = np.random.default_rng(n).random((max(n // 16, 1), 16))
    return (lambda: np.sum(x, axis=0)), (lambda: gonp.sum(x, axis=0))


def _matmul(n: int) -> Calls:
    s = max(round(n ** (1 / 3)), 1)
    rng = np.random.default_rng(n)
    a, b = rng.random((s, s)), rng.random((s, s))
    return (lambda: a @ b), (lambda: gonp.matmul(a, b))


def _normalize(n: int) -> Calls:
    x = _vector(n)
    return (lambda: (x - x.mean()) / x.std()), (lambda: gonp.normalize(x))


def _standardize(n: int) -> Calls:
    x = np.random.default_rng(n).random((max(n // 10, 1), 10))
    return (
        (lambda: (x - x.mean(axis=0)) / x.std(axis=0)),
        (lambda: gonp.standardize(x, axis=0)),
    )


def _cdist(n: int) -> Calls:
    from scipy.spatial import distance

    d = 16
    m = max(round((n / d) ** 0.5), 1)
    rng = np.random.default_rng(n)
    a, b = rng.random((m, d)), rng.random((m, d))
    return (lambda: distance.cdist(a, b)), (lambda: gonp.cdist(a, b))


def _evaluate(n: int) -> Calls:
    a, b = _vector(n), _vector(n + 1)[:n]
    env = {"a": a, "b": b}
    return (
        (lambda: 2 * a + 3 * b),
        (lambda: gonp.evaluate("2*a + 3*b", local_dict=env)),
    )


# probe name: (threshold kind, what is timed, builder)
PROBES: dict[str, tuple[str, str, Callable[[int], Calls]]] = {
    "square_out": ("elementwise", "square(x, out=o), n elements", _square_out),
    "add_out": ("elementwise", "add(x, y, out=o), n elements", _add_out),
    "add_scalar": ("elementwise", "add(x, 1.0), new output, n elements", _add_scalar),
    "exp_out": ("transcendental", "exp(x, out=o), n elements", _exp_out),
    "log_out": ("transcendental", "log(x, out=o), n elements", _log_out),
    "power_out": ("transcendental", "power(x, 2.5, out=o), n elements", _power_out),
    "sin_out": ("trig", "sin(x, out=o), n elements", _sin_out),
    "sum": ("reduce", "sum(x), n elements", _sum),
    "mean": ("reduce", "mean(x), n elements", _mean),
    "sum_axis0": ("reduce_axis", "sum(x, axis=0) of (n/16, 16)", _sum_axis0),
    "matmul": ("matmul", "s x s @ s x s, n = s**3", _matmul),
    "normalize": ("stats", "normalize(x), n elements", _normalize),
    "standardize": ("stats", "standardize(x, axis=0) of (n/10, 10)", _standardize),
    "cdist": ("distance", "cdist of (m, 16) and (m, 16), n = m*m*16", _cdist),
    "evaluate": ("evaluate", "evaluate('2*a + 3*b'), n elements", _evaluate),
}


# A probed size where gonp is within this factor of NumPy's time counts as a
# tie: at sizes where both are bound by memory bandwidth the two trade places
# run to run, and a tie at the largest size must not hide a clear win below.
TIE = 1.05


def first_win(
    sizes: Sequence[int], numpy_s: Sequence[float], gonp_s: Sequence[float], tie: float = TIE
) -> int | None:
    """The smallest size where gonp is faster and no larger size is lost.

    A larger size is lost when gonp takes more than ``tie`` times NumPy's
    time there; ``tie=1`` asks gonp to be faster at every larger size.
    """
    crossover = None
    for i in reversed(range(len(sizes))):
        if gonp_s[i] < numpy_s[i]:
            crossover = sizes[i]
        elif gonp_s[i] > tie * numpy_s[i]:
            break
    return crossover


def kind_crossovers(probes: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per threshold kind: the largest crossover of its probes (None if one never wins)."""
    kinds: dict[str, dict[str, Any]] = {}
    for name, r in probes.items():
        k = kinds.setdefault(
            r["kind"], {"probes": [], "crossover": 0, "default_threshold": r["default_threshold"]}
        )
        k["probes"].append(name)
        if k["crossover"] is not None:
            k["crossover"] = None if r["crossover"] is None else max(k["crossover"], r["crossover"])
    return kinds


def measure_crossover(quick: bool, repeats: int, threads: int) -> dict[str, Any]:
    """Find, for each probe, the size from which gonp (threshold off) beats NumPy.

    Returns
    -------
    dict
        ``probes``: per probe, its ``kind``, what was timed, ``sizes``, NumPy
        and gonp medians, and ``crossover``, the smallest probed size where
        gonp is faster and no larger size is lost beyond ``TIE`` (``None`` if
        there is none); ``kinds``: per threshold kind, the largest crossover of its
        probes and the default threshold in force; or ``{"skipped": reason}``.
    """
    if not hasattr(gonp, "set_threshold"):
        return {"skipped": "this gonp has no set_threshold"}
    probes: dict[str, Any] = {}
    defaults = getattr(getattr(gonp, "_config", None), "DEFAULT_THRESHOLDS", {})
    restore = _with_threshold(0)
    try:
        with _cases.limit_threads(threads):
            for name, (kind, what, build) in PROBES.items():
                print(f"  crossover {name}", file=sys.stderr, flush=True)
                sizes, numpy_s, gonp_s = [], [], []
                for n in crossover_sizes(quick):
                    try:
                        np_call, go_call = build(n)
                    except ImportError:
                        break  # a peer (scipy) is missing
                    m = _timing.round_robin(
                        {"numpy": np_call, "gonp": go_call},
                        repeats,
                        min_sample=2e-3,
                        # NumPy's BLAS threads poll after its matmul calls.
                        warm=_cases.MATMUL_WARM if kind == "matmul" else _cases.Case.warm,
                    )
                    sizes.append(n)
                    numpy_s.append(m["numpy"].median)
                    gonp_s.append(m["gonp"].median)
                probes[name] = {
                    "kind": kind,
                    "what": what,
                    "threads": threads,
                    "sizes": sizes,
                    "numpy_s": numpy_s,
                    "gonp_s": gonp_s,
                    "crossover": first_win(sizes, numpy_s, gonp_s),
                    "default_threshold": defaults.get(kind),
                }
    finally:
        restore()
    return {"probes": probes, "kinds": kind_crossovers(probes)}


def format_seconds(seconds: float | None) -> str:
    """Format a duration, or ``-`` for none."""
    if seconds is None or math.isnan(seconds):
        return "-"
    return _harness.format_seconds(seconds)


def format_ratio(ratio: float) -> str:
    """Format a ratio with two decimals below 100 and none above."""
    return f"{ratio:.2f}" if ratio < 100 else f"{ratio:.0f}"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 2) -> str:
    """Lay out rows under headers; the first ``left`` columns left-aligned, others right."""
    lines = [list(headers), *[list(r) for r in rows]]
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
    out = []
    for n, line in enumerate(lines):
        cells = [
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def case_tables(records: Sequence[dict[str, Any]]) -> str:
    """One table per operation: a row per (case, threads), a column per implementation."""
    parts = []
    ops = list(dict.fromkeys(r["op"] for r in records))
    for op in ops:
        rs = [r for r in records if r["op"] == op]
        impls = list(dict.fromkeys(r["impl"] for r in rs))
        impls.remove("gonp")
        unit = next((r["unit"] for r in rs if r["unit"]), None)
        headers = ["case", "threads", "gonp", *(f"{i} (x gonp)" for i in impls)]
        if unit:
            headers.append(f"gonp {unit}")
        rows = []
        notes = []
        for key in dict.fromkeys((r["case"], r["threads"]) for r in rs):
            by_impl = {r["impl"]: r for r in rs if (r["case"], r["threads"]) == key}
            go = by_impl["gonp"]
            row = [key[0], str(key[1]), format_seconds(go["median_s"])]
            for i in impls:
                r = by_impl.get(i)
                if r is None or r["median_s"] is None:
                    row.append("-")
                    continue
                mark = "" if r["check"] == "ok" else " *"
                row.append(f"{format_seconds(r['median_s'])} ({format_ratio(r['ratio'])}){mark}")
            if unit:
                row.append(f"{go['rate']:.1f}" if go["rate"] is not None else "-")
            rows.append(row)
            notes += [
                f"  * {key[0]}, {key[1]} thread(s), {r['impl']}: {r['check']}"
                for r in by_impl.values()
                if r["check"] != "ok"
            ]
        parts.append(f"{op}\n" + format_table(headers, rows) + "".join("\n" + n for n in notes))
    return "\n\n".join(parts)


def overhead_table(records: Sequence[dict[str, Any]]) -> str:
    """Table of one-call costs on small arrays."""
    rows = [
        [r["op"], r["impl"], format_seconds(r["median_s"]) if not r["error"] else r["error"]]
        for r in records
    ]
    return f"one call on {OVERHEAD_SIZE} elements\n" + format_table(["op", "impl", "median"], rows)


def crossover_text(result: dict[str, Any]) -> str:
    """Summarize the crossover search: a line per probe, then a table per kind."""
    if "skipped" in result:
        return f"crossover: skipped ({result['skipped']})"
    lines = ["crossover (threshold 0: gonp always calls Go)"]
    for name, r in result["probes"].items():
        c = r["crossover"]
        where = f"from n={c}" if c is not None else "not within the sizes probed"
        pairs = zip(r["sizes"], r["numpy_s"], r["gonp_s"], strict=True)
        ratios = " ".join(f"{n}:{a / b:.2f}" for n, a, b in pairs)
        lines.append(f"  {name} [{r['kind']}: {r['what']}]: gonp beats NumPy {where}")
        lines.append(f"    n:numpy/gonp  {ratios}")
    rows = [
        [
            kind,
            ", ".join(k["probes"]),
            "none" if k["crossover"] is None else str(k["crossover"]),
            str(k["default_threshold"]),
        ]
        for kind, k in result["kinds"].items()
    ]
    threads = next(iter(result["probes"].values()))["threads"] if result["probes"] else "-"
    lines.append(f"\nby threshold kind ({threads} threads)")
    lines.append(
        format_table(["kind", "probes", "crossover (largest)", "default threshold"], rows, left=2)
    )
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    choices = (*_cases.OPS, *EXTRA)
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes and few repeats (CI)")
    p.add_argument("--only", metavar="OPS", help=f"comma-separated subset of: {','.join(choices)}")
    p.add_argument("--threads", metavar="N,M", help="thread counts (default: 1 and all CPUs)")
    p.add_argument("--repeats", type=int, help="samples per implementation (default 7, quick 3)")
    p.add_argument("--no-pool", action="store_true", help="leave out the Pool recipes")
    p.add_argument(
        "--output",
        type=Path,
        default=RESULTS / "latest.json",
        help="JSON file to write (default: bench/results/latest.json)",
    )
    args = p.parse_args(argv)
    args.ops = list(choices)
    if args.only:
        args.ops = [s.strip() for s in args.only.split(",") if s.strip()]
        unknown = sorted(set(args.ops) - set(choices))
        if unknown:
            p.error(f"unknown operation(s) {', '.join(unknown)}; choose from {', '.join(choices)}")
    if args.threads:
        args.thread_counts = sorted({int(t) for t in args.threads.split(",")})
    else:
        args.thread_counts = sorted({1, all_threads()})
    if args.repeats is None:
        args.repeats = 3 if args.quick else 7
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the suite, print its tables and write the JSON report.

    Returns
    -------
    int
        1 if gonp's result differed from the reference anywhere, else 0.
    """
    args = parse_args(argv)
    slow_repeats = 2 if args.quick else 3
    info = machine_info()
    report: dict[str, Any] = {
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "argv": sys.argv[1:] if argv is None else list(argv),
        "quick": args.quick,
        "machine": info,
        "versions": _cases.peer_versions(),
        "thread_counts": args.thread_counts,
        "threads_controlled": {
            "gonp": True,
            "blas": _cases.threadpoolctl is not None,
            "numexpr": _cases.numexpr is not None,
            "numba": _cases.numba is not None,
            "pool": "processes = threads",
        },
        "blas": _cases.blas_info(),
        "repeats": args.repeats,
        "pool_repeats": slow_repeats,
        "ratio": "other median / gonp median (above 1: gonp is faster)",
        "results": [],
        "skipped": [],
    }
    print(f"CPU: {info['cpu']}, {info['usable_cpus']} usable CPUs; gonp: {info['gonp']}")
    if _cases.threadpoolctl is None:
        print("note: threadpoolctl not installed; NumPy's BLAS uses its own thread count")

    case_ops = [op for op in args.ops if op in _cases.OPS]
    for op in list(case_ops):
        name = _cases.GONP_FUNCTION.get(op, op)
        if not hasattr(gonp, name):
            report["skipped"].append(f"{op}: this gonp has no {name}")
            case_ops.remove(op)
    for case in _cases.cases(case_ops, args.quick):
        for threads in args.thread_counts:
            print(f"  {case.op} {case.label}, {threads} thread(s)", file=sys.stderr, flush=True)
            report["results"] += run_case(
                case, threads, args.repeats, slow_repeats, not args.no_pool
            )

    if "overhead" in args.ops:
        report["overhead"] = measure_overhead(args.repeats)
    if "crossover" in args.ops:
        report["crossover"] = measure_crossover(args.quick, args.repeats, max(args.thread_counts))

    print()
    if report["results"]:
        print(case_tables(report["results"]) + "\n")
    if "overhead" in report:
        print(overhead_table(report["overhead"]) + "\n")
    if "crossover" in report:
        print(crossover_text(report["crossover"]) + "\n")
    print("(x gonp) = that median / gonp's median: above 1 means gonp is faster.")
    for s in report["skipped"]:
        print(f"skipped {s}")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=1, default=str) + "\n")
    print(f"wrote {args.output}")
    bad = [
        r
        for r in report["results"]
        if r["impl"] == "gonp" and r["check"] not in ("ok", "unchecked")
    ]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
