"""Approval in tiers under other weights: how far each weight may move, how often each tier.

The range of each weight that keeps a producer's tier, and how often each tier
comes up under plausible weightings.

A grid's ``select: {tiers: ...}`` puts each eligible producer in a score band
(:mod:`selection.grid.rules`). Two questions follow.

*One weight at a time.* Moving one factor's weight (battery or criterion) to t
while the others keep their proportions puts the criterion weights on a line,
``w(t) = u + t v`` (:func:`~selection.sensitivity.stability.line_for`, the line
of :func:`~selection.sensitivity.weight_intervals`). A producer changes tier
where its score crosses a threshold: where ``s_i(t) = τ``.

- For an engine whose scores are linear in the weights (capability
  ``linear_in_weights``: the weighted sum), ``s_i(t) = a_i + b_i t`` and each
  crossing is solved exactly, ``t = (τ − a_i) / b_i``.
- For any other engine (TOPSIS, VIKOR, PROMETHEE II...) every producer is
  scored at `steps` points of the line at once (one batch), each change of
  side of a threshold between two neighbouring points is bracketed, and the
  crossing is refined by bisection (42 halvings: to 1e-15 of the line), using
  the engine's polynomial curves (:meth:`~selection.engines.Engine.curves`)
  when it has them. The crossings found are exact to that precision; what a
  sweep can miss is a producer that leaves its tier and comes back between two
  neighbouring points (an excursion shorter than 1/(steps − 1) of the line:
  0.1 % of the weight with the default 1,001 points). With TOPSIS, closeness
  equals τ where ``(1 − τ)² D⁻(t)² = τ² D⁺(t)²``, a quadratic in t: at most two
  crossings per threshold, so both would have to fall between two points.

*Plausible weightings.* :func:`~selection.sensitivity.tier_smaa.tier_acceptability`
(in :mod:`~selection.sensitivity.tier_smaa`) draws weightings as
:func:`~selection.sensitivity.acceptability` does (uniform on the simplex,
around the grid's weights, under an importance order, within bounds, or given)
and counts, for every producer, the share of weightings that put it in each
tier: one comparison per threshold on the (S, n) score block of each chunk,
then one ``bincount``; no loop over the weightings.

Only eligible producers are analysed: the gates do not depend on the weights.

Examples
--------
>>> import selection
>>> grid = selection.parse_grid('''
... format: selection/grid@1
... name: toy
... id: id
... normalization: none
... batteries:
...   q: {weight: 1, criteria: {q1: {}}}
...   l: {weight: 1, criteria: {l1: {}}}
... select:
...   tiers:
...     - {min_score: 0.65, label: gold, rate: 0.9}
...     - {min_score: 0.5, label: silver, rate: 0.5}
...     - {label: none, rate: 0}
... ''')
>>> import pandas as pd
>>> table = pd.DataFrame({"id": ["A", "B"], "q1": [0.9, 0.4], "l1": [0.5, 0.8]})
>>> intervals = tier_intervals(table, grid, level="battery")
>>> row = intervals.table.loc[("A", "q")]
>>> row["tier"], round(float(row["low"]), 12), float(row["high"])
('gold', 0.375, 1.0)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..engines import Curves, Method, Normalization
from ..errors import GridError
from ..grid import Grid, SelectionRule, level_name
from ..messages import labelled, msg, msgn, render
from ..results import TableResult
from ..scoring import NOT_APPROVED, ProblemSource, check_tier_direction, tier_bands
from ..validators import whole_number
from .factors import CHUNK, Factors, Level, factors_for
from .stability import Line, curves_along, line_for

__all__ = [
    "STEPS",
    "Segments",
    "TierIntervals",
    "check_rule",
    "cuts_of",
    "tier_intervals",
    "tier_names",
    "tier_runs",
    "tier_segments",
]

#: Points of each weight's line scored at once before bisection (engines not linear in t).
STEPS = 1001

#: Halvings of a bracketing step: 2⁻⁴² of 1/1000 is below 1e-15.
_HALVINGS = 42

#: Two crossings closer than this (on a line of length 1) are one; a crossing this close
#: to the current weight is at it.
_SAME = 1e-12


def check_rule(context: Factors) -> SelectionRule:
    """The grid's rule in tiers, checked against the method's direction."""
    rule = context.grid.select
    if rule is None or not rule.tiered:
        raise GridError(
            msg("tiers.none", "the grid has no tiers"),
            where=msg(
                "where.grid", "grid {name!r}", name=context.grid.source or context.grid.name
            ),
            expected=msg(
                "tiers.none_expected",
                "a `select:` section with `tiers:`, e.g. "
                "`tiers: [{{min_score: 0.7, label: approved}}, {{label: not approved}}]`",
            ),
            found=msg("tiers.none_found", "no tiers")
            if rule is None
            else render(rule.conditions()),
        )
    check_tier_direction(rule, context.engine.higher_is_better)
    return rule


def cuts_of(context: Factors, rule: SelectionRule) -> NDArray[np.float64]:
    """The thresholds, best first, on the scale where higher is better."""
    sign = 1.0 if context.engine.higher_is_better else -1.0
    return sign * np.asarray(rule.thresholds, dtype=float)


def tier_names(rule: SelectionRule) -> list[str]:
    """Each band's name, best first.

    The approving tiers' labels, then the open tier's label or ``not approved``
    (:data:`~selection.scoring.NOT_APPROVED`).

    Band ``b`` of :func:`~selection.scoring.tier_bands` is ``tier_names(rule)[b]``.
    """
    rest = rule.open_tier
    return [t.label for t in rule.approving_tiers] + [
        rest.label if rest is not None else NOT_APPROVED
    ]


# -- one weight at a time -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segments:
    """Where, along one factor's line, each producer changes band.

    Attributes
    ----------
    breaks : ndarray, shape (n, R)
        Each producer's crossings of a threshold in (0, 1), increasing, NaN-padded.
    bands : ndarray, shape (n, R + 1)
        The band (0 = best; ``len(thresholds)``: below them all) of each piece
        between crossings; padding pieces repeat the last band.
    now : ndarray, shape (n,)
        Each producer's band at the current weight.
    t0 : float
        The factor's current weight.
    exact : bool
        True when the crossings were solved in closed form (scores linear in t).
    """

    breaks: NDArray[np.float64]
    bands: NDArray[np.int_]
    now: NDArray[np.int_]
    t0: float
    exact: bool

    def keeps(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """(low, high): the range of the weight around t0 over which each band holds."""
        left, right = self.bands[:, :-1], self.bands[:, 1:]
        real = (left != right) & ~np.isnan(self.breaks)
        at = real & (np.abs(self.breaks - self.t0) <= _SAME)
        below = real & (self.breaks < self.t0 - _SAME)
        above = real & (self.breaks > self.t0 + _SAME)
        now = self.now[:, None]
        low = np.where(below, self.breaks, 0.0).max(axis=1, initial=0.0)
        low = np.where((at & (left != now)).any(axis=1), self.t0, low)
        high = np.where(above, self.breaks, 1.0).min(axis=1, initial=1.0)
        high = np.where((at & (right != now)).any(axis=1), self.t0, high)
        return low, high


def _curves(context: Factors, line: Line) -> Curves | None:
    """The engine's polynomial curves along `line`, when it has them."""
    engine = context.engine
    if engine.capabilities.exact_intervals and getattr(engine, "curves", None) is not None:
        return curves_along(context, line)
    return None


