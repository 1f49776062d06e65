"""From a ranking to decisions, and the decisions a committee recorded.

:func:`decide` applies a grid's selection rule (``select:``) to a ranking:
minimum quotas first (the best producers of each category that needs them),
then the rest in rank order while places remain, skipping producers whose
category has reached its maximum or whose score is below ``min_score``.

:func:`load_decisions` reads what a committee decided, one row per producer::

    producer_id;decision;date;score;note
    P004;retenu;2025-03-12;0,82;
    P017;écarté;2025-03-12;0,55;prix trop élevé

``decision`` is ``selected`` / ``rejected``; the French ``retenu`` / ``écarté``
(with or without accents, any case) and ``oui`` / ``non`` are accepted too.
``date``, ``score`` (recorded at the time) and ``note`` are optional.

Examples
--------
>>> import selection
>>> ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
>>> table = decide(ranking).table
>>> int((table["decision"] == "selected").sum())
12
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from os import PathLike
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import DataError, GridError, did_you_mean
from .rules import Quota, SelectionRule
from .table import read_table
from .values import blank_cells, fold, parse_numbers

if TYPE_CHECKING:
    from .model import Grid
    from .ranking import Ranking

__all__ = [
    "DECISION_WORDS",
    "DecisionRecord",
    "Decisions",
    "decide",
    "load_decisions",
    "record_for",
]

SELECTED, NOT_SELECTED, INELIGIBLE, REJECTED = "selected", "not selected", "ineligible", "rejected"

#: Accepted spellings of a recorded decision (compared without case, spaces or accents).
DECISION_WORDS: dict[str, str] = {
    "selected": SELECTED,
    "select": SELECTED,
    "retenu": SELECTED,
    "retenue": SELECTED,
    "selectionne": SELECTED,
    "selectionnee": SELECTED,
    "oui": SELECTED,
    "yes": SELECTED,
    "rejected": REJECTED,
    "reject": REJECTED,
    "not selected": REJECTED,
    "ecarte": REJECTED,
    "ecartee": REJECTED,
    "non retenu": REJECTED,
    "non retenue": REJECTED,
    "rejete": REJECTED,
    "rejetee": REJECTED,
    "refuse": REJECTED,
    "refusee": REJECTED,
    "non": REJECTED,
    "no": REJECTED,
}

_HEADERS = {
    "decision": ("decision", "décision"),
    "date": ("date",),
    "score": ("score",),
    "note": ("note", "commentaire", "comment", "remarque"),
}


def _plain(text: object) -> str:
    """Folded and without accents: ``" Écarté "`` → ``"ecarte"``."""
    decomposed = unicodedata.normalize("NFKD", fold(str(text)))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, eq=False)
class Decisions:
    """The decisions a selection rule gives on a ranking.

    Attributes
    ----------
    table : DataFrame
        Indexed by producer id, in rank order: ``rank``, ``score``,
        ``decision`` (selected / not selected / ineligible) and ``reason``.
    rule : SelectionRule
    shortfalls : tuple of str
        Minimum quotas that could not be met, in words.
    """

    table: pd.DataFrame
    rule: SelectionRule
    shortfalls: tuple[str, ...]

    @property
    def selected(self) -> list[str]:
        """Ids of the selected producers, best first."""
        return [str(i) for i in self.table.index[self.table["decision"] == SELECTED]]


def _categories(ranking: Ranking, rule: SelectionRule) -> dict[str, pd.Series]:
    return {
        column: ranking.producers[column].map(
            lambda cell: "" if pd.isna(cell) else fold(str(cell))
        )
        for column in rule.columns
    }


def decide(ranking: Ranking, rule: SelectionRule | None = None) -> Decisions:
    """Apply a selection rule (default: the grid's ``select:``) to a ranking.

    Raises
    ------
    GridError
        If neither the grid nor the call gives a rule.
    """
    rule = rule or ranking.grid.select
    if rule is None:
        raise GridError(
            "no selection rule",
            where=f"grid {ranking.grid.source or ranking.grid.name!r}",
            expected="a `select:` section (e.g. `select: {top: 12}`), or a rule given to decide()",
            found="none",
        )
    table = ranking.table
    ranked = table[table["eligible"]]
    scores = ranked["score"].to_numpy(dtype=float)
    if rule.min_score is None:
        passes = np.ones(len(ranked), dtype=bool)
    elif ranking.higher_is_better:
        passes = scores >= rule.min_score
    else:
        passes = scores <= rule.min_score
    category = _categories(ranking, rule)
    top = rule.top if rule.top is not None else len(ranked)
    chosen: dict[str, str] = {}
    reasons: dict[str, str] = {}

    def count(quota: Quota, value: str) -> int:
        return sum(1 for pid in chosen if category[quota.column][pid] == value)

    def blocking(pid: str) -> Quota | None:
        for quota in rule.quotas:
            value = category[quota.column][pid]
            if quota.max is None or (quota.value is not None and fold(quota.value) != value):
                continue
            if count(quota, value) >= quota.max:
                return quota
        return None

    ids = [str(i) for i in ranked.index]
    ranks = dict(zip(ids, ranked["rank"].astype(int), strict=True))
    shortfalls = []
    for quota in (q for q in rule.quotas if q.min is not None):
        assert quota.value is not None and quota.min is not None
        value = fold(quota.value)
        for pid, ok in zip(ids, passes, strict=True):
            if count(quota, value) >= quota.min or len(chosen) >= top:
                break
            matches = category[quota.column][pid] == value
            if ok and pid not in chosen and matches and blocking(pid) is None:
                chosen[pid] = f"rank {ranks[pid]}; counts toward the quota: {quota.describe()}"
        if count(quota, value) < quota.min:
            taken = count(quota, value)
            shortfalls.append(
                f"{quota.describe()}: only {taken} eligible producer(s) could be taken"
            )
    for pid, ok, score in zip(ids, passes, scores, strict=True):
        if pid in chosen:
            continue
        if not ok:
            side = "below" if ranking.higher_is_better else "above (lower is better)"
            reasons[pid] = (
                f"rank {ranks[pid]}: score {score:.4g} {side} min_score {rule.min_score:g}"
            )
        elif len(chosen) >= top:
            reasons[pid] = f"rank {ranks[pid]}: the top {top} places are taken"
        elif (full := blocking(pid)) is not None:
            reasons[pid] = f"rank {ranks[pid]}: quota reached ({full.describe()})"
        else:
            chosen[pid] = f"rank {ranks[pid]}"
    decision = [
        SELECTED if pid in chosen else NOT_SELECTED if eligible else INELIGIBLE
        for pid, eligible in zip(table.index.astype(str), table["eligible"], strict=True)
    ]
    reason = [
        chosen.get(pid) or reasons.get(pid) or str(why)
        for pid, why in zip(table.index.astype(str), table["reason"], strict=True)
    ]
    frame = pd.DataFrame(
        {"rank": table["rank"], "score": table["score"], "decision": decision, "reason": reason},
        index=table.index,
    )
    return Decisions(table=frame, rule=rule, shortfalls=tuple(shortfalls))


@dataclass(frozen=True, eq=False)
class DecisionRecord:
    """What a committee decided: one row per producer.

    Attributes
    ----------
    decisions : Series
        Producer id → ``selected`` or ``rejected``.
    details : DataFrame
        ``date``, ``score`` and ``note`` columns when the file has them.
    source : str
    """

    decisions: pd.Series
    details: pd.DataFrame
    source: str


def _closest(name: str, columns: list[str]) -> str | None:
    """The column whose header looks most like `name`, if any does."""
    close = difflib.get_close_matches(name, columns, n=1, cutoff=0.6)
    return close[0] if close else None


def _column(frame: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    lowered = {_plain(c): c for c in frame.columns}
    return next((lowered[_plain(n)] for n in names if _plain(n) in lowered), None)


def load_decisions(source: pd.DataFrame | str | PathLike[str], grid: Grid) -> DecisionRecord:
    """Read a committee's decisions (CSV, XLSX or DataFrame) with the grid's id column.

    Raises
    ------
    DataError
        Missing id or decision column, blank or duplicate ids, blank or unknown
        decision words; the message names the rows and the accepted words.
    """
    frame = read_table(source)
    where = source if isinstance(source, str | PathLike) else "the decisions DataFrame"
    where = str(where)
    id_column = grid.id_column
    decision_column = _column(frame, _HEADERS["decision"])
    for needed, name in ((id_column, id_column), (decision_column, "decision")):
        if needed is None or needed not in frame.columns:
            raise DataError(
                f"the decisions lack a {name!r} column",
                where=where,
                expected=f"columns {id_column!r} (the grid's id) and 'decision'",
                found="columns " + ", ".join(repr(str(c)) for c in frame.columns),
                hint=f"rename {close!r} to {name!r}"
                if (close := _closest(name, [str(c) for c in frame.columns]))
                else None,
            )
    assert decision_column is not None
    rows = [str(r) for r in frame.index]  # spreadsheet row numbers when read from a file

    def listed(positions: np.ndarray) -> str:
        return ", ".join(rows[int(i)] for i in positions[:8])

    blank_ids = np.flatnonzero(blank_cells(frame[id_column]))
    if blank_ids.size:
        raise DataError(
            "decisions without a producer id",
            where=f"{where}, rows {listed(blank_ids)}",
            expected=f"an id in column {id_column!r} on every row",
            found="blank cells",
        )
    ids = pd.Index([str(v).strip() for v in frame[id_column]], name=id_column)
    if not ids.is_unique:
        repeated = ids[ids.duplicated()].unique().tolist()
        raise DataError(
            "a producer appears twice in the decisions",
            where=where,
            expected="one decision per producer",
            found="repeated: " + ", ".join(repr(r) for r in repeated[:8]),
            hint="keep the latest decision of each producer",
        )
    blank = np.flatnonzero(blank_cells(frame[decision_column]))
    if blank.size:
        raise DataError(
            "blank decisions",
            where=f"{where}, rows {listed(blank)} (producers "
            + ", ".join(ids[int(i)] for i in blank[:8])
            + ")",
            expected="selected / rejected (or retenu / écarté)",
            found="blank cells",
        )
    words = [DECISION_WORDS.get(_plain(v)) for v in frame[decision_column]]
    unknown = [i for i, w in enumerate(words) if w is None]
    if unknown:
        first = str(frame[decision_column].iloc[unknown[0]])
        raise DataError(
            "unknown decision words",
            where=f"{where}, producers " + ", ".join(ids[i] for i in unknown[:8]),
            expected="one of: selected, rejected, retenu, écarté (oui / non also work)",
            found=", ".join(repr(str(frame[decision_column].iloc[i])) for i in unknown[:8]),
            hint=did_you_mean(_plain(first), list(DECISION_WORDS)),
        )
    details = pd.DataFrame(index=ids)
    for name in ("date", "score", "note"):
        column = _column(frame, _HEADERS[name])
        if column is not None:
            details[name] = frame[column].to_numpy()
    if "score" in details:
        try:
            details["score"] = parse_numbers(details["score"].to_numpy(dtype=object))
        except ValueError as exc:
            bad = exc.args[0]
            raise DataError(
                "recorded scores that are not numbers",
                where=f"{where}, producers " + ", ".join(ids[i] for i in bad[:8]),
                expected="a number such as 0.82 or 0,82 (or a blank cell)",
                found=", ".join(repr(details["score"].iloc[i]) for i in bad[:8]),
            ) from None
    return DecisionRecord(
        decisions=pd.Series(words, index=ids, name="decision", dtype=object),
        details=details,
        source=where,
    )


def record_for(
    decisions: DecisionRecord | pd.DataFrame | str | PathLike[str],
    grid: Grid,
    known: list[str],
) -> DecisionRecord:
    """The decisions as a record, every id checked against the producer table's `known` ids.

    Raises
    ------
    DataError
        Recorded ids that are not in the producer table (with a suggestion).
    """
    record = (
        decisions if isinstance(decisions, DecisionRecord) else load_decisions(decisions, grid)
    )
    present = set(known)
    strangers = [pid for pid in record.decisions.index if pid not in present]
    if strangers:
        hints = [f"{s!r}: {h}" for s in strangers[:5] if (h := did_you_mean(s, known))]
        raise DataError(
            "decisions about producers that are not in the table",
            where=record.source,
            expected=f"ids of the producer table (column {grid.id_column!r})",
            found=", ".join(repr(s) for s in strangers[:8])
            + (f" ({len(strangers)} in all)" if len(strangers) > 8 else ""),
            hint="; ".join(hints) or "check that the decisions and the table are of one season",
        )
    return record
