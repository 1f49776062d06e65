"""Hypothesis strategies shared by the property tests.

Values are drawn on a quarter-point grid (0, 0.25, ..., 25) so that ties, zeros
and constant columns are frequent, and scores that are equal in exact
arithmetic differ by rounding only (far below the 1e-12 tie tolerance).

- :func:`cases`: a numeric problem as arrays (:class:`Case`): values,
  directions, points, batteries; it makes its own grid and table;
- :func:`grids`: a :class:`selection.Grid` with one or several batteries of
  numeric, levels and yes/no criteria, directions, points, and optionally
  gates, missing-data policies and a ``select:`` rule;
- :func:`tables`: a producer table fitting a grid (an ``id`` column, finite
  values, words for levels and yes/no answers, a ``category`` column for gates
  and quotas, blank cells only where the grid's missing-data policy allows
  them), in which at least `eligible` producers pass every gate;
- :func:`problems`: a grid and a table fitting it;
- :func:`weightings`: points per battery and criterion, as a member would
  state them (valid for :meth:`selection.Grid.with_weights` too);
- :func:`members`: a committee (a list of :class:`selection.committee.Member`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from hypothesis import strategies as st
from numpy.typing import NDArray

import selection
from selection.committee import Member
from tests import toys

#: Declared bounds of numeric criteria that have a scale; values may fall outside.
BOUNDS = (2.0, 20.0)

#: The words of a ``levels`` criterion, lowest first.
LEVEL_WORDS = ("none", "some", "much", "all")

#: Yes/no answers as people write them.
BOOLEAN_WORDS = ("yes", "no", "oui", "non")

#: Values of the ``category`` column that gates and quotas read.
CATEGORIES = ("a", "b", "c")

#: Committee members' names.
NAMES = ("Amina", "Marc", "Léa", "Jo", "Inès", "Sam")

KINDS = ("numeric", "levels", "boolean")

quarter_points = st.integers(0, 100).map(lambda k: k / 4)


def quarters(low: float, high: float) -> st.SearchStrategy[float]:
    """Quarter points from `low` to `high`."""
    return st.integers(math.ceil(low * 4), math.floor(high * 4)).map(lambda k: k / 4)


# -- numeric problems as arrays --------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Case:
    """A drawn problem: raw values (n × m), directions, points, each criterion's battery."""

    raw: NDArray[np.float64]
    directions: tuple[int, ...]
    criterion_points: tuple[float, ...]
    battery_points: tuple[float, ...]
    battery_of: tuple[int, ...]

    @property
    def n(self) -> int:
        return int(self.raw.shape[0])

    @property
    def m(self) -> int:
        return int(self.raw.shape[1])

    @property
    def ids(self) -> list[str]:
        return [f"P{i}" for i in range(self.n)]

    def grid(self, factor: float = 1.0) -> selection.Grid:
        """The grid (criteria on the scale :data:`BOUNDS`), every point multiplied by `factor`."""
        return toys.numeric_grid(
            self.directions,
            [p * factor for p in self.criterion_points],
            battery_of=self.battery_of,
            battery_points=[p * factor for p in self.battery_points],
            scale=BOUNDS,
            name="hypothesis",
        )

    def table(self) -> pd.DataFrame:
        return toys.producer_table(self.raw)


@st.composite
def cases(draw: st.DrawFn, max_n: int = 8, max_m: int = 5, min_n: int = 2) -> Case:
    """A numeric problem: `min_n` to `max_n` producers, 1 to `max_m` criteria in 1 to 3
    batteries, quarter-point values, both directions, whole points (see :func:`structures`)."""
    n = draw(st.integers(min_n, max_n))
    m = draw(st.integers(1, max_m))
    values = np.array(
        draw(st.lists(quarter_points, min_size=n * m, max_size=n * m)), dtype=float
    ).reshape(n, m)
    directions = draw(st.lists(st.sampled_from([1, -1]), min_size=m, max_size=m))
    _, battery_of, points, battery_points = draw(structures(m))
    return Case(
        raw=values,
        directions=tuple(directions),
        criterion_points=tuple(float(p) for p in points),
        battery_points=tuple(float(p) for p in battery_points),
        battery_of=tuple(battery_of),
    )


