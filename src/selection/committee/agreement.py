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

#: Rows of the pairwise majority matrix built at once by :func:`copeland`.
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
    counts are a draw (0). Built in blocks of rows so that memory stays
    O(CHUNK × n) for large pools.

    Examples
    --------
    >>> copeland([[1, 2, 3], [2, 3, 1], [3, 1, 2]]).tolist()  # a Condorcet cycle
    [0, 0, 0]
    """
    array = _rows(ranks)
    n = array.shape[1]
    scores = np.zeros(n, dtype=int)
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        # (b, n): rankings putting the row producer above the column one, minus the reverse.
        margin = np.zeros((stop - start, n))
        for row in array:
            margin += np.sign(row[None, :] - row[start:stop, None])
        scores[start:stop] = np.sign(margin).sum(axis=1)
    return scores
