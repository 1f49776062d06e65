"""SMAA-2: how often each producer takes each rank under plausible weightings.

Stochastic multicriteria acceptability analysis (Lahdelma & Salminen 2001,
*Operations Research* 49(3):444–454). Weight vectors are drawn (uniformly on the
simplex by default), every producer is scored under each of them by the
engine's batch kernel, chunk by chunk so that memory stays bounded, and the
ranks are counted:

- rank acceptability b_i^r: the share of weightings that give producer i rank r;
- k-best acceptability: Σ_{r ≤ k} b_i^r;
- central weight vector w_i^c: the mean of the weightings that make i best;
- confidence factor p_i^c: whether i is best under its own central weights
  (the data being exact, this is 1 or 0);
- pairwise winning index c_ij: the share of weightings where i outranks j.

Each index p estimated from S samples has the Monte Carlo standard error
sqrt(p (1 − p) / S) ≤ 0.5 / sqrt(S): 0.005 for S = 10,000. Producers tied to
within 1e-12 share the best rank, as in :func:`selection.rank`.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from .. import plots
from ..engines import Method, Normalization, best_first, competition_ranks
from ..engines.ranks import TIE_TOLERANCE, holistic, tie_scale
from ..errors import ArgumentError
from ..grid import Grid, level_name
from ..messages import Message, msg, render
from ..scoring import ProblemSource
from ..validators import finite_number, whole_number
from .factors import CHUNK, Factors, Level, factors_for
from .sampling import (
    Seed,
    as_generator,
    dirichlet_around,
    ordinal_simplex,
    uniform_simplex,
    within_bounds,
)
from .tidy import tidy

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["Acceptability", "acceptability", "holistic_acceptability"]

#: Threads scoring chunks of weight vectors at once.
THREADS = 2

#: Above this many producers, pairwise winning indices are only computed on request.
PAIRWISE_LIMIT = 300


def holistic_acceptability(rank_acceptability: pd.DataFrame) -> pd.Series:
    """SMAA-2 holistic acceptability of each producer (:func:`selection.engines.ranks.holistic`).

    Examples
    --------
    >>> table = pd.DataFrame([[1.0, 0.0], [0.0, 1.0]], columns=[1, 2])
    >>> holistic_acceptability(table).tolist()
    [1.0, 0.3333333333333333]
    """
    n = max(int(rank_acceptability.columns.max()), rank_acceptability.shape[0])
    values = holistic(rank_acceptability.to_numpy(dtype=float), n)
    return pd.Series(values, index=rank_acceptability.index, name="holistic")


@dataclass(frozen=True, eq=False)
class Acceptability:
    """SMAA-2 results, labelled by producer id and factor key.

    Attributes
    ----------
    rank_acceptability : DataFrame
        Producers × ranks 1..K (K = number of producers, or `top`).
    standard_error : DataFrame
        Monte Carlo standard error of each rank acceptability index.
    central_weights : DataFrame
        Producers × factors; NA for producers that are never best.
    confidence : Series
        Confidence factor (1.0 or 0.0; NA when never best).
    pairwise : DataFrame or None
        c_ij = share of weightings where the row producer outranks the column one.
    samples : int
    level : str
    factors : list of str
    labels : dict
        Factor key → label from the grid (battery or criterion label).
    sampling : str
        How the weightings were drawn, in words (in the language in force when drawn).
    sampling_message : Message or None
        The same, as a message, to render in any language.
    """

    rank_acceptability: pd.DataFrame
    standard_error: pd.DataFrame
    central_weights: pd.DataFrame
    confidence: pd.Series
    pairwise: pd.DataFrame | None
    samples: int
    level: str
    factors: list[str]
    labels: dict[str, str]
    sampling: str
    sampling_message: Message | None = None

    def holistic(self) -> pd.Series:
        """SMAA-2 holistic acceptability of each producer (see :func:`holistic_acceptability`)."""
        return holistic_acceptability(self.rank_acceptability)

    def k_best(self, k: int) -> pd.Series:
        """Share of weightings in which each producer ranks k-th or better."""
        k = whole_number(k, "k", low=1, high=self.rank_acceptability.shape[1], where="k_best")
        return self.rank_acceptability.iloc[:, :k].sum(axis=1).rename(f"top_{k}")

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per (producer, rank) with ``acceptability`` and ``standard_error``."""
        tables = {"acceptability": self.rank_acceptability, "standard_error": self.standard_error}
        return tidy(tables, "rank")

    def summary(self, lang: str | None = None, k: int = 3) -> str:
        """A few lines: how the weightings were drawn, and who is most often first."""
        first = self.rank_acceptability.iloc[:, 0].sort_values(ascending=False, kind="stable")
        best = [
            render(
                msg("smaa.best", "{producer} ({share:.0%})", producer=str(pid), share=float(p)),
                lang,
            )
            for pid, p in first.head(k).items()
            if p > 0
        ]
        return render(
            msg(
                "smaa.summary",
                "SMAA-2 over {samples} {level} weightings ({sampling}); most often first: {best}.",
                samples=self.samples,
                level=level_name(self.level),
                sampling=self.sampling if self.sampling_message is None else self.sampling_message,
                best=", ".join(best) or "—",
            ),
            lang,
        )

    def plot(self, ax: Axes | None = None, **options: Any) -> Axes:
        """Rank acceptability as stacked bars (see :func:`selection.plots.acceptability`)."""
        return plots.acceptability(self, ax=ax, **options)

    def __repr__(self) -> str:
        n, kept = self.rank_acceptability.shape
        return (
            f"<Acceptability of {n} producers, ranks 1..{kept}, {self.samples} {self.level} "
            f"weightings ({render(self.sampling_message or self.sampling, 'en')})>"
        )


