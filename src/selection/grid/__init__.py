"""The grid: weighted batteries of criteria, eligibility gates and a selection rule.

Frozen records (:class:`Grid`, :class:`Battery`, :class:`Criterion`,
:class:`Gate`, :class:`SelectionRule`, :class:`PlanRule`), the criterion kinds (how cells become
numbers, and what each value is), the closed vocabularies of the format, its
JSON Schema, and the reader of ``selection/grid@1`` files.

May import: the base modules (:mod:`selection.errors`, :mod:`~selection.messages`,
:mod:`~selection.validators`, :mod:`~selection.files`, :mod:`~selection.documents`),
:mod:`selection.engines` (the method names a grid may ask for) and
:mod:`selection.table` (how cells are read).
"""

from .kinds import Boolean, Distance, Kind, Levels, Nature, Numeric
from .model import FORMAT, RESERVED_COLUMNS, Battery, Criterion, Gate, Grid
from .plan_rule import Budget, BudgetPeriod, Objective, PlanRule
from .reader import as_grid, load_grid, parse_grid
from .rules import Quota, SelectionRule
from .schema import grid_schema, grid_schema_json
from .vocabulary import Direction, MissingPolicy

__all__ = [
    "FORMAT",
    "RESERVED_COLUMNS",
    "Battery",
    "Boolean",
    "Budget",
    "BudgetPeriod",
    "Criterion",
    "Direction",
    "Distance",
    "Gate",
    "Grid",
    "Kind",
    "Levels",
    "MissingPolicy",
    "Nature",
    "Numeric",
    "Objective",
    "PlanRule",
    "Quota",
    "SelectionRule",
    "as_grid",
    "grid_schema",
    "grid_schema_json",
    "load_grid",
    "parse_grid",
]
