"""The decisions a committee recorded: selected or rejected, one row per producer.

:func:`load_decisions` reads them::

    producer_id;decision;date;score;note
    P004;retenu;2025-03-12;0,82;
    P017;écarté;2025-03-12;0,55;prix trop élevé

``decision`` is ``selected`` / ``rejected``; the French ``retenu`` / ``écarté``
(with or without accents, any case) and ``oui`` / ``non`` are accepted too.
``date``, ``score`` (recorded at the time) and ``note`` are optional.

When the grid approves in tiers (``select: {tiers: ...}``), each row records a
tier instead: a ``tier`` column (also ``palier``, ``niveau``), or the
``decision`` column, holds the tier's label, matched without case or accents
(``Conventionne 90 %`` is ``conventionné 90 %``). A rejection word (``rejected``,
``écarté``, ``non``, ``not approved``, ``non conventionné``...) records the
open tier when the grid has one, else no tier::

    producer_id;tier
    P004;conventionné 90 %
    P017;non conventionné

Examples
--------
>>> import selection
>>> grid = selection.load_grid(selection.example_grid_path())
>>> record = load_decisions(selection.example_decisions_path(), grid)
>>> record.decisions.value_counts().to_dict()
{'rejected': 46, 'selected': 14}
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from os import PathLike

import numpy as np
import pandas as pd

from ..errors import DataError, did_you_mean
from ..grid import Grid, SelectionRule
from ..grid.rules import tier_key
from ..messages import labelled, msg, render
from ..scoring import NOT_APPROVED, SELECTED
from ..table import blank_cells, fold, parse_numbers, read_table

__all__ = [
    "DECISION_WORDS",
    "NOT_APPROVED_WORDS",
    "REJECTED",
    "DecisionRecord",
    "load_decisions",
    "record_for",
    "tier_words",
]

REJECTED = "rejected"

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

#: More spellings of "not approved" for a recorded tier (with the rejections above).
NOT_APPROVED_WORDS = (
    "not approved",
    "non approuve",
    "non approuvee",
    "non conventionne",
    "non conventionnee",
    "aucun",
    "none",
)

_HEADERS = {
    "tier": ("tier", "palier", "niveau", "tiers"),
    "decision": ("decision", "décision"),
    "date": ("date",),
    "score": ("score",),
    "note": ("note", "commentaire", "comment", "remarque"),
}


def _plain(text: object) -> str:
    """Folded and without accents: ``" Écarté "`` → ``"ecarte"``."""
    decomposed = unicodedata.normalize("NFKD", fold(str(text)))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tier_words(rule: SelectionRule) -> dict[str, str]:
    """Accepted spellings of a recorded tier (without case or accents) → the tier, as written.

    The tiers' labels; then the rejection words, for the open tier (or
    ``not approved`` when the rule has none). A label wins over a rejection word.

    Examples
    --------
    >>> from selection.grid import Tier
    >>> rule = SelectionRule(tiers=(Tier("Conventionné", min_score=0.5), Tier("Non")))
    >>> words = tier_words(rule)
    >>> words["conventionne"], words["non"], words["ecarte"]
    ('Conventionné', 'Non', 'Non')
    """
    rest = rule.open_tier
    nobody = rest.label if rest is not None else NOT_APPROVED
    words = {word: nobody for word, meaning in DECISION_WORDS.items() if meaning == REJECTED}
    words |= dict.fromkeys(NOT_APPROVED_WORDS, nobody)
    words |= {tier_key(t.label): t.label for t in rule.tiers}
    return words


@dataclass(frozen=True, eq=False)
class DecisionRecord:
    """What a committee decided: one row per producer.

    Attributes
    ----------
    decisions : Series
        Producer id → ``selected`` or ``rejected`` (with tiers: ``selected`` for
        a tier with a threshold, an approval).
    details : DataFrame
        ``date``, ``score`` and ``note`` columns when the file has them.
    source : str
    tiers : Series or None
        With a grid in tiers: producer id → the recorded tier's label as the
        grid writes it, or ``not approved`` (:data:`~selection.scoring.NOT_APPROVED`)
        for none. None otherwise.
    """

    decisions: pd.Series
    details: pd.DataFrame
    source: str
    tiers: pd.Series | None = None


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
    where = (
        source
        if isinstance(source, str | PathLike)
        else render(msg("where.decisions_frame", "the decisions DataFrame"))
    )
    where = str(where)
    id_column = grid.id_column
    rule = grid.select
    tiered = rule is not None and rule.tiered
    decision_column = (_column(frame, _HEADERS["tier"]) if tiered else None) or _column(
        frame, _HEADERS["decision"]
    )
    for needed, name in ((id_column, id_column), (decision_column, "decision")):
        if needed is None or needed not in frame.columns:
            raise DataError(
                msg(
                    "decisions.records.load_decisions.problem.5",
                    "the decisions lack a {name!r} column",
                    name=name,
                ),
                where=where,
                expected=msg(
                    "decisions.records.load_decisions.expected.5",
                    "columns {id_column!r} (the grid's id) and 'decision'",
                    id_column=id_column,
                ),
                found=msg(
                    "decisions.records.load_decisions.found.5",
                    "columns {items}",
                    items=", ".join(repr(str(c)) for c in frame.columns),
                ),
                hint=(
                    msg(
                        "decisions.records.load_decisions.hint.3.a",
                        "rename {close!r} to {name!r}",
                        close=close,
                        name=name,
                    )
                    if (close := _closest(name, [str(c) for c in frame.columns]))
                    else None
                ),
            )
    assert decision_column is not None
    rows = [str(r) for r in frame.index]  # spreadsheet row numbers when read from a file

    def listed(positions: np.ndarray) -> str:
        return ", ".join(rows[int(i)] for i in positions[:8])

    blank_ids = np.flatnonzero(blank_cells(frame[id_column]))
    if blank_ids.size:
        raise DataError(
            msg("decisions.records.load_decisions.problem", "decisions without a producer id"),
            where=msg(
                "decisions.records.load_decisions.where",
                "{where}, rows {listed}",
                where=where,
                listed=listed(blank_ids),
            ),
            expected=msg(
                "decisions.records.load_decisions.expected",
                "an id in column {id_column!r} on every row",
                id_column=id_column,
            ),
            found=msg("decisions.records.load_decisions.found", "blank cells"),
        )
    ids = pd.Index([str(v).strip() for v in frame[id_column]], name=id_column)
    if not ids.is_unique:
        repeated = ids[ids.duplicated()].unique().tolist()
        raise DataError(
            msg(
                "decisions.records.load_decisions.problem.2",
                "a producer appears twice in the decisions",
            ),
            where=where,
            expected=msg(
                "decisions.records.load_decisions.expected.2", "one decision per producer"
            ),
            found=msg(
                "decisions.records.load_decisions.found.2",
                "repeated: {items}",
                items=", ".join(repr(r) for r in repeated[:8]),
            ),
            hint=msg(
                "decisions.records.load_decisions.hint",
                "keep the latest decision of each producer",
            ),
        )
    blank = np.flatnonzero(blank_cells(frame[decision_column]))
    if blank.size:
        raise DataError(
            msg("decisions.records.load_decisions.problem.3", "blank decisions"),
            where=msg(
                "decisions.records.load_decisions.where.2",
                "{where}, rows {listed} (producers {items})",
                where=where,
                listed=listed(blank),
                items=", ".join(ids[int(i)] for i in blank[:8]),
            ),
            expected=msg(
                "decisions.records.blank_tier_expected",
                "a tier of the grid on every row: {labels}",
                labels=", ".join(repr(t.label) for t in rule.tiers),
            )
            if rule is not None and tiered
            else msg(
                "decisions.records.load_decisions.expected.3",
                "selected / rejected (or retenu / écarté)",
            ),
            found=msg("decisions.records.load_decisions.found.3", "blank cells"),
        )
    if tiered:
        assert rule is not None
        return _tier_record(frame, rule, decision_column, ids, where, listed=listed)
    words = [DECISION_WORDS.get(_plain(v)) for v in frame[decision_column]]
    unknown = [i for i, w in enumerate(words) if w is None]
    if unknown:
        first = str(frame[decision_column].iloc[unknown[0]])
        raise DataError(
            msg("decisions.records.load_decisions.problem.4", "unknown decision words"),
            where=msg(
                "decisions.records.load_decisions.where.3",
                "{where}, producers {items}",
                where=where,
                items=", ".join(ids[i] for i in unknown[:8]),
            ),
            expected=msg(
                "decisions.records.load_decisions.expected.4",
                "one of: selected, rejected, retenu, écarté (oui / non also work)",
            ),
            found=", ".join(repr(str(frame[decision_column].iloc[i])) for i in unknown[:8]),
            hint=did_you_mean(_plain(first), list(DECISION_WORDS)),
        )
    return DecisionRecord(
        decisions=pd.Series(words, index=ids, name="decision", dtype=object),
        details=_details(frame, ids, where),
        source=where,
    )


def _tier_record(
    frame: pd.DataFrame,
    rule: SelectionRule,
    column: str,
    ids: pd.Index,
    where: str,
    *,
    listed: Callable[[np.ndarray], str],
) -> DecisionRecord:
    """The record of a grid in tiers: each row's tier, checked against the grid's."""
    accepted = tier_words(rule)
    tiers = [accepted.get(_plain(v)) for v in frame[column]]
    unknown = [i for i, t in enumerate(tiers) if t is None]
    if unknown:
        first = str(frame[column].iloc[unknown[0]])
        labels = [t.label for t in rule.tiers]
        raise DataError(
            msg("decisions.records.unknown_tiers", "recorded tiers that the grid does not have"),
            where=msg(
                "decisions.records.unknown_tiers_where",
                "{where}, rows {listed} (producers {items})",
                where=where,
                listed=listed(np.array(unknown)),
                items=", ".join(ids[i] for i in unknown[:8]),
            ),
            expected=msg(
                "decisions.records.unknown_tiers_expected",
                "one of the grid's tiers: {labels}{rest}",
                labels=", ".join(repr(label) for label in labels),
                rest=""
                if rule.open_tier is not None
                else msg("decisions.records.or_not_approved", ", or not approved"),
            ),
            found=", ".join(repr(str(frame[column].iloc[i])) for i in unknown[:8]),
            hint=did_you_mean(_plain(first), list(accepted))
            or msg(
                "decisions.records.unknown_tiers_hint",
                "write each tier as the grid's `select.tiers` labels it",
            ),
        )
    approving = {t.label for t in rule.approving_tiers}
    return DecisionRecord(
        decisions=pd.Series(
            [SELECTED if t in approving else REJECTED for t in tiers],
            index=ids,
            name="decision",
            dtype=object,
        ),
        details=_details(frame, ids, where),
        source=where,
        tiers=pd.Series(tiers, index=ids, name="tier", dtype=object),
    )


def _details(frame: pd.DataFrame, ids: pd.Index, where: str) -> pd.DataFrame:
    """The optional ``date``, ``score`` and ``note`` columns, scores read as numbers."""
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
                msg(
                    "decisions.records.load_decisions.problem.6",
                    "recorded scores that are not numbers",
                ),
                where=msg(
                    "decisions.records.load_decisions.where.4",
                    "{where}, producers {items}",
                    where=where,
                    items=", ".join(ids[i] for i in bad[:8]),
                ),
                expected=msg(
                    "decisions.records.load_decisions.expected.6",
                    "a number such as 0.82 or 0,82 (or a blank cell)",
                ),
                found=", ".join(repr(details["score"].iloc[i]) for i in bad[:8]),
            ) from None
    return details


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
        hints = [
            render(labelled(repr(s), h)) for s in strangers[:5] if (h := did_you_mean(s, known))
        ]
        raise DataError(
            msg(
                "decisions.records.record_for.problem",
                "decisions about producers that are not in the table",
            ),
            where=record.source,
            expected=msg(
                "decisions.records.record_for.expected",
                "ids of the producer table (column {id_column!r})",
                id_column=grid.id_column,
            ),
            found=", ".join(repr(s) for s in strangers[:8])
            + (
                render(msg("list.in_all", " ({count} in all)", count=len(strangers)))
                if len(strangers) > 8
                else ""
            ),
            hint=render(hints)
            or msg(
                "decisions.records.record_for.hint",
                "check that the decisions and the table are of one season",
            ),
        )
    return record
