"""Dask support: gonp's functions on ``dask.array.Array`` give lazy dask arrays.

Once ``dask.array`` is imported (gonp does not import it), every public gonp
function also accepts dask arrays and returns a lazy dask array (a 0-d one
for a full reduction) whose blocks gonp computes, on whatever scheduler
runs the graph (threads, processes, ``distributed``):

- elementwise functions: one gonp call per block (``dask.array.core.elemwise``,
  with dask's broadcasting); ``out=`` cannot be a dask array, so it raises
  TypeError;
- ``sum``/``min``/``max``: ``dask.array.reduction`` with gonp chunk, combine
  and aggregate steps;
- ``mean``/``var``/``std``: each block gives (count, mean, M2) in one gonp
  pass; the tree merges the triples with Chan's formula (never a sum of
  squares), so results equal NumPy's within the float bounds of gonp's own
  reductions. The tree depends on the blocks only, so any chunking that
  gives the same blocks gives bit-identical results;
- ``normalize``/``standardize``: one statistics pass (the triples above),
  then one apply pass over the blocks;
- ``cdist``: row blocks of XA against XB as a single block (one graph key,
  so a distributed cluster ships it to each worker once); ``pdist``: the
  same, keeping each row's upper triangle;
- ``matmul`` (2-D and 1-D operands): one gonp product per output block,
  with the whole shared dimension in that block (no cross-block sum);
- ``evaluate`` (when gonp has it): the expression is evaluated by
  ``gonp.evaluate`` on each block of its broadcast operands (one
  ``elemwise`` layer); an outermost ``sum``/``prod``/``min``/``max``/
  ``mean``/``var``/``std`` becomes the reduction above over that layer, which
  dask's graph optimizer fuses into the reduction's chunk step, so the
  expression's full-size value is never held at once.

The functions are wrapped when ``dask.array`` is imported: a name bound with
``from gonp import sum`` before that keeps the NumPy-only function (it still
accepts a dask array, through ``numpy.asarray``, computing it at once).

Thread budget on a cluster: each block's gonp call uses the worker
process's gonp thread count. ``distributed``'s nanny starts workers with
``OMP_NUM_THREADS=1`` (its ``distributed.nanny.pre-spawn-environ``
setting), which gonp honours when ``GONP_NUM_THREADS`` is unset, so workers
do not oversubscribe cores; ``client.run(gonp.set_num_threads, n)`` or
``GONP_NUM_THREADS`` in the workers' environment sets another budget.

Examples
--------
>>> import numpy as np
>>> import dask.array as da
>>> import gonp
>>> x = da.from_array(np.arange(12.0).reshape(6, 2), chunks=(2, 2))
>>> m = gonp.mean(x, axis=0)  # lazy: nothing is computed yet
>>> type(m).__name__
'Array'
>>> m.compute()
array([5., 6.])
>>> gonp.standardize(x).compute()[0]
array([-1.46385011, -1.46385011])
>>> gonp.cdist(x, np.zeros((1, 2))).compute()[:3, 0]
array([1.        , 3.60555128, 6.40312424])
"""

from __future__ import annotations

import ast
import functools
import math
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
from numpy.lib.array_utils import normalize_axis_tuple

from gonp import _config, _distance, _lib, _linalg, _reductions, _stats, _ufuncs
from gonp._core import FLOAT_DTYPES, use_go

UNARY = ("square", "sqrt", "abs", "absolute", "negative", "exp", "log", "sin", "cos")
BINARY = ("add", "subtract", "multiply", "divide", "maximum", "minimum", "power")
REDUCTIONS = ("sum", "mean", "var", "std", "min", "max")
OTHERS = ("normalize", "standardize", "cdist", "pdist", "matmul")

_da: Any = None  # dask.array, once imported


def _is_dask(v: Any) -> bool:
    return _da is not None and isinstance(v, _da.Array)


def _no_out(name: str, out: Any) -> None:
    if out is not None:
        raise TypeError(
            f"gonp.{name}: out= cannot be used with a dask array input (dask arrays are "
            "immutable and computed lazily); use the returned dask array instead"
        )


# ---------------------------------------------------------------- elementwise


def _ufunc_block(name: str, *args: Any) -> Any:
    """One block of an elementwise function (runs where dask puts it)."""
    return getattr(_ufuncs, name)(*args)


