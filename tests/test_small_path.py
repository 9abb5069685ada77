"""Below the thresholds gonp hands calls straight to NumPy: same results,
dtypes, exceptions, and no call into Go."""

from __future__ import annotations

from collections.abc import Iterator

import gonp
import numpy as np
import pytest
from arrays import arrays

pytestmark = pytest.mark.numpy

SMALL = [(label, x) for label, x in arrays() if 0 < x.size < 1000]


@pytest.fixture(autouse=True)
def default_thresholds() -> Iterator[None]:
    old = gonp.set_threshold(None)
    yield
    gonp.set_threshold(old)


def same(got: object, want: object) -> None:
    assert type(got) is type(want)
    np.testing.assert_array_equal(np.asarray(got), np.asarray(want))
    assert np.asarray(got).dtype == np.asarray(want).dtype


@pytest.mark.parametrize("label,x", SMALL, ids=[c[0] for c in SMALL])
def test_small_calls_match_numpy(label: str, x: np.ndarray) -> None:
    with np.errstate(all="ignore"):
        for op in ("sum", "mean", "var", "std", "min", "max"):
            kws: list[dict[str, object]] = [{}]
            if x.ndim:
                kws += [{"axis": 0}, {"axis": -1, "keepdims": True}]
            for kw in kws:
                same(getattr(gonp, op)(x, **kw), getattr(np, op)(x, **kw))
        same(gonp.sum(x, dtype=np.float32), np.sum(x, dtype=np.float32))
        for name in ("square", "sqrt", "negative", "exp"):
            want = np.asarray(getattr(np, name)(x))
            same(getattr(gonp, name)(x), getattr(np, name)(x))
            o1, o2 = np.empty_like(want), np.empty_like(want)
            same(getattr(gonp, name)(x, out=o1), getattr(np, name)(x, out=o2))
        for y in (1.5, 2, np.abs(x)):
            for name in ("add", "multiply", "power", "maximum"):
                same(getattr(gonp, name)(x, y), getattr(np, name)(x, y))


def test_small_errors_match_numpy() -> None:
    x = np.ones(5)
    for call in (
        lambda m: m.min(np.ones(0)),
        lambda m: m.sum(x, axis=(0, 0)),
        lambda m: m.square(x, out=np.ones(4)),
        lambda m: m.add(x, 1.0, out=np.ones(3)),
    ):
        with pytest.raises(Exception) as want:
            call(np)
        with pytest.raises(type(want.value)):
            call(gonp)
