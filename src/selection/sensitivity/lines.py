"""Every producer's rank and score along each weight's line, on a fine grid of points.

Moving one weight (battery or criterion) from 0 to 1 while the others keep their
proportions traces a line of weightings (see :func:`selection.sensitivity.stability.line_for`).
:func:`weight_lines` scores all producers at `steps` points of every line at once;
:meth:`WeightLines.most_sensitive` then answers questions of the form "between which
values of which single weight does this producer stay in (or get into) some set?".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..engines import competition_ranks
from .factors import Factors
from .stability import line_for

__all__ = ["STEPS", "WeightLines", "weight_lines"]

#: Points on each weight's line from 0 to 1 (a resolution of 0.25 %).
STEPS = 401


def _run(inside: NDArray[np.bool_], index: int) -> tuple[int, int]:
    """The run of True around `index` in a boolean vector: (first, last)."""
    outside = np.flatnonzero(~inside)
    before = outside[outside < index]
    after = outside[outside > index]
    first = int(before[-1]) + 1 if before.size else 0
    last = int(after[0]) - 1 if after.size else len(inside) - 1
    return first, last


@dataclass(frozen=True, eq=False)
class WeightLines:
    """Ranks and scores (higher is better) of every producer along every weight's line.

    Attributes
    ----------
    t : ndarray, shape (steps,)
        The weight's share at each point, from 0 to 1.
    ranks, scores : ndarray, shape (factors, steps, producers)
    now : ndarray, shape (factors,)
        Index in `t` nearest to each weight's current share.
    """

    t: NDArray[np.float64]
    ranks: NDArray[np.int_]
    scores: NDArray[np.float64]
    now: NDArray[np.int_]

    def most_sensitive(
        self, inside: NDArray[np.bool_], now_inside: bool
    ) -> tuple[int, float, float] | None:
        """The weight that matters most for being inside a set, and its range.

        Parameters
        ----------
        inside : ndarray of bool, shape (factors, steps)
            Where, along each factor's line, the producer is in the set.
        now_inside : bool
            Whether it is in the set now. If so, the factor whose range around
            the current weight is narrowest is returned (the most fragile); if
            not, the factor needing the smallest move to get in.

        Returns
        -------
        (factor, low, high) or None
            None when no single weight keeps it in (or brings it into) the set.
        """
        best: tuple[float, int, float, float] | None = None
        for f in range(self.ranks.shape[0]):
            mask = inside[f]
            now = int(self.now[f])
            if now_inside:
                if not mask[now]:
                    continue  # the current weight falls between two points of the line
                a, b = _run(mask, now)
                key = float(self.t[b] - self.t[a])
            elif mask.any():
                hits = np.flatnonzero(mask)
                nearest = int(hits[np.abs(hits - now).argmin()])
                a, b = _run(mask, nearest)
                key = float(abs(self.t[nearest] - self.t[now]))
            else:
                continue
            if best is None or key < best[0]:
                best = (key, f, float(self.t[a]), float(self.t[b]))
        return None if best is None else best[1:]


def weight_lines(context: Factors, steps: int = STEPS) -> WeightLines:
    """Score every producer at `steps` points of every weight's line (one batch per line)."""
    t = np.linspace(0.0, 1.0, steps)
    count = len(context.keys)
    ranks = np.empty((count, steps, context.n), dtype=int)
    scores = np.empty((count, steps, context.n))
    for f in range(count):
        line = line_for(context, f)
        scores[f] = context.criterion_scores(line.u + t[:, None] * line.v)
        ranks[f] = competition_ranks(scores[f])
    now = np.array([np.abs(t - w).argmin() for w in context.weights])
    return WeightLines(t=t, ranks=ranks, scores=scores, now=now)
