"""What the meeting page needs, computed once in Python from the prepared problem.

Normalization does not depend on the weights, so the page receives the
normalized matrix of the eligible producers and recomputes everything that
does (effective weights, scores, ranks, the ``select:`` outcome, stability
ranges) in the browser. This module gathers, for one prepared problem:

- the grid's structure: batteries and criteria, keys, labels, directions, and
  their weights *on the page's scale* (:data:`SCALE` points per level: each
  battery's share × 100, each criterion's share inside its battery × 100, so
  every slider runs from 0 to 100 whatever points the grid file uses; shares,
  and so rankings, are those of the grid);
- the producers: ids and names, each criterion's value as people wrote it, the
  normalized matrix (eligible × criteria, exactly ``prepared.problem.normalized``),
  each eligible producer's cell in the quota columns (folded as
  :func:`selection.scoring.apply_rule` compares them), and the ineligible ones
  with their reasons;
- the selection rule (the grid's ``select:``, else the top 10, said so) with each
  quota's condition in words; for a rule in tiers, the bands (labels, thresholds
  on the page's oriented scale, values such as ``rate``, the open band, the
  direction) that the page applies as :func:`selection.scoring.apply_tiers`;
- members' weights and the group's, as :func:`selection.committee.aggregate`
  computes them (geometric mean, mean and median), on the page's scale; for a
  large committee (more than :data:`MARKED_MEMBERS`) or an anonymous one, the
  distribution of the members' points on each slider (lowest, quartiles,
  highest) and who stands apart (:func:`selection.committee.positions`);
- the ranking and decisions at the grid's weights, from :func:`selection.rank`
  (the page shows them before its script runs, and tests compare).

Examples
--------
>>> import selection
>>> meeting = gather(selection.example_producers_path(), selection.example_grid_path(), lang="en")
>>> data = meeting.to_json()
>>> data["method"], len(data["normalized"]), len(data["criteria"])
('wsm', 55, 10)
>>> [b["points"] for b in data["batteries"]]
[35.0, 30.0, 35.0]
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from .._version import __version__
from ..committee import (
    AGGREGATIONS,
    Member,
    Positions,
    aggregate,
    anonymised,
    load_members,
    positions,
    wants_anonymity,
)
from ..committee.standing import summarise
from ..engines import Method
from ..errors import ArgumentError, MethodError, SelectionError, SelectionWarning, WeightsError
from ..grid import Grid, SelectionRule
from ..messages import current_language, format_number, msg, render
from ..ranking import Ranking, rank
from ..scoring import Decisions, Prepared, ProblemSource, prepare
from ..table import fold
from ..validators import language, one_of
from .words import templates, words

__all__ = ["DEFAULT_TOP", "MARKED_MEMBERS", "SCALE", "Meeting", "gather", "page_points"]

#: What each level of weights adds up to, on the page, at the grid's weights.
SCALE = 100.0

#: The selection shown when the grid has no ``select:`` section.
DEFAULT_TOP = 10

#: Up to this many members, each is marked on every slider and has a button; beyond (or
#: when the committee is anonymous), the sliders show the members' distribution instead.
MARKED_MEMBERS = 8

#: The methods whose arithmetic the page's script carries out.
PAGE_METHODS = (Method.WSM.value, Method.TOPSIS.value)


def page_points(grid: Grid) -> dict[str, float]:
    """Battery shares and each criterion's share inside its battery, on the page's scale.

    Rounded to 12 decimals (``0.35 * 100`` is ``35.00000000000001``); the
    shares, hence the ranking, are the grid's to within 1e-14.

    Examples
    --------
    >>> import selection
    >>> points = page_points(selection.load_grid(selection.example_grid_path()))
    >>> points["quality"], points["organic"], points["agroecology"]
    (35.0, 60.0, 40.0)
    """
    out: dict[str, float] = {}
    for battery, share in zip(grid.batteries, grid.battery_weights, strict=True):
        out[battery.key] = round(SCALE * float(share), 12)
    for battery in grid.batteries:
        for criterion, inside in zip(battery.criteria, battery.shares(), strict=True):
            out[criterion.key] = round(SCALE * float(inside), 12)
    return out


@dataclass(frozen=True, eq=False)
class Meeting:
    """Everything the meeting page shows or recomputes, for one prepared problem.

    Attributes
    ----------
    prepared : Prepared
        The problem (method wsm or topsis, with its normalization).
    ranking : Ranking
        At the grid's weights.
    decisions : Decisions
        The rule applied to `ranking`.
    rule : SelectionRule
        The grid's ``select:``, else the top :data:`DEFAULT_TOP`.
    default_rule : bool
        Whether `rule` stands in for a missing ``select:``.
    members : list of Member
    groups : dict
        ``how`` → the grid with the group's weights (for each way that works).
    unavailable : dict
        ``how`` → why that way of combining gives nothing, in words.
    vetoed : list of str
        Battery and criterion labels that the geometric mean sets to 0 because a
        single member gave them 0.
    how : str
        The way of combining shown as "the group" on the sliders.
    lang : str
    anonymous : bool
        Whether the committee shows only aggregates (members renamed
        "membre 1" … before they reach the page).
    positions : Positions or None
        Where the members stand against the group's weights (`how`), and who
        stands apart; None without members or when `how` gives no group.
    """

    prepared: Prepared
    ranking: Ranking
    decisions: Decisions
    rule: SelectionRule
    default_rule: bool
    members: list[Member] = field(default_factory=list)
    groups: dict[str, Grid] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    vetoed: list[str] = field(default_factory=list)
    how: str = "geometric"
    lang: str = "fr"
    anonymous: bool = False
    positions: Positions | None = None

    @property
    def grid(self) -> Grid:
        """The grid."""
        return self.prepared.grid

    @property
    def summarised(self) -> bool:
        """Whether the sliders show the members' distribution rather than one mark each."""
        return bool(self.members) and (self.anonymous or len(self.members) > MARKED_MEMBERS)

    @cached_property
    def distribution(self) -> dict[str, tuple[float, float, float, float, float]]:
        """Key → the members' lowest, first quartile, median, third quartile, highest points."""
        if not self.members:
            return {}
        keys = list(self.member_points[0])
        values = np.array([[points[key] for points in self.member_points] for key in keys])
        return {
            key: tuple(float(x) for x in row)  # type: ignore[misc]
            for key, row in zip(keys, summarise(values), strict=True)
        }

    @property
    def standing_out(self) -> list[tuple[int, str]]:
        """(member index, sentence) for each member who stands apart, in member order."""
        if self.positions is None:
            return []
        index = {m.name: i for i, m in enumerate(self.members)}
        return [
            (index[name], render(message, self.lang))
            for name, message in self.positions.outlier_messages.items()
        ]

    @cached_property
    def member_points(self) -> list[dict[str, float]]:
        """Each member's weights on the page's scale (:func:`page_points` of their grid)."""
        return [page_points(member.grid(self.grid)) for member in self.members]

    def to_json(self) -> dict[str, Any]:
        """The page's data as plain JSON values (numbers as Python floats, exact)."""
        prepared, grid, lang = self.prepared, self.grid, self.lang
        keys = grid.keys
        battery_of = {
            c.key: b for b, battery in enumerate(grid.batteries) for c in battery.criteria
        }
        points = page_points(grid)
        eligible_ids = [str(i) for i in prepared.ids]
        return {
            "format": "selection/meeting@1",
            "lang": lang,
            "version": __version__,
            "grid": {"name": grid.name, "hash": grid.hash, "short_hash": grid.short_hash},
            "method": prepared.method,
            "normalization": (prepared.normalization.value if prepared.normalization else ""),
            "scale": SCALE,
            "batteries": [
                {
                    "key": battery.key,
                    "label": battery.label,
                    "points": points[battery.key],
                    "criteria": [keys.index(c.key) for c in battery.criteria],
                }
                for battery in grid.batteries
            ],
            "criteria": [
                {
                    "key": c.key,
                    "label": c.label,
                    "battery": battery_of[c.key],
                    "points": points[c.key],
                    "direction": int(c.direction.sign),
                }
                for c in grid.criteria
            ],
            "producers": [
                {
                    "id": pid,
                    "who": prepared.who(pid),
                    "values": self._values(pid),
                }
                for pid in eligible_ids
            ],
            "normalized": prepared.problem.normalized.tolist(),
            "ineligible": [
                {
                    "id": str(pid),
                    "who": prepared.who(pid),
                    "reason": render(list(reasons), lang),
                }
                for pid, reasons, eligible in zip(
                    prepared.matrix.ids,
                    prepared.matrix.reasons,
                    prepared.matrix.eligible,
                    strict=True,
                )
                if not eligible
            ],
            "rule": self._rule(eligible_ids),
            "members": [
                {"name": m.name, "method": m.method, "points": points}
                for m, points in zip(self.members, self.member_points, strict=True)
            ],
            "groups": [
                {"how": how, "points": page_points(group)} for how, group in self.groups.items()
            ],
            "unavailable": [{"how": how, "why": why} for how, why in self.unavailable.items()],
            "vetoed": self.vetoed,
            "how": self.how,
            "anonymous": self.anonymous,
            "summarised": self.summarised,
            "standing_out": [i for i, _ in self.standing_out],
            "words": words(lang),
            "templates": templates(lang),
        }

    def _values(self, producer: str) -> list[str]:
        """The producer's value on each criterion, as people wrote it when they wrote words."""
        prepared, lang = self.prepared, self.lang
        matrix = prepared.matrix
        row = matrix.ids.get_loc(producer)
        out = []
        for j, criterion in enumerate(prepared.grid.criteria):
            if matrix.imputed[row, j]:
                out.append(render(msg("explain.blank_cell", "blank, counted as the worst"), lang))
            elif criterion.kind.nature.worded:
                cell = prepared.producers.loc[producer, criterion.kind.columns[0]]
                out.append(str(cell).strip())
            else:
                out.append(format_number(float(matrix.values[row, j]), ".4g", lang))  # noqa: PD011
        return out

    def _tiers(self) -> dict[str, Any] | None:
        """A rule in tiers as the page applies it (None for a rule of places).

        ``direction`` is 1 for ``min_score`` bands (higher scores are better), -1
        for ``max_score`` bands; ``cuts`` are the approving bands' thresholds on the
        page's oriented scale (``direction × threshold``, best first, decreasing),
        so that a producer's band is the number of cuts its ``direction × score``
        does not reach (:func:`selection.scoring.tier_bands`); ``bands`` the
        approving bands (label, threshold as written, values), best first;
        ``open`` the open band (label, values), or None when the producers below
        every threshold are not approved.
        """
        rule = self.rule
        if not rule.tiered:
            return None
        direction = 1 if rule.tiers_higher_is_better else -1
        rest = rule.open_tier
        return {
            "direction": direction,
            "cuts": [direction * float(threshold) for threshold in rule.thresholds],
            "bands": [
                {
                    "label": tier.label,
                    "threshold": float(tier.threshold),
                    "values": _tier_values(tier.values),
                }
                for tier in rule.approving_tiers
                if tier.threshold is not None
            ],
            "open": None
            if rest is None
            else {"label": rest.label, "values": _tier_values(rest.values)},
            "names": list(rule.value_names),
        }

    def _rule(self, ids: list[str]) -> dict[str, Any]:
        rule, lang = self.rule, self.lang
        producers = self.prepared.producers
        categories = {
            column: [
                fold("" if pd.isna(cell) else str(cell)) for cell in producers.loc[ids, column]
            ]
            for column in rule.columns
        }
        return {
            "top": rule.top,
            "min_score": rule.min_score,
            "tiers": self._tiers(),
            "quotas": [
                {
                    "column": q.column,
                    "value": None if q.value is None else fold(q.value),
                    "min": q.min,
                    "max": q.max,
                    "text": render(q.condition(), lang),
                }
                for q in rule.quotas
            ],
            "categories": categories,
            "text": render(rule.conditions(), lang),
            "default": self.default_rule,
        }


