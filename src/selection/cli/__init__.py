"""The ``selection`` command, one module per command.

::

    selection rank [GRID PRODUCERS] [--method M] [--parameter NAME=VALUE] [--weight KEY=POINTS]
                   [--top N] [--format table|csv|json] [-o FILE.xlsx|.csv] [--dialect fr|en]
    selection explain [GRID PRODUCERS] PRODUCER [--robustness] [--weight KEY=POINTS]
    selection validate [GRID [PRODUCERS]] [--max N]
    selection sensitivity [GRID PRODUCERS] [--samples S] [--level criterion|battery] [--seed]
    selection check [GRID PRODUCERS DECISIONS] [--level criterion|battery]
    selection report [GRID PRODUCERS] [--members FILE ...] [-o report.html]
    selection meeting [GRID PRODUCERS] [--members FILE ...] [-o seance.html]
    selection committee aggregate|consensus [GRID [PRODUCERS]] --members FILE ...
    selection diff [GRID PRODUCERS] BEFORE.yaml AFTER.yaml
    selection infer [GRID PRODUCERS DECISIONS] [-o grid.yaml]
    selection template [GRID] [-o producteurs.xlsx]
    selection questionnaire [GRID] [-o questionnaire.html]
    selection import agencebio FILE.json -o producteurs.csv [--keep-suspended]
    selection import agencebio --fetch --departements 69,01,38,42 -o producteurs.csv
    selection plan [GRID PRODUCERS] --needs FILE --offers FILE [--costs FILE] [-o plan.xlsx]
    selection offers ofn|cagette FILE [-o offers.csv]
    selection schema [-o FILE]

Every command takes ``GRID PRODUCERS`` first, positionally, in that order (the
shipped example when they are left out), and ``--lang fr|en``. Exit codes: 0
when all went well, 1 when ``check`` finds decisions the grid does not
reproduce, 2 on bad input (a message that says where and how to fix it, never
a traceback), 130 when interrupted (Ctrl-C).

Start-up is kept short: this module imports only :mod:`argparse`; the command
asked for is imported when it runs (``selection --help`` loads neither numpy
nor pandas).

May import: everything (it is the top layer).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any, TextIO, cast

from .._version import __version__
from ..errors import SelectionError
from ..messages import Message, known_language, language, msg, render
from ..safe_text import printable

__all__ = ["COMMANDS", "invoke", "main"]

EXIT_OK, EXIT_DIFFERENT, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130

#: Command → (module of selection.cli, one-line help). The module has ``add_arguments``
#: and ``run``; it is imported only when its command runs.
COMMANDS: dict[str, tuple[str, Message]] = {
    "rank": ("rank", msg("cli.help.rank", "rank producers (the shipped example by default)")),
    "explain": ("explain", msg("cli.help.explain", "why a producer stands where it does")),
    "validate": (
        "validate",
        msg("cli.help.validate", "check a grid, and a producer table against it"),
    ),
    "sensitivity": (
        "sensitivity",
        msg("cli.help.sensitivity", "how robust the ranking is to the weights"),
    ),
    "check": (
        "check",
        msg("cli.help.check", "do recorded decisions follow from the grid? (exit 1 if not)"),
    ),
    "report": (
        "report",
        msg("cli.help.report", "write a self-contained HTML report for the committee"),
    ),
    "meeting": (
        "meeting",
        msg("cli.help.meeting", "write a live weighting page for a committee meeting"),
    ),
    "committee": (
        "committee",
        msg(
            "cli.help.committee",
            "committee members' weights: aggregate them, see where they agree",
        ),
    ),
    "diff": (
        "diff",
        msg(
            "cli.help.diff",
            "who moves between two weights files on the same producers, and why",
        ),
    ),
    "infer": (
        "infer",
        msg("cli.help.infer", "the weights under which the grid reproduces past decisions"),
    ),
    "template": (
        "template",
        msg("cli.help.template", "write an .xlsx template of the producer table the grid reads"),
    ),
    "questionnaire": (
        "questionnaire",
        msg(
            "cli.help.questionnaire",
            "write a printable questionnaire for producers without a computer",
        ),
    ),
    "import": (
        "importer",
        msg("cli.help.import", "make a producer table from a registry (Agence Bio)"),
    ),
    "plan": (
        "plan",
        msg("cli.help.plan", "plan who supplies what to which store, week by week"),
    ),
    "offers": (
        "offers",
        msg("cli.help.offers", "turn an Open Food Network or Cagette catalogue into offers"),
    ),
    "schema": ("schema", msg("cli.help.schema", "print the JSON Schema of the grid format")),
}


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selection",
        description=render(
            msg(
                "cli.help.selection", "Rank farm producers with a transparent multi-criteria grid."
            )
        ),
        epilog=render(
            msg("cli.help.epilog", "Run `selection COMMAND --help` for a command's options.")
        ),
    )
    parser.add_argument("--version", action="version", version=f"selection {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, text) in COMMANDS.items():
        commands.add_parser(name, help=render(text), add_help=False)
    return parser


def _language_in(words: Sequence[str]) -> str | None:
    """The language asked for with ``--lang`` in `words`, if any (before they are parsed).

    The help of the commands and the first words of an error are then in that language
    too. A value that is not a language is left to the parser to refuse.

    Examples
    --------
    >>> _language_in(["rank", "--lang", "en"]), _language_in(["rank", "--lang=fr"])
    ('en', 'fr')
    >>> _language_in(["rank"]) is None
    True
    """
    for i, word in enumerate(words):
        if word == "--lang" and i + 1 < len(words):
            return known_language(words[i + 1])
        if word.startswith("--lang="):
            return known_language(word.split("=", 1)[1])
    return None


def _command(argv: list[str]) -> str | None:
    """The command named in `argv` (its first word that is not an option), if any."""
    for word in argv:
        if word in COMMANDS:
            return word
        if not word.startswith("-"):
            return None
    return None


def invoke(argv: Sequence[str], stdout: TextIO) -> int:
    """Run one command; its SelectionError propagates (:func:`main` turns it into exit 2).

    Examples
    --------
    >>> import io
    >>> invoke(["validate", "--lang", "en"], io.StringIO())
    0
    """
    words = list(argv)
    with language(_language_in(words)):
        name = _command(words)
        if name is None:
            _top_parser().parse_args(words)  # prints the help, the version or the usage error
            return EXIT_BAD_INPUT
        module = importlib.import_module(f"{__name__}.{COMMANDS[name][0]}")
        parser = argparse.ArgumentParser(
            prog=f"selection {name}", description=render(COMMANDS[name][1])
        )
        module.add_arguments(parser)
        args = parser.parse_args(words[words.index(name) + 1 :])
        with language(getattr(args, "lang", None)):
            code: int = module.run(args, stdout)
    return code


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> main(["rank", "--top", "3", "--lang", "en"], stdout=out)
    0
    >>> "Grille qualité" in out.getvalue()
    True
    """
    words = list(sys.argv[1:] if argv is None else argv)
    out = cast(TextIO, _Printable(stdout or sys.stdout))
    with language(_language_in(words)):
        try:
            return invoke(words, out)
        except KeyboardInterrupt:
            sys.stderr.write(render(msg("cli.interrupted", "selection: interrupted")) + "\n")
            return EXIT_INTERRUPTED
        except BrokenPipeError:  # `selection rank | head`: the reader has what it wanted
            _quiet_stdout()
            return EXIT_OK
        except SelectionError as exc:
            sys.stderr.write(
                printable(render(msg("cli.error", "selection: error: {error}", error=str(exc))))
                + "\n"
            )
            return EXIT_BAD_INPUT


class _Printable:
    """A text stream that shows control characters from the data escaped (:func:`printable`)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that Python's last flush does not fail too."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