def _evaluator(
    context: Factors, line: Line
) -> Callable[[NDArray[np.intp], NDArray[np.float64]], NDArray[np.float64]]:
    """Scores (higher is better) of producers `rows` at points `t` of the line, pair by pair."""
    curves = _curves(context, line)
    if curves is not None:
        on_line = curves

        def on_curves(rows: NDArray[np.intp], t: NDArray[np.float64]) -> NDArray[np.float64]:
            if rows.size == 0:
                return np.empty(0)
            return np.asarray(on_line.at(rows, t[:, None])[:, 0], dtype=float)

        return on_curves

    def by_batch(rows: NDArray[np.intp], t: NDArray[np.float64]) -> NDArray[np.float64]:
        out = np.empty(len(rows))
        for start in range(0, len(rows), CHUNK):
            part = slice(start, start + CHUNK)
            weights = line.u[None, :] + t[part, None] * line.v[None, :]
            scores = context.criterion_scores(weights)
            out[part] = scores[np.arange(len(weights)), rows[part]]
        return out

    return by_batch


def _sweep(context: Factors, line: Line, t: NDArray[np.float64]) -> NDArray[np.float64]:
    """Every producer's score (higher is better) at every point `t`: (n, T)."""
    curves = _curves(context, line)
    if curves is not None:  # the polynomials: cheaper than scoring T weightings
        rows = np.arange(context.n, dtype=np.intp)
        return np.asarray(curves.at(rows, np.broadcast_to(t, (context.n, len(t)))), dtype=float)
    scores = np.empty((context.n, len(t)))
    for start in range(0, len(t), CHUNK):
        part = t[start : start + CHUNK]
        weights = line.u[None, :] + part[:, None] * line.v[None, :]
        scores[:, start : start + len(part)] = context.criterion_scores(weights).T
    return scores


