"""``selection sensitivity [GRID PRODUCERS]``: SMAA-2 acceptability, stability, robustness."""

from __future__ import annotations

import argparse
import io
from typing import TextIO

import pandas as pd

from ..errors import ArgumentError
from ..grid import level_name
from ..messages import msg, render
from ..ranking import rank
from ..scoring import prepare
from ..sensitivity import (
    LEVELS,
    acceptability,
    robustness,
    tier_acceptability,
    tier_intervals,
    weight_intervals,
)
from .common import (
    COLUMN_RANK,
    ProgressBar,
    add_inputs,
    add_judgments,
    add_language,
    add_output,
    add_scoring,
    add_what_ifs,
    capped_top,
    inputs,
    labelled,
    percent,
    save,
    sheet_of,
    warn_about,
    what_if_weights,
)

__all__ = ["add_arguments", "run"]

#: The columns of the stability table: the ends of each weight's interval.
_LOW = msg("cli.column.low", "low")
_HIGH = msg("cli.column.high", "high")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection sensitivity``."""
    add_inputs(parser)
    parser.add_argument(
        "--samples",
        type=int,
        default=10_000,
        help=render(msg("cli.help.samples", "weightings drawn")),
    )
    parser.add_argument(
        "--around",
        type=float,
        metavar="CONCENTRATION",
        help=render(
            msg("cli.help.around", "draw weights around the grid's (e.g. 30) instead of uniformly")
        ),
    )
    parser.add_argument("--level", choices=LEVELS, default="criterion")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--top", type=int, default=10, metavar="N")
    add_scoring(parser, normalization=False)
    add_what_ifs(parser)
    add_judgments(parser)
    parser.add_argument(
        "--tiers",
        action="store_true",
        help=render(
            msg(
                "cli.help.sensitivity_tiers",
                "for a grid with tiers: how often each place keeps its tier, and the weight "
                "ranges that keep it",
            )
        ),
    )
    add_output(parser)
    add_language(parser)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Acceptability of the top producers, weight stability, robustness in words."""
    grid, producers = inputs(args.grid, args.producers, command="sensitivity")
    prepared = prepare(
        producers, grid, method=args.method, sheet=sheet_of(args), judgments=args.judgments
    )
    points = what_if_weights(args)
    if points is not None:
        prepared = prepared.with_grid(prepared.grid.with_weights(points))
    warn_about(prepared)
    out = io.StringIO()
    top = capped_top(args.top, prepared.n)
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
    shown[render(COLUMN_RANK)] = leaders["rank"]
    shown[render(msg("cli.column.p_first", "P(rank 1)"))] = accept.loc[leaders.index, 1].map(
        percent
    )
    shown[render(msg("cli.column.p_top", "P(top {k})", k=top))] = (
        result.k_best(top).loc[leaders.index].map(percent)
    )
    rows = accept.index.get_indexer(leaders.index)
    same_rank = accept.to_numpy()[rows, leaders["rank"].to_numpy(dtype=int) - 1]
    shown[render(msg("cli.column.p_same", "P(same rank)"))] = [percent(p) for p in same_rank]
    weighting = (
        msg("sensitivity.uniform", "uniform on the simplex")
        if args.around is None
        else msg(
            "sensitivity.around",
            "Dirichlet around the grid's weights, concentration {around:g}",
            around=args.around,
        )
    )
    out.write(
        render(
            msg(
                "sensitivity.head",
                "Rank acceptability (SMAA-2): {samples} {level} weightings drawn ({weighting}), "
                "seed {seed}; Monte Carlo error ≤ {error:.1%}.",
                samples=result.samples,
                level=level_name(args.level),
                weighting=weighting,
                seed=args.seed,
                error=0.5 / result.samples**0.5,
            )
        )
        + f"\n\n{shown.to_string()}\n\n"
    )
    stability = None
    if prepared.engine.capabilities.exact_intervals and top < prepared.n:
        stability = weight_intervals(prepared, scope="top", k=top, level=args.level)
        intervals = stability.table
        low, high = render(_LOW), render(_HIGH)
        table = pd.DataFrame(
            {
                render(msg("cli.column.weight", "weight")): intervals["weight"].map(percent),
                low: intervals["low"].map(percent),
                high: intervals["high"].map(percent),
                render(msg("cli.column.swaps", "swap at the ends")): intervals["low_swap"]
                + " / "
                + intervals["high_swap"],
            },
            index=intervals.index.rename(render(level_name(args.level))),
        )
        out.write(
            render(
                msg(
                    "sensitivity.stability",
                    "Weight stability: each {level} weight alone, the others in proportion; the "
                    "top {k} stay the same between {low} and {high}.",
                    level=level_name(args.level),
                    k=top,
                    low=low,
                    high=high,
                )
            )
            + f"\n\n{table.to_string()}\n"
        )
    words = robustness(prepared, k=top, level=args.level, seed=args.seed)
    out.write(
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
    out.write(
        "".join(
            f"  {labelled(pid, text)}\n" for pid, text in words.table["summary"].head(top).items()
        )
    )
    results: list[object] = [result] if stability is None else [result, stability]
    rule = prepared.grid.select
    if args.tiers:
        if rule is None or not rule.tiered:
            raise ArgumentError(
                msg("cli.no_tiers", "--tiers needs a grid whose `select:` has `tiers:`"),
                where="--tiers",
                expected=msg("cli.no_tiers_expected", "a grid with tiers"),
                found=msg("cli.no_tiers_found", "no tiers in {grid}", grid=prepared.grid.name),
            )
        shares = tier_acceptability(
            prepared, samples=args.samples, around=args.around, level=args.level, seed=args.seed
        )
        keeping = tier_intervals(prepared, level=args.level)
        out.write("\n" + shares.summary() + "\n\n" + keeping.summary() + "\n")
        results += [shares, keeping]
    save(results, args, stdout, text=out.getvalue(), inputs=(grid, producers), ranking=ranking)
    return 0