def _tier_values(values: Mapping[str, float | str]) -> dict[str, float | str]:
    """A tier's values as JSON (numbers as floats, text as text)."""
    return {
        name: value if isinstance(value, str) else float(value) for name, value in values.items()
    }


def _members(members: Sequence[Any], grid: Grid) -> list[Member]:
    """Members as given, or read from their weights files when given as paths."""
    items = list(members)
    if not items:
        raise ArgumentError(
            msg("meeting.no_members", "no members given"),
            where="members",
            expected=msg("meeting.no_members_expected", "at least one member weights file"),
            found=msg("meeting.no_members_found", "an empty list"),
            hint=msg("meeting.no_members_hint", "leave members out for a page without them"),
        )
    if all(isinstance(item, str | PathLike) for item in items):
        return load_members(items, grid)
    return items


def _groups(
    members: list[Member], grid: Grid, lang: str
) -> tuple[dict[str, Grid], dict[str, str], list[str]]:
    """The group's grid for each way of combining, why a way gives nothing, and the vetoes."""
    groups: dict[str, Grid] = {}
    unavailable: dict[str, str] = {}
    for how in AGGREGATIONS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SelectionWarning)
                groups[how] = aggregate(members, grid, how=how)
        except WeightsError as exc:
            unavailable[how] = render(exc.parts["problem"] or exc.problem, lang)
    vetoed: list[str] = []
    if "geometric" in groups:
        shares = np.array([list(page_points(m.grid(grid)).values()) for m in members])
        zero = shares == 0
        labels = [b.label for b in grid.batteries] + [
            c.label for b in grid.batteries for c in b.criteria
        ]
        vetoed = [
            label
            for label, column in zip(labels, zero.T, strict=True)
            if column.any() and not column.all()
        ]
    return groups, unavailable, vetoed


