"""SciPy's own test_distance.py with scipy.spatial.distance.cdist and pdist
replaced by gonp's (gonp's threshold 0, so every native call reaches Go)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

scipy_tests = pytest.importorskip("scipy.spatial.tests.test_distance")

# The one known difference: float32 input gives float32 results in gonp (its
# documented dtype rule) where SciPy gives float64. test_pdist_out compares a
# float32-input result with one written into a float64 out= to 1e-15, and the
# float32 tests of hamming, jaccard and jensenshannon compare float32 input's
# result with float64 reference values to 1e-15 (1e-8 for jensenshannon).
KNOWN = re.compile(
    r"TestPdist::test_pdist_out\[\w+\]"
    r"|Test(Pdist|Jaccard)::test_pdist_d?(hamming|jaccard|jensenshannon)_random_float32$"
)


@pytest.mark.anypath
@pytest.mark.any_threads
def test_scipy_test_distance_with_gonp(tmp_path: Path) -> None:
    # About 25 s, so once: the subprocess sets its own thread count (3).
    calls = tmp_path / "calls"
    env = dict(
        os.environ,
        GONP_CONFORMANCE_CALLS=str(calls),
        GONP_NUM_THREADS="3",
        PYTHONPATH=os.pathsep.join(
            filter(
                None,
                [
                    str(Path(__file__).parent / "scipy_conformance"),
                    os.environ.get("PYTHONPATH", ""),
                ],
            )
        ),
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rf",
            "-p",
            "no:cacheprovider",
            "-p",
            "gonp_scipy_plugin",
            "--pyargs",
            "scipy.spatial.tests.test_distance",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    tail = proc.stdout[-3000:]
    summary = re.search(r"(\d+) passed", proc.stdout)
    assert summary, tail
    failed = re.findall(r"^FAILED (\S+)", proc.stdout, re.M)
    unexpected = [f for f in failed if not KNOWN.search(f)]
    assert not unexpected, tail
    assert int(summary.group(1)) > 400, tail
    assert int(calls.read_text()) > 500, tail
