"""Where the shipped example lives: an illustrative grid and 60 synthetic producers.

The grid is ``criteria/lyon-qla.yaml`` in a checkout; a wheel carries a copy
inside the package, so the example runs from ``pip install`` as well.

Examples
--------
>>> example_grid_path().name
'lyon-qla.yaml'
>>> example_producers_path().name
'lyon-producers.csv'

The Montpellier example (a citizens' committee approving 40 places in tiers, with
60 members' weights and grades) has its own functions:

>>> montpellier_grid_path().name, montpellier_places_path().name
('montpellier.yaml', 'montpellier-places.csv')
>>> montpellier_judgments_path().name, montpellier_members_path().name
('montpellier-judgments.csv', 'comite.yaml')
"""

from __future__ import annotations

from pathlib import Path

from .messages import msg

__all__ = [
    "example_decisions_path",
    "example_grid_path",
    "example_marseille_paths",
    "example_members_paths",
    "example_producers_path",
    "montpellier_grid_path",
    "montpellier_judgments_path",
    "montpellier_members_path",
    "montpellier_places_path",
    "schema_path",
]

_DATA = Path(__file__).resolve().parent / "data"
_CHECKOUT_CRITERIA = Path(__file__).resolve().parents[2] / "criteria"


def _shipped(name: str) -> Path:
    """A file of ``criteria/``: inside the installed package, else in the checkout."""
    for folder in (_DATA, _CHECKOUT_CRITERIA):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(
        msg(
            "examples.shipped.problem",
            "{name} is neither in {DATA} nor in {CHECKOUT_CRITERIA}",
            name=name,
            DATA=_DATA,
            CHECKOUT_CRITERIA=_CHECKOUT_CRITERIA,
        )
    )


def example_grid_path() -> Path:
    """The illustrative quality · locality · accessibility grid."""
    return _shipped("lyon-qla.yaml")


def schema_path() -> Path:
    """The JSON Schema of the grid format."""
    return _shipped("grid.schema.json")


def example_producers_path() -> Path:
    """The synthetic table of 60 producers around Lyon (French CSV: ``;``, decimal commas)."""
    return _DATA / "lyon-producers.csv"


def example_decisions_path() -> Path:
    """Decisions a committee recorded on the example (illustrative: four differ from the grid)."""
    return _DATA / "lyon-decisions.csv"


def example_members_paths() -> list[Path]:
    """Weight files of three illustrative committee members (GESRA, VRAC, Les Escales)."""
    for folder in (_DATA / "members", _CHECKOUT_CRITERIA / "members"):
        if folder.is_dir():
            return sorted(folder.glob("*.yaml"))
    raise FileNotFoundError(
        msg(
            "examples.example_members_paths.problem",
            "no members folder in {DATA} nor in {CHECKOUT_CRITERIA}",
            DATA=_DATA,
            CHECKOUT_CRITERIA=_CHECKOUT_CRITERIA,
        )
    )


def montpellier_grid_path() -> Path:
    """The illustrative grid of Montpellier's common food fund, approving places in tiers.

    Measured and judged criteria, three tiers (``criteria/montpellier.yaml``).
    """
    return _shipped("montpellier.yaml")


def montpellier_places_path() -> Path:
    """The synthetic table of 40 places around Montpellier (French CSV: ``;``, decimal commas)."""
    return _DATA / "montpellier-places.csv"


def montpellier_judgments_path() -> Path:
    """The grades 60 synthetic members gave the places they visited (French CSV).

    Columns ``membre;lieu;critère;mention``, grades on the default French scale; a blank
    grade or a place a member did not visit is a missing grade.
    """
    return _DATA / "montpellier-judgments.csv"


def montpellier_members_path() -> Path:
    """The weights file of the Montpellier committee's 60 synthetic members.

    It says ``anonymous: true``: the report and the meeting page show only aggregates.
    """
    return _shipped("members-montpellier/comite.yaml")


def example_marseille_paths() -> dict[str, Path]:
    """The synthetic Marseille planning case: grid, producers, needs, offers and costs.

    Eight grocery stores, 25 producers, 30 products, the 52 weeks of 2027
    (``scripts/make_example_marseille.py``); the grid ``marseille.yaml`` has a
    ``plan:`` section.

    Examples
    --------
    >>> sorted(example_marseille_paths())
    ['costs', 'grid', 'needs', 'offers', 'producers']
    """
    return {
        "grid": _shipped("marseille.yaml"),
        "producers": _DATA / "marseille-producers.csv",
        "needs": _DATA / "marseille-needs.csv",
        "offers": _DATA / "marseille-offers.csv",
        "costs": _DATA / "marseille-costs.csv",
    }