def gather(
    producers: ProblemSource,
    grid: Grid | str | PathLike[str] | None = None,
    *,
    members: Sequence[Any] | None = None,
    how: str = "geometric",
    method: str | None = None,
    normalization: str | None = None,
    lang: str | None = None,
    anonymous: bool = False,
) -> Meeting:
    """The page's data for a producer table and a grid (or a prepared problem, or a Ranking).

    With `anonymous` (or when a member's file says ``anonymous: true``) the
    members are renamed "membre 1" … before anything is written.

    Raises
    ------
    MethodError
        A method whose arithmetic the page does not carry out (it computes the
        weighted sum and TOPSIS).
    SelectionError
        No eligible producer; an unknown language or way of combining; and
        every error of the inputs and of the members' weights files.
    """
    chosen = language(lang) or current_language()
    combine = one_of(how, "how", AGGREGATIONS)
    prepared = prepare(producers, grid, method=method, normalization=normalization)
    if prepared.method not in PAGE_METHODS:
        raise MethodError(
            msg(
                "meeting.method",
                "the meeting page recomputes {methods:list} only, not {method}",
                methods=list(PAGE_METHODS),
                method=prepared.method,
            ),
            where="method",
            expected=msg("meeting.method_expected", "{methods:or}", methods=list(PAGE_METHODS)),
            found=prepared.method,
            hint=msg("meeting.method_hint", "add --method wsm or --method topsis"),
        )
    if prepared.n == 0:
        raise SelectionError(
            msg("meeting.nobody", "no producer is eligible: there is nothing to weigh"),
            where=msg(
                "where.grid", "grid {name!r}", name=prepared.grid.source or prepared.grid.name
            ),
            expected=msg("meeting.nobody_expected", "at least one eligible producer"),
            found="0",
            hint=msg("meeting.nobody_hint", "check the eligibility gates: selection validate"),
        )
    the_grid = prepared.grid
    rule = the_grid.select or SelectionRule(top=DEFAULT_TOP)
    ranking = rank(prepared, lang=chosen)
    loaded = [] if members is None else _members(members, the_grid)
    hidden = wants_anonymity(loaded, anonymous=anonymous)
    if hidden:
        loaded = anonymised(loaded, chosen)
    groups: dict[str, Grid] = {}
    unavailable: dict[str, str] = {}
    vetoed: list[str] = []
    where = None
    if loaded:
        groups, unavailable, vetoed = _groups(loaded, the_grid, chosen)
        if combine in groups and len(loaded) >= 3:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SelectionWarning)
                where = positions(loaded, the_grid, how=combine, lang=chosen)
    return Meeting(
        prepared=prepared,
        ranking=ranking,
        decisions=ranking.decisions(rule, lang=chosen),
        rule=rule,
        default_rule=the_grid.select is None,
        members=loaded,
        groups=groups,
        unavailable=unavailable,
        vetoed=vetoed,
        how=combine,
        lang=chosen,
        anonymous=hidden,
        positions=where,
    )
