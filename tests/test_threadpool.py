"""threadpoolctl sees and limits gonp; OMP_NUM_THREADS sets gonp's default.

Environment variables and import order matter, so most checks run in a
fresh interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import gonp
import pytest

pytest.importorskip("threadpoolctl")


def run(code: str, **env: str) -> object:
    base = {k: v for k, v in os.environ.items() if k not in ("GONP_NUM_THREADS", "OMP_NUM_THREADS")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


LIMIT = """
import json, gonp, threadpoolctl
before = gonp.get_num_threads()
info = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "gonp"]
with threadpoolctl.threadpool_limits(limits=1):
    inside = gonp.get_num_threads()
with threadpoolctl.threadpool_limits(limits=1, user_api="gonp"):
    by_api = gonp.get_num_threads()
print(json.dumps([before, info, inside, by_api, gonp.get_num_threads(),
                  "threadpoolctl" in __import__("sys").modules]))
"""


@pytest.mark.parametrize("order", ["gonp first", "threadpoolctl first"])
def test_threadpoolctl_lists_and_limits_gonp(order: str) -> None:
    code = LIMIT if order == "gonp first" else "import threadpoolctl\n" + LIMIT
    before, info, inside, by_api, after, _ = run(code, GONP_NUM_THREADS="3")  # type: ignore[misc]
    assert before == 3 and inside == 1 and by_api == 1 and after == 3
    assert len(info) == 1
    entry = info[0]
    assert entry["internal_api"] == "gonp" and entry["num_threads"] == 3
    assert entry["version"] == gonp.__version__
    assert os.path.basename(entry["filepath"]).startswith("libgonp")


def test_import_gonp_does_not_import_threadpoolctl() -> None:
    res = run(
        "import json, sys, gonp; gonp.sum([1.0]); print(json.dumps('threadpoolctl' in sys.modules))"
    )
    assert res is False


def test_in_process() -> None:
    import threadpoolctl

    with gonp.threads(2):
        names = [i["user_api"] for i in threadpoolctl.threadpool_info()]
        assert "gonp" in names
        with threadpoolctl.threadpool_limits(limits=1):
            assert gonp.get_num_threads() == 1
        assert gonp.get_num_threads() == 2


THREADS = "import json, gonp; print(json.dumps(gonp.get_num_threads()))"


@pytest.mark.parametrize(
    ("env", "want"),
    [
        ({"OMP_NUM_THREADS": "1"}, 1),
        ({"OMP_NUM_THREADS": "3,2"}, 3),  # a nested OpenMP list: the outer level
        ({"OMP_NUM_THREADS": "5", "GONP_NUM_THREADS": "2"}, 2),  # gonp's own wins
    ],
)
def test_omp_num_threads(env: dict[str, str], want: int) -> None:
    assert run(THREADS, **env) == want


def test_bad_omp_num_threads_is_ignored() -> None:
    default = run(THREADS)
    assert run(THREADS, OMP_NUM_THREADS="lots") == default
    assert run(THREADS, OMP_NUM_THREADS="0") == default


def test_joblib_loky_worker_limits_gonp() -> None:
    joblib = pytest.importorskip("joblib")

    # loky workers get OMP_NUM_THREADS = cores / workers; gonp follows it.
    res = joblib.Parallel(n_jobs=2, backend="loky")(
        joblib.delayed(_worker_threads)() for _ in range(2)
    )
    for omp, nthreads in res:
        assert omp is not None and nthreads == int(omp)


def _worker_threads() -> tuple[str | None, int]:
    import gonp as g

    return os.environ.get("OMP_NUM_THREADS"), g.get_num_threads()


def test_doctests() -> None:
    import doctest

    from gonp import _info, _threadpool

    for module in (_threadpool, _info):
        res = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert res.attempted >= 2 and res.failed == 0, module.__name__


# ------------------------------------------------ show_config / python -m gonp


def test_show_config(capsys: pytest.CaptureFixture[str]) -> None:
    facts = gonp.show_config(mode="dicts")
    assert facts is not None
    assert facts["gonp"]["version"] == gonp.__version__
    assert facts["go"]["go_version"].startswith("go")
    assert facts["go"]["simd"] == gonp.info()["simd"]
    assert facts["threads"]["num_threads"] == gonp.get_num_threads()
    assert facts["thresholds"] == {k: gonp.get_threshold(k) for k in facts["thresholds"]}
    assert os.path.samefile(facts["gonp"]["library"], gonp.info()["library"])
    gonp.show_config()
    text = capsys.readouterr().out
    for word in ("go_version", "simd", "num_threads", "library", "thresholds:"):
        assert word in text
    with pytest.raises(ValueError, match="mode"):
        gonp.show_config(mode="yaml")


def test_python_m_gonp_info() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "gonp", "info", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "GONP_NUM_THREADS": "2"},
    )
    facts = json.loads(out.stdout)
    assert facts["threads"] == {"num_threads": 2, "source": "GONP_NUM_THREADS"}
    assert facts["gonp"]["library_loaded"] is True
    bad = subprocess.run(
        [sys.executable, "-m", "gonp", "nope"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2 and "unknown command" in bad.stderr
