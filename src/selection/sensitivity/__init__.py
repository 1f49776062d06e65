"""Sensitivity analysis: how robust is a ranking to the weights.

Every function takes ``(producers, grid, ...)`` like :func:`selection.rank`,
respects eligibility gates, the grid's method and normalization, works at the
criterion or the battery level, and scores many weight vectors at once with the
engines' batch kernels.
"""

from .acceptability import Acceptability, acceptability, competition_ranks
from .intervals import sweep, weight_intervals
from .methods import MethodComparison, compare_methods
from .perturb import Perturbation, perturb
from .robustness import robustness
from .sampling import as_generator, dirichlet_around, ordinal_simplex, uniform_simplex

__all__ = [
    "Acceptability",
    "MethodComparison",
    "Perturbation",
    "acceptability",
    "as_generator",
    "compare_methods",
    "competition_ranks",
    "dirichlet_around",
    "ordinal_simplex",
    "perturb",
    "robustness",
    "sweep",
    "uniform_simplex",
    "weight_intervals",
]
