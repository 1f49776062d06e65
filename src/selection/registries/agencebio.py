"""Agence Bio's "API Professionnels BIO": its operators as a producer table.

A response of the API (``{"nbTotal": ..., "items": [...]}``, saved to a file or fetched by
:func:`~selection.registries.fetch_agencebio`) becomes one row per operator:

- ``producer_id`` (``numeroBio``), ``name`` (``denominationcourante``, else
  ``raisonSociale``), ``legal_name`` (``raisonSociale``), ``siret``;
- ``commune``, ``postal_code``, ``department`` (from the INSEE commune code, else the postal
  code: Corsica is ``2A`` / ``2B``), ``latitude``, ``longitude``, all from the best *active*
  address with coordinates: a place of activity ("Lieux d'activité") first, then a place of
  sale ("Lieux de vente"), then the head office ("Siège social"); ``location_from`` says which
  (an address is active unless ``active`` is false; one whose coordinates are blank, or 0, 0,
  is not used for them; with no coordinates anywhere, the place comes from the best active
  address and the coordinates stay blank);
- ``organic_label`` as the shipped grid's ``organic`` levels read it: ``AB`` if a production
  is organic (state AB), ``conversion`` if productions are only in conversion (C1, C2, C3, or
  animals in conversion: CS, CNS), ``none`` otherwise; ``conversion_stage`` lists the
  conversion states found (``C1`` ... ``CNS``), even for an AB operator with some
  productions still in conversion;
- ``products`` (the productions' names), ``activities``, ``producer`` (``oui`` when
  "Production" is one of its activities), ``categories`` (direct sale, wholesale...);
- ``certificate_state`` (``ENGAGEE``, ``SUSPENDUE``, ``ARRETEE``...) and ``certified``:
  ``oui`` when a certificate is engaged and none is suspended (a stopped certificate next to
  an engaged one is a change of certifier); ``updated`` (``dateMaj``).

**An operator whose certificate is not in force is left out** of the table unless
``keep_suspended=True``: a collective must not list, unknowingly, a producer whose organic
certificate is suspended, and a flag in one column of a table is easy to lose once the table
is ranked or sorted. Kept, such an operator is flagged (``certified = non``) and its
``organic_label`` is ``none``: its products may not be sold as organic. Either way the summary
lists them.

Missing, null or mistyped fields that the table needs are a :class:`~selection.errors.DataError`
naming the item (its index and ``numeroBio``), the field, what was expected and what was found;
fields the table does not need are not checked, and extra fields are ignored.

Examples
--------
>>> item = {"numeroBio": "900101", "raisonSociale": "GAEC X", "siret": "00000000000101",
...         "adressesOperateurs": [{"codePostal": "69380", "ville": "Lozanne", "lat": 45.857,
...                                 "long": 4.683, "active": True,
...                                 "typeAdresseOperateurs": ["Siège social"]}],
...         "productions": [{"nom": "Légumes", "etatProductions": [{"etatProduction": "C2"}]}],
...         "activites": [{"nom": "Production"}],
...         "certificats": [{"etatCertification": "ENGAGEE"}]}
>>> imported = agencebio_producers({"nbTotal": "1", "items": [item]})
>>> row = imported.producers.iloc[0]
>>> row["name"], row["department"], row["organic_label"], row["conversion_stage"]
('GAEC X', '69', 'conversion', 'C2')
>>> agencebio_producers({"items": [{**item, "productions": "Légumes"}]})
Traceback (most recent call last):
...
selection.errors.DataError: the response, items[0] (numeroBio '900101'), field productions: ...
  expected: a list
  found: text 'Légumes'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import DataError
from ..messages import Message, msg
from .departements import departement_of, postal_code
from .fields import MISSING, JsonItem, described, read_json
from .imported import NO, YES, ImportedProducers

__all__ = [
    "ADDRESS_PREFERENCE",
    "COLUMNS",
    "agencebio_producers",
    "read_agencebio",
]

#: The columns of the producer table, in order.
COLUMNS = (
    "producer_id",
    "name",
    "legal_name",
    "siret",
    "commune",
    "postal_code",
    "department",
    "latitude",
    "longitude",
    "location_from",
    "organic_label",
    "conversion_stage",
    "products",
    "activities",
    "producer",
    "categories",
    "certificate_state",
    "certified",
    "updated",
)

#: Address types, best first, for the coordinates (other types come after these).
ADDRESS_PREFERENCE = ("Lieux d'activité", "Lieux de vente", "Siège social")

#: Production states (``etatProduction``) and the organic level they give.
ORGANIC_STATES = ("AB",)
CONVERSION_STATES = ("C1", "C2", "C3", "CS", "CNS")
OTHER_STATES = ("EAC",)  # "en cours de contrôle": not certified yet
KNOWN_STATES = (*ORGANIC_STATES, *CONVERSION_STATES, *OTHER_STATES)

#: Organic levels written, as the shipped grid's ``organic`` criterion names them.
LEVEL_AB, LEVEL_CONVERSION, LEVEL_NONE = "AB", "conversion", "none"

#: Certificate states (``etatCertification``) that matter.
ENGAGED, SUSPENDED = "ENGAGEE", "SUSPENDUE"

#: What the registry is called in messages.
REGISTRY = "Agence Bio"


def _fold(text: str) -> str:
    """Upper case without accents: ``"Engagée"`` → ``"ENGAGEE"``."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def _address_key(text: str) -> str:
    return _fold(text).replace("’", "'")


