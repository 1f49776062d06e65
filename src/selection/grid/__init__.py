"""The grid: weighted batteries of criteria, eligibility gates and a selection rule.

Frozen records (:class:`Grid`, :class:`Battery`, :class:`Criterion`,
:class:`Gate`, :class:`SelectionRule` and its :class:`Tier` bands, :class:`PlanRule`),
the criterion kinds (how cells become numbers, and what each value is), the
closed vocabularies of the format, its JSON Schema, and the reader of
``selection/grid@1`` files.

May import: the base modules (:mod:`selection.errors`, :mod:`~selection.messages`,
:mod:`~selection.validators`, :mod:`~selection.files`, :mod:`~selection.documents`),
:mod:`selection.engines` (the method names a grid may ask for) and
:mod:`selection.table` (how cells are read).
"""

from .kinds import (
    DEFAULT_GRADES,
    Aggregate,
    Boolean,
    Distance,
    Judged,
    Kind,
    Levels,
    Nature,
    Numeric,
)
from .model import FORMAT, RESERVED_COLUMNS, Battery, Criterion, Gate, Grid
from .plan_rule import Budget, BudgetPeriod, Objective, PlanRule
from .reader import GridCheck, as_grid, check_grid, check_grid_file, load_grid, parse_grid
from .rules import Quota, SelectionRule, Tier
from .schema import grid_schema, grid_schema_json
from .vocabulary import LEVEL_NAMES, Direction, MissingPolicy, level_name

__all__ = [
    "DEFAULT_GRADES",
    "FORMAT",
    "LEVEL_NAMES",
    "RESERVED_COLUMNS",
    "Aggregate",
    "Battery",
    "Boolean",
    "Budget",
    "BudgetPeriod",
    "Criterion",
    "Direction",
    "Distance",
    "Gate",
    "Grid",
    "GridCheck",
    "Judged",
    "Kind",
    "Levels",
    "MissingPolicy",
    "Nature",
    "Numeric",
    "Objective",
    "PlanRule",
    "Quota",
    "SelectionRule",
    "Tier",
    "as_grid",
    "check_grid",
    "check_grid_file",
    "grid_schema",
    "grid_schema_json",
    "level_name",
    "load_grid",
    "parse_grid",
]
