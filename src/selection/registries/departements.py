"""The département of a French address, from its commune code (INSEE) or its postal code.

The commune code is exact: it starts with the département (``69``, ``2A`` / ``2B`` for
Corsica, three digits overseas: ``971``...). The postal code is La Poste's delivery code: it
usually starts with the same two digits, but Corsica's postal codes all start with ``20``
(below ``20200``: Corse-du-Sud, ``2A``; from ``20200``: Haute-Corse, ``2B``), overseas
codes need three digits, and some communes are served by a post office of a neighbouring
département. So the commune code is used when there is one, the postal code otherwise.

Examples
--------
>>> departement_of("69380", "69121"), departement_of("20000"), departement_of("20600")
('69', '2A', '2B')
>>> departement_of("97400"), departement_of("01600"), departement_of(1600)
('974', '01', '01')
>>> departement_of("CEDEX") is None
True
"""

from __future__ import annotations

import re

__all__ = ["departement_of", "normalised_departement"]

_POSTAL = re.compile(r"^\d{5}$")
_COMMUNE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
_DEPARTEMENT = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-8]|98[4-9])$")

#: Corsica's postal codes: below this one, Corse-du-Sud (2A); from it, Haute-Corse (2B).
_HAUTE_CORSE_FROM = 20200


def _overseas(code: str) -> bool:
    return code.startswith(("97", "98"))


def postal_code(value: object) -> str | None:
    """A postal code as five characters (a number loses its leading zero: ``1600``).

    Examples
    --------
    >>> postal_code(1600), postal_code(" 69004 "), postal_code("")
    ('01600', '69004', None)
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return f"{value:05d}" if 0 < value < 100_000 else None
    text = str(value).strip()
    return text or None


def departement_of(postal: object, commune: object = None) -> str | None:
    """The département of an address: from `commune` (INSEE code) if valid, else `postal`.

    Parameters
    ----------
    postal : str or int
        The postal code (``"69380"``; a number such as ``1600`` is read as ``"01600"``).
    commune : str, optional
        The INSEE commune code (``"69121"``, ``"2A004"``).

    Returns
    -------
    str or None
        ``"01"`` to ``"95"``, ``"2A"``, ``"2B"``, or three digits overseas; None when
        neither code says.
    """
    if isinstance(commune, str) and _COMMUNE.match(commune.strip().upper()):
        code = commune.strip().upper()
        return code[:3] if _overseas(code) else code[:2]
    text = postal_code(postal)
    if text is None or not _POSTAL.match(text):
        return None
    if text.startswith("20"):
        return "2A" if int(text) < _HAUTE_CORSE_FROM else "2B"
    return text[:3] if _overseas(text) else text[:2]


def normalised_departement(value: str) -> str | None:
    """A département code as the API spells it (``"1"`` → ``"01"``, ``"2a"`` → ``"2A"``), or None.

    Examples
    --------
    >>> normalised_departement("1"), normalised_departement(" 2a "), normalised_departement("99")
    ('01', '2A', None)
    """
    code = value.strip().upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    return code if _DEPARTEMENT.match(code) else None