def _sample(v: Any) -> Any:
    if _is_dask(v) or isinstance(v, np.ndarray):
        return np.ones(1, v.dtype)
    return v


def elementwise(name: str, *args: Any, out: Any = None) -> Any:
    """Lazy ``gonp.<name>(*args)`` where an argument is a dask array."""
    _no_out(name, out)
    with np.errstate(all="ignore"):
        dtype = getattr(np, name)(*(_sample(a) for a in args)).dtype
    return _da.core.elemwise(functools.partial(_ufunc_block, name), *args, dtype=dtype)


# ----------------------------------------------------------------- reductions


def _canonical(x: np.ndarray) -> np.ndarray:
    """A C-order block: gonp's summation order depends on shape and layout,
    so equal blocks from different sources (views, rechunks) give equal bits."""
    return x if x.flags.c_contiguous else np.ascontiguousarray(x)


def _gonp_reduce(op: str) -> Callable[..., Any]:
    fn: Callable[..., Any] = getattr(_reductions, op)
    return fn


def _simple_chunk(x: np.ndarray, axis: tuple[int, ...], keepdims: bool, op: str, dtype: Any) -> Any:
    kwargs = {"dtype": dtype} if op == "sum" else {}
    x = _canonical(x)
    return np.asarray(_gonp_reduce(op)(x, axis=axis, keepdims=keepdims, **kwargs))


def _simple_reduction(op: str, x: Any, axis: Any, dtype: Any, keepdims: bool) -> Any:
    if op == "sum":
        if dtype is None:
            dtype = np.sum(np.ones(1, x.dtype)).dtype
        step = functools.partial(_simple_chunk, op="sum", dtype=dtype)
        return _da.reduction(x, step, step, combine=step, axis=axis, keepdims=keepdims, dtype=dtype)
    step = functools.partial(_simple_chunk, op=op, dtype=None)
    return _da.reduction(x, step, step, combine=step, axis=axis, keepdims=keepdims, dtype=x.dtype)


def moments_chunk(
    x: np.ndarray, axis: tuple[int, ...], keepdims: bool = True, computing_meta: bool = False
) -> dict[str, np.ndarray]:
    """(count, mean, M2) of one block over ``axis``, kept dims, in one gonp pass."""
    if computing_meta:
        return x  # type: ignore[return-value]  # dask asks for the meta only
    n = math.prod(x.shape[k] for k in axis)
    shape = tuple(1 if k in axis else s for k, s in enumerate(x.shape))
    count = np.full(shape, float(n))
    if n == 0:
        return {"n": count, "mean": np.zeros(shape), "m2": np.zeros(shape)}
    a = _canonical(x if x.dtype in FLOAT_DTYPES else x.astype(np.float64))
    if use_go(a.size, "stats") and type(a) is np.ndarray:
        mean, var = _stats._statistics(a, tuple(axis), 0)
    else:
        mean = np.asarray(np.mean(a, axis=axis, keepdims=True, dtype=np.float64))
        var = np.asarray(np.var(a, axis=axis, keepdims=True, dtype=np.float64))
    return {"n": count, "mean": mean, "m2": var * n}


def _merge(parts: Any, axis: tuple[int, ...]) -> dict[str, np.ndarray]:
    """Chan's merge of the triples of several blocks laid out along ``axis``."""
    from dask.array.core import _concatenate2
    from dask.utils import deepmap

    if not isinstance(parts, list):
        parts = [parts]
    n = _concatenate2(deepmap(lambda p: p["n"], parts), axes=axis)
    mean = _concatenate2(deepmap(lambda p: p["mean"], parts), axes=axis)
    m2 = _concatenate2(deepmap(lambda p: p["m2"], parts), axes=axis)
    total = np.asarray(_reductions.sum(n, axis=axis, keepdims=True))
    with np.errstate(all="ignore"):
        weight = np.where(n > 0, n / total, 0.0)
        merged = np.asarray(_reductions.sum(weight * mean, axis=axis, keepdims=True))
        merged = np.where(total > 0, merged, 0.0)
        dev = np.where(n > 0, mean - merged, 0.0)
        merged_m2 = np.asarray(_reductions.sum(m2 + n * dev * dev, axis=axis, keepdims=True))
    return {"n": total, "mean": merged, "m2": merged_m2}


