"""gonp.sklearn.StandardScaler against scikit-learn's StandardScaler."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

pytest.importorskip("sklearn")

from gonp.sklearn import StandardScaler
from sklearn.preprocessing import StandardScaler as SkStandardScaler

RNG = np.random.default_rng(6)
ATTRS = ("mean_", "var_", "scale_", "n_samples_seen_", "n_features_in_")


def same_fit(a: object, b: object, rtol: float = 1e-12) -> None:
    for name in ATTRS:
        x, y = getattr(a, name), getattr(b, name)
        if y is None:
            assert x is None, name
        else:
            np.testing.assert_allclose(x, y, rtol=rtol, atol=1e-300, err_msg=name)
            assert np.shape(x) == np.shape(y), name


def data(n: int = 500, d: int = 7, dtype: type = np.float64) -> np.ndarray:
    x = (RNG.standard_normal((n, d)) * np.arange(1, d + 1) + 10 * np.arange(d)).astype(dtype)
    x[:, 2] = 3.0  # a constant feature: scale 1
    return x


def test_check_estimator() -> None:
    from sklearn.utils.estimator_checks import check_estimator

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = check_estimator(StandardScaler(), on_fail=None)
    failed = [(r["check_name"], r["exception"]) for r in results if r["status"] == "failed"]
    assert not failed
    assert sum(r["status"] == "passed" for r in results) >= 40


@pytest.mark.parametrize("with_mean", [True, False])
@pytest.mark.parametrize("with_std", [True, False])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_fit_transform_inverse(with_mean: bool, with_std: bool, dtype: type) -> None:
    x = data(dtype=dtype)
    keep = x.copy()
    ours, ref = (
        StandardScaler(with_mean=with_mean, with_std=with_std),
        SkStandardScaler(with_mean=with_mean, with_std=with_std),
    )
    got, want = ours.fit_transform(x), ref.fit_transform(x)
    same_fit(ours, ref, rtol=1e-12 if dtype == np.float64 else 1e-6)
    assert got.dtype == want.dtype
    tol = 1e-12 if dtype == np.float64 else 2e-6
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol)
    np.testing.assert_allclose(
        ours.inverse_transform(got), ref.inverse_transform(want), rtol=tol, atol=tol * 100
    )
    np.testing.assert_array_equal(x, keep)  # the input is not modified


def test_int_input_and_lists() -> None:
    x = RNG.integers(-50, 50, (300, 4))
    np.testing.assert_allclose(
        StandardScaler().fit_transform(x),
        SkStandardScaler().fit_transform(x),
        rtol=1e-12,
        atol=1e-12,
    )
    rows = x.tolist()
    np.testing.assert_allclose(
        StandardScaler().fit(rows).transform(rows),
        SkStandardScaler().fit(rows).transform(rows),
        rtol=1e-12,
    )


def test_partial_fit_batches() -> None:
    x = data(1200)
    ours, ref = StandardScaler(), SkStandardScaler()
    for part in np.array_split(x, 5):
        ours.partial_fit(part)
        ref.partial_fit(part)
        same_fit(ours, ref, rtol=1e-10)
    np.testing.assert_allclose(ours.transform(x), ref.transform(x), rtol=1e-9, atol=1e-9)


def test_nan_ignored_in_fit() -> None:
    x = data()
    x[[3, 40, 41], 1] = np.nan
    x[7, 4] = np.nan
    ours, ref = StandardScaler().fit(x), SkStandardScaler().fit(x)
    same_fit(ours, ref)
    got, want = ours.transform(x), ref.transform(x)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    assert np.isnan(got[3, 1]) and not np.isnan(got[3, 0])
    # A NaN batch after a clean one, and a clean one after it.
    ours, ref = StandardScaler(), SkStandardScaler()
    for part in (data(), x, data()):
        ours.partial_fit(part)
        ref.partial_fit(part)
    same_fit(ours, ref, rtol=1e-10)


def test_sample_weight() -> None:
    x, w = data(), RNG.random(500)
    ours, ref = StandardScaler().fit(x, sample_weight=w), SkStandardScaler().fit(x, sample_weight=w)
    same_fit(ours, ref)
    np.testing.assert_allclose(ours.transform(x), ref.transform(x), rtol=1e-12)


def test_copy_false_works_in_place() -> None:
    x = data()
    want = SkStandardScaler().fit_transform(x)
    y = x.copy()
    res = StandardScaler(copy=False).fit(y).transform(y)
    assert res is y or np.shares_memory(res, y)
    np.testing.assert_allclose(y, want, rtol=1e-12, atol=1e-12)
    back = StandardScaler().fit(x).inverse_transform(y, copy=False)
    assert np.shares_memory(back, y)
    np.testing.assert_allclose(back, x, rtol=1e-12, atol=1e-10)


def test_copy_true_keeps_input() -> None:
    x = data()
    keep = x.copy()
    s = StandardScaler().fit(x)
    s.transform(x)
    s.inverse_transform(x)
    np.testing.assert_array_equal(x, keep)


def test_set_output_and_feature_names() -> None:
    x = data()
    s = StandardScaler().set_output(transform="default")
    assert isinstance(s.fit_transform(x), np.ndarray)
    assert list(s.get_feature_names_out()) == [f"x{i}" for i in range(x.shape[1])]
    with pytest.raises(ValueError, match="features"):
        s.transform(x[:, :3])


def test_sparse_goes_to_sklearn() -> None:
    sparse = pytest.importorskip("scipy.sparse")
    x = sparse.random(200, 6, density=0.2, random_state=0, format="csr")
    ours = StandardScaler(with_mean=False).fit(x)
    ref = SkStandardScaler(with_mean=False).fit(x)
    same_fit(ours, ref)
    np.testing.assert_allclose(ours.transform(x).toarray(), ref.transform(x).toarray())
    with pytest.raises(ValueError, match="sparse"):
        StandardScaler().fit(x)


def test_doctests() -> None:
    import doctest

    import gonp.sklearn

    res = doctest.testmod(gonp.sklearn, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert res.attempted >= 5 and res.failed == 0
