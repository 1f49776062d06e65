"""Elicitation: turning what a committee member says into weights that sum to 1.

Five ways of stating weights, each a plain function returning ``{key: weight}``:

- :func:`points`: share points (e.g. 100) between the items; weights are the
  shares.
- :func:`rank_order_centroid`, :func:`rank_sum`, :func:`rank_reciprocal`: only
  an importance order, most important first. For n items, the item at
  position k (1 = most important) gets

  * rank-order centroid (ROC): w_k = (1/n) Σ_{i=k}^{n} 1/i (Barron & Barrett
    1996, *Management Science* 42(11):1515–1523; the centroid of all weight
    vectors that respect the order, and their most accurate surrogate);
  * rank sum: w_k = 2 (n + 1 − k) / (n (n + 1));
  * rank reciprocal: w_k = (1/k) / Σ_{i=1}^{n} 1/i (Stillwell, Seaver &
    Edwards 1981, *Organizational Behavior and Human Performance* 28:62–77).

  Items that tie (written as a nested list) share the mean of the weights of
  the positions they take.
- :func:`swing`: SWING weighting (von Winterfeldt & Edwards 1986, *Decision
  Analysis and Behavioral Research*): the member imagines every item at its
  worst, gives 100 to the item whose swing from worst to best matters most,
  and rates each other swing from 0 to 100 against it; weights are the
  ratings divided by their sum.
- :func:`ahp`: pairwise comparisons on Saaty's 1–9 scale (Saaty 1980, *The
  Analytic Hierarchy Process*): weights are the principal eigenvector of the
  reciprocal comparison matrix (or, on request, Saaty's approximate row means
  of the column-normalized matrix); judgements between the scale points
  (2.5) are kept and noted. The
  *consistency ratio* CR = CI / RI, with CI = (λ_max − n) / (n − 1) and
  Saaty's random indices RI (:data:`SAATY_RANDOM_INDEX`), says how far the
  judgements are from being mutually consistent; above 0.1 (Saaty's
  threshold) a :class:`~selection.errors.SelectionWarning` asks the member to
  review them, naming the comparison that departs most from the weights.

Errors are :class:`~selection.errors.WeightsError`; their ``where`` is a path
inside the argument (``order[2]``, ``pairwise.quality.locality``), which the
weights-file reader turns into a file and line.

Examples
--------
>>> weights = rank_order_centroid(["locality", "quality", "accessibility"])
>>> {k: round(w, 4) for k, w in weights.items()}
{'locality': 0.6111, 'quality': 0.2778, 'accessibility': 0.1111}
>>> swing({"quality": 100, "accessibility": 70, "locality": 40})["quality"]
0.47619047619047616
>>> result = ahp({"quality": {"locality": 2, "accessibility": 4},
...               "locality": {"accessibility": 2}})
>>> {k: round(w, 4) for k, w in result.weights.items()}, round(result.consistency_ratio, 12)
({'quality': 0.5714, 'locality': 0.2857, 'accessibility': 0.1429}, 0.0)
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import SelectionWarning, WeightsError, did_you_mean
from ..messages import Message, msg, msgn, render
from ..validators import one_of, weight

__all__ = [
    "CONSISTENCY_THRESHOLD",
    "SAATY_RANDOM_INDEX",
    "AHPResult",
    "Elicitation",
    "ahp",
    "parse_elicitation",
    "points",
    "rank_order_centroid",
    "rank_reciprocal",
    "rank_sum",
    "saaty_value",
    "swing",
]

#: Saaty's random consistency indices RI for n = 1..10 items (Saaty 1980, *The
#: Analytic Hierarchy Process*, McGraw-Hill, p. 21). pymcdm uses Tummala & Ling
#: (1998) instead (0.5799, 0.8921, ...: within 1.5 % of these); Saaty's 0.1
#: threshold was set against his own table, so his table is used here.
SAATY_RANDOM_INDEX = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)

#: Saaty's limit: comparisons with a consistency ratio above it deserve a review.
CONSISTENCY_THRESHOLD = 0.1

#: An importance order: keys, most important first; a nested list holds keys that tie.
Order = Sequence[str | Sequence[str]]


class Elicitation(StrEnum):
    """How a member stated their weights (``method:`` in a weights file)."""

    POINTS = "points"
    RANK_ORDER_CENTROID = "rank_order_centroid"
    RANK_SUM = "rank_sum"
    RANK_RECIPROCAL = "rank_reciprocal"
    SWING = "swing"
    AHP = "ahp"

    @property
    def takes(self) -> str:
        """The key of a weights file that holds this method's input."""
        return {
            Elicitation.POINTS: "weights",
            Elicitation.SWING: "swing",
            Elicitation.AHP: "pairwise",
        }.get(self, "order")


