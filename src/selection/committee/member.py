"""A committee member: a name, their weights for a grid, and how they stated them.

What a member must *cover*
--------------------------
Weights are relative: a member's 50 points for accessibility mean something
only next to *their own* points for quality and locality. So a member's weights
replace a whole level of the grid, never part of it:

- every battery of the grid gets a weight from the member (0 is allowed);
- criterion weights are optional, battery by battery: a member who weighs one
  criterion of a battery weighs all the criteria of that battery (in points,
  shares inside the battery); a battery whose criteria the member leaves alone
  keeps the grid's split;
- at least one battery has a positive weight, and a battery with a positive
  weight has a criterion with a positive weight.

A member who only gave criterion weights gets an error whose hint proposes
battery weights equal to the sums of their criterion points (what they would
mean if the points were shared over all criteria at once).

Examples
--------
>>> import selection
>>> grid = selection.load_grid(selection.example_grid_path())
>>> amina = Member("Amina", {"quality": 30, "locality": 20, "accessibility": 50})
>>> amina.grid(grid).battery_weights.to_dict()
{'quality': 0.3, 'locality': 0.2, 'accessibility': 0.5}
>>> Member("Marc", {"quality": 30, "accessibility": 70}).check(grid)
Traceback (most recent call last):
...
selection.errors.WeightsError: member 'Marc': the weights leave out a battery
  expected: a weight for every battery: quality, locality, accessibility
  found: no weight for locality
  hint: add `locality: ...` (0 if it should not count); weights are relative, so the
  grid's own points cannot stand in for yours
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ..errors import WeightsError, did_you_mean
from ..grid import Grid
from ..messages import Message, msg, render
from .elicitation import Elicitation, parse_elicitation

__all__ = ["RESERVED_NAMES", "Member"]

#: Member names that would collide with the columns of consensus tables.
RESERVED_NAMES = ("group", "spread", "borda", "copeland")


@dataclass(frozen=True)
class Member:
    """One committee member's weights for a grid.

    Parameters
    ----------
    name : str
        How the member is called in tables and reports (unique in a committee).
    weights : mapping
        Battery and/or criterion key → weight, as the member wrote them (points)
        or as elicited (shares summing to 1 over the batteries).
    method : str
        How the weights were stated: ``points``, ``rank_order_centroid``,
        ``rank_sum``, ``rank_reciprocal``, ``swing`` or ``ahp``.
    details : dict
        What the method adds: the order, the swing ratings, the AHP
        consistency ratio (``{"consistency_ratio": 0.04, ...}``).
    source : str, optional
        Where the member was read from (file and line), for messages.
    anonymous : bool
        Whether the member's file asks that no name be shown beside the
        weights (``anonymous: true``; see :mod:`selection.committee.privacy`).
    """

    name: str
    weights: dict[str, float]
    method: str = "points"
    details: dict[str, object] = field(default_factory=dict)
    source: str | None = field(default=None, compare=False)
    anonymous: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise WeightsError(
                msg("committee.member.Member.post_init__.problem", "a member needs a name"),
                where=self.source or "member",
                expected=msg(
                    "committee.member.Member.post_init__.expected",
                    "a name such as 'Amina (GESRA)'",
                ),
                found=repr(self.name),
            )
        object.__setattr__(self, "name", self.name.strip())
        where = self.where
        object.__setattr__(self, "method", parse_elicitation(self.method, where).value)
        if not isinstance(self.weights, Mapping) or not self.weights:
            raise WeightsError(
                msg("committee.member.Member.post_init__.problem.2", "a member needs weights"),
                where=where,
                expected=msg(
                    "committee.member.Member.post_init__.expected.2",
                    "battery (and criterion) key → weight, e.g. {{quality: 30, ...}}",
                ),
                found=repr(self.weights),
            )
        weights: dict[str, float] = {}
        given: Mapping[str, object] = self.weights
        for key, value in given.items():
            if (
                isinstance(value, bool | np.bool_)
                or not isinstance(value, numbers.Real)
                or not math.isfinite(float(value))
                or float(value) < 0
            ):
                raise WeightsError(
                    msg(
                        "committee.member.Member.post_init__.problem.3",
                        "a weight must be a finite, non-negative number",
                    ),
                    where=f"{where} ({key})",
                    expected=msg("committee.member.Member.post_init__.expected.3", "a number ≥ 0"),
                    found=repr(value),
                    hint=msg(
                        "committee.member.Member.post_init__.hint",
                        "give 0 to switch a battery or criterion off",
                    ),
                )
            weights[str(key)] = float(value)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "details", dict(self.details))
        object.__setattr__(self, "anonymous", self.anonymous is True)

    @property
    def elicitation(self) -> Elicitation:
        """:attr:`method` as an :class:`~selection.committee.Elicitation`."""
        return Elicitation(self.method)

    @property
    def where(self) -> str:
        """Where the member is, for messages: the file and line, else ``member 'name'``."""
        return self.source or render(msg("where.member", "member {name!r}", name=self.name))

    def check(self, grid: Grid) -> None:
        """Raise a WeightsError unless the weights cover `grid` (see the module docstring)."""
        check_cover(self.weights, grid, self.where)

    def grid(self, grid: Grid) -> Grid:
        """`grid` with this member's weights (``grid.with_weights(self.weights)``), checked."""
        self.check(grid)
        return grid.with_weights(self.weights)


