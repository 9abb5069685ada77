"""Draw PNG plots from ``bench/run.py`` reports (needs matplotlib; skips without it).

Run ``python bench/plot.py [REPORT.json ...] [--out DIR]`` (default: every
``bench/results/*.json``). It writes one PNG per operation family
(``family-<name>.png``: time per call against size, gonp against NumPy and
the peers, a panel per operation, at the largest thread count measured) and
one overview (``overview.png``: NumPy's time over gonp's against size for
every operation, from the cases and from the crossover search). A family
whose operations were each measured at one or two sizes gets a bar chart of
each implementation's time relative to gonp instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"

# Operation (a bench/_cases.py op or a crossover probe) -> family.
FAMILIES: dict[str, str] = {
    "square": "elementwise",
    "square_out": "elementwise",
    "add_out": "elementwise",
    "add_scalar": "elementwise",
    "exp": "elementary functions",
    "exp_out": "elementary functions",
    "log": "elementary functions",
    "sin": "elementary functions",
    "sin_out": "elementary functions",
    "log_out": "elementary functions",
    "power_out": "elementary functions",
    "cos": "elementary functions",
    "power": "elementary functions",
    "sum": "reductions",
    "mean": "reductions",
    "sum_axis0": "reductions",
    "matmul": "matmul",
    "normalize": "statistics",
    "standardize": "statistics",
    "standard_scaler": "statistics",
    "cdist": "distances",
    "knn": "distances",
    "evaluate": "expressions",
}


GO_PATH = " [threshold 0]"  # suffix of the crossover search's operations


def family_of(op: str) -> str:
    """The family an operation is drawn with (its own name if unknown)."""
    base = op.removesuffix(GO_PATH).removesuffix(" f32")
    return FAMILIES.get(base, base)


def crossover_records(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The crossover search of a report as result records (impls gonp and numpy).

    Their operations carry the suffix GO_PATH: gonp was timed with its
    threshold at 0, where the cases time gonp as shipped.
    """
    probes = report.get("crossover", {}).get("probes", {})
    out = []
    for name, r in probes.items():
        for impl, key in (("gonp", "gonp_s"), ("numpy", "numpy_s")):
            out += [
                {
                    "op": name + GO_PATH,
                    "case": f"n={n}",
                    "impl": impl,
                    "threads": r["threads"],
                    "size": n,
                    "median_s": t,
                    "ratio": None,
                    "rate": None,
                    "unit": None,
                }
                for n, t in zip(r["sizes"], r[key], strict=True)
            ]
    return out


def by_op(results: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Group result records by operation, keeping only those with a time."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        if r.get("median_s") is not None:
            groups[r["op"]].append(r)
    return dict(groups)


def _slug(name: str) -> str:
    return name.replace(" ", "-")


def plot_ratios(plt: Any, op: str, records: list[dict[str, Any]], out: Path) -> Path:
    """Bars: each implementation's median over gonp's, per case and thread count."""
    keys = list(dict.fromkeys((r["case"], r["threads"]) for r in records))
    impls = [i for i in dict.fromkeys(r["impl"] for r in records) if i != "gonp"]
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(keys) * max(1, len(impls)) / 2), 4))
    width = 0.8 / max(1, len(impls))
    for j, impl in enumerate(impls):
        heights = []
        for case, t in keys:
            match = [
                r for r in records if r["impl"] == impl and r["case"] == case and r["threads"] == t
            ]
            heights.append(match[0]["ratio"] if match and match[0]["ratio"] else 0.0)
        xs = [i + (j - (len(impls) - 1) / 2) * width for i in range(len(keys))]
        ax.bar(xs, heights, width, label=impl)
    ax.axhline(1.0, color="black", linewidth=1)
    ax.set_yscale("log")
    ax.set_xticks(range(len(keys)), [f"{c}\n{t} thr." for c, t in keys], fontsize="small")
    ax.set_ylabel("median / gonp median (above 1: gonp faster)")
    ax.set_title(op)
    ax.legend(fontsize="small")
    fig.tight_layout()
    path = out / f"family-{_slug(op)}.png"
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return path


