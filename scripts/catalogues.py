"""Extract selection's messages into the template and update the French catalogue.

    python scripts/catalogues.py          # extract, then update the .po files
    python scripts/catalogues.py --check  # fail if the catalogues are behind the code

Every message is made with ``msg(code, text, ...)`` or ``msgn(code, singular,
plural, ...)`` (:mod:`selection.messages`); the code is the entry's
``msgctxt``. Translations live in ``src/selection/locale/<lang>/LC_MESSAGES/
selection.po`` (English is the source language); the wheel ships them compiled
(``hatch_build.py``). Babel does the extraction, the update and the compilation.
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "selection"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "selection.pot"
LANGUAGES = ("fr",)
KEYWORDS = {"msg": ((1, "c"), 2), "msgn": ((1, "c"), 2, 3)}


def extract_calls(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str | None, ...], list[str]]]:
    """Babel extraction method: every ``msg(...)`` / ``msgn(...)`` call, read with :mod:`ast`.

    Babel's own Python extractor skips a call nested in brackets inside another call's
    arguments (``msg("a", "{x}", x=(msg("b", "...") if c else ...))``); the syntax tree
    sees them all. The positional string arguments are yielded; Babel picks the
    context and the texts by the keyword specification.
    """
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id not in keywords:
            continue
        strings = tuple(
            arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            for arg in node.args
        )
        yield node.lineno, node.func.id, strings, []


def extract() -> Catalog:
    """Every msg()/msgn() call of the package, as a template catalogue."""
    catalog = Catalog(project="selection", copyright_holder="selection developers", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", extract_calls)],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _text(catalog: Catalog, *, locations: bool) -> str:
    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=99, no_location=not locations, sort_output=True, omit_header=False
    )
    return buffer.getvalue().decode("utf-8")


def updated(template: Catalog, lang: str) -> Catalog:
    """The catalogue of `lang`, brought up to the template (translations kept)."""
    path = LOCALE / lang / "LC_MESSAGES" / "selection.po"
    if path.is_file():
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=lang, domain="selection")
    else:
        catalog = Catalog(locale=lang, domain="selection", project="selection", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return catalog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args(argv)
    template = extract()
    outputs = {TEMPLATE: _text(template, locations=False)}
    for lang in LANGUAGES:
        outputs[LOCALE / lang / "LC_MESSAGES" / "selection.po"] = _text(
            updated(template, lang), locations=False
        )
    stale = []
    for path, text in outputs.items():
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if _strip_dates(current) != _strip_dates(text):
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        names = ", ".join(str(p.relative_to(ROOT)) for p in stale)
        print(f"catalogues behind the code: {names}; run python scripts/catalogues.py")
        return 1
    return 0


def _strip_dates(text: str) -> str:
    return "\n".join(
        line
        for line in text.splitlines()
        if not line.startswith(('"POT-Creation-Date', '"PO-Revision-Date'))
    )


if __name__ == "__main__":
    sys.exit(main())
