"""Sensitivity analysis: how robust a ranking is to the weights, and to the data.

Every function takes ``(producers, grid, ...)`` like :func:`selection.rank`, or
a prepared problem (:func:`selection.prepare`) or a :class:`~selection.Ranking`
alone; respects eligibility gates, the grid's method and normalization; works at
the criterion or the battery level; and scores many weight vectors at once
with the engines' batch kernels.

- :func:`acceptability`: SMAA-2 rank acceptability (:mod:`~selection.sensitivity.smaa`);
- :func:`weight_intervals`, :func:`sweep`: one weight at a time
  (:mod:`~selection.sensitivity.stability`);
- :func:`robustness`: both in words (:mod:`~selection.sensitivity.summary`);
- :func:`tier_intervals`, :func:`tier_acceptability`: approval in tiers, one weight at
  a time and under plausible weightings (:mod:`~selection.sensitivity.tiers`,
  :mod:`~selection.sensitivity.tier_smaa`);
- :func:`compare_methods`: does the method matter (:mod:`~selection.sensitivity.methods`);
- :func:`objective_weights`: what the data alone would weigh
  (:mod:`~selection.sensitivity.objective`);
- :func:`perturb`: does noise on the data matter (:mod:`~selection.sensitivity.noise`);
- their ``to_frame()`` tables, long, one row per producer and column
  (:mod:`~selection.sensitivity.tidy`).

May import: the base modules, :mod:`selection.engines`, :mod:`selection.grid`,
:mod:`selection.table`, :mod:`selection.scoring`; matplotlib only inside ``plot()``
methods, through :mod:`selection.plots`.
"""

from .factors import LEVELS, Factors, Level, factors_for
from .methods import DEFAULT_METHODS, MethodComparison, compare_methods
from .noise import Perturbation, perturb
from .objective import OBJECTIVE_METHODS, ObjectiveWeights, objective_weights
from .sampling import as_generator, dirichlet_around, ordinal_simplex, uniform_simplex
from .smaa import Acceptability, acceptability, holistic_acceptability
from .stability import StabilityIntervals, Sweep, sweep, weight_intervals
from .summary import Robustness, robustness, robustness_sentence
from .tier_smaa import TierAcceptability, tier_acceptability
from .tiers import TierIntervals, tier_intervals

__all__ = [
    "DEFAULT_METHODS",
    "LEVELS",
    "OBJECTIVE_METHODS",
    "Acceptability",
    "Factors",
    "Level",
    "MethodComparison",
    "ObjectiveWeights",
    "Perturbation",
    "Robustness",
    "StabilityIntervals",
    "Sweep",
    "TierAcceptability",
    "TierIntervals",
    "acceptability",
    "as_generator",
    "compare_methods",
    "dirichlet_around",
    "factors_for",
    "holistic_acceptability",
    "objective_weights",
    "ordinal_simplex",
    "perturb",
    "robustness",
    "robustness_sentence",
    "sweep",
    "tier_acceptability",
    "tier_intervals",
    "uniform_simplex",
    "weight_intervals",
]
