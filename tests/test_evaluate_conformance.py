"""numexpr's own test file, run with ``numexpr.evaluate`` replaced by ``gonp.evaluate``.

Every ``unittest.TestCase`` method of ``numexpr/tests/test_numexpr.py`` (from the
installed numexpr, pinned in requirements) is collected. A method is out of
scope, and skipped with the reason, when its source uses something outside
``gonp.evaluate``'s contract: numexpr's other entry points (``NumExpr``,
``re_evaluate``, ``disassemble``, ``validate``), its thread and VML settings,
or dtypes gonp does not compute (strings, complex, unsigned). Every other
method runs against ``gonp.evaluate`` and must pass. ``test_summary`` prints
the run/pass/out-of-scope counts (``pytest -s``) and checks that the
classification covered every collected method.

numexpr's ``test_expressions`` grid (each expression of its MISC, OPERATIONS,
COMPARISONS, 1_ARG_FUNCS, 2_ARG_FUNCS and POW_TESTS sections, over an array
or a scalar for ``a`` or ``b``, and int64, float32, float64) runs too, through
numexpr's own function, once per case: its ``optimization`` argument is
numexpr's compiler setting and is dropped. Complex cases and expressions that
call a function outside gonp's list (``FUNCTIONS``) are out of scope.
"""

from __future__ import annotations

import inspect
import re
import textwrap
import unittest
from collections import Counter
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import gonp
import numpy as np
import pytest

numexpr = pytest.importorskip("numexpr")
if not hasattr(gonp, "evaluate"):
    pytest.skip("gonp.evaluate is not built in this tree", allow_module_level=True)
suite: ModuleType = pytest.importorskip("numexpr.tests.test_numexpr")

# Substrings of a test's source that put it outside gonp.evaluate's contract,
# with the reason reported for it. The first match names the reason.
OUT_OF_SCOPE: list[tuple[str, str]] = [
    ("NumExpr(", "numexpr's NumExpr compiler object"),
    ("re_evaluate", "numexpr's re_evaluate (reuse of the last compiled expression)"),
    ("disassemble", "numexpr's program disassembler"),
    ("validate(", "numexpr's validate/re_evaluate split"),
    ("set_num_threads", "numexpr's own thread settings"),
    ("set_vml", "numexpr's VML settings"),
    ("use_vml", "numexpr's VML settings"),
    ("detect_number_of_cores", "numexpr's thread detection"),
    ("NUMEXPR_", "numexpr's environment variables"),
    ("subprocess", "numexpr's subprocess/thread machinery"),
    ("threading", "numexpr's subprocess/thread machinery"),
    ("complex", "complex dtype (gonp has bool, int32, int64, float32, float64)"),
    ("1j", "complex dtype (gonp has bool, int32, int64, float32, float64)"),
    ("contains(", "string dtype and contains()"),
    ('b"', "string dtype"),
    ("b'", "string dtype"),
    ("uint", "unsigned dtype"),
    ("int16", "int16 dtype"),
    ("int8", "int8 dtype"),
    ("float16", "float16 dtype"),
    ("ConstantNode", "numexpr's expression-tree internals"),
    ("numexpr.", "numexpr-internal API"),
    ("_sanitize", "numexpr's sanitizer (a numexpr policy, not expression semantics)"),
    ("sanitize", "numexpr's sanitizer (a numexpr policy, not expression semantics)"),
]

# Whole classes whose subject is numexpr itself rather than expressions.
OUT_OF_SCOPE_CLASSES: dict[str, str] = {
    "test_strings": "string dtype",
    "test_uint32_int64": "unsigned dtype",
    "test_threading_config": "numexpr's own thread settings",
    "test_threading": "numexpr's subprocess/thread machinery",
    "test_subprocess": "numexpr's subprocess/thread machinery",
}


def _collect() -> Iterator[tuple[str, str, str | None]]:
    """(class name, method name, out-of-scope reason or None) for every method."""
    for cls_name, cls in sorted(vars(suite).items()):
        if not (isinstance(cls, type) and issubclass(cls, unittest.TestCase)):
            continue
        for name in sorted(unittest.TestLoader().getTestCaseNames(cls)):
            reason = OUT_OF_SCOPE_CLASSES.get(cls_name)
            if reason is None:
                source = textwrap.dedent(inspect.getsource(getattr(cls, name)))
                reason = next((why for key, why in OUT_OF_SCOPE if key in source), None)
            yield cls_name, name, reason


CASES = list(_collect())

