"""Where the shipped example lives: an illustrative grid and 60 synthetic producers.

The grid is ``criteria/lyon-qla.yaml`` in a checkout; a wheel carries a copy
inside the package, so the example runs from ``pip install`` as well.

Examples
--------
>>> example_grid_path().name
'lyon-qla.yaml'
>>> example_producers_path().name
'lyon-producers.csv'
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
