"""A grid's selection rule as a linear program in the weights (weighted sum only).

A producer's weighted-sum score is linear in the factor weights ``f``:
``s = A f``. :func:`build` reads the rule (``select:``) and a committee's record
into linear conditions on ``f``; :func:`solve` finds weights by linear or
mixed-integer programming (scipy's HiGHS). :mod:`selection.inference` is the
public face.

Each recorded producer ``i`` gets a binary ``z_i`` (1: its recorded decision is
reproduced) and ends up selected when ``x_i = 1``, where ``x_i = z_i`` for a
recorded selection and ``1 − z_i`` for a rejection. The rule gives ``x`` when:

* **cut**: every producer selected for its rank scores at least ``τ + g/2``
  and every producer left out for its rank or its score at most ``τ − g/2``: a
  gap ``g`` separates them. With ``top: N`` alone, ``τ`` is free; with
  ``min_score: x`` alone, ``τ = x``; with both, ``τ ≥ x``, and ``τ = x`` unless
  the N places are full (a binary ``w``);
* **full category**: a producer may instead be left out because a maximum
  quota's category is full: at least that many of its category are selected,
  and they all outrank it (a binary ``y`` per producer and quota category);
* **minimum quotas** are filled first with the best of their category,
  whatever their rank: a category's selected producers outrank its others
  (unless a full category keeps those out), and when it has no more selected
  producers than the minimum (a binary ``e``) they need not clear the cut (once
  it has more, the one past the minimum was chosen for its rank, and the better
  ones score higher still);
* **counts**: at most N in all and at most each quota's maximum per category;
  at least as many as the top N and the quotas let through (the rule fills its
  places), and each minimum as far as its category allows. A slack lets a
  lower bound fall short, at the price of one decision per missing place, so
  that exact ties (which no gap separates) never make the program infeasible.

With ``z = 1``, ``g = ε``, and the binaries read off the record, these are the
conditions under which :func:`selection.decide` gives the recorded decisions
(for ``top`` alone, ``min_score`` alone, or both with quotas on one column; with
quotas on several columns the places-filled count is not imposed). The big-M
constants are the largest score differences the data allow, one per constraint.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.optimize import (
    Bounds,
    LinearConstraint,
    linprog,
    milp,
)
from scipy.sparse import csr_array

from ..grid import SelectionRule
from ..scoring import SELECTED
from ..table import fold

__all__ = ["EPSILON", "Group", "Program", "Solution", "build", "solve"]

#: The gap ε between reproduced decisions, as a share of the range a score can take.
EPSILON = 1e-4

#: Weight of the L1 distance to the grid's weights in the mixed-integer objective:
#: the distance is at most 2, so the penalty never outweighs one reproduced decision.
DISTANCE_PENALTY = 0.2


@dataclass(frozen=True, slots=True)
class Group:
    """The recorded producers a maximum quota counts together (one category)."""

    members: NDArray[np.intp]
    maximum: int
    describe: str  # e.g. "at most 4 per category, category = légumes"


@dataclass(frozen=True, slots=True)
class Program:
    """The rule's conditions on the recorded eligible producers."""

    scores: NDArray[np.float64]  # (d, k): factor scores of the recorded eligible producers
    selected: NDArray[np.bool_]  # (d,): recorded as selected
    groups: list[Group]  # maximum quotas' categories
    minimums: list[Group]  # minimum quotas' categories (`maximum` holds the minimum)
    at_most: list[tuple[NDArray[np.intp], int]]  # Σ x over the members ≤ bound
    at_least: list[tuple[NDArray[np.intp], int]]  # Σ x over the members ≥ bound
    threshold: float | None  # min_score
    places: int | None  # top N, when it combines with min_score
    span: float  # the range a score can take over all weightings
    options: list[tuple[int, int]] = field(init=False)  # (producer, group): the y binaries

    def __post_init__(self) -> None:
        options = [(int(i), g) for g, group in enumerate(self.groups) for i in group.members]
        object.__setattr__(self, "options", options)

    @property
    def k(self) -> int:
        """Number of factor weights."""
        return int(self.scores.shape[1])

    @property
    def d(self) -> int:
        """Number of recorded eligible producers."""
        return int(self.scores.shape[0])

    @property
    def epsilon(self) -> float:
        """The gap kept between reproduced decisions, in score units."""
        return EPSILON * self.span

    def full_categories(self) -> NDArray[np.float64]:
        """The y binaries when every decision is reproduced: the record's full categories."""
        y = np.zeros(len(self.options))
        taken: set[int] = set()
        for o, (i, g) in enumerate(self.options):
            group = self.groups[g]
            count = int(self.selected[group.members].sum())
            if not self.selected[i] and i not in taken and count >= group.maximum:
                y[o] = 1.0
                taken.add(i)
        return y

    def quota_picks(self) -> NDArray[np.float64]:
        """The e binaries when every decision is reproduced: minimums not exceeded."""
        return np.array(
            [float(self.selected[g.members].sum() <= g.maximum) for g in self.minimums]
        )

    def unseparated(self, f0: NDArray[np.float64]) -> Solution:
        """The grid's weights, promising nothing: when no decision can be kept apart."""
        o, m, s = len(self.options), len(self.minimums), len(self.at_least)
        return Solution(f0, 0.0, np.zeros(self.d), 0.0, np.zeros(o), np.zeros(m), np.zeros(s))

    def places_full(self) -> float:
        """The w binary when every decision is reproduced."""
        if self.places is None or self.threshold is None:
            return 0.0
        return 1.0 if int(self.selected.sum()) >= self.places else 0.0


