"""Standardize and a distance matrix on a dask cluster, with gonp in every block.

The data (``--rows`` x ``--cols`` float64, generated on the workers) is larger
than one worker's memory limit: it never sits in one process. gonp takes
dask arrays lazily: ``gonp.standardize`` is one statistics pass (per-block
(count, mean, M2) triples merged with Chan's formula) and one apply pass;
``gonp.cdist`` computes each row block against the centroids (sent to each
worker once); ``gonp.min``/``gonp.mean`` reduce the distances. The driver
then checks a slice of the result against NumPy and SciPy.

By default a ``distributed.LocalCluster`` (two single-thread worker
processes on 127.0.0.1, each with ``--worker-memory``) is started and closed;
``--scheduler tcp://host:8786`` uses a running cluster instead. Each worker's
gonp uses one thread per task slot: distributed starts workers with
``OMP_NUM_THREADS=1``, which gonp follows.

Run ``python examples/dask_cluster.py`` (``--quick`` for small data).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

import dask
import dask.array as da
import gonp
import numpy as np
from distributed import Client, LocalCluster, progress
from scipy.spatial.distance import cdist as scipy_cdist

MIB = 1 << 20


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scheduler", help="address of a running scheduler (tcp://host:8786)")
    p.add_argument("--rows", type=int, default=3_000_000, help="samples (default 3e6)")
    p.add_argument("--cols", type=int, default=16, help="features (default 16)")
    p.add_argument("--centroids", type=int, default=32, help="rows of the second point set")
    p.add_argument("--chunk-rows", type=int, default=250_000, help="rows per block")
    p.add_argument("--worker-memory", default="320MiB", help="LocalCluster memory per worker")
    p.add_argument("--quick", action="store_true", help="small data, for a short run (CI)")
    args = p.parse_args(argv)
    if args.quick:
        args.rows, args.chunk_rows = 200_000, 25_000
    return args


def run(client: Client, args: argparse.Namespace) -> int:
    """Build the graph, compute it on ``client`` with a progress bar, check it."""
    rows, cols = args.rows, args.cols
    rng = da.random.default_rng(2026)
    scale = np.linspace(0.5, 20.0, cols)
    X = rng.standard_normal((rows, cols), chunks=(args.chunk_rows, cols)) * scale + 1000.0
    Y = np.random.default_rng(7).standard_normal((args.centroids, cols))

    Z = gonp.standardize(X)  # lazy: statistics pass, then apply pass
    D = gonp.cdist(Z, Y)  # lazy (rows x centroids), row-blocked
    nearest = gonp.min(D, axis=1)
    work = {
        "feature means of Z": gonp.mean(Z, axis=0),
        "feature stds of Z": gonp.std(Z, axis=0),
        "mean nearest-centroid distance": gonp.mean(nearest),
        "first block of Z": Z[: args.chunk_rows],
        "first block of X": X[: args.chunk_rows],
        "column means of X": gonp.mean(X, axis=0),
        "column stds of X": gonp.std(X, axis=0),
    }
    workers = client.scheduler_info()["workers"]
    limits = sorted({w.get("memory_limit", 0) for w in workers.values()})
    size = rows * cols * 8
    print(
        f"data: {rows:,} x {cols} float64 = {size / MIB:,.0f} MiB in "
        f"{X.npartitions} blocks; {len(workers)} workers, memory limit per worker "
        f"{', '.join(f'{m / MIB:,.0f} MiB' for m in limits)}"
    )
    threads = client.run(gonp.get_num_threads)
    print("gonp threads per worker:", ", ".join(str(t) for t in threads.values()))

    start = time.perf_counter()
    futures = client.compute(list(work.values()))
    progress(futures)
    print()
    got = dict(zip(work, client.gather(futures), strict=True))
    elapsed = time.perf_counter() - start
    print(f"computed in {elapsed:.2f} s")

    # Checks on the driver: the first block with NumPy and SciPy, from the
    # statistics gonp took over all the data (compared with dask's own).
    x0, z0 = got["first block of X"], got["first block of Z"]
    mean, std = got["column means of X"], got["column stds of X"]
    with dask.config.set(scheduler=client.get):
        ref_mean, ref_std = dask.compute(X.mean(axis=0), X.std(axis=0))
    errors = {
        "statistics vs dask's mean/std": max(
            float(np.max(np.abs(mean - ref_mean) / np.abs(ref_mean))),
            float(np.max(np.abs(std - ref_std) / ref_std)),
        ),
        "standardize vs NumPy (first block)": float(np.max(np.abs(z0 - (x0 - mean) / std))),
        "cdist vs SciPy (first block)": float(
            np.max(np.abs(scipy_cdist(z0, Y).min(axis=1) - np.min(gonp.cdist(z0, Y), axis=1)))
        ),
    }
    print(
        "standardized features: mean within "
        f"{np.max(np.abs(got['feature means of Z'])):.1e} of 0, std within "
        f"{np.max(np.abs(got['feature stds of Z'] - 1)):.1e} of 1"
    )
    print(f"mean nearest-centroid distance: {float(got['mean nearest-centroid distance']):.6f}")
    ok = True
    for what, err in errors.items():
        good = err < 1e-9
        ok &= good
        print(f"check {what}: max error {err:.2e} {'ok' if good else 'FAILED'}")
    return 0 if ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run against ``--scheduler`` or a LocalCluster started here."""
    args = parse_args(argv)
    if args.scheduler:
        with Client(args.scheduler) as client:
            return run(client, args)
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            memory_limit=args.worker_memory,
        ) as cluster,
        Client(cluster) as client,
    ):
        return run(client, args)


if __name__ == "__main__":
    raise SystemExit(main())
