"""Column normalizations: raw criterion values to comparable, benefit-oriented numbers.

Pure numpy on a whole (producers × criteria) matrix at once. After
normalization, *more is better* in every column: cost criteria are flipped by
each method's own formula, exactly as pymcdm does (``cost=True``), so results
equal pymcdm's to rounding error. Formulas, for a column ``x`` (benefit | cost):

=====================  ===============================  ==============================
name                   benefit                          cost
=====================  ===============================  ==============================
``none``               x                                −x
``scale``              (x − low) / (high − low)         (high − x) / (high − low)
``minmax``             (x − min) / (max − min)          (max − x) / (max − min)
``max``                x / max                          1 − x / max
``sum``                x / Σx                           (1/x) / Σ(1/x)
``vector``             x / ‖x‖                          1 − x / ‖x‖
=====================  ===============================  ==============================

``scale`` uses the criterion's declared bounds (``scale: [low, high]``, or the
range of its levels): a producer's normalized value does not depend on the other
producers, which is what a points grid means. Values beyond the bounds count as
the bound. ``linear``, ``logarithmic``, ``nonlinear``, ``enhanced_accuracy`` and
``zavadskas_turskis`` are pymcdm's functions, called column by column.

A column on which every producer has the same value cannot tell producers
apart; where the formula is undefined on it (``minmax``, or ``max`` and
``vector`` on zeros) it is normalized to 1 everywhere, as pymcdm's ``minmax``
does, so that no method divides by zero.

Examples
--------
>>> import numpy as np
>>> x = np.array([[1.0, 10.0], [3.0, 30.0]])
>>> normalize(x, np.array([1, -1]), np.full((2, 2), np.nan), Normalization.MINMAX)
array([[0., 1.],
       [1., 0.]])
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ..errors import MethodError
from ..messages import msg
from .vocabulary import Normalization

__all__ = ["normalize"]

_PYMCDM = {
    Normalization.LINEAR: "linear_normalization",
    Normalization.LOGARITHMIC: "logarithmic_normalization",
    Normalization.NONLINEAR: "nonlinear_normalization",
    Normalization.ENHANCED_ACCURACY: "enhanced_accuracy_normalization",
    Normalization.ZAVADSKAS_TURSKIS: "zavadskas_turskis_normalization",
}

#: Normalizations that divide by the column's maximum or take ratios of values.
_RATIO = (Normalization.MAX, Normalization.LINEAR, Normalization.NONLINEAR)

_POSITIVE = {
    Normalization.SUM: "strictly positive values",
    Normalization.LOGARITHMIC: "strictly positive values",
    Normalization.LINEAR: "non-zero values",
}


def _refuse(
    how: Normalization,
    keys: Sequence[str],
    columns: NDArray[np.bool_] | np.bool_,
    needs: str,
    found: str,
) -> MethodError:
    names = [keys[int(j)] for j in np.flatnonzero(columns)]
    return MethodError(
        msg(
            "engines.normalization.refuse.problem",
            "the {value!r} normalization cannot be used on these criteria",
            value=how.value,
        ),
        where="criteria " + ", ".join(repr(n) for n in names),
        expected=needs,
        found=found,
        hint=msg(
            "engines.normalization.refuse.hint",
            "choose another normalization (e.g. `minmax`, or `scale` with declared bounds)",
        ),
    )


def normalize(
    values: NDArray[np.float64],
    directions: NDArray[np.int_],
    bounds: NDArray[np.float64],
    how: Normalization,
    keys: Sequence[str] | None = None,
) -> NDArray[np.float64]:
    """Normalize every column of `values` so that more is better.

    Parameters
    ----------
    values : ndarray, shape (n, m)
        Finite criterion values of the producers being compared.
    directions : ndarray, shape (m,)
        +1 where more is better, -1 where less is better.
    bounds : ndarray, shape (m, 2)
        Declared (low, high) per criterion, NaN where none (used by ``scale``).
    how : Normalization
        Which formula.
    keys : sequence of str, optional
        Criterion keys, for error messages.

    Returns
    -------
    ndarray, shape (n, m)
        A new array.

    Raises
    ------
    MethodError
        If the normalization is undefined on these values (e.g. ``sum`` with a
        zero, ``scale`` on a criterion without bounds).
    """
    keys = list(keys) if keys is not None else [f"#{j}" for j in range(values.shape[1])]
    cost = directions < 0
    if values.shape[0] == 0:
        return values.copy()
    # The column ranges, only where a formula needs them; else only on a non-finite result.
    constant = _constant(values) if how in _RATIO or how is Normalization.LOGARITHMIC else None
    if how in _RATIO:
        # x/max, min/x and (x/max)^2 reverse the order of non-positive values: refuse them.
        bad = (values <= 0).any(axis=0) & ~_constant(values, constant)
        if bad.any():
            raise _refuse(how, keys, bad, "strictly positive values", "zero or negative values")
    if how is Normalization.LOGARITHMIC and (values > 0).all():
        bad = (np.log(values).sum(axis=0) <= 0) & ~_constant(values, constant)
        if bad.any():
            raise _refuse(
                how,
                keys,
                bad,
                "values whose product is above 1 (ln x / ln Πx keeps the order only then)",
                "a product of at most 1",
            )
    with np.errstate(divide="ignore", invalid="ignore"):
        if how is Normalization.NONE:
            out = np.where(cost, -values, values)
        elif how is Normalization.SCALE:
            missing = np.isnan(bounds).any(axis=1)
            if missing.any():
                raise _refuse(
                    how,
                    keys,
                    missing,
                    "declared bounds: `scale: [low, high]` or `levels:`",
                    "no scale",
                )
            low, high = bounds[:, 0], bounds[:, 1]
            clipped = np.clip(values, low, high)
            out = np.where(cost, high - clipped, clipped - low) / (high - low)
        elif how is Normalization.MINMAX:
            lo, hi = values.min(axis=0), values.max(axis=0)
            out = np.where(cost, hi - values, values - lo) / (hi - lo)
        elif how is Normalization.MAX:
            hi = values.max(axis=0)
            out = np.where(cost, 1 - values / hi, values / hi)
        elif how is Normalization.SUM:
            nonpositive = (values <= 0).any(axis=0)
            if nonpositive.any():
                raise _refuse(how, keys, nonpositive, _POSITIVE[how], "zero or negative values")
            inverse = 1 / values
            out = np.where(cost, inverse / inverse.sum(axis=0), values / values.sum(axis=0))
        elif how is Normalization.VECTOR:
            out = _vector(values, cost)
        else:
            out = _pymcdm_normalize(values, cost, how, keys)
    finite = np.isfinite(out).all(axis=0)
    if not finite.all():
        constant = _constant(values, constant)
        out[:, constant & ~finite] = 1.0  # a constant column cannot tell producers apart
        bad = ~(finite | constant)
        if bad.any():
            raise _refuse(
                how, keys, bad, "values on which the formula is defined", "a division by 0"
            )
    return out


def _constant(
    values: NDArray[np.float64], known: NDArray[np.bool_] | None = None
) -> NDArray[np.bool_]:
    """The columns on which every producer has the same value (`known`, if computed)."""
    if known is not None:
        return known
    result: NDArray[np.bool_] = values.min(axis=0) == values.max(axis=0)
    return result


def _vector(values: NDArray[np.float64], cost: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Vector normalization: x / ‖x‖ (benefit) or 1 − x / ‖x‖ (cost), in one new array.

    The result has the memory layout of `values`.
    """
    norm = np.sqrt(np.einsum("ij,ij->j", values, values))
    out: NDArray[np.float64] = values / norm
    for j in np.flatnonzero(cost):
        column = out[:, j]
        np.subtract(1.0, column, out=column)
    return out


def _pymcdm_normalize(
    values: NDArray[np.float64], cost: NDArray[np.bool_], how: Normalization, keys: list[str]
) -> NDArray[np.float64]:
    from pymcdm import normalizations  # imported here: pymcdm pulls in matplotlib

    if how in _POSITIVE:
        bad = (
            (values <= 0).any(axis=0) if how is not Normalization.LINEAR else (values == 0).any(0)
        )
        if bad.any():
            raise _refuse(how, keys, bad, _POSITIVE[how], "zero or negative values")
    function = getattr(normalizations, _PYMCDM[how])
    out = np.empty_like(values)
    for j in range(values.shape[1]):
        try:
            out[:, j] = function(values[:, j], cost=bool(cost[j]))
        except (ValueError, ZeroDivisionError) as exc:
            raise _refuse(
                how, keys, np.arange(values.shape[1]) == j, "valid values", str(exc)
            ) from None
    return out
