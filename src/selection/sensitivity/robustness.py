"""A robustness summary in words, producer by producer.

Two views are combined. *Plausible weightings* are drawn around the grid's own
weights (SMAA-2 with a Dirichlet centred on them, concentration 30 by default:
a battery weighted 35 % varies by about ±8 points): how often does the
producer keep its rank, how often is it in the top k? *One weight at a time*
(each battery's or criterion's weight moved alone, the others in proportion,
on a fine line from 0 to 1): between which values of its most sensitive weight
does it stay in the top k, or what would bring it in?

Example sentence: "rank 3 in 41 % of plausible weightings (top 10 in 96 %);
stays in the top 10 while Accessibilité's weight is between 12 % and 41 % (now
35 %)."
"""

from __future__ import annotations

from os import PathLike

import numpy as np
import pandas as pd

from ..model import Grid
from ..table import Producers, read_table
from ..vocabulary import Method, Normalization
from .acceptability import acceptability, competition_ranks, whole_number
from .context import Level, prepare
from .lines import weight_lines
from .sampling import Seed

__all__ = ["robustness"]


def robustness(
    producers: Producers,
    grid: Grid | str | PathLike[str],
    k: int = 10,
    *,
    samples: int = 5000,
    around: float = 30.0,
    level: Level = "battery",
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    seed: Seed = 0,
) -> pd.DataFrame:
    """How robust each eligible producer's place is, in numbers and in words.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`.
    k : int
        The size of the selection that matters (the top k).
    samples, around, seed
        Plausible weightings: Dirichlet around the grid's weights with this
        concentration (see :func:`selection.sensitivity.acceptability`).
    level : {"battery", "criterion"}
        Which weights are varied.
    method, normalization
        Default: the grid's.

    Returns
    -------
    DataFrame
        Indexed by producer id, best first: ``rank``, ``same_rank`` (share of
        plausible weightings giving that rank), ``in_top`` (share in the top
        k), ``weight`` (the most sensitive one), ``low`` / ``high`` (the range
        of that weight over which it stays in the top k, or, for producers
        outside it, the nearest range that brings it in; NA if none),
        ``current`` (that weight now), and ``summary`` (a sentence).

    Examples
    --------
    >>> import selection
    >>> table = robustness(selection.example_producers_path(), selection.example_grid_path(),
    ...                    k=5, samples=1000)
    >>> print(table["summary"].iloc[0])  # doctest: +ELLIPSIS
    rank 1 in ...% of plausible weightings (top 5 in ...%); ...
    """
    table = read_table(producers)
    context = prepare(table, grid, method, normalization, level)
    n = context.n
    k = whole_number(k, "k", 1, n)
    plausible = acceptability(
        table,
        context.grid,
        samples=samples,
        around=around,
        level=level,
        method=method,
        normalization=normalization,
        seed=seed,
        pairwise=False,
    )
    current = competition_ranks(context.scores(context.weights[None, :]))[0]
    ids = context.ids
    same = plausible.rank_acceptability.to_numpy()[np.arange(n), current - 1]
    in_top = plausible.k_best(k).to_numpy()

    lines = weight_lines(context)
    rows = []
    for i in range(n):
        best = lines.most_sensitive(lines.ranks[:, :, i] <= k, now_inside=bool(current[i] <= k))
        head = (
            f"rank {current[i]} in {same[i]:.0%} of plausible weightings "
            f"(top {k} in {in_top[i]:.0%})"
        )
        if best is None:
            f, low, high = -1, np.nan, np.nan
            tail = (
                f"no single {level} weight keeps it in the top {k}"
                if current[i] <= k
                else f"no single {level} weight brings it into the top {k}"
            )
        else:
            f, low, high = best
            label = context.labels[f]
            now_text = f"(now {context.weights[f]:.0%})"
            if current[i] <= k and low == 0 and high == 1:
                tail = f"stays in the top {k} whatever the weight of any single {level}"
            elif current[i] <= k:
                tail = (
                    f"stays in the top {k} while {label}'s weight is between "
                    f"{low:.0%} and {high:.0%} {now_text}"
                )
            else:
                tail = (
                    f"would enter the top {k} with {label}'s weight between "
                    f"{low:.0%} and {high:.0%} {now_text}"
                )
        rows.append(
            {
                "rank": int(current[i]),
                "same_rank": float(same[i]),
                "in_top": float(in_top[i]),
                "weight": context.factors[f] if f >= 0 else "",
                "low": low,
                "high": high,
                "current": float(context.weights[f]) if f >= 0 else np.nan,
                "summary": f"{head}; {tail}.",
            }
        )
    frame = pd.DataFrame(rows, index=ids).sort_values("rank", kind="stable")
    frame.attrs.update(k=k, level=level, around=around, samples=plausible.samples)
    return frame