@st.composite
def structures(
    draw: st.DrawFn, m: int, min_batteries: int = 1, max_batteries: int = 3
) -> tuple[int, list[int], list[int], list[int]]:
    """(number of batteries, each criterion's battery, criterion points, battery points).

    Every battery holds at least one criterion, its first criterion weighs at
    least 1 point, and at least one battery weighs at least 1 point.
    """
    n_batteries = draw(st.integers(min(min_batteries, m), min(max_batteries, m)))
    # Battery b gets criterion b, the rest at random.
    rest = draw(st.lists(st.integers(0, n_batteries - 1), min_size=m, max_size=m))
    battery_of = [j if j < n_batteries else rest[j] for j in range(m)]
    points = draw(st.lists(st.integers(0, 5), min_size=m, max_size=m))
    for b in range(n_batteries):
        points[battery_of.index(b)] = max(points[battery_of.index(b)], 1)
    battery_points = draw(st.lists(st.integers(0, 5), min_size=n_batteries, max_size=n_batteries))
    battery_points[draw(st.integers(0, n_batteries - 1))] += 1
    return n_batteries, battery_of, points, battery_points


# -- grids and tables ----------------------------------------------------------------------


@st.composite
def grids(
    draw: st.DrawFn,
    *,
    min_criteria: int = 1,
    max_criteria: int = 5,
    min_batteries: int = 1,
    max_batteries: int = 3,
    kinds: Sequence[str] = KINDS,
    methods: Sequence[str] = ("wsm", "topsis"),
    normalizations: Sequence[str | None] = (None, "scale", "minmax", "vector"),
    gates: bool = True,
    rule: bool | None = None,
    missing: bool = True,
) -> selection.Grid:
    """A grid of criteria ``c0, c1, ...`` (columns ``col0, col1, ...``) in batteries ``b0, ...``.

    `rule`: always a ``select:`` rule (True), never (False), or either (None).
    `gates`, `missing`: whether eligibility gates and missing-data policies other
    than ``raise`` may be drawn. Numeric criteria get the scale :data:`BOUNDS`
    whenever the normalization needs declared bounds.
    """
    m = draw(st.integers(min_criteria, max_criteria))
    count, battery_of, points, battery_points = draw(
        structures(m, min_batteries=min_batteries, max_batteries=max_batteries)
    )
    method = draw(st.sampled_from(list(methods)))
    normalization = draw(st.sampled_from(list(normalizations)))
    needs_bounds = normalization == "scale" or (normalization is None and method == "wsm")
    policies = list(selection.MissingPolicy) if missing else [selection.MissingPolicy.RAISE]
    criteria = []
    for j in range(m):
        column = f"col{j}"
        kind: selection.Numeric | selection.Levels | selection.Boolean
        chosen = draw(st.sampled_from(list(kinds)))
        if chosen == "numeric":
            scale = BOUNDS if needs_bounds else draw(st.sampled_from([None, BOUNDS]))
            kind = selection.Numeric(column, scale=scale)
        elif chosen == "levels":
            size = draw(st.integers(2, len(LEVEL_WORDS)))
            level_points = draw(
                st.lists(st.integers(0, 10), min_size=size, max_size=size, unique=True)
            )
            words = zip(LEVEL_WORDS, (float(p) for p in sorted(level_points)), strict=False)
            kind = selection.Levels(column, tuple(words))
        else:
            kind = selection.Boolean(column)
        criteria.append(
            selection.Criterion(
                f"c{j}",
                kind,
                weight=float(points[j]),
                direction=draw(st.sampled_from(list(selection.Direction))),
                missing=draw(st.sampled_from([None, *policies])),
            )
        )
    batteries = tuple(
        selection.Battery(
            f"b{b}",
            tuple(c for c, home in zip(criteria, battery_of, strict=True) if home == b),
            weight=float(battery_points[b]),
        )
        for b in range(count)
    )
    eligibility = draw(gate_lists(criteria)) if gates else ()
    select = draw(rules()) if rule or (rule is None and draw(st.booleans())) else None
    return selection.Grid(
        name="hypothesis",
        id_column="id",
        batteries=batteries,
        method=method,
        normalization=None if normalization is None else selection.Normalization(normalization),
        missing=draw(st.sampled_from(policies)),
        eligibility=eligibility,
        select=select,
    )