_MISSING_HINTS = {
    "order": msg("member.missing.order", "add {key} to the order (last if it matters least)"),
    "swing": msg("member.missing.swing", "rate the swing of {key} too (0 if it does not matter)"),
    "pairwise": msg("member.missing.pairwise", "compare {key} with each other battery"),
}


def check_cover(
    weights: Mapping[str, float], grid: Grid, where: str, given_as: str = "weights"
) -> None:
    """Raise a WeightsError unless `weights` are known keys covering `grid`'s batteries.

    `given_as` (``weights``, ``order``, ``swing``, ``pairwise``) words the hint.
    """
    batteries = [b.key for b in grid.batteries]
    criteria = grid.keys
    for key in weights:
        if key not in batteries and key not in criteria:
            raise WeightsError(
                msg(
                    "committee.member.check_cover.problem.3",
                    "unknown battery or criterion {key!r}",
                    key=key,
                ),
                where=where,
                expected=msg(
                    "committee.member.check_cover.expected.3",
                    "one of: {items}",
                    items=", ".join(batteries + criteria),
                ),
                found=repr(key),
                hint=did_you_mean(key, batteries + criteria),
            )
    missing = [b for b in batteries if b not in weights]
    if missing:
        given = [k for k in weights if k in criteria]
        if len(missing) == len(batteries) and given:
            sums = {
                b.key: sum(weights.get(c.key, 0.0) for c in b.criteria) for b in grid.batteries
            }
            hint = msg(
                "member.missing.batteries",
                "give the batteries weights too; to keep your criterion points comparable "
                "across batteries, use their sums: {sums}",
                sums=", ".join(f"{k}: {v:g}" for k, v in sums.items()),
            )
        elif given_as in _MISSING_HINTS:
            template = _MISSING_HINTS[given_as]
            hint = Message(template.code, template.text, {"key": missing[0]})
        else:
            hint = msg(
                "member.missing.battery",
                "add `{key}: ...` (0 if it should not count); weights are relative, so the "
                "grid's own points cannot stand in for yours",
                key=missing[0],
            )
        raise WeightsError(
            (
                msg("committee.member.check_cover.problem.a", "the weights leave out a battery")
                if len(missing) == 1
                else msg(
                    "committee.member.check_cover.problem.b", "the weights leave out batteries"
                )
            ),
            where=where,
            expected=msg(
                "committee.member.check_cover.expected",
                "a weight for every battery: {items}",
                items=", ".join(batteries),
            ),
            found=msg(
                "committee.member.check_cover.found",
                "no weight for {items}",
                items=", ".join(missing),
            ),
            hint=hint,
        )
    for battery in grid.batteries:
        keys = [c.key for c in battery.criteria]
        given = [k for k in keys if k in weights]
        if given and len(given) < len(keys):
            left = [k for k in keys if k not in weights]
            raise WeightsError(
                msg(
                    "committee.member.check_cover.problem.4",
                    "criterion weights for part of battery {key!r}",
                    key=battery.key,
                ),
                where=where,
                expected=msg(
                    "committee.member.check_cover.expected.4",
                    "weights for all of {items}, or for none of them",
                    items=", ".join(keys),
                ),
                found=msg(
                    "committee.member.check_cover.found.4",
                    "no weight for {items}",
                    items=", ".join(left),
                ),
                hint=msg(
                    "committee.member.check_cover.hint.4",
                    (
                        "add them (the grid gives {items}), or remove {items2} to keep the "
                        "grid's split"
                    ),
                    items=", ".join(
                        f"{c.key}: {c.weight:g}" for c in battery.criteria if c.key in left
                    ),
                    items2=", ".join(given),
                ),
            )
        if not given and weights[battery.key] > 0 and battery.shares().sum() == 0:
            raise WeightsError(
                msg(
                    "committee.member.check_cover.problem.5",
                    "battery {key!r} has no weighted criterion in the grid",
                    key=battery.key,
                ),
                where=where,
                expected=msg(
                    "committee.member.check_cover.expected.5",
                    "criterion weights for {items}, since the grid gives them all 0",
                    items=", ".join(keys),
                ),
                found=msg("committee.member.check_cover.found.5", "none"),
                hint=msg(
                    "committee.member.check_cover.hint.5",
                    "weigh the criteria of {key} too, or give {key} 0",
                    key=battery.key,
                ),
            )
        if given and weights[battery.key] > 0 and sum(weights[k] for k in keys) <= 0:
            raise WeightsError(
                msg(
                    "committee.member.check_cover.problem.6",
                    "every criterion of battery {key!r} weighs 0",
                    key=battery.key,
                ),
                where=where,
                expected=msg(
                    "committee.member.check_cover.expected.6",
                    "a positive weight for at least one criterion of a weighted battery",
                ),
                found=msg("committee.member.check_cover.found.6", "all 0"),
                hint=msg(
                    "committee.member.check_cover.hint.6",
                    "give a criterion a positive weight, or {key} 0",
                    key=battery.key,
                ),
            )
    if sum(weights[b] for b in batteries) <= 0:
        raise WeightsError(
            msg("committee.member.check_cover.problem.2", "every battery weighs 0"),
            where=where,
            expected=msg(
                "committee.member.check_cover.expected.2",
                "a positive weight for at least one battery",
            ),
            found=msg("committee.member.check_cover.found.2", "all 0"),
            hint=msg(
                "committee.member.check_cover.hint.2",
                "share points between the batteries, e.g. 40 / 35 / 25",
            ),
        )