def parse_elicitation(value: object, where: str | None = None) -> Elicitation:
    """The :class:`Elicitation` spelled `value` (case and ``-`` ignored), or a WeightsError.

    Examples
    --------
    >>> parse_elicitation("Rank-Sum")
    <Elicitation.RANK_SUM: 'rank_sum'>
    """
    if isinstance(value, Elicitation):
        return value
    spellings = [m.value for m in Elicitation]
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if text in spellings:
        return Elicitation(text)
    raise WeightsError(
        msg("committee.elicitation.parse_elicitation.problem", "unknown elicitation method"),
        where=where or "method",
        expected=msg(
            "committee.elicitation.parse_elicitation.expected",
            "one of: {items}",
            items=", ".join(spellings),
        ),
        found=repr(value),
        hint=did_you_mean(text, spellings),
    )


# -- points and SWING ---------------------------------------------------------------------


def _number(value: object, where: str) -> float:
    return weight(
        value,
        where,
        error=WeightsError,
        hint=msg(
            "elicitation.weight_hint",
            "give 0 to leave an item out; points are shares, the library normalizes them",
        ),
    )


def _shares(values: Mapping[str, float], where: str) -> dict[str, float]:
    total = sum(values.values())
    if not values or total <= 0:
        raise WeightsError(
            msg("committee.elicitation.shares.problem", "nothing to share"),
            where=where,
            expected=msg(
                "committee.elicitation.shares.expected", "at least one item with a positive number"
            ),
            found=(
                msg("committee.elicitation.shares.found.a", "no items")
                if not values
                else msg("committee.elicitation.shares.found.b", "all 0")
            ),
        )
    return {key: value / total for key, value in values.items()}


def points(weights: Mapping[str, float]) -> dict[str, float]:
    """Points allocation: each item's share of the points given.

    Parameters
    ----------
    weights : mapping
        Key → points (any non-negative numbers, e.g. 100 points shared out).

    Examples
    --------
    >>> points({"quality": 30, "locality": 20, "accessibility": 50})
    {'quality': 0.3, 'locality': 0.2, 'accessibility': 0.5}
    """
    if not isinstance(weights, Mapping):
        raise WeightsError(
            msg("committee.elicitation.points.problem", "expected key: points pairs"),
            where="weights",
            expected=msg(
                "committee.elicitation.points.expected",
                "a mapping such as {{quality: 30, locality: 20}}",
            ),
            found=repr(weights),
        )
    values = {str(k): _number(v, f"weights.{k}") for k, v in weights.items()}
    return _shares(values, "weights")