@st.composite
def gate_lists(
    draw: st.DrawFn, criteria: Sequence[selection.Criterion]
) -> tuple[selection.Gate, ...]:
    """Up to two gates: bounds on a numeric criterion, or words of the ``category`` column.

    Every gate lets through some values: a minimum of at most 10, a maximum of
    at least 15, the categories a and b.
    """
    numeric = [c.key for c in criteria if isinstance(c.kind, selection.Numeric)]
    gates = []
    for _ in range(draw(st.integers(0, 2))):
        if numeric and draw(st.booleans()):
            low = draw(st.one_of(st.none(), quarters(0, 10)))
            high = draw(st.one_of(st.none(), quarters(15, 25)))
            if low is None and high is None:
                low = 1.0
            gates.append(
                selection.Gate(criterion=draw(st.sampled_from(numeric)), min=low, max=high)
            )
        elif draw(st.booleans()):
            gates.append(selection.Gate(column="category", allowed=("a", "b")))
        else:
            gates.append(selection.Gate(column="category", refused=("c",)))
    return tuple(gates)


@st.composite
def rules(draw: st.DrawFn) -> selection.SelectionRule:
    """A ``select:`` rule: the top N and/or a minimum score, maybe quotas on ``category``."""
    top = draw(st.one_of(st.none(), st.integers(1, 6)))
    min_score = draw(st.sampled_from([None, 0.25, 0.5, 0.75]))
    if top is None and min_score is None:
        top = 2
    quotas = draw(
        st.sampled_from(
            [
                (),
                (selection.Quota("category", max=1),),
                (selection.Quota("category", max=2),),
                (selection.Quota("category", value="a", min=1),),
                (
                    selection.Quota("category", max=2),
                    selection.Quota("category", value="b", min=1),
                ),
            ]
        )
    )
    return selection.SelectionRule(top=top, min_score=min_score, quotas=quotas)


def _gate_ranges(grid: selection.Grid) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """Per gated criterion, the values every gate lets through; the categories they allow."""
    ranges: dict[str, tuple[float, float]] = {}
    allowed = list(CATEGORIES)
    for gate in grid.eligibility:
        if gate.criterion is not None:
            low, high = ranges.get(gate.criterion, (0.0, 25.0))
            if gate.min is not None:
                low = max(low, gate.min)
            if gate.max is not None:
                high = min(high, gate.max)
            ranges[gate.criterion] = (low, high)
        elif gate.allowed is not None:
            allowed = [c for c in allowed if c in gate.allowed]
        elif gate.refused is not None:
            allowed = [c for c in allowed if c not in gate.refused]
    return ranges, allowed


def _cells(
    criterion: selection.Criterion, low: float, high: float, continuous: bool
) -> st.SearchStrategy[object]:
    kind = criterion.kind
    if isinstance(kind, selection.Levels):
        return st.sampled_from([word for word, _ in kind.levels])
    if isinstance(kind, selection.Boolean):
        return st.sampled_from(BOOLEAN_WORDS)
    if continuous:
        return st.floats(low, high, allow_nan=False, allow_infinity=False)
    return quarters(low, high)


