"""One weight at a time: exact stability intervals and sweeps.

Moving factor k's weight to t while the other factors keep their proportions
puts the factor weights on a line, ``f(t) = (1 − t) b + t e_k`` (b: the other
weights rescaled to sum 1), and so the criterion weights too: ``w(t) = u + t v``.
On that line

- a weighted sum is linear in t: two producers swap at one point;
- TOPSIS with a fixed normalization has D±_i(t)² = Σ_j G±_ij (u_j + t v_j)²,
  quadratic in t, and producers i and j swap where
  D⁻_i² D⁺_j² − D⁻_j² D⁺_i² = 0, a quartic in t.

:func:`weight_intervals` finds those roots exactly (companion-matrix
eigenvalues), keeps those where the order really changes, and returns for each
factor the interval around its current weight over which the scope (the whole
ranking, the winner, or the set of the top k) stays the same. The first change
of a ranking along the line is always a swap of two producers adjacent in the
current order, so the ranking scope tests adjacent pairs only.
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..errors import MethodError, SelectionError, did_you_mean
from ..grid_file import load_grid
from ..model import Grid
from ..table import Producers
from ..vocabulary import Method, Normalization
from .acceptability import competition_ranks
from .context import Context, Level, prepare

__all__ = ["line_for", "sweep", "weight_intervals"]

Scope = Literal["ranking", "winner", "top"]

_REAL = 1e-9  # imaginary part (relative) below which a root counts as real
_STEP = 1e-7  # distance at which a sign change is checked on each side of a root


@dataclass(frozen=True, slots=True)
class _Line:
    """Criterion weights along one factor's line: w(t) = u + t v; current t0."""

    u: NDArray[np.float64]
    v: NDArray[np.float64]
    t0: float


def line_for(context: Context, factor: int) -> _Line:
    """The line of criterion weights when factor `factor` moves, others proportional."""
    k = len(context.factors)
    if k < 2:
        raise SelectionError(
            f"varying a weight needs at least two {context.level} weights",
            where=context.factors[0],
            expected=f"2 or more {context.level} weights",
            found="only one",
            hint="use level='criterion'" if context.level == "battery" else None,
        )
    rest = context.weights.copy()
    rest[factor] = 0.0
    base = (
        rest / rest.sum() if rest.sum() > 0 else np.where(np.arange(k) == factor, 0, 1 / (k - 1))
    )
    unit = np.zeros(k)
    unit[factor] = 1.0
    return _Line(
        u=base @ context.to_criteria,
        v=(unit - base) @ context.to_criteria,
        t0=float(context.weights[factor]),
    )


def _factor(context: Context, key: str) -> int:
    if key not in context.factors:
        raise SelectionError(
            f"unknown {context.level} {key!r}",
            where="weight",
            expected="one of: " + ", ".join(context.factors),
            found=repr(key),
            hint=did_you_mean(key, context.factors),
        )
    return context.factors.index(key)


def _pairs(order: NDArray[np.int_], scope: Scope, k: int | None) -> NDArray[np.int_]:
    n = len(order)
    if scope == "ranking":
        return np.column_stack([order[:-1], order[1:]])
    if scope == "winner":
        return np.column_stack([np.full(n - 1, order[0]), order[1:]])
    assert k is not None
    inside, outside = order[:k], order[k:]
    return np.array([(i, j) for i in inside for j in outside], dtype=int).reshape(-1, 2)


def _roots(coefficients: NDArray[np.float64]) -> NDArray[np.float64]:
    """Real roots of many polynomials (rows, highest degree first); NaN-padded (P, degree)."""
    count, width = coefficients.shape
    out = np.full((count, width - 1), np.nan)
    scale = np.abs(coefficients).max(axis=1)
    scale[scale == 0] = 1.0
    normed = coefficients / scale[:, None]
    nonzero = np.abs(normed) > 1e-13
    # First non-negligible coefficient; a pair tied all along the line has no roots.
    leading = np.where(nonzero.any(axis=1), nonzero.argmax(axis=1), width - 1)
    for lead in np.unique(leading):
        rows = np.flatnonzero(leading == lead)
        degree = width - 1 - lead
        if degree < 1:
            continue
        c = normed[rows, lead:]
        companion = np.zeros((len(rows), degree, degree))
        companion[:, 0, :] = -c[:, 1:] / c[:, :1]
        companion[:, np.arange(1, degree), np.arange(degree - 1)] = 1.0
        values = np.linalg.eigvals(companion)
        real = np.abs(values.imag) <= _REAL * np.maximum(1.0, np.abs(values.real))
        out[rows, :degree] = np.where(real, values.real, np.nan)
    return out