_PREFERENCE = {_address_key(kind): rank for rank, kind in enumerate(ADDRESS_PREFERENCE)}

# -- one operator --------------------------------------------------------------------------


def _coordinate(item: JsonItem, address: Mapping[str, Any], key: str, field: str) -> float | None:
    value = address.get(key, None)
    limit = 90.0 if key == "lat" else 180.0
    expected = msg(
        "agencebio.expected.coordinate",
        "a number between −{limit:g} and {limit:g} (degrees, WGS 84), or null",
        limit=limit,
    )
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise item.error(field, expected, value)
    try:
        number = float(value.replace(",", ".") if isinstance(value, str) else value)
    except (TypeError, ValueError):
        raise item.error(field, expected, value) from None
    if not -limit <= number <= limit:  # also false for NaN
        raise item.error(field, expected, value)
    return number


def _address(item: JsonItem, value: Any, j: int) -> dict[str, Any] | None:
    """An address: its rank by type, the type that gave it, the place; None if inactive."""
    field = f"adressesOperateurs[{j}]"
    address = item.object(value, field)
    active = address.get("active", None)
    if active is not None and not isinstance(active, bool):
        raise item.error(
            f"{field}.active", msg("agencebio.expected.boolean", "true or false"), active
        )
    if active is False:
        return None
    kinds_value = address.get("typeAdresseOperateurs", None)
    kinds = [kinds_value] if isinstance(kinds_value, str) else kinds_value
    if kinds is None:
        kinds = []
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        raise item.error(
            f"{field}.typeAdresseOperateurs",
            msg(
                "agencebio.expected.kinds",
                "a list of address types, e.g. {example}",
                example='["Lieux d\'activité"]',
            ),
            kinds_value,
        )
    ranked = sorted(
        (_PREFERENCE.get(_address_key(k), len(ADDRESS_PREFERENCE)), k.strip()) for k in kinds
    )
    rank, kind = ranked[0] if ranked else (len(ADDRESS_PREFERENCE), "")
    latitude = _coordinate(item, address, "lat", f"{field}.lat")
    longitude = _coordinate(item, address, "long", f"{field}.long")
    if latitude is None or longitude is None or (latitude == 0 and longitude == 0):
        latitude = longitude = None
    postal_value = address.get("codePostal", None)
    if isinstance(postal_value, bool) or not isinstance(postal_value, str | int | None):
        raise item.error(
            f"{field}.codePostal",
            msg("agencebio.expected.postal", 'a postal code, e.g. "69380"'),
            postal_value,
        )
    commune_code = address.get("codeCommune", None)
    return {
        "rank": rank,
        "kind": kind,
        "commune": item.text(address, "ville", f"{field}.ville", required=False),
        "postal_code": postal_code(postal_value),
        "department": departement_of(postal_value, commune_code),
        "latitude": latitude,
        "longitude": longitude,
    }


