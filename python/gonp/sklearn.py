"""scikit-learn estimators computed by gonp (needs scikit-learn installed).

:class:`StandardScaler` is scikit-learn's ``StandardScaler`` with the work on
dense float arrays done by gonp: ``fit``/``partial_fit`` take the mean and
variance of every feature in one parallel pass (merging batches with Chan's
formula), ``transform`` writes ``(X - mean_) / scale_`` in one parallel pass,
``inverse_transform`` scales back in parallel. Everything else is
scikit-learn's own: parameters, validation, fitted attributes, ``set_output``,
feature names, sparse input, ``sample_weight`` and data with NaN (ignored in
``fit`` per feature, kept in ``transform``), which it computes itself.

Examples
--------
>>> import numpy as np
>>> from gonp.sklearn import StandardScaler
>>> X = np.array([[0.0, 10.0], [2.0, 10.0], [4.0, 10.0]])
>>> scaler = StandardScaler().fit(X)
>>> scaler.mean_
array([ 2., 10.])
>>> scaler.scale_  # constant features get scale 1
array([1.63299316, 1.        ])
>>> scaler.transform(X)[:, 0]
array([-1.22474487,  0.        ,  1.22474487])
"""

from __future__ import annotations

from typing import Any

import numpy as np

try:
    import sklearn.preprocessing as _preprocessing
    from scipy import sparse as _sparse
    from sklearn import get_config as _get_config
    from sklearn.utils.validation import check_is_fitted, validate_data
except ImportError as e:  # pragma: no cover - exercised without scikit-learn
    raise ImportError(
        "gonp.sklearn needs scikit-learn; install it with 'pip install gonp[sklearn]'"
    ) from e

from gonp import _stats, _ufuncs
from gonp._core import FLOAT_DTYPES, use_go

__all__ = ["StandardScaler"]

_FLOATS = [np.float64, np.float32]


def _dense(X: Any) -> bool:
    return not _sparse.issparse(X) and not _get_config().get("array_api_dispatch", False)


