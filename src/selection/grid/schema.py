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

from ..engines import Normalization, method_names
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
    select = {
        "type": "object",
        "additionalProperties": False,
        "description": "How a ranking becomes decisions: the top N, a minimum score, quotas.",
        "properties": {
            "top": {"type": "integer", "minimum": 1},
            "min_score": {"type": "number"},
            "quotas": {"type": "array", "items": quota},
        },
        "anyOf": [{"required": ["top"]}, {"required": ["min_score"]}],
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
