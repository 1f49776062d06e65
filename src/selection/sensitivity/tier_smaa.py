"""SMAA for tiers: the share of plausible weightings that put each producer in each tier.

The weightings are drawn as by :func:`~selection.sensitivity.acceptability`
(uniform on the simplex, around the grid's weights, under an importance order,
within bounds, or given: the same draws for the same seed). Each chunk of S
weightings is scored by the engine's batch kernel, every (S, n) score compared
with every threshold at once (:func:`~selection.scoring.tier_bands`: one
comparison per threshold), and the bands counted with one ``bincount``: no loop
over the weightings. Each share p estimated from S weightings has the Monte
Carlo standard error sqrt(p (1 − p) / S) ≤ 0.5 / sqrt(S).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..engines import Method, Normalization
from ..errors import ArgumentError
from ..grid import Grid, level_name
from ..messages import Message, labelled, msg, render
from ..scoring import ProblemSource, tier_bands
from ..validators import finite_number, whole_number
from .factors import Level, factors_for
from .sampling import Seed
from .smaa import _describe_sampling, _sampler
from .tidy import tidy
from .tiers import check_rule, cuts_of, tier_names

__all__ = ["TierAcceptability", "tier_acceptability"]


@dataclass(frozen=True, eq=False)
class TierAcceptability:
    """The share of plausible weightings that put each eligible producer in each tier.

    Attributes
    ----------
    table : DataFrame
        Producers (rows, in the ranking's order) × tiers (columns, best first,
        then ``not approved`` when the grid has no open tier); rows sum to 1.
    standard_error : DataFrame
        Monte Carlo standard error of each share, sqrt(p (1 − p) / S).
    now : Series
        Each producer's tier at the grid's weights.
    samples : int
    level : str
    factors : list of str
    labels : dict
        Factor key → label in the grid.
    sampling : str
        How the weightings were drawn, in words.
    sampling_message : Message or None
        The same, as a message.
    """

    table: pd.DataFrame
    standard_error: pd.DataFrame
    now: pd.Series
    samples: int
    level: str
    factors: list[str]
    labels: dict[str, str]
    sampling: str
    sampling_message: Message | None = None

    def approved(self) -> pd.Series:
        """The share of weightings in which each producer is approved (a tier with a threshold)."""
        approving = self.table.columns[:-1]
        return self.table[approving].sum(axis=1).rename("approved")

    def most_likely(self) -> pd.Series:
        """Each producer's most frequent tier."""
        return self.table.idxmax(axis=1).rename("tier")

    def keeps(self) -> pd.Series:
        """The share of weightings in which each producer keeps its current tier."""
        values = self.table.to_numpy()
        columns = self.table.columns.get_indexer(pd.Index(self.now.to_numpy()))
        return pd.Series(
            values[np.arange(len(values)), columns], index=self.table.index, name="keeps"
        )

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per (producer, tier) with ``share`` and ``standard_error``."""
        return tidy({"share": self.table, "standard_error": self.standard_error}, "tier")

    def summary(self, lang: str | None = None, k: int = 5) -> str:
        """How the weightings were drawn; the `k` producers least sure of their tier."""
        keeps = self.keeps().sort_values(kind="stable")
        unsure = keeps[keeps < 1.0].head(k)
        lines = [
            render(
                msg(
                    "tier_smaa.summary",
                    "Tiers over {samples} {level} weightings ({sampling}); {count} producers "
                    "keep their tier in every one.",
                    samples=self.samples,
                    level=level_name(self.level),
                    sampling=self.sampling_message or self.sampling,
                    count=int((keeps >= 1.0).sum()),
                ),
                lang,
            )
        ]
        for pid, share in unsure.items():
            lines.append(
                "- "
                + render(
                    labelled(
                        str(pid),
                        msg(
                            "tier_smaa.line",
                            "{tier} now, in {share:.0%} of the weightings",
                            tier=str(self.now.loc[str(pid)]),
                            share=float(share),
                        ),
                    ),
                    lang,
                )
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        n, tiers = self.table.shape
        return (
            f"<TierAcceptability of {n} producers in {tiers} tiers, {self.samples} "
            f"{self.level} weightings>"
        )


def tier_acceptability(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    samples: int = 10_000,
    around: float | None = None,
    weight_samples: NDArray[np.float64] | None = None,
    order: Sequence[str] | None = None,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    level: Level = "criterion",
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    seed: Seed = 0,
    progress: Callable[[int, int], None] | None = None,
) -> TierAcceptability:
    """The share of plausible weightings that put each eligible producer in each tier.

    The weightings are drawn as by :func:`~selection.sensitivity.acceptability`
    (same parameters, same draws for the same seed); each chunk is scored by the
    engine's batch kernel and every score compared with every threshold at once.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; the grid needs ``select: {tiers: ...}``.
    samples, around, weight_samples, order, bounds, level, method, normalization, seed, progress
        As for :func:`~selection.sensitivity.acceptability`.

    Returns
    -------
    TierAcceptability

    Raises
    ------
    GridError
        A grid without tiers, or tiers of the other direction than the method's.

    Examples
    --------
    >>> import dataclasses, selection
    >>> grid = selection.load_grid(selection.example_grid_path())
    >>> rule = selection.SelectionRule(tiers=(selection.grid.Tier("A", min_score=0.7),
    ...                                       selection.grid.Tier("B")))
    >>> result = tier_acceptability(selection.example_producers_path(),
    ...                             dataclasses.replace(grid, select=rule), samples=500)
    >>> bool(np.allclose(result.table.sum(axis=1), 1)), list(result.table.columns)
    (True, ['A', 'B'])
    """
    if weight_samples is None:
        samples = whole_number(samples, "samples", low=1)
    if around is not None:
        around = finite_number(around, "around", low=0.0)
    context = factors_for(
        producers, grid, level=level, method=method, normalization=normalization, least=1
    )
    rule = check_rule(context)
    cuts = cuts_of(context, rule)
    names = tier_names(rule)
    n, bands = context.n, len(names)
    counts = np.zeros(n * bands, dtype=np.int64)
    offsets = np.arange(n) * bands
    total = 0
    expected = samples if weight_samples is None else len(weight_samples)
    for chunk in _sampler(context, samples, around, weight_samples, order, bounds, seed):
        band = tier_bands(context.scores(chunk), cuts)  # (S, n)
        counts += np.bincount((band + offsets).ravel(), minlength=n * bands)
        total += len(chunk)
        if progress is not None:
            progress(total, expected)
    if total == 0:
        raise ArgumentError(
            msg("smaa.no_samples", "no weight samples"),
            where="weight_samples",
            expected=msg("smaa.no_samples_expected", "at least one weight vector"),
            found="0",
        )
    shares = counts.reshape(n, bands) / total
    columns = pd.Index(names, name="tier")
    now = tier_bands(context.scores(context.weights[None, :])[0], cuts)
    sampling = _describe_sampling(weight_samples, around, order, bounds)
    return TierAcceptability(
        table=pd.DataFrame(shares, index=context.ids, columns=columns),
        standard_error=pd.DataFrame(
            np.sqrt(shares * (1 - shares) / total), index=context.ids, columns=columns
        ),
        now=pd.Series([names[b] for b in now.tolist()], index=context.ids, name="tier"),
        samples=total,
        level=context.level,
        factors=context.factors,
        labels=dict(zip(context.factors, context.labels, strict=True)),
        sampling=render(sampling),
        sampling_message=sampling,
    )
