"""The decisions a committee recorded: selected or rejected, one row per producer.

:func:`load_decisions` reads them::

    producer_id;decision;date;score;note
    P004;retenu;2025-03-12;0,82;
    P017;écarté;2025-03-12;0,55;prix trop élevé

``decision`` is ``selected`` / ``rejected``; the French ``retenu`` / ``écarté``
(with or without accents, any case) and ``oui`` / ``non`` are accepted too.
``date``, ``score`` (recorded at the time) and ``note`` are optional.

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
from dataclasses import dataclass
from os import PathLike

import numpy as np
import pandas as pd

from ..errors import DataError, did_you_mean
from ..grid import Grid
from ..scoring import SELECTED
from ..table import blank_cells, fold, parse_numbers, read_table

__all__ = [
    "DECISION_WORDS",
    "REJECTED",
    "DecisionRecord",
    "load_decisions",
    "record_for",
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
