"""selection: transparent multi-criteria grids to choose farm producers.

Social and solidarity grocery stores, buying groups and solidarity restaurants
write a grid of weighted criteria batteries (quality, locality, accessibility)
in YAML; `selection` ranks their producers with it and explains every score.

The package is built in one-way layers, each importing only those below it::

    base (errors, messages, validators, files, documents, results, examples)
      ← engines (pure numpy kernels: normalizations, methods, ranks)
      ← table (reading files and cells) ← grid (the model, its file format)
      ← scoring (decision matrix, prepared problem, selection rule)
      ← plots ← sensitivity ← explain ← ranking ← decisions ← committee
      ← planning (supply plans to the stores' needs) ← report, meeting ← cli

The names below are loaded when first used, so that ``import selection`` and
the command line start quickly.

Examples
--------
>>> import selection
>>> grid = selection.load_grid(selection.example_grid_path())
>>> ranking = selection.rank(selection.example_producers_path(), grid)
>>> ranking.table.columns[:4].tolist()
['score', 'rank', 'eligible', 'reason']
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .messages import msg

if TYPE_CHECKING:
    from .decisions import Audit, DecisionRecord, Diff, Inference
    from .decisions import check as check
    from .decisions import diff as diff
    from .decisions import infer_weights as infer_weights
    from .decisions import load_decisions as load_decisions
    from .engines import Method, Normalization, register_engine
    from .errors import (
        ArgumentError,
        DataError,
        GridError,
        MethodError,
        OutputError,
        SelectionError,
        SelectionWarning,
        WeightsError,
    )
    from .examples import (
        example_decisions_path,
        example_grid_path,
        example_marseille_paths,
        example_members_paths,
        example_producers_path,
        schema_path,
    )
    from .grid import (
        Battery,
        Boolean,
        Criterion,
        Direction,
        Distance,
        Gate,
        Grid,
        Levels,
        MissingPolicy,
        Numeric,
        PlanRule,
        Quota,
        SelectionRule,
        load_grid,
        parse_grid,
    )
    from .planning import Plan, plan
    from .ranking import Ranking, rank
    from .scoring import Decisions, Prepared, prepare
    from .table import read_table
    from .validation import Validation, validate

#: Public name → the module that defines it (loaded on first use).
_PUBLIC = {
    "Audit": "decisions",
    "DecisionRecord": "decisions",
    "Diff": "decisions",
    "Inference": "decisions",
    "check": "decisions",
    "diff": "decisions",
    "infer_weights": "decisions",
    "load_decisions": "decisions",
    "Method": "engines",
    "Normalization": "engines",
    "register_engine": "engines",
    "ArgumentError": "errors",
    "DataError": "errors",
    "GridError": "errors",
    "MethodError": "errors",
    "SelectionError": "errors",
    "SelectionWarning": "errors",
    "WeightsError": "errors",
    "example_decisions_path": "examples",
    "example_grid_path": "examples",
    "example_marseille_paths": "examples",
    "example_members_paths": "examples",
    "example_producers_path": "examples",
    "schema_path": "examples",
    "Battery": "grid",
    "Boolean": "grid",
    "Criterion": "grid",
    "Direction": "grid",
    "Distance": "grid",
    "Gate": "grid",
    "Grid": "grid",
    "Levels": "grid",
    "MissingPolicy": "grid",
    "Numeric": "grid",
    "PlanRule": "grid",
    "Quota": "grid",
    "SelectionRule": "grid",
    "load_grid": "grid",
    "parse_grid": "grid",
    "Plan": "planning",
    "plan": "planning",
    "Ranking": "ranking",
    "rank": "ranking",
    "Decisions": "scoring",
    "Prepared": "scoring",
    "prepare": "scoring",
    "read_table": "table",
    "Validation": "validation",
    "validate": "validation",
    "OutputError": "errors",
}

__all__ = [
    "ArgumentError",
    "Audit",
    "Battery",
    "Boolean",
    "Criterion",
    "DataError",
    "DecisionRecord",
    "Decisions",
    "Diff",
    "Direction",
    "Distance",
    "Gate",
    "Grid",
    "GridError",
    "Inference",
    "Levels",
    "Method",
    "MethodError",
    "MissingPolicy",
    "Normalization",
    "Numeric",
    "OutputError",
    "Plan",
    "PlanRule",
    "Prepared",
    "Quota",
    "Ranking",
    "SelectionError",
    "SelectionRule",
    "SelectionWarning",
    "Validation",
    "WeightsError",
    "__version__",
    "check",
    "decide",
    "diff",
    "example_decisions_path",
    "example_grid_path",
    "example_marseille_paths",
    "example_members_paths",
    "example_producers_path",
    "infer_weights",
    "load_decisions",
    "load_grid",
    "parse_grid",
    "plan",
    "prepare",
    "rank",
    "read_table",
    "register_engine",
    "schema_path",
    "validate",
]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(
            msg(
                "__init__.getattr__.problem",
                "module 'selection' has no attribute {name!r}",
                name=name,
            )
        )
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})


def decide(ranking: Ranking, rule: SelectionRule | None = None) -> Decisions:
    """Deprecated: use :meth:`Ranking.decisions` (the one name for applying a rule).

    Kept so that code written for earlier versions runs; it warns.
    """
    from .messages import msg, render

    warnings.warn(
        render(
            msg(
                "deprecated.decide",
                "selection.decide(ranking, rule) is now ranking.decisions(rule)",
            )
        ),
        DeprecationWarning,
        stacklevel=2,
    )
    return ranking.decisions(rule)
