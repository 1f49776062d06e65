"""``diff``: what changed between two rankings, and why.

Two rankings of the same or overlapping producers: two grids on one table (the
grid a committee wrote and the one its decisions imply), or one grid on two
seasons' tables. :func:`diff` says who entered and who left the selection, who
moved by how many places, which producers came and went, and the causes: weight
changes, changed cells of the table, and for the weighted sum an exact split of
each producer's score change. When a grid approves in tiers, who changed tier
(:attr:`Diff.tier_changes`).

The split
---------
With ``w`` the old and ``w'`` the new effective criterion weights and ``r``,
``r'`` a producer's old and new normalized values, its weighted-sum score moves
by ::

    Σ w'r' − Σ w r  =  Σ (w' − w) r   +   Σ w' (r' − r)
                       weight effect      data effect

exactly, criterion by criterion. With a normalization that depends on the
other producers (``minmax``, ``vector``, ...), producers who came or went change
everyone's ``r``: that shows as a data effect.

Examples
--------
>>> import selection
>>> producers, grid = selection.example_producers_path(), selection.example_grid_path()
>>> old = selection.rank(producers, grid)
>>> new = selection.rank(producers, selection.load_grid(grid).with_weights(accessibility=60))
>>> change = diff(old, new)
>>> change.added, change.removed, change.data_changes.empty
([], [], True)
>>> (change.score_changes["weight_effect"] - change.score_changes["change"]).abs().max() < 1e-12
np.True_
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..grid import Grid
from ..messages import Message, msg, msgn, render
from ..ranking import Ranking
from ..scoring import NOT_APPROVED
from ..table import blank_cells, fold
from ..validators import language, whole_number

__all__ = ["Diff", "diff"]

#: Differences below this are rounding, not change: numeric cells (relative) ...
_TOLERANCE = 1e-12
#: ... and effective weights (a ten-thousandth of a percentage point).
_WEIGHT_TOLERANCE = 1e-6
_SHOWN = 3
#: A criterion that moved a score by less than this is not named as a cause.
_DRIVER = 5e-4


@dataclass(frozen=True, eq=False)
class Diff:
    """What changed from one ranking to another.

    Attributes
    ----------
    old, new : Ranking
    basis : str
        How each selection was read: the grid's rule (``select:``) or the top k (in
        words, in the language of the call).
    entered, left : list of str
        Producers in the new selection and not the old (best new rank first),
        and the reverse (best old rank first).
    moves : DataFrame
        Producers ranked in both, indexed by id: ``old_rank``, ``new_rank``,
        ``change`` (places gained: positive is up), ``in_selection`` (in
        either ranking's selection, or top k), ``reason`` (for additive
        methods on the same batteries, the battery that moved it most, in
        words), sorted by the size of the move, largest first.
    shares : DataFrame
        Index: battery keys then criterion keys of the new grid; ``old``,
        ``new`` (battery shares, effective criterion weights) and ``change``.
    added, removed : list of str
        Producers only in the new table, only in the old one (in table order).
    eligibility : DataFrame
        Producers of both tables whose eligibility changed: ``old_eligible``,
        ``new_eligible``, ``reason`` (why ineligible now or before).
    rule_change : str or None
        The two grids' selection rules in words, when they differ (in the language of
        the call).
    weight_changes : DataFrame
        Criteria whose effective weight changed, indexed by key: ``label``,
        ``old``, ``new``, ``change`` (a criterion of one grid only weighs 0 in
        the other).
    data_changes : DataFrame
        Cells of the grids' columns (criteria, gates, quotas) that differ for
        producers of both tables: ``producer``, ``column``, ``old``, ``new``.
    score_changes : DataFrame
        Producers eligible in both, indexed by id: ``old_score``,
        ``new_score``, ``change``; for two weighted-sum rankings of the same
        criteria also ``weight_effect``, ``data_effect`` (summing to
        ``change``) and ``drivers`` (the criteria that moved it most, in words).
    effects : DataFrame or None
        Per-criterion effect (weight + data) of every such producer (weighted
        sum of the same criteria only).
    basis_message, rule_change_message : Message or None
        :attr:`basis` and :attr:`rule_change` as messages, to render in any language.
    tier_changes : DataFrame or None
        When either grid approves in tiers: the producers of both tables whose
        tier changed, indexed by id: ``old_tier``, ``new_tier`` (labels; ``not
        approved`` for none), ``old_score``, ``new_score``; in the new ranking's
        order. None when neither grid has tiers.
    """

    old: Ranking
    new: Ranking
    basis: str
    entered: list[str]
    left: list[str]
    moves: pd.DataFrame
    shares: pd.DataFrame
    added: list[str]
    removed: list[str]
    eligibility: pd.DataFrame
    rule_change: str | None
    weight_changes: pd.DataFrame
    data_changes: pd.DataFrame
    score_changes: pd.DataFrame
    effects: pd.DataFrame | None
    basis_message: Message | None = None
    rule_change_message: Message | None = None
    tier_changes: pd.DataFrame | None = None

    def to_frame(self) -> pd.DataFrame:
        """The producers ranked in both, with their moves (a copy of :attr:`moves`)."""
        return self.moves.copy()

    def __repr__(self) -> str:
        return (
            f"<Diff ({render(self._basis, 'en')}): {len(self.entered)} entered, "
            f"{len(self.left)} left, {int((self.moves['change'] != 0).sum())} moved>"
        )

    @property
    def _basis(self) -> Message | str:
        return self.basis if self.basis_message is None else self.basis_message

    def summary(self, lang: str | None = None) -> str:
        """A few sentences: the selection, the largest moves, and their causes."""
        chosen = language(lang)
        sentences: list[Message] = [self._selection_sentence()]
        if self.tier_changes is not None:
            sentences.append(self._tier_sentence())
        if self.rule_change is not None:
            sentences.append(
                msg(
                    "diff.summary.rule_changed",
                    "The selection rule changed: {change}.",
                    change=self.rule_change_message or self.rule_change,
                )
            )
        moved = self.moves[self.moves["change"] != 0].head(_SHOWN)
        if len(moved):
            moves = [
                _move(str(pid), int(row.old_rank), int(row.new_rank))
                for pid, row in moved.iterrows()
            ]
            sentences.append(
                msg(
                    "diff.summary.largest_moves",
                    "Largest moves: {moves}.",
                    moves=", ".join(render(m, chosen) for m in moves),
                )
            )
        else:
            sentences.append(
                msg("diff.summary.no_moves", "No producer ranked in both changed places.")
            )
        sentences.append(self._weights_sentence(chosen))
        sentences.append(self._data_sentence())
        texts = [render(m, chosen) for m in sentences]
        if self.added or self.removed or len(self.eligibility):
            texts.append(self._membership_sentence(chosen))
        if "weight_effect" in self.score_changes:
            texts += [render(m, chosen) for m in self._causes(chosen)]
        return " ".join(t for t in texts if t)

    def _selection_sentence(self) -> Message:
        if not self.entered and not self.left:
            return msg(
                "diff.summary.unchanged",
                "The selection ({basis}) is unchanged.",
                basis=self._basis,
            )
        entered = msgn(
            "diff.summary.entered",
            "{count} producer entered ({ids})",
            "{count} producers entered ({ids})",
            count=len(self.entered),
            ids=", ".join(self.entered),
        )
        left = msgn(
            "diff.summary.left",
            "{count} producer left ({ids})",
            "{count} producers left ({ids})",
            count=len(self.left),
            ids=", ".join(self.left),
        )
        if self.entered and self.left:
            return msg(
                "diff.summary.entered_and_left",
                "Selection ({basis}): {entered} and {left}.",
                basis=self._basis,
                entered=entered,
                left=left,
            )
        return msg(
            "diff.summary.selection",
            "Selection ({basis}): {change}.",
            basis=self._basis,
            change=entered if self.entered else left,
        )

    def _tier_sentence(self) -> Message:
        changes = self.tier_changes
        assert changes is not None
        if changes.empty:
            return msg("diff.summary.tiers_same", "Every producer keeps its tier.")
        listed = [
            msg(
                "diff.summary.tier_change",
                "{producer} {before} → {after}",
                producer=str(pid),
                before=_tier_word(str(row.old_tier)),
                after=_tier_word(str(row.new_tier)),
            )
            for pid, row in zip(changes.index, changes.itertuples(), strict=True)
        ]
        return msgn(
            "diff.summary.tiers_changed",
            "{count} producer changed tier: {changes}.",
            "{count} producers changed tier: {changes}.",
            count=len(listed),
            changes=_listed_messages(listed),
        )

    def _weights_sentence(self, lang: str | None) -> Message:
        if self.weight_changes.empty:
            return msg("diff.weights_same", "The weights are the same.")
        shown = self.weight_changes.reindex(
            self.weight_changes["change"].abs().sort_values(ascending=False).index
        )
        listed = [
            render(
                msg(
                    "diff.summary.weight_change",
                    "{label} {old:.1%} → {new:.1%}",
                    label=row.label,
                    old=row.old,
                    new=row.new,
                ),
                lang,
            )
            for row in shown.head(4).itertuples()
        ]
        more = len(shown) - len(listed)
        if more > 0:
            return msg(
                "diff.summary.weights_changed_more",
                "Weights changed: {items} and {count} more.",
                items=", ".join(listed),
                count=more,
            )
        return msg(
            "diff.summary.weights_changed", "Weights changed: {items}.", items=", ".join(listed)
        )

    def _data_sentence(self) -> Message:
        if self.data_changes.empty:
            return msg(
                "diff.summary.no_cell_changed",
                "No cell of the grids' columns changed for the producers of both tables.",
            )
        producers = int(self.data_changes["producer"].nunique())
        columns = list(dict.fromkeys(self.data_changes["column"]))
        cells = len(self.data_changes)
        return msgn(
            "diff.summary.cells_changed",
            "{count} cell changed for {producers} ({columns}).",
            "{count} cells changed for {producers} ({columns}).",
            count=cells,
            producers=msgn(
                "diff.summary.producers",
                "{count} producer",
                "{count} producers",
                count=producers,
            ),
            columns=", ".join(str(c) for c in columns[:5]) + (", …" if len(columns) > 5 else ""),
        )

    def _membership_sentence(self, lang: str | None) -> str:
        parts = []
        if self.added:
            parts.append(
                msg("diff.summary.added", "new in the table: {ids}", ids=_listed(self.added))
            )
        if self.removed:
            parts.append(
                msg("diff.summary.removed", "gone from it: {ids}", ids=_listed(self.removed))
            )
        if len(self.eligibility):
            parts.append(
                msg(
                    "diff.summary.eligibility",
                    "eligibility changed for {ids}",
                    ids=_listed(list(self.eligibility.index)),
                )
            )
        text = render(msg("diff.summary.sentence", "{parts}.", parts=parts), lang)
        return text[0].upper() + text[1:]

    def _causes(self, lang: str | None) -> list[Message]:
        """Why the producers who entered or left moved: weights or data, and which criteria."""
        out = []
        labels = {c.key: c.label for c in self.new.grid.criteria}
        for pid in (self.entered + self.left)[: 2 * _SHOWN]:
            if pid not in self.score_changes.index:
                continue
            row = self.score_changes.loc[pid]
            drivers = (
                _drivers(
                    self.effects.loc[pid].to_numpy(dtype=float),
                    list(self.effects.columns),
                    labels,
                    lang,
                )
                if self.effects is not None and pid in self.effects.index
                else str(row["drivers"])
            )
            out.append(
                msg(
                    "diff.summary.cause",
                    "{producer}: score {change:+.3f} (weights {weights:+.3f}, data {data:+.3f}), "
                    "mostly {drivers}.",
                    producer=str(pid),
                    change=row["change"],
                    weights=row["weight_effect"],
                    data=row["data_effect"],
                    drivers=drivers,
                )
            )
        return out


def _move(producer: str, before: int, after: int) -> Message:
    """A producer's move in words: ``B up 1 (2 → 1)``."""
    values = {
        "producer": producer,
        "places": abs(before - after),
        "before": before,
        "after": after,
    }
    if after < before:
        return msg("diff.summary.move_up", "{producer} up {places} ({before} → {after})", **values)
    return msg("diff.summary.move_down", "{producer} down {places} ({before} → {after})", **values)


