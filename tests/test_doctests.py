"""Every Examples section of the public modules runs, with gonp's threshold
at 0 (conftest), so the examples go through Go."""

from __future__ import annotations

import doctest
import importlib

import gonp
import pytest

MODULES = [
    # Thread settings and the library's facts make no operation call.
    pytest.param("gonp", marks=pytest.mark.anypath),
    pytest.param("gonp._config", marks=pytest.mark.anypath),
    pytest.param("gonp._distance", marks=pytest.mark.go),
    pytest.param("gonp._evaluate", marks=pytest.mark.go),
    pytest.param("gonp._linalg", marks=pytest.mark.go),
    pytest.param("gonp._neighbors", marks=pytest.mark.go),
    pytest.param("gonp._reductions", marks=pytest.mark.go),
    pytest.param("gonp._stats", marks=pytest.mark.go),
    pytest.param("gonp._ufuncs", marks=pytest.mark.go),
]


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name: str) -> None:
    mod = importlib.import_module(name)
    res = doctest.testmod(mod, optionflags=doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert res.failed == 0
    assert res.attempted > 0


@pytest.mark.anypath
def test_every_public_function_has_an_example() -> None:
    missing = [n for n in gonp.__all__ if ">>>" not in (getattr(gonp, n).__doc__ or "")]
    assert not missing, missing
