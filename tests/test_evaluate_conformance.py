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
"""

from __future__ import annotations

import inspect
import textwrap
import unittest
from collections import Counter
from collections.abc import Iterator
from types import ModuleType

import gonp
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


@pytest.fixture
def gonp_evaluate(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test module's ``evaluate`` (and numexpr's) is gonp's for the test."""
    monkeypatch.setattr(suite, "evaluate", gonp.evaluate)
    monkeypatch.setattr(numexpr, "evaluate", gonp.evaluate)


@pytest.mark.anypath
@pytest.mark.parametrize(
    ("cls_name", "method", "reason"), CASES, ids=[f"{c}.{m}" for c, m, _ in CASES]
)
def test_numexpr_case(cls_name: str, method: str, reason: str | None, gonp_evaluate: None) -> None:
    if reason is not None:
        pytest.skip(f"out of scope: {reason}")
    result = unittest.TestResult()
    getattr(suite, cls_name)(method).run(result)
    problems = [text for _, text in result.errors + result.failures]
    assert not problems, "\n".join(problems)
    if result.skipped:
        pytest.skip(f"numexpr skips it: {result.skipped[0][1]}")


@pytest.mark.anypath
@pytest.mark.any_threads
def test_summary() -> None:
    run = [c for c in CASES if c[2] is None]
    out = Counter(reason for _, _, reason in CASES if reason is not None)
    assert len(run) + sum(out.values()) == len(CASES)
    assert run, "no numexpr test left in scope: the classification is too broad"
    print(f"\nnumexpr conformance: {len(CASES)} collected, {len(run)} in scope (run)")
    for why, count in out.most_common():
        print(f"  out of scope {count:3d}: {why}")
