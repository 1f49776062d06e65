"""A seeded synthetic committee: many members with plausible, varied weights for any grid.

For tests, benchmarks and examples of a large committee (Montpellier's is about
60 members) when no real weights may be shown. The members are *illustrative*,
not people: their names are made up (a first name and an initial), their
weights drawn as follows.

- Each member leans towards one battery (a camp, drawn at random): the grid's
  battery shares with that battery's share multiplied by :data:`LEAN`,
  renormalized, is the centre of a Dirichlet draw of concentration
  :data:`CONCENTRATION` (a spread of a few points of percentage around it).
- A quarter of the members also split each battery between its criteria
  (a Dirichlet draw around the grid's split); the others keep the grid's split.
- Most state points (whole numbers, at least 1 per battery, so that the
  geometric mean vetoes nothing); some give an order of the batteries
  (rank-order centroid) and some a SWING rating, as real committees mix them.
- The last `outliers` members stand apart: most of their weight (70 to 85 %)
  on a single battery.

Examples
--------
>>> import selection
>>> grid = selection.load_grid(selection.example_grid_path())
>>> members = synthetic_members(grid, 60, seed=1)
>>> len(members), len({m.name for m in members})
(60, 60)
>>> members == synthetic_members(grid, 60, seed=1)
True
>>> sorted({m.method for m in members})
['points', 'rank_order_centroid', 'swing']
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..grid import Grid
from ..sensitivity import as_generator
from ..sensitivity.sampling import Seed
from ..validators import whole_number
from .elicitation import rank_order_centroid, swing
from .member import Member

__all__ = ["CONCENTRATION", "LEAN", "synthetic_members"]

#: How far a member's centre leans towards their camp's battery (its share × LEAN).
LEAN = 1.4

#: Dirichlet concentration around a member's centre: higher is closer.
CONCENTRATION = 60.0

_FIRST = (
    "Amina", "Marc", "Léa", "Jo", "Inès", "Samir", "Claire", "Yanis", "Fatou", "Paul",
    "Nadia", "Hugo", "Chantal", "Karim", "Lucie", "Bernard", "Aïcha", "Théo", "Mireille",
    "Rachid", "Sylvie", "Malik", "Odile", "Nour", "Gérard", "Emma", "Said", "Josiane",
    "Lina", "Didier", "Awa", "Julien", "Yvette", "Bilal", "Margot", "Patrice",
)  # fmt: skip
_INITIALS = "ABCDEFGHJKLMNPRSTV"


def _names(n: int, rng: np.random.Generator) -> list[str]:
    """`n` distinct made-up names, ``Amina B.``."""
    pairs = [(first, initial) for first in _FIRST for initial in _INITIALS]
    chosen = rng.choice(len(pairs), size=n, replace=n > len(pairs))
    names: list[str] = []
    for k, index in enumerate(chosen):
        first, initial = pairs[int(index)]
        name = f"{first} {initial}."
        names.append(name if name not in names else f"{name} {k + 1}")
    return names


def _whole_points(shares: NDArray[np.float64]) -> NDArray[np.float64]:
    """Shares as whole points out of about 100, at least 1 each."""
    return np.asarray(np.maximum(np.rint(100 * shares), 1.0), dtype=float)


def synthetic_members(
    grid: Grid, n: int, seed: Seed = 0, *, outliers: int = 2, anonymous: bool = False
) -> list[Member]:
    """`n` made-up committee members with varied, plausible weights for `grid`.

    Parameters
    ----------
    grid : Grid
        The grid the weights are for (two batteries or more make the camps
        differ; one battery gives criterion weights only).
    n : int
        How many members (1 or more).
    seed : int, Generator or None
        The same seed gives the same members.
    outliers : int
        How many of the last members put 70 to 85 % of their weight on one
        battery (capped at `n`).
    anonymous : bool
        Mark the members anonymous, as if read from a file with
        ``anonymous: true``.

    Returns
    -------
    list of Member
        Each covering `grid`; write them with
        :func:`~selection.committee.dump_members`.
    """
    count = whole_number(n, "n", low=1)
    extremes = min(whole_number(outliers, "outliers", low=0), count)
    rng = as_generator(seed)
    keys = [b.key for b in grid.batteries]
    base = grid.battery_weights.to_numpy(dtype=float)
    base = np.where(base > 0, base, 0.05)
    base = base / base.sum()
    names = _names(count, rng)
    members: list[Member] = []
    for i, name in enumerate(names):
        camp = int(rng.integers(len(keys)))
        if i >= count - extremes and len(keys) > 1:
            share = rng.uniform(0.70, 0.85)
            rest = rng.dirichlet(np.full(len(keys) - 1, 5.0)) * (1 - share)
            shares = np.insert(rest, camp, share)
        else:
            centre = base.copy()
            centre[camp] *= LEAN
            shares = rng.dirichlet(CONCENTRATION * centre / centre.sum())
        style = rng.random()
        if style < 0.15 and len(keys) > 1:
            order = [keys[j] for j in np.argsort(-shares, kind="stable")]
            members.append(
                Member(
                    name,
                    rank_order_centroid(order),
                    method="rank_order_centroid",
                    details={"order": order},
                    anonymous=anonymous,
                )
            )
            continue
        if style < 0.30 and len(keys) > 1:
            ratings = {
                k: float(v)
                for k, v in zip(keys, _whole_points(shares / shares.max()), strict=True)
            }
            members.append(
                Member(
                    name, swing(ratings), method="swing", details={"swing": ratings},
                    anonymous=anonymous,
                )
            )  # fmt: skip
            continue
        weights = {k: float(v) for k, v in zip(keys, _whole_points(shares), strict=True)}
        if rng.random() < 0.25:
            for battery in grid.batteries:
                split = battery.shares()
                if len(split) < 2 or split.sum() <= 0:
                    continue
                split = np.where(split > 0, split, 0.05)
                inside = rng.dirichlet(20.0 * split / split.sum())
                weights |= {
                    c.key: float(v)
                    for c, v in zip(battery.criteria, _whole_points(inside), strict=True)
                }
        members.append(Member(name, weights, anonymous=anonymous))
    return members