def _factor_index(context: Factors, keys: Sequence[str], where: str) -> list[int]:
    return [context.index(key, where) for key in keys]


def _sampler(
    context: Factors,
    samples: int,
    around: float | None,
    weight_samples: NDArray[np.float64] | None,
    order: Sequence[str] | None,
    bounds: Mapping[str, tuple[float, float]] | None,
    seed: Seed,
) -> Iterator[NDArray[np.float64]]:
    """Chunks of factor weight vectors."""
    k = len(context.factors)
    if weight_samples is not None and (around is not None or order or bounds):
        raise ArgumentError(
            msg(
                "sensitivity.smaa.sampler.problem",
                "weight samples given together with a way to draw them",
            ),
            where="weight_samples",
            expected=msg(
                "sensitivity.smaa.sampler.expected",
                "either weight_samples, or around / order / bounds",
            ),
            found=msg("sensitivity.smaa.sampler.found", "both"),
            hint=msg(
                "sensitivity.smaa.sampler.hint",
                "filter or draw your samples yourself, or leave weight_samples out",
            ),
        )
    if around is not None and order:
        raise ArgumentError(
            msg("sensitivity.smaa.sampler.problem.2", "`around` and `order` cannot be combined"),
            where="order",
            expected=msg(
                "sensitivity.smaa.sampler.expected.2",
                "either weights around the grid's (around=) or an importance order",
            ),
            found=msg("sensitivity.smaa.sampler.found.2", "both"),
            hint=msg(
                "sensitivity.smaa.sampler.hint.2",
                "bounds= can narrow the weights around the grid's own",
            ),
        )
    if order and len(set(order)) != len(order):
        raise ArgumentError(
            msg(
                "sensitivity.smaa.sampler.problem.3",
                "a factor appears twice in the importance order",
            ),
            where="order",
            expected=msg(
                "sensitivity.smaa.sampler.expected.3",
                "each key at most once, most important first",
            ),
            found=repr(list(order)),
        )
    if weight_samples is not None:
        given = np.asarray(weight_samples, dtype=float)
        if given.ndim != 2 or given.shape[1] != k:
            raise ArgumentError(
                msg("sensitivity.smaa.sampler.problem.4", "weight samples of the wrong shape"),
                where="weight_samples",
                expected=msg(
                    "sensitivity.smaa.sampler.expected.4",
                    "an (S, {k}) array in the grid's {level} order: {items}",
                    k=k,
                    level=level_name(context.level),
                    items=", ".join(context.factors),
                ),
                found=msg("sensitivity.smaa.sampler.found.4", "shape {shape}", shape=given.shape),
            )
        if not np.isfinite(given).all() or (given < 0).any() or (given.sum(axis=1) <= 0).any():
            raise ArgumentError(
                msg("sensitivity.smaa.sampler.problem.5", "unusable weight samples"),
                where="weight_samples",
                expected=msg(
                    "sensitivity.smaa.sampler.expected.5",
                    "finite, non-negative rows with a positive sum",
                ),
                found=msg(
                    "sensitivity.smaa.sampler.found.5", "negative, infinite or all-zero rows"
                ),
            )
        given = given / given.sum(axis=1, keepdims=True)
        for start in range(0, len(given), CHUNK):
            yield given[start : start + CHUNK]
        return
    rng = as_generator(seed)
    ranked = _factor_index(context, order, "order") if order else None

    def draw(generator: np.random.Generator, count: int) -> NDArray[np.float64]:
        if around is not None:
            return dirichlet_around(generator, count, context.weights, around)
        if ranked is not None:
            return ordinal_simplex(generator, count, ranked, k)
        return uniform_simplex(generator, count, k)

    low = np.zeros(k)
    high = np.ones(k)
    if bounds:
        for key, (lo, hi) in bounds.items():
            j = _factor_index(context, [key], "bounds")[0]
            if not 0 <= lo <= hi <= 1:
                raise ArgumentError(
                    msg("sensitivity.smaa.sampler.problem.6", "bad bounds for {key!r}", key=key),
                    where="bounds",
                    expected=msg(
                        "sensitivity.smaa.sampler.expected.6",
                        "0 ≤ low ≤ high ≤ 1 (weights are shares)",
                    ),
                    found=f"({lo}, {hi})",
                )
            low[j], high[j] = lo, hi
    for start in range(0, samples, CHUNK):
        count = min(CHUNK, samples - start)
        if bounds:
            yield within_bounds(rng, count, draw, low, high)
        else:
            yield draw(rng, count)


