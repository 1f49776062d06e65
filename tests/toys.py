"""Toy grids, producer tables and helpers that several test modules share.

Plain values and functions, so that a module can use them while it is being
imported (constants, ``parametrize`` lists, Hypothesis strategies); the
fixtures are in ``tests/conftest.py``, the strategies in ``tests/strategies.py``.

Toy grids are written as grid files, as a user would write them, and read as
they are (a weighted sum with ``normalization: none``), so that every expected
number in a test can be worked out by hand. The tables are module constants:
never modify them in a test (take a copy, or build one with :func:`table`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from numpy.typing import NDArray

import selection
from selection.committee import Member

# -- grid files ----------------------------------------------------------------------------


def grid_text(
    batteries: str,
    *,
    name: str = "toy",
    method: str | None = "wsm",
    normalization: str | None = "none",
    extra: str = "",
) -> str:
    """A grid file: the header (format, `name`, ``id: id``, `method`, `normalization`), then
    ``batteries:`` followed by `batteries` (indented YAML) and `extra` (gates, rule...).

    A `method` or `normalization` of None leaves its line out (the default applies).
    """
    lines = ["format: selection/grid@1", f"name: {name}", "id: id"]
    if method is not None:
        lines.append(f"method: {method}")
    if normalization is not None:
        lines.append(f"normalization: {normalization}")
    return "\n".join(lines) + "\nbatteries:\n" + batteries + extra


#: The battery of a grid that scores producers by ``x`` alone.
ONLY_X = "  only:\n    criteria:\n      x: {}\n"

#: One criterion x, read as written: a producer's score is x.
ONE_CRITERION = grid_text(ONLY_X, name="one criterion")

#: Two criteria x and y weighing 1/2 each in one battery, read as written:
#: a producer's score is (x + y) / 2. Tests add their own gates.
TWO_CRITERIA = """\
format: selection/grid@1
name: two criteria
id: id
method: wsm
normalization: none
batteries:
  only:
    criteria:
      x: {weight: 1}
      y: {weight: 1}
"""

#: Two batteries of one criterion each, weighing 1 each: q (Quality, criterion q1) and
#: l (Locality, criterion l1), read as written.
TWO_BATTERIES = """\
format: selection/grid@1
name: two batteries
id: id
method: wsm
normalization: none
batteries:
  q:
    label: Quality
    weight: 1
    criteria:
      q1: {}
  l:
    label: Locality
    weight: 1
    criteria:
      l1: {}
