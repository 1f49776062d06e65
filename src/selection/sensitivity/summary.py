"""A robustness summary in words, producer by producer.

Two views are combined. *Plausible weightings* are drawn around the grid's own
weights (SMAA-2 with a Dirichlet centred on them, concentration 30 by default:
a battery weighted 35 % varies by about ±8 points): how often does the
producer keep its rank, how often is it in the top k? *One weight at a time*
(each battery's or criterion's weight moved alone, the others in proportion,
on a fine line from 0 to 1): between which values of its most sensitive weight
does it stay in the top k, or what would bring it in?

Example sentence: "rank 3 in 41 % of plausible weightings (top 10 in 96 %);
stays in the top 10 while the weight of Accessibilité is between 12 % and 41 % (now
35 %)."
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .. import plots
from ..engines import Method, Normalization, competition_ranks
from ..grid import Grid
from ..messages import Message, labelled, msg, render
from ..results import TableResult
from ..scoring import ProblemSource
from ..validators import whole_number
from .factors import Level, factors_for
from .lines import weight_lines
from .sampling import Seed
from .smaa import acceptability

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["Robustness", "robustness", "robustness_sentence"]


def robustness_sentence(
    *,
    rank: int,
    same: float,
    k: int,
    in_top: float,
    level: str,
    label: str | None,
    low: float,
    high: float,
    now: float,
) -> Message:
    """The robustness of one producer as a message (see the module docstring).

    Examples
    --------
    >>> robustness_sentence(rank=3, same=0.41, k=10, in_top=0.96, level="battery",
    ...                     label="Accessibilité", low=0.12, high=0.41, now=0.35).render("en")
    'rank 3 in 41% of plausible weightings (top 10 in 96%); stays in the top 10 while \
the weight of Accessibilité is between 12% and 41% (now 35%).'
    """
    inside = rank <= k
    head = msg(
        "robustness.head",
        "rank {rank} in {same:.0%} of plausible weightings (top {k} in {in_top:.0%})",
        rank=rank,
        same=same,
        k=k,
        in_top=in_top,
    )
    battery = level == "battery"
    if label is None:
        if inside:
            tail = (
                msg(
                    "robustness.none_keeps_battery",
                    "no single battery weight keeps it in the top {k}",
                    k=k,
                )
                if battery
                else msg(
                    "robustness.none_keeps_criterion",
                    "no single criterion weight keeps it in the top {k}",
                    k=k,
                )
            )
        else:
            tail = (
                msg(
                    "robustness.none_brings_battery",
                    "no single battery weight brings it into the top {k}",
                    k=k,
                )
                if battery
                else msg(
                    "robustness.none_brings_criterion",
                    "no single criterion weight brings it into the top {k}",
                    k=k,
                )
            )
    elif inside and low <= 0 and high >= 1:
        tail = (
            msg(
                "robustness.whatever_battery",
                "stays in the top {k} whatever the weight of any single battery",
                k=k,
            )
            if battery
            else msg(
                "robustness.whatever_criterion",
                "stays in the top {k} whatever the weight of any single criterion",
                k=k,
            )
        )
    elif inside:
        tail = msg(
            "robustness.stays",
            "stays in the top {k} while the weight of {label} is between {low:.0%} and {high:.0%} "
            "(now {now:.0%})",
            k=k,
            label=label,
            low=low,
            high=high,
            now=now,
        )
    else:
        tail = msg(
            "robustness.enters",
            "would enter the top {k} with the weight of {label} between {low:.0%} and {high:.0%} "
            "(now {now:.0%})",
            k=k,
            label=label,
            low=low,
            high=high,
            now=now,
        )
    return msg("robustness.sentence", "{head}; {tail}.", head=head, tail=tail)


@dataclass(frozen=True, eq=False)
class Robustness(TableResult):
    """How robust each eligible producer's place is, in numbers and in words.

    Attributes
    ----------
    table : DataFrame
        Indexed by producer id, best first: ``rank``, ``same_rank`` (share of
        plausible weightings giving that rank), ``in_top`` (share in the top
        k), ``weight`` (the most sensitive one), ``low`` / ``high`` (the range
        of that weight over which it stays in the top k, or, for producers
        outside it, the nearest range that brings it in; NaN if none),
        ``current`` (that weight now), and ``summary`` (the sentence, in the
        language of the call).
    sentences : Series
        The same sentences as messages, to render in any language.
    k : int
    level : str
    around : float
        Concentration of the plausible weightings around the grid's.
    samples : int
    """

    table: pd.DataFrame
    sentences: pd.Series
    k: int
    level: str
    around: float
    samples: int

    def sentence(self, producer: object, lang: str | None = None) -> str:
        """The robustness of one producer, in words."""
        return render(self.sentences[str(producer)], lang)

    def summary(self, lang: str | None = None) -> str:
        """One line per producer of the top k: its robustness in words."""
        head = self.sentences.head(self.k)
        return "\n".join(render(labelled(pid, m), lang) for pid, m in head.items())

    def plot(self, ax: Axes | None = None, **options: Any) -> Axes:
        """Each producer's share of plausible weightings in the top k, as bars."""
        return plots.robustness(self, ax=ax, **options)

    def __repr__(self) -> str:
        return (
            f"<Robustness of {len(self.table)} producers for the top {self.k} "
            f"({self.level} weights, {self.samples} plausible weightings)>"
        )