def plot_family(plt: Any, family: str, records: list[dict[str, Any]], out: Path) -> Path:
    """Time against size: a panel per operation, a line per implementation.

    Only the largest thread count measured for each operation is drawn; gonp
    is the thick line.
    """
    ops = list(dict.fromkeys(r["op"] for r in records))
    cols = min(3, len(ops))
    rows = -(-len(ops) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.8 * rows), squeeze=False)
    for ax, op in zip(axes.flat, ops, strict=False):
        rs = [r for r in records if r["op"] == op]
        t = max(r["threads"] for r in rs)
        for impl in dict.fromkeys(r["impl"] for r in rs):
            line = sorted(
                (r for r in rs if r["impl"] == impl and r["threads"] == t), key=lambda r: r["size"]
            )
            if not line:
                continue
            style = {"linewidth": 2.5, "color": "black"} if impl == "gonp" else {"linewidth": 1.2}
            ax.plot(
                [r["size"] for r in line],
                [r["median_s"] for r in line],
                "o-",
                label=impl,
                markersize=3,
                **style,
            )
        ax.set(xscale="log", yscale="log", xlabel="elements", ylabel="seconds per call")
        ax.set_title(f"{op} ({t} thread{'s' if t > 1 else ''})", fontsize="medium")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize="x-small")
    for ax in axes.flat[len(ops) :]:
        ax.set_visible(False)
    fig.suptitle(family)
    fig.tight_layout()
    path = out / f"family-{_slug(family)}.png"
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return path


def speedups(records: list[dict[str, Any]]) -> dict[str, list[tuple[int, float]]]:
    """Per operation (f32 cases apart): (size, NumPy median / gonp median) at the most threads."""
    out: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for op in dict.fromkeys(r["op"] for r in records):
        rs = [r for r in records if r["op"] == op]
        t = max(r["threads"] for r in rs)
        by_key: dict[tuple[str, int], dict[str, float]] = defaultdict(dict)
        for r in rs:
            if r["threads"] == t:
                by_key[(r["case"], r["size"])][r["impl"]] = r["median_s"]
        for (case, size), times in by_key.items():
            if "gonp" in times and "numpy" in times and times["gonp"] > 0:
                line = f"{op} f32" if case.endswith("f32") else op
                out[line].append((size, times["numpy"] / times["gonp"]))
    return {op: sorted(v) for op, v in out.items() if v}


def plot_overview(plt: Any, records: list[dict[str, Any]], out: Path) -> Path:
    """NumPy's time over gonp's against size, a panel per family, a line per operation."""
    from matplotlib import ticker

    ratios = speedups(records)
    families = list(dict.fromkeys(family_of(op) for op in ratios))
    cols = min(3, len(families))
    rows = -(-len(families) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.5 * rows), squeeze=False)
    for ax, fam in zip(axes.flat, families, strict=False):
        for op, pts in ratios.items():
            if family_of(op) == fam:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], "o-", markersize=3, label=op)
        ax.axhline(1.0, color="black", linewidth=1)
        ax.set(xscale="log", yscale="log", xlabel="elements", ylabel="NumPy time / gonp time")
        ax.yaxis.set_major_formatter(ticker.ScalarFormatter())
        ax.yaxis.set_minor_formatter(ticker.NullFormatter())
        ax.set_title(fam, fontsize="medium")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize="x-small")
    for ax in axes.flat[len(families) :]:
        ax.set_visible(False)
    fig.suptitle("above 1: gonp faster than NumPy")
    fig.tight_layout()
    path = out / "overview.png"
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Draw a PNG per family and an overview next to the reports (or into ``--out``).

    Returns
    -------
    int
        0, also when matplotlib is missing (a note is printed instead).
    """
    p = argparse.ArgumentParser(description="Plot bench/run.py JSON reports.")
    p.add_argument("reports", nargs="*", type=Path, help="default: bench/results/*.json")
    p.add_argument("--out", type=Path, help="folder for the PNGs (default: bench/results)")
    args = p.parse_args(argv)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench/plot.py: matplotlib is not installed; no plots drawn")
        return 0
    paths = args.reports or sorted(RESULTS.glob("*.json"))
    if not paths:
        print("bench/plot.py: no report found; run bench/run.py first")
        return 0
    reports = sorted(
        (json.loads(path.read_text()) for path in paths), key=lambda r: r.get("created", "")
    )
    # A later report replaces an earlier one's measurement of the same thing.
    latest: dict[tuple[Any, ...], dict[str, Any]] = {}
    for report in reports:
        for r in report.get("results", []) + crossover_records(report):
            latest[(r["op"], r["impl"], r["threads"], r["case"], r["size"])] = r
    records = list(latest.values())
    out = args.out or RESULTS
    out.mkdir(parents=True, exist_ok=True)
    groups = by_op(records)
    for fam in dict.fromkeys(family_of(op) for op in groups):
        fam_records = [r for op, rs in groups.items() if family_of(op) == fam for r in rs]
        if len({r["size"] for r in fam_records}) > 2:
            print(f"wrote {plot_family(plt, fam, fam_records, out)}")
        else:
            print(f"wrote {plot_ratios(plt, fam, fam_records, out)}")
    if speedups([r for rs in groups.values() for r in rs]):
        print(f"wrote {plot_overview(plt, [r for rs in groups.values() for r in rs], out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
