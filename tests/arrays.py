"""Array generator in the spirit of bottleneck's: odd shapes, layouts, values."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

FLOATS = (np.float32, np.float64)
INTS = (np.int32, np.int64)
DTYPES = FLOATS + INTS


def _values(shape: tuple[int, ...], dtype: type, rng: np.random.Generator) -> np.ndarray:
    if np.dtype(dtype).kind == "f":
        a = rng.standard_normal(shape) * 10
        return a.astype(dtype)
    return rng.integers(-1000, 1000, size=shape).astype(dtype)


def arrays(
    dtypes: tuple[type, ...] = DTYPES, nans: bool = True
) -> Iterator[tuple[str, np.ndarray]]:
    """Yield (label, array) pairs covering the cases NumPy users hit."""
    rng = np.random.default_rng(12345)
    shapes = [(), (0,), (1,), (7,), (2, 0), (0, 3), (3, 5), (4, 3, 5), (2, 3, 4, 5), (70_001,)]
    for dtype in dtypes:
        name = np.dtype(dtype).name
        for shape in shapes:
            yield f"{name}-{shape}", _values(shape, dtype, rng)
        base = _values((40, 30), dtype, rng)
        yield f"{name}-strided", base[::3, ::2]
        yield f"{name}-transposed", base.T
        yield f"{name}-fortran", np.asfortranarray(base)
        yield f"{name}-reversed", base[::-1, ::-2]
        yield f"{name}-broadcast", np.broadcast_to(base[0], (25, 30))
        yield f"{name}-big2d", _values((300, 257), dtype, rng)
        raw = np.zeros(4001, np.uint8)
        view = raw[1:4001].view(dtype)  # data pointer one byte off alignment
        view[...] = _values(view.shape, dtype, rng)
        yield f"{name}-misaligned", view
        if np.dtype(dtype).kind == "f" and nans:
            a = _values((9, 11), dtype, rng)
            a[0, 0], a[3, 4], a[8, 10] = np.nan, np.inf, -np.inf
            a[5, 5] = -0.0
            yield f"{name}-nan-inf", a
