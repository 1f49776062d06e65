"""``selection committee aggregate|consensus``: the members' weights, combined and compared.

::

    selection committee aggregate [GRID] --members FILE [FILE ...] [--how geometric|mean|median]
                                  [-o group.yaml]
    selection committee consensus [GRID PRODUCERS] --members FILE [FILE ...] [--top N]
                                  [--how ...] [--method M] [--lang en|fr] [--format table|json]
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

import numpy as np
import pandas as pd

from ..committee import (
    AGGREGATIONS,
    aggregate,
    anonymised,
    consensus,
    dump_members,
    load_members,
    wants_anonymity,
)
from ..committee.aggregation import grid_member, member_shares
from ..examples import example_grid_path
from ..files import write_atomically
from ..grid import Grid, load_grid
from ..messages import msg, msgn, render
from ..ranking import rank
from ..scoring import prepare
from .common import (
    COLUMN_NAME,
    add_anonymous,
    add_inputs,
    add_judgments,
    add_language,
    add_members,
    add_output,
    add_scoring,
    capped_top,
    inputs,
    labelled,
    reclaim_inputs,
    save,
    sheet_of,
)
from .common import percent as _percent

__all__ = ["add_arguments", "label_rows", "percent", "run", "run_aggregate", "run_consensus"]

EXIT_OK = 0

_HOW_WORDS = {
    "geometric": msg("how.geometric", "geometric mean of the members' shares, renormalized"),
    "mean": msg("how.mean", "mean of the members' shares"),
    "median": msg("how.median", "median of the members' shares, renormalized"),
}


#: The group's column in the tables of weights.
GROUP = msg("cli.column.group", "group")


def percent(share: float) -> str:
    """A share as a percentage, in the current language."""
    return _percent(share)


def points(share: float, *, signed: bool = False) -> str:
    """A difference of shares in points of percentage: ``12 pts`` (``+12 pts`` if `signed`)."""
    value = 100 * float(share)
    count = abs(round(value))
    if signed:
        return render(
            msgn("points", "{value:+.0f} pt", "{value:+.0f} pts", count=count, value=value)
        )
    return render(
        msgn("points.unsigned", "{value:.0f} pt", "{value:.0f} pts", count=count, value=value)
    )


#: Above this many members, tables show distributions instead of a column per member.
COLUMN_MEMBERS = 8


def _distribution(values: pd.DataFrame) -> pd.DataFrame:
    """Per row, the lowest, the quartiles and the highest of the members' columns."""
    quantiles = values.astype(float).quantile([0.0, 0.25, 0.5, 0.75, 1.0], axis=1).T
    names = [
        render(msg("cli.column.lowest", "lowest")),
        render(msg("cli.column.q1", "1st quartile")),
        render(msg("cli.column.median", "median")),
        render(msg("cli.column.q3", "3rd quartile")),
        render(msg("cli.column.highest", "highest")),
    ]
    return quantiles.set_axis(names, axis=1)


def _spread_table(spread: pd.DataFrame) -> pd.DataFrame:
    """Shares in percent, the spread in points of percentage.

    With more than :data:`COLUMN_MEMBERS` members, their distribution (quartiles)
    stands for the members' columns.
    """
    members = spread.drop(columns=["spread", "group"])
    if members.shape[1] > COLUMN_MEMBERS:
        spread = pd.concat([_distribution(members), spread[["group", "spread"]]], axis=1)
    shown = spread.drop(columns="spread").map(percent)
    shown = shown.rename(columns={"group": render(GROUP)})
    shown[render(msg("cli.column.spread", "spread"))] = spread["spread"].map(points)
    return shown