@dataclass(frozen=True, slots=True)
class Solution:
    """Factor weights and the binaries that go with them."""

    weights: NDArray[np.float64]
    gap: float
    z: NDArray[np.float64]  # decisions reproduced
    w: float  # the N places full (top with min_score)
    y: NDArray[np.float64]  # left out by a full category, per `Program.options`
    e: NDArray[np.float64]  # a minimum quota's category holds no more than the minimum
    slack: NDArray[np.float64]  # places the model leaves unfilled, per `Program.at_least`
    proven: bool = True  # False when the search stopped at its time limit


def _category(producers: pd.DataFrame, column: str) -> pd.Series:
    return producers[column].map(lambda cell: "" if pd.isna(cell) else fold(str(cell)))


def _capacity(
    rule: SelectionRule, category: pd.Series | None, ids: list[str], column: str | None
) -> int:
    """How many of `ids` the maximum quotas (all on `column`) let through."""
    maxima = [q for q in rule.quotas if q.max is not None and q.column == column]
    if not maxima or category is None:
        return len(ids)
    total = 0
    for value, count in category.loc[ids].value_counts().items():
        caps = [
            q.max
            for q in maxima
            if q.max is not None and (q.value is None or fold(q.value) == value)
        ]
        total += min([int(count), *caps])
    return total


def build(
    rule: SelectionRule,
    scores: NDArray[np.float64],
    eligible: list[str],
    record: pd.Series,
    producers: pd.DataFrame,
) -> tuple[Program, list[str]]:
    """The program for the recorded producers among `eligible`, and their ids in its order.

    `scores` is (eligible producers × factors); `record` maps ids to
    ``selected`` / ``rejected``; `producers` (indexed by id) holds the quota columns.
    """
    decided = [pid for pid in eligible if pid in record.index]
    undecided = [pid for pid in eligible if pid not in record.index]
    rows = np.array([eligible.index(pid) for pid in decided], dtype=np.intp)
    selected = np.array([record[pid] == SELECTED for pid in decided], dtype=bool)
    categories = {column: _category(producers, column) for column in rule.columns}
    d = len(decided)
    everyone = np.arange(d)
    groups: list[Group] = []
    at_most: list[tuple[NDArray[np.intp], int]] = []
    at_least: list[tuple[NDArray[np.intp], int]] = []
    for quota in rule.quotas:
        if quota.max is None:
            continue
        values = categories[quota.column].loc[decided].to_numpy(dtype=object)
        wanted = [fold(quota.value)] if quota.value is not None else dict.fromkeys(values)
        for value in wanted:
            members = np.flatnonzero(values == value)
            if len(members):
                label = f"{quota.describe()} ({quota.column} = {value})"
                groups.append(Group(members, quota.max, label))
                at_most.append((members, quota.max))
    minimums: list[Group] = []
    for quota in rule.quotas:
        if quota.min is not None and quota.value is not None:
            values = categories[quota.column].loc[decided].to_numpy(dtype=object)
            members = np.flatnonzero(values == fold(quota.value))
            if len(members):
                minimums.append(Group(members, quota.min, quota.describe()))
    if rule.top is not None:
        at_most.append((everyone, rule.top))
    columns = list(dict.fromkeys(q.column for q in rule.quotas if q.max is not None))
    if rule.min_score is None and len(columns) <= 1:
        column = columns[0] if columns else None
        category = categories[column] if column is not None else None
        if rule.top is not None:  # the top N fills its places as far as the quotas let it
            room = min(rule.top, _capacity(rule, category, eligible, column)) - len(undecided)
            if room > 0:
                at_least.append((everyone, room))
        for quota in rule.quotas:
            if quota.min is None or quota.value is None:
                continue
            value = fold(quota.value)
            among = categories[quota.column]
            pool = [pid for pid in eligible if among[pid] == value]
            available = _capacity(rule, category if quota.column == column else None, pool, column)
            need = min(quota.min, available) - sum(1 for pid in undecided if among[pid] == value)
            if need > 0:
                members = np.flatnonzero(among.loc[decided].to_numpy(dtype=object) == value)
                at_least.append((members, need))
    chosen = scores[rows] if d else np.zeros((0, scores.shape[1]))
    program = Program(
        scores=chosen,
        selected=selected,
        groups=groups,
        minimums=minimums,
        at_most=at_most,
        at_least=at_least,
        threshold=None if rule.min_score is None else float(rule.min_score),
        places=rule.top if rule.min_score is not None else None,
        span=float(scores.max() - scores.min()) or 1.0,
    )
    return program, decided