def swing(scores: Mapping[str, float]) -> dict[str, float]:
    """SWING weights: ratings of each item's swing (0–100, the largest 100), normalized.

    Parameters
    ----------
    scores : mapping
        Key → rating. The swing that matters most gets 100; every other swing is
        rated against it, from 0 (doesn't matter) to 100 (matters as much).

    Examples
    --------
    >>> {k: round(w, 4) for k, w in swing({"quality": 100, "locality": 50, "price": 50}).items()}
    {'quality': 0.5, 'locality': 0.25, 'price': 0.25}
    """
    if not isinstance(scores, Mapping) or not scores:
        raise WeightsError(
            msg("committee.elicitation.swing.problem", "expected key: rating pairs"),
            where="swing",
            expected=msg(
                "committee.elicitation.swing.expected",
                "a mapping such as {{quality: 100, locality: 40}}",
            ),
            found=repr(scores),
        )
    values = {str(k): _number(v, f"swing.{k}") for k, v in scores.items()}
    for key, value in values.items():
        if value > 100:
            raise WeightsError(
                msg("committee.elicitation.swing.problem.3", "a swing rating is at most 100"),
                where=f"swing.{key}",
                expected=msg("committee.elicitation.swing.expected.3", "a number from 0 to 100"),
                found=repr(scores[key]),
                hint=msg(
                    "committee.elicitation.swing.hint.2",
                    "give 100 to the swing that matters most and rate the others against it",
                ),
            )
    if max(values.values()) != 100:
        top = max(values, key=values.__getitem__)
        raise WeightsError(
            msg("committee.elicitation.swing.problem.2", "no swing is rated 100"),
            where="swing",
            expected=msg(
                "committee.elicitation.swing.expected.2",
                "100 for the swing that matters most, the others from 0 to 100",
            ),
            found=msg(
                "committee.elicitation.swing.found.2",
                "the largest rating is {values:g} ({top})",
                values=values[top],
                top=top,
            ),
            hint=msg(
                "committee.elicitation.swing.hint",
                "rate {top} 100 and the others against it",
                top=top,
            ),
        )
    return _shares(values, "swing")


# -- importance orders ----------------------------------------------------------------------


def _positions(order: Order) -> list[list[str]]:
    """The order as groups of tied keys, checked: text keys, each once, at least one."""
    if isinstance(order, str) or not isinstance(order, Sequence) or not order:
        raise WeightsError(
            msg("committee.elicitation.positions.problem", "expected an importance order"),
            where="order",
            expected=msg(
                "committee.elicitation.positions.expected",
                "a list of keys, most important first: [locality, quality, accessibility]",
            ),
            found=repr(order),
        )
    groups: list[list[str]] = []
    seen: set[str] = set()
    for i, item in enumerate(order):
        group = [item] if isinstance(item, str) else item
        if isinstance(group, str) or not isinstance(group, Sequence) or not group:
            raise WeightsError(
                msg(
                    "committee.elicitation.positions.problem.2",
                    "expected a key, or a list of keys that tie",
                ),
                where=f"order[{i}]",
                expected=msg(
                    "committee.elicitation.positions.expected.2",
                    "a key such as quality, or [quality, locality] for a tie",
                ),
                found=repr(item),
            )
        keys = []
        for j, key in enumerate(group):
            path = f"order[{i}]" if isinstance(item, str) else f"order[{i}][{j}]"
            if not isinstance(key, str) or not key.strip():
                raise WeightsError(
                    msg("committee.elicitation.positions.problem.3", "expected a key"),
                    where=path,
                    expected=msg(
                        "committee.elicitation.positions.expected.3", "a key such as quality"
                    ),
                    found=repr(key),
                )
            if key in seen:
                raise WeightsError(
                    msg(
                        "committee.elicitation.positions.problem.4",
                        "{key!r} appears twice in the order",
                        key=key,
                    ),
                    where=path,
                    expected=msg("committee.elicitation.positions.expected.4", "each key once"),
                    found=msg(
                        "committee.elicitation.positions.found.4", "a second {key!r}", key=key
                    ),
                    hint=msg(
                        "committee.elicitation.positions.hint",
                        (
                            "to say that two keys matter as much, write them together: "
                            "[locality, [quality, accessibility]]"
                        ),
                    ),
                )
            seen.add(key)
            keys.append(key)
        groups.append(keys)
    return groups


def _from_order(order: Order, base: Callable[[int], NDArray[np.float64]]) -> dict[str, float]:
    groups = _positions(order)
    n = sum(len(g) for g in groups)
    weights = base(n)
    out: dict[str, float] = {}
    start = 0
    for group in groups:
        share = float(weights[start : start + len(group)].mean())
        out.update(dict.fromkeys(group, share))
        start += len(group)
    return out


def _roc(n: int) -> NDArray[np.float64]:
    return np.cumsum(1 / np.arange(n, 0, -1))[::-1] / n