"""

#: Battery scores (q, l) under :data:`TWO_BATTERIES`. With w the weight of q (l weighs
#: 1 − w), the scores are A = 0.5 + 0.4 w, B = 0.8 − 0.4 w, C = 0.6 + 0.05 w,
#: D = 0.3 − 0.1 w; at w = 1/2: A 0.7, C 0.625, B 0.6, D 0.25.
TWO_BATTERY_TABLE = pd.DataFrame(
    {"id": ["A", "B", "C", "D"], "q1": [0.9, 0.4, 0.65, 0.2], "l1": [0.5, 0.8, 0.6, 0.3]}
)

#: One battery of two criteria, Qualité (q) and Localité (l), weighing 1/2 each.
QUALITY_LOCALITY = "  all: {label: Tout, criteria: {q: {label: Qualité}, l: {label: Localité}}}\n"

#: Five producers on x, y in [0, 10] and z in [0, 100] (for grids on declared scales).
FIVE_PRODUCERS = pd.DataFrame(
    {
        "id": ["P1", "P2", "P3", "P4", "P5"],
        "x": [9.0, 2.0, 6.0, 7.0, 4.0],
        "y": [1.0, 9.0, 6.0, 3.0, 8.0],
        "z": [60.0, 40.0, 70.0, 20.0, 90.0],
    }
)

#: The shipped example grid's batteries, in grid order.
EXAMPLE_BATTERIES = ("quality", "locality", "accessibility")


# -- grids and tables built in Python ------------------------------------------------------


def numeric_grid(
    directions: Sequence[int] | NDArray[np.int_],
    points: Sequence[float] | NDArray[np.float64],
    *,
    battery_of: Sequence[int] | NDArray[np.int_] | None = None,
    battery_points: Sequence[float] | NDArray[np.float64] | None = None,
    scale: tuple[float, float] | None = None,
    method: str | selection.Method = "wsm",
    name: str = "toy",
) -> selection.Grid:
    """Numeric criteria ``c0, c1, ...`` reading columns ``col0, col1, ...``, in batteries
    ``b0, b1, ...``.

    Parameters
    ----------
    directions : +1 (more is better) or -1 (less is better), one per criterion.
    points : each criterion's points within its battery.
    battery_of : each criterion's battery number (default: all in ``b0``).
    battery_points : each battery's points (default: 1 each).
    scale : declared bounds of every criterion (``scale`` normalization), or none.
    """
    m = len(directions)
    chosen = [0] * m if battery_of is None else [int(b) for b in battery_of]
    count = max(chosen) + 1
    weights = [1.0] * count if battery_points is None else [float(p) for p in battery_points]
    batteries = tuple(
        selection.Battery(
            f"b{b}",
            tuple(
                selection.Criterion(
                    f"c{j}",
                    selection.Numeric(f"col{j}", scale=scale),
                    weight=float(points[j]),
                    direction=selection.Direction.MAX
                    if directions[j] > 0
                    else selection.Direction.MIN,
                )
                for j in range(m)
                if chosen[j] == b
            ),
            weight=weights[b],
        )
        for b in range(count)
    )
    return selection.Grid(name=name, id_column="id", batteries=batteries, method=method)


def producer_table(
    values: NDArray[np.float64], *, ids: Sequence[str] | None = None
) -> pd.DataFrame:
    """An ``id`` column (``P0, P1, ...`` unless `ids`), then `values` in ``col0, col1, ...``."""
    frame = pd.DataFrame(values, columns=[f"col{j}" for j in range(values.shape[1])])
    frame.insert(0, "id", list(ids) if ids is not None else [f"P{i}" for i in range(len(frame))])
    return frame


def table(
    rows: Mapping[str, Sequence[float]], columns: Sequence[str], **more: Sequence[object]
) -> pd.DataFrame:
    """Producers by id → their values in `columns`, then any `more` columns as given."""
    frame = pd.DataFrame([list(values) for values in rows.values()], columns=list(columns))
    frame.insert(0, "id", list(rows))
    for column, values in more.items():
        frame[column] = list(values)
    return frame


def record(**decisions: str) -> pd.DataFrame:
    """A decision record: producer id → the decision as a committee wrote it."""
    return pd.DataFrame({"id": list(decisions), "decision": list(decisions.values())})


def members_of(
    points: Sequence[Sequence[float]], names: Sequence[str] | None = None
) -> list[Member]:
    """Members weighing the example grid's batteries (:data:`EXAMPLE_BATTERIES`) in points."""
    chosen = list(names) if names is not None else [f"m{i}" for i in range(len(points))]
    return [
        Member(name, dict(zip(EXAMPLE_BATTERIES, map(float, p), strict=True)))
        for name, p in zip(chosen, points, strict=True)
    ]


# -- checks --------------------------------------------------------------------------------


def within_mc_error(estimate: object, expected: object, samples: int) -> None:
    """|p̂ − p| ≤ 4 sqrt(p (1 − p) / S), with p the exact answer.

    `expected` is an array-like of the same shape as `estimate`, or a mapping of
    labels of `estimate` (a Series) to their exact shares.
    """
    if isinstance(expected, Mapping):
        assert isinstance(estimate, pd.Series)
        estimate = estimate.loc[list(expected)]
        expected = list(expected.values())
    p = np.asarray(expected, dtype=float)
    got = np.asarray(estimate, dtype=float)
    tolerance = 4 * np.sqrt(p * (1 - p) / samples) + 1e-12
    assert (np.abs(got - p) <= tolerance).all(), f"\n{estimate}\nexpected\n{p}"


def points_for(grid: selection.Grid, weights: Sequence[float], level: str) -> dict[str, float]:
    """Points that give `grid` these effective `weights` (criterion or battery level).

    At the criterion level each battery gets the sum of its criteria's weights
    and each criterion its own weight, so that its effective weight is exactly
    the one asked for; at the battery level the batteries get the weights and
    the criteria keep their shares.
    """
    if level == "battery":
        return {b.key: float(w) for b, w in zip(grid.batteries, weights, strict=True)}
    by_key = dict(zip(grid.keys, (float(w) for w in weights), strict=True))
    out = {}
    for battery in grid.batteries:
        out[battery.key] = sum(by_key[c.key] for c in battery.criteria)
        out |= {c.key: by_key[c.key] for c in battery.criteria}
    return out