def _tier_word(label: str) -> Message | str:
    """A tier's label as written, or ``not approved`` in words."""
    return msg("tier.not_approved", "not approved") if label == NOT_APPROVED else label


def _listed_messages(items: list[Message]) -> Message | list[Message]:
    """At most five items (joined with "; "), then how many more."""
    if len(items) <= 5:
        return items
    return msg(
        "diff.summary.listed_more_items",
        "{items}; and {count} more",
        items=items[:5],
        count=len(items) - 5,
    )


def _tiers(ranking: Ranking) -> pd.Series | None:
    """Each producer's tier (``not approved`` for none), when the grid approves in tiers."""
    rule = ranking.grid.select
    if rule is None or not rule.tiered:
        return None
    tiers = ranking.decisions().table["tier"].astype(object).fillna(NOT_APPROVED)
    return tiers.set_axis(tiers.index.astype(str))


def _tier_changes(old: Ranking, new: Ranking, common: list[str]) -> pd.DataFrame | None:
    """Producers of both tables whose tier changed (see :attr:`Diff.tier_changes`)."""
    before, after = _tiers(old), _tiers(new)
    if before is None and after is None:
        return None
    nothing = pd.Series(NOT_APPROVED, index=pd.Index(common), dtype=object)
    was = (before if before is not None else nothing).reindex(common)
    now = (after if after is not None else nothing).reindex(common)
    order = [pid for pid in new.table.index.astype(str) if pid in set(common)]
    changed = [pid for pid in order if was[pid] != now[pid]]
    old_scores = old.table.set_axis(old.table.index.astype(str))["score"]
    new_scores = new.table.set_axis(new.table.index.astype(str))["score"]
    return pd.DataFrame(
        {
            "old_tier": [was[pid] for pid in changed],
            "new_tier": [now[pid] for pid in changed],
            "old_score": old_scores.reindex(changed).to_numpy(dtype=float, na_value=np.nan),
            "new_score": new_scores.reindex(changed).to_numpy(dtype=float, na_value=np.nan),
        },
        index=pd.Index(changed, name=old.grid.id_column),
    )


