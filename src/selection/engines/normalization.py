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
``linear``             x / max                          min / x
``nonlinear``          (x / max)²                       (min / x)³
=====================  ===============================  ==============================

``scale`` uses the criterion's declared bounds (``scale: [low, high]``, or the
range of its levels): a producer's normalized value does not depend on the other
producers, which is what a points grid means. Values beyond the bounds count as
the bound. ``logarithmic``, ``enhanced_accuracy`` and ``zavadskas_turskis`` are
pymcdm's functions, called column by column.

The ratio formulas (``max``, ``sum``, ``linear``, ``nonlinear``) refuse only what
would divide by zero or reverse the order, and say which: a 0 on a criterion
where more is better is valid (0 / max = 0 keeps the order; pymcdm refuses it),
a 0 where less is better is not (min / x).

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
from ..messages import Message, msg
from .vocabulary import Normalization

__all__ = ["normalize"]

_PYMCDM = {
    Normalization.LOGARITHMIC: "logarithmic_normalization",
    Normalization.ENHANCED_ACCURACY: "enhanced_accuracy_normalization",
    Normalization.ZAVADSKAS_TURSKIS: "zavadskas_turskis_normalization",
}

#: Normalizations that divide by the column's maximum, or its minimum by each value.
_RATIO = (Normalization.MAX, Normalization.LINEAR, Normalization.NONLINEAR, Normalization.SUM)

_POSITIVE = {
    Normalization.LOGARITHMIC: "strictly positive values",
}


def _ratio_refusal(
    values: NDArray[np.float64], cost: NDArray[np.bool_], how: Normalization
) -> tuple[NDArray[np.bool_], Message, Message] | None:
    """The columns a ratio normalization cannot take, what it needs and what it found.

    Only what would divide by zero or reverse the order is refused: a zero in a
    benefit column is valid for x / max (it keeps the order).
    """
    high = values.max(axis=0)
    low = values.min(axis=0)
    constant = low == high
    if how is Normalization.SUM:
        cost_bad = cost & (low <= 0)
        benefit_bad = ~cost & ((low < 0) | (values.sum(axis=0) <= 0))
    else:
        # x / max divides by the maximum: it must be > 0 (else 0 or an order reversed).
        benefit_bad = ~cost & (high <= 0)
        if how is Normalization.NONLINEAR:
            benefit_bad |= ~cost & (low < 0)  # (x / max)² puts −2 above 1
        # min / x (linear, nonlinear, sum) divides by every value; 1 − x / max by the maximum.
        cost_bad = cost & ((high <= 0) if how is Normalization.MAX else (low <= 0))
    bad = (benefit_bad | cost_bad) & ~constant
    if not bad.any():
        return None
    j = int(np.flatnonzero(bad)[0])
    if cost_bad[j]:
        return (
            bad,
            msg(
                "normalization.cost_positive",
                "values > 0 where less is better (the formula divides by each value)",
            )
            if how is not Normalization.MAX
            else msg("normalization.max_positive", "a largest value > 0 (x / max divides by it)"),
            msg(
                "normalization.found_nonpositive",
                "{value:.4g}, which would divide by zero or reverse the order",
                value=float(low[j] if how is not Normalization.MAX else high[j]),
            ),
        )
    if high[j] <= 0 or (how is Normalization.SUM and values[:, j].sum() <= 0):
        return (
            bad,
            msg("normalization.max_positive", "a largest value > 0 (x / max divides by it)"),
            msg(
                "normalization.found_max",
                "a largest value of {value:.4g}, which would divide by zero or reverse the order",
                value=float(high[j]),
            ),
        )
    return (
        bad,
        msg("normalization.nonnegative", "values ≥ 0 (a negative value would move up)"),
        msg(
            "normalization.found_negative",
            "{value:.4g}, which would reverse the order",
            value=float(low[j]),
        ),
    )


def _refuse(
    how: Normalization,
    keys: Sequence[str],
    columns: NDArray[np.bool_] | np.bool_,
    needs: str | Message,
    found: str | Message,
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
    constant = _constant(values) if how is Normalization.LOGARITHMIC else None
    if how in _RATIO:
        refusal = _ratio_refusal(values, cost, how)
        if refusal is not None:
            raise _refuse(how, keys, *refusal)
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
            inverse = 1 / values
            out = np.where(cost, inverse / inverse.sum(axis=0), values / values.sum(axis=0))
        elif how is Normalization.VECTOR:
            out = _vector(values, cost)
        elif how is Normalization.LINEAR:
            out = np.where(cost, values.min(axis=0) / values, values / values.max(axis=0))
        elif how is Normalization.NONLINEAR:
            out = np.where(
                cost, (values.min(axis=0) / values) ** 3, (values / values.max(axis=0)) ** 2
            )
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
    largest = np.abs(values).max(axis=0)
    scale = np.where(largest > 0, largest, 1.0)  # squares of 1e200 would overflow: scale first
    scaled = values / scale
    norm = np.sqrt(np.einsum("ij,ij->j", scaled, scaled))
    out: NDArray[np.float64] = scaled / norm
    for j in np.flatnonzero(cost):
        column = out[:, j]
        np.subtract(1.0, column, out=column)
    return out


def _pymcdm_normalize(
    values: NDArray[np.float64], cost: NDArray[np.bool_], how: Normalization, keys: list[str]
) -> NDArray[np.float64]:
    from pymcdm import normalizations  # imported here: pymcdm pulls in matplotlib

    if how in _POSITIVE:
        bad = (values <= 0).any(axis=0)
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
