"""``selection plan [GRID PRODUCERS] --needs FILE --offers FILE [--costs FILE] [-o FILE]``.

Who supplies what to which store in which period. Without any file, the
synthetic Marseille example (its grid, producers, needs, offers and costs).
``-o plan.xlsx`` writes a workbook (a summary sheet, a sheet per store, one per
producer), ``-o plan.csv`` the deliveries, ``-o plan.html`` a self-contained
page; without ``-o``, the summary, coverage by store and the first unmet needs
are printed (``--format csv``: the deliveries as CSV).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

import pandas as pd

from ..errors import ArgumentError
from ..examples import example_marseille_paths
from ..messages import msg, render
from ..planning import Plan, plan
from ..planning.page import plan_page
from ..planning.workbook import header, write_workbook
from .common import add_inputs, add_language, write

__all__ = ["add_arguments", "run"]

#: How many unmet needs the terminal shows.
SHOWN = 15


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection plan``."""
    add_inputs(parser)
    parser.add_argument("--needs", metavar="FILE", help="the stores' needs (.csv or .xlsx)")
    parser.add_argument("--offers", metavar="FILE", help="the producers' offers (.csv or .xlsx)")
    parser.add_argument("--costs", metavar="FILE", help="transport cost per unit on each route")
    parser.add_argument(
        "--objective",
        metavar="STAGES",
        help="comma-separated order of coverage, score, cost (default: the grid's)",
    )
    parser.add_argument("--max-share", type=float, metavar="X", help="e.g. 0.7")
    parser.add_argument(
        "--fair-shortfall",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="share a shortfall out fairly first (default: the grid's)",
    )
    parser.add_argument(
        "--budget", type=float, metavar="EUROS", help="per store and period (default: the grid's)"
    )
    parser.add_argument("--time-limit", type=float, default=60.0, metavar="SECONDS")
    parser.add_argument("--format", choices=("summary", "csv"), default="summary")
    parser.add_argument("-o", "--output", help="write to .xlsx, .csv or .html instead")
    add_language(parser)


def _inputs(args: argparse.Namespace) -> dict[str, object]:
    example = example_marseille_paths()
    if args.grid is not None and args.producers is None:
        raise ArgumentError(
            msg("cli.grid_alone", "a grid without a producer table"),
            where=msg("cli.command_line", "command line"),
            expected="selection plan GRID PRODUCERS --needs FILE --offers FILE",
            found=msg("cli.only", "only {given!r}", given=args.grid),
        )
    mine = args.needs is not None or args.offers is not None
    if mine and (args.needs is None or args.offers is None):
        raise ArgumentError(
            msg("cli.plan.needs_offers", "needs without offers, or offers without needs"),
            where=msg("cli.command_line", "command line"),
            expected="--needs FILE --offers FILE",
            found="--needs" if args.needs is not None else "--offers",
            hint=msg("cli.plan.needs_offers_hint", "give both, or neither for the example"),
        )
    return {
        "producers": args.producers or example["producers"],
        "grid": args.grid or example["grid"],
        "needs": args.needs or example["needs"],
        "offers": args.offers or example["offers"],
        "costs": args.costs or (None if mine else example["costs"]),
    }


def as_text(result: Plan) -> str:
    """The summary, coverage by store and the largest unmet needs, for a terminal."""
    coverage = result.coverage("store")
    shown = pd.DataFrame(
        {
            header("needed"): coverage["needed"].map("{:,.1f}".format),
            header("met"): coverage["met"].map("{:,.1f}".format),
            header("coverage"): coverage["coverage"].map("{:.0%}".format),
        }
    )
    lines = [result.ranking.grid.name, "", result.summary(), "", shown.to_string(), ""]
    unmet = result.unmet.sort_values("unmet", ascending=False).head(SHOWN)
    if len(unmet):
        lines.append(render(msg("cli.plan.unmet", "Largest unmet needs:")))
        lines += [
            f"  {r.store} · {r.product} · {r.period}: {r.unmet:g} {r.unit} — {r.reason}"
            for r in unmet.itertuples()
        ]
    for note in result.notes:
        lines.append(f"  ({note})")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Plan, then print or write."""
    objective = (
        [s.strip() for s in args.objective.split(",") if s.strip()] if args.objective else None
    )
    result = plan(
        **_inputs(args),  # type: ignore[arg-type]
        objective=objective,
        max_share=args.max_share,
        fair_shortfall=args.fair_shortfall,
        budget=args.budget,
        time_limit=args.time_limit,
    )
    output = args.output
    if output is None:
        text = result.to_frame().to_csv(index=False) if args.format == "csv" else as_text(result)
        stdout.write(text)
        return 0
    suffix = Path(output).suffix.lower()
    if suffix == ".xlsx":
        write_workbook(result, output)
    elif suffix in (".html", ".htm"):
        write(plan_page(result), output, stdout, what="the plan page")
    elif suffix == ".csv":
        write(result.to_frame().to_csv(index=False), output, stdout, what="the deliveries")
    elif suffix == ".txt":
        write(as_text(result), output, stdout, what="the plan")
    else:
        raise ArgumentError(
            msg("cli.plan.output", "unknown output format"),
            where="-o",
            expected=".xlsx, .csv, .html or .txt",
            found=repr(Path(output).suffix or output),
        )
    return 0