def _crossings(
    context: Factors, line: Line, cuts: NDArray[np.float64], steps: int, linear: bool
) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
    """Every crossing of a threshold in (0, 1): (producer rows, positions)."""
    if linear:
        ends = context.criterion_scores(np.vstack([line.u, line.u + line.v]))
        a, b = ends[0], ends[1] - ends[0]
        slope = np.abs(b) > 1e-15 * np.maximum(1.0, np.abs(a))
        with np.errstate(divide="ignore", invalid="ignore"):
            roots = (cuts[None, :] - a[:, None]) / np.where(slope, b, 1.0)[:, None]
        valid = slope[:, None] & (roots > 0.0) & (roots < 1.0)
        rows, which = np.nonzero(valid)
        return rows.astype(np.intp), roots[rows, which]
    t = np.linspace(0.0, 1.0, steps)
    bands = tier_bands(_sweep(context, line, t), cuts)  # (n, T)
    rows, step = np.nonzero(bands[:, 1:] != bands[:, :-1])
    if rows.size == 0:
        return np.empty(0, dtype=np.intp), np.empty(0)
    before, after = bands[rows, step], bands[rows, step + 1]
    # Threshold l separates band l (above it) from band l + 1: a step from band b to b'
    # crosses the thresholds min(b, b') to max(b, b') − 1, usually one.
    count = np.abs(after - before)
    first = np.minimum(before, after)
    rows, step, before = np.repeat(rows, count), np.repeat(step, count), np.repeat(before, count)
    which = np.repeat(first, count) + (
        np.arange(count.sum()) - np.repeat(count.cumsum() - count, count)
    )
    low, high = t[step], t[step + 1]
    start = before <= which  # above threshold `which` at the left end
    value = _evaluator(context, line)
    cut = cuts[which]
    rows = rows.astype(np.intp)
    for _ in range(_HALVINGS):
        middle = (low + high) / 2
        same = (value(rows, middle) >= cut) == start
        low = np.where(same, middle, low)
        high = np.where(same, high, middle)
    return rows, (low + high) / 2


def tier_segments(
    context: Factors, factor: int, *, steps: int = STEPS, rule: SelectionRule | None = None
) -> Segments:
    """Each eligible producer's bands along factor `factor`'s line (see :class:`Segments`).

    Parameters
    ----------
    context : Factors
        The problem and the level (:func:`~selection.sensitivity.factors_for`).
    factor : int
        The position of the weight moved.
    steps : int
        Points of the line scored before bisection (ignored when the scores are linear in t).
    rule : SelectionRule, optional
        A rule in tiers; default: the grid's.
    """
    chosen = rule if rule is not None else check_rule(context)
    if rule is not None:
        check_tier_direction(rule, context.engine.higher_is_better)
    cuts = cuts_of(context, chosen)
    line = line_for(context, factor)
    linear = bool(context.engine.capabilities.linear_in_weights)
    rows, roots = _crossings(context, line, cuts, steps, linear)
    n = context.n
    order = np.lexsort((roots, rows))
    rows, roots = rows[order], roots[order]
    if rows.size:  # one crossing where two thresholds are crossed at once (a tie of cuts)
        keep = np.ones(rows.size, dtype=bool)
        keep[1:] = (rows[1:] != rows[:-1]) | (np.diff(roots) > _SAME)
        rows, roots = rows[keep], roots[keep]
    counts = np.bincount(rows, minlength=n)
    width = int(counts.max()) if n else 0
    breaks = np.full((n, width), np.nan)
    position = np.arange(rows.size) - np.repeat(np.cumsum(counts) - counts, counts)
    breaks[rows, position] = roots
    edges = np.concatenate([np.zeros((n, 1)), np.nan_to_num(breaks, nan=1.0), np.ones((n, 1))], 1)
    middles = (edges[:, :-1] + edges[:, 1:]) / 2
    flat_rows = np.repeat(np.arange(n, dtype=np.intp), width + 1)
    if linear:
        ends = context.criterion_scores(np.vstack([line.u, line.u + line.v]))
        values = ends[0][:, None] + (ends[1] - ends[0])[:, None] * middles
    else:
        values = _evaluator(context, line)(flat_rows, middles.ravel()).reshape(n, width + 1)
    now = context.criterion_scores(line.u[None, :] + line.t0 * line.v[None, :])[0]
    return Segments(
        breaks=breaks,
        bands=tier_bands(values, cuts),
        now=tier_bands(now, cuts),
        t0=line.t0,
        exact=linear,
    )


