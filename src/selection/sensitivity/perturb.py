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

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..engines import Problem
from ..errors import SelectionError, did_you_mean
from ..model import Grid
from ..normalization import normalize
from ..table import Producers
from ..vocabulary import Method, Normalization
from .acceptability import competition_ranks, whole_number
from .context import CHUNK, prepare
from .sampling import Seed, as_generator

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


def _noise_vector(grid: Grid, noise: float | Mapping[str, float]) -> NDArray[np.float64]:
    keys = grid.keys
    measured = np.array([c.kind.name in ("numeric", "distance") for c in grid.criteria])
    if isinstance(noise, Mapping):
        out = np.zeros(len(keys))
        for key, value in noise.items():
            if key not in keys:
                raise SelectionError(
                    f"unknown criterion {key!r}",
                    where="noise",
                    expected="criterion keys: " + ", ".join(keys),
                    found=repr(key),
                    hint=did_you_mean(key, keys),
                )
            out[keys.index(key)] = float(value)
    else:
        out = np.where(measured, float(noise), 0.0)
    if not np.isfinite(out).all() or (out < 0).any():
        raise SelectionError(
            "noise must be finite and non-negative",
            where="noise",
            expected="e.g. 0.1 (±10 %) or {'price': 0.05}",
            found=repr(noise),
        )
    return out


def _batch_scores(
    method: Method,
    normalized: NDArray[np.float64],
    weights: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Scores (S, n) of S normalized matrices (S, n, m) under one weight vector."""
    if method is Method.WSM:
        return np.asarray(normalized @ weights)
    ideal = normalized.max(axis=1, keepdims=True)
    anti = normalized.min(axis=1, keepdims=True)
    squared = weights**2
    d_plus = np.sqrt(((normalized - ideal) ** 2) @ squared)
    d_minus = np.sqrt(((normalized - anti) ** 2) @ squared)
    total = d_plus + d_minus
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, d_minus / total, 0.5)


def perturb(
    producers: Producers,
    grid: Grid | str | PathLike[str],
    noise: float | Mapping[str, float] = 0.1,
    samples: int = 1000,
    *,
    relative: bool = True,
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    seed: Seed = None,
) -> Perturbation:
    """Rank distributions when the data are only known to within `noise`.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`.
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
    context = prepare(producers, grid, method, normalization, "criterion")
    samples = whole_number(samples, "samples", 1, sys.maxsize)
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
        if how is not None and engine.method in (Method.WSM, Method.TOPSIS):
            normalized = np.stack(
                [normalize(x, problem.directions, problem.bounds, how, keys) for x in noisy]
            )
            scores = _batch_scores(engine.method, normalized, weights)
        else:
            scores = np.vstack(
                [
                    engine.scores(
                        Problem(
                            values=x,
                            normalized=x
                            if how is None
                            else normalize(x, problem.directions, problem.bounds, how, keys),
                            directions=problem.directions,
                            bounds=problem.bounds,
                            normalization=problem.normalization,
                        ),
                        weights[None, :],
                    )
                    for x in noisy
                ]
            )
        oriented = scores if engine.higher_is_better else -scores
        ranks = competition_ranks(oriented)
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
