"""``selection offers ofn|cagette FILE [-o offers.csv]``: offers from a platform's catalogue.

``ofn``: an Open Food Network (CoopCircuits) product import; ``--producers
TABLE`` gives the ids of the producer table to the producers it names (by the
table's ``name`` column). ``cagette``: a Cagette product import, one
producer's catalogue: ``--producer ID`` says whose. The offers are written as
a CSV that ``selection plan --offers`` reads; what could not be mapped is said
on standard error.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..errors import ArgumentError
from ..messages import msg
from ..planning.catalogues import read_cagette, read_ofn
from ..table import read_table
from .common import add_language, write

__all__ = ["add_arguments", "run"]

#: Headers taken for the producers' names and ids in a producer table.
_NAMES = ("name", "nom", "raison sociale")
_IDS = ("producer_id", "id", "producer")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``selection offers``."""
    parser.add_argument("platform", choices=("ofn", "cagette"), help="the catalogue's platform")
    parser.add_argument("file", help="the product import file (.csv or .xlsx)")
    parser.add_argument(
        "--producers", metavar="TABLE", help="ofn: the producer table (ids and names)"
    )
    parser.add_argument("--producer", metavar="ID", help="cagette: whose catalogue it is")
    parser.add_argument("-o", "--output", help="write the offers to this CSV file")
    add_language(parser)


def _names(path: str) -> dict[str, str]:
    table = read_table(path)
    columns = {str(c).strip().casefold(): str(c) for c in table.columns}
    name = next((columns[c] for c in _NAMES if c in columns), None)
    ident = next((columns[c] for c in _IDS if c in columns), None)
    if name is None or ident is None:
        raise ArgumentError(
            msg("cli.offers.table", "the producer table needs an id column and a name column"),
            where=path,
            expected=", ".join(_IDS[:1] + _NAMES[:1]),
            found=", ".join(repr(str(c)) for c in table.columns),
        )
    return {str(n).strip(): str(i).strip() for n, i in zip(table[name], table[ident], strict=True)}


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO | None = None) -> int:
    """Read the catalogue, write the offers, say what was left out."""
    if args.platform == "ofn":
        result = read_ofn(args.file, producers=_names(args.producers) if args.producers else None)
    else:
        if not args.producer:
            raise ArgumentError(
                msg("cli.offers.producer", "a Cagette catalogue is one producer's"),
                where="--producer",
                expected=msg("cli.offers.producer_expected", "the producer's id, e.g. M03"),
                found=msg("cli.offers.none", "none"),
            )
        result = read_cagette(args.file, producer=args.producer)
    write(result.to_csv(), args.output, stdout, what="the offers")
    (stderr or sys.stderr).write(result.summary() + "\n")
    return 0