def _rank_sum(n: int) -> NDArray[np.float64]:
    k = np.arange(1, n + 1)
    return np.asarray(2 * (n + 1 - k) / (n * (n + 1)), dtype=float)


def _rank_reciprocal(n: int) -> NDArray[np.float64]:
    inverse = 1 / np.arange(1, n + 1)
    return np.asarray(inverse / inverse.sum(), dtype=float)


def rank_order_centroid(order: Order) -> dict[str, float]:
    """Rank-order centroid weights: w_k = (1/n) Σ_{i=k}^{n} 1/i.

    Parameters
    ----------
    order : list
        Keys, most important first; a nested list holds keys that tie (they
        share the mean weight of the positions they take).

    Examples
    --------
    >>> weights = rank_order_centroid(["locality", ["quality", "accessibility"]])
    >>> {k: round(w, 4) for k, w in weights.items()}
    {'locality': 0.6111, 'quality': 0.1944, 'accessibility': 0.1944}
    """
    return _from_order(order, _roc)


def rank_sum(order: Order) -> dict[str, float]:
    """Rank-sum weights: w_k = 2 (n + 1 − k) / (n (n + 1)).

    Examples
    --------
    >>> rank_sum(["a", "b", "c", "d"])
    {'a': 0.4, 'b': 0.3, 'c': 0.2, 'd': 0.1}
    """
    return _from_order(order, _rank_sum)


def rank_reciprocal(order: Order) -> dict[str, float]:
    """Rank-reciprocal weights: w_k = (1/k) / Σ_{i=1}^{n} 1/i.

    Examples
    --------
    >>> {k: round(w, 4) for k, w in rank_reciprocal(["a", "b", "c", "d"]).items()}
    {'a': 0.48, 'b': 0.24, 'c': 0.16, 'd': 0.12}
    """
    return _from_order(order, _rank_reciprocal)


# -- AHP ------------------------------------------------------------------------------------


def saaty_value(value: object, where: str = "pairwise") -> float:
    """A judgement on Saaty's scale: 1–9 or 1/2–1/9 (text such as ``"1/3"`` or a number).

    Decimals are accepted for inverses when they round, to 2 decimals, to one of
    1/2 … 1/9 (0.33 or 0.333 for 1/3), as pymcdm does; the exact inverse is
    returned. Judgements between the scale points (1.5, 2.5, ``"1/2.5"``,
    ``"2,5"``) are accepted as they are (:func:`on_scale` tells them apart: the
    AHP result notes them); anything outside 1/9 … 9 is refused.

    Examples
    --------
    >>> saaty_value("1/3"), saaty_value(5), saaty_value(0.2), saaty_value("2,5")
    (0.3333333333333333, 5.0, 0.2, 2.5)
    """
    number: float | None = None
    if isinstance(value, str):
        text = value.strip().replace(" ", "").replace(",", ".")
        top, slash, bottom = text.partition("/")
        try:
            number = float(top) / float(bottom) if slash else float(text)
        except (ValueError, ZeroDivisionError):
            number = None
    elif not isinstance(value, bool) and isinstance(value, int | float | np.integer | np.floating):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond float range
            number = math.inf
    if number is not None and math.isfinite(number) and number > 0:
        if number >= 1 and abs(number - round(number)) < 1e-9 and round(number) <= 9:
            return float(round(number))
        for k in range(2, 10):
            if number < 1 and round(number, 2) == round(1 / k, 2):
                return 1 / k
        if 1 / 9 - 1e-9 <= number <= 9 + 1e-9:
            return number
    raise WeightsError(
        msg("committee.elicitation.saaty_value.problem", "not a judgement on Saaty's scale"),
        where=where,
        expected=msg(
            "committee.elicitation.saaty_value.expected",
            "a number from 1 to 9 (how many times more important), or 1/2 … 1/9",
        ),
        found=repr(value),
        hint=msg(
            "committee.elicitation.saaty_value.hint",
            "1 = as important, 3 = moderately more, 5 = strongly more, 7 = very strongly "
            "more, 9 = extremely more; 1/3 … 1/9 when the second one matters more",
        ),
    )


