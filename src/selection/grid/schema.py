"""The JSON Schema of the grid format, for editors.

With the schema, an editor (VS Code with the YAML extension, JetBrains, ...)
completes keys and underlines mistakes in red while a committee member types.
``criteria/grid.schema.json`` is this schema, written by ``selection schema``;
the test suite checks that the two agree and that every shipped grid passes.
The schema helps editing; :func:`selection.load_grid` remains the authority
(it also checks what a schema cannot, such as keys unique across batteries).

Examples
--------
>>> schema = grid_schema()
>>> schema["properties"]["format"]["const"]
'selection/grid@1'
"""

from __future__ import annotations

import json
from typing import Any

from ..engines import Normalization, Parameter, engine_for, method_names, parameters_of
from .kinds import DEFAULT_GRADES, Aggregate
from .model import FORMAT
from .plan_rule import BudgetPeriod, Objective
from .vocabulary import Direction, MissingPolicy

__all__ = ["grid_schema", "grid_schema_json"]

_WEIGHT = {
    "type": "number",
    "minimum": 0,
    "description": "Points (any non-negative number); the library normalizes them.",
}
_TEXT = {"type": "string"}
_PAIR = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}


def _parameter_schema(parameter: Parameter) -> dict[str, Any]:
    """One method parameter, from its declaration (:class:`~selection.engines.Parameter`)."""
    number: dict[str, Any] = {"type": "number"}
    if parameter.kind == "share":
        number = {"type": "number", "minimum": 0, "maximum": 1}
    elif parameter.kind == "positive":
        number = {"type": "number", "minimum": 0}
    word = {"enum": list(parameter.choices)}
    one = {
        "share": number,
        "number": number,
        "positive": number,
        "choice": word,
        "per_criterion": number,
        "per_criterion_choice": word,
    }[parameter.kind]
    if parameter.kind.startswith("per_criterion"):
        one = {"oneOf": [one, {"type": "object", "additionalProperties": one}]}
    default = "" if parameter.default is None else f" Default: {parameter.default}."
    return {**one, "description": parameter.description + default}


def _parameters() -> dict[str, Any]:
    """The `parameters:` section: for each method that takes some, its parameters."""
    methods = {}
    for name in method_names():
        declared = parameters_of(engine_for(name))
        if declared:
            methods[name] = {
                "type": "object",
                "additionalProperties": False,
                "properties": {p.name: _parameter_schema(p) for p in declared},
            }
    return {
        "type": "object",
        "additionalProperties": False,
        "description": "Parameters of the scoring methods, by method; used when the grid is "
        "scored by that method.",
        "properties": methods,
    }


def _judgments() -> dict[str, Any]:
    """The settings of judged criteria (the grid's `judgments:`, or a criterion's `judged:`)."""
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "scale": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 2,
                "uniqueItems": True,
                "description": "The grades, worst first. Default: " + ", ".join(DEFAULT_GRADES),
            },
            "aggregate": {
                "enum": [a.value for a in Aggregate],
                "description": "majority (majority judgment, default), mean or median.",
            },
            "min_grades": {
                "type": "integer",
                "minimum": 1,
                "description": "The fewest grades a producer needs on a judged criterion.",
            },
        },
    }


