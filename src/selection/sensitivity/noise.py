"""Uncertainty in the data: how ranks move when the table's numbers are only approximate.

Each numeric cell (measured values such as a price index, a volume or a
distance) is varied uniformly within ± the given noise, relative (``x (1 + U(−a,
a))``) or absolute (``x + U(−a, a)``), independently per producer and sample;
words and yes/no answers (``levels``, ``boolean``) are kept as they are unless
a noise is given for them. The weights are the grid's. Eligibility is decided
on the table as written. Every sample is normalized again, since most
normalizations depend on the data; a weighted sum or TOPSIS scores the whole
(samples × producers × criteria) block at once, other methods one sample at a time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from .. import plots
from ..engines import Method, Normalization, competition_ranks
from ..engines.normalization import normalize
from ..grid import Grid
from ..messages import msg, msgn, render
from ..scoring import ProblemSource
from ..validators import finite_number, one_of, whole_number
from .factors import CHUNK, factors_for
from .sampling import Seed, as_generator

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["Perturbation", "perturb"]


@dataclass(frozen=True, eq=False)
class Perturbation:
    """Rank distributions under noisy data.

    Attributes
    ----------
    rank_acceptability : DataFrame
        Producers × ranks 1..n: the share of samples giving each rank.
    rank : Series
        Each producer's rank on the table as written.
    stays : Series
        Share of samples in which the producer keeps its rank on the table as written.
    confidence : Series
        Share of samples in which the producer is best.
    rank_range : DataFrame
        5th and 95th percentile of each producer's rank (``low``, ``high``).
    noise : Series
        The noise applied per criterion.
    samples : int
    relative : bool
    """

    rank_acceptability: pd.DataFrame
    rank: pd.Series
    stays: pd.Series
    confidence: pd.Series
    rank_range: pd.DataFrame
    noise: pd.Series
    samples: int
    relative: bool

    def to_frame(self) -> pd.DataFrame:
        """One row per producer: ``rank``, ``stays``, ``confidence``, ``low``, ``high``."""
        frame = pd.concat([self.rank, self.stays, self.confidence, self.rank_range], axis=1)
        return frame.sort_values("rank", kind="stable")

    def summary(self, lang: str | None = None) -> str:
        """How many producers keep their rank in most noisy samples."""
        threshold = 0.9
        steady = int((self.stays >= threshold).sum())
        return render(
            msgn(
                "perturb.summary",
                "Under noise on the data ({samples} samples), {steady} of {count} producer keeps "
                "its rank in at least {threshold:.0%} of the samples.",
                "Under noise on the data ({samples} samples), {steady} of {count} producers keep "
                "their rank in at least {threshold:.0%} of the samples.",
                count=len(self.stays),
                samples=self.samples,
                steady=steady,
                threshold=threshold,
            ),
            lang,
        )

    def plot(self, ax: Axes | None = None, **options: Any) -> Axes:
        """Each producer's rank range under noise (see :func:`selection.plots.perturbation`)."""
        return plots.perturbation(self, ax=ax, **options)

    def __repr__(self) -> str:
        kind = "relative" if self.relative else "absolute"
        return (
            f"<Perturbation of {len(self.rank)} producers, {self.samples} samples, {kind} noise>"
        )


def _noise_vector(grid: Grid, noise: float | Mapping[str, float]) -> NDArray[np.float64]:
    keys = grid.keys
    measured = np.array([c.kind.nature.numeric for c in grid.criteria])
    if isinstance(noise, Mapping):
        out = np.zeros(len(keys))
        for key, value in noise.items():
            chosen = one_of(key, "noise", keys, what=msg("what.criterion", "criterion"))
            out[keys.index(chosen)] = _half_width(value)
    else:
        out = np.where(measured, _half_width(noise), 0.0)
    return out


def _half_width(value: object) -> float:
    return finite_number(
        value,
        "noise",
        low=0.0,
        problem=msg("perturb.bad_noise", "noise must be finite and non-negative"),
        expected=msg("perturb.noise_expected", "e.g. 0.1 (±10 %) or {{'price': 0.05}}"),
    )


def perturb(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    noise: float | Mapping[str, float] = 0.1,
    samples: int = 1000,
    relative: bool = True,
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    seed: Seed = 0,
) -> Perturbation:
    """Rank distributions when the data are only known to within `noise`.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; or a prepared problem or a Ranking, alone.
    noise : float or mapping
        Half-width of the uniform noise: one number for every numeric or
        distance criterion, or criterion key → noise (any kind).
    samples : int
    relative : bool
        Noise as a share of each value (default) or in the criterion's unit.
    method, normalization
        Default: the grid's.
    seed : int, Generator or None

    Examples
    --------
    >>> import selection
    >>> result = perturb(selection.example_producers_path(), selection.example_grid_path(),
    ...                  noise=0.05, samples=200, seed=0)
    >>> bool(np.allclose(result.rank_acceptability.sum(axis=1), 1))
    True
    """
    context = factors_for(
        producers, grid, level="criterion", method=method, normalization=normalization
    )
    samples = whole_number(samples, "samples", low=1)
    half_width = _noise_vector(context.grid, noise)
    rng = as_generator(seed)
    problem = context.problem
    weights = context.grid.weight_vector
    engine = context.engine
    how = None if engine.default_normalization is None else problem.normalization
    keys = context.grid.keys
    raw = problem.values  # noqa: PD011 (a numpy array, not a pandas object)
    base = competition_ranks(context.criterion_scores(weights[None, :]))[0]
    n = context.n
    counts = np.zeros((n, n), dtype=np.int64)
    all_ranks = []
    for start in range(0, samples, CHUNK):
        size = min(CHUNK, samples - start)
        draws = rng.uniform(-1.0, 1.0, (size, *raw.shape)) * half_width
        noisy = raw * (1 + draws) if relative else raw + draws
        stacked_scores = getattr(engine, "stacked_scores", None)
        if how is not None and engine.capabilities.stacked and stacked_scores is not None:
            normalized = np.stack(
                [normalize(x, problem.directions, problem.bounds, how, keys) for x in noisy]
            )
            scores = stacked_scores(normalized, weights)
        else:
            scores = np.vstack(
                [
                    engine.scores(
                        dataclasses.replace(
                            problem,
                            values=x,
                            normalized=x
                            if how is None
                            else normalize(x, problem.directions, problem.bounds, how, keys),
                        ),
                        weights[None, :],
                    )
                    for x in noisy
                ]
            )
        ranks = competition_ranks(scores, higher_is_better=engine.higher_is_better)
        counts += np.stack([np.bincount(ranks[:, i] - 1, minlength=n) for i in range(n)])
        all_ranks.append(ranks)
    stacked = np.concatenate(all_ranks)
    ids = context.ids
    columns = pd.RangeIndex(1, n + 1, name="rank")
    return Perturbation(
        rank_acceptability=pd.DataFrame(counts / samples, index=ids, columns=columns),
        rank=pd.Series(base, index=ids, name="rank"),
        stays=pd.Series((stacked == base).mean(axis=0), index=ids, name="stays"),
        confidence=pd.Series((stacked == 1).mean(axis=0), index=ids, name="confidence"),
        rank_range=pd.DataFrame(
            {
                "low": np.percentile(stacked, 5, axis=0, method="lower"),
                "high": np.percentile(stacked, 95, axis=0, method="higher"),
            },
            index=ids,
        ),
        noise=pd.Series(half_width, index=context.grid.keys, name="noise"),
        samples=samples,
        relative=relative,
    )