def on_scale(value: float) -> bool:
    """Whether a judgement is one of Saaty's points (1 … 9 or 1/2 … 1/9).

    Examples
    --------
    >>> on_scale(3.0), on_scale(1 / 3), on_scale(2.5)
    (True, True, False)
    """
    whole = value if value >= 1 else 1 / value
    return abs(whole - round(whole)) < 1e-9 and 1 <= round(whole) <= 9


#: How AHP priorities are derived from the comparison matrix.
PRIORITIES = ("eigenvector", "approximate")


@dataclass(frozen=True, eq=False)
class AHPResult:
    """AHP weights with their consistency.

    Attributes
    ----------
    weights : dict
        Key → weight (sum 1): the principal eigenvector of the comparison matrix.
    consistency_ratio : float
        CR = CI / RI (0 for one or two items); above 0.1, the judgements
        deserve a review.
    consistency_index : float
        CI = (λ_max − n) / (n − 1).
    lambda_max : float
        The principal eigenvalue (n when the judgements are fully consistent).
    random_index : float
        Saaty's RI for n items.
    matrix : ndarray
        The reciprocal comparison matrix, rows and columns in the order of `weights`.
    worst : tuple or None
        ``(a, b, judgement, implied)``: the comparison that departs most from
        the weights (``a`` over ``b`` was judged `judgement`; the weights imply
        w_a / w_b = `implied`); None when every judgement agrees with them.
    priorities : str
        ``eigenvector`` (Saaty's principal eigenvector, the default) or
        ``approximate`` (the row means of the column-normalized matrix, the
        computation by hand of Saaty 1980, §2.2).
    notes : tuple of Message
        What is worth knowing: judgements between Saaty's scale points.
    """

    weights: dict[str, float]
    consistency_ratio: float
    consistency_index: float
    lambda_max: float
    random_index: float
    matrix: NDArray[np.float64]
    worst: tuple[str, str, float, float] | None
    priorities: str = "eigenvector"
    notes: tuple[Message, ...] = ()

    @property
    def consistent(self) -> bool:
        """True when the consistency ratio is at most 0.1 (Saaty's threshold)."""
        return self.consistency_ratio <= CONSISTENCY_THRESHOLD

    def details(self) -> dict[str, object]:
        """What a :class:`~selection.committee.Member` records about its AHP weights."""
        out: dict[str, object] = {
            "consistency_ratio": self.consistency_ratio,
            "consistency_index": self.consistency_index,
            "lambda_max": self.lambda_max,
            "random_index": self.random_index,
        }
        if self.priorities != "eigenvector":
            out["priorities"] = self.priorities
        return out

    def advice(self, lang: str | None = None) -> str:
        """A sentence saying how consistent the judgements are, and what to review."""
        return render(self.advice_message(), lang)

    def advice_message(self) -> Message:
        """:meth:`advice` as a message, to render in any language."""
        values = {"ratio": self.consistency_ratio, "threshold": CONSISTENCY_THRESHOLD}
        if self.consistent:
            return msg(
                "ahp.consistent",
                "consistency ratio {ratio:.2f} (at most {threshold:g}: consistent enough)",
                **values,
            )
        if self.worst is None:
            return msg(
                "ahp.inconsistent",
                "consistency ratio {ratio:.2f} (above {threshold:g}: the comparisons contradict "
                "each other)",
                **values,
            )
        a, b, judged, implied = self.worst
        return msg(
            "ahp.inconsistent_review",
            "consistency ratio {ratio:.2f} (above {threshold:g}: the comparisons contradict "
            "each other); review {a} against {b} first: judged {judged}, while the weights that "
            "come out say about {implied}",
            a=a,
            b=b,
            judged=_fraction(judged),
            implied=_fraction(implied),
            **values,
        )


def _fraction(value: float) -> Message:
    """A judgement as people write it: 3, 1, 1/3 (2,5 in French)."""
    if value >= 0.95:
        return Message("number.2g", "{value:.2g}", {"value": float(value)})
    return Message("fraction.2g", "1/{value:.2g}", {"value": 1 / float(value)})


