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

The polynomials come from the engine (:meth:`~selection.engines.Engine.curves`):
any engine whose capabilities include ``exact_intervals`` gets exact intervals;
others get a clear "not available" and can use :func:`sweep`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from .. import plots
from ..engines import ENGINES, Curves, Method, Normalization, competition_ranks
from ..errors import ArgumentError, MethodError
from ..grid import Grid, level_name
from ..messages import msg, render
from ..results import TableResult
from ..scoring import ProblemSource, prepare
from ..validators import one_of, whole_number
from .factors import Factors, Level, check_level, factors_for

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "SCOPES",
    "Line",
    "Scope",
    "StabilityIntervals",
    "Sweep",
    "line_for",
    "sweep",
    "weight_intervals",
]

Scope = Literal["ranking", "winner", "top"]

#: What must stay the same along a weight's line.
SCOPES: tuple[Scope, ...] = ("ranking", "winner", "top")

_REAL = 1e-9  # imaginary part (relative) below which a root counts as real
_STEP = 1e-7  # distance at which a sign change is checked on each side of a root


@dataclass(frozen=True, slots=True)
class Line:
    """Criterion weights along one factor's line: w(t) = u + t v; current t0."""

    u: NDArray[np.float64]
    v: NDArray[np.float64]
    t0: float


def line_for(context: Factors, factor: int) -> Line:
    """The line of criterion weights when factor `factor` moves, others proportional."""
    k = len(context.keys)
    if k < 2:
        raise ArgumentError(
            msg(
                "line.one_weight",
                "varying a weight needs at least two {level} weights",
                level=level_name(context.level),
            ),
            where=context.keys[0],
            expected=msg("line.one_weight_expected", "2 or more weights"),
            found=msg("line.one_weight_found", "only one"),
            hint=(
                msg("sensitivity.stability.line_for.hint.a", "use level='criterion'")
                if context.level == "battery"
                else None
            ),
        )
    rest = context.weights.copy()
    rest[factor] = 0.0
    base = (
        rest / rest.sum() if rest.sum() > 0 else np.where(np.arange(k) == factor, 0, 1 / (k - 1))
    )
    unit = np.zeros(k)
    unit[factor] = 1.0
    return Line(
        u=base @ context.to_criteria,
        v=(unit - base) @ context.to_criteria,
        t0=float(context.weights[factor]),
    )


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


def curves_along(context: Factors, line: Line) -> Curves:
    """The engine's polynomials along `line`, or an error when it has none."""
    engine = context.engine
    curves = getattr(engine, "curves", None)
    if not engine.capabilities.exact_intervals or curves is None:
        capable = [name for name, other in ENGINES.items() if other.capabilities.exact_intervals]
        raise MethodError(
            msg(
                "intervals.not_available",
                "exact stability intervals are defined for {capable:list}, not {method}",
                capable=capable,
                method=engine.name,
            ),
            where="method",
            expected=msg("intervals.expected", "{capable:or}", capable=capable),
            found=str(engine.name),
            hint=msg("intervals.hint", "use sweep() for a numerical view with other methods"),
        )
    result: Curves = curves(context.problem, line.u, line.v)
    return result


