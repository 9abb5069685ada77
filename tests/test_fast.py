"""gonp._fast, the compiled short road into the library: that it loads where
it was built, and that its calls give what the ctypes road gives."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import gonp
import numpy as np
import pytest
from gonp import _lib

pytestmark = pytest.mark.go

_BUILT = any(Path(gonp.__file__).parent.glob("_fast*.so"))


@pytest.fixture
def fast() -> object:
    gonp.square(np.ones(3))  # loads the library, and with it gonp._fast
    if _lib.fast is None:
        if _BUILT and os.environ.get("GONP_NO_FAST") != "1":
            pytest.fail("gonp._fast was built but did not load")
        pytest.skip("gonp._fast is not built here")
    return _lib.fast


@pytest.fixture
def no_ctypes_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make the ctypes road raise, so that only gonp._fast can reach Go."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("went through ctypes")

    monkeypatch.setattr(_lib, "_call", refuse)
    yield


@pytest.mark.anypath
def test_fast_loads_where_built() -> None:
    gonp.square(np.ones(3))
    if _BUILT and os.environ.get("GONP_NO_FAST") != "1":
        assert _lib.fast is not None, "gonp._fast was built but did not load"
        for name in ("unary", "binary", "reduce", "matmul", "evaluate"):
            assert callable(getattr(_lib.fast, name))


_CASES = [
    ("2*a + 3*b", {}),
    ("where(a > 0.5, a, b)", {}),
    ("sqrt(a*a + b*b)", {}),
    ("sum((a - b)**2, axis=1)", {}),
    ("mean(exp(a))", {}),
    ("a * c", {"c": np.arange(7.0)}),  # broadcast against a row
    ("i // j + i % j", {"i": np.arange(-20, 22).reshape(6, 7), "j": np.arange(1, 8)}),
    ("f * 2 + g", {"f": np.linspace(0, 1, 42, dtype=np.float32).reshape(6, 7), "g": np.float32(1)}),
    ("(a > b) & (a < 0.9)", {}),
]


@pytest.mark.parametrize("ex,extra", _CASES, ids=[c[0] for c in _CASES])
def test_evaluate_fast_matches_ctypes(
    ex: str, extra: dict[str, object], fast: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(7)
    env: dict[str, object] = {"a": rng.random((6, 7)), "b": rng.random((6, 7))[:, ::-1], **extra}
    got = gonp.evaluate(ex, local_dict=env)
    monkeypatch.setattr(_lib, "fast", None)
    want = gonp.evaluate(ex, local_dict=env)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


def test_evaluate_takes_the_fast_road(fast: object, no_ctypes_calls: None) -> None:
    a, b = np.arange(100.0), np.arange(100.0)[::-1]
    np.testing.assert_array_equal(gonp.evaluate("2*a + 3*b"), 2 * a + 3 * b)
    out = np.empty(100)
    assert gonp.evaluate("a - b", out=out) is out
    np.testing.assert_array_equal(out, a - b)
    assert gonp.evaluate("sum(a * b)") == np.sum(a * b)


def test_evaluate_fast_errors(fast: object, no_ctypes_calls: None) -> None:
    with pytest.raises(ValueError, match="negative"):
        gonp.evaluate("i ** -i", local_dict={"i": np.arange(5)})


def test_evaluate_fast_declines_unaligned(fast: object) -> None:
    # An unaligned operand cannot cross as it is: the ctypes road copies it.
    raw = np.zeros(8 * 50 + 1, np.uint8)[1:]
    a = raw.view(np.float64)
    a[:] = np.arange(50.0)
    assert not a.flags.aligned
    np.testing.assert_array_equal(gonp.evaluate("a * 2"), np.arange(50.0) * 2)