def _pairwise_matrix(comparisons: Mapping[str, Any]) -> tuple[list[str], NDArray[np.float64]]:
    """Keys (in order of appearance) and the full reciprocal matrix of an upper triangle."""
    keys: list[str] = []
    judged: dict[tuple[str, str], float] = {}  # (a, b) as written: a matters so much more
    first_at: dict[frozenset[str], str] = {}
    for a, row in comparisons.items():
        path = f"pairwise.{a}"
        if not isinstance(row, Mapping):
            raise WeightsError(
                msg(
                    "committee.elicitation.pairwise_matrix.problem.2",
                    "expected the comparisons of one key with others",
                ),
                where=path,
                expected=msg(
                    "committee.elicitation.pairwise_matrix.expected.2",
                    "a mapping such as {{{a}: {{other: 3}}}}: {a} matters 3 times as much",
                    a=a,
                ),
                found=repr(row),
            )
        keys += [k for k in (a, *row) if k not in keys]
        for b, value in row.items():
            where = f"{path}.{b}"
            if a == b:
                raise WeightsError(
                    msg(
                        "committee.elicitation.pairwise_matrix.problem.3",
                        "{a!r} compared with itself",
                        a=a,
                    ),
                    where=where,
                    expected=msg(
                        "committee.elicitation.pairwise_matrix.expected.3",
                        "comparisons of two different keys",
                    ),
                    found=msg(
                        "committee.elicitation.pairwise_matrix.found.3", "{a} against {a}", a=a
                    ),
                    hint=msg(
                        "committee.elicitation.pairwise_matrix.hint.2",
                        "leave it out: every key is as important as itself (1)",
                    ),
                )
            pair = frozenset((a, b))
            if pair in first_at:
                raise WeightsError(
                    msg(
                        "committee.elicitation.pairwise_matrix.problem.4",
                        "{a} and {b} are compared twice",
                        a=a,
                        b=b,
                    ),
                    where=where,
                    expected=msg(
                        "committee.elicitation.pairwise_matrix.expected.4",
                        "each pair once (the upper triangle of the matrix)",
                    ),
                    found=msg(
                        "committee.elicitation.pairwise_matrix.found.4",
                        "a second comparison (the first is at {first_at})",
                        first_at=first_at[pair],
                    ),
                    hint=msg(
                        "committee.elicitation.pairwise_matrix.hint.3",
                        "keep one: `a: {{b: 3}}` already means `b: {{a: 1/3}}`",
                    ),
                )
            first_at[pair] = where
            judged[(a, b)] = saaty_value(value, where)
    n = len(keys)
    matrix = np.ones((n, n))
    for (a, b), value in judged.items():
        i, j = keys.index(a), keys.index(b)
        matrix[i, j], matrix[j, i] = value, 1 / value
    missing = [
        (keys[i], keys[j])
        for i in range(n)
        for j in range(i + 1, n)
        if frozenset((keys[i], keys[j])) not in first_at
    ]
    if missing:
        a, b = missing[0]
        raise WeightsError(
            msg("committee.elicitation.pairwise_matrix.problem", "missing comparisons"),
            where="pairwise",
            expected=msg(
                "committee.elicitation.pairwise_matrix.expected",
                "every pair of {items} compared once",
                items=", ".join(keys),
            ),
            found=msg(
                "committee.elicitation.pairwise_matrix.found",
                "no comparison of {items}",
                items=", ".join(
                    render(msg("ahp.pair", "{a} with {b}", a=x, b=y)) for x, y in missing
                ),
            ),
            hint=msg(
                "committee.elicitation.pairwise_matrix.hint",
                (
                    "add `{a}: {{{b}: 1}}` if they matter as much (3: {a} matters more, 1/3: {b}"
                    " does)"
                ),
                a=a,
                b=b,
            ),
        )
    return keys, matrix