def moments_combine(
    parts: Any, axis: tuple[int, ...], keepdims: bool = True, computing_meta: bool = False
) -> dict[str, np.ndarray]:
    """Combine step: merge blocks' triples into one triple."""
    if computing_meta:
        return parts  # type: ignore[no-any-return]
    return _merge(parts, axis)


def _moments_aggregate(
    parts: Any,
    axis: tuple[int, ...],
    keepdims: bool,
    op: str,
    ddof: float,
    dtype: Any,
    computing_meta: bool = False,
) -> np.ndarray:
    if computing_meta:
        return np.empty((0,) * np.ndim(parts), dtype)
    t = _merge(parts, axis)
    with np.errstate(all="ignore"):
        if op == "mean":
            res = np.where(t["n"] > 0, t["mean"], np.nan)
        else:
            res = t["m2"] / np.maximum(t["n"] - ddof, 0)
            if op == "std":
                res = np.sqrt(res)
    if not keepdims:
        res = res.reshape(tuple(s for k, s in enumerate(res.shape) if k not in axis))
    return np.asarray(res.astype(dtype))


def _moments(
    op: str,
    x: Any,
    axis: Any,
    dtype: Any,
    keepdims: bool,
    ddof: float = 0,
    concatenate: bool = False,
) -> Any:
    if dtype is None:
        dtype = x.dtype if x.dtype in FLOAT_DTYPES else np.dtype(np.float64)
    agg = functools.partial(_moments_aggregate, op=op, ddof=ddof, dtype=dtype)
    return _da.reduction(
        x,
        moments_chunk,
        agg,
        combine=moments_combine,
        axis=axis,
        keepdims=keepdims,
        dtype=dtype,
        concatenate=concatenate,
        meta=np.empty((0,) * (x.ndim if keepdims else 0), dtype),
    )


def reduce(
    op: str,
    x: Any,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    keepdims: bool = False,
    ddof: float = 0,
) -> Any:
    """Lazy ``gonp.<op>(x, ...)`` for a dask array ``x``."""
    _no_out(op, out)
    if op in ("mean", "var", "std"):
        return _moments(op, x, axis, dtype, keepdims, ddof)
    return _simple_reduction(op, x, axis, dtype, keepdims)


_STATS_DTYPE = np.dtype([("mean", np.float64), ("m2", np.float64)])


def _stats_aggregate(
    parts: Any, axis: tuple[int, ...], keepdims: bool, computing_meta: bool = False
) -> np.ndarray:
    """Aggregate step of the statistics pass: mean and M2 in one record array."""
    if computing_meta:
        return np.empty((0,) * np.ndim(parts), _STATS_DTYPE)
    t = _merge(parts, axis)
    res = np.empty(t["mean"].shape, _STATS_DTYPE)
    res["mean"], res["m2"] = t["mean"], t["m2"]
    return res


# ----------------------------------------------------------- normalize etc.


def _apply_block(a: np.ndarray, mean: np.ndarray, scale: np.ndarray, out_dtype: Any) -> np.ndarray:
    """Apply pass on one block: (a - mean) / scale in gonp."""
    dtype = np.dtype(out_dtype)
    a = a.astype(dtype, copy=False)
    if use_go(a.size, "stats") and type(a) is np.ndarray:
        return _stats._apply(a, mean, scale, None, dtype)
    with np.errstate(all="ignore"):
        return ((a - mean) / scale).astype(dtype, copy=False)


def _mean_m2(x: Any, axes: tuple[int, ...]) -> tuple[Any, Any]:
    """Lazy float64 mean and M2 over ``axes`` (kept dims), from one pass.

    Both fields come from one reduction, so the data is read once.
    """
    both = _da.reduction(
        x,
        moments_chunk,
        _stats_aggregate,
        combine=moments_combine,
        axis=axes,
        keepdims=True,
        dtype=_STATS_DTYPE,
        concatenate=False,
        meta=np.empty((0,) * x.ndim, _STATS_DTYPE),
    )
    return both["mean"], both["m2"]


def _float_dtype(x: Any) -> np.dtype:
    if x.dtype in FLOAT_DTYPES:
        return np.dtype(x.dtype)
    if x.dtype.kind in "iub":
        return np.dtype(np.float64)
    raise TypeError(f"gonp: unsupported dtype {x.dtype} for a dask array")