@dataclass(frozen=True, slots=True)
class _Tally:
    """What one chunk of weight vectors adds to the counts."""

    counts: NDArray[np.int64]
    first_weights: NDArray[np.float64]
    wins: NDArray[np.int64] | None
    size: int


def _tally(context: Factors, chunk: NDArray[np.float64], kept: int, pairwise: bool) -> _Tally:
    """Score one chunk and count ranks 1..kept, weights of the winners and pairwise wins."""
    n, k = context.n, chunk.shape[1]
    scores = context.scores(chunk)
    order, group_rank = best_first(scores, kept)
    counts = np.bincount((order * kept + group_rank - 1).ravel(), minlength=n * kept)
    sample, position = np.nonzero(group_rank == 1)
    winners = order[sample, position]
    if kept < n:
        # Producers tied with the last one kept share its rank: count them too.
        last = np.take_along_axis(scores, order[:, -1:], axis=-1)
        tied = np.abs(scores - last) <= TIE_TOLERANCE * tie_scale(scores)
        np.put_along_axis(tied, order, False, axis=-1)
        extra_sample, extra = np.nonzero(tied)
        if extra.size:
            rank_of = group_rank[extra_sample, -1]
            counts += np.bincount(extra * kept + rank_of - 1, minlength=n * kept)
            firsts = rank_of == 1
            sample = np.concatenate([sample, extra_sample[firsts]])
            winners = np.concatenate([winners, extra[firsts]])
    first_weights = np.zeros((n, k))
    for f in range(k):
        first_weights[:, f] = np.bincount(winners, weights=chunk[sample, f], minlength=n)
    wins = None
    if pairwise:
        ranks = competition_ranks(scores)
        wins = (ranks[:, :, None] < ranks[:, None, :]).sum(axis=0)
    return _Tally(counts, first_weights, wins, len(chunk))


