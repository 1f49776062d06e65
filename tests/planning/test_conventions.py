"""The planning API follows the project's conventions (see tests/test_conventions.py)."""

from __future__ import annotations

import inspect

import selection
from selection.planning import Plan
from selection.planning.catalogues import CatalogueImport


def test_plan_takes_producers_and_grid_then_keywords() -> None:
    parameters = list(inspect.signature(selection.plan).parameters.values())
    assert [p.name for p in parameters[:2]] == ["producers", "grid"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters[2:])
    defaults = {p.name: p.default for p in parameters}
    assert defaults["lang"] is None and defaults["time_limit"] == 60.0


def test_results_have_repr_summary_and_to_frame() -> None:
    for cls in (Plan, CatalogueImport):
        assert "__repr__" in vars(cls)
        for method in ("summary", "to_frame"):
            assert callable(getattr(cls, method, None))
    assert callable(Plan.plot)


def test_the_public_names() -> None:
    import importlib

    planning = importlib.import_module("selection.planning")
    assert selection.plan is planning.plan
    assert selection.Plan is Plan
    importlib.import_module("selection.planning.result")  # a submodule replaces nothing
    assert callable(selection.plan)