@dataclass(frozen=True, slots=True)
class _Curves:
    """Every producer's score along one line, as polynomials in t (higher is better).

    Weighted sum: s_i(t) = p_i + q_i t. TOPSIS: D±_i(t)² = a± t² + b± t + c± (rows of
    `plus` and `minus`), and C_i = D⁻ / (D⁺ + D⁻).
    """

    method: Method
    coefficients: tuple[NDArray[np.float64], ...]

    @classmethod
    def along(
        cls, context: Context, line: _Line, gaps: tuple[NDArray[np.float64], ...]
    ) -> _Curves:
        method = context.engine.method
        if method is Method.WSM:
            r = context.problem.normalized
            return cls(method, (np.column_stack([r @ line.v, r @ line.u]),))
        if method is Method.TOPSIS:
            quadratic = [line.v**2, 2 * line.u * line.v, line.u**2]  # t², t, 1
            return cls(method, tuple(np.column_stack([g @ c for c in quadratic]) for g in gaps))
        raise MethodError(
            f"exact stability intervals are defined for wsm and topsis, not {method.value}",
            where="method",
            expected="wsm or topsis",
            found=method.value,
            hint="use sweep() for a numerical view with other methods",
        )

    def at(self, producers: NDArray[np.int_], t: NDArray[np.float64]) -> NDArray[np.float64]:
        """Scores (P, T) of `producers` (P,) at points `t` (P, T)."""

        def value(poly: NDArray[np.float64]) -> NDArray[np.float64]:
            rows = poly[producers]  # highest degree first: Horner's rule
            out = np.broadcast_to(rows[:, :1], t.shape).astype(float)
            for k in range(1, rows.shape[1]):
                out = out * t + rows[:, k : k + 1]
            return out

        if self.method is Method.WSM:
            return value(self.coefficients[0])
        d_plus = np.sqrt(np.maximum(value(self.coefficients[0]), 0.0))
        d_minus = np.sqrt(np.maximum(value(self.coefficients[1]), 0.0))
        total = d_plus + d_minus
        return np.asarray(np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0))

    def crossings(self, pairs: NDArray[np.int_]) -> NDArray[np.float64]:
        """Polynomials in t (highest degree first) whose roots include every swap of each pair."""
        i, j = pairs[:, 0], pairs[:, 1]
        if self.method is Method.WSM:
            (linear,) = self.coefficients
            return np.asarray(linear[i] - linear[j])
        plus, minus = self.coefficients

        def product(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.float64]:
            return np.column_stack(
                [
                    a[:, 0] * b[:, 0],
                    a[:, 0] * b[:, 1] + a[:, 1] * b[:, 0],
                    a[:, 0] * b[:, 2] + a[:, 1] * b[:, 1] + a[:, 2] * b[:, 0],
                    a[:, 1] * b[:, 2] + a[:, 2] * b[:, 1],
                    a[:, 2] * b[:, 2],
                ]
            )

        return product(minus[i], plus[j]) - product(minus[j], plus[i])


def _squared_gaps(context: Context) -> tuple[NDArray[np.float64], ...]:
    """TOPSIS's (r − r⁺)² and (r − r⁻)², computed once for all lines."""
    if context.engine.method is not Method.TOPSIS:
        return ()
    r = context.problem.normalized
    return (r - r.max(axis=0)) ** 2, (r - r.min(axis=0)) ** 2


def _interval(
    curves: _Curves, line: _Line, pairs: NDArray[np.int_]
) -> tuple[float, float, tuple[int, int] | None, tuple[int, int] | None]:
    if len(pairs) == 0:
        return 0.0, 1.0, None, None
    roots = _roots(curves.crossings(pairs))
    inside = (roots >= 0) & (roots <= 1) & (np.abs(roots - line.t0) > 1e-12)
    candidates = np.where(inside, roots, np.nan)
    # Keep the roots where the pair's order really changes.
    flat_pairs = np.repeat(pairs, candidates.shape[1], axis=0)
    flat_roots = candidates.ravel()
    valid = ~np.isnan(flat_roots)
    if valid.any():
        t = flat_roots[valid]
        around = np.column_stack([np.clip(t - _STEP, 0, 1), np.clip(t + _STEP, 0, 1)])
        chosen = flat_pairs[valid]
        diff = curves.at(chosen[:, 0], around) - curves.at(chosen[:, 1], around)
        changes = np.sign(diff[:, 0]) != np.sign(diff[:, 1])
        keep = np.flatnonzero(valid)[changes]
        t = flat_roots[keep]
        swapped = flat_pairs[keep]
    else:
        t = np.empty(0)
        swapped = np.empty((0, 2), dtype=int)
    above, below = t > line.t0, t < line.t0
    high, high_pair = 1.0, None
    low, low_pair = 0.0, None
    if above.any():
        a = np.flatnonzero(above)[np.argmin(t[above])]
        high, high_pair = float(t[a]), (int(swapped[a, 0]), int(swapped[a, 1]))
    if below.any():
        b = np.flatnonzero(below)[np.argmax(t[below])]
        low, low_pair = float(t[b]), (int(swapped[b, 0]), int(swapped[b, 1]))
    return low, high, low_pair, high_pair


