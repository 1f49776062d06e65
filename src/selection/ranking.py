"""The front door: a producer table and a grid in, a labelled, explained ranking out.

Examples
--------
>>> import selection
>>> ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
>>> ranking.method, ranking.normalization
('wsm', 'scale')
>>> ranking.table[["score", "rank", "eligible"]].dtypes.tolist()
[Float64Dtype(), Int64Dtype(), dtype('bool')]
>>> int(ranking.table["rank"].min())
1
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ._version import __version__
from .engines import Breakdown, Method, Normalization, Positions, Problem, best_first
from .errors import DataError, GridError, did_you_mean
from .explain import explain
from .grid import RESERVED_COLUMNS, Grid, SelectionRule
from .messages import Message, current_language, msg, msgn, render
from .scoring import (
    INELIGIBLE,
    NOT_SELECTED,
    SELECTED,
    DecisionMatrix,
    Decisions,
    Prepared,
    ProblemSource,
    apply_rule,
    prepare,
    tier_decisions,
)
from .validators import language

__all__ = ["RESERVED_COLUMNS", "Ranking", "rank"]


@dataclass(frozen=True, eq=False)
class Ranking:
    """A ranking of producers under a grid, with its reasons.

    Attributes
    ----------
    table : DataFrame
        Indexed by producer id, in rank order (ineligible producers last):
        ``score`` (Float64, NA when ineligible), ``rank`` (Int64, 1 = best,
        ties share the best rank, NA when ineligible), ``eligible``, ``reason``
        (why ineligible, in words), then for additive methods (wsm, topsis) one
        column per battery (its criteria's contributions summed) and one per
        criterion (its contribution): ``score = baseline + Σ contributions``.
    prepared : Prepared
        The problem it was computed from (table, grid, decision matrix, method);
        every analysis accepts it, or the Ranking itself, in place of
        ``(producers, grid)``.
    weights : Series
        Effective criterion weights used (sum 1).
    baseline : float or None
        Score of a producer with zero contributions (0 for wsm, 0.5 for topsis).
    breakdown : Breakdown
        The engine's intermediates (ideal points, distances, ...).
    lang : str
        The language of the ``reason`` column.
    version : str
        Version of `selection` that computed it.
    """

    table: pd.DataFrame
    prepared: Prepared
    weights: pd.Series
    baseline: float | None
    breakdown: Breakdown
    lang: str
    version: str = __version__

    # -- what it was computed from ---------------------------------------------------------

    @property
    def grid(self) -> Grid:
        """The grid."""
        return self.prepared.grid

    @property
    def matrix(self) -> DecisionMatrix:
        """The values the scores were computed from."""
        return self.prepared.matrix

    @property
    def producers(self) -> pd.DataFrame:
        """The table as read, indexed by producer id (for display)."""
        return self.prepared.producers

    @property
    def problem(self) -> Problem:
        """What the engine scored: raw and normalized values of eligible producers."""
        return self.prepared.problem

    @property
    def method(self) -> str:
        """The method's name."""
        return self.prepared.method

    @property
    def normalization(self) -> str:
        """The normalization's name; ``"built-in"`` for methods that normalize their own way."""
        how = self.prepared.normalization
        return "built-in" if how is None else how.value

    @property
    def higher_is_better(self) -> bool:
        """Whether a higher score is better (False for VIKOR, SPOTIS, MAIRCA)."""
        return self.prepared.engine.higher_is_better

    @property
    def grid_hash(self) -> str:
        """The content hash of the grid used."""
        return self.grid.hash

    @property
    def reasons(self) -> pd.Series:
        """Why each producer is ineligible, as messages (empty tuple when eligible)."""
        reasons = pd.Series(self.matrix.reasons, index=self.matrix.ids, dtype=object)
        return reasons.loc[self.table.index].rename("reason")

    # -- views -----------------------------------------------------------------------------

    @property
    def contributions(self) -> pd.DataFrame | None:
        """Per-criterion contributions of eligible producers (None for non-additive methods)."""
        keys = list(self.matrix.keys)
        if not set(keys) <= set(self.table.columns):
            return None
        return self.table.loc[self.table["eligible"], keys].astype(float)

    @property
    def ranked(self) -> pd.DataFrame:
        """The eligible producers only, best first."""
        return self.table[self.table["eligible"]]

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`table` with provenance in ``attrs`` (grid hash, method, version)."""
        frame = self.table.copy()
        frame.attrs.update(self.provenance())
        return frame

    def provenance(self) -> dict[str, Any]:
        """Where the ranking comes from: grid name and hash, method, normalization, version.

        With ``parameters`` when the method was given some (the grid's, or arguments).
        """
        out: dict[str, Any] = {
            "grid": self.grid.name,
            "grid_hash": self.grid.hash,
            "method": self.method,
            "normalization": self.normalization,
        }
        given = self.grid.parameters_for(self.method) | dict(self.prepared.parameters)
        if given:
            out["parameters"] = given
        out["selection_version"] = self.version
        return out

    @property
    def notes(self) -> tuple[Message, ...]:
        """What the method says about the result as a whole (VIKOR's compromise solution).

        Producers are named by their ids (and names, when the table has them).
        """
        ids = self.prepared.ids
        return tuple(
            _with_ids(note, lambda row: self.prepared.who(ids[row]))
            for note in self.breakdown.notes
        )

    def producer(self, producer_id: object) -> str:
        """The id as stored, or a DataError with a suggestion."""
        key = str(producer_id).strip()
        if key not in self.table.index:
            ids = [str(i) for i in self.table.index]
            raise DataError(
                msg("ranking.unknown_producer", "unknown producer {id!r}", id=key),
                where=msg("where.column", "column {column!r}", column=self.grid.id_column),
                expected=msg("ranking.producer_expected", "an id of the table"),
                found=repr(key),
                hint=did_you_mean(key, ids)
                or msg("ranking.ids_look_like", "ids look like {example!r}", example=ids[0]),
            )
        return key

    def summary(self, lang: str | None = None, top: int = 5) -> str:
        """Who leads, how many are eligible, under which grid and method."""
        leaders = [self.prepared.who(pid) for pid in self.ranked.index[:top]]
        return render(
            msgn(
                "ranking.summary",
                "{eligible} of {count} producer eligible under {grid} ({method}); first: "
                "{leaders}.",
                "{eligible} of {count} producers eligible under {grid} ({method}); first: "
                "{leaders}.",
                count=len(self.table),
                eligible=len(self.ranked),
                grid=self.grid.name,
                method=self.method,
                leaders=", ".join(leaders) or "—",
            ),
            language(lang),
        ) + "".join("\n" + render(note, language(lang)) for note in self.notes)

    # -- people's questions ------------------------------------------------------------------

    def explain(
        self,
        producer_id: object,
        robustness: bool = False,
        k: int = 10,
        *,
        lang: str | None = None,
    ) -> str:
        """Why this producer stands where it does, in words.

        Parameters
        ----------
        producer_id : str
        robustness : bool
            Add how robust its place is to the battery weights (see
            :func:`selection.sensitivity.robustness`; takes a fraction of a second).
        k : int
            The top k that the robustness sentence talks about.
        lang : str, optional
            ``"fr"`` or ``"en"``; default: the language rule (:mod:`selection.messages`).

        Examples
        --------
        >>> import selection
        >>> ranking = selection.rank(
        ...     selection.example_producers_path(), selection.example_grid_path())
        >>> print(ranking.explain(ranking.ranked.index[1], lang="en"))  # doctest: +ELLIPSIS
        P... — rank 2 of ... eligible producers, score ...
        """
        return explain(
            self, self.producer(producer_id), robustness=robustness, k=k, lang=language(lang)
        )

    def decisions(
        self, rule: SelectionRule | None = None, *, lang: str | None = None
    ) -> Decisions:
        """Selected / not selected / ineligible for each producer, with the reason.

        Applies `rule`, or the grid's ``select:`` section. With tiers, each
        producer's ``tier`` and the tier's values (``rate``...) too.

        Raises
        ------
        GridError
            If neither the grid nor the call gives a rule.
        """
        return _decisions(self, rule, language(lang))

    def __repr__(self) -> str:
        eligible = int(self.table["eligible"].sum())
        return (
            f"<Ranking {self.method}/{self.normalization} of {eligible} eligible of "
            f"{len(self.table)} producers, grid {self.grid.name!r} ({self.grid.short_hash})>"
        )


def _with_ids(note: Message, who: Callable[[int], str]) -> Message:
    """`note` with each :class:`Positions` value replaced by the producers it names."""
    values = {
        key: [who(row) for row in value.rows] if isinstance(value, Positions) else value
        for key, value in note.values.items()  # noqa: PD011 (a Message's values)
    }
    return dataclasses.replace(note, values=values)


def _decisions(ranking: Ranking, rule: SelectionRule | None, lang: str | None) -> Decisions:
    rule = rule or ranking.grid.select
    if rule is None:
        raise GridError(
            msg("decide.no_rule", "no selection rule"),
            where=msg(
                "where.grid", "grid {name!r}", name=ranking.grid.source or ranking.grid.name
            ),
            expected=msg(
                "decide.no_rule_expected",
                "a `select:` section (e.g. `select: {{top: 12}}`), or a rule given to decisions()",
            ),
            found=msg("decide.none", "none"),
        )
    if rule.tiered:
        return tier_decisions(
            rule,
            ranking.table,
            ranking.reasons,
            higher_is_better=ranking.higher_is_better,
            lang=lang,
        )
    table = ranking.table
    ranked = table[table["eligible"]]
    ids = [str(i) for i in ranked.index]
    producers = ranking.producers
    outcome = apply_rule(
        rule,
        ids,
        ranked["rank"].to_numpy(dtype=int),
        ranked["score"].to_numpy(dtype=float),
        categories={
            column: ["" if pd.isna(cell) else str(cell) for cell in producers.loc[ids, column]]
            for column in rule.columns
        },
        higher_is_better=ranking.higher_is_better,
    )
    decided = dict(zip(ids, outcome.selected, strict=True))
    why = dict(zip(ids, outcome.reasons, strict=True))
    ineligible = ranking.reasons
    decision, reasons = [], []
    for pid in (str(i) for i in table.index):
        if pid in decided:
            decision.append(SELECTED if decided[pid] else NOT_SELECTED)
            reasons.append((why[pid],))
        else:
            decision.append(INELIGIBLE)
            reasons.append(tuple(ineligible[pid]))
    frame = pd.DataFrame(
        {
            "rank": table["rank"],
            "score": table["score"],
            "decision": decision,
            "reason": [render(list(r), lang) for r in reasons],
        },
        index=table.index,
    )
    return Decisions(
        table=frame,
        reasons=pd.Series(reasons, index=table.index, name="reason", dtype=object),
        rule=rule,
        shortfalls=tuple(render(m, lang) for m in outcome.shortfalls),
        shortfall_messages=tuple(outcome.shortfalls),
    )


def rank(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    weights: Mapping[str, float] | Grid | None = None,
    parameters: Mapping[str, Any] | None = None,
    sheet: str | int | None = None,
    judgments: Any = None,
    lang: str | None = None,
) -> Ranking:
    """Rank producers under a grid.

    Parameters
    ----------
    producers : DataFrame, str or path-like, Prepared or Ranking
        One row per producer: a DataFrame (never modified) or a ``.csv`` /
        ``.xlsx`` path. French spreadsheets (``;``, decimal commas) are fine.
        Or a problem already prepared (:func:`selection.prepare`), or a
        Ranking: its table is not read again.
    grid : Grid, str or path-like
        A :class:`Grid` or the path of a grid file (left out with a prepared problem).
    method : str, optional
        ``wsm``, ``topsis`` or another registered method; default: the grid's.
    normalization : str, optional
        Default: the grid's, else the method's (``scale`` for wsm, ``vector``
        for topsis).
    weights : mapping or Grid, optional
        Battery or criterion key → points replacing the grid's
        (``{"accessibility": 60}``), or a Grid with the same criteria.
    parameters : mapping, optional
        The method's parameters, over the grid's ``parameters:`` for it:
        ``{"v": 0.3}`` (VIKOR), ``{"lambda": 0.7}`` (WASPAS), ``{"preference":
        "v-shape", "p": {"price": 10}}`` (PROMETHEE II), ``{"expected": {...}}``
        (SPOTIS), ``{"optimal": {...}}`` (ARAS).
    sheet : str or int, optional
        The sheet of a workbook to read (its name, or its position from 0).
    judgments : path, DataFrame or JudgmentRecords, optional
        The members' grades on the grid's judged criteria (``judged: true``): a
        ``.csv`` / ``.xlsx`` table or a ``format: selection/judgments@1`` file.
        Required when the grid has judged criteria; their merit profiles are in
        ``ranking.prepared.merit_profiles``.
    lang : str, optional
        Language of the ``reason`` column; default: the language rule.

    Returns
    -------
    Ranking

    Raises
    ------
    GridError, DataError, MethodError
        All subclasses of :class:`SelectionError`, with the place and the fix.
    """
    chosen = language(lang)
    prepared = prepare(
        producers,
        grid,
        method=method,
        normalization=normalization,
        parameters=parameters,
        sheet=sheet,
        judgments=judgments,
    )
    if weights is not None:
        prepared = prepared.with_grid(
            weights if isinstance(weights, Grid) else prepared.grid.with_weights(weights)
        )
    vector = prepared.weights
    if prepared.problem.normalized.shape[0]:
        breakdown = prepared.engine.breakdown(prepared.problem, vector)
    else:
        breakdown = Breakdown(np.empty(0), None, None)
    return Ranking(
        table=_ranked_table(prepared, breakdown, chosen),
        prepared=prepared,
        weights=pd.Series(vector, index=list(prepared.matrix.keys), name="weight"),
        baseline=breakdown.baseline,
        breakdown=breakdown,
        lang=chosen or current_language(),
    )


def _ranked_table(prepared: Prepared, breakdown: Breakdown, lang: str | None) -> pd.DataFrame:
    """:attr:`Ranking.table`: eligible producers best first, then the others in table order.

    Built directly in rank order, the contributions as one float block (a column
    per battery, then per criterion): no full-table reordering afterwards.
    """
    matrix, grid = prepared.matrix, prepared.grid
    n, ranked = len(matrix.ids), len(breakdown.scores)
    best, ranks = best_first(
        breakdown.scores, higher_is_better=prepared.engine.higher_is_better, ties_in_order=True
    )
    order = np.concatenate(
        [np.flatnonzero(matrix.eligible)[best], np.flatnonzero(~matrix.eligible)]
    )
    unranked = np.arange(n) >= ranked  # the ineligible producers, after the ranked ones
    score = np.full(n, np.nan)
    score[:ranked] = breakdown.scores[best]
    rank_column = np.zeros(n, dtype=np.int64)
    rank_column[:ranked] = ranks
    index = matrix.ids.take(order)
    head = pd.DataFrame(
        {
            "score": pd.arrays.FloatingArray(score, unranked.copy()),
            "rank": pd.arrays.IntegerArray(rank_column, unranked.copy()),
            "eligible": ~unranked,
            "reason": _reason_texts(matrix.reasons, order, lang),
        },
        index=index,
    )
    if breakdown.contributions is None:
        return head
    block = _contribution_block(grid.membership, breakdown.contributions, best, n)
    names = [battery.key for battery in grid.batteries] + list(matrix.keys)
    contributions = pd.DataFrame(block.T, index=index, columns=names, copy=False)
    return pd.concat([head, contributions], axis=1)


def _reason_texts(
    reasons: tuple[tuple[Message, ...], ...], order: NDArray[np.intp], lang: str | None
) -> NDArray[np.object_]:
    """Each producer's reasons in words ("" when eligible), rendering each distinct one once."""
    texts: dict[tuple[Message, ...], str] = {}
    out = np.empty(len(order), dtype=object)
    for position, row in enumerate(order.tolist()):
        messages = reasons[row]
        if not messages:
            out[position] = ""
        elif messages in texts:
            out[position] = texts[messages]
        else:
            out[position] = texts[messages] = render(list(messages), lang)
    return out


def _contribution_block(
    membership: NDArray[np.bool_],
    contributions: NDArray[np.float64],
    best_first_order: NDArray[np.intp],
    n: int,
) -> NDArray[np.float64]:
    """Battery then criterion contributions, (batteries + criteria, n), in rank order.

    The ranked producers' contributions fill the first columns; the unranked
    (ineligible) producers' columns are NaN.
    """
    batteries, m = membership.shape
    ranked = len(best_first_order)
    block = np.empty((batteries + m, n))
    by_criterion = contributions.T
    for j in range(m):  # "clip": the order is a permutation, no index needs checking
        by_criterion[j].take(best_first_order, out=block[batteries + j, :ranked], mode="clip")
    block[batteries:, ranked:] = np.nan
    for b in range(batteries):
        total = block[b]
        total[:] = 0.0
        for member in np.flatnonzero(membership[b]).tolist():
            total += block[batteries + member]
    return block