def _known(x: Any, name: str) -> None:
    if any(math.isnan(c) for cs in x.chunks for c in cs):
        raise ValueError(f"gonp.{name} needs known chunk sizes; call compute_chunk_sizes()")


def normalize(x: Any, axis: Any = None, ddof: float = 0, out: Any = None) -> Any:
    """Lazy ``gonp.normalize`` of a dask array: statistics pass + apply pass."""
    _no_out("normalize", out)
    _known(x, "normalize")
    axes = normalize_axis_tuple(axis, x.ndim) if axis is not None else tuple(range(x.ndim))
    if len(set(axes)) != len(axes):
        raise ValueError("duplicate value in 'axis'")
    dtype = _float_dtype(x)
    if x.ndim == 0 or not axes:
        return _da.map_blocks(_normalize_numpy, x, axis=axis, ddof=ddof, dtype=dtype)
    n = math.prod(x.shape[k] for k in axes)
    mean, m2 = _mean_m2(x, axes)
    with np.errstate(all="ignore"):
        var = m2 / max(n - ddof, 0)
    # Round the statistics to the data's dtype, as gonp.normalize does.
    mean = mean.astype(dtype).astype(np.float64)
    std = _da.sqrt(var).astype(dtype).astype(np.float64)
    return _da.map_blocks(
        _apply_block, x, mean, std, out_dtype=dtype, dtype=dtype, meta=np.empty(0, dtype)
    )


def _normalize_numpy(a: np.ndarray, axis: Any, ddof: float) -> np.ndarray:
    res: np.ndarray = _stats.normalize(a, axis=axis, ddof=ddof)
    return res


def standardize(
    X: Any,
    axis: int = 0,
    ddof: float = 0,
    with_mean: bool = True,
    with_std: bool = True,
    out: Any = None,
) -> Any:
    """Lazy ``gonp.standardize`` of a dask array: statistics pass + apply pass."""
    _no_out("standardize", out)
    _known(X, "standardize")
    if X.ndim == 0:
        raise ValueError("standardize needs at least a 1-dimensional array")
    axes = normalize_axis_tuple(axis, X.ndim)
    dtype = _float_dtype(X)
    n = X.shape[axes[0]]
    mean, m2 = _mean_m2(X, axes)
    with np.errstate(all="ignore"):
        var = m2 / max(n - ddof, 0)
    if with_std:
        scale = _da.map_blocks(_stats._scale, var, mean, n, dtype=np.float64)
    else:
        scale = _da.ones_like(var)
    if not with_mean:
        mean = _da.zeros_like(mean)
    return _da.map_blocks(
        _apply_block, X, mean, scale, out_dtype=dtype, dtype=dtype, meta=np.empty(0, dtype)
    )


# ------------------------------------------------------------------ distances


def _points(X: Any) -> Any:
    if not _is_dask(X):
        X = np.asarray(X)
        if X.ndim != 2:
            raise ValueError(f"points must be a 2-dimensional array, got {X.ndim} dimensions")
        return _da.from_array(X, chunks=X.shape)
    if X.ndim != 2:
        raise ValueError(f"points must be a 2-dimensional array, got {X.ndim} dimensions")
    return X


def _dist_dtype(*xs: Any) -> np.dtype:
    dts = [x.dtype if x.dtype in FLOAT_DTYPES else np.dtype(np.float64) for x in xs]
    return np.result_type(*dts)


def _cdist_block(a: np.ndarray, b: np.ndarray, metric: str) -> np.ndarray:
    res: np.ndarray = _distance.cdist(a, b, metric)
    return res


def cdist(XA: Any, XB: Any, metric: str = "euclidean", out: Any = None) -> Any:
    """Lazy ``gonp.cdist``: row blocks of XA against XB as one block."""
    _no_out("cdist", out)
    _distance._metric(metric)
    A, B = _points(XA), _points(XB)
    if A.shape[1] != B.shape[1]:
        raise ValueError(
            f"XA and XB must have the same number of columns (got {A.shape[1]} and {B.shape[1]})"
        )
    A = A.rechunk({1: -1})
    B = B.rechunk({0: -1, 1: -1})
    dtype = _dist_dtype(A, B)
    return _da.blockwise(
        _cdist_block,
        "ij",
        A,
        "ik",
        B,
        "jk",
        dtype=dtype,
        concatenate=True,
        metric=metric,
        meta=np.empty((0, 0), dtype),
    )


