"""Pure kernels on several rankings of the same producers: agreement and compromise.

Every function takes ``ranks``, an (m, n) array: m rankings (members) of n
producers, 1 = best, ties allowed (any tie convention: ranks are turned into
mid-ranks first, so 1, 2, 2, 4 and 1, 2.5, 2.5, 4 are the same ranking).

- :func:`kendall_w`: Kendall's coefficient of concordance (Kendall & Babington
  Smith 1939, "The problem of m rankings", *Annals of Mathematical Statistics*
  10(3):275–287), corrected for ties:
  W = 12 S / (m² (n³ − n) − m Σ T), with S = Σ_j (R_j − m (n + 1) / 2)², R_j the
  sum of producer j's mid-ranks and T = Σ (t³ − t) over each ranking's groups of
  t tied producers. 1 = the members rank identically; 0 = no agreement at all.
- :func:`borda`: Borda count, n − mid-rank points per ranking, summed.
- :func:`copeland`: Copeland score, pairwise majority wins − losses.

Examples
--------
>>> ranks = np.array([[1, 2, 3], [1, 3, 2]])
>>> float(kendall_w(ranks))
0.75
>>> borda(ranks).tolist(), copeland(ranks).tolist()
([4.0, 1.0, 1.0], [2, -1, -1])
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import ArgumentError
from ..messages import msg

__all__ = ["borda", "copeland", "kendall_w", "mid_ranks", "tie_sums"]

#: Producers compared at once by :func:`copeland` (memory: CHUNK × n bytes, twice).
CHUNK = 256


def _rows(ranks: ArrayLike) -> NDArray[np.float64]:
    try:
        array = np.asarray(ranks, dtype=float)
    except (TypeError, ValueError):
        array = np.empty(0)
    if array.ndim != 2 or not np.isfinite(array).all():
        raise ArgumentError(
            msg("agreement.shape", "ranks must be one row of ranks per ranking"),
            where="ranks",
            expected=msg(
                "agreement.shape_expected",
                "a 2-D array (rankings × producers) of finite ranks, e.g. [[1, 2, 3], [2, 1, 3]]",
            ),
            found=(
                msg("committee.agreement.rows.found.a", "shape {shape}", shape=array.shape)
                if array.ndim != 2
                else msg("committee.agreement.rows.found.b", "a value that is not finite")
            ),
            hint=msg("agreement.shape_hint", "one ranking is [[1, 2, 3]], not [1, 2, 3]")
            if array.ndim == 1
            else None,
        )
    return array


def mid_ranks(ranks: ArrayLike) -> NDArray[np.float64]:
    """Mid-ranks (tied producers share the mean of the places they take), row by row.

    Examples
    --------
    >>> mid_ranks([[1, 2, 2, 4], [3, 1, 1, 1]]).tolist()
    [[1.0, 2.5, 2.5, 4.0], [4.0, 2.0, 2.0, 2.0]]
    """
    array = _rows(ranks)
    out = np.empty_like(array)
    for i, row in enumerate(array):
        _, inverse, counts = np.unique(row, return_inverse=True, return_counts=True)
        ends = np.cumsum(counts)
        out[i] = (ends - (counts - 1) / 2)[inverse]
    return out


def tie_sums(ranks: ArrayLike) -> NDArray[np.float64]:
    """Σ (t³ − t) over the groups of t tied producers, per ranking (0 without ties)."""
    array = _rows(ranks)
    out = np.zeros(len(array))
    for i, row in enumerate(array):
        counts = np.unique(row, return_counts=True)[1].astype(float)
        out[i] = float(np.sum(counts**3 - counts))
    return out


def kendall_w(ranks: ArrayLike) -> float:
    """Kendall's W, tie-corrected (NaN when every ranking is one big tie).

    Examples
    --------
    Siegel (1956, p. 231): three executives rank six applicants; W = 0.16.

    >>> round(kendall_w([[1, 6, 3, 2, 5, 4], [1, 5, 6, 4, 2, 3], [6, 3, 2, 5, 4, 1]]), 4)
    0.1619
    """
    array = mid_ranks(ranks)
    m, n = array.shape
    sums = array.sum(axis=0)
    spread = float(np.sum((sums - m * (n + 1) / 2) ** 2))
    denominator = m**2 * (n**3 - n) - m * float(tie_sums(array).sum())
    return 12 * spread / denominator if denominator > 0 else float("nan")


def borda(ranks: ArrayLike) -> NDArray[np.float64]:
    """Borda points per producer: Σ over rankings of (n − mid-rank); more is better.

    Examples
    --------
    >>> borda([[1, 2, 3], [2, 1, 3]]).tolist()
    [3.0, 3.0, 0.0]
    """
    array = mid_ranks(ranks)
    return np.asarray((array.shape[1] - array).sum(axis=0), dtype=float)


def copeland(ranks: ArrayLike) -> NDArray[np.int_]:
    """Copeland scores: for each producer, pairwise majority wins minus losses.

    Producer i beats j when more rankings put i above j than j above i; equal
    counts are a draw (0).

    How it stays fast for a large pool (5,000 producers × 61 members in a
    fraction of a second, against seconds for the plain pairwise definition;
    ``benchmarks/committee_scale.py``):

    - *sorting settles most pairs.* Each producer's best and worst mid-rank
      over the rankings form an interval. When i's worst rank is above j's
      best, every ranking puts i above j: a unanimous win, counted for all
      such j at once by sorting the intervals (``searchsorted``), never pair
      by pair;
    - *only overlapping pairs are compared*, in blocks of :data:`CHUNK`
      producers taken in order of their best rank, as small integers with
      one comparison and one byte addition per ranking: with d the number
      of rankings that put i above j and t the number of ties, i beats j
      when 2d + t > m.

    The cost is O(m n log n) for the sorting plus O(m) per overlapping pair.
    When the members broadly agree most pairs are settled by sorting; when
    the rankings have nothing in common every pair overlaps and the cost is
    that of the pairwise definition, m n² byte operations, still vectorised
    (no exact method faster than looking at the contested pairs is known for
    more than two rankings). Memory stays O(CHUNK × n).

    Examples
    --------
    >>> copeland([[1, 2, 3], [2, 3, 1], [3, 1, 2]]).tolist()  # a Condorcet cycle
    [0, 0, 0]
    >>> copeland([[1, 2, 3, 4], [2, 1, 3, 4], [1, 3, 2, 4]]).tolist()
    [3, 1, -1, -3]
    """
    array = mid_ranks(ranks)
    m, n = array.shape
    scores = np.zeros(n, dtype=int)
    if n == 0 or m == 0:
        return scores
    best, worst = array.min(axis=0), array.max(axis=0)
    order = np.lexsort((worst, best))
    best_sorted, worst_in_order = best[order], worst[order]
    worst_sorted = np.sort(worst)
    # Mid-ranks are multiples of 1/2: twice them are small integers, compared fast.
    kind = np.int16 if 2 * n < np.iinfo(np.int16).max else np.int32
    doubled = np.ascontiguousarray(np.rint(2 * array[:, order]).astype(kind))
    tied = [r for r in range(m) if len(np.unique(array[r])) < n]
    count_kind = np.uint8 if m <= np.iinfo(np.uint8).max else np.int64
    wide = np.int16 if 2 * m < np.iinfo(np.int16).max else np.int64
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        lowest, highest = best_sorted[start], worst_in_order[start:stop].max()
        # Producers whose best rank comes after every worst rank of the block: beaten by
        # all of the block in every ranking; those whose worst rank comes before every best
        # rank of the block: above all of it in every ranking. The rest are compared.
        end = int(np.searchsorted(best_sorted, highest, side="right"))
        columns = np.flatnonzero(worst_in_order[:end] >= lowest)
        beaten = n - end
        beating = int(np.searchsorted(worst_sorted, lowest, side="left"))
        rows = doubled[:, start:stop]
        others = np.ascontiguousarray(doubled[:, columns])
        above = np.zeros((stop - start, len(columns)), dtype=count_kind)
        compared = np.empty(above.shape, dtype=bool)
        for r in range(m):
            np.greater(others[r][None, :], rows[r][:, None], out=compared)
            above += compared
        balance = 2 * above.astype(wide) - m  # 2d − m, then + t: wins − losses
        for r in tied:
            balance += others[r][None, :] == rows[r][:, None]
        duels = (balance > 0).sum(axis=1) - (balance < 0).sum(axis=1)
        if len(tied) < m:
            duels += 1  # each producer against itself: 2·0 + t − m < 0 was counted a loss
        scores[order[start:stop]] = beaten - beating + duels
    return scores