def _in_threads(
    work: Callable[[NDArray[np.float64]], _Tally], chunks: Iterator[NDArray[np.float64]]
) -> Iterator[_Tally]:
    """`work` on each chunk, two at a time, results in chunk order.

    NumPy's sorts and matrix products release the GIL, so two threads use both
    cores of a small machine; results come back in order, so sums are the same
    whatever the threads' timing. At most four chunks are in flight. The
    matrix products are small, so BLAS is kept to one thread meanwhile (its own
    threads would only compete with ours: 0.51 s -> 0.32 s for 1,000 producers
    × 15 criteria × 10,000 weightings on two cores).
    """
    workers = min(THREADS, os.cpu_count() or 1)
    if workers < 2:
        yield from map(work, chunks)
        return
    with (
        threadpool_limits(limits=1, user_api="blas"),
        ThreadPoolExecutor(max_workers=workers) as pool,
    ):
        pending: deque[Future[_Tally]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(work, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def acceptability(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    samples: int = 10_000,
    around: float | None = None,
    weight_samples: NDArray[np.float64] | None = None,
    order: Sequence[str] | None = None,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    level: Level = "criterion",
    top: int | None = None,
    pairwise: bool | None = None,
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    seed: Seed = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Acceptability:
    """SMAA-2 rank acceptability of every eligible producer.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; or a prepared problem or a Ranking, alone.
    samples : int
        Number of weight vectors drawn (ignored with `weight_samples`).
    around : float, optional
        Draw weights from a Dirichlet distribution centred on the grid's own
        weights with this concentration: each weight's standard deviation is
        sqrt(w (1 − w) / (around + 1)), e.g. ±0.09 for w = 0.3 and around = 25.
        Default: uniform on the simplex (no preference information at all).
    weight_samples : array (S, k), optional
        Your own weight vectors, in the grid's criterion (or battery) order.
    order : sequence of str, optional
        Factors ranked by importance, most important first: only weightings
        that respect this order are drawn (uniformly among them).
    bounds : mapping, optional
        Factor key → (low, high) share of the total weight.
    level : {"criterion", "battery"}
        Vary criterion weights, or battery weights with each criterion's share
        inside its battery fixed.
    top : int, optional
        Keep ranks 1..top only (for large pools).
    pairwise : bool, optional
        Compute pairwise winning indices; default: when at most 300 producers.
    method, normalization
        Default: the grid's.
    seed : int, Generator or None
        Default 0: the same weightings at every run. None: fresh ones.
    progress : callable, optional
        Called as ``progress(done, total)`` after each chunk of weight vectors.

    Returns
    -------
    Acceptability

    Examples
    --------
    >>> import selection
    >>> from selection.sensitivity import acceptability
    >>> result = acceptability(selection.example_producers_path(),
    ...                        selection.example_grid_path(), samples=2000)
    >>> bool(np.allclose(result.rank_acceptability.sum(axis=1), 1))
    True
    """
    if weight_samples is None:
        samples = whole_number(samples, "samples", low=1)
    if around is not None:
        around = finite_number(around, "around", low=0.0)
    context = factors_for(producers, grid, level=level, method=method, normalization=normalization)
    n, k = context.n, len(context.factors)
    kept = n if top is None else min(whole_number(top, "top", low=1), n)
    if pairwise is None:
        pairwise = n <= PAIRWISE_LIMIT
    counts = np.zeros(n * kept, dtype=np.int64)
    first_weights = np.zeros((n, k))
    wins = np.zeros((n, n), dtype=np.int64) if pairwise else None
    total = 0
    expected = samples if weight_samples is None else len(weight_samples)
    chunks = _sampler(context, samples, around, weight_samples, order, bounds, seed)
    for tally in _in_threads(lambda chunk: _tally(context, chunk, kept, bool(pairwise)), chunks):
        counts += tally.counts
        first_weights += tally.first_weights
        if wins is not None and tally.wins is not None:
            wins += tally.wins
        total += tally.size
        if progress is not None:
            progress(total, expected)
    if total == 0:
        raise ArgumentError(
            msg("smaa.no_samples", "no weight samples"),
            where="weight_samples",
            expected=msg("smaa.no_samples_expected", "at least one weight vector"),
            found="0",
        )
    table = counts.reshape(n, kept) / total
    first = counts.reshape(n, kept)[:, 0]
    central = np.full((n, k), np.nan)
    best = first > 0
    central[best] = first_weights[best] / first[best, None]
    confidence = np.full(n, np.nan)
    if best.any():
        central_ranks = competition_ranks(context.scores(central[best]))
        confidence[best] = central_ranks[np.arange(best.sum()), np.flatnonzero(best)] == 1
    columns = pd.RangeIndex(1, kept + 1, name="rank")
    ids = context.ids
    sampling = _describe_sampling(weight_samples, around, order, bounds)
    return Acceptability(
        rank_acceptability=pd.DataFrame(table, index=ids, columns=columns),
        standard_error=pd.DataFrame(
            np.sqrt(table * (1 - table) / total), index=ids, columns=columns
        ),
        central_weights=pd.DataFrame(central, index=ids, columns=context.factors).astype(
            "Float64"
        ),
        confidence=pd.Series(confidence, index=ids, name="confidence").astype("Float64"),
        pairwise=None if wins is None else pd.DataFrame(wins / total, index=ids, columns=ids),
        samples=total,
        level=context.level,
        factors=context.factors,
        labels=dict(zip(context.factors, context.labels, strict=True)),
        sampling=render(sampling),
        sampling_message=sampling,
    )


def _describe_sampling(
    weight_samples: NDArray[np.float64] | None,
    around: float | None,
    order: Sequence[str] | None,
    bounds: Mapping[str, tuple[float, float]] | None,
) -> Message:
    """How the weightings were drawn, as a message."""
    if weight_samples is not None:
        return msg("sampling.given", "given weight samples")
    text = (
        msg("sampling.uniform", "uniform on the simplex")
        if around is None
        else msg(
            "sampling.around",
            "Dirichlet around the grid's weights (concentration {around:g})",
            around=around,
        )
    )
    if order:
        text = msg(
            "sampling.with_order",
            "{sampling}, importance order {order}",
            sampling=text,
            order=" ≥ ".join(order),
        )
    if bounds:
        text = msg(
            "sampling.with_bounds",
            "{sampling}, bounds {bounds}",
            sampling=text,
            bounds=[
                msg("sampling.bound", "{key} in [{low:g}, {high:g}]", key=k, low=lo, high=hi)
                for k, (lo, hi) in bounds.items()
            ],
        )
    return text