def _listed(ids: list[str]) -> Message | str:
    head = ", ".join(ids[:5])
    if len(ids) <= 5:
        return head
    return msg("diff.summary.listed_more", "{ids} and {count} more", ids=head, count=len(ids) - 5)


def _drivers(row: np.ndarray, keys: list[str], labels: dict[str, str], lang: str | None) -> str:
    """The (at most two) criteria that moved a producer's score most, in words."""
    top = [j for j in np.argsort(-np.abs(row), kind="stable")[:2] if abs(row[j]) >= _DRIVER]
    named = [
        render(
            msg(
                "diff.driver",
                "{label} ({effect:+.3f})",
                label=labels.get(keys[j], keys[j]),
                effect=float(row[j]),
            ),
            lang,
        )
        for j in top
    ]
    return ", ".join(named) or render(
        msg("diff.no_driver", "no criterion by more than {threshold:g}", threshold=_DRIVER),
        lang,
    )


def _selection(ranking: Ranking, k: int | None) -> tuple[list[str], Message]:
    """The selected producers, best first, and how they were chosen."""
    if k is None and ranking.grid.select is not None:
        return ranking.decisions().selected, msg("diff.basis.rule", "the grid's rule")
    top = 10 if k is None else k
    ranked = ranking.ranked
    chosen = [str(pid) for pid in ranked.index[ranked["rank"] <= top]]
    return chosen, msg("diff.basis.top", "top {top}", top=top)


