"""What the data alone would say: objective weights beside the committee's.

Objective weighting methods read the weights off the table: a criterion on
which producers differ a lot gets more weight than one on which they are all
alike. They are not a substitute for the committee's choice (they know nothing
of what matters to the collective) but a mirror: where the committee gives
little weight to a criterion that separates producers strongly, or much weight
to one that separates no one, it is worth a look.

Three methods, on the eligible producers' values min-max normalized (every
criterion from 0 to 1, more is better, so that units do not count):

- ``entropy`` (Shannon; Zeleny 1982): w_j ∝ 1 − E_j with
  E_j = −Σ_i p_ij ln p_ij / ln n, p_ij = r_ij / Σ_i r_ij (0 ln 0 = 0);
- ``critic`` (Diakoulaki, Mavrotas & Papayannakis 1995): w_j ∝ σ_j Σ_k (1 − ρ_jk),
  pymcdm's ``critic_weights``;
- ``std``: w_j ∝ σ_j, pymcdm's ``standard_deviation_weights``.

A criterion on which every eligible producer has the same value separates
no one: it gets 0 from every method. (pymcdm's own entropy refuses a 0 and
gives a column holding one the largest weight; its CRITIC is undefined on such
a column: hence the entropy here and the constant columns set apart.)

Examples
--------
>>> import selection
>>> result = objective_weights(selection.example_producers_path(), selection.example_grid_path())
>>> list(result.weights.columns)
['committee', 'entropy', 'critic', 'std']
>>> bool((result.weights.sum() - 1).abs().max() < 1e-12)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..engines import competition_ranks
from ..errors import ArgumentError
from ..grid import Grid
from ..messages import Message, msg, render
from ..results import TableResult
from ..scoring import ProblemSource, prepare
from ..validators import whole_number

__all__ = ["OBJECTIVE_METHODS", "ObjectiveWeights", "objective_weights"]

#: The objective weighting methods, in the order of the table's columns.
OBJECTIVE_METHODS = ("entropy", "critic", "std")


def _minmax(values: NDArray[np.float64], directions: NDArray[np.int_]) -> NDArray[np.float64]:
    low, high = values.min(axis=0), values.max(axis=0)
    span = high - low
    scaled = np.divide(values - low, span, out=np.zeros_like(values), where=span > 0)
    return np.asarray(np.where(directions > 0, scaled, 1.0 - scaled))


def _entropy(r: NDArray[np.float64]) -> NDArray[np.float64]:
    total = r.sum(axis=0)
    p = np.divide(r, total, out=np.zeros_like(r), where=total > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(p), 0.0)
    n = r.shape[0]
    entropy = -terms.sum(axis=0) / np.log(n)
    return np.asarray(1.0 - entropy)


def _weights(
    method: str, r: NDArray[np.float64], varying: NDArray[np.bool_]
) -> NDArray[np.float64]:
    """One method's weights (sum 1; 0 on the constant columns)."""
    from pymcdm import weights as pymcdm_weights  # imported here: pymcdm pulls in matplotlib

    out = np.zeros(r.shape[1])
    if not varying.any():
        return out
    part = r[:, varying]
    if method == "entropy":
        raw = _entropy(part)
    elif method == "critic":
        raw = (
            np.asarray(pymcdm_weights.critic_weights(part), dtype=float)
            if part.shape[1] > 1
            else np.ones(1)
        )
    else:
        raw = np.asarray(pymcdm_weights.standard_deviation_weights(part), dtype=float)
    raw = np.clip(raw, 0.0, None)
    out[varying] = raw / raw.sum() if raw.sum() > 0 else 1.0 / varying.sum()
    return out


