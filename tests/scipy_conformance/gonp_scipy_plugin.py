"""pytest plugin: scipy.spatial.distance.cdist and pdist replaced by gonp's.

Loaded with ``-p gonp_scipy_plugin`` before SciPy's test modules are
collected, so their ``from scipy.spatial.distance import cdist, pdist`` binds
gonp's functions. gonp's small-array threshold is 0, so every call gonp
computes natively reaches Go; the number of calls into Go is written to the
file named by ``GONP_CONFORMANCE_CALLS`` at the end of the session.
"""

from __future__ import annotations

import os
from typing import Any

import gonp
import scipy.spatial.distance as sd
from gonp import _distance, _lib

_distance.scipy_functions()  # keep SciPy's own functions for what gonp hands on
sd.cdist = gonp.cdist
sd.pdist = gonp.pdist
gonp.set_threshold(0)
_start = _lib.go_calls()


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    path = os.environ.get("GONP_CONFORMANCE_CALLS")
    if path:
        with open(path, "w") as f:
            f.write(str(_lib.go_calls() - _start))