def _location(item: JsonItem, operator: Mapping[str, Any]) -> dict[str, Any]:
    """The best active address: with coordinates if one has them, by type preference."""
    values = item.items(operator, "adressesOperateurs", "adressesOperateurs", required=True)
    active = [a for j, v in enumerate(values) if (a := _address(item, v, j)) is not None]
    located = [a for a in active if a["latitude"] is not None]
    chosen = min(located or active, key=lambda a: a["rank"], default=None)
    if chosen is None:
        return dict.fromkeys(
            ("commune", "postal_code", "department", "latitude", "longitude", "location_from")
        )
    location = {k: chosen[k] for k in ("commune", "postal_code", "department")}
    location["latitude"], location["longitude"] = chosen["latitude"], chosen["longitude"]
    location["location_from"] = chosen["kind"] or None
    return location


def _organic(item: JsonItem, operator: Mapping[str, Any]) -> tuple[str, str | None, list[str]]:
    """(organic level, conversion states found, production names)."""
    states: list[str] = []
    names: list[str] = []
    productions = item.items(operator, "productions", "productions", required=True)
    for j, value in enumerate(productions):
        field = f"productions[{j}]"
        production = item.object(value, field)
        name = item.text(production, "nom", f"{field}.nom", required=False)
        if name is not None and name not in names:
            names.append(name)
        etats = item.items(
            production, "etatProductions", f"{field}.etatProductions", required=True
        )
        for k, etat in enumerate(etats):
            where = f"{field}.etatProductions[{k}].etatProduction"
            etat_object = item.object(etat, where.rsplit(".", 1)[0])
            state = item.required(etat_object, "etatProduction", where)
            code = _fold(state)
            if code not in KNOWN_STATES:
                raise item.error(
                    where,
                    msg("expected.one_of", "one of: {choices}", choices=", ".join(KNOWN_STATES)),
                    state,
                    hint=msg(
                        "agencebio.state_hint",
                        "AB: organic; C1, C2, C3: first, second, third year of conversion; CS, "
                        "CNS: animals in conversion; EAC: being checked",
                    ),
                )
            states.append(code)
    if any(s in ORGANIC_STATES for s in states):
        level = LEVEL_AB
    elif any(s in CONVERSION_STATES for s in states):
        level = LEVEL_CONVERSION
    else:
        level = LEVEL_NONE
    stages = [s for s in CONVERSION_STATES if s in states]
    return level, ", ".join(stages) or None, names


def _certificate(item: JsonItem, operator: Mapping[str, Any]) -> tuple[str | None, bool]:
    """(the certificate states, whether a certificate is in force)."""
    states: list[str] = []
    for j, value in enumerate(item.items(operator, "certificats", "certificats", required=True)):
        field = f"certificats[{j}]"
        certificate = item.object(value, field)
        state = item.required(certificate, "etatCertification", f"{field}.etatCertification")
        code = _fold(state)
        if code not in states:
            states.append(code)
    certified = ENGAGED in states and SUSPENDED not in states
    return ", ".join(states) or None, certified


def _operator(item: JsonItem, operator: Mapping[str, Any]) -> dict[str, Any]:
    legal_name = item.text(operator, "raisonSociale", "raisonSociale", required=False)
    usual_name = item.text(
        operator, "denominationcourante", "denominationcourante", required=False
    )
    if legal_name is None and usual_name is None:
        raise item.error(
            "raisonSociale",
            msg("agencebio.expected.name", "a name: raisonSociale or denominationcourante"),
            operator.get("raisonSociale", MISSING),
        )
    level, stages, products = _organic(item, operator)
    certificate_state, certified = _certificate(item, operator)
    activities = item.names(operator, "activites")
    return {
        "producer_id": item.numero,
        "name": usual_name or legal_name,
        "legal_name": legal_name,
        "siret": item.text(operator, "siret", "siret", required=False, numbers=True),
        **_location(item, operator),
        "organic_label": level if certified else LEVEL_NONE,
        "conversion_stage": stages,
        "products": ", ".join(products) or None,
        "activities": ", ".join(activities) or None,
        "producer": YES if any(_fold(a) == "PRODUCTION" for a in activities) else NO,
        "categories": ", ".join(item.names(operator, "categories")) or None,
        "certificate_state": certificate_state,
        "certified": YES if certified else NO,
        "updated": item.text(operator, "dateMaj", "dateMaj", required=False),
    }