def _rule_change(old: Grid, new: Grid) -> Message | None:
    if old.select == new.select:
        return None
    none = msg("diff.rule.none", "none")
    return msg(
        "diff.rule_change",
        "{before} → {after}",
        before=old.select.conditions() if old.select is not None else none,
        after=new.select.conditions() if new.select is not None else none,
    )


def _columns(grid: Grid) -> list[str]:
    """The table columns a grid reads: criteria, gates, quotas."""
    columns = [column for c in grid.criteria for column in c.kind.columns]
    columns += [g.column for g in grid.eligibility if g.column is not None]
    columns += list(grid.select.columns) if grid.select is not None else []
    return list(dict.fromkeys(columns))


def _same(old: object, new: object) -> bool:
    """Two cells mean the same: both blank, equal numbers, or equal words (case, spaces)."""
    blank = blank_cells([old, new])
    if blank.all():
        return True
    if blank.any():
        return False
    try:
        a, b = float(str(old).replace(",", ".")), float(str(new).replace(",", "."))
    except ValueError:
        return fold(str(old)) == fold(str(new))
    return abs(a - b) <= _TOLERANCE * max(1.0, abs(a), abs(b))


def _data_changes(old: Ranking, new: Ranking, common: list[str]) -> pd.DataFrame:
    columns = [
        c
        for c in dict.fromkeys(_columns(old.grid) + _columns(new.grid))
        if c in old.producers.columns and c in new.producers.columns
    ]
    before = old.producers.set_axis(old.producers.index.astype(str)).loc[common, columns]
    after = new.producers.set_axis(new.producers.index.astype(str)).loc[common, columns]
    rows = [
        (pid, column, a, b)
        for column in columns
        for pid, a, b in zip(common, before[column], after[column], strict=True)
        if not _same(a, b)
    ]
    frame = pd.DataFrame(rows, columns=["producer", "column", "old", "new"], dtype=object)
    return frame.sort_values(["producer", "column"], kind="stable").reset_index(drop=True)