def _moments(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """float64 mean and (ddof=0) variance of each column, in one gonp pass."""
    if use_go(X.size, "stats") and type(X) is np.ndarray:
        mean, var = _stats._statistics(X, (0,), 0)
        return mean.reshape(-1), var.reshape(-1)
    return X.mean(axis=0, dtype=np.float64), X.var(axis=0, dtype=np.float64)


class StandardScaler(_preprocessing.StandardScaler):  # type: ignore[misc]
    """Standardize features by removing the mean and scaling to unit variance.

    Same parameters, attributes and results as
    ``sklearn.preprocessing.StandardScaler`` (within floating-point
    rounding); dense float data is computed by gonp in parallel. See the
    module docstring for what scikit-learn still computes itself.

    Parameters
    ----------
    copy : bool, default=True
        If False, transform and inverse_transform work in place where they can.
    with_mean : bool, default=True
        Center the data before scaling.
    with_std : bool, default=True
        Scale the data to unit variance.

    Examples
    --------
    >>> import numpy as np
    >>> from gonp.sklearn import StandardScaler
    >>> X = np.array([[1.0, -1.0], [3.0, 1.0]])
    >>> StandardScaler().fit_transform(X)
    array([[-1., -1.],
           [ 1.,  1.]])
    """

    def partial_fit(self, X: Any, y: Any = None, sample_weight: Any = None) -> StandardScaler:
        """Update the mean and variance with a batch of samples.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            The batch.
        y : None
            Ignored.
        sample_weight : array-like of shape (n_samples,), optional
            Weights of the samples (computed by scikit-learn).

        Returns
        -------
        self : StandardScaler
            The fitted scaler.
        """
        if sample_weight is not None or not (self.with_mean or self.with_std) or not _dense(X):
            return super().partial_fit(X, y, sample_weight)
        self._validate_params()
        first_call = not hasattr(self, "n_samples_seen_")
        Xv = validate_data(
            self,
            X,
            accept_sparse=("csr", "csc"),
            dtype=_FLOATS,
            ensure_all_finite=False,  # as fit_transform: non-finite statistics fall back
            reset=first_call,
        )
        if _sparse.issparse(Xv) or Xv.dtype not in FLOAT_DTYPES:
            return super().partial_fit(X, y, sample_weight)
        if not self._fit_dense(Xv):
            # NaN (missing values) in the batch: scikit-learn counts per feature.
            return super().partial_fit(Xv, y, sample_weight)
        return self

    def _fit_dense(self, Xv: np.ndarray) -> bool:
        """Merge a validated dense batch into the statistics; False if it has NaN."""
        mean, var = _moments(Xv)
        if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(var))):
            return False
        first_call = not hasattr(self, "scale_")
        n_b = Xv.shape[0]
        if first_call:
            n_tot: Any = n_b
            new_mean, new_var = mean, var
        else:
            n_a = np.asarray(getattr(self, "n_samples_seen_"), dtype=np.float64)  # noqa: B009
            n_tot = n_a + n_b
            delta = mean - self.mean_
            new_mean = self.mean_ + delta * (n_b / n_tot)
            if self.with_std:
                m2 = self.var_ * n_a + var * n_b + delta * delta * (n_a * n_b / n_tot)
                new_var = m2 / n_tot
        counts = np.broadcast_to(np.asarray(n_tot), mean.shape)
        seen: Any = counts.astype(np.int64)
        if counts.size == 0 or counts.max() == counts.min():
            seen = np.int64(counts[0]) if counts.size else np.int64(n_b)
        self.n_samples_seen_ = seen
        self.mean_: Any = np.asarray(new_mean, dtype=np.float64)
        self.var_: Any = None
        self.scale_: Any = None
        if self.with_std:
            self.var_ = np.asarray(new_var, dtype=np.float64)
            self.scale_ = _stats._scale(self.var_.copy(), self.mean_, counts)  # type: ignore[arg-type]
        return True

    def _apply(self, X: Any, copy: bool | None, inverse: bool) -> Any:
        """Validate ``X`` as scikit-learn does; return None where it must compute."""
        copy = self.copy if copy is None else copy
        if not _dense(X):
            return None
        Xv = (
            validate_data(
                self,
                X,
                reset=False,
                accept_sparse="csr",
                copy=False,
                dtype=_FLOATS,
                force_writeable=not copy,
                ensure_all_finite="allow-nan",
            )
            if not inverse
            else _validate_inverse(X)
        )
        if _sparse.issparse(Xv) or Xv.dtype not in FLOAT_DTYPES or type(Xv) is not np.ndarray:
            return None
        return self._compute(Xv, X, copy, inverse)

    def _compute(self, Xv: np.ndarray, X: Any, copy: bool, inverse: bool) -> Any:
        """(Inverse) transform of validated dense ``Xv``; None to leave it to scikit-learn."""
        if Xv.ndim != 2 or not use_go(Xv.size, "stats"):
            return None
        fresh = not (isinstance(X, np.ndarray) and np.may_share_memory(Xv, X))
        out = Xv if (fresh or not copy) else None
        if out is not None and not out.flags.writeable:
            out = None
        dtype = Xv.dtype
        if inverse:
            res = Xv
            if self.with_std:
                res = _ufuncs.multiply(res, self.scale_.astype(dtype), out=out)
                out = res
            if self.with_mean:
                res = _ufuncs.add(res, self.mean_.astype(dtype), out=out)
            if res is Xv and out is None:
                res = Xv.copy()
            return res
        # The statistics rounded to X's dtype, as scikit-learn applies them.
        mean = self.mean_.astype(dtype).astype(np.float64) if self.with_mean else None
        scale = self.scale_.astype(dtype).astype(np.float64) if self.with_std else None
        if mean is None:
            mean = np.zeros(Xv.shape[1])
        if scale is None:
            scale = np.ones(Xv.shape[1])
        return _stats._apply(Xv, mean, scale, out, dtype)

    def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> Any:
        """Fit to ``X``, then transform it (validating ``X`` once).

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            The data.
        y : None
            Ignored.
        **fit_params : dict
            ``sample_weight``, as for :meth:`fit`.

        Returns
        -------
        ndarray or sparse matrix of shape (n_samples, n_features)
            The transformed data.
        """
        if fit_params or not (self.with_mean or self.with_std) or not _dense(X):
            return super().fit_transform(X, y, **fit_params)
        self._reset()
        self._validate_params()
        Xv = validate_data(
            self,
            X,
            accept_sparse=("csr", "csc"),
            dtype=_FLOATS,
            force_writeable=not self.copy,
            # No separate pass for inf here: statistics that come out
            # non-finite (inf or NaN in X) send the call to scikit-learn,
            # which checks and raises or skips NaN as it does.
            ensure_all_finite=False,
            reset=True,
        )
        if _sparse.issparse(Xv) or type(Xv) is not np.ndarray or not self._fit_dense(Xv):
            return super().fit_transform(X, y, **fit_params)
        res = self._compute(Xv, X, self.copy, inverse=False)
        if res is None:
            return super().transform(X)
        return res

    def transform(self, X: Any, copy: bool | None = None) -> Any:
        """Center and scale ``X`` with the fitted statistics.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            The data.
        copy : bool, optional
            Copy ``X`` (default: the ``copy`` parameter).

        Returns
        -------
        ndarray or sparse matrix of shape (n_samples, n_features)
            The transformed data.
        """
        check_is_fitted(self)
        res = self._apply(X, copy, inverse=False)
        if res is None:
            return super().transform(X, copy=copy)
        return res

    def inverse_transform(self, X: Any, copy: bool | None = None) -> Any:
        """Scale ``X`` back to the original representation.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            Transformed data.
        copy : bool, optional
            Copy ``X`` (default: the ``copy`` parameter).

        Returns
        -------
        ndarray or sparse matrix of shape (n_samples, n_features)
            The data in its original scale.
        """
        check_is_fitted(self)
        res = self._apply(X, copy, inverse=True)
        if res is None:
            return super().inverse_transform(X, copy=copy)
        return res


def _validate_inverse(X: Any) -> Any:
    from sklearn.utils import check_array

    return check_array(
        X, accept_sparse="csr", copy=False, dtype=_FLOATS, ensure_all_finite="allow-nan"
    )