def grid_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``selection/grid@1`` files."""
    criterion = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "label": {**_TEXT, "description": "Name shown to people, any language."},
            "description": _TEXT,
            "column": {**_TEXT, "description": "Column of the table; defaults to the key."},
            "weight": _WEIGHT,
            "direction": {
                "enum": [d.value for d in Direction],
                "description": "max: more is better (default); min: less is better.",
            },
            "scale": {**_PAIR, "description": "Declared bounds [low, high]."},
            "levels": {
                "type": "object",
                "additionalProperties": {"type": "number"},
                "minProperties": 1,
                "description": "Words mapped to points; case and spaces do not matter.",
            },
            "boolean": {"const": True, "description": "yes/no, oui/non, true/false, 1/0."},
            "distance_from": {
                "type": "array",
                "items": _TEXT,
                "minItems": 2,
                "maxItems": 2,
                "description": "[latitude column, longitude column]: great-circle km to `hub`.",
            },
            "hub": {**_PAIR, "description": "[latitude, longitude] of the hub."},
            "judged": {
                "oneOf": [{"type": "boolean"}, _judgments()],
                "description": "true: the values are the members' grades (a judgements file), "
                "not a column; or this criterion's own settings over the grid's `judgments:`.",
            },
            "missing": {"enum": [p.value for p in MissingPolicy]},
        },
        "dependentRequired": {"distance_from": ["hub"], "hub": ["distance_from"]},
    }
    battery = {
        "type": "object",
        "additionalProperties": False,
        "required": ["criteria"],
        "properties": {
            "label": _TEXT,
            "description": _TEXT,
            "weight": _WEIGHT,
            "criteria": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {"$ref": "#/$defs/criterion"},
            },
        },
    }
    words = {"type": "array", "items": {"type": ["string", "number", "boolean"]}, "minItems": 1}
    gate = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "criterion": _TEXT,
            "column": _TEXT,
            "min": {"type": "number"},
            "max": {"type": "number"},
            "in": words,
            "not_in": words,
        },
        "oneOf": [{"required": ["criterion"]}, {"required": ["column"]}],
        "anyOf": [{"required": [k]} for k in ("min", "max", "in", "not_in")],
    }
    count = {"type": "integer", "minimum": 0}
    quota = {
        "type": "object",
        "additionalProperties": False,
        "required": ["column"],
        "properties": {"column": _TEXT, "value": _TEXT, "min": count, "max": count},
        "anyOf": [{"required": ["min"]}, {"required": ["max"]}],
        "dependentRequired": {"min": ["value"]},
    }
    tier = {
        "type": "object",
        "required": ["label"],
        "properties": {
            "label": {**_TEXT, "description": "The tier's name, as people say it."},
            "min_score": {
                "type": "number",
                "description": "Scores at least this high are in the tier (unless a better "
                "tier takes them).",
            },
            "max_score": {
                "type": "number",
                "description": "For methods where lower is better (vikor, spotis, mairca): "
                "scores at most this high.",
            },
        },
        "additionalProperties": {
            "type": ["number", "string"],
            "description": "A value of the tier (e.g. rate: 0.9): a number or text.",
        },
        "not": {"required": ["min_score", "max_score"]},
    }
    select = {
        "type": "object",
        "additionalProperties": False,
        "description": "How a ranking becomes decisions: the top N, a minimum score, quotas; "
        "or approval in tiers.",
        "properties": {
            "top": {"type": "integer", "minimum": 1},
            "min_score": {"type": "number"},
            "quotas": {"type": "array", "items": quota},
            "tiers": {
                "type": "array",
                "minItems": 1,
                "items": tier,
                "description": "Score bands, best first, thresholds strictly decreasing "
                "(increasing with max_score); the last may have no threshold: the producers "
                "not approved. Not combined with top, min_score or quotas.",
            },
        },
        "anyOf": [{"required": ["top"]}, {"required": ["min_score"]}, {"required": ["tiers"]}],
        "dependentSchemas": {
            "tiers": {
                "not": {
                    "anyOf": [
                        {"required": ["top"]},
                        {"required": ["min_score"]},
                        {"required": ["quotas"]},
                    ]
                }
            }
        },
    }
    amount = {"type": "number", "minimum": 0, "description": "Euros."}
    plan = {
        "type": "object",
        "additionalProperties": False,
        "description": (
            "How supply is planned to the stores' needs (selection plan): the objective's "
            "stages, resilience (max_share), equity (fair_shortfall) and budgets."
        ),
        "properties": {
            "objective": {
                "type": "array",
                "items": {"enum": [o.value for o in Objective]},
                "minItems": 1,
                "uniqueItems": True,
                "contains": {"const": Objective.COVERAGE.value},
                "description": (
                    "Lexicographic order, each stage solved exactly and kept as a constraint of "
                    "the next: coverage (quantity of needs met), score (volume-weighted grid "
                    "score of the producers used), cost (purchases, transport, collection "
                    "stops). Default: [coverage, score, cost]; cost never before coverage."
                ),
            },
            "max_share": {
                "type": "number",
                "exclusiveMinimum": 0,
                "maximum": 1,
                "description": (
                    "No producer supplies more than this share of one store's need of one "
                    "product in one period (resilience)."
                ),
            },
            "fair_shortfall": {
                "type": "boolean",
                "description": (
                    "When supply is short, first minimize the largest unmet fraction of a "
                    "store's needs in a period (equity), then the objective."
                ),
            },
            "budget": {
                "description": (
                    "What each store can spend on purchases (quantity × price): an amount per "
                    "store per period, or {amount, per, stores}."
                ),
                "anyOf": [amount, {"$ref": "#/$defs/budget"}],
            },
        },
    }
    budget = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "amount": {**amount, "description": "Every store not named in `stores`."},
            "per": {
                "enum": [p.value for p in BudgetPeriod],
                "description": "period (default): each period; season: all together.",
            },
            "stores": {"type": "object", "additionalProperties": amount},
        },
        "anyOf": [{"required": ["amount"]}, {"required": ["stores"]}],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "selection criteria grid",
        "description": "A weighted grid of criteria batteries used to rank producers.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "name", "id", "batteries"],
        "properties": {
            "format": {"const": FORMAT},
            "name": _TEXT,
            "description": _TEXT,
            "id": {**_TEXT, "description": "Column holding producer ids."},
            "name_column": {
                **_TEXT,
                "description": "Column holding producer names (default: name, nom or raison "
                "sociale, in any case).",
            },
            "method": {"enum": method_names()},
            "normalization": {"enum": [n.value for n in Normalization]},
            "missing": {"enum": [p.value for p in MissingPolicy]},
            "batteries": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {"$ref": "#/$defs/battery"},
            },
            "eligibility": {"type": "array", "items": {"$ref": "#/$defs/gate"}},
            "select": {"$ref": "#/$defs/select"},
            "judgments": {
                **_judgments(),
                "description": "How judged criteria read the members' grades: the scale, "
                "how grades are aggregated, the fewest grades a producer needs.",
            },
            "parameters": _parameters(),
            "plan": {"$ref": "#/$defs/plan"},
        },
        "$defs": {
            "criterion": criterion,
            "battery": battery,
            "gate": gate,
            "select": select,
            "plan": plan,
            "budget": budget,
        },
    }


def grid_schema_json() -> str:
    """The schema as the text of ``criteria/grid.schema.json``."""
    return json.dumps(grid_schema(), indent=2, ensure_ascii=False) + "\n"