def _pdist_block(
    a: np.ndarray, whole: np.ndarray, metric: str, block_info: Any = None
) -> np.ndarray:
    r0 = block_info[0]["array-location"][0][0]
    d = _distance.cdist(a, whole[r0:], metric)
    rows = [d[i, i + 1 :] for i in range(a.shape[0])]
    return np.concatenate(rows) if rows else np.empty(0, d.dtype)


def pdist(X: Any, metric: str = "euclidean") -> Any:
    """Lazy ``gonp.pdist``: each row block against the rows from it on."""
    _distance._metric(metric)
    A = _points(X)
    _known(A, "pdist")
    A = A.rechunk({1: -1})
    m = A.shape[0]
    whole = A.rechunk({0: -1})
    lengths, r0 = [], 0
    for c in A.chunks[0]:
        lengths.append(sum(m - g - 1 for g in range(r0, r0 + c)))
        r0 += c
    dtype = _dist_dtype(A)
    return _da.map_blocks(
        _pdist_block,
        A,
        whole,
        metric=metric,
        chunks=(tuple(lengths),),
        drop_axis=1,
        dtype=dtype,
        meta=np.empty(0, dtype),
    )


# --------------------------------------------------------------------- matmul


def _matmul_block(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    res: np.ndarray = _linalg.matmul(a, b)
    return res


def matmul(a: Any, b: Any, out: Any = None) -> Any:
    """Lazy ``gonp.matmul`` of 1-D/2-D operands: one gonp product per block."""
    _no_out("matmul", out)
    A = a if _is_dask(a) else _da.from_array(np.asarray(a), chunks=-1)
    B = b if _is_dask(b) else _da.from_array(np.asarray(b), chunks=-1)
    if A.ndim == 0 or B.ndim == 0:
        raise ValueError("matmul: Input operand does not have enough dimensions")
    if A.ndim > 2 or B.ndim > 2:
        raise ValueError("gonp.matmul of dask arrays takes 1-D and 2-D operands")
    left, right = A.ndim == 1, B.ndim == 1
    if left:
        A = A[None, :]
    if right:
        B = B[:, None]
    if A.shape[1] != B.shape[0]:
        raise ValueError(
            f"matmul: Input operand 1 has a mismatch in its core dimension 0 "
            f"(size {B.shape[0]} is different from {A.shape[1]})"
        )
    dtype = np.matmul(np.ones((1, 1), A.dtype), np.ones((1, 1), B.dtype)).dtype
    res = _da.blockwise(
        _matmul_block,
        "ij",
        A,
        "ik",
        B,
        "kj",
        dtype=dtype,
        concatenate=True,
        meta=np.empty((0, 0), dtype),
    )
    if left and right:
        return res[0, 0]
    if left:
        return res[0]
    if right:
        return res[:, 0]
    return res


# ------------------------------------------------------------------- evaluate

EVALUATE_REDUCTIONS = ("sum", "prod", "min", "max", "mean", "var", "std")


def _evaluate_block(fn: Callable[..., Any], ex: str, names: tuple[str, ...], *blocks: Any) -> Any:
    """One block of ``evaluate(ex)`` (runs where dask puts it)."""
    return fn(ex, local_dict=dict(zip(names, blocks, strict=True)), global_dict={})


def _split_reduction(tree: ast.Expression) -> tuple[str | None, ast.expr, Any]:
    """(reduction name or None, the expression inside it, its axis)."""
    node = tree.body
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in EVALUATE_REDUCTIONS
        and 1 <= len(node.args) <= 2
    ):
        return None, node, None
    other = [k for k in node.keywords if k.arg != "axis"]
    axis_nodes = node.args[1:] + [k.value for k in node.keywords if k.arg == "axis"]
    if other or len(axis_nodes) > 1:
        return None, node, None  # evaluate itself rejects it (on the samples, at once)
    axis = ast.literal_eval(axis_nodes[0]) if axis_nodes else None
    return node.func.id, node.args[0], axis


