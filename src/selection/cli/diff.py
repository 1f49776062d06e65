"""``selection diff [GRID PRODUCERS] BEFORE AFTER``: who moves between two weights files."""

from __future__ import annotations

import argparse
from typing import TextIO

import pandas as pd

from ..committee import Member, aggregate, load_members
from ..committee.aggregation import grid_member
from ..decisions import diff
from ..errors import ArgumentError
from ..grid import Grid
from ..messages import msg, render
from ..ranking import rank
from ..scoring import prepare
from .committee import label_rows, percent, points
from .common import add_language, add_scoring, capped_top, inputs, labelled

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection diff``."""
    parser.add_argument(
        "words",
        nargs="+",
        metavar="[GRID PRODUCERS] BEFORE AFTER",
        help=render(
            msg(
                "cli.help.diff_words",
                "two weights files (several members in one: their geometric mean), after the "
                "grid and the producer table (default: the shipped example)",
            )
        ),
    )
    parser.add_argument("--top", type=int, default=10, metavar="N")
    add_scoring(parser, normalization=False)
    add_language(parser)
    # The form of earlier versions: refused with a hint.
    parser.add_argument("--grid", help=argparse.SUPPRESS)
    parser.add_argument("--producers", help=argparse.SUPPRESS)


def _one_set(path: str, grid: Grid) -> Member:
    members = load_members(path, grid)
    if len(members) == 1:
        return members[0]
    name = render(msg("diff.group_of", "group of {path}", path=path))
    return grid_member(aggregate(members, grid), name, source=path)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Rank under both sets of weights and compare."""
    if args.grid is not None or args.producers is not None:
        raise ArgumentError(
            msg("cli.old_form", "--grid and --producers are gone"),
            where=msg("cli.command_line", "command line"),
            expected=msg("cli.diff.run.expected", "selection diff GRID PRODUCERS BEFORE AFTER"),
            found=msg("cli.diff.run.found", "--grid / --producers"),
            hint=msg(
                "cli.diff_old_form_hint",
                "give the grid and the producer table first, positionally: "
                "selection diff {grid} {producers} BEFORE AFTER",
                grid=args.grid or "GRID",
                producers=args.producers or "PRODUCERS",
            ),
        )
    if len(args.words) not in (2, 4):
        raise ArgumentError(
            msg("cli.diff_words", "expected two weights files, after a grid and a table or alone"),
            where=msg("cli.command_line", "command line"),
            expected=msg(
                "cli.diff.run.expected.2", "selection diff [GRID PRODUCERS] BEFORE AFTER"
            ),
            found=" ".join(args.words),
        )
    grid_path, producers_path = inputs(
        *(args.words[:2] if len(args.words) == 4 else (None, None)), command="diff"
    )
    before_path, after_path = args.words[-2:]
    prepared = prepare(producers_path, grid_path, method=args.method)
    grid = prepared.grid
    before, after = _one_set(before_path, grid), _one_set(after_path, grid)
    k = capped_top(args.top, prepared.n)
    change = diff(
        rank(prepared, weights=before.grid(grid)), rank(prepared, weights=after.grid(grid)), k=k
    )
    shares = change.shares
    changed = shares[shares["change"].abs() >= 0.0005]
    shown = pd.DataFrame(
        {
            render(msg("cli.column.before", "before")): changed["old"].map(percent),
            render(msg("cli.column.after", "after")): changed["new"].map(percent),
            render(msg("cli.column.change", "change")): changed["change"].map(
                lambda x: points(x, signed=True)
            ),
        },
        index=changed.index,
    )
    lines = [
        labelled(grid.name, f"{before.name} → {after.name}"),
        "",
        render(msg("diff.weights_change", "Weights that change:"))
        if len(shown)
        else render(msg("diff.weights_same", "The weights are the same.")),
    ]
    if len(shown):
        lines += ["", label_rows(grid, shown).to_string()]
    moves = change.moves[(change.moves["change"] != 0) & change.moves["in_selection"]]
    lines += [
        "",
        render(
            msg("diff.who_moves", "Who moves, among the top {k} under either weights:", k=k)
            if len(moves)
            else msg("diff.nobody", "Nobody in the top {k} moves.", k=k)
        ),
    ]
    for producer, row in moves.iterrows():
        moved = int(row["change"])
        values = {
            "before": int(row["old_rank"]),
            "after": int(row["new_rank"]),
            "places": abs(moved),
        }
        line = (
            msg("diff.up", "rank {before} → {after} (up {places})", **values)
            if moved > 0
            else msg("diff.down", "rank {before} → {after} (down {places})", **values)
        )
        said = labelled(line, row["reason"]) if row["reason"] else render(line)
        lines.append(f"  {labelled(producer, said)}")
    tiers = change.tier_changes
    if tiers is not None:
        lines += [
            "",
            render(
                msg("diff.who_changes_tier", "Who changes tier:")
                if len(tiers)
                else msg("diff.no_tier_change", "Nobody changes tier.")
            ),
        ]
        for producer, row in tiers.iterrows():
            line = msg(
                "diff.tier_line",
                "{old} → {new} (score {old_score:.3f} → {new_score:.3f})",
                old=str(row["old_tier"]),
                new=str(row["new_tier"]),
                old_score=float(row["old_score"]),
                new_score=float(row["new_score"]),
            )
            lines.append(f"  {labelled(producer, line)}")
    stdout.write("\n".join(lines) + "\n")
    return 0