@st.composite
def tables(
    draw: st.DrawFn,
    grid: selection.Grid,
    *,
    min_rows: int = 2,
    max_rows: int = 8,
    eligible: int = 2,
    blanks: bool = True,
    continuous: bool = False,
) -> pd.DataFrame:
    """A producer table for `grid`: ids ``P0, P1, ...``, one column per criterion, ``category``.

    The first `eligible` producers pass every gate and have no blank cell, so
    at least that many are eligible; the others may fail gates, and have blank
    cells where the criterion's missing-data policy is not ``raise`` (if `blanks`).
    Numbers are quarter points from 0 to 25, or any float there if `continuous`
    (then ties are rare).
    """
    n = draw(st.integers(max(min_rows, eligible), max(max_rows, eligible)))
    ranges, allowed = _gate_ranges(grid)
    frame: dict[str, list[object]] = {"id": [f"P{i}" for i in range(n)]}
    for criterion in grid.criteria:
        low, high = ranges.get(criterion.key, (0.0, 25.0))
        passing = draw(
            st.lists(
                _cells(criterion, low, high, continuous), min_size=eligible, max_size=eligible
            )
        )
        cells = _cells(criterion, 0.0, 25.0, continuous)
        policy = criterion.missing or grid.missing
        if blanks and policy is not selection.MissingPolicy.RAISE:
            cells = st.one_of(st.none(), cells)
        others = draw(st.lists(cells, min_size=n - eligible, max_size=n - eligible))
        frame[criterion.kind.columns[0]] = passing + others
    frame["category"] = draw(
        st.lists(st.sampled_from(allowed), min_size=eligible, max_size=eligible)
    ) + draw(st.lists(st.sampled_from(CATEGORIES), min_size=n - eligible, max_size=n - eligible))
    return pd.DataFrame(frame)


@st.composite
def problems(
    draw: st.DrawFn,
    *,
    min_rows: int = 2,
    max_rows: int = 8,
    eligible: int = 2,
    blanks: bool = True,
    continuous: bool = False,
    **grid_options: object,
) -> tuple[pd.DataFrame, selection.Grid]:
    """(table, grid): a grid from :func:`grids` (`grid_options`), and a table fitting it
    (:func:`tables`)."""
    grid = draw(grids(**grid_options))  # type: ignore[arg-type]
    table = draw(
        tables(
            grid,
            min_rows=min_rows,
            max_rows=max_rows,
            eligible=eligible,
            blanks=blanks,
            continuous=continuous,
        )
    )
    return table, grid


# -- weights and committees ----------------------------------------------------------------


def _some_positive(draw: st.DrawFn, size: int, high: int) -> list[int]:
    values = draw(st.lists(st.integers(0, high), min_size=size, max_size=size))
    if sum(values) == 0:
        values[draw(st.integers(0, size - 1))] = draw(st.integers(1, high))
    return values


@st.composite
def weightings(
    draw: st.DrawFn, grid: selection.Grid, *, level: str | None = None, high: int = 10
) -> dict[str, float]:
    """Points (0 to `high`) for every battery of `grid`, and for all the criteria of some.

    `level`: ``"battery"`` (battery points only), ``"criterion"`` (the criteria
    of every battery too) or None (the criteria of batteries drawn at random).
    At least one battery weighs something, and so does a criterion of every
    battery whose criteria are given: a cover a member may state
    (:class:`~selection.committee.Member`), and points
    :meth:`~selection.Grid.with_weights` accepts.
    """
    out: dict[str, float] = {}
    battery_points = _some_positive(draw, len(grid.batteries), high)
    for battery, points in zip(grid.batteries, battery_points, strict=True):
        out[battery.key] = float(points)
        detailed = level == "criterion" or (level is None and draw(st.booleans()))
        if detailed:
            inside = _some_positive(draw, len(battery.criteria), high)
            out |= {c.key: float(p) for c, p in zip(battery.criteria, inside, strict=True)}
    return out


@st.composite
def members(
    draw: st.DrawFn,
    grid: selection.Grid,
    *,
    min_size: int = 1,
    max_size: int = 4,
    level: str | None = None,
) -> list[Member]:
    """A committee: up to `max_size` members with distinct names and their own weightings."""
    size = draw(st.integers(min_size, max_size))
    names = draw(st.permutations(NAMES))[:size]
    return [Member(name, draw(weightings(grid, level=level))) for name in names]
