"""Committees: each member's weights, elicitation, aggregation and consensus.

Several people share one grid; each has their own view of how much quality,
locality and accessibility matter. This package lets each member state their
weights (a small YAML file, or Python), combines them into the grid's weights
in a defensible way, and shows where the members agree and where they do not.

- :mod:`~selection.committee.weights_file`: ``format: selection/weights@1``
  files, :func:`load_members`;
- :mod:`~selection.committee.member`: :class:`Member`, and what a member's
  weights must cover;
- :mod:`~selection.committee.elicitation`: points, rank-order centroid,
  rank-sum, rank-reciprocal, SWING and AHP weights;
- :mod:`~selection.committee.aggregation`: :func:`aggregate` (geometric mean,
  mean or median, renormalized);
- :mod:`~selection.committee.agreement`: Kendall's W, Borda and Copeland
  (pure numpy kernels);
- :mod:`~selection.committee.standing`: :func:`positions`, the distribution of
  the members' weights beside the group's, and who stands apart;
- :mod:`~selection.committee.concordance`: :func:`consensus`;
- :mod:`~selection.committee.privacy`: anonymous committees (``anonymous: true``);
- :mod:`~selection.committee.synthetic`: :func:`synthetic_members`, a seeded
  made-up committee of any size;

Who moves between two sets of weights, and why, is :func:`selection.diff` of
the two rankings (``selection.rank(problem, weights=member.grid(grid))``).

May import: everything below it (the base modules, :mod:`selection.engines`,
:mod:`~selection.grid`, :mod:`~selection.table`, :mod:`~selection.scoring`,
:mod:`~selection.sensitivity`, :mod:`selection.ranking`, :mod:`selection.decisions`).

Examples
--------
>>> import selection
>>> from selection.committee import Member, aggregate, rank_order_centroid
>>> grid = selection.load_grid(selection.example_grid_path())
>>> members = [
...     Member("Amina", {"quality": 30, "locality": 20, "accessibility": 50}),
...     Member("Marc", rank_order_centroid(["locality", "quality", "accessibility"]),
...            method="rank_order_centroid"),
... ]
>>> aggregate(members, grid).battery_weights.round(3).to_dict()
{'quality': 0.33, 'locality': 0.4, 'accessibility': 0.27}
"""

from .aggregation import AGGREGATIONS, aggregate, member_shares
from .agreement import borda, copeland, kendall_w, mid_ranks
from .concordance import Consensus, consensus
from .elicitation import (
    SAATY_RANDOM_INDEX,
    AHPResult,
    Elicitation,
    ahp,
    points,
    rank_order_centroid,
    rank_reciprocal,
    rank_sum,
    swing,
)
from .member import Member
from .privacy import anonymised, pseudonyms, wants_anonymity
from .standing import OUTLIER_GAP, OUTLIER_SPREAD, Positions, positions
from .synthetic import synthetic_members
from .weights_file import FORMAT, dump_members, load_members, parse_members

__all__ = [
    "AGGREGATIONS",
    "FORMAT",
    "OUTLIER_GAP",
    "OUTLIER_SPREAD",
    "SAATY_RANDOM_INDEX",
    "AHPResult",
    "Consensus",
    "Elicitation",
    "Member",
    "Positions",
    "aggregate",
    "ahp",
    "anonymised",
    "borda",
    "consensus",
    "copeland",
    "dump_members",
    "kendall_w",
    "load_members",
    "member_shares",
    "mid_ranks",
    "parse_members",
    "points",
    "positions",
    "pseudonyms",
    "rank_order_centroid",
    "rank_reciprocal",
    "rank_sum",
    "swing",
    "synthetic_members",
    "wants_anonymity",
]
