"""Command-line handlers for committees, ready to be registered on ``selection``'s parser.

::

    selection committee aggregate [GRID] --members FILE [FILE ...] [--how geometric|mean|median]
                                  [-o group.yaml]
    selection committee consensus [GRID PRODUCERS] --members FILE [FILE ...] [--top N]
                                  [--how ...] [--method M] [--lang en|fr] [--format table|json]
    selection diff BEFORE AFTER [--grid GRID] [--producers PRODUCERS] [--top N] [--method M]

:func:`add_commands` registers ``committee aggregate`` and ``committee
consensus``, :func:`add_diff_command` registers ``diff``, on the sub-parsers
of the ``selection`` command. Each handler is ``run(args, stdout) -> int``, like
the other commands of :mod:`selection.cli`, and raises SelectionError
subclasses on bad input (the command turns them into exit code 2).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any, TextIO

import pandas as pd

from ..errors import SelectionError
from ..examples import example_grid_path, example_producers_path
from ..files import write_atomically
from ..grid_file import load_grid
from ..model import Grid
from ..vocabulary import Method
from .aggregation import AGGREGATIONS, aggregate, grid_member, member_shares
from .consensus import consensus
from .diff import weight_diff
from .member import Member
from .weights_file import dump_members, load_members

__all__ = [
    "add_commands",
    "add_diff_command",
    "run_aggregate",
    "run_consensus",
    "run_diff",
]

EXIT_OK = 0

_HOW_WORDS = {
    "geometric": "geometric mean of the members' shares, renormalized",
    "mean": "mean of the members' shares",
    "median": "median of the members' shares, renormalized",
}


class CommitteeUsageError(SelectionError):
    """A wrong combination of command-line arguments for a committee command."""


def _grid_and_producers(grid: str | None, producers: str | None) -> tuple[str, str]:
    if grid is None:
        return str(example_grid_path()), str(producers or example_producers_path())
    if producers is None:
        raise CommitteeUsageError(
            "a grid without a producer table",
            where="command line",
            expected="GRID PRODUCERS, or neither (the shipped example)",
            found=f"only {grid!r}",
            hint="give the producer table (.csv or .xlsx) after the grid",
        )
    return grid, producers


def _percent(share: float) -> str:
    return f"{100 * share:.0f} %"


def _spread_table(spread: pd.DataFrame) -> pd.DataFrame:
    """Shares in percent, the spread in points of percentage."""
    shown = spread.drop(columns="spread").map(_percent)
    shown["spread"] = spread["spread"].map(lambda x: f"{100 * x:.0f} pts")
    return shown


def _label_rows(grid: Grid, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (index: battery then criterion keys) with readable, indented labels."""
    batteries = {b.key: b.label for b in grid.batteries}
    criteria = {c.key: c.label for c in grid.criteria}
    names = [batteries[k] if k in batteries else f"  {criteria[k]}" for k in frame.index]
    return frame.set_axis(names, axis=0)


# -- committee aggregate --------------------------------------------------------------------


def run_aggregate(args: argparse.Namespace, stdout: TextIO) -> int:
    """``selection committee aggregate``: the group's weights, and each member's."""
    grid = load_grid(args.grid or example_grid_path())
    members = load_members(args.members, grid)
    group = aggregate(members, grid, args.how)
    table = member_shares(members, grid)
    table["group"] = list(group.battery_weights.to_numpy()) + list(group.weight_vector)
    shown = _label_rows(grid, table.map(_percent))
    summary = (
        f"{grid.name}\n"
        f"Weights of {len(members)} members and of the group ({_HOW_WORDS[args.how]}); "
        "batteries, then each criterion's share of the total.\n\n"
        f"{shown.to_string()}\n"
    )
    if args.output is None:
        stdout.write(summary)
        return EXIT_OK
    member = grid_member(group, f"Group ({args.how}, {len(members)} members)", percent=True)
    comment = (
        f"The group's weights for {grid.name}: {_HOW_WORDS[args.how]}, from\n"
        + "".join(f"  {m.name} ({m.where})\n" for m in members)
        + "Batteries, then criteria inside each battery, in percent (rounded to 0.01).\n"
        "Written by `selection committee aggregate`."
    )
    write_atomically(args.output, dump_members([member], grid, comment=comment))
    stdout.write(summary + f"\nThe group's weights are in {args.output}.\n")
    return EXIT_OK


