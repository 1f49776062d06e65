"""The solver's quantities made exact: whole packs, nothing above a bound, no dust.

HiGHS is exact to about 1e-7, and each objective stage may move the one before's
optimum by a relative 1e-9 (:data:`~selection.planning.solve.KEEP_TOLERANCE`):
a later stage spends that slack on a few millionths of a unit, moved from one
producer to another (in the Marseille example, 0.000012 kg of spinach from a
second grower, week after week). No one grows, carries or misses such a
quantity. Every delivery below :func:`~selection.planning.model.negligible` of
its need is taken off, then goes to the need's largest delivery that has room
for it (its bound, its offer's capacity; the price may differ by cents, the
cost by a millionth of a euro). Where none has, it goes back where it was: then
it is no artefact but part of the optimum (the last cents of a budget, the last
grams of a capacity), and dropping it would leave a shortfall to explain.
Quantities at or below 1e-6 are zero.

May import: numpy, and :mod:`~selection.planning.model`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .model import EPSILON, Network, negligible

__all__ = ["clean"]


def clean(net: Network, quantities: NDArray[np.float64]) -> NDArray[np.float64]:
    """Whole packs exactly, nothing above an arc's bound, dust moved (module docstring).

    Examples
    --------
    A need of 1 met by 0.999988 from one producer and 0.000012 from another:

    >>> import pandas as pd
    >>> from selection.grid.plan_rule import PlanRule
    >>> needs = pd.DataFrame({"store": ["S"], "key": ["k"], "period": ["1"],
    ...                       "quantity": [1.0], "max_price": [float("inf")]})
    >>> offers = pd.DataFrame({"producer": ["A", "B"], "key": "k", "period": "1",
    ...                        "capacity": 5.0, "price": [4.05, 4.20], "pack": 0.0})
    >>> arcs = pd.DataFrame({"need": [0, 0], "offer": [0, 1], "price": [4.05, 4.20],
    ...                      "pack": 1.0, "whole": False, "upper": 1.0})
    >>> net = Network(needs, offers, arcs, PlanRule())
    >>> clean(net, np.array([0.999988, 0.000012])).tolist()
    [1.0, 0.0]
    """
    arcs = net.arcs
    pack = arcs["pack"].to_numpy(dtype=float)
    whole = arcs["whole"].to_numpy(dtype=bool)
    upper = arcs["upper"].to_numpy(dtype=float)
    x = np.where(whole, np.round(quantities / pack) * pack, quantities)
    x = np.clip(np.round(x, 7), 0.0, upper)  # 9.99999999 is 10: HiGHS is exact to 1e-7
    x = np.where(x > EPSILON, x, 0.0)
    need = arcs["need"].to_numpy(dtype=np.intp)
    dust = (x > 0) & (x <= negligible(net.needs["quantity"].to_numpy(dtype=float)[need]))
    if not dust.any():
        return x
    offer = arcs["offer"].to_numpy(dtype=np.intp)
    capacity = net.offers["capacity"].to_numpy(dtype=float)
    amounts = x[dust].copy()
    x[dust] = 0.0  # all of it first: two needs may have swapped dust between two producers
    sent = np.bincount(offer, weights=x, minlength=len(capacity)).astype(float)
    groups = _Groups(need, offer)
    for a, amount in zip(np.flatnonzero(dust).tolist(), amounts.tolist(), strict=True):
        best = -1
        for b in [*groups.of_need(int(need[a])), a]:  # the need's deliveries, else where it was
            room = min(upper[b] - x[b], capacity[offer[b]] - sent[offer[b]])
            fits = not whole[b] and (x[b] > 0 or b == a) and room + 1e-9 >= amount
            if fits and (best < 0 or x[b] > x[best]):
                best = b
        if best == a:  # nowhere in its need: another need may trade for it
            best = _swap(a, amount, x, groups, upper, whole, capacity, sent)
        if best >= 0:
            x[best] += amount
            sent[offer[best]] += amount
    return x


class _Groups:
    """The arcs of each need and of each offer, found without a scan of all arcs."""

    def __init__(self, need: NDArray[np.intp], offer: NDArray[np.intp]) -> None:
        self.need, self.offer = need, offer
        self._by_need, self._need_start = self._index(need)
        self._by_offer, self._offer_start = self._index(offer)

    @staticmethod
    def _index(keys: NDArray[np.intp]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        order = np.argsort(keys, kind="stable")
        starts = np.searchsorted(keys[order], np.arange(int(keys.max(initial=-1)) + 2))
        return order, starts

    def of_need(self, i: int) -> list[int]:
        """The arcs of need `i`."""
        arcs: list[int] = self._by_need[self._need_start[i] : self._need_start[i + 1]].tolist()
        return arcs

    def of_offer(self, j: int) -> list[int]:
        """The arcs of offer `j`."""
        arcs: list[int] = self._by_offer[self._offer_start[j] : self._offer_start[j + 1]].tolist()
        return arcs


def _swap(
    a: int,
    amount: float,
    x: NDArray[np.float64],
    groups: _Groups,
    upper: NDArray[np.float64],
    whole: NDArray[np.bool_],
    capacity: NDArray[np.float64],
    sent: NDArray[np.float64],
) -> int:
    """Where dust `amount` of arc `a` can go once another need trades it, else `a`.

    Need A got dust from offer P and the rest from offer Q, whose capacity is full
    (`sent` against `capacity`, P's dust taken off). If another need B gets at
    least `amount` from Q and something from an offer R with room (P itself, or any
    other), B takes `amount` more from R and that much less from Q, which makes room
    in Q for A: each need delivers as much as before, no offer more than it can, no
    new delivery appears. Returns A's arc from Q (the trade done in `x` and `sent`),
    or `a` when no such need is found.
    """
    need, offer = groups.need, groups.offer
    for b in groups.of_need(int(need[a])):
        if b == a or whole[b] or x[b] <= 0 or upper[b] - x[b] + 1e-9 < amount:
            continue
        for c in groups.of_offer(int(offer[b])):
            if need[c] == need[a] or whole[c] or x[c] < amount:
                continue
            for d in groups.of_need(int(need[c])):
                room = capacity[offer[d]] - sent[offer[d]]
                if (
                    offer[d] == offer[c]
                    or whole[d]
                    or x[d] <= 0
                    or upper[d] - x[d] + 1e-9 < amount
                    or room + 1e-9 < amount
                ):
                    continue
                x[c] -= amount
                x[d] += amount
                sent[offer[c]] -= amount
                sent[offer[d]] += amount
                return b
    return a
