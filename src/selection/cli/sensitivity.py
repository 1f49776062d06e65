"""``selection sensitivity [GRID PRODUCERS]``: SMAA-2 acceptability, stability, robustness."""

from __future__ import annotations

import argparse
from typing import TextIO

import pandas as pd

from ..messages import msg, render
from ..ranking import rank
from ..scoring import prepare
from ..sensitivity import LEVELS, acceptability, robustness, weight_intervals
from ..validators import whole_number
from .common import ProgressBar, add_inputs, add_language, add_scoring, inputs

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection sensitivity``."""
    add_inputs(parser)
    parser.add_argument("--samples", type=int, default=10_000, help="weightings drawn")
    parser.add_argument(
        "--around",
        type=float,
        metavar="CONCENTRATION",
        help="draw weights around the grid's (e.g. 30) instead of uniformly",
    )
    parser.add_argument("--level", choices=LEVELS, default="criterion")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--top", type=int, default=10, metavar="N")
    add_scoring(parser, normalization=False)
    add_language(parser)


def _percent(share: float) -> str:
    return render(msg("share.0", "{share:.0%}", share=float(share)))


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Acceptability of the top producers, weight stability, robustness in words."""
    grid, producers = inputs(args.grid, args.producers, command="sensitivity")
    prepared = prepare(producers, grid, method=args.method)
    top = min(whole_number(args.top, "--top", low=1), max(prepared.n, 1))
    bar = ProgressBar(render(msg("sensitivity.progress", "weightings")))
    try:
        result = acceptability(
            prepared,
            samples=args.samples,
            around=args.around,
            level=args.level,
            seed=args.seed,
            progress=bar,
        )
    finally:
        bar.close()
    ranking = rank(prepared)
    leaders = ranking.ranked.head(top)
    accept = result.rank_acceptability
    shown = pd.DataFrame(index=leaders.index)
    shown["rank"] = leaders["rank"]
    shown["P(rank 1)"] = accept.loc[leaders.index, 1].map(_percent)
    shown[f"P(top {top})"] = result.k_best(top).loc[leaders.index].map(_percent)
    rows = accept.index.get_indexer(leaders.index)
    same_rank = accept.to_numpy()[rows, leaders["rank"].to_numpy(dtype=int) - 1]
    shown["P(same rank)"] = [_percent(p) for p in same_rank]
    weighting = (
        msg("sensitivity.uniform", "uniform on the simplex")
        if args.around is None
        else msg(
            "sensitivity.around",
            "Dirichlet around the grid's weights, concentration {around:g}",
            around=args.around,
        )
    )
    stdout.write(
        render(
            msg(
                "sensitivity.head",
                "Rank acceptability (SMAA-2): {samples} {level} weightings drawn ({weighting}), "
                "seed {seed}; Monte Carlo error ≤ {error:.1%}.",
                samples=result.samples,
                level=args.level,
                weighting=weighting,
                seed=args.seed,
                error=0.5 / result.samples**0.5,
            )
        )
        + f"\n\n{shown.to_string()}\n\n"
    )
    if prepared.engine.capabilities.exact_intervals and top < prepared.n:
        intervals = weight_intervals(prepared, scope="top", k=top, level=args.level).table
        table = intervals[["weight", "low", "high"]].map(lambda v: _percent(v))
        table["swap at the ends"] = intervals["low_swap"] + " / " + intervals["high_swap"]
        stdout.write(
            render(
                msg(
                    "sensitivity.stability",
                    "Weight stability: each {level} weight alone, the others in proportion; the "
                    "top {k} stay the same between low and high.",
                    level=args.level,
                    k=top,
                )
            )
            + f"\n\n{table.to_string()}\n"
        )
    words = robustness(prepared, k=top, level=args.level, seed=args.seed)
    stdout.write(
        "\n"
        + render(
            msg(
                "sensitivity.words",
                "In words (plausible weightings: drawn around the grid's own, concentration "
                "{around:g}):",
                around=words.around,
            )
        )
        + "\n"
    )
    stdout.write(
        "".join(f"  {pid}: {text}\n" for pid, text in words.table["summary"].head(top).items())
    )
    return 0