def tier_runs(segments: Segments, row: int, band: int) -> list[tuple[float, float]]:
    """The ranges of the weight over which producer `row` is in `band`, in order.

    Examples
    --------
    >>> pieces = Segments(np.array([[0.2, 0.6]]), np.array([[1, 0, 1]]), np.array([0]), 0.4, True)
    >>> tier_runs(pieces, 0, 1), tier_runs(pieces, 0, 0)
    ([(0.0, 0.2), (0.6, 1.0)], [(0.2, 0.6)])
    """
    breaks = segments.breaks[row]
    edges = [0.0, *breaks[~np.isnan(breaks)].tolist(), 1.0]
    runs: list[tuple[float, float]] = []
    for j, inside in enumerate((segments.bands[row, : len(edges) - 1] == band).tolist()):
        if not inside:
            continue
        if runs and abs(runs[-1][1] - edges[j]) <= _SAME:
            runs[-1] = (runs[-1][0], edges[j + 1])
        else:
            runs.append((edges[j], edges[j + 1]))
    return runs


@dataclass(frozen=True, eq=False)
class TierIntervals(TableResult):
    """For each eligible producer and each weight, the range over which it keeps its tier.

    Attributes
    ----------
    table : DataFrame
        Indexed by (producer, factor), in the ranking's order then the grid's:
        ``tier`` (its tier at the grid's weights; ``not approved`` for none),
        ``weight`` (the factor's current share), ``low``, ``high`` (each weight
        moved alone, the others in proportion: the producer keeps its tier for
        weights from low to high).
    level : str
    method : str
    exact : bool
        True when every crossing is solved in closed form (scores linear in the
        weights); otherwise found by a sweep of `steps` points and bisection
        (see the module's description for the accuracy).
    steps : int
    labels : dict
        Factor key → label in the grid.
    tiers : list of str
        The tiers' names, best first (:func:`tier_names`).
    """

    table: pd.DataFrame
    level: str
    method: str
    exact: bool
    steps: int
    labels: dict[str, str]
    tiers: list[str]

    def narrowest(self) -> pd.DataFrame:
        """Per producer, the weight nearest to changing its tier; most fragile first.

        Columns ``factor``, ``tier``, ``weight``, ``low``, ``high``, ``width`` and
        ``margin``: how far the weight may move, up or down, before the tier
        changes (an end at 0 or 1 that changes nothing does not count). A place
        that loses its tier if a weight moves 0.3 point comes before one whose
        narrow range leaves it 4 points of room.
        """
        frame = self.table.reset_index()
        frame["width"] = frame["high"] - frame["low"]
        below = np.where(frame["low"] > 1e-12, frame["weight"] - frame["low"], np.inf)
        above = np.where(frame["high"] < 1 - 1e-12, frame["high"] - frame["weight"], np.inf)
        frame["margin"] = np.minimum(below, above)
        first = frame.sort_values(["margin", "width", "producer"], kind="stable").groupby(
            "producer", sort=False
        )
        out = first.head(1).set_index("producer")
        return out[["factor", "tier", "weight", "low", "high", "width", "margin"]]

    def summary(self, lang: str | None = None, k: int = 5) -> str:
        """The `k` producers whose tier is most fragile, in words."""
        narrow = self.narrowest()
        fragile = narrow[narrow["width"] < 1.0].head(k)
        head = msgn(
            "tier_intervals.summary",
            "Tiers, one {level} weight at a time ({how}): {count} producer would change tier "
            "if a single weight moved far enough.",
            "Tiers, one {level} weight at a time ({how}): {count} producers would change tier "
            "if a single weight moved far enough.",
            count=int((narrow["width"] < 1.0).sum()),
            level=level_name(self.level),
            how=msg("tier_intervals.exact", "exact")
            if self.exact
            else msg(
                "tier_intervals.swept",
                "a sweep of {steps} points refined by bisection",
                steps=self.steps,
            ),
        )
        lines = [render(head, lang)]
        for pid, row in fragile.iterrows():
            line = msg(
                "tier_intervals.line",
                "keeps {tier} while the weight of {label} is between {low:.0%} and {high:.0%} "
                "(now {now:.0%})",
                tier=str(row["tier"]),
                label=self.labels.get(str(row["factor"]), str(row["factor"])),
                low=float(row["low"]),
                high=float(row["high"]),
                now=float(row["weight"]),
            )
            lines.append("- " + render(labelled(str(pid), line), lang))
        return "\n".join(lines)

    def __repr__(self) -> str:
        producers = self.table.index.get_level_values("producer").nunique()
        how = "exact" if self.exact else f"sweep of {self.steps} + bisection"
        return (
            f"<TierIntervals of {producers} producers over {len(self.labels)} {self.level} "
            f"weights ({self.method}, {how})>"
        )