class _Rows:
    """Sparse constraint rows ``row · v ≤ bound`` over the variable vector."""

    def __init__(self) -> None:
        self.entries: list[tuple[int, int, float]] = []
        self.bounds: list[float] = []

    def add(
        self,
        terms: dict[int, float],
        bound: float,
        weights: tuple[int, NDArray[np.float64]] | None = None,
    ) -> None:
        row = len(self.bounds)
        self.entries += [(row, column, value) for column, value in terms.items() if value]
        if weights is not None:
            start, values = weights
            self.entries += [(row, start + j, float(v)) for j, v in enumerate(values) if v]
        self.bounds.append(float(bound))

    def matrix(self, n: int) -> csr_array:
        if not self.entries:
            return csr_array((len(self.bounds), n))
        row, column, value = zip(*self.entries, strict=True)
        return csr_array((value, (row, column)), shape=(len(self.bounds), n))


Objective = Literal["distance", "gap", "count"]


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where each variable sits in the vector.

    f, u (k each: |f − f0| ≤ u), the cut τ, the gap g, w, z (one per recorded
    producer), y (one per full-category option), e (one per minimum quota), and a
    slack per lower bound on a count (how many places no weighting fills for sure).
    """

    k: int
    d: int
    o: int
    m: int
    s: int

    f = 0

    @property
    def u(self) -> int:
        return self.k

    @property
    def tau(self) -> int:
        return 2 * self.k

    @property
    def g(self) -> int:
        return 2 * self.k + 1

    @property
    def w(self) -> int:
        return 2 * self.k + 2

    @property
    def z(self) -> int:
        return 2 * self.k + 3

    @property
    def y(self) -> int:
        return self.z + self.d

    @property
    def e(self) -> int:
        return self.y + self.o

    @property
    def slack(self) -> int:
        return self.e + self.m

    @property
    def n(self) -> int:
        return self.slack + self.s


def _program(
    p: Program,
    f0: NDArray[np.float64],
    objective: Objective,
    fixed: Solution | None,
    min_gap: float | None,
) -> tuple[NDArray[np.float64], csr_array, NDArray[np.float64], Bounds, NDArray[np.float64]]:
    k, d, o, m = p.k, p.d, len(p.options), len(p.minimums)
    at = _Layout(k, d, o, m, len(p.at_least))
    sigma = np.where(p.selected, 1.0, -1.0)  # x = σ z + c
    c = np.where(p.selected, 0.0, 1.0)
    eps = p.epsilon
    low_score, high_score = p.scores.min(axis=1), p.scores.max(axis=1)
    bottom_score, top_score = (float(p.scores.min()), float(p.scores.max())) if d else (0.0, 1.0)
    gap_high = eps if objective == "count" else max(p.span, eps)
    if p.threshold is None:
        tau_low, tau_high = bottom_score - gap_high, top_score + gap_high
    elif p.places is None:
        tau_low = tau_high = p.threshold
    else:
        tau_low, tau_high = p.threshold, max(top_score + gap_high, p.threshold)
    rows = _Rows()
    kept_out: dict[int, list[int]] = {}  # producer → its y columns
    for index, (i, _) in enumerate(p.options):
        kept_out.setdefault(i, []).append(at.y + index)
    picked: dict[int, list[int]] = {}  # producer → the e columns of its minimum quotas
    for g, group in enumerate(p.minimums):
        for i in group.members:
            picked.setdefault(int(i), []).append(at.e + g)
    for i in range(d):
        a = p.scores[i]
        # Selected: τ + g/2 − a·f ≤ M (1 − x), unless a minimum quota picks it (e = 1).
        big = tau_high + gap_high / 2 - low_score[i]
        terms = {at.tau: 1.0, at.g: 0.5, at.z + i: big * sigma[i]} | {
            e: -big for e in picked.get(i, [])
        }
        rows.add(terms, big * (1 - c[i]), (at.f, -a))
        if p.threshold is not None and i in picked:  # a quota's pick passes min_score too
            big = p.threshold + gap_high / 2 - low_score[i]
            rows.add(
                {at.g: 0.5, at.z + i: big * sigma[i]}, big * (1 - c[i]) - p.threshold, (at.f, -a)
            )
        # Left out: below the cut (a·f − τ + g/2 ≤ M x), unless a full category keeps it out.
        big = high_score[i] - tau_low + gap_high / 2
        terms = {at.tau: -1.0, at.g: 0.5, at.z + i: -big * sigma[i]} | {
            y: -big for y in kept_out.get(i, [])
        }
        rows.add(terms, big * c[i], (at.f, a))
        if len(kept_out.get(i, [])) > 1:
            rows.add(dict.fromkeys(kept_out[i], 1.0), 1.0)
    for index, (i, g) in enumerate(p.options):
        group, y = p.groups[g], at.y + index
        # Kept out by a full category: at least `maximum` of it selected ...
        terms = {y: float(group.maximum), at.z + i: -group.maximum * sigma[i]}
        for j in group.members:
            terms[at.z + int(j)] = terms.get(at.z + int(j), 0.0) - sigma[j]
        rows.add(terms, float(c[group.members].sum() + group.maximum * c[i]))
        # ... and every selected one above it: (a_i − a_j)·f + g ≤ M (2 − x_j − y + x_i).
        for j in (int(j) for j in group.members if j != i):
            difference = p.scores[i] - p.scores[j]
            big = max(float(difference.max()), 0.0) + gap_high
            terms = {at.g: 1.0, at.z + j: big * sigma[j], y: big, at.z + i: -big * sigma[i]}
            rows.add(terms, big * (2 - c[j] + c[i]), (at.f, difference))
    for g, group in enumerate(p.minimums):
        # e = 1 only when the category has no more selected than the minimum ...
        size = len(group.members)
        terms = {at.z + int(i): sigma[i] for i in group.members} | {at.e + g: float(size)}
        rows.add(terms, float(group.maximum + size - c[group.members].sum()))
        # ... and its selected producers outrank its others, unless a full category keeps
        # those out: (a_j − a_i)·f + g ≤ M (1 − x_i + x_j + Σ y_j).
        for i in (int(i) for i in group.members):
            for j in (int(j) for j in group.members if j != i):
                difference = p.scores[j] - p.scores[i]
                big = max(float(difference.max()), 0.0) + gap_high
                terms = {at.g: 1.0, at.z + i: big * sigma[i], at.z + j: -big * sigma[j]}
                terms |= {y: -big for y in kept_out.get(j, [])}
                rows.add(terms, big * (1 - c[i] + c[j]), (at.f, difference))
    for members, bound in p.at_most:
        rows.add({at.z + int(i): sigma[i] for i in members}, bound - c[members].sum())
    for index, (members, bound) in enumerate(p.at_least):
        terms = {at.z + int(i): -sigma[i] for i in members} | {at.slack + index: -1.0}
        rows.add(terms, c[members].sum() - bound)
    uses_w = p.places is not None and p.threshold is not None
    if uses_w:
        assert p.places is not None and p.threshold is not None
        # τ ≤ min_score + M w, and w = 1 only when the places are full: Σ x ≥ N w.
        rows.add({at.tau: 1.0, at.w: -(tau_high - p.threshold)}, p.threshold)
        rows.add({at.z + i: -sigma[i] for i in range(d)} | {at.w: float(p.places)}, c.sum())
    for j in range(k):
        rows.add({at.f + j: 1.0, at.u + j: -1.0}, float(f0[j]))
        rows.add({at.f + j: -1.0, at.u + j: -1.0}, -float(f0[j]))

    low, high = np.zeros(at.n), np.ones(at.n)
    high[at.u : at.tau] = 2.0
    low[at.tau], high[at.tau] = tau_low, tau_high
    low[at.g] = eps if min_gap is None or objective == "count" else min_gap
    high[at.g] = gap_high
    high[at.w] = 1.0 if uses_w else 0.0
    if fixed is not None:
        low[at.w] = high[at.w] = fixed.w if uses_w else 0.0
        low[at.z : at.y] = high[at.z : at.y] = fixed.z
        low[at.y : at.e] = high[at.y : at.e] = fixed.y
        low[at.e : at.slack] = high[at.e : at.slack] = fixed.e
        low[at.slack :] = high[at.slack :] = fixed.slack
    cost = np.zeros(at.n)
    if objective == "distance":
        cost[at.u : at.tau] = 1.0
    elif objective == "gap":
        cost[at.g] = -1.0
    else:
        cost[at.u : at.tau] = DISTANCE_PENALTY
        cost[at.z : at.y] = -1.0
        cost[at.slack :] = 1.0  # a place the model cannot fill counts as a decision lost
    high[at.slack :] = [bound for _, bound in p.at_least]
    integer = np.zeros(at.n)
    if fixed is None:
        integer[at.w], integer[at.z : at.slack] = float(uses_w), 1.0
    b = np.array(rows.bounds, dtype=float)
    return cost, rows.matrix(at.n), b, Bounds(low, high), integer


def solve(
    p: Program,
    f0: NDArray[np.float64],
    objective: Objective,
    fixed: Solution | None = None,
    min_gap: float | None = None,
    time_limit: float | None = None,
) -> Solution | None:
    """Solve one program; None when infeasible.

    ``distance`` minimizes the L1 distance to `f0` (gap at least `min_gap`,
    default ε); ``gap`` maximizes the gap; both keep the binaries of `fixed`
    (a linear program). ``count`` maximizes the number of reproduced decisions,
    then minimizes the distance (a mixed-integer program; `fixed` is ignored),
    stopping after `time_limit` seconds with the best solution found so far.
    """
    if objective == "count":
        fixed = None
    elif fixed is None:
        fixed = Solution(
            f0,
            p.epsilon,
            np.ones(p.d),
            p.places_full(),
            p.full_categories(),
            p.quota_picks(),
            np.zeros(len(p.at_least)),
        )
    cost, a, b, bounds, integer = _program(p, f0, objective, fixed, min_gap)
    k, d = p.k, p.d
    sums = np.zeros((1, len(cost)))
    sums[0, :k] = 1.0
    if fixed is None:
        result = milp(
            cost,
            constraints=[LinearConstraint(a, -np.inf, b), LinearConstraint(sums, 1.0, 1.0)],
            integrality=integer,
            bounds=bounds,
            # Tight: the distance penalty must be minimized too, so that of the largest
            # reproducible sets of decisions the one nearest the grid's weights is found.
            options={"mip_rel_gap": 1e-7}
            | ({"time_limit": time_limit} if time_limit is not None else {}),
        )
        if result.x is None:  # stopped before any solution, or infeasible (exact ties)
            stopped = result.status == 1
            return dataclasses.replace(p.unseparated(f0), proven=False) if stopped else None
        x = np.asarray(result.x, dtype=float)
        binaries = np.round(x)
        o, m = len(p.options), len(p.minimums)
        z, y, e = np.split(binaries[2 * k + 3 : 2 * k + 3 + d + o + m], [d, d + o])
        slack = x[2 * k + 3 + d + o + m :]
        w = float(binaries[2 * k + 2])
        # Status 0: proven optimal; 1: stopped at the time limit with a solution.
        return Solution(x[:k], float(x[2 * k + 1]), z, w, y, e, slack, result.status == 0)
    result = linprog(
        cost,
        A_ub=a,
        b_ub=b,
        A_eq=sums,
        b_eq=[1.0],
        bounds=list(zip(bounds.lb, bounds.ub, strict=True)),
        method="highs",
    )
    if result.status != 0:
        return None
    x = np.asarray(result.x, dtype=float)
    return dataclasses.replace(fixed, weights=x[:k], gap=float(x[2 * k + 1]))
