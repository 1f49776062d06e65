"""One set of grid weights from several members' weights.

Each member's weights are first applied to the grid (:meth:`Member.grid`), so
that every member has a share for each battery and, inside each battery, a
share for each criterion. The shares are then combined level by level, as in
the grid's hierarchy, and renormalized to sum to 1:

- ``geometric`` (the default): the geometric mean of the members' shares,
  renormalized. This is the standard way to aggregate individual priorities in
  group AHP: it is the only mean that keeps the reciprocal property of
  judgements and commutes with synthesis (Aczél & Saaty 1983, "Procedures for
  synthesizing ratio judgements", *Journal of Mathematical Psychology*
  27:93–102), and it is recommended when members act as individuals rather
  than as one unit (Forman & Peniwati 1998, "Aggregating individual judgments
  and priorities with the analytic hierarchy process", *European Journal of
  Operational Research* 108:165–169). It favours balanced weights and is
  unmoved by one member's scale. Caution: a share of 0 from a single member
  makes the group's share 0 (a veto); a warning says so when it happens.
- ``mean``: the arithmetic mean (Forman & Peniwati's choice when the group
  acts as a single unit); a 0 only pulls the share down.
- ``median``: the median of each share, renormalized: robust to one member
  with extreme weights.

Inside a battery, members who left its criteria alone count with the grid's
split (they accept it).

Examples
--------
>>> import selection
>>> from selection.committee import Member
>>> grid = selection.load_grid(selection.example_grid_path())
>>> members = [
...     Member("A", {"quality": 50, "locality": 40, "accessibility": 10}),
...     Member("B", {"quality": 50, "locality": 10, "accessibility": 40}),
... ]
>>> aggregate(members, grid).battery_weights.round(4).to_dict()  # √(.5·.5), √(.4·.1), √(.1·.4)
{'quality': 0.5556, 'locality': 0.2222, 'accessibility': 0.2222}
>>> aggregate(members, grid, how="mean").battery_weights.round(4).to_dict()
{'quality': 0.5, 'locality': 0.25, 'accessibility': 0.25}
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from os import PathLike
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..errors import SelectionError, SelectionWarning, WeightsError, did_you_mean
from ..grid import Grid, as_grid
from ..messages import msg, msgn, render
from .member import RESERVED_NAMES, Member

__all__ = ["AGGREGATIONS", "Aggregation", "aggregate", "combine", "grid_member", "member_shares"]

Aggregation = Literal["geometric", "mean", "median"]

#: The ways of combining members' shares.
AGGREGATIONS: tuple[Aggregation, ...] = ("geometric", "mean", "median")


def combine(shares: NDArray[np.float64], how: Aggregation) -> NDArray[np.float64]:
    """Combine rows of shares (members × items) into one row, renormalized to sum 1.

    Returns zeros if nothing is left (e.g. every item vetoed by a geometric 0).

    Examples
    --------
    >>> combine(np.array([[0.5, 0.4, 0.1], [0.5, 0.1, 0.4]]), "geometric").round(4).tolist()
    [0.5556, 0.2222, 0.2222]
    """
    if how == "geometric":
        positive = (shares > 0).all(axis=0)
        logs = np.log(np.where(shares > 0, shares, 1.0))
        combined = np.where(positive, np.exp(logs.mean(axis=0)), 0.0)
    elif how == "mean":
        combined = shares.mean(axis=0)
    else:
        combined = np.median(shares, axis=0)
    total = combined.sum()
    return np.asarray(combined / total if total > 0 else combined, dtype=float)


def _how(how: object) -> Aggregation:
    for name in AGGREGATIONS:
        if how == name:
            return name
    raise SelectionError(
        msg("committee.aggregation.how.problem", "unknown way of aggregating weights"),
        where="how",
        expected=msg(
            "committee.aggregation.how.expected", "one of: {items}", items=", ".join(AGGREGATIONS)
        ),
        found=repr(how),
        hint=did_you_mean(str(how), AGGREGATIONS),
    )


def checked_members(members: Sequence[Member], grid: Grid, least: int = 1) -> list[Member]:
    """`members` as a list, checked: Member objects, unique names, covering `grid`."""
    if isinstance(members, Member) or not isinstance(members, Sequence):
        raise SelectionError(
            msg("committee.aggregation.checked_members.problem", "expected a list of members"),
            where="members",
            expected=msg(
                "committee.aggregation.checked_members.expected",
                "a list of Member (see selection.committee.load_members)",
            ),
            found=type(members).__name__,
        )
    out = list(members)
    if len(out) < least:
        raise SelectionError(
            msg("committee.aggregation.checked_members.problem.2", "not enough members"),
            where="members",
            expected=msgn(
                "committee.aggregation.checked_members.expected.2",
                "at least {count} member",
                "at least {count} members",
                count=least,
            ),
            found=str(len(out)),
        )
    seen: set[str] = set()
    for member in out:
        if not isinstance(member, Member):
            raise SelectionError(
                msg("committee.aggregation.checked_members.problem.3", "expected a Member"),
                where="members",
                expected=msg(
                    "committee.aggregation.checked_members.expected.3",
                    "Member objects (see selection.committee.load_members)",
                ),
                found=repr(member),
            )
        if member.name in seen:
            raise WeightsError(
                msg(
                    "committee.aggregation.checked_members.problem.4",
                    "two members are called {name!r}",
                    name=member.name,
                ),
                where=member.where,
                expected=msg(
                    "committee.aggregation.checked_members.expected.4",
                    "a different name for each member",
                ),
                found=msg(
                    "committee.aggregation.checked_members.found.4",
                    "{name!r} twice",
                    name=member.name,
                ),
            )
        if member.name in RESERVED_NAMES:
            raise WeightsError(
                msg(
                    "committee.aggregation.checked_members.problem.5",
                    "{name!r} is a reserved name",
                    name=member.name,
                ),
                where=member.where,
                expected=msg(
                    "committee.aggregation.checked_members.expected.5",
                    "a member name other than {items}",
                    items=", ".join(RESERVED_NAMES),
                ),
                found=repr(member.name),
                hint=msg(
                    "committee.aggregation.checked_members.hint",
                    "add the person's name or organisation",
                ),
            )
        seen.add(member.name)
        member.check(grid)
    return out


def _levels(grid: Grid) -> tuple[NDArray[np.float64], list[NDArray[np.float64]]]:
    """Battery shares and, per battery, the criteria's shares inside it."""
    return grid.battery_weights.to_numpy(), [b.shares() for b in grid.batteries]


