"""The codes defined in Go, as the library reports them, agree with capi/gonp.h
and with what the Python package uses."""

from __future__ import annotations

import re
from pathlib import Path

import gonp
import numpy as np
import pytest
from gonp import _lib, _reductions

HEADER = Path(__file__).resolve().parents[1] / "capi" / "gonp.h"

# typedef name in gonp.h -> kind in the library's table
KINDS = {
    "gonp_code": "errors",
    "gonp_dtype": "dtypes",
    "gonp_unary_op": "unary",
    "gonp_binary_op": "binary",
    "gonp_reduce_op": "reduce",
    "gonp_metric": "metrics",
    "gonp_expr_op": "expr_op",
    "gonp_expr_reduce": "expr_reduce",
}

# Tables of rules rather than codes: they have no enum in gonp.h.
RULES = {"reduce_result", "reduce_accepts", "expr_dtypes"}

# Kinds whose names gonp.h spells GONP_<PREFIX><NAME> (C enumerators share
# one namespace: the expression ops reuse the ufuncs' names).
PREFIXES = {"expr_op": "expr_", "expr_reduce": "expr_"}


def header_enums() -> dict[str, dict[str, int]]:
    """Parse every ``typedef enum { GONP_X = n, ... } name;`` of gonp.h."""
    text = re.sub(r"/\*.*?\*/", "", HEADER.read_text(), flags=re.S)
    enums: dict[str, dict[str, int]] = {}
    for body, name in re.findall(r"typedef\s+enum\s*\{(.*?)\}\s*(\w+)\s*;", text, flags=re.S):
        values: dict[str, int] = {}
        for item in body.split(","):
            m = re.fullmatch(r"\s*GONP_(\w+)\s*=\s*(-?\d+)\s*", item)
            assert m, f"{name}: enumerator without an explicit GONP_ name and value: {item!r}"
            values[m.group(1).lower()] = int(m.group(2))
        enums[name] = values
    return enums


@pytest.mark.numpy
def test_header_agrees_with_library() -> None:
    enums = header_enums()
    assert set(enums) == set(KINDS)
    table = _lib.codes().raw
    assert set(table) == set(KINDS.values()) | RULES
    for typedef, kind in KINDS.items():
        prefix = PREFIXES.get(kind, "")
        assert {k.removeprefix(prefix): v for k, v in enums[typedef].items()} == table[kind], kind


@pytest.mark.numpy
def test_codes_are_distinct_and_complete() -> None:
    c = _lib.codes()
    for kind in KINDS.values():
        values = c.raw[kind]
        assert len(set(values.values())) == len(values), kind
    assert c.ok == c.raw["errors"]["ok"]
    assert set(c.dtypes) == {np.dtype(t) for t in (np.float32, np.float64, np.int32, np.int64)}
    # Every code Python asks for by name exists in the library.
    for f in (
        gonp.square,
        gonp.sqrt,
        gonp.abs,
        gonp.negative,
        gonp.exp,
        gonp.log,
        gonp.sin,
        gonp.cos,
    ):
        assert getattr(np, f.__name__).__name__ in c.unary
    for f in (
        gonp.add,
        gonp.subtract,
        gonp.multiply,
        gonp.divide,
        gonp.maximum,
        gonp.minimum,
        gonp.power,
    ):
        assert f.__name__ in c.binary
    assert set(c.reduce) == {"sum", "mean", "var", "std", "min", "max"}
    assert set(c.metrics) == {
        "euclidean",
        "sqeuclidean",
        "cityblock",
        "chebyshev",
        "cosine",
        "minkowski",
        "seuclidean",
        "correlation",
        "braycurtis",
        "canberra",
        "mahalanobis",
        "jensenshannon",
        "hamming",
        "jaccard",
        "dice",
        "rogerstanimoto",
        "russellrao",
        "sokalsneath",
        "yule",
    }


_REDUCTIONS = _reductions._NUMPY  # name -> the NumPy function


@pytest.mark.numpy
@pytest.mark.any_threads
@pytest.mark.parametrize("op", sorted(_REDUCTIONS))
def test_reduction_dtype_rules_are_numpys(op: str) -> None:
    # The reductions' result-dtype rules are stated once, in Go; they must be
    # NumPy's: the default result dtype, and every dtype= the Go path accepts
    # gives that dtype in NumPy too (int results never come from float input).
    c = _lib.codes()
    assert {k[0] for k in c.reduce_result} == set(_REDUCTIONS)
    f = _REDUCTIONS[op]
    for dt in c.dtypes:
        x = np.arange(1, 6).astype(dt)
        default = c.reduce_result[op, dt]
        assert f(x).dtype == default, (op, dt)
        accepts = c.reduce_accepts[op, dt]
        assert default in accepts
        for want in accepts - {default}:
            assert f(x, dtype=want).dtype == want, (op, dt, want)
            assert want.kind == "f" or dt.kind != "f", (op, dt, want)
        if dt.kind == "f" and op not in ("min", "max"):
            assert np.dtype(np.float64) in accepts
        else:
            assert accepts == {default}, (op, dt)


@pytest.mark.go
@pytest.mark.parametrize("name", ["value_error", "type_error"])
def test_error_codes_raise_their_exception(name: str) -> None:
    # A descriptor with an unknown dtype code is refused in Go with TypeError;
    # one with a negative dimension count with ValueError.
    x = np.ones(4)
    d = _lib.descriptor(x)
    if name == "type_error":
        d.dtype = max(_lib.codes().dtypes.values()) + 100
        want: type[BaseException] = TypeError
    else:
        d.ndim = -1
        want = ValueError
    assert _lib.codes().exceptions[_lib.codes().raw["errors"][name]] is want
    with pytest.raises(want):
        _lib._call(_lib.lib().gonp_unary, _lib.codes().unary["square"], d, d, 1)