def robustness(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    k: int = 10,
    samples: int = 5000,
    around: float = 30.0,
    level: Level = "criterion",
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    seed: Seed = 0,
    lang: str | None = None,
) -> Robustness:
    """How robust each eligible producer's place is, in numbers and in words.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; or a prepared problem or a Ranking, alone.
    k : int
        The size of the selection that matters (the top k); capped at the
        number of eligible producers.
    samples, around, seed
        Plausible weightings: Dirichlet around the grid's weights with this
        concentration (see :func:`selection.sensitivity.acceptability`).
    level : {"criterion", "battery"}
        Which weights are varied.
    method, normalization
        Default: the grid's.
    lang : str, optional
        Language of the ``summary`` column (default: the language rule).

    Returns
    -------
    Robustness

    Examples
    --------
    >>> import selection
    >>> result = robustness(selection.example_producers_path(), selection.example_grid_path(),
    ...                     k=5, samples=1000, level="battery")
    >>> print(result.sentence(result.table.index[0], "en"))  # doctest: +ELLIPSIS
    rank 1 in ...% of plausible weightings (top 5 in ...%); ...
    """
    context = factors_for(producers, grid, level=level, method=method, normalization=normalization)
    n = context.n
    k = min(whole_number(k, "k", low=1), n)
    plausible = acceptability(
        context.prepared,
        samples=samples,
        around=around,
        level=context.level,
        seed=seed,
        pairwise=False,
    )
    current = competition_ranks(context.scores(context.weights[None, :]))[0]
    ids = context.ids
    same = plausible.rank_acceptability.to_numpy()[np.arange(n), current - 1]
    in_top = plausible.k_best(k).to_numpy()

    lines = weight_lines(context)
    rows = []
    messages = []
    for i in range(n):
        best = lines.most_sensitive(lines.ranks[:, :, i] <= k, now_inside=bool(current[i] <= k))
        f, low, high = (-1, np.nan, np.nan) if best is None else best
        messages.append(
            robustness_sentence(
                rank=int(current[i]),
                same=float(same[i]),
                k=k,
                in_top=float(in_top[i]),
                level=context.level,
                label=context.labels[f] if f >= 0 else None,
                low=float(low),
                high=float(high),
                now=float(context.weights[f]) if f >= 0 else float("nan"),
            )
        )
        rows.append(
            {
                "rank": int(current[i]),
                "same_rank": float(same[i]),
                "in_top": float(in_top[i]),
                "weight": context.keys[f] if f >= 0 else "",
                "low": low,
                "high": high,
                "current": float(context.weights[f]) if f >= 0 else np.nan,
            }
        )
    frame = pd.DataFrame(rows, index=ids)
    sentences = pd.Series(messages, index=ids, name="sentence", dtype=object)
    order = frame.sort_values("rank", kind="stable").index
    frame, sentences = frame.loc[order], sentences.loc[order]
    frame["summary"] = [render(m, lang) for m in sentences]
    frame.attrs.update(k=k, level=context.level, around=around, samples=plausible.samples)
    return Robustness(
        table=frame,
        sentences=sentences,
        k=k,
        level=context.level,
        around=around,
        samples=plausible.samples,
    )