def label_rows(grid: Grid, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (index: battery then criterion keys) with readable, indented labels."""
    batteries = {b.key: b.label for b in grid.batteries}
    criteria = {c.key: c.label for c in grid.criteria}
    names = [batteries[k] if k in batteries else f"  {criteria[k]}" for k in frame.index]
    return frame.set_axis(names, axis=0)


# -- committee aggregate --------------------------------------------------------------------


def run_aggregate(args: argparse.Namespace, stdout: TextIO) -> int:
    """``selection committee aggregate``: the group's weights, and each member's."""
    reclaim_inputs(args)
    grid = load_grid(args.grid or example_grid_path())
    members = load_members(args.members, grid)
    if wants_anonymity(members, anonymous=args.anonymous):
        members = anonymised(members)
    group = aggregate(members, grid, args.how)
    table = member_shares(members, grid)
    if table.shape[1] > COLUMN_MEMBERS:
        table = _distribution(table)
    table[render(GROUP)] = list(group.battery_weights.to_numpy()) + list(group.weight_vector)
    shown = label_rows(grid, table.map(percent))
    heading = msgn(
        "aggregate.heading",
        "Weights of {count} member and of the group ({how}); batteries, then each "
        "criterion's share of the total.",
        "Weights of {count} members and of the group ({how}); batteries, then each "
        "criterion's share of the total.",
        count=len(members),
        how=_HOW_WORDS[args.how],
    )
    summary = f"{grid.name}\n{render(heading)}\n\n{shown.to_string()}\n"
    if args.output is None:
        stdout.write(summary)
        return EXIT_OK
    name = msgn(
        "aggregate.group_name",
        "Group ({how}, {count} member)",
        "Group ({how}, {count} members)",
        count=len(members),
        how=args.how,
    )
    member = grid_member(group, render(name), percent=True)
    comment = (
        render(
            msg(
                "aggregate.comment_head",
                "The group's weights for {grid}: {how}, from",
                grid=grid.name,
                how=_HOW_WORDS[args.how],
            )
        )
        + "\n"
        + "".join(f"  {m.name} ({m.where})\n" for m in members)
        + render(
            msg(
                "aggregate.comment_tail",
                "Batteries, then criteria inside each battery, in percent (rounded to {step:g}).",
                step=0.01,
            )
        )
        + "\n"
        + render(msg("aggregate.written_by", "Written by `selection committee aggregate`."))
    )
    write_atomically(
        args.output,
        dump_members([member], grid, comment=comment),
        inputs=(args.grid, *args.members),
    )
    stdout.write(
        summary
        + "\n"
        + render(msg("aggregate.written", "The group's weights are in {path}.", path=args.output))
        + "\n"
    )
    return EXIT_OK


# -- committee consensus --------------------------------------------------------------------


def run_consensus(args: argparse.Namespace, stdout: TextIO) -> int:
    """``selection committee consensus``: agreement, disagreements, contested producers."""
    reclaim_inputs(args)
    grid_path, producers_path = inputs(args.grid, args.producers, command="committee consensus")
    prepared = prepare(
        producers_path,
        grid_path,
        method=args.method,
        sheet=sheet_of(args),
        judgments=args.judgments,
    )
    grid = prepared.grid
    members = load_members(args.members, grid)
    if wants_anonymity(members, anonymous=args.anonymous):
        members = anonymised(members)
    k = capped_top(args.top, prepared.n)
    result = consensus(prepared, members=members, k=k, how=args.how)
    sources = (grid_path, producers_path, *args.members)
    if args.format == "json":
        text = json.dumps(_as_json(result), ensure_ascii=False, indent=2) + "\n"
        save(result, args, stdout, text=text, inputs=sources, ranking=rank(prepared))
        return EXIT_OK
    names = list(result.rankings.columns)
    lines = [
        grid.name,
        render(
            msg(
                "consensus.head",
                "{members} members, {producers} eligible producers, top {k} · grid {hash} · "
                "{method}",
                members=len(names),
                producers=len(result.rankings),
                k=result.k,
                hash=grid.short_hash,
                method=prepared.method,
            )
        ),
        "",
        render(
            msg(
                "consensus.agreement",
                "Agreement between the members' rankings: Kendall's W = {w:.2f}, mean weighted "
                "Spearman = {r:.2f} (1 = identical rankings, 0 = unrelated).",
                w=result.kendall_w,
                r=result.mean_weighted_spearman,
            )
        ),
        "",
        render(
            msg(
                "consensus.weights",
                "Weights, largest disagreement first (group: {how}):",
                how=_HOW_WORDS[result.how],
            )
        ),
        "",
        label_rows(grid, _spread_table(result.weight_spread)).to_string(),
        "",
    ]
    if result.outliers:
        lines += [render(msg("consensus.outliers", "Who stands out:"))]
        lines += [f"  {labelled(name, sentence)}" for name, sentence in result.outliers.items()]
        lines.append("")
    everything = pd.concat([result.compromise, result.rankings], axis=1)
    shown = everything[(everything <= result.k).any(axis=1)]
    if result.rankings.shape[1] > COLUMN_MEMBERS:
        quartiles = _distribution(result.rankings.loc[shown.index]).round().astype(int)
        shown = pd.concat([result.compromise.loc[shown.index], quartiles], axis=1)
    if prepared.name_column is not None:
        names_shown = pd.Series(
            [str(prepared.name_of(pid) or "")[:28] for pid in shown.index],
            index=shown.index,
            name=render(COLUMN_NAME),
        )
        shown = pd.concat([names_shown, shown], axis=1)
    shown = shown.rename(columns={"group": render(GROUP)})
    lines += [
        render(
            msg(
                "consensus.table",
                "Producers in a top {k} (group = ranked under the group's weights; borda, "
                "copeland = compromises over the members' rankings):",
                k=result.k,
            )
        ),
        "",
        shown.to_string(),
        "",
        render(
            msg(
                "consensus.contested",
                "Contested (in someone's top {k}, ranks far apart across members):",
                k=result.k,
            )
        ),
    ]
    for producer, spread in result.contested.head(result.k).items():
        ranks = result.rankings.loc[str(producer)].to_numpy(dtype=int)
        line = msg(
            "consensus.contested_line",
            "rank {low} to {high} (spread {spread}); {ranks}",
            low=int(ranks.min()),
            high=int(ranks.max()),
            spread=int(spread),
            ranks=", ".join(f"{name} {r}" for name, r in zip(names, ranks, strict=True))
            if len(names) <= COLUMN_MEMBERS
            else render(
                msg("consensus.median_rank", "median rank {median}", median=int(np.median(ranks)))
            ),
        )
        lines.append(f"  {labelled(producer, line)}")
    save(
        result,
        args,
        stdout,
        text="\n".join(lines) + "\n",
        inputs=sources,
        ranking=rank(prepared),
    )
    return EXIT_OK


def _as_json(result: Any) -> dict[str, Any]:
    return {
        "kendall_w": result.kendall_w,
        "mean_weighted_spearman": result.mean_weighted_spearman,
        "how": result.how,
        "k": result.k,
        "weights": json.loads(result.weight_spread.to_json(orient="index")),
        "rankings": json.loads(result.rankings.to_json(orient="index")),
        "compromise": json.loads(result.compromise.to_json(orient="index")),
        "contested": json.loads(result.contested.to_json()),
        "outliers": result.outliers,
        "labels": result.labels,
        "group_grid_hash": result.group.hash,
    }


# -- registration ---------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``committee aggregate`` and ``committee consensus``.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="selection committee")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(["aggregate", "--members",
    ...                           "criteria/members/gesra.yaml", "criteria/members/vrac.yaml"])
    >>> args.run.__name__, args.how
    ('run_aggregate', 'geometric')
    """
    commands = parser.add_subparsers(dest="committee_command", required=True, metavar="COMMAND")
    aggregates = commands.add_parser(
        "aggregate",
        help=render(
            msg("cli.help.aggregate", "combine the members' weights into the group's weights")
        ),
    )
    aggregates.add_argument(
        "grid",
        nargs="?",
        help=render(msg("cli.help.grid_only", "grid file (default: the shipped example)")),
    )
    add_members(aggregates, required=True)
    add_anonymous(aggregates)
    aggregates.add_argument("--how", choices=AGGREGATIONS, default="geometric")
    aggregates.add_argument(
        "-o",
        "--output",
        help=render(
            msg("cli.help.aggregate_output", "write the group's weights as a weights file")
        ),
    )
    add_language(aggregates)
    aggregates.set_defaults(run=run_aggregate)

    consensuses = commands.add_parser(
        "consensus",
        help=render(
            msg("cli.help.consensus", "where the members agree, and which producers it changes")
        ),
    )
    add_inputs(consensuses)
    add_members(consensuses, required=True)
    add_anonymous(consensuses)
    add_judgments(consensuses)
    consensuses.add_argument(
        "--top",
        type=int,
        default=10,
        metavar="N",
        help=render(msg("cli.help.consensus_top", "top N that matters")),
    )
    consensuses.add_argument("--how", choices=AGGREGATIONS, default="geometric")
    add_scoring(consensuses, normalization=False)
    consensuses.add_argument("--format", choices=("table", "json"), default="table")
    add_output(consensuses)
    add_language(consensuses)
    consensuses.set_defaults(run=run_consensus)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Run the committee command chosen."""
    code: int = args.run(args, stdout)
    return code
