"""What an import from a registry gives: the producer table, and what deserves a look.

:class:`ImportedProducers` holds one row per operator of the registry, and says in words
(:meth:`~ImportedProducers.summary`) which ones a committee must look at before using the
table: operators whose organic certificate is not in force (left out unless asked), those
without coordinates (no distance can be computed), those that do not produce themselves, and
a file that holds only one page of a longer answer. :meth:`~ImportedProducers.to_csv` writes
the table the way French spreadsheets read it; :meth:`~ImportedProducers.write` writes it
to a file through :func:`selection.files.write_atomically`.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({
...     "producer_id": ["1", "2"], "name": ["A", "=B"],
...     "latitude": [45.5, float("nan")], "longitude": [4.25, float("nan")],
...     "certified": ["oui", "non"], "certificate_state": ["ENGAGEE", "SUSPENDUE"],
...     "producer": ["oui", "oui"]})
>>> imported = ImportedProducers(table, registry="Agence Bio", source="demo.json")
>>> imported
<ImportedProducers Agence Bio: 2 operators, 1 in the table, 1 flagged>
>>> imported.to_csv().decode("utf-8-sig").splitlines()[1]
'1;A;45,5;4,25;oui;ENGAGEE;oui'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import pandas as pd

from ..files import write_atomically
from ..messages import Message, language, msg, msgn, render
from ..safe_text import neutralised_frame
from ..validators import language as checked_language

__all__ = ["NO", "YES", "ImportedProducers", "french_csv"]

#: How yes/no cells are written (as in the shipped producer table; read back as booleans).
YES, NO = "oui", "non"

#: Identifiers listed in a summary sentence before "and N more".
SHOWN_IDS = 20


def french_csv(frame: pd.DataFrame) -> bytes:
    r"""`frame` as a CSV file in the French dialect: ``;``, decimal comma, UTF-8 with BOM.

    Text cells that a spreadsheet would run as a formula are neutralised
    (:func:`selection.safe_text.neutralised_frame`); blanks stay blank; the index is not
    written.

    Examples
    --------
    >>> import pandas as pd
    >>> french_csv(pd.DataFrame({"id": ["@x"], "lat": [45.75]}))
    b"\xef\xbb\xbfid;lat\n'@x;45,75\n"
    """
    text = neutralised_frame(frame).to_csv(
        sep=";", decimal=",", index=False, na_rep="", lineterminator="\n"
    )
    return text.encode("utf-8-sig")


def _listed(ids: Sequence[str], details: Sequence[str] | None = None) -> str:
    shown = [
        f"{pid} ({detail})" if detail else pid
        for pid, detail in zip(ids, details or [""] * len(ids), strict=True)
    ][:SHOWN_IDS]
    text = ", ".join(shown)
    if len(ids) > SHOWN_IDS:
        text += render(
            msg("registries.summary.more", " and {count:d} more", count=len(ids) - SHOWN_IDS)
        )
    return text


@dataclass(frozen=True, eq=False)
class ImportedProducers:
    """Operators read from a registry, one row each, and the ones to look at.

    Attributes
    ----------
    table : pandas.DataFrame
        Every operator read, one row each, with at least the columns ``producer_id``,
        ``latitude``, ``longitude``, ``certified`` (``oui`` / ``non``),
        ``certificate_state`` and ``producer`` (``oui`` when it produces itself).
    registry : str
        Where the operators come from, in words (``"Agence Bio"``).
    source : str
        The file or web address read.
    keep_suspended : bool
        Whether operators whose certificate is not in force stay in :attr:`producers`.
    total : int, optional
        How many operators the registry said it had (``nbTotal``), when it said so.
    """

    table: pd.DataFrame
    registry: str
    source: str
    keep_suspended: bool = False
    total: int | None = None

    @property
    def producers(self) -> pd.DataFrame:
        """The producer table to write: every operator, or only the certified ones."""
        if self.keep_suspended:
            return self.table.reset_index(drop=True)
        return self.table[self.table["certified"] == YES].reset_index(drop=True)

    @property
    def flagged(self) -> tuple[str, ...]:
        """Ids of the operators whose organic certificate is not in force."""
        return tuple(self.table.loc[self.table["certified"] != YES, "producer_id"])

    @property
    def without_coordinates(self) -> tuple[str, ...]:
        """Ids of the operators in :attr:`producers` with no latitude or longitude."""
        table = self.producers
        blank = table["latitude"].isna() | table["longitude"].isna()
        return tuple(table.loc[blank, "producer_id"])

    @property
    def not_producing(self) -> tuple[str, ...]:
        """Ids of the operators in :attr:`producers` that do not produce themselves."""
        table = self.producers
        return tuple(table.loc[table["producer"] != YES, "producer_id"])

    def to_frame(self) -> pd.DataFrame:
        """The producer table (a copy): :attr:`producers`."""
        return self.producers.copy()

    def to_csv(self) -> bytes:
        """The producer table as a French CSV file (see :func:`french_csv`)."""
        return french_csv(self.producers)

    def write(
        self,
        path: str | PathLike[str],
        *,
        inputs: Iterable[str | PathLike[str] | None] = (),
    ) -> Path:
        """Write the producer table to `path` (CSV, French dialect), completely or not at all.

        Parameters
        ----------
        path : str or path-like
            The CSV file to write.
        inputs : paths
            Files that must not be replaced (the registry's JSON file).

        Returns
        -------
        Path
            The file written.
        """
        return write_atomically(
            path,
            self.to_csv(),
            what=msg("registries.what.table", "the producer table"),
            inputs=inputs,
        )

    def __repr__(self) -> str:
        return (
            f"<ImportedProducers {self.registry}: {len(self.table)} operators, "
            f"{len(self.producers)} in the table, {len(self.flagged)} flagged>"
        )

    def summary(self, lang: str | None = None) -> str:
        """What was read, and what a committee must look at, in a few lines."""
        with language(checked_language(lang)):
            return "\n".join(render(line) for line in self._lines())

    def _lines(self) -> list[Message]:
        count = len(self.table)
        lines: list[Message] = [
            msgn(
                "registries.summary.read",
                "{count:d} operator read from {source} ({registry}); {kept:d} in the table.",
                "{count:d} operators read from {source} ({registry}); {kept:d} in the table.",
                count=count,
                source=self.source,
                registry=self.registry,
                kept=len(self.producers),
            )
        ]
        if self.total is not None and self.total > count:
            lines.append(
                msg(
                    "registries.summary.partial",
                    "The registry counts {total:d} operators but the answer holds {count:d}: "
                    "it is one page of a longer answer; fetch them all with "
                    "`selection import agencebio --fetch`.",
                    total=self.total,
                    count=count,
                )
            )
        flagged = self.table[self.table["certified"] != YES]
        if len(flagged):
            listed = _listed(
                list(flagged["producer_id"]),
                [state or "—" for state in flagged["certificate_state"].fillna("")],
            )
            lines.append(
                msgn(
                    "registries.summary.flagged",
                    "Organic certificate not in force (suspended, stopped or not engaged): "
                    "{count:d} operator: {ids}.",
                    "Organic certificate not in force (suspended, stopped or not engaged): "
                    "{count:d} operators: {ids}.",
                    count=len(flagged),
                    ids=listed,
                )
            )
            lines.append(
                msg(
                    "registries.summary.kept",
                    "  They are in the table, flagged: certified = non, organic_label = none.",
                )
                if self.keep_suspended
                else msg(
                    "registries.summary.left_out",
                    "  They are left out of the table; keep_suspended=True (--keep-suspended) "
                    "keeps them, flagged (certified = non, organic_label = none).",
                )
            )
        if self.without_coordinates:
            lines.append(
                msgn(
                    "registries.summary.no_coordinates",
                    "Without coordinates (no distance can be computed; add latitude and "
                    "longitude by hand): {count:d} operator: {ids}.",
                    "Without coordinates (no distance can be computed; add latitude and "
                    "longitude by hand): {count:d} operators: {ids}.",
                    count=len(self.without_coordinates),
                    ids=_listed(self.without_coordinates),
                )
            )
        if self.not_producing:
            lines.append(
                msgn(
                    "registries.summary.not_producing",
                    "Not producing themselves (preparation or distribution only): "
                    "{count:d} operator: {ids}.",
                    "Not producing themselves (preparation or distribution only): "
                    "{count:d} operators: {ids}.",
                    count=len(self.not_producing),
                    ids=_listed(self.not_producing),
                )
            )
        return lines
