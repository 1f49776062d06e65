"""``selection rank [GRID PRODUCERS]``: the ranking, on the screen or in a file."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

import pandas as pd

from ..messages import msg, render
from ..ranking import Ranking, rank
from ..validators import whole_number
from .common import add_inputs, add_language, add_scoring, inputs, write

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection rank``."""
    add_inputs(parser)
    add_scoring(parser)
    parser.add_argument("--top", type=int, metavar="N", help="show the N best only")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument("-o", "--output", help="write to this file instead of the screen")
    add_language(parser)


def as_table(ranking: Ranking, top: int | None) -> str:
    """The ranking as a text table: rank, name, score, battery contributions; the ineligible."""
    grid = ranking.grid
    ranked = ranking.ranked if top is None else ranking.ranked.head(top)
    prepared = ranking.prepared
    shown = pd.DataFrame(index=ranked.index)
    shown["rank"] = ranked["rank"]
    if prepared.name_column is not None:
        shown["name"] = [str(prepared.name_of(pid) or "")[:32] for pid in ranked.index]
    shown["score"] = ranked["score"].astype(float).map("{:.4f}".format)
    for battery in grid.batteries:
        if battery.key in ranked.columns:
            shown[battery.label] = ranked[battery.key].astype(float).map("{:+.3f}".format)
    lines = [
        f"{grid.name}",
        render(
            msg(
                "rank.provenance",
                "grid {hash} · {method} · {normalization} normalization · selection {version}",
                hash=grid.short_hash,
                method=ranking.method,
                normalization=ranking.normalization,
                version=ranking.version,
            )
        ),
    ]
    if ranking.baseline is not None:
        lines.append(
            render(
                msg(
                    "rank.baseline",
                    "score = {baseline:g} + battery contributions (columns after the score)",
                    baseline=ranking.baseline,
                )
            )
        )
    lines += ["", shown.to_string(), ""]
    ineligible = ranking.table[~ranking.table["eligible"]]
    if len(ineligible):
        lines.append(
            render(msg("rank.ineligible", "Not eligible ({count}):", count=len(ineligible)))
        )
        lines += [f"  {pid}: {reason}" for pid, reason in ineligible["reason"].items()]
    return "\n".join(lines) + "\n"


def _limited(ranking: Ranking, top: int | None) -> pd.DataFrame:
    table = ranking.table
    if top is not None:
        table = pd.concat([ranking.ranked.head(top), table[~table["eligible"]]])
    return table


def as_json(ranking: Ranking, top: int | None) -> str:
    """The ranking as JSON: provenance, then one record per producer."""
    records = json.loads(
        _limited(ranking, top).reset_index().to_json(orient="records", force_ascii=False)
    )
    document = {"provenance": ranking.provenance(), "producers": records}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def as_csv(ranking: Ranking, top: int | None) -> str:
    """The ranking as CSV."""
    return str(_limited(ranking, top).to_csv())


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Rank, then print or write."""
    grid, producers = inputs(args.grid, args.producers, command="rank")
    top = None if args.top is None else whole_number(args.top, "--top", low=1)
    ranking = rank(producers, grid, method=args.method, normalization=args.normalization)
    render_as = {"table": as_table, "csv": as_csv, "json": as_json}[args.format]
    write(render_as(ranking, top), args.output, stdout)
    return 0
