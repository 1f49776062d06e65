"""``selection import agencebio``: a registry's operators as a producer table (French CSV).

::

    selection import agencebio FILE.json -o producteurs.csv [--keep-suspended]
    selection import agencebio --fetch --departements 69,01,38,42 -o producteurs.csv
                               [--api-url URL] [--save-json reponse.json] [--keep-suspended]

The table is written in the French dialect (``;``, decimal comma, UTF-8 with BOM); then a
summary says what was read and what to look at: operators whose organic certificate is not
in force (left out unless ``--keep-suspended``: then kept, flagged), operators without
coordinates, operators that do not produce themselves. ``.xlsx`` output is not written yet.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from ..errors import ArgumentError
from ..files import write_atomically
from ..messages import msg, render
from ..registries import (
    URL_VARIABLE,
    agencebio_producers,
    agencebio_url,
    fetch_agencebio,
    read_agencebio,
)
from ..registries.agencebio_api import departements_list
from .common import ProgressBar, add_language

__all__ = ["add_arguments", "run"]

#: The registries this command reads.
REGISTRIES = ("agencebio",)

#: Output suffixes this command does not write yet.
_NOT_YET = (".xlsx", ".xlsm", ".xls", ".ods")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection import``."""
    parser.add_argument(
        "registry",
        choices=REGISTRIES,
        help=render(msg("agencebio.cli.registry", "the registry: agencebio (Agence Bio)")),
    )
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE.json",
        help=render(
            msg("agencebio.cli.file", "a saved answer of the API (.json); or use --fetch")
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        help=render(msg("agencebio.cli.output", "the producer table to write (.csv)")),
    )
    parser.add_argument(
        "--fetch",
        action="store_true",
        help=render(msg("agencebio.cli.fetch", "ask the API itself (the machine must be online)")),
    )
    parser.add_argument(
        "--departements",
        metavar="CODES",
        help=render(
            msg("agencebio.cli.departements", "with --fetch: département codes, e.g. 69,01,38,42")
        ),
    )
    parser.add_argument(
        "--api-url",
        metavar="URL",
        help=render(
            msg(
                "agencebio.cli.api_url",
                "with --fetch: the API's address (default: ${variable}, else {url})",
                variable=URL_VARIABLE,
                url=agencebio_url(""),
            )
        ),
    )
    parser.add_argument(
        "--save-json",
        metavar="FILE",
        help=render(
            msg("agencebio.cli.save_json", "with --fetch: also save the API's answer (.json)")
        ),
    )
    parser.add_argument(
        "--keep-suspended",
        action="store_true",
        help=render(
            msg(
                "agencebio.cli.keep_suspended",
                "keep operators whose organic certificate is suspended or stopped, flagged "
                "(default: leave them out, and list them)",
            )
        ),
    )
    add_language(parser)


def _usage_error(
    problem: str, expected: str, found: str, hint: str | None = None
) -> ArgumentError:
    return ArgumentError(
        problem,
        where=render(msg("cli.command_line", "command line")),
        expected=expected,
        found=found,
        hint=hint,
    )


def _check(args: argparse.Namespace) -> None:
    """Refuse contradictory or incomplete options, before any work."""
    usage = render(
        msg(
            "agencebio.cli.usage",
            "selection import agencebio FILE.json -o OUT.csv, or selection import agencebio "
            "--fetch --departements 69,01 -o OUT.csv",
        )
    )
    if args.file is None and not args.fetch:
        raise _usage_error(
            render(msg("agencebio.cli.nothing", "nothing to import")),
            usage,
            render(msg("agencebio.cli.no_source", "neither a file nor --fetch")),
        )
    if args.file is not None and args.fetch:
        raise _usage_error(
            render(msg("agencebio.cli.both", "a file and --fetch: which one?")),
            usage,
            render(msg("agencebio.cli.found_both", "{file!r} and --fetch", file=args.file)),
            render(msg("agencebio.cli.both_hint", "give the file, or --fetch, not both")),
        )
    if args.fetch and not args.departements:
        raise _usage_error(
            render(msg("agencebio.cli.no_departements", "--fetch without --departements")),
            usage,
            render(msg("agencebio.cli.found_fetch_alone", "--fetch alone")),
            render(
                msg(
                    "agencebio.cli.departements_hint",
                    "say which départements to fetch, e.g. --departements 69,01,38,42",
                )
            ),
        )
    if not args.fetch:
        for option, value in (
            ("--departements", args.departements),
            ("--api-url", args.api_url),
            ("--save-json", args.save_json),
        ):
            if value is not None:
                raise _usage_error(
                    render(
                        msg(
                            "agencebio.cli.fetch_only", "{option} goes with --fetch", option=option
                        )
                    ),
                    usage,
                    f"{option} {value}",
                    render(msg("agencebio.cli.fetch_only_hint", "add --fetch, or leave it out")),
                )
    if Path(args.output).suffix.lower() in _NOT_YET:
        raise _usage_error(
            render(msg("agencebio.cli.xlsx", "spreadsheet files are not written yet")),
            render(msg("agencebio.cli.csv_expected", "a .csv file (it opens in spreadsheets)")),
            args.output,
            render(
                msg(
                    "agencebio.cli.xlsx_hint",
                    "write {name}, then open it and save it as .xlsx",
                    name=str(Path(args.output).with_suffix(".csv")),
                )
            ),
        )


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Read or fetch, write the table, print the summary."""
    _check(args)
    if args.fetch:
        codes = departements_list(args.departements)
        bar = ProgressBar(render(msg("agencebio.cli.fetching", "Fetching from Agence Bio")))
        try:
            response = fetch_agencebio(codes, api_url=args.api_url, progress=bar)
        finally:
            bar.close()
        source = render(
            msg(
                "agencebio.cli.source",
                "{url} (départements {codes})",
                url=agencebio_url(args.api_url),
                codes=",".join(codes),
            )
        )
        if args.save_json is not None:
            write_atomically(
                args.save_json,
                json.dumps(response, ensure_ascii=False, indent=1) + "\n",
                what=render(msg("agencebio.cli.what_json", "the API's answer")),
                inputs=[args.output],
            )
        imported = agencebio_producers(response, source=source, keep_suspended=args.keep_suspended)
        inputs = [args.save_json]
    else:
        imported = read_agencebio(args.file, keep_suspended=args.keep_suspended)
        inputs = [args.file]
    written = imported.write(args.output, inputs=inputs)
    stdout.write(imported.summary() + "\n")
    stdout.write(
        render(
            msg(
                "agencebio.cli.written",
                "Producer table written: {path} ({count:d} rows).",
                path=str(written),
                count=len(imported.producers),
            )
        )
        + "\n"
    )
    return 0