def member_shares(members: Sequence[Member], grid: Grid | str | PathLike[str]) -> pd.DataFrame:
    """Each member's effective shares: battery shares, then criterion weights (sum 1 each).

    Returns
    -------
    DataFrame
        Index: battery keys then criterion keys (grid order); one column per member.

    Examples
    --------
    >>> import selection
    >>> grid = selection.load_grid(selection.example_grid_path())
    >>> shares = member_shares([Member("A", {"quality": 1, "locality": 1, "accessibility": 2})],
    ...                        grid)
    >>> shares.loc[["quality", "accessibility"], "A"].tolist()
    [0.25, 0.5]
    """
    the_grid = as_grid(grid)
    columns = {}
    for member in checked_members(members, the_grid):
        own = member.grid(the_grid)
        columns[member.name] = np.concatenate([own.battery_weights.to_numpy(), own.weight_vector])
    index = [b.key for b in the_grid.batteries] + the_grid.keys
    return pd.DataFrame(columns, index=pd.Index(index, name="key"))


def _veto_warning(members: list[Member], names: list[str], shares: NDArray[np.float64]) -> None:
    """Warn when a single member's 0 sets a share to 0 that others want positive."""
    zero = shares == 0
    vetoed = zero.any(axis=0) & ~zero.all(axis=0)
    if vetoed.any():
        parts = [
            msg(
                "aggregate.veto_part",
                "{key} (0 from {members})",
                key=names[j],
                members=", ".join(members[i].name for i in np.flatnonzero(zero[:, j])),
            )
            for j in np.flatnonzero(vetoed)
        ]
        warnings.warn(
            render(
                msg(
                    "aggregate.veto",
                    "geometric mean: a weight of 0 from one member makes the group's weight 0: "
                    "{parts}. Use how='mean' or how='median' if that is not intended.",
                    parts=parts,
                )
            ),
            SelectionWarning,
            stacklevel=3,
        )