def _checked_matrix(matrix: ArrayLike, keys: Sequence[str] | None) -> NDArray[np.float64]:
    try:
        array = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError):
        array = np.empty(0)
    if array.ndim != 2 or array.shape[0] != array.shape[1] or array.shape[0] == 0:
        raise WeightsError(
            msg(
                "committee.elicitation.checked_matrix.problem",
                "expected a square comparison matrix",
            ),
            where="matrix",
            expected=msg(
                "committee.elicitation.checked_matrix.expected", "an n × n array of judgements"
            ),
            found=msg(
                "committee.elicitation.checked_matrix.found", "shape {shape}", shape=array.shape
            ),
        )
    n = array.shape[0]
    if keys is None or len(keys) != n or len(set(keys)) != n:
        raise WeightsError(
            msg(
                "committee.elicitation.checked_matrix.problem.2",
                "a comparison matrix needs its keys",
            ),
            where="keys",
            expected=msg(
                "committee.elicitation.checked_matrix.expected.2",
                "{n} distinct keys, in the order of the matrix rows",
                n=n,
            ),
            found=repr(keys),
        )
    out = np.ones((n, n))
    for i in range(n):
        if not np.isclose(array[i, i], 1):
            raise WeightsError(
                msg(
                    "committee.elicitation.checked_matrix.problem.3",
                    "the diagonal of a comparison matrix is 1",
                ),
                where=f"matrix[{i}][{i}]",
                expected=msg(
                    "committee.elicitation.checked_matrix.expected.3",
                    "1 (every key is as important as itself)",
                ),
                found=repr(float(array[i, i])),
            )
        for j in range(i + 1, n):
            value = saaty_value(float(array[i, j]), f"matrix[{i}][{j}]")
            back = saaty_value(float(array[j, i]), f"matrix[{j}][{i}]")
            if not np.isclose(value * back, 1, atol=0.02):
                raise WeightsError(
                    msg(
                        "committee.elicitation.checked_matrix.problem.4",
                        "the comparison matrix is not reciprocal",
                    ),
                    where=f"matrix[{j}][{i}]",
                    expected=msg(
                        "committee.elicitation.checked_matrix.expected.4",
                        "1/{fraction} (the inverse of matrix[{i}][{j}])",
                        fraction=_fraction(value),
                        i=i,
                        j=j,
                    ),
                    found=repr(float(array[j, i])),
                )
            out[i, j], out[j, i] = value, 1 / value
    return out