# In-scope numexpr tests where gonp.evaluate differs on purpose: it follows
# NumPy where numexpr does not, or a numexpr feature is outside the issue's
# syntax. Each runs as a strict xfail, so a change of behaviour shows.
DIFFERS: dict[str, str] = {
    "test_true_div": "numexpr's truediv= keyword: gonp's / is NumPy's true division",
    "test_small_int": "a Python int is int64 as np.asarray gives it (numexpr: int32)",
    "test_axis": "negative axes are accepted, as in NumPy (numexpr refuses axis=-1)",
}
# Grid expressions outside the syntax: attribute access on operands.
GRID_DIFFERS = {".real": "attribute access (.real) is numexpr's complex syntax"}

# Functions gonp.evaluate implements (besides the reductions).
FUNCTIONS = {
    "sqrt", "exp", "expm1", "log", "log1p", "log10", "sin", "cos", "tan", "arcsin",
    "arccos", "arctan", "arctan2", "sinh", "cosh", "tanh", "arcsinh", "arccosh",
    "arctanh", "abs", "floor", "ceil", "fmod", "minimum", "maximum", "where", "log2",
    "round", "trunc", "sign", "hypot", "copy", "ones_like",
}  # fmt: skip


def _grid() -> Iterator[tuple[str, int, type, str | None]]:
    """numexpr's test_expressions cases: (expression, scalar case, dtype, reason)."""
    for test_scalar in (0, 1, 2):
        for dtype in (int, np.float32, np.float64):
            for _, section in suite.tests:
                for expr in section:
                    if dtype is int and test_scalar and expr == "(a+1) ** -1":
                        continue  # numexpr leaves this one out too
                    calls = set(re.findall(r"([a-z_0-9]+)\(", expr)) - FUNCTIONS
                    reason = f"numexpr function(s) {sorted(calls)}" if calls else None
                    for key, why in GRID_DIFFERS.items():
                        if reason is None and key in expr:
                            reason = why
                    yield expr, test_scalar, dtype, reason


GRID = list(_grid())


@pytest.fixture
def gonp_evaluate(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test module's ``evaluate`` (and numexpr's) is gonp's for the test."""
    monkeypatch.setattr(suite, "evaluate", gonp.evaluate)
    monkeypatch.setattr(numexpr, "evaluate", gonp.evaluate)


def _case_params() -> list[Any]:
    params = []
    for c, m, reason in CASES:
        marks = []
        if reason is None and m in DIFFERS:
            marks.append(pytest.mark.xfail(strict=True, reason=DIFFERS[m]))
        params.append(pytest.param(c, m, reason, marks=marks, id=f"{c}.{m}"))
    return params


@pytest.mark.anypath
@pytest.mark.any_threads
@pytest.mark.parametrize(("cls_name", "method", "reason"), _case_params())
def test_numexpr_case(cls_name: str, method: str, reason: str | None, gonp_evaluate: None) -> None:
    if reason is not None:
        pytest.skip(f"out of scope: {reason}")
    result = unittest.TestResult()
    getattr(suite, cls_name)(method).run(result)
    problems = [text for _, text in result.errors + result.failures]
    assert not problems, "\n".join(problems)
    if result.skipped:
        pytest.skip(f"numexpr skips it: {result.skipped[0][1]}")


def _without_optimization(ex: str, **kwargs: object) -> object:
    kwargs.pop("optimization", None)
    return gonp.evaluate(ex, **kwargs)  # type: ignore[arg-type]


@pytest.mark.anypath
@pytest.mark.any_threads
@pytest.mark.parametrize(
    ("expr", "test_scalar", "dtype", "reason"),
    GRID,
    ids=[f"{e}-scalar{s}-{d.__name__}" for e, s, d, _ in GRID],
)
def test_numexpr_expression(
    expr: str, test_scalar: int, dtype: type, reason: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if reason is not None:
        pytest.skip(f"out of scope: {reason}")
    monkeypatch.setattr(suite, "evaluate", _without_optimization)
    section = next(name for name, exprs in suite.tests if expr in exprs)
    suite.test_expressions(expr, test_scalar, dtype, "none", False, section)


@pytest.mark.anypath
@pytest.mark.any_threads
def test_summary() -> None:
    run = [c for c in CASES if c[2] is None]
    differs = [c for c in run if c[1] in DIFFERS]
    out = Counter(reason for _, _, reason in CASES if reason is not None)
    assert len(run) + sum(out.values()) == len(CASES)
    assert run, "no numexpr test left in scope: the classification is too broad"
    print(
        f"\nnumexpr conformance: {len(CASES)} TestCase methods, {len(run)} in scope (run), "
        f"{len(differs)} of them differing on purpose (strict xfail)"
    )
    for why, count in out.most_common():
        print(f"  out of scope {count:3d}: {why}")
    grid_run = sum(reason is None for *_, reason in GRID)
    print(f"numexpr expression grid: {len(GRID)} cases, {grid_run} in scope (run)")
    out_grid = len(GRID) - grid_run
    print(f"  out of scope {out_grid:3d}: a numexpr function outside FUNCTIONS, or .real")