@dataclass(frozen=True, eq=False)
class ObjectiveWeights(TableResult):
    """The committee's weights beside what the data alone would give, and what it changes.

    Attributes
    ----------
    table : DataFrame
        Criteria × (``committee``, ``entropy``, ``critic``, ``std``): weights,
        each column summing to 1.
    batteries : DataFrame
        The same, summed by battery.
    ranks : DataFrame
        Eligible producers × the same columns: ranks under each weighting (the
        grid's method).
    top : int
        The top k compared.
    overlap : Series
        For each objective method, how many of the committee's top k stay in
        its top k.
    labels : dict
        Criterion and battery key → label.
    """

    table: pd.DataFrame
    batteries: pd.DataFrame
    ranks: pd.DataFrame
    top: int
    overlap: pd.Series
    labels: dict[str, str]

    @property
    def weights(self) -> pd.DataFrame:
        """The criterion weights (the main table)."""
        return self.table

    def sentence(self) -> Message:
        """One line: where the data alone would put the weight, and what it changes."""
        committee = self.batteries["committee"]
        critic = self.batteries["critic"]
        gap = (critic - committee).abs()
        moved = str(gap.idxmax())
        return msg(
            "objective.sentence",
            "What the data alone would say: CRITIC would give {battery} {objective:.0%} of the "
            "weight (the committee {committee:.0%}); under the entropy, CRITIC and "
            "standard-deviation weights, {kept} of the committee's top {top} stay in the top "
            "{top}.",
            battery=self.labels.get(moved, moved),
            objective=float(critic[moved]),
            committee=float(committee[moved]),
            kept=msg(
                "objective.kept",
                "{entropy}, {critic} and {std}",
                **{method: int(self.overlap[method]) for method in OBJECTIVE_METHODS},
            ),
            top=self.top,
        )

    def summary(self, lang: str | None = None) -> str:
        """:meth:`sentence` in words."""
        return render(self.sentence(), lang)

    def __repr__(self) -> str:
        return (
            f"<ObjectiveWeights of {len(self.table)} criteria, {len(self.ranks)} producers, "
            f"top {self.top}>"
        )


def objective_weights(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    k: int | None = None,
) -> ObjectiveWeights:
    """Entropy, CRITIC and standard-deviation weights beside the committee's.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; or a prepared problem or a Ranking, alone.
    k : int, optional
        The top k compared; default: the grid's ``select: top``, else 10; capped
        at the number of eligible producers.

    Returns
    -------
    ObjectiveWeights

    Raises
    ------
    ArgumentError
        Fewer than two eligible producers (no spread to read weights from).
    """
    prepared = prepare(producers, grid)
    if prepared.n < 2:
        raise ArgumentError(
            msg("objective.too_few", "objective weights need producers that differ"),
            where="producers",
            expected=msg("objective.too_few_expected", "2 or more eligible producers"),
            found=str(prepared.n),
        )
    rule = prepared.grid.select
    default = rule.top if rule is not None and rule.top else 10
    top = min(whole_number(default if k is None else k, "k", low=1), prepared.n)
    values = prepared.problem.values  # noqa: PD011 (an array of the problem)
    r = _minmax(values, prepared.problem.directions)
    varying = values.min(axis=0) < values.max(axis=0)
    keys = list(prepared.matrix.keys)
    columns = {"committee": prepared.weights}
    columns |= {method: _weights(method, r, varying) for method in OBJECTIVE_METHODS}
    table = pd.DataFrame(columns, index=pd.Index(keys, name="criterion"))
    membership = prepared.grid.membership.astype(float)
    batteries = pd.DataFrame(
        membership @ table.to_numpy(),
        index=pd.Index([b.key for b in prepared.grid.batteries], name="battery"),
        columns=table.columns,
    )
    scores = prepared.engine.scores(prepared.problem, table.to_numpy().T)
    ranks = competition_ranks(scores, higher_is_better=prepared.engine.higher_is_better)
    rank_table = pd.DataFrame(ranks.T, index=prepared.ids, columns=table.columns)
    chosen = set(rank_table.index[rank_table["committee"] <= top])
    overlap = pd.Series(
        {
            method: len(chosen & set(rank_table.index[rank_table[method] <= top]))
            for method in OBJECTIVE_METHODS
        },
        name="overlap",
    )
    labels = {c.key: c.label for c in prepared.grid.criteria}
    labels |= {b.key: b.label or b.key for b in prepared.grid.batteries}
    return ObjectiveWeights(
        table=table,
        batteries=batteries,
        ranks=rank_table,
        top=top,
        overlap=overlap,
        labels=labels,
    )
