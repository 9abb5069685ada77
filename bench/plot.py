"""Draw PNG plots from a ``bench/run.py`` report (needs matplotlib; skips without it).

Run ``python bench/plot.py [bench/results/latest.json] [--out DIR]``. For every
operation measured at several sizes it draws time per call against size (and
throughput where the report has a rate), one panel per thread count; for the
others, a bar chart of each implementation's time relative to gonp. With a
crossover search in the report, ``crossover.png`` shows each operation
family's time against size, gonp (threshold 0) beside NumPy, with the
crossover and the shipped threshold.
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


def by_op(results: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Group result records by operation, keeping only those with a time."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        if r.get("median_s") is not None:
            groups[r["op"]].append(r)
    return dict(groups)


def plot_sizes(plt: Any, op: str, records: list[dict[str, Any]], out: Path) -> Path:
    """Time (and rate) against size, a line per implementation, a column per thread count."""
    threads = sorted({r["threads"] for r in records})
    has_rate = any(r.get("rate") for r in records)
    nrows = 2 if has_rate else 1
    fig, axes = plt.subplots(
        nrows, len(threads), figsize=(5 * len(threads), 4 * nrows), squeeze=False
    )
    impls = list(dict.fromkeys(r["impl"] for r in records))
    for col, t in enumerate(threads):
        for impl in impls:
            rs = sorted(
                (r for r in records if r["threads"] == t and r["impl"] == impl),
                key=lambda r: r["size"],
            )
            if not rs:
                continue
            style = {"linewidth": 2.5} if impl == "gonp" else {"linewidth": 1.2}
            sizes = [r["size"] for r in rs]
            axes[0][col].plot(sizes, [r["median_s"] for r in rs], "o-", label=impl, **style)
            if has_rate:
                axes[1][col].plot(sizes, [r["rate"] or 0 for r in rs], "o-", label=impl, **style)
        axes[0][col].set(xscale="log", yscale="log", ylabel="seconds per call (median)")
        axes[0][col].set_title(f"{op}, {t} thread(s)")
        if has_rate:
            unit = next(r["unit"] for r in records if r.get("unit"))
            axes[1][col].set(xscale="log", ylabel=unit)
        axes[-1][col].set_xlabel("elements")
        axes[0][col].legend(fontsize="small")
        for ax in axes[:, col]:
            ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    path = out / f"{op}.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


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
    path = out / f"{op}.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def plot_crossover(plt: Any, crossover: dict[str, Any], out: Path) -> Path | None:
    """One panel per threshold kind: NumPy's and gonp's (threshold 0) time
    against size, with the measured crossover and the shipped threshold."""
    kinds = [k for k, v in crossover.items() if isinstance(v, dict) and v.get("sizes")]
    if not kinds:
        return None
    cols = min(4, len(kinds))
    rows = (len(kinds) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.4 * rows), squeeze=False)
    for ax in axes.flat[len(kinds) :]:
        ax.set_visible(False)
    for ax, kind in zip(axes.flat, kinds, strict=False):
        r = crossover[kind]
        ax.plot(r["sizes"], r["numpy_s"], "o-", linewidth=1.2, label="numpy")
        ax.plot(r["sizes"], r["gonp_s"], "o-", linewidth=2.5, label="gonp (threshold 0)")
        if r.get("crossover"):
            ax.axvline(r["crossover"], color="green", linestyle=":", label="crossover")
        if r.get("default_threshold"):
            ax.axvline(r["default_threshold"], color="gray", linestyle="--", label="threshold")
        ax.set(xscale="log", yscale="log", xlabel="size", ylabel="seconds per call")
        ax.set_title(f"{kind}, {r.get('threads')} thread(s)\n{r.get('what', '')}", fontsize="small")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize="x-small")
    fig.tight_layout()
    path = out / "crossover.png"
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Draw one PNG per operation next to the report (or into ``--out``).

    Returns
    -------
    int
        0, also when matplotlib is missing (a note is printed instead).
    """
    p = argparse.ArgumentParser(description="Plot a bench/run.py JSON report.")
    p.add_argument("report", nargs="?", type=Path, default=RESULTS / "latest.json")
    p.add_argument("--out", type=Path, help="folder for the PNGs (default: the report's)")
    args = p.parse_args(argv)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench/plot.py: matplotlib is not installed; no plots drawn")
        return 0
    report = json.loads(args.report.read_text())
    out = args.out or args.report.parent
    out.mkdir(parents=True, exist_ok=True)
    for op, records in by_op(report.get("results", [])).items():
        many_sizes = len({r["size"] for r in records}) > 2
        draw = plot_sizes if many_sizes else plot_ratios
        print(f"wrote {draw(plt, op, records, out)}")
    crossover = report.get("crossover")
    if isinstance(crossover, dict) and "skipped" not in crossover:
        path = plot_crossover(plt, crossover, out)
        if path is not None:
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