def tier_intervals(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    level: Level = "criterion",
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    steps: int = STEPS,
) -> TierIntervals:
    """For each eligible producer and each weight, the range over which it keeps its tier.

    Each weight moves alone from 0 to 1, the others keeping their proportions
    (the lines of :func:`~selection.sensitivity.weight_intervals`). Exact for
    engines whose scores are linear in the weights; otherwise a sweep of `steps`
    points refined by bisection (see the module's description).

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; or a prepared problem or a Ranking,
        alone. The grid needs ``select: {tiers: ...}``.
    level : {"criterion", "battery"}
    method, normalization
        Default: the grid's.
    steps : int
        Points of each line scored before bisection (at least 3).

    Returns
    -------
    TierIntervals

    Raises
    ------
    GridError
        A grid without tiers, or tiers of the other direction than the method's.

    Examples
    --------
    >>> import selection
    >>> grid = selection.load_grid(selection.example_grid_path())
    >>> rule = selection.SelectionRule(tiers=(selection.grid.Tier("A", min_score=0.7),
    ...                                       selection.grid.Tier("B")))
    >>> import dataclasses
    >>> tiered = dataclasses.replace(grid, select=rule)
    >>> result = tier_intervals(selection.example_producers_path(), tiered, level="battery")
    >>> table = result.table
    >>> bool(((table["low"] <= table["weight"]) & (table["weight"] <= table["high"])).all())
    True
    """
    steps = whole_number(
        steps,
        "steps",
        low=3,
        problem=msg("sweep.steps", "too few steps"),
        expected=msg("tier_intervals.steps_expected", "3 or more"),
    )
    context = factors_for(producers, grid, level=level, method=method, normalization=normalization)
    rule = check_rule(context)
    names = tier_names(rule)
    frames = []
    exact = True
    for factor, key in enumerate(context.keys):
        segments = tier_segments(context, factor, steps=steps, rule=rule)
        exact &= segments.exact
        low, high = segments.keeps()
        frames.append(
            pd.DataFrame(
                {
                    "producer": np.asarray(context.ids, dtype=object),
                    "factor": key,
                    "tier": [names[b] for b in segments.now.tolist()],
                    "weight": segments.t0,
                    "low": low,
                    "high": high,
                }
            )
        )
    table = pd.concat(frames, ignore_index=True)
    position = {pid: i for i, pid in enumerate(context.ids)}
    table["_order"] = table["producer"].map(position)
    table = table.sort_values(["_order"], kind="stable").drop(columns="_order")
    table = table.set_index(["producer", "factor"])
    labels = dict(zip(context.keys, context.labels, strict=True))
    return TierIntervals(
        table=table,
        level=context.level,
        method=str(context.engine.name),
        exact=exact,
        steps=steps,
        labels=labels,
        tiers=names,
    )