def _weight_changes(old: Ranking, new: Ranking) -> pd.DataFrame:
    keys = list(dict.fromkeys(list(old.weights.index) + list(new.weights.index)))
    labels = {c.key: c.label for c in old.grid.criteria} | {
        c.key: c.label for c in new.grid.criteria
    }
    before = old.weights.reindex(keys, fill_value=0.0).astype(float)
    after = new.weights.reindex(keys, fill_value=0.0).astype(float)
    frame = pd.DataFrame(
        {
            "label": [labels[k] for k in keys],
            "old": before.to_numpy(),
            "new": after.to_numpy(),
            "change": (after - before).to_numpy(),
        },
        index=pd.Index(keys, name="criterion"),
    )
    return frame[frame["change"].abs() > _WEIGHT_TOLERANCE]


def _normalized(ranking: Ranking, keys: list[str]) -> pd.DataFrame:
    """R, by id, in the order of `keys`: the eligible producers' scores are ``R w``.

    For a method whose scores are linear in the weights, column j is the scores
    under all the weight on criterion j (the normalized values for the weighted
    sum, the criterion's net flows for PROMETHEE II).
    """
    ids = ranking.matrix.ids[ranking.matrix.eligible].astype(str)
    m = len(ranking.matrix.keys)
    linear = ranking.prepared.engine.scores(ranking.problem, np.eye(m)).T
    frame = pd.DataFrame(linear, index=ids, columns=list(ranking.matrix.keys))
    return frame[keys]


