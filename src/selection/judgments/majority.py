r"""Majority judgment (Balinski & Laraki): grades, gauges and the majority ranking, on counts.

Pure functions on numpy arrays, no pandas, no I/O. A *merit profile* is the
number of judges who gave each grade, grades numbered from 0 (the worst) to
``k - 1`` (the best): an array ``(..., k)`` of counts; functions taking many
profiles work along the last axis (batch first).

Definitions (M. Balinski & R. Laraki, "A theory of measuring, electing, and
ranking", *PNAS* 104(21), 8720–8725, 2007; *Majority Judgment*, MIT Press, 2011):

- the **majority grade** α of a profile of n grades is its *lower median*: the
  ⌈n/2⌉-th grade from the bottom, the highest grade that a majority (at least
  half) of the judges give at least (:func:`majority_grades`);
- the **majority gauge** is (p, α, q): p the share of grades above α, q the
  share below (:func:`majority_gauges`). It is α⁺ when p > q, α⁻ otherwise;
  between two profiles with the same α, an α⁺ beats an α⁻, two α⁺ are ranked
  by p (more is better), two α⁻ by q (less is better);
- the **majority value** is the sequence of majority grades obtained by
  removing, one at a time, the majority grade of what remains
  (:func:`majority_value`); the **majority ranking** orders profiles by their
  majority values, lexicographically (:func:`compare_profiles`,
  :func:`majority_ranking`). The gauge ranking agrees with it whenever two
  gauges differ; it may leave ties that the majority value breaks.

Profiles of different sizes (members who did not grade a producer) are
compared by their *shares*: the majority value of a profile is unchanged, as a
ranking, when every judge is cloned the same number of times, so two profiles
are compared as if both had a common multiple of their sizes (exactly, with
fractions: :func:`compare_profiles`). For profiles of equal size this is
Balinski & Laraki's lexicographic order itself.

The criterion value (:func:`gauge_values`) is ``α + p`` for an α⁺ and ``α - q``
for an α⁻. Since p ≤ ½ and q < ½ for a lower median, the values of grade α lie in
``(α - ½, α + ½]`` and never reach those of another grade, and within a grade
they order profiles exactly as the gauge does. So a weighted sum over this
value ranks producers with the same majority grade on a criterion by the
majority gauge, and by their majority grade before anything else. The values
of a scale of k grades stay within ``[0, k - 1]`` (the worst grade has no q,
the best no p): the scale's ends are the criterion's bounds.

Examples
--------
Seven judges, grades 0–6 (à rejeter … excellent):

>>> counts = np.array([0, 1, 1, 2, 1, 2, 0])       # 1, 2, 3, 3, 4, 5, 5
>>> int(majority_grades(counts))
3
>>> [round(float(x), 4) for x in majority_gauges(counts)]   # p, α, q
[0.4286, 3.0, 0.2857]
>>> round(float(gauge_values(counts)), 4)                    # α + p: 3⁺
3.4286
>>> majority_value([1, 2, 3, 3, 4, 5, 5])
(3, 3, 4, 2, 5, 1, 5)
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "compare_profiles",
    "gauge_values",
    "majority_gauges",
    "majority_grades",
    "majority_ranking",
    "majority_value",
    "mean_grades",
    "median_grades",
]


def _counts(profiles: ArrayLike) -> NDArray[np.int64]:
    counts = np.asarray(profiles)
    if counts.ndim == 0 or counts.shape[-1] == 0:
        raise ValueError("a merit profile holds one count per grade")
    if not np.issubdtype(counts.dtype, np.integer):
        if not np.all(np.isfinite(counts)) or not np.all(counts == np.round(counts)):
            raise ValueError("merit profiles hold whole numbers of grades")
        counts = counts.astype(np.int64)
    if (counts < 0).any():
        raise ValueError("merit profiles hold non-negative counts")
    return counts.astype(np.int64, copy=False)


def majority_grades(profiles: ArrayLike) -> NDArray[np.int64]:
    """The majority grade (lower median) of each profile; -1 for a profile without grades.

    Parameters
    ----------
    profiles : array of int, shape (..., k)
        Counts per grade, worst grade first.

    Examples
    --------
    >>> majority_grades([[0, 1, 1], [2, 0, 2], [0, 0, 0]]).tolist()
    [1, 0, -1]
    """
    counts = _counts(profiles)
    n = counts.sum(axis=-1, keepdims=True)
    reached = 2 * np.cumsum(counts, axis=-1) >= n  # at least half at or below the grade
    grades = np.argmax(reached, axis=-1)
    return np.where(n[..., 0] > 0, grades, -1).astype(np.int64)


def majority_gauges(
    profiles: ArrayLike,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """The majority gauge (p, α, q) of each profile: shares above and below the majority grade.

    NaN for a profile without grades.

    Examples
    --------
    >>> p, alpha, q = majority_gauges([[1, 2, 1], [3, 0, 1]])
    >>> p.tolist(), alpha.tolist(), q.tolist()
    ([0.25, 0.25], [1.0, 0.0], [0.25, 0.0])
    """
    counts = _counts(profiles)
    alpha = majority_grades(counts)
    n = counts.sum(axis=-1)
    positions = np.arange(counts.shape[-1])
    above = np.where(positions > alpha[..., None], counts, 0).sum(axis=-1)
    below = np.where(positions < alpha[..., None], counts, 0).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = 1.0 / np.where(n > 0, n, np.nan)
    return above * share, np.where(n > 0, alpha, np.nan).astype(float), below * share


def gauge_values(profiles: ArrayLike) -> NDArray[np.float64]:
    """The majority grade with its gauge as a fraction: ``α + p`` if p > q, else ``α - q``.

    The value ranks profiles as the majority gauge does (see the module's
    docstring); NaN for a profile without grades.

    Examples
    --------
    >>> gauge_values([[0, 2, 1], [1, 2, 0], [0, 3, 0], [1, 0, 1]]).round(4).tolist()
    [1.3333, 0.6667, 1.0, 0.5]
    """
    counts = _counts(profiles)
    alpha = majority_grades(counts)
    positions = np.arange(counts.shape[-1])
    above = np.where(positions > alpha[..., None], counts, 0).sum(axis=-1)
    below = np.where(positions < alpha[..., None], counts, 0).sum(axis=-1)
    n = counts.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        fraction = np.where(above > below, above, -below) / np.where(n > 0, n, 1)
    return np.where(n > 0, alpha + fraction, np.nan)


def mean_grades(profiles: ArrayLike) -> NDArray[np.float64]:
    """The mean grade position of each profile; NaN without grades.

    Examples
    --------
    >>> mean_grades([[1, 0, 1], [0, 0, 0]]).tolist()
    [1.0, nan]
    """
    counts = _counts(profiles)
    n = counts.sum(axis=-1)
    total = (counts * np.arange(counts.shape[-1])).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, total / np.where(n > 0, n, 1), np.nan)


def median_grades(profiles: ArrayLike) -> NDArray[np.float64]:
    """The median grade position: the middle grade, or halfway between the two middle grades.

    Examples
    --------
    >>> median_grades([[1, 0, 1], [1, 1, 1], [0, 0, 0]]).tolist()
    [1.0, 1.0, nan]
    """
    counts = _counts(profiles)
    n = counts.sum(axis=-1, keepdims=True)
    cumulative = np.cumsum(counts, axis=-1)
    lower = np.argmax(2 * cumulative >= n, axis=-1)  # the ⌈n/2⌉-th grade
    upper = np.argmax(2 * cumulative > n, axis=-1)  # the (⌊n/2⌋ + 1)-th grade
    return np.where(n[..., 0] > 0, (lower + upper) / 2.0, np.nan)


def majority_value(grades: Sequence[int]) -> tuple[int, ...]:
    """Balinski & Laraki's majority value of a list of grades (any order).

    The majority grade, then the majority grade of the rest once one copy of it
    is removed, and so on until no grade is left. Two profiles with the same
    number of grades rank as their majority values, lexicographically.

    Examples
    --------
    >>> majority_value([4, 1, 3, 2])       # sorted 1, 2, 3, 4: lower median first
    (2, 3, 1, 4)
    """
    rest = sorted(int(g) for g in grades)
    out = []
    while rest:
        out.append(rest.pop((len(rest) - 1) // 2))
    return tuple(out)


def compare_profiles(a: ArrayLike, b: ArrayLike) -> int:
    """1 if profile `a` ranks above `b` by majority judgment, -1 if below, 0 if tied.

    Exact (integer arithmetic), for profiles of any sizes: the majority values
    of the two profiles are compared as if every judge of each were cloned to a
    common number of judges (see the module's docstring). Going outwards from
    the middle of the judges, at each distance s the grade just below the
    middle (``Q(½ - s)``) is compared first, then the grade just above it
    (``Q(½ + s)``, approached from above), where Q is the quantile function of
    the grades; the first difference decides. For profiles with the same number
    of judges this is the lexicographic order of :func:`majority_value`.

    Raises
    ------
    ValueError
        If the profiles have different numbers of grades on their scale, or a
        profile has no grades.

    Examples
    --------
    Equal majority grades and gauges, separated further out:

    >>> compare_profiles([1, 1, 1, 1, 1], [0, 2, 1, 2, 0])
    -1
    >>> compare_profiles([0, 2, 2], [0, 1, 1])   # the same shares: a tie
    0
    """
    ca, cb = _counts(a), _counts(b)
    if ca.shape != cb.shape or ca.ndim != 1:
        raise ValueError("compare two profiles on the same scale")
    na, nb = int(ca.sum()), int(cb.sum())
    if na == 0 or nb == 0:
        raise ValueError("a profile without grades cannot be ranked")
    # Shares times 2·na·nb: every distance s from the middle is a whole number t = s·2·na·nb.
    scaled_a = 2 * nb * np.cumsum(ca)
    scaled_b = 2 * na * np.cumsum(cb)
    half = na * nb
    steps = np.abs(half - np.concatenate([scaled_a[:-1], scaled_b[:-1], [half]]))
    steps = np.unique(steps[steps < half])
    below, above = (half - steps)[:, None], (half + steps)[:, None]
    low_a, low_b = np.argmax(scaled_a >= below, axis=1), np.argmax(scaled_b >= below, axis=1)
    up_a, up_b = np.argmax(scaled_a > above, axis=1), np.argmax(scaled_b > above, axis=1)
    differ = np.flatnonzero((low_a != low_b) | (up_a != up_b))
    if not differ.size:
        return 0
    i = int(differ[0])
    if low_a[i] != low_b[i]:
        return 1 if low_a[i] > low_b[i] else -1
    return 1 if up_a[i] > up_b[i] else -1


def majority_ranking(profiles: ArrayLike) -> tuple[NDArray[np.intp], NDArray[np.int64]]:
    """The majority ranking of profiles: (order best first, rank of each profile).

    Ranks start at 1; tied profiles share the best rank of their group and keep
    their input order. Profiles without grades come last, unranked (rank 0).

    Parameters
    ----------
    profiles : array of int, shape (n, k)

    Examples
    --------
    >>> order, ranks = majority_ranking([[0, 2, 1], [1, 2, 0], [0, 3, 0], [0, 0, 0]])
    >>> order.tolist(), ranks.tolist()
    ([0, 2, 1, 3], [1, 3, 2, 0])
    """
    counts = _counts(profiles)
    if counts.ndim != 2:
        raise ValueError("majority_ranking takes a 2-D array: one profile per row")
    sizes = counts.sum(axis=1)
    graded = np.flatnonzero(sizes > 0)
    # The gauge value never contradicts the majority ranking: sort by it first, then rank
    # exactly only inside each group of equal values.
    values = gauge_values(counts)
    by_value = graded[np.argsort(-values[graded], kind="stable")].tolist()
    ordered: list[int] = []
    ranks = np.zeros(len(counts), dtype=np.int64)
    start = 0
    while start < len(by_value):
        stop = start + 1
        while stop < len(by_value) and values[by_value[stop]] == values[by_value[start]]:
            stop += 1
        group = by_value[start:stop]
        if len(group) > 1 and len({int(sizes[i]) for i in group}) == 1:
            # As many judges: Balinski & Laraki's majority values, lexicographically.
            grades = np.arange(counts.shape[1])
            keys = {i: majority_value(np.repeat(grades, counts[i]).tolist()) for i in group}
            group.sort(key=keys.__getitem__, reverse=True)  # stable: ties keep their order
            ties = [keys[i] == keys[j] for i, j in itertools.pairwise(group)]
        else:

            def better_first(i: int, j: int) -> int:
                return compare_profiles(counts[j], counts[i])

            group.sort(key=functools.cmp_to_key(better_first))
            ties = [
                compare_profiles(counts[i], counts[j]) == 0 for i, j in itertools.pairwise(group)
            ]
        for position, i in enumerate(group):
            tied = position > 0 and ties[position - 1]
            ranks[i] = ranks[group[position - 1]] if tied else len(ordered) + 1
            ordered.append(i)
        start = stop
    ungraded = np.flatnonzero(sizes == 0).tolist()
    return np.array(ordered + ungraded, dtype=np.intp), ranks
