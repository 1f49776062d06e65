"""Where the members stand: the distribution of their weights, the group's, and who stands apart.

Everything here needs only the members and the grid (no producer table), so
that the consensus, the report and the meeting page say the same thing. The
weights compared are, for every member and for the group, the battery shares
and the criteria's *effective* weights (battery share × share inside the
battery): what the report and the meeting page show as "share of the total".

The distribution
    Per battery and criterion: the members' lowest, first quartile, median,
    third quartile and highest share, beside the group's. With sixty members
    this is what a page can show instead of sixty columns.

The group outside the members' range
    The group's weights are combined level by level, as the grid is built
    (:func:`~selection.committee.aggregate`: batteries, then criteria inside
    each battery) and renormalized to add up to 100 %. So a group's weight can
    lie outside the members' own range: the geometric mean of shares that do
    not add up to 1 is scaled up when renormalized, and a criterion's
    effective weight is the product of two combined shares, which is not the
    combination of the members' products (two members with quality 90 % and
    organic 10 % of it, and quality 10 % and organic 90 % of it, both give the
    organic label 9 % of the total; the mean of the levels gives it 25 %).
    When this happens by half a point of percentage or more, a sentence says
    so and why (:attr:`Positions.outside`).

Who stands out
    A member's distance from the group is the largest difference between one
    of their shares and the group's (in points of percentage: what the
    sentence shows). The *others' spread* is the median distance of the other
    members from their own centre (the median of their shares, key by key).
    A member stands out when their distance is at least `spread` (2.5 by
    default) times the others' spread, and at least `gap` (10 points by
    default). The sentence names the battery or criterion of the largest
    difference and gives both shares, the member's and the group's: the
    group's weights are what the pages show beside the members.

    The rule can flag nobody (a committee whose members are all about as
    far from the group as each other: three organisations each championing
    one battery), some (one or two members far from a cohesive committee),
    or everybody (when the group's weights are far from every member: a
    geometric mean vetoed by two members on two different batteries). With
    fewer than three members nobody stands out: each is as far from the
    other.

Examples
--------
>>> import selection
>>> from selection.committee import Member
>>> grid = selection.load_grid(selection.example_grid_path())
>>> members = [Member(f"M{i}", {"quality": 33 + i % 3, "locality": 33, "accessibility": 34})
...            for i in range(8)]
>>> members.append(Member("Zoé", {"quality": 80, "locality": 10, "accessibility": 10}))
>>> where = positions(members, grid, lang="en")
>>> list(where.outliers)
['Zoé']
>>> print(where.outliers["Zoé"])
Your weights put Qualité far above the group's: 80% against the group's 39%.
>>> where.distribution.loc["quality", ["lowest", "median", "highest"]].round(2).tolist()
[0.33, 0.34, 0.8]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..grid import Grid, as_grid
from ..messages import Message, labelled, msg, msgn, render
from ..validators import finite_number, language
from .aggregation import Aggregation, aggregate, member_shares
from .member import Member
from .privacy import anonymised, wants_anonymity

__all__ = [
    "OUTLIER_GAP",
    "OUTLIER_SPREAD",
    "OUTSIDE_TOLERANCE",
    "Positions",
    "group_shares",
    "positions",
    "summarise",
]

#: A member stands out only if one of their shares is at least this far from the group's.
OUTLIER_GAP = 0.10

#: ... and if their distance from the group is at least this many times the others' spread.
OUTLIER_SPREAD = 2.5

#: How far outside the members' range the group's weight must be to be mentioned.
OUTSIDE_TOLERANCE = 0.005

#: The columns of :attr:`Positions.distribution`.
DISTRIBUTION = ("lowest", "q1", "median", "q3", "highest", "group", "outside")


@dataclass(frozen=True, eq=False)
class Positions:
    """Where the members' weights lie, next to the group's.

    Attributes
    ----------
    shares : DataFrame
        Index: battery keys, then criterion keys (grid order). One column per
        member: battery shares, then effective criterion weights.
    group : Series
        The group's shares on the same index.
    distribution : DataFrame
        Same index; columns ``lowest``, ``q1``, ``median``, ``q3``,
        ``highest`` (over the members), ``group``, and ``outside`` (whether
        the group's share lies outside the members' range by at least
        :data:`OUTSIDE_TOLERANCE`).
    outliers : dict
        Member name → one sentence, in the language of the call.
    outlier_messages : dict
        The same as messages, to render in any language.
    outlier_gaps : DataFrame
        The numbers behind them, one row per member who stands out: member,
        key, label, ``own`` share, ``typical`` (the group's share, the
        reference shown), ``gap`` (own − group), ``distance`` (the member's
        largest difference from the group), ``threshold`` (what the distance
        had to reach).
    distances : Series
        Member → their distance from the group (largest difference of a share).
    thresholds : Series
        Member → the distance that would make them stand out.
    outside : dict
        Key → a sentence saying that the group's weight is outside the
        members' range, and why (as messages).
    labels : dict
        Battery and criterion key → label.
    how : str
        How the group's weights were combined.
    gap, spread : float
        The rule's floor and factor (:func:`positions`).
    """

    shares: pd.DataFrame
    group: pd.Series
    distribution: pd.DataFrame
    outliers: dict[str, str]
    outlier_messages: dict[str, Message]
    outlier_gaps: pd.DataFrame
    distances: pd.Series
    thresholds: pd.Series
    outside: dict[str, Message]
    labels: dict[str, str]
    how: str
    gap: float = OUTLIER_GAP
    spread: float = OUTLIER_SPREAD

    def summary(self, lang: str | None = None) -> str:
        """Who stands out, and where the group lies outside the members' range, in words."""
        chosen = language(lang)
        lines = [
            render(
                msgn(
                    "positions.summary",
                    "{count} member; {outliers} standing apart from the group.",
                    "{count} members; {outliers} standing apart from the group.",
                    count=self.shares.shape[1],
                    outliers=len(self.outliers),
                ),
                chosen,
            )
        ]
        lines += [render(labelled(name, m), chosen) for name, m in self.outlier_messages.items()]
        lines += [render(m, chosen) for m in self.outside.values()]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """The distribution, one row per battery and criterion (a tidy table)."""
        return self.distribution.copy()

    def __repr__(self) -> str:
        return f"<Positions of {self.shares.shape[1]} members: {len(self.outliers)} standing out>"