def _interval(
    curves: Curves, line: Line, pairs: NDArray[np.int_]
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


@dataclass(frozen=True, eq=False)
class StabilityIntervals(TableResult):
    """For each weight, the interval over which the ranking (or winner, or top k) holds.

    Attributes
    ----------
    table : DataFrame
        Indexed by criterion (or battery) key: ``weight`` (current share),
        ``low``, ``high``, and ``low_swap`` / ``high_swap``: the producers whose
        swap ends the interval on each side ("" if it reaches 0 or 1).
    scope : str
    k : int or None
    level : str
    method : str
    labels : dict
        Factor key → label in the grid.
    """

    table: pd.DataFrame
    scope: str
    k: int | None
    level: str
    method: str
    labels: dict[str, str]

    def summary(self, lang: str | None = None) -> str:
        """One line per weight: its interval, in words."""
        lines = []
        for key, row in self.table.iterrows():
            lines.append(
                render(
                    msg(
                        "intervals.line",
                        "{label}: {low:.0%} to {high:.0%} (now {now:.0%})",
                        label=self.labels.get(str(key), str(key)),
                        low=float(row["low"]),
                        high=float(row["high"]),
                        now=float(row["weight"]),
                    ),
                    lang,
                )
            )
        return "\n".join(lines)

    def plot(self, ax: Axes | None = None, **options: Any) -> Axes:
        """The intervals as bars (see :func:`selection.plots.intervals`)."""
        return plots.intervals(self, ax=ax, **options)

    def __repr__(self) -> str:
        what = f"top {self.k}" if self.scope == "top" else self.scope
        return (
            f"<StabilityIntervals of the {what} for {len(self.table)} {self.level} weights "
            f"({self.method})>"
        )


def weight_intervals(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    scope: Scope = "ranking",
    k: int | None = None,
    level: Level = "criterion",
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
) -> StabilityIntervals:
    """For each weight, the interval over which the ranking (or winner, or top k) holds.

    Each weight moves alone, the others keeping their proportions. Exact for
    engines that provide polynomial curves (the weighted sum and TOPSIS with a
    fixed normalization), not a grid search.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; or a prepared problem or a Ranking, alone.
    scope : {"ranking", "winner", "top"}
        What must stay the same: the full order of eligible producers, the
        best producer, or the set of the `k` best.
    k : int
        With ``scope="top"``; above the number of eligible producers it is
        capped (everyone is in the top: every interval is 0 to 1).
    level : {"criterion", "battery"}
    method, normalization
        Default: the grid's.

    Returns
    -------
    StabilityIntervals

    Examples
    --------
    >>> import selection
    >>> table = weight_intervals(selection.example_producers_path(),
    ...                          selection.example_grid_path(), scope="winner").table
    >>> bool(((table["low"] <= table["weight"]) & (table["weight"] <= table["high"])).all())
    True
    """
    chosen: Scope = one_of(scope, "scope", SCOPES, what=msg("what.scope", "scope"))
    context = factors_for(producers, grid, level=level, method=method, normalization=normalization)
    if chosen == "top":
        k = whole_number(
            k,
            "k",
            low=1,
            problem=msg("intervals.top_needs_k", "scope 'top' needs k"),
            expected=msg(
                "intervals.k_expected",
                "a whole number from 1 to {last} ({count} eligible producers)",
                last=max(context.n - 1, 1),
                count=context.n,
            ),
        )
        k = min(k, context.n)
    current = context.scores(context.weights[None, :])[0]
    # Producers tied at the grid's weights are taken in the order of their ids, not of the
    # table's rows: the intervals do not depend on how the table is sorted.
    ranks = competition_ranks(current)
    by_id = np.argsort(np.argsort(np.asarray(context.ids, dtype=str), kind="stable"))
    order = np.lexsort((by_id, ranks))
    pairs = _pairs(order, chosen, k)
    ids = context.ids
    rows = []
    for factor in range(len(context.keys)):
        line = line_for(context, factor)
        low, high, low_pair, high_pair = _interval(curves_along(context, line), line, pairs)
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
    frame = pd.DataFrame(rows, index=pd.Index(context.keys, name=context.level))
    labels = dict(zip(context.keys, context.labels, strict=True))
    frame.attrs.update(scope=chosen, k=k, method=context.engine.name, labels=labels)
    return StabilityIntervals(
        table=frame,
        scope=chosen,
        k=k,
        level=context.level,
        method=str(context.engine.name),
        labels=labels,
    )


@dataclass(frozen=True, eq=False)
class Sweep(TableResult):
    """Score and rank of every eligible producer as one weight goes from 0 to 1.

    Attributes
    ----------
    table : DataFrame
        Tidy: one row per (weight value, producer): ``weight``, ``producer``,
        ``score``, ``rank``; ``attrs`` hold what the attributes below hold.
    factor, label : str
        The weight moved, and its label in the grid.
    level : str
    current : float
        The grid's share of that weight.
    method : str
    higher_is_better : bool
        The direction of ``score``.
    """

    table: pd.DataFrame
    factor: str
    label: str
    level: str
    current: float
    method: str
    higher_is_better: bool

    def summary(self, lang: str | None = None) -> str:
        """Who is first at each end of the line and at the current weight."""
        first = self.table[self.table["rank"] == 1]
        ends = first.groupby("weight")["producer"].first()
        now = ends.index[int(np.abs(ends.index.to_numpy() - self.current).argmin())]
        return render(
            msg(
                "sweep.summary",
                "{label} from {low:.0%} to {high:.0%}: first {start} at {low:.0%}, {now_id} now "
                "({now:.0%}), {end} at {high:.0%}.",
                label=self.label,
                low=0.0,
                high=1.0,
                start=str(ends.iloc[0]),
                now_id=str(ends.loc[now]),
                now=self.current,
                end=str(ends.iloc[-1]),
            ),
            lang,
        )

    def plot(self, ax: Axes | None = None, **options: Any) -> Axes:
        """Lines of rank (or score) against the weight (see :func:`selection.plots.sweep`)."""
        return plots.sweep(self, ax=ax, **options)

    def __repr__(self) -> str:
        steps = self.table["weight"].nunique()
        producers = self.table["producer"].nunique()
        return (
            f"<Sweep of {self.label!r} ({self.level}) over {steps} steps, {producers} producers, "
            f"{self.method}>"
        )


def sweep(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    weight: str,
    steps: int = 101,
    level: Level | None = None,
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
) -> Sweep:
    """Score and rank of every eligible producer as one weight goes from 0 to 1.

    The other weights keep their proportions. `weight` is a criterion key, or a
    battery key (then the level is the battery level).

    Returns
    -------
    Sweep

    Examples
    --------
    >>> import selection
    >>> lines = sweep(selection.example_producers_path(), selection.example_grid_path(),
    ...               weight="locality", steps=11)
    >>> lines.table["weight"].nunique(), lines.level
    (11, 'battery')
    """
    prepared = prepare(producers, grid, method=method, normalization=normalization)
    batteries = [b.key for b in prepared.grid.batteries]
    the_level: Level = (
        check_level(level)
        if level is not None
        else ("battery" if weight in batteries else "criterion")
    )
    steps = whole_number(
        steps,
        "steps",
        low=2,
        problem=msg("sweep.steps", "too few steps"),
        expected=msg("sweep.steps_expected", "2 or more"),
    )
    context = factors_for(prepared, level=the_level)
    factor = context.index(weight)
    line = line_for(context, factor)
    t = np.linspace(0.0, 1.0, steps)
    criterion_weights = line.u[None, :] + t[:, None] * line.v[None, :]
    raw = context.engine.scores(context.problem, criterion_weights)
    ranks = competition_ranks(raw, higher_is_better=context.engine.higher_is_better)
    frame = pd.DataFrame(
        {
            "weight": np.repeat(t, context.n),
            "producer": np.tile(np.asarray(context.ids, dtype=object), steps),
            "score": raw.ravel(),
            "rank": ranks.ravel(),
        }
    )
    key = context.keys[factor]
    label = context.labels[factor]
    frame.attrs.update(
        current=line.t0,
        factor=key,
        label=label,
        level=the_level,
        method=context.engine.name,
        higher_is_better=context.engine.higher_is_better,
    )
    return Sweep(
        table=frame,
        factor=key,
        label=label,
        level=the_level,
        current=line.t0,
        method=str(context.engine.name),
        higher_is_better=context.engine.higher_is_better,
    )