# -- the response ----------------------------------------------------------------------------


#: What a response of the API looks like.
SHAPE_EXPECTED = msg(
    "agencebio.shape.expected",
    "an object with a list of operators: {example}",
    example='{"nbTotal": ..., "items": [...]}',
)


def _shape_error(source: str, found: Message) -> DataError:
    return DataError(
        msg("agencebio.shape.problem", "this is not a response of the Agence Bio API"),
        where=source,
        expected=SHAPE_EXPECTED,
        found=found,
        hint=msg(
            "agencebio.shape.hint",
            "save the answer of https://opendata.agencebio.org/api/gouv/operateurs/ as it "
            "comes, or use --fetch",
        ),
    )


def announced_total(value: Any) -> int | None:
    """``nbTotal`` (a number, or digits as text: the API writes ``"6"``), None if absent."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def agencebio_producers(
    response: Any,
    *,
    source: str = "the response",
    keep_suspended: bool = False,
) -> ImportedProducers:
    """The producer table of an Agence Bio API response (already decoded from JSON).

    Parameters
    ----------
    response : dict
        ``{"nbTotal": ..., "items": [...]}``, as the API answers (or as
        :func:`~selection.registries.fetch_agencebio` returns).
    source : str
        Where it comes from, for messages (a file name, an address).
    keep_suspended : bool
        Keep, flagged, the operators whose certificate is not in force (default: leave them
        out of :attr:`~ImportedProducers.producers`; the summary lists them either way).

    Returns
    -------
    ImportedProducers
        One row per operator (see the module's documentation for the columns).

    Raises
    ------
    DataError
        The response is not of that shape; an operator lacks a field the table needs or has
        a value of the wrong type (the error names the item, its numeroBio and the field);
        two items have the same numeroBio.
    """
    if not isinstance(response, dict):
        raise _shape_error(source, described(response))
    items = response.get("items", MISSING)
    if not isinstance(items, list):
        found = described(response) if items is MISSING else described(items)
        raise _shape_error(source, found)
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for index, value in enumerate(items):
        item = JsonItem(source, index, "numeroBio")
        operator = item.object(value, "")
        item.numero = item.required(operator, "numeroBio", "numeroBio", numbers=True)
        if item.numero in seen:
            raise DataError(
                msg("agencebio.duplicate", "the same operator appears twice"),
                where=item.where("numeroBio"),
                expected=msg("agencebio.duplicate_expected", "one item per numeroBio"),
                found=msg(
                    "agencebio.duplicate_found",
                    "also items[{index}]",
                    index=seen[item.numero],
                ),
                hint=msg("agencebio.duplicate_hint", "remove one of the two items"),
            )
        seen[item.numero] = index
        rows.append(_operator(item, operator))
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in ("latitude", "longitude"):
        table[column] = table[column].astype(float)
    return ImportedProducers(
        table,
        registry=REGISTRY,
        source=source,
        keep_suspended=keep_suspended,
        total=announced_total(response.get("nbTotal")),
    )


def read_agencebio(
    path: str | PathLike[str], *, keep_suspended: bool = False
) -> ImportedProducers:
    """The producer table of a saved Agence Bio API response (a ``.json`` file).

    Parameters
    ----------
    path : str or path-like
        The JSON file, as the API answered (UTF-8; a BOM is fine).
    keep_suspended : bool
        See :func:`agencebio_producers`.

    Raises
    ------
    DataError
        The file cannot be read, is not JSON, or is not an API response of the expected
        shape (see :func:`agencebio_producers`).

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "bio.json"
    >>> _ = file.write_text('{"nbTotal": "0", "items": []}', encoding="utf-8")
    >>> read_agencebio(file)
    <ImportedProducers Agence Bio: 0 operators, 0 in the table, 0 flagged>
    >>> _ = file.write_text("<!DOCTYPE html><html>", encoding="utf-8")
    >>> read_agencebio(file)
    Traceback (most recent call last):
    ...
    selection.errors.DataError: .../bio.json, line 1, column 1: the file is not JSON
    ...
    """
    file = Path(path)
    response = read_json(
        file, expected=msg("agencebio.json.expected", "the JSON answer of the Agence Bio API")
    )
    return agencebio_producers(response, source=str(file), keep_suspended=keep_suspended)
