"""``diff``: what changed between two rankings, and why.

Two rankings of the same or overlapping producers: two grids on one table (the
grid a committee wrote and the one its decisions imply), or one grid on two
seasons' tables. :func:`diff` says who entered and who left the selection, who
moved by how many places, which producers came and went, and the causes: weight
changes, changed cells of the table, and for the weighted sum an exact split of
each producer's score change.

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
from ..messages import Message, msg, render
from ..ranking import Ranking
from ..table import blank_cells, fold
from ..validators import language, whole_number

__all__ = ["Diff", "diff"]

#: Differences below this are rounding, not change: numeric cells (relative) ...
_TOLERANCE = 1e-12
#: ... and effective weights (a ten-thousandth of a percentage point).
_WEIGHT_TOLERANCE = 1e-6
_SHOWN = 3


@dataclass(frozen=True, eq=False)
class Diff:
    """What changed from one ranking to another.

    Attributes
    ----------
    old, new : Ranking
    basis : str
        How each selection was read: the grid's rule (``select:``) or the top k.
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
        The two grids' selection rules in words, when they differ.
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

    def to_frame(self) -> pd.DataFrame:
        """The producers ranked in both, with their moves (a copy of :attr:`moves`)."""
        return self.moves.copy()

    def __repr__(self) -> str:
        return (
            f"<Diff ({self.basis}): {len(self.entered)} entered, {len(self.left)} left, "
            f"{int((self.moves['change'] != 0).sum())} moved>"
        )

    def summary(self, lang: str | None = None) -> str:
        """A few sentences: the selection, the largest moves, and their causes."""
        sentences = [self._selection_sentence()]
        if self.rule_change is not None:
            sentences.append(f"The selection rule changed: {self.rule_change}.")
        moved = self.moves[self.moves["change"] != 0].head(_SHOWN)
        if len(moved):
            sentences.append(
                "Largest moves: "
                + ", ".join(
                    f"{pid} {'up' if row.change > 0 else 'down'} {abs(int(row.change))} "
                    f"({int(row.old_rank)} → {int(row.new_rank)})"
                    for pid, row in moved.iterrows()
                )
                + "."
            )
        else:
            sentences.append("No producer ranked in both changed places.")
        sentences.append(self._weights_sentence())
        sentences.append(self._data_sentence())
        if self.added or self.removed or len(self.eligibility):
            sentences.append(self._membership_sentence())
        if "weight_effect" in self.score_changes:
            sentences += self._causes()
        return " ".join(s for s in sentences if s)

    def _selection_sentence(self) -> str:
        if not self.entered and not self.left:
            return f"The selection ({self.basis}) is unchanged."
        parts = []
        if self.entered:
            parts.append(f"{_count(self.entered)} entered ({', '.join(self.entered)})")
        if self.left:
            parts.append(f"{_count(self.left)} left ({', '.join(self.left)})")
        return f"Selection ({self.basis}): " + " and ".join(parts) + "."

    def _weights_sentence(self) -> str:
        if self.weight_changes.empty:
            return "The weights are the same."
        shown = self.weight_changes.reindex(
            self.weight_changes["change"].abs().sort_values(ascending=False).index
        )
        listed = [
            f"{row.label} {row.old:.1%} → {row.new:.1%}" for row in shown.head(4).itertuples()
        ]
        more = len(shown) - len(listed)
        return (
            "Weights changed: "
            + ", ".join(listed)
            + (f" and {more} more" if more > 0 else "")
            + "."
        )

    def _data_sentence(self) -> str:
        if self.data_changes.empty:
            return "No cell of the grids' columns changed for the producers of both tables."
        producers = self.data_changes["producer"].nunique()
        columns = list(dict.fromkeys(self.data_changes["column"]))
        cells = len(self.data_changes)
        return (
            f"{cells} cell{'s' if cells != 1 else ''} changed for {_count_of(producers)} "
            f"({', '.join(columns[:5])}{', ...' if len(columns) > 5 else ''})."
        )

    def _membership_sentence(self) -> str:
        parts = []
        if self.added:
            parts.append(f"new in the table: {_listed(self.added)}")
        if self.removed:
            parts.append(f"gone from it: {_listed(self.removed)}")
        if len(self.eligibility):
            parts.append(f"eligibility changed for {_listed(list(self.eligibility.index))}")
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."

    def _causes(self) -> list[str]:
        """Why the producers who entered or left moved: weights or data, and which criteria."""
        out = []
        for pid in (self.entered + self.left)[: 2 * _SHOWN]:
            if pid not in self.score_changes.index:
                continue
            row = self.score_changes.loc[pid]
            out.append(
                f"{pid}: score {row['change']:+.3f} (weights {row['weight_effect']:+.3f}, "
                f"data {row['data_effect']:+.3f}), mostly {row['drivers']}."
            )
        return out


def _count_of(n: int) -> str:
    return f"{n} producer{'s' if n != 1 else ''}"


def _count(ids: list[str]) -> str:
    return _count_of(len(ids))


def _listed(ids: list[str]) -> str:
    head = ", ".join(ids[:5])
    return head + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")


def _selection(ranking: Ranking, k: int | None) -> tuple[list[str], str]:
    """The selected producers, best first, and how they were chosen."""
    if k is None and ranking.grid.select is not None:
        return ranking.decisions().selected, "the grid's rule"
    top = 10 if k is None else k
    ranked = ranking.ranked
    return [str(pid) for pid in ranked.index[ranked["rank"] <= top]], f"top {top}"


def _rule_change(old: Grid, new: Grid) -> str | None:
    if old.select == new.select:
        return None
    before = old.select.describe() if old.select is not None else "none"
    after = new.select.describe() if new.select is not None else "none"
    return f"{before} → {after}"


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
    """Normalized values of the eligible producers, by id, in the order of `keys`."""
    ids = ranking.matrix.ids[ranking.matrix.eligible].astype(str)
    frame = pd.DataFrame(ranking.problem.normalized, index=ids, columns=list(ranking.matrix.keys))
    return frame[keys]


def _split(
    old: Ranking, new: Ranking, both: list[str]
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
    drivers = []
    for row in weight + data:
        top = [j for j in np.argsort(-np.abs(row), kind="stable")[:2] if abs(row[j]) >= 5e-4]
        named = ", ".join(f"{labels[keys[j]]} ({row[j]:+.3f})" for j in top)
        drivers.append(named or "no criterion by more than 0.0005")
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
    before, basis_old = _selection(old, k)
    after, basis_new = _selection(new, k)
    basis = basis_old if basis_old == basis_new else f"{basis_old}, then {basis_new}"
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
        render(m, language(lang)) for m in _movers(old, new, both, moves["change"].to_numpy())
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
    split = _split(old, new, both)
    effects = None
    if split is not None:
        scores = scores.join(split[0])
        effects = split[1].rename_axis(old.grid.id_column)
    return Diff(
        old=old,
        new=new,
        basis=basis,
        entered=[pid for pid in after if pid not in set(before)],
        left=[pid for pid in before if pid not in set(after)],
        moves=moves,
        shares=_shares(old.grid, new.grid),
        added=[str(pid) for pid in new.producers.index if str(pid) not in old_set],
        removed=[str(pid) for pid in old.producers.index if str(pid) not in new_set],
        eligibility=eligibility,
        rule_change=_rule_change(old.grid, new.grid),
        weight_changes=_weight_changes(old, new),
        data_changes=_data_changes(old, new, common),
        score_changes=scores,
        effects=effects,
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