# -- committee consensus --------------------------------------------------------------------


def _name_column(producers: pd.DataFrame) -> str | None:
    return next((c for c in ("name", "nom", "raison_sociale") if c in producers.columns), None)


def run_consensus(args: argparse.Namespace, stdout: TextIO) -> int:
    """``selection committee consensus``: agreement, disagreements, contested producers."""
    from ..table import read_table

    grid_path, producers_path = _grid_and_producers(args.grid, args.producers)
    grid = load_grid(grid_path)
    members = load_members(args.members, grid)
    table = read_table(producers_path)
    result = consensus(
        table, grid, members, k=args.top, how=args.how, method=args.method, lang=args.lang
    )
    if args.format == "json":
        stdout.write(json.dumps(_as_json(result), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    names = list(result.rankings.columns)
    lines = [
        grid.name,
        f"{len(names)} members, {len(result.rankings)} eligible producers, "
        f"top {result.k} · grid {grid.short_hash} · {args.method or grid.method.value}",
        "",
        f"Agreement between the members' rankings: Kendall's W = {result.kendall_w:.2f}, "
        f"mean weighted Spearman = {result.mean_weighted_spearman:.2f} "
        "(1 = identical rankings, 0 = unrelated).",
        "",
        f"Weights, largest disagreement first (group: {_HOW_WORDS[result.how]}):",
        "",
        _label_rows(grid, _spread_table(result.weight_spread)).to_string(),
        "",
    ]
    if result.outliers:
        lines += ["Who stands out:"]
        lines += [f"  {name}: {sentence}" for name, sentence in result.outliers.items()]
        lines.append("")
    name_column = _name_column(table)
    everything = pd.concat([result.compromise, result.rankings], axis=1)
    shown = everything[(everything <= result.k).any(axis=1)]
    if name_column is not None:
        by_id = table.set_index(table[grid.id_column].astype(str).str.strip())
        names_shown = by_id.loc[shown.index, name_column].astype(str).str.slice(0, 28)
        shown = pd.concat([names_shown.rename("name"), shown], axis=1)
    lines += [
        f"Producers in a top {result.k} (group = ranked under the group's weights; "
        "borda, copeland = compromises over the members' rankings):",
        "",
        shown.to_string(),
        "",
        f"Contested (in someone's top {result.k}, ranks far apart across members):",
    ]
    for producer, spread in result.contested.head(result.k).items():
        ranks = result.rankings.loc[str(producer)].to_numpy(dtype=int)
        lines.append(
            f"  {producer}: rank {ranks.min()} to {ranks.max()} (spread {int(spread)}); "
            + ", ".join(f"{name} {r}" for name, r in zip(names, ranks, strict=True))
        )
    stdout.write("\n".join(lines) + "\n")
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


# -- diff -----------------------------------------------------------------------------------


def _one_set(path: str, grid: Grid) -> Member:
    members = load_members(path, grid)
    if len(members) == 1:
        return members[0]
    return grid_member(aggregate(members, grid), f"group of {path}", source=path)


def run_diff(args: argparse.Namespace, stdout: TextIO) -> int:
    """``selection diff``: who moves between two weights files, and why."""
    grid_path, producers_path = _grid_and_producers(args.grid, args.producers)
    grid = load_grid(grid_path)
    before, after = _one_set(args.before, grid), _one_set(args.after, grid)
    diff = weight_diff(producers_path, grid, before, after, k=args.top, method=args.method)
    changes = diff.weights.copy()
    changed = changes[changes["change"].abs() >= 0.0005]
    shown = pd.DataFrame(
        {
            "before": changed["before"].map(_percent),
            "after": changed["after"].map(_percent),
            "change": changed["change"].map(lambda x: f"{100 * x:+.0f} pts"),
        },
        index=changed.index,
    )
    lines = [
        f"{grid.name}: {before.name} → {after.name}",
        "",
        "Weights that change:" if len(shown) else "The weights are the same.",
    ]
    if len(shown):
        lines += ["", _label_rows(grid, shown).to_string()]
    moves = diff.moves[diff.moves["in_top"]]
    lines += [
        "",
        f"Who moves, among the top {diff.k} under either weights:"
        if len(moves)
        else f"Nobody in the top {diff.k} moves.",
    ]
    for producer, row in moves.iterrows():
        arrow = "up" if row["change"] > 0 else "down"
        lines.append(
            f"  {producer}: rank {row['before']} → {row['after']} ({arrow} "
            f"{abs(int(row['change']))})" + (f": {row['reason']}" if row["reason"] else "")
        )
    stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


# -- registration ---------------------------------------------------------------------------


def _method_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--method", choices=[m.value for m in Method], help="default: the grid's method"
    )


def add_commands(subparsers: Any) -> None:
    """Register ``committee aggregate`` and ``committee consensus`` on `subparsers`.

    Parameters
    ----------
    subparsers
        What ``ArgumentParser.add_subparsers()`` returned.

    Examples
    --------
    >>> import argparse, io
    >>> parser = argparse.ArgumentParser(prog="selection")
    >>> add_commands(parser.add_subparsers(dest="command", required=True))
    >>> args = parser.parse_args(["committee", "aggregate", "--members",
    ...                           "criteria/members/gesra.yaml", "criteria/members/vrac.yaml"])
    >>> args.run.__name__, args.how
    ('run_aggregate', 'geometric')
    """
    committee = subparsers.add_parser(
        "committee", help="committee members' weights: aggregate them, see where they agree"
    )
    commands = committee.add_subparsers(dest="committee_command", required=True, metavar="COMMAND")

    aggregates = commands.add_parser(
        "aggregate", help="combine the members' weights into the group's weights"
    )
    aggregates.add_argument("grid", nargs="?", help="grid file (default: the shipped example)")
    aggregates.add_argument(
        "--members", nargs="+", required=True, metavar="FILE", help="weights files"
    )
    aggregates.add_argument("--how", choices=AGGREGATIONS, default="geometric")
    aggregates.add_argument("-o", "--output", help="write the group's weights as a weights file")
    aggregates.set_defaults(run=run_aggregate)

    consensuses = commands.add_parser(
        "consensus", help="where the members agree, and which producers it changes"
    )
    consensuses.add_argument("grid", nargs="?", help="grid file (.yaml)")
    consensuses.add_argument("producers", nargs="?", help="producer table (.csv or .xlsx)")
    consensuses.add_argument(
        "--members", nargs="+", required=True, metavar="FILE", help="weights files"
    )
    consensuses.add_argument("--top", type=int, default=10, metavar="N", help="top N that matters")
    consensuses.add_argument("--how", choices=AGGREGATIONS, default="geometric")
    _method_option(consensuses)
    consensuses.add_argument("--lang", choices=("en", "fr"), default="en")
    consensuses.add_argument("--format", choices=("table", "json"), default="table")
    consensuses.set_defaults(run=run_consensus)


def add_diff_command(subparsers: Any) -> None:
    """Register ``diff BEFORE AFTER`` (two weights files) on `subparsers`."""
    diffs = subparsers.add_parser(
        "diff", help="who moves between two weights files on the same producers, and why"
    )
    diffs.add_argument("before", help="weights file (several members: their geometric mean)")
    diffs.add_argument("after", help="weights file")
    diffs.add_argument("--grid", help="grid file (default: the shipped example)")
    diffs.add_argument("--producers", help="producer table")
    diffs.add_argument("--top", type=int, default=10, metavar="N")
    _method_option(diffs)
    diffs.set_defaults(run=run_diff)


def _main(argv: Sequence[str], stdout: TextIO) -> int:
    """Run a committee command alone (for tests, until the ``selection`` command has them)."""
    parser = argparse.ArgumentParser(prog="selection")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_commands(subparsers)
    add_diff_command(subparsers)
    args = parser.parse_args(list(argv))
    code: int = args.run(args, stdout)
    return code