def ahp(
    comparisons: Mapping[str, Mapping[str, float | str]] | ArrayLike,
    keys: Sequence[str] | None = None,
    *,
    priorities: str = "eigenvector",
    warn: bool = True,
) -> AHPResult:
    """AHP weights from pairwise comparisons, with their consistency ratio.

    Parameters
    ----------
    comparisons : mapping or array
        Either the upper triangle as a mapping, ``{a: {b: 3, c: 1}, b: {c: "1/3"}}``
        (``a`` matters 3 times as much as ``b``, as much as ``c``; ``c`` matters
        3 times as much as ``b``), each pair once; or a full reciprocal
        n × n matrix with its `keys`.
    keys : sequence of str, optional
        Row and column keys of a matrix (ignored for a mapping).
    priorities : {"eigenvector", "approximate"}
        ``eigenvector``: the principal eigenvector (pymcdm's ``AHP``), Saaty's
        definition; ``approximate``: each row's mean of the column-normalized
        matrix (equal to the eigenvector when the judgements are consistent).
        The consistency ratio is the matrix's in both cases.
    warn : bool
        Warn (:class:`~selection.errors.SelectionWarning`) when the consistency
        ratio is above 0.1.

    Returns
    -------
    AHPResult

    Raises
    ------
    WeightsError
        A judgement off Saaty's scale, a missing or repeated pair, a matrix that
        is not reciprocal, more than 10 items (Saaty's random indices stop there).

    Examples
    --------
    >>> result = ahp([[1, 3], [1 / 3, 1]], keys=["quality", "price"])
    >>> result.weights, result.consistency_ratio
    ({'quality': 0.75, 'price': 0.25}, 0.0)
    """
    if isinstance(comparisons, Mapping):
        names, matrix = _pairwise_matrix(comparisons)
    else:
        matrix = _checked_matrix(comparisons, keys)
        names = [str(k) for k in keys or ()]
    n = len(names)
    if n < 2:
        raise WeightsError(
            msg("ahp.too_few", "AHP compares pairs: it needs two items or more"),
            where="pairwise",
            expected=msg(
                "ahp.too_few_expected",
                "comparisons such as `quality: {{locality: 3}}`",
            ),
            found=msgn("ahp.too_few_found", "{count} item", "{count} items", count=n),
            hint=msg(
                "ahp.too_few_hint",
                "with a single battery, give weights with `weights:` instead",
            ),
        )
    if n > len(SAATY_RANDOM_INDEX):
        raise WeightsError(
            msg("committee.elicitation.ahp.problem", "too many items for AHP"),
            where="pairwise",
            expected=msg(
                "committee.elicitation.ahp.expected",
                "at most {count} items (Saaty's random indices stop there; he advises 7 ± 2)",
                count=len(SAATY_RANDOM_INDEX),
            ),
            found=msg("committee.elicitation.ahp.found", "{n} items", n=n),
            hint=msg(
                "committee.elicitation.ahp.hint",
                "compare the batteries, then the criteria inside each battery",
            ),
        )
    how = one_of(
        priorities,
        "priorities",
        PRIORITIES,
        where="priorities",
        error=WeightsError,
        what=msg("what.priorities", "way of deriving priorities"),
    )
    if how == "eigenvector":
        # The principal eigenvector, as pymcdm's AHP computes it; pymcdm's own validator
        # refuses judgements between the scale points (2.5), which Saaty allows.
        values, vectors = np.linalg.eig(matrix)
        weights = np.abs(vectors[:, int(np.argmax(values.real))].real)
    else:
        weights = (matrix / matrix.sum(axis=0)).mean(axis=1)
    weights = weights / weights.sum()
    lambda_max = float(np.max(np.linalg.eigvals(matrix).real)) if n else 0.0
    index = (lambda_max - n) / (n - 1) if n > 2 else 0.0
    index = index if index > 1e-12 else 0.0  # rounding noise of a consistent matrix
    random_index = SAATY_RANDOM_INDEX[n - 1]
    ratio = index / random_index if random_index > 0 else 0.0
    departure = matrix * weights[None, :] / weights[:, None]  # a_ij w_j / w_i: 1 if consistent
    spread = np.maximum(departure, 1 / departure)
    i, j = np.unravel_index(int(np.argmax(spread)), spread.shape)
    worst = (
        None
        if spread[i, j] < 1 + 1e-9
        else (names[i], names[j], float(matrix[i, j]), float(weights[i] / weights[j]))
    )
    if worst is not None and matrix[i, j] < 1:  # say it the way round that reads best
        worst = (names[j], names[i], float(matrix[j, i]), float(weights[j] / weights[i]))
    between = [
        (names[i], names[j], float(matrix[i, j]))
        for i in range(n)
        for j in range(i + 1, n)
        if not on_scale(float(matrix[i, j]))
    ]
    notes = (
        (
            msgn(
                "ahp.between_points",
                "{count} judgement between Saaty's scale points ({pairs}): kept as given",
                "{count} judgements between Saaty's scale points ({pairs}): kept as given",
                count=len(between),
                pairs=[
                    msg("ahp.pair_value", "{a}/{b} {value}", a=a, b=b, value=_fraction(v))
                    for a, b, v in between
                ],
            ),
        )
        if between
        else ()
    )
    result = AHPResult(
        weights={name: float(w) for name, w in zip(names, weights, strict=True)},
        consistency_ratio=float(ratio),
        consistency_index=float(index),
        lambda_max=lambda_max,
        random_index=random_index,
        matrix=matrix,
        worst=worst,
        priorities=how,
        notes=notes,
    )
    if warn and not result.consistent:
        warnings.warn(
            render(
                msg("ahp.warning", "AHP comparisons: {advice}", advice=result.advice_message())
            ),
            SelectionWarning,
            stacklevel=2,
        )
    return result
