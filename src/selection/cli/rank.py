"""``selection rank [GRID PRODUCERS]``: the ranking, on the screen or in a file."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

import pandas as pd

from ..errors import SelectionError
from ..messages import current_language, msg, render
from ..ranking import Ranking, rank
from ..validators import whole_number
from .common import (
    COLUMN_NAME,
    COLUMN_RANK,
    COLUMN_SCORE,
    add_inputs,
    add_judgments,
    add_language,
    add_output,
    add_parameters,
    add_scoring,
    add_what_ifs,
    inputs,
    labelled,
    method_parameters,
    number,
    save,
    sheet_of,
    warn_about,
    what_if_weights,
    with_count,
)

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection rank``."""
    add_inputs(parser)
    add_scoring(parser)
    add_parameters(parser)
    add_what_ifs(parser)
    add_judgments(parser)
    parser.add_argument(
        "--top", type=int, metavar="N", help=render(msg("cli.help.top", "show the N best only"))
    )
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    add_output(parser)
    add_language(parser)


def as_table(ranking: Ranking, top: int | None) -> str:
    """The ranking as a text table: rank, name, score, battery contributions; the ineligible."""
    grid = ranking.grid
    ranked = ranking.ranked if top is None else ranking.ranked.head(top)
    prepared = ranking.prepared
    shown = pd.DataFrame(index=ranked.index)
    shown[render(COLUMN_RANK)] = ranked["rank"]
    if prepared.name_column is not None:
        shown[render(COLUMN_NAME)] = [
            str(prepared.name_of(pid) or "")[:32] for pid in ranked.index
        ]
    shown[render(COLUMN_SCORE)] = [number(x, ".4f") for x in ranked["score"].astype(float)]
    rule = grid.select
    if rule is not None and rule.tiered:
        tiers = ranking.decisions().table
        shown[render(msg("cli.column.tier", "tier"))] = [
            "" if pd.isna(tiers.loc[pid, "tier"]) else str(tiers.loc[pid, "tier"])
            for pid in ranked.index
        ]
    for battery in grid.batteries:
        if battery.key in ranked.columns:
            shown[battery.label] = [number(x, "+.3f") for x in ranked[battery.key].astype(float)]
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
    if ranking.notes:
        lines += [render(note) for note in ranking.notes] + [""]
    ineligible = ranking.table[~ranking.table["eligible"]]
    if len(ineligible):
        lines.append(
            render(msg("rank.ineligible", "Not eligible ({count}):", count=len(ineligible)))
        )
        lines += ["  " + labelled(pid, reason) for pid, reason in ineligible["reason"].items()]
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


def as_csv(ranking: Ranking, top: int | None, dialect: str = "auto") -> str:
    """The ranking as CSV, as the workbook's ranking sheet (labels, names, rounded numbers)."""
    from ..exports.delimited import csv_text, table_for

    table = table_for(ranking, current_language())
    if top is not None:
        table = table.iloc[: len(ranking.ranked.head(top))]
    chosen = dialect if dialect != "auto" else ("fr" if current_language() == "fr" else "en")
    return csv_text(table, chosen).lstrip("\ufeff")  # the mark is for files, not the screen


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Rank, then print or write."""
    grid, producers = inputs(args.grid, args.producers, command="rank")
    top = None if args.top is None else whole_number(args.top, "--top", low=1)
    try:
        ranking = rank(
            producers,
            grid,
            method=args.method,
            normalization=args.normalization,
            parameters=method_parameters(args),
            weights=what_if_weights(args),
            sheet=sheet_of(args),
            judgments=args.judgments,
        )
    except SelectionError as exc:
        raise with_count(exc, grid, producers, sheet_of(args)) from None
    warn_about(ranking.prepared)
    if args.format == "csv":
        text = as_csv(ranking, top, args.dialect)
    else:
        text = {"table": as_table, "json": as_json}[args.format](ranking, top)
    save(ranking, args, stdout, text=text, inputs=(grid, producers, args.judgments))
    return 0
