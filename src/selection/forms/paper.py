"""The printable questionnaire: one A4 HTML page (or a few) for producers without a computer.

The same questions as the spreadsheet template, in the same order and words:
a box for the producer's name, id and contact, then one question per column
the grid reads (boxes to tick for levels and yes/no, a line to write on for
numbers, with the unit and the expected range), and where to return it. One
self-contained file: inline CSS, no script, no image, nothing fetched.

Examples
--------
>>> import selection
>>> page = questionnaire_html(selection.example_grid_path(), lang="en")
>>> page.startswith("<!DOCTYPE html>"), '<html lang="en">' in page
(True, True)
>>> page.count('<li class="question"')
12
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from os import PathLike
from pathlib import Path

from .._version import __version__
from ..files import write_atomically
from ..grid import Grid, as_grid
from ..messages import Message, msg, render, resolve_language
from ..validators import language
from .columns import FormColumn, Role, form_columns

__all__ = ["BOX", "questionnaire", "questionnaire_html"]

#: The box a producer ticks.
BOX = "\u2610"

_CSS = """
@page { size: A4; margin: 15mm 15mm 17mm 15mm; }
* { box-sizing: border-box; }
html { font: 11pt/1.35 "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #000; }
body { max-width: 180mm; margin: 0 auto; }
@media screen { body { padding: 10mm 6mm; } }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 12.5pt; margin: 5mm 0 2mm; }
h3 { font-size: 11.5pt; margin: 0 0 1mm; }
.kind { text-transform: uppercase; letter-spacing: .06em; font-size: 9pt; margin: 0; }
.intro { margin: 2mm 0 0; }
.who { width: 100%; border-collapse: collapse; border: 1.5pt solid #000; }
.who th { text-align: start; font-weight: normal; white-space: nowrap; padding: 2.5mm 3mm;
          width: 1%; vertical-align: bottom; }
.who td { border-bottom: 0.75pt dotted #000; padding: 2.5mm 3mm; height: 10mm; }
ol.questions { padding-inline-start: 7mm; margin: 0; }
li.question { break-inside: avoid; page-break-inside: avoid; margin: 0 0 4.5mm;
              padding-top: 2mm; border-top: 0.5pt solid #999; }
.meaning, .rule { margin: 0 0 1.5mm; font-size: 10pt; }
.rule { color: #333; }
ul.choices { list-style: none; margin: 1mm 0; padding: 0;
             display: flex; flex-wrap: wrap; gap: 1.5mm 9mm; }
.box { font-size: 15pt; line-height: 1; vertical-align: -1.5pt; margin-inline-end: 1.5mm; }
.answer { margin: 3mm 0 1mm; }
.line { display: inline-block; width: 50mm; border-bottom: 0.75pt solid #000; height: 6mm;
        vertical-align: bottom; }
.line.wide { width: 120mm; }
.unit { margin-inline-start: 2mm; }
.range { margin-inline-start: 2mm; font-size: 10pt; }
footer { break-inside: avoid; margin-top: 6mm; padding-top: 3mm; border-top: 1.5pt solid #000; }
footer .line { width: 110mm; }
.made { font-size: 8.5pt; color: #444; margin-top: 3mm; }
"""


def _e(text: object) -> str:
    """`text` escaped for HTML content and attributes (quotes too)."""
    return html.escape(str(text), quote=True)


def _user(text: str, tag: str = "span", cls: str | None = None) -> str:
    """The users' own words (a label, a level), escaped, in a ``dir="auto"`` element."""
    attribute = f' class="{_e(cls)}"' if cls else ""
    return f'<{tag}{attribute} dir="auto">{_e(text)}</{tag}>'


def _question(column: FormColumn, lang: str) -> str:
    """One question: the header as its title, what it means, the boxes or the line."""
    parts = [
        f'<li class="question" data-column="{_e(column.column)}">',
        _user(column.header, "h3"),
        _user(column.meaning, "p", "meaning"),
    ]
    if column.role is Role.SOURCE and column.strict:
        parts.append(f'<p class="rule">{_e(render(_COORDINATE_HINT, lang))}</p>')
    if column.choices:
        boxes = "".join(
            f'<li><span class="box" aria-hidden="true">{BOX}</span>{_user(word)}</li>'
            for word in column.choices
        )
        parts.append(f'<ul class="choices">{boxes}</ul>')
    elif column.numeric:
        answer = ['<p class="answer"><span class="line"></span>']
        if column.unit:
            answer.append(_user(column.unit, "span", "unit"))
        if column.bounds is not None:
            low, high = column.bounds
            answer.append(f'<span class="range">{_e(render(_range(low, high), lang))}</span>')
        answer.append("</p>")
        parts.append("".join(answer))
    else:
        parts.append('<p class="answer"><span class="line wide"></span></p>')
    if column.role is Role.SOURCE and column.strict:
        parts.append("</li>")  # the collective finds coordinates from the address
        return "".join(parts)
    required = render(
        msg("forms.paper.blank", "May be left blank? {rule}", rule=column.blank)
        if column.blank_allowed
        else msg("forms.paper.required", "An answer is needed."),
        lang,
    )
    parts.append(f'<p class="rule">{_e(required)}</p>')
    parts.append("</li>")
    return "".join(parts)


_COORDINATE_HINT = msg(
    "forms.paper.coordinate",
    "If you do not know it, leave it blank and write the farm's address above: the "
    "collective will find it.",
)


def _range(low: float, high: float) -> Message:
    """The expected range of a number, in brackets."""
    return msg("forms.paper.range", "(between {low:g} and {high:g})", low=low, high=high)


def questionnaire_html(
    grid: Grid | str | PathLike[str],
    *,
    lang: str | None = None,
    return_to: str | None = None,
) -> str:
    """The printable questionnaire for `grid`, as one self-contained HTML page.

    Parameters
    ----------
    grid : Grid or path
        The grid (a ``.yaml`` path is read).
    lang : {"fr", "en"}, optional
        The language of the fixed texts (default: the language rule). Labels and
        level words are the grid's own and stay as written.
    return_to : str, optional
        Where to return the form (an address, a person); default: a line to fill in.

    Examples
    --------
    >>> import selection
    >>> page = questionnaire_html(selection.example_grid_path(), lang="fr", return_to="VRAC")
    >>> "☐" in page, "À renvoyer à" in page, '<h3 dir="auto">Label bio</h3>' in page
    (True, True, True)
    """
    the_grid = as_grid(grid)
    code = resolve_language(language(lang))
    columns = form_columns(the_grid, lang=code)
    name = next((c.header for c in columns if c.role is Role.NAME), None)

    def say(message: Message) -> str:
        return _e(render(message, code))

    who = [
        (_e(name) if name else say(msg("forms.header.name", "Name")), "name"),
        (say(msg("forms.paper.id", "Identifier (filled in by the collective)")), "id"),
        (say(msg("forms.paper.contact", "Contact (phone, e-mail)")), "contact"),
        (say(msg("forms.paper.address", "Address of the farm")), "address"),
    ]
    rows = "".join(f'<tr class="{key}"><th>{label}</th><td></td></tr>' for label, key in who)
    questions = "".join(_question(c, code) for c in columns if c.role not in (Role.ID, Role.NAME))
    where = _user(return_to, "span", "return-to") if return_to else '<span class="line"></span>'
    title = say(msg("forms.paper.kind", "Producer questionnaire"))
    made = say(
        msg(
            "forms.how_to.made_by",
            "Made by selection {version} from the grid “{grid}” ({hash}).",
            version=__version__,
            grid=the_grid.name,
            hash=the_grid.short_hash,
        )
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{code}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="selection {_e(__version__)}">',
            f"<title>{title} · {_e(the_grid.name)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            "<header>",
            f'<p class="kind">{title}</p>',
            _user(the_grid.name, "h1"),
            '<p class="intro">'
            + say(
                msg(
                    "forms.paper.intro",
                    "Please answer each question: tick one box (☐) or write on the line. "
                    "Leave blank what you do not know.",
                )
            )
            + "</p>",
            "</header>",
            '<section class="producer">',
            f"<h2>{say(msg('forms.paper.producer', 'The producer'))}</h2>",
            f'<table class="who">{rows}</table>',
            "</section>",
            '<section class="answers">',
            f"<h2>{say(msg('forms.paper.questions', 'The questions'))}</h2>",
            f'<ol class="questions">{questions}</ol>',
            "</section>",
            "<footer>",
            f"<p><strong>{say(msg('forms.paper.thanks', 'Thank you!'))}</strong> "
            f"{say(msg('forms.paper.return_to', 'Please return this form to:'))} {where}</p>",
            f'<p class="made">{made}</p>',
            "</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def questionnaire(
    grid: Grid | str | PathLike[str],
    path: str | PathLike[str],
    *,
    lang: str | None = None,
    inputs: Iterable[str | PathLike[str] | None] = (),
    return_to: str | None = None,
) -> Path:
    """Write the printable questionnaire for `grid`: one self-contained HTML file.

    Parameters
    ----------
    grid : Grid or path
        The grid (a ``.yaml`` path is read).
    path : str or path-like
        The HTML file to write; written completely or not at all.
    lang : {"fr", "en"}, optional
        The language of the fixed texts (default: the language rule).
    inputs : paths
        Files the questionnaire must not replace (the grid's own file is always one).
    return_to : str, optional
        Where to return the form; default: a line to fill in by hand.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OutputError
        `path` is a folder or one of the inputs, or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib, selection
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "questionnaire.html"
    >>> written = questionnaire(selection.example_grid_path(), path, lang="fr")
    >>> '<html lang="fr">' in written.read_text(encoding="utf-8")
    True
    """
    the_grid = as_grid(grid)
    code = resolve_language(language(lang))
    page = questionnaire_html(the_grid, lang=code, return_to=return_to)
    sources = [*inputs, the_grid.source] if the_grid.source else list(inputs)
    what = render(msg("forms.what.questionnaire", "the questionnaire"), code)
    return write_atomically(path, page, what=what, inputs=sources)