def weight_intervals(
    producers: Producers,
    grid: Grid | str | PathLike[str],
    scope: Scope = "ranking",
    k: int | None = None,
    *,
    level: Level = "criterion",
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
) -> pd.DataFrame:
    """For each weight, the interval over which the ranking (or winner, or top k) holds.

    Each weight moves alone, the others keeping their proportions. Exact for
    the weighted sum and for TOPSIS (normalization fixed), not a grid search.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`.
    scope : {"ranking", "winner", "top"}
        What must stay the same: the full order of eligible producers, the
        best producer, or the set of the `k` best.
    k : int
        With ``scope="top"``.
    level : {"criterion", "battery"}
    method, normalization
        Default: the grid's (wsm or topsis).

    Returns
    -------
    DataFrame
        Indexed by criterion (or battery) key: ``weight`` (current share),
        ``low``, ``high``, and ``low_swap`` / ``high_swap``: the producers
        whose swap ends the interval on each side ("" if it reaches 0 or 1).

    Examples
    --------
    >>> import selection
    >>> table = weight_intervals(selection.example_producers_path(),
    ...                          selection.example_grid_path(), scope="winner")
    >>> bool(((table["low"] <= table["weight"]) & (table["weight"] <= table["high"])).all())
    True
    """
    context = prepare(producers, grid, method, normalization, level)
    if scope not in ("ranking", "winner", "top"):
        raise SelectionError(
            "unknown scope",
            where="scope",
            expected="'ranking', 'winner' or 'top'",
            found=repr(scope),
        )
    if scope == "top" and (k is None or not 1 <= k < context.n):
        raise SelectionError(
            "scope 'top' needs k",
            where="k",
            expected=f"1 ≤ k < {context.n} (the eligible producers)",
            found=repr(k),
        )
    current = context.scores(context.weights[None, :])[0]
    order = np.argsort(-current, kind="stable")
    pairs = _pairs(order, scope, k)
    ids = context.ids
    rows = []
    gaps = _squared_gaps(context)
    for factor in range(len(context.factors)):
        line = line_for(context, factor)
        low, high, low_pair, high_pair = _interval(_Curves.along(context, line, gaps), line, pairs)
        rows.append(
            {
                "weight": line.t0,
                "low": low,
                "high": high,
                "low_swap": "" if low_pair is None else f"{ids[low_pair[0]]} ↔ {ids[low_pair[1]]}",
                "high_swap": ""
                if high_pair is None
                else f"{ids[high_pair[0]]} ↔ {ids[high_pair[1]]}",
            }
        )
    frame = pd.DataFrame(rows, index=pd.Index(context.factors, name=context.level))
    frame.attrs.update(
        scope=scope,
        k=k,
        method=context.engine.method.value,
        labels=dict(zip(context.factors, context.labels, strict=True)),
    )
    return frame


def sweep(
    producers: Producers,
    grid: Grid | str | PathLike[str],
    weight: str,
    steps: int = 101,
    *,
    level: Level | None = None,
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
) -> pd.DataFrame:
    """Score and rank of every eligible producer as one weight goes from 0 to 1.

    The other weights keep their proportions. `weight` is a criterion key, or a
    battery key (then the level is the battery level).

    Returns
    -------
    DataFrame
        Tidy: one row per (weight value, producer) with columns ``weight``,
        ``producer``, ``score``, ``rank``; ``attrs`` hold ``current`` (the
        grid's share of that weight), ``factor``, ``label``, ``level``,
        ``method`` and ``higher_is_better`` (the direction of ``score``).

    Examples
    --------
    >>> import selection
    >>> lines = sweep(selection.example_producers_path(), selection.example_grid_path(),
    ...               "locality", steps=11)
    >>> lines["weight"].nunique(), lines.attrs["level"]
    (11, 'battery')
    """
    the_grid = grid if isinstance(grid, Grid) else load_grid(grid)
    batteries = [b.key for b in the_grid.batteries]
    the_level: Level = level or ("battery" if weight in batteries else "criterion")
    if steps < 2:
        raise SelectionError(
            "too few steps", where="steps", expected="2 or more", found=str(steps)
        )
    context = prepare(producers, the_grid, method, normalization, the_level)
    line = line_for(context, _factor(context, weight))
    t = np.linspace(0.0, 1.0, steps)
    criterion_weights = line.u[None, :] + t[:, None] * line.v[None, :]
    raw = context.engine.scores(context.problem, criterion_weights)
    oriented = raw if context.engine.higher_is_better else -raw
    ranks = competition_ranks(oriented)
    frame = pd.DataFrame(
        {
            "weight": np.repeat(t, context.n),
            "producer": np.tile(np.asarray(context.ids, dtype=object), steps),
            "score": raw.ravel(),
            "rank": ranks.ravel(),
        }
    )
    frame.attrs.update(
        current=line.t0,
        factor=weight,
        label=context.labels[context.factors.index(weight)],
        level=the_level,
        method=context.engine.method.value,
        higher_is_better=context.engine.higher_is_better,
    )
    return frame
