"""From a producer table and a grid to a problem ready for any analysis.

:mod:`~selection.scoring.matrix` checks the table against the grid and builds
the decision matrix (ids, values, eligibility with its reasons);
:mod:`~selection.scoring.prepared` resolves the method and normalization and
makes the :class:`Prepared` problem every analysis shares;
:mod:`~selection.scoring.select` applies a grid's selection rule to ranks.

May import: the base modules, :mod:`selection.engines`, :mod:`selection.table`,
:mod:`selection.grid`.
"""

from .matrix import DecisionMatrix, build_matrix, matched_columns, matrix_problems
from .prepared import NAME_COLUMNS, HasPrepared, Prepared, ProblemSource, prepare, resolve
from .select import (
    INELIGIBLE,
    NOT_APPROVED,
    NOT_SELECTED,
    SELECTED,
    Decisions,
    Outcome,
    TierOutcome,
    apply_rule,
    apply_tiers,
    check_tier_direction,
    tier_bands,
    tier_decisions,
)

__all__ = [
    "INELIGIBLE",
    "NAME_COLUMNS",
    "NOT_APPROVED",
    "NOT_SELECTED",
    "SELECTED",
    "DecisionMatrix",
    "Decisions",
    "HasPrepared",
    "Outcome",
    "Prepared",
    "ProblemSource",
    "TierOutcome",
    "apply_rule",
    "apply_tiers",
    "build_matrix",
    "check_tier_direction",
    "matched_columns",
    "matrix_problems",
    "prepare",
    "resolve",
    "tier_bands",
    "tier_decisions",
]
