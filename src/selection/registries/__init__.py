"""Producer tables from public registries: Agence Bio's organic operators.

Committees rarely start from a blank page: the organic operators of their area are listed by
Agence Bio ("API Professionnels BIO", open data). This package turns such a list into a
producer table that :func:`selection.read_table` reads and a grid can rank (after the
committee adds what a registry cannot know: prices, volumes, delivery...):

- :func:`read_agencebio` reads a saved API response (a ``.json`` file);
- :func:`fetch_agencebio` asks the API itself, page by page (when the machine is online);
- :func:`agencebio_producers` maps a response to an :class:`ImportedProducers`: the table,
  and what deserves a look (certificates not in force, operators without coordinates,
  operators that do not produce); :meth:`ImportedProducers.write` writes it as a French CSV
  file.

The command line: ``selection import agencebio FILE.json -o producteurs.csv``, or
``selection import agencebio --fetch --departements 69,01,38,42 -o producteurs.csv``.

May import: the base modules (:mod:`selection.errors`, :mod:`~selection.messages`,
:mod:`~selection.validators`, :mod:`~selection.files`, :mod:`~selection.safe_text`).

Examples
--------
>>> response = {"nbTotal": "1", "items": [{
...     "numeroBio": "900101", "raisonSociale": "GAEC X", "denominationcourante": "Les Sources",
...     "adressesOperateurs": [{"codePostal": "20090", "ville": "Ajaccio", "lat": 41.93,
...                             "long": 8.74, "active": True,
...                             "typeAdresseOperateurs": ["Lieux d'activité"]}],
...     "productions": [{"nom": "Agrumes", "etatProductions": [{"etatProduction": "AB"}]}],
...     "activites": [{"nom": "Production"}],
...     "certificats": [{"etatCertification": "ENGAGEE"}]}]}
>>> imported = agencebio_producers(response)
>>> imported.to_frame().loc[0, ["name", "department", "organic_label", "location_from"]].tolist()
['Les Sources', '2A', 'AB', "Lieux d'activité"]
>>> print(imported.summary(lang="en"))
1 operator read from the response (Agence Bio); 1 in the table.
"""

from .agencebio import ADDRESS_PREFERENCE, COLUMNS, agencebio_producers, read_agencebio
from .agencebio_api import AGENCEBIO_URL, URL_VARIABLE, agencebio_url, fetch_agencebio
from .departements import departement_of
from .http import USER_AGENT, FetchError, get_json
from .imported import ImportedProducers, french_csv

__all__ = [
    "ADDRESS_PREFERENCE",
    "AGENCEBIO_URL",
    "COLUMNS",
    "URL_VARIABLE",
    "USER_AGENT",
    "FetchError",
    "ImportedProducers",
    "agencebio_producers",
    "agencebio_url",
    "departement_of",
    "fetch_agencebio",
    "french_csv",
    "get_json",
    "read_agencebio",
]
