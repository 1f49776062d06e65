"""selection: transparent multi-criteria grids to choose farm producers.

Social and solidarity grocery stores, buying groups and solidarity restaurants
write a grid of weighted criteria batteries (quality, locality, accessibility)
in YAML; `selection` ranks their producers with it and explains every score.

Examples
--------
>>> import selection
>>> grid = selection.load_grid(selection.example_grid_path())
>>> ranking = selection.rank(selection.example_producers_path(), grid)
>>> ranking.table.columns[:4].tolist()
['score', 'rank', 'eligible', 'reason']
"""

from ._version import __version__
from .audit import Audit, check
from .decisions import DecisionRecord, Decisions, decide, load_decisions
from .diff import Diff, diff
from .errors import (
    DataError,
    GridError,
    MethodError,
    SelectionError,
    SelectionWarning,
    WeightsError,
)
from .examples import (
    example_decisions_path,
    example_grid_path,
    example_members_paths,
    example_producers_path,
    schema_path,
)
from .grid_file import load_grid, parse_grid
from .inference import Inference, infer_weights
from .kinds import Boolean, Distance, Levels, Numeric
from .model import Battery, Criterion, Gate, Grid
from .ranking import Ranking, rank
from .rules import Quota, SelectionRule
from .table import read_table
from .vocabulary import Direction, Method, MissingPolicy, Normalization

__all__ = [
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
    "Quota",
    "Ranking",
    "SelectionError",
    "SelectionRule",
    "SelectionWarning",
    "WeightsError",
    "__version__",
    "check",
    "decide",
    "diff",
    "example_decisions_path",
    "example_grid_path",
    "example_members_paths",
    "example_producers_path",
    "infer_weights",
    "load_decisions",
    "load_grid",
    "parse_grid",
    "rank",
    "read_table",
    "schema_path",
]