def group_shares(group: Grid) -> NDArray[np.float64]:
    """A grid's battery shares, then its effective criterion weights (as :func:`member_shares`)."""
    return np.concatenate([group.battery_weights.to_numpy(), group.weight_vector])


def summarise(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Lowest, first quartile, median, third quartile, highest of each row (keys × members).

    Examples
    --------
    >>> summarise(np.array([[0.1, 0.2, 0.3, 0.4, 0.5]])).round(2).tolist()
    [[0.1, 0.2, 0.3, 0.4, 0.5]]
    """
    return np.asarray(np.quantile(values, [0, 0.25, 0.5, 0.75, 1], axis=1).T, dtype=float)


def _distances(values: NDArray[np.float64], centre: NDArray[np.float64]) -> NDArray[np.float64]:
    """Each member's largest absolute difference from `centre` (values: keys × members)."""
    if values.shape[1] == 0:
        return np.zeros(0)
    return np.asarray(np.abs(values - centre[:, None]).max(axis=0), dtype=float)


def _others_spread(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """For each member: the median distance of the others from the others' median shares."""
    m = values.shape[1]
    out = np.zeros(m)
    for i in range(m):
        others = np.delete(values, i, axis=1)
        out[i] = float(np.median(_distances(others, np.median(others, axis=1))))
    return out


def _sentence(label: str, own: float, group: float) -> Message:
    if own > group:
        return msg(
            "outlier.above.group",
            "Your weights put {label} far above the group's: {own:.0%} against the group's "
            "{group:.0%}.",
            label=label,
            own=own,
            group=group,
        )
    return msg(
        "outlier.below.group",
        "Your weights put {label} far below the group's: {own:.0%} against the group's "
        "{group:.0%}.",
        label=label,
        own=own,
        group=group,
    )


def _outside_sentence(label: str, group: float, low: float, high: float) -> Message:
    values = {"label": label, "group": group, "low": low, "high": high}
    why = msg(
        "positions.outside_why",
        "the group's weights are combined level by level (batteries, then criteria inside "
        "each battery) and renormalized to add up to 100%, so a combined weight need not "
        "lie between the members' own",
    )
    if group > high:
        return msg(
            "positions.outside_above",
            "The group's weight for {label} ({group:.1%}) is above every member's ({low:.1%} "
            "to {high:.1%}): {why}.",
            why=why,
            **values,
        )
    return msg(
        "positions.outside_below",
        "The group's weight for {label} ({group:.1%}) is below every member's ({low:.1%} "
        "to {high:.1%}): {why}.",
        why=why,
        **values,
    )


def locate(
    shares: pd.DataFrame,
    group: NDArray[np.float64],
    labels: dict[str, str],
    how: str,
    *,
    gap: float = OUTLIER_GAP,
    spread: float = OUTLIER_SPREAD,
    lang: str | None = None,
    anonymous: bool = False,
) -> Positions:
    """:class:`Positions` from the members' shares and the group's (:func:`positions`' kernel).

    `shares` as :func:`~selection.committee.member_shares` gives them; `group`
    the group's shares on the same index (:func:`group_shares`).
    """
    chosen = language(lang)
    keys = [str(key) for key in shares.index]
    names = [str(name) for name in shares.columns]
    values = shares.to_numpy(dtype=float)
    reference = np.asarray(group, dtype=float)
    summary = summarise(values)
    outside = (reference > summary[:, 4] + OUTSIDE_TOLERANCE) | (
        reference < summary[:, 0] - OUTSIDE_TOLERANCE
    )
    distribution = pd.DataFrame(
        {
            "lowest": summary[:, 0],
            "q1": summary[:, 1],
            "median": summary[:, 2],
            "q3": summary[:, 3],
            "highest": summary[:, 4],
            "group": reference,
            "outside": outside,
        },
        index=shares.index,
    )
    distances = _distances(values, reference)
    if len(names) >= 3:
        thresholds = np.maximum(gap, spread * _others_spread(values))
    else:
        thresholds = np.full(len(names), np.inf)
    rows: list[dict[str, str | float]] = []
    messages: dict[str, Message] = {}
    for i, name in enumerate(names):
        if not distances[i] >= thresholds[i] - 1e-12:
            continue
        difference = values[:, i] - reference
        largest = np.abs(difference) >= np.abs(difference).max() - 1e-9
        # Ties (two batteries always tie): name what the member puts forward, first.
        forward = largest & (difference > 0)
        j = int(np.flatnonzero(forward if forward.any() else largest)[0])
        rows.append(
            {
                "member": name,
                "key": keys[j],
                "label": labels[keys[j]],
                "own": float(values[j, i]),
                "typical": float(reference[j]),
                "gap": float(difference[j]),
                "distance": float(distances[i]),
                "threshold": float(thresholds[i]),
            }
        )
        messages[name] = _sentence(labels[keys[j]], float(values[j, i]), float(reference[j]))
    table = pd.DataFrame(
        rows,
        columns=["member", "key", "label", "own", "typical", "gap", "distance", "threshold"],
    )
    notes = {
        keys[j]: _outside_sentence(
            labels[keys[j]], float(reference[j]), float(summary[j, 0]), float(summary[j, 4])
        )
        for j in np.flatnonzero(outside)
    }
    return Positions(
        shares=shares,
        group=pd.Series(reference, index=shares.index, name="group"),
        distribution=distribution,
        outliers={name: render(m, chosen) for name, m in messages.items()},
        outlier_messages=messages,
        outlier_gaps=table,
        distances=pd.Series(distances, index=pd.Index(names, name="member"), name="distance"),
        thresholds=pd.Series(thresholds, index=pd.Index(names, name="member"), name="threshold"),
        outside=notes,
        labels=labels,
        how=how,
        gap=gap,
        spread=spread,
    )


def positions(
    members: Sequence[Member],
    grid: Grid | str | PathLike[str],
    *,
    how: Aggregation = "geometric",
    gap: float = OUTLIER_GAP,
    spread: float = OUTLIER_SPREAD,
    lang: str | None = None,
    anonymous: bool = False,
) -> Positions:
    """Where the members' weights lie, the group's, and who stands apart (module docstring).

    Parameters
    ----------
    members : list of Member
        Each covering the grid.
    grid : Grid or path
    how : {"geometric", "mean", "median"}
        How the group's weights are combined (:func:`aggregate`).
    gap : float
        The smallest difference of a share from the group's (0.10 = 10 points
        of percentage) that can make a member stand out.
    spread : float
        How many times the others' spread a member's distance must reach.
    lang : str, optional
        Language of the sentences; default: the language rule.
    anonymous : bool
        Name the members ``membre 1``, ``membre 2`` … in the result; also done
        when a member asks for it (``anonymous: true`` in their weights file).

    Returns
    -------
    Positions
    """
    the_grid = as_grid(grid)
    if wants_anonymity(members, anonymous=anonymous):
        members = anonymised(members, lang)
    minimum = finite_number(gap, "gap", low=0.0, high=1.0)
    factor = finite_number(spread, "spread", low=0.0)
    shares = member_shares(members, the_grid)
    group = aggregate(members, the_grid, how)
    labels = {b.key: b.label for b in the_grid.batteries} | {
        c.key: c.label for c in the_grid.criteria
    }
    return locate(shares, group_shares(group), labels, how, gap=minimum, spread=factor, lang=lang)