def _variable_names(node: ast.AST) -> tuple[str, ...]:
    called = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    found = (n.id for n in ast.walk(node) if isinstance(n, ast.Name) and id(n) not in called)
    return tuple(dict.fromkeys(n for n in found if n not in ("True", "False", "None")))


def lazy_evaluate(
    fn: Callable[..., Any], ex: str, names: tuple[str, ...], values: list[Any], out: Any
) -> Any:
    """Lazy ``gonp.evaluate(ex)`` where an operand is a dask array."""
    _no_out("evaluate", out)
    op, inner, axis = _split_reduction(ast.parse(ex, mode="eval"))
    inner_ex = ast.unparse(inner)
    keep = _variable_names(inner)
    args = [values[names.index(n)] for n in keep]
    with np.errstate(all="ignore"):
        sample = fn(inner_ex, local_dict=dict(zip(keep, map(_sample, args), strict=True)))
    block = functools.partial(_evaluate_block, fn, inner_ex, keep)
    y = _da.core.elemwise(block, *args, dtype=np.asarray(sample).dtype)
    if op is None:
        return y
    if op == "prod":
        return _da.prod(y, axis=axis)
    return reduce(op, y, axis=axis)


def _dispatching_evaluate(fn: Callable[..., Any]) -> Callable[..., Any]:
    array_type = _da.Array

    @functools.wraps(fn)
    def wrapper(
        ex: str,
        local_dict: Any = None,
        global_dict: Any = None,
        out: Any = None,
        casting: str = "safe",
    ) -> Any:
        frame = sys._getframe(1)
        local_dict = frame.f_locals if local_dict is None else local_dict
        global_dict = frame.f_globals if global_dict is None else global_dict
        del frame
        try:
            names = _variable_names(ast.parse(ex, mode="eval"))
            values = [local_dict[n] if n in local_dict else global_dict[n] for n in names]
        except (SyntaxError, KeyError, TypeError):
            values = []  # evaluate raises its own error below
        if any(isinstance(v, array_type) for v in values):
            return lazy_evaluate(fn, ex, names, values, out)
        return fn(ex, local_dict=local_dict, global_dict=global_dict, out=out, casting=casting)

    wrapper.__wrapped_gonp__ = fn  # type: ignore[attr-defined]
    wrapper.__module__, wrapper.__qualname__ = "gonp", "evaluate"
    return wrapper


# ------------------------------------------------------------------- dispatch


def _lazy_for(name: str) -> Callable[..., Any]:
    if name in UNARY or name in BINARY:
        ufunc_name = "absolute" if name == "abs" else name

        def lazy(*args: Any, out: Any = None) -> Any:
            return elementwise(ufunc_name, *args, out=out)

        return lazy
    if name in REDUCTIONS:
        return functools.partial(reduce, name)
    lazy_fn: Callable[..., Any] = globals()[name]
    return lazy_fn


def _dispatching(name: str, fn: Callable[..., Any], lazy: Callable[..., Any]) -> Callable[..., Any]:
    array_type = _da.Array

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for v in args:
            if isinstance(v, array_type):
                return lazy(*args, **kwargs)
        return fn(*args, **kwargs)

    wrapper.__wrapped_gonp__ = fn  # type: ignore[attr-defined]
    # Found by pickle as gonp.<name>, the object it is.
    wrapper.__module__, wrapper.__qualname__ = "gonp", name
    return wrapper


def install(dask_array: ModuleType) -> None:
    """Make gonp's public functions accept dask arrays (``dask.array`` imported)."""
    global _da
    import gonp

    _da = dask_array
    for name in UNARY + BINARY + REDUCTIONS + OTHERS:
        fn = getattr(gonp, name)
        if hasattr(fn, "__wrapped_gonp__"):
            continue
        setattr(gonp, name, _dispatching(name, fn, _lazy_for(name)))
    name = "evaluate"  # absent from builds without it
    evaluate = getattr(gonp, name, None)
    if evaluate is not None and not hasattr(evaluate, "__wrapped_gonp__"):
        setattr(gonp, name, _dispatching_evaluate(evaluate))


def num_threads() -> int:
    """This process's gonp thread count (for ``client.run`` on workers)."""
    return _config.get_num_threads()


_ = _lib  # the blocks load the library in the worker on first use