def aggregate(
    members: Sequence[Member],
    grid: Grid | str | PathLike[str],
    how: Aggregation = "geometric",
) -> Grid:
    """The grid with the members' weights combined, renormalized.

    Parameters
    ----------
    members : list of Member
        At least one; each must cover the grid.
    grid : Grid or path
    how : {"geometric", "mean", "median"}
        How shares are combined, level by level (see the module docstring).

    Returns
    -------
    Grid
        `grid` with battery weights equal to the group's battery shares and, in
        each battery, criterion weights equal to the group's shares inside it
        (all sum to 1); everything else unchanged.

    Raises
    ------
    SelectionError
        An unknown `how`, no members, two members with one name.
    WeightsError
        A member that does not cover the grid, or weights with nothing in
        common (every battery vetoed by a geometric 0).
    """
    the_grid = as_grid(grid)
    method = _how(how)
    group = checked_members(members, the_grid)
    levels = [_levels(m.grid(the_grid)) for m in group]
    batteries = np.array([battery for battery, _ in levels])
    if method == "geometric":
        _veto_warning(group, [b.key for b in the_grid.batteries], batteries)
    battery_shares = combine(batteries, method)
    if battery_shares.sum() <= 0:
        raise WeightsError(
            msg(
                "committee.aggregation.aggregate.problem",
                "the members' weights have no battery in common",
            ),
            where="members",
            expected=msg(
                "committee.aggregation.aggregate.expected",
                "a battery that every member weighs above 0 (geometric mean)",
            ),
            found=msg(
                "committee.aggregation.aggregate.found", "each battery has a 0 from some member"
            ),
            hint=msg("committee.aggregation.aggregate.hint", "use how='mean' or how='median'"),
        )
    changes: dict[str, float] = {}
    for b, battery in enumerate(the_grid.batteries):
        changes[battery.key] = float(battery_shares[b])
        inside = np.array([criteria[b] for _, criteria in levels])
        keep = inside.sum(axis=1) > 0  # leave out members with no weighted criterion here
        inside = inside[keep]
        if not len(inside):
            continue
        if method == "geometric":
            voters = [m for m, kept in zip(group, keep, strict=True) if kept]
            _veto_warning(voters, [c.key for c in battery.criteria], inside)
        shares = combine(inside, method)
        if battery_shares[b] > 0 and shares.sum() <= 0:
            raise WeightsError(
                msg(
                    "committee.aggregation.aggregate.problem.2",
                    "the members' weights have no criterion of {key!r} in common",
                    key=battery.key,
                ),
                where="members",
                expected=msg(
                    "committee.aggregation.aggregate.expected.2",
                    "a criterion of {key} that every member weighs above 0",
                    key=battery.key,
                ),
                found=msg(
                    "committee.aggregation.aggregate.found.2",
                    "each criterion has a 0 from some member",
                ),
                hint=msg(
                    "committee.aggregation.aggregate.hint.2", "use how='mean' or how='median'"
                ),
            )
        changes |= {c.key: float(s) for c, s in zip(battery.criteria, shares, strict=True)}
    return the_grid.with_weights(changes)


def grid_member(
    grid: Grid, name: str, *, percent: bool = False, source: str | None = None
) -> Member:
    """A grid's weights as a Member: battery shares, and each criterion's share in its battery.

    With ``percent=True`` the shares are in percent, rounded to 0.01 (for a file
    people read).

    Examples
    --------
    >>> import selection
    >>> grid = selection.load_grid(selection.example_grid_path())
    >>> grid_member(grid, "grid", percent=True).weights["quality"]
    35.0
    """
    scale = 100.0 if percent else 1.0
    weights = {
        b.key: scale * float(s) for b, s in zip(grid.batteries, grid.battery_weights, strict=True)
    }
    for battery in grid.batteries:
        weights |= {
            c.key: scale * float(s)
            for c, s in zip(battery.criteria, battery.shares(), strict=True)
        }
    if percent:
        weights = {k: round(v, 2) for k, v in weights.items()}
    return Member(name, weights, source=source)