def _split(
    old: Ranking, new: Ranking, both: list[str], lang: str | None
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Weight and data effects per producer and criterion.

    For one method whose scores are linear in the weights (the weighted sum), on the
    same criteria; None otherwise.
    """
    keys = list(old.matrix.keys)
    linear = old.prepared.engine.capabilities.linear_in_weights
    if not linear or old.method != new.method or set(keys) != set(new.matrix.keys):
        return None
    w_old = old.weights.loc[keys].to_numpy(dtype=float)
    w_new = new.weights.loc[keys].to_numpy(dtype=float)
    r_old = _normalized(old, keys).loc[both].to_numpy()
    r_new = _normalized(new, keys).loc[both].to_numpy()
    weight = (w_new - w_old) * r_old
    data = w_new * (r_new - r_old)
    effects = pd.DataFrame(weight + data, index=both, columns=keys)
    labels = {c.key: c.label for c in new.grid.criteria}
    drivers = [_drivers(row, keys, labels, lang) for row in weight + data]
    frame = pd.DataFrame(
        {
            "weight_effect": weight.sum(axis=1),
            "data_effect": data.sum(axis=1),
            "drivers": drivers,
        },
        index=both,
    )
    return frame, effects


def diff(old: Ranking, new: Ranking, *, k: int | None = None, lang: str | None = None) -> Diff:
    """Compare two rankings: selection, places, producers, and the causes of the changes.

    Parameters
    ----------
    old, new : Ranking
        Two rankings of the same or overlapping producers (two grids on one
        table, or one grid on two seasons' tables).
    k : int, optional
        Compare the top k (capped at the number of eligible producers). By
        default each ranking's selection is what its grid's ``select:`` rule
        decides, or its top 10 when it has none.
    lang : str, optional
        Language of the ``reason`` column of `moves`.

    Returns
    -------
    Diff

    Raises
    ------
    SelectionError
        If `k` is not a whole number ≥ 1.

    Examples
    --------
    >>> import pandas as pd
    >>> import selection
    >>> grid = selection.parse_grid('''
    ... format: selection/grid@1
    ... name: toy
    ... id: id
    ... normalization: none
    ... batteries:
    ...   all: {criteria: {q: {weight: 1}, l: {weight: 1}}}
    ... ''')
    >>> table = pd.DataFrame({"id": ["A", "B", "C"], "q": [1.0, 0.0, 0.6], "l": [0.0, 0.8, 0.1]})
    >>> change = diff(selection.rank(table, grid), selection.rank(table, grid.with_weights(l=3)),
    ...               k=1)
    >>> change.entered, change.left
    (['B'], ['A'])
    >>> change.moves[["old_rank", "new_rank", "change"]]
       old_rank  new_rank  change
    id
    B         2         1       1
    A         1         2      -1
    C         3         3       0
    >>> change.score_changes.loc["B", ["change", "weight_effect", "data_effect"]].round(6).tolist()
    [0.2, 0.2, 0.0]
    """
    if k is not None:
        k = min(whole_number(k, "k", low=1), max(len(old.ranked), len(new.ranked), 1))
    chosen_lang = language(lang)
    before, basis_old = _selection(old, k)
    after, basis_new = _selection(new, k)
    basis = (
        basis_old
        if basis_old == basis_new
        else msg("diff.basis.then", "{old}, then {new}", old=basis_old, new=basis_new)
    )
    rule_change = _rule_change(old.grid, new.grid)
    old_ids = [str(i) for i in old.table.index]
    new_ids = [str(i) for i in new.table.index]
    new_set, old_set = set(new_ids), set(old_ids)
    common = [pid for pid in old_ids if pid in new_set]
    old_table = old.table.set_axis(old_ids)
    new_table = new.table.set_axis(new_ids)
    was = dict(zip(old_ids, old_table["eligible"].astype(bool), strict=True))
    now = dict(zip(new_ids, new_table["eligible"].astype(bool), strict=True))
    both = [pid for pid in common if was[pid] and now[pid]]
    moves = pd.DataFrame(
        {
            "old_rank": old_table.loc[both, "rank"].astype(int),
            "new_rank": new_table.loc[both, "rank"].astype(int),
        },
        index=pd.Index(both, name=old.grid.id_column),
    )
    moves["change"] = moves["old_rank"] - moves["new_rank"]
    chosen = set(before) | set(after)
    moves["in_selection"] = [pid in chosen for pid in moves.index]
    moves["reason"] = [
        render(m, chosen_lang) for m in _movers(old, new, both, moves["change"].to_numpy())
    ]
    order = np.lexsort((moves["new_rank"].to_numpy(), -moves["change"].abs().to_numpy()))
    moves = moves.iloc[order]
    flipped = [pid for pid in common if was[pid] != now[pid]]
    why_old = old_table["reason"].astype(str).to_dict()
    why_new = new_table["reason"].astype(str).to_dict()
    eligibility = pd.DataFrame(
        {
            "old_eligible": [was[pid] for pid in flipped],
            "new_eligible": [now[pid] for pid in flipped],
            "reason": [why_new[pid] or why_old[pid] for pid in flipped],
        },
        index=pd.Index(flipped, name=old.grid.id_column),
    )
    scores = pd.DataFrame(
        {
            "old_score": old_table.loc[both, "score"].astype(float),
            "new_score": new_table.loc[both, "score"].astype(float),
        },
        index=pd.Index(both, name=old.grid.id_column),
    )
    scores["change"] = scores["new_score"] - scores["old_score"]
    split = _split(old, new, both, chosen_lang)
    effects = None
    if split is not None:
        scores = scores.join(split[0])
        effects = split[1].rename_axis(old.grid.id_column)
    return Diff(
        old=old,
        new=new,
        basis=render(basis, chosen_lang),
        entered=[pid for pid in after if pid not in set(before)],
        left=[pid for pid in before if pid not in set(after)],
        moves=moves,
        shares=_shares(old.grid, new.grid),
        added=[str(pid) for pid in new.producers.index if str(pid) not in old_set],
        removed=[str(pid) for pid in old.producers.index if str(pid) not in new_set],
        eligibility=eligibility,
        rule_change=None if rule_change is None else render(rule_change, chosen_lang),
        weight_changes=_weight_changes(old, new),
        data_changes=_data_changes(old, new, common),
        score_changes=scores,
        effects=effects,
        basis_message=basis,
        rule_change_message=rule_change,
        tier_changes=_tier_changes(old, new, common),
    )


def _shares(old: Grid, new: Grid) -> pd.DataFrame:
    """Battery shares then effective criterion weights, old and new (0 where absent)."""

    def shares(grid: Grid) -> pd.Series:
        combined: pd.Series = pd.concat([grid.battery_weights, grid.weights])
        return combined

    before, after = shares(old), shares(new)
    index = list(dict.fromkeys([*after.index, *before.index]))
    frame = pd.DataFrame(
        {
            "old": before.reindex(index, fill_value=0.0).to_numpy(dtype=float),
            "new": after.reindex(index, fill_value=0.0).to_numpy(dtype=float),
        },
        index=pd.Index(index, name="key"),
    )
    frame["change"] = frame["new"] - frame["old"]
    return frame


def _movers(old: Ranking, new: Ranking, ids: list[str], change: np.ndarray) -> list[Message | str]:
    """For each producer who moved, the weight whose change moved it most, relative to the others.

    For additive methods on the same batteries and criteria: producer p's change of
    contribution on battery (or criterion) b, minus the average eligible producer's
    change on b, is how much b moved p *relative to the others*; among the batteries
    whose weight changed (else the criteria), the one with the largest such effect
    in the direction of the move is named, with its weight before and after and
    whether p does better or worse than most producers on it. Empty when no weight
    changed (the causes are then in the data: see ``score_changes``).
    """
    empty: list[Message | str] = [""] * len(ids)
    batteries = [b.key for b in old.grid.batteries]
    criteria = list(old.matrix.keys)
    if batteries != [b.key for b in new.grid.batteries] or criteria != list(new.matrix.keys):
        return empty
    w_old = pd.concat([old.grid.battery_weights, old.grid.weights]).to_numpy(dtype=float)
    w_new = pd.concat([new.grid.battery_weights, new.grid.weights]).to_numpy(dtype=float)
    keys = batteries + criteria
    moved_weight = np.abs(w_new - w_old) > _WEIGHT_TOLERANCE
    level = [j for j in range(len(batteries)) if moved_weight[j]] or [
        j for j in range(len(batteries), len(keys)) if moved_weight[j]
    ]
    columns = [keys[j] for j in level]
    if not level or not set(columns) <= set(old.table.columns) & set(new.table.columns):
        return empty
    common = set(new.ranked.index.astype(str))
    eligible = [pid for pid in old.ranked.index.astype(str) if pid in common]
    before = old.table.set_axis(old.table.index.astype(str)).loc[eligible, columns]
    after = new.table.set_axis(new.table.index.astype(str)).loc[eligible, columns]
    c_a, c_b = before.to_numpy(dtype=float), after.to_numpy(dtype=float)
    effect = (c_b - c_a) - (c_b - c_a).mean(axis=0)
    w_a, w_b = w_old[level], w_new[level]
    scale = np.where(w_a > 0, w_a, w_b)
    performance = np.where(w_a > 0, c_a, c_b) / np.where(scale > 0, scale, 1.0)
    above_average = performance > performance.mean(axis=0)
    named = {b.key: b.label for b in old.grid.batteries} | {
        c.key: c.label for c in old.grid.criteria
    }
    row_of = {pid: i for i, pid in enumerate(eligible)}
    out: list[Message | str] = []
    for producer, moved in zip(ids, change, strict=True):
        if moved == 0 or producer not in row_of:
            out.append("")
            continue
        row = row_of[producer]
        signed = effect[row] * np.sign(moved)
        b = int(np.argmax(signed))
        if signed[b] <= 0:
            out.append(msg("diff.moved_around", "other producers moved around it"))
            continue
        values = {
            "label": named[columns[b]],
            "before": float(w_a[b]),
            "after": float(w_b[b]),
            "producer": producer,
        }
        out.append(
            msg(
                "diff.mostly_better",
                "mostly {label} ({before:.0%} → {after:.0%}), where {producer} does better "
                "than most",
                **values,
            )
            if above_average[row, b]
            else msg(
                "diff.mostly_worse",
                "mostly {label} ({before:.0%} → {after:.0%}), where {producer} does worse "
                "than most",
                **values,
            )
        )
    return out
