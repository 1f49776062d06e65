"""Matching a table's headers to the columns a grid reads, the way people write headers.

A survey built from the questionnaire, or a spreadsheet typed by hand, heads its
columns with the criterion's label (``Label bio``), with capitals, accents or
spaces that differ from the grid (``Délai de paiement``, ``delai_paiement``),
or as the template writes them, ``Label bio (organic_label)``. A header matches
a wanted column when, compared by :func:`plain` (no case, accents, spaces or
punctuation), it is the column's name, or one of its other names (the
criterion's key and label), or ends with one of them in parentheses.

Nothing here knows grids: the caller says which columns it wants and under
which other names.

Examples
--------
>>> plain(" Raison_Sociale "), plain("Délai de paiement (jours)")
('raisonsociale', 'delaidepaiementjours')
>>> matches(["Label bio", "Prix"], {"organic_label": ["organic", "Label bio"]})
{'Label bio': 'organic_label'}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

__all__ = ["matches", "plain"]

_PARENTHESES = re.compile(r"\(([^()]*)\)\s*$")


def plain(text: str) -> str:
    """`text` for tolerant comparison: no case, accents, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", str(text)).casefold()
    return "".join(c for c in decomposed if c.isalnum())


def _names(header: str) -> set[str]:
    """The plain forms a header answers to: itself, and a name in final parentheses."""
    out = {plain(header)}
    inner = _PARENTHESES.search(header)
    if inner:
        out.add(plain(inner.group(1)))
    return out - {""}


def matches(present: Sequence[str], wanted: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Headers of `present` to rename, each to the wanted column it stands for.

    Parameters
    ----------
    present : sequence of str
        The table's headers.
    wanted : mapping
        Each column the caller reads → its other names (a criterion's key and label).

    Returns
    -------
    dict
        Header → wanted column, for the wanted columns not present as written
        that exactly one header matches (a header matching two wanted columns,
        or a column matched by two headers, is left out: the caller's
        missing-column error then lists it).
    """
    exact = set(present)
    found: dict[str, list[str]] = {}
    for column, others in wanted.items():
        if column in exact:
            continue
        names = {plain(column)} | {plain(other) for other in others} - {""}
        hits = [header for header in present if header not in wanted and _names(header) & names]
        if hits:
            found[column] = hits
    claimed: dict[str, int] = {}
    for hits in found.values():
        for header in hits:
            claimed[header] = claimed.get(header, 0) + 1
    return {
        hits[0]: column
        for column, hits in found.items()
        if len(hits) == 1 and claimed[hits[0]] == 1
    }
