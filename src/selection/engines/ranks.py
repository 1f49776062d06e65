"""The one rank kernel: competition ranks (1 = best; ties share the best rank) from scores.

Every ranking in `selection` (a :class:`~selection.Ranking`, each weighting of
SMAA-2, each point of a sweep, each member of a committee, each noisy sample)
comes from :func:`best_first`. Scores equal to within :data:`TIE_TOLERANCE`
(relative to the largest score of the row, absolute below 1) share a rank: 1, 2, 2, 4.

Examples
--------
>>> import numpy as np
>>> competition_ranks(np.array([0.9, 0.5, 0.5, 0.1])).tolist()
[1, 2, 2, 4]
>>> competition_ranks(np.array([3.0, 1.0, 2.0]), higher_is_better=False).tolist()
[3, 1, 2]
>>> competition_ranks(np.array([[0.2, 0.9, 0.2], [1.0, 0.0, 0.5]])).tolist()
[[2, 1, 2], [1, 3, 2]]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["TIE_TOLERANCE", "best_first", "competition_ranks", "holistic", "tie_scale"]

#: Scores equal to within this relative difference share a rank.
TIE_TOLERANCE = 1e-12


def tie_scale(
    scores: NDArray[np.float64], ordered: NDArray[np.float64] | None = None
) -> NDArray[np.float64]:
    """What :data:`TIE_TOLERANCE` is relative to: the row's largest magnitude, at least 1.

    Between two neighbours, the larger of their magnitudes and of the row's.
    Scores are mostly between −1 and 1, so the tolerance is then absolute: two
    scores that only differ by rounding noise tie even near zero (PROMETHEE II
    net flows of ±1e-17 are both 0).
    """
    row = np.maximum(np.abs(scores).max(axis=-1, keepdims=True, initial=0.0), 1.0)
    if ordered is None:
        return np.asarray(row)
    pair = np.maximum(np.abs(ordered[..., 1:]), np.abs(ordered[..., :-1]))
    return np.asarray(np.maximum(pair, row))


def best_first(
    scores: NDArray[np.float64],
    length: int | None = None,
    *,
    higher_is_better: bool = True,
    ties_in_order: bool = False,
) -> tuple[NDArray[np.intp], NDArray[np.int_]]:
    """The `length` best producers along the last axis, best first, and their ranks.

    Parameters
    ----------
    scores : ndarray, shape (..., n)
        One row of scores per weighting (any leading axes).
    length : int, optional
        How many of the best to return (default: all n). A competition rank
        depends only on the scores ahead, so a partial partition (linear time)
        picks the first `length` and only they are sorted.
    higher_is_better : bool
        False for methods whose best score is the lowest (VIKOR, SPOTIS).
    ties_in_order : bool
        Put producers sharing a rank in table order (a ranking table wants it;
        counting ranks does not, and skips the extra sort).

    Returns
    -------
    order : ndarray of intp, shape (..., length)
        Positions (along the last axis of `scores`), best first.
    ranks : ndarray of int, shape (..., length)
        The competition rank of each of them.

    Examples
    --------
    >>> order, ranks = best_first(np.array([0.5, 0.9, 0.5]), ties_in_order=True)
    >>> order.tolist(), ranks.tolist()
    ([1, 0, 2], [1, 2, 2])
    """
    keyed = scores if higher_is_better else -scores
    n = keyed.shape[-1]
    length = n if length is None else min(length, n)
    if length < n:
        candidates = np.argpartition(-keyed, length - 1, axis=-1)[..., :length]
        values = np.take_along_axis(keyed, candidates, axis=-1)
        order = np.take_along_axis(candidates, np.argsort(-values, axis=-1), axis=-1)
    else:
        # Ascending sort read backwards: ties get one rank anyway, no stable sort needed.
        order = np.argsort(keyed, axis=-1)[..., ::-1]
    ordered = np.take_along_axis(keyed, order, axis=-1)
    gaps = ordered[..., :-1] - ordered[..., 1:]  # ≥ 0: best first
    distinct = gaps > TIE_TOLERANCE * tie_scale(keyed, ordered)
    positions = np.broadcast_to(np.arange(1, length + 1), ordered.shape)
    if distinct.all():
        return order, positions.copy()
    first = np.ones((*ordered.shape[:-1], 1), dtype=bool)
    new_group = np.concatenate([first, distinct], axis=-1)
    ranks = np.maximum.accumulate(np.where(new_group, positions, 0), axis=-1)
    if ties_in_order:
        # Within a shared rank, table order: sort by (rank, position).
        key = ranks.astype(np.int64) * (n + 1) + order
        order = np.take_along_axis(order, np.argsort(key, axis=-1, kind="stable"), axis=-1)
    return order, ranks


def competition_ranks(
    scores: NDArray[np.float64], *, higher_is_better: bool = True
) -> NDArray[np.int_]:
    """Competition ranks along the last axis (1 = best; ties share the best rank)."""
    order, ranks = best_first(scores, higher_is_better=higher_is_better)
    out = np.empty(order.shape, dtype=int)
    np.put_along_axis(out, order, ranks, axis=-1)
    return out


def holistic(rank_acceptability: NDArray[np.float64], n: int | None = None) -> NDArray[np.float64]:
    """SMAA-2 holistic acceptability: a_i = Σ_r α_r b_i^r (Lahdelma & Salminen 2001).

    Meta-weights α_r = Σ_{j=r}^{n} 1/j divided by Σ_{j=1}^{n} 1/j: the rank-order
    centroid weights of the ranks, rescaled so that α_1 = 1; a producer always
    first scores 1. `rank_acceptability` is (producers × ranks 1..K), K ≤ n;
    ranks beyond K count 0.

    Examples
    --------
    >>> holistic(np.array([[1.0, 0.0], [0.0, 1.0]])).tolist()
    [1.0, 0.3333333333333333]
    """
    producers, kept = rank_acceptability.shape
    n = max(kept, producers) if n is None else n
    alpha = np.cumsum(1 / np.arange(n, 0, -1))[::-1]
    alpha = alpha / alpha[0]
    return np.asarray(rank_acceptability @ alpha[:kept], dtype=float)
