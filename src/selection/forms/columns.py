"""The columns a form asks for: every column a grid reads, in order, in one language.

One tuple of :class:`FormColumn` records, made once from a grid by
:func:`form_columns`, feeds both the spreadsheet template and the printed
questionnaire, so that they ask the same questions, in the same order and the
same words: the id column, a name column, then every column the criteria read
(in grid order), the raw columns the eligibility gates test, and the columns the
selection rule's quotas read.

A header is one the table reader maps back to its column: the criterion's
label (the grid's own words) for a criterion read from one column; "Latitude"
and "Longitude" in the form's language for a distance's coordinates (followed
by the column's name in brackets when it is another word: ``Latitude (lat)``);
the column's name as written in the grid otherwise (the id, gates, quotas, and a
label the reader would find ambiguous).

Examples
--------
>>> import selection
>>> grid = selection.load_grid(selection.example_grid_path())
>>> columns = form_columns(grid, lang="fr")
>>> [c.header for c in columns][:4]
['producer_id', 'Nom', 'Label bio', 'Agroécologie (score TAPE 0–4)']
>>> organic = columns[2]
>>> organic.column, organic.choices
('organic_label', ('none', 'HVE', 'conversion', 'AB', 'Nature & Progrès'))
>>> organic.blank
'non, à remplir pour chaque producteur'
>>> [c.example for c in columns[:4]]
['P001', 'GAEC des Sources', 'Nature & Progrès', 3]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pandas as pd

from ..errors import DataError, SelectionError
from ..examples import example_producers_path
from ..grid import Criterion, Direction, Gate, Grid, MissingPolicy, Nature, as_grid
from ..messages import Message, msg, render, resolve_language
from ..scoring.matrix import matched_columns
from ..scoring.prepared import NAME_COLUMNS
from ..table import fold, is_blank, parse_booleans, parse_numbers, read_table
from ..table.headers import plain
from ..validators import language

__all__ = ["FormColumn", "Role", "form_columns", "yes_no"]

#: A unit written at the end of a label, in brackets, without digits: "(km)", "(€)", "(%)".
_UNIT_IN_LABEL = re.compile(r"\(([^()0-9]{1,20})\)\s*$")


class Role(StrEnum):
    """Why a form asks for a column."""

    #: The producer's identifier (the grid's ``id:``).
    ID = "id"
    #: The producer's name (not read by the grid; for people).
    NAME = "name"
    #: The value of a criterion read from this one column.
    CRITERION = "criterion"
    #: One of the columns a computed criterion is made from (latitude, longitude).
    SOURCE = "source"
    #: A raw column an eligibility gate tests.
    GATE = "gate"
    #: A column the selection rule's quotas read.
    QUOTA = "quota"


@dataclass(frozen=True, slots=True)
class FormColumn:
    """One column of the producer table as a form asks for it; texts in one language.

    Attributes
    ----------
    column : str
        The table column (for the name: the header the form writes).
    header : str
        The text of the header cell (and the question's title on paper).
    role : Role
        Why the form asks for it.
    meaning : str
        What it means (the criterion's description when the grid has one).
    accepted : str
        The values accepted, in words.
    blank : str
        Whether a blank cell is allowed, and what it does.
    blank_allowed : bool
        Whether a blank cell is allowed.
    nature : Nature, optional
        The criterion kind's nature (None for the id, the name, gates and quotas;
        :attr:`Nature.COMPUTED` for the columns of a computed criterion).
    choices : tuple of str
        The words to choose from (a criterion's levels; yes and no), else empty.
    bounds : (float, float), optional
        The range a number is expected in (a criterion's scale; ±90 for a latitude).
    strict : bool
        Whether a number outside `bounds` is refused by the table reader
        (coordinates), rather than merely unusual (a scale).
    unit : str
        The unit of a number, when known ("km", "decimal degrees").
    criterion : str, optional
        The key of the criterion the column serves.
    example : str, float, int or None
        The example value (None: left blank).
    """

    column: str
    header: str
    role: Role
    meaning: str
    accepted: str
    blank: str
    blank_allowed: bool
    nature: Nature | None = None
    choices: tuple[str, ...] = ()
    bounds: tuple[float, float] | None = None
    strict: bool = False
    unit: str = ""
    criterion: str | None = None
    example: str | float | int | None = None

    @property
    def numeric(self) -> bool:
        """Whether the cell holds a number."""
        return self.bounds is not None or (self.nature is not None and self.nature.numeric)


# -- the words ------------------------------------------------------------------------------

_YES = msg("forms.yes", "yes")
_NO = msg("forms.no", "no")
_LATITUDE = msg("forms.header.latitude", "Latitude")
_LONGITUDE = msg("forms.header.longitude", "Longitude")
_DEGREES = msg("forms.unit.degrees", "decimal degrees")
_BLANK_REFUSED = msg("forms.blank.refused", "no, to fill in for every producer")
_BLANK_ALLOWED = msg("forms.blank.yes", "yes")
_FREE_TEXT = msg("forms.accepted.text", "free text")
_BLANK_EXCLUDED = msg(
    "forms.blank.excluded", "yes, but the producer is then left out of the ranking"
)


def yes_no(lang: str) -> tuple[str, str]:
    """The words of a yes/no answer in `lang` (``oui``, ``non`` in French).

    Examples
    --------
    >>> yes_no("fr"), yes_no("en")
    (('oui', 'non'), ('yes', 'no'))
    """
    return render(_YES, lang), render(_NO, lang)


def _unit(criterion: Criterion) -> str:
    """The criterion's unit: its ``unit`` if the model has one, else "(km)" ending its label."""
    declared = getattr(criterion, "unit", None)
    if isinstance(declared, str) and declared.strip():
        return declared.strip()
    found = _UNIT_IN_LABEL.search(criterion.label)
    return found.group(1).strip() if found else ""


def _description(criterion: Criterion) -> str:
    """The criterion's description, when the grid gives one (and the model keeps it)."""
    text = getattr(criterion, "description", None)
    return text.strip() if isinstance(text, str) else ""


def _levels(criterion: Criterion) -> tuple[tuple[str, float], ...]:
    """The (word, points) pairs of a worded kind that declares them, else empty."""
    pairs = getattr(criterion.kind, "levels", None)
    if not isinstance(pairs, tuple | list):
        return ()
    return tuple((str(word), float(points)) for word, points in pairs)


def _worst(criterion: Criterion) -> float | None:
    """The value a blank counts as under ``missing: worst``, when the kind declares bounds."""
    bounds = criterion.kind.bounds
    if bounds is None:
        return None
    return bounds[0] if criterion.direction is Direction.MAX else bounds[1]


def _number(value: float) -> float | int:
    """A whole float as an int (``3.0`` → ``3``), for cells and examples."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)


# -- the columns, in order ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Wanted:
    """A column the form asks for, before it is put in words."""

    column: str
    role: Role
    criterion: Criterion | None = None
    gates: tuple[Gate, ...] = ()


def _wanted(grid: Grid) -> list[_Wanted]:
    """The id, the name, then every column the criteria, gates and quotas read, once each."""
    out: dict[str, _Wanted] = {grid.id_column: _Wanted(grid.id_column, Role.ID)}
    for criterion in grid.criteria:
        columns = criterion.kind.columns
        role = Role.CRITERION if len(columns) == 1 else Role.SOURCE
        for column in columns:
            out.setdefault(column, _Wanted(column, role, criterion))
    for gate in grid.eligibility:
        if gate.column is not None:
            out.setdefault(gate.column, _Wanted(gate.column, Role.GATE))
    for column in grid.select.columns if grid.select is not None else ():
        out.setdefault(column, _Wanted(column, Role.QUOTA))
    # Gates are said where the producer answers them: on the column they test.
    for gate in grid.eligibility:
        if gate.criterion is not None:
            criterion = next(c for c in grid.criteria if c.key == gate.criterion)
            if not criterion.kind.columns:  # a judged criterion: graded by members, not here
                continue
            column = criterion.kind.columns[0]
        else:
            column = str(gate.column)
        entry = out[column]
        out[column] = _Wanted(entry.column, entry.role, entry.criterion, (*entry.gates, gate))
    wanted = list(out.values())
    if grid.name_column is not None:
        named = [w for w in wanted if w.column == grid.name_column]
        wanted = [w for w in wanted if w.column != grid.name_column]
        wanted.insert(1, named[0] if named else _Wanted(grid.name_column, Role.NAME))
    elif not any(plain(w.column) in {plain(n) for n in NAME_COLUMNS} for w in wanted):
        wanted.insert(1, _Wanted("", Role.NAME))
    return wanted


def _headers(wanted: list[_Wanted], grid: Grid, lang: str) -> list[str]:
    """Each column's header: the criterion's label where the reader maps it back, else the name.

    A label that reads like another header or names another column (case, accents
    and spaces aside) would be ambiguous: the reader would take neither. The
    headers are checked with the reader's own matching
    (:func:`selection.scoring.matrix.matched_columns`); a column it would not find
    is headed by its name, as written in the grid.
    """
    proposed: list[str] = []
    for entry in wanted:
        criterion = entry.criterion
        if entry.role is Role.NAME:
            proposed.append(entry.column or render(msg("forms.header.name", "Name"), lang))
        elif entry.role is Role.CRITERION and criterion is not None:
            proposed.append(criterion.label)
        elif entry.role is Role.SOURCE and criterion is not None:
            word = _coordinate_word(criterion, entry.column)
            translated = render(word, lang) if word is not None else ""
            if translated and plain(translated) != plain(entry.column):
                translated = f"{translated} ({entry.column})"
            proposed.append(translated)
        else:
            proposed.append("")
    counts = Counter(plain(header) for header in proposed if header)
    headers = [
        entry.column
        if entry.role is not Role.NAME and (not plain(header) or counts[plain(header)] > 1)
        else header
        for entry, header in zip(wanted, proposed, strict=True)
    ]
    read = matched_columns(pd.DataFrame(columns=headers), grid).columns
    return [
        header if entry.role is Role.NAME or found == entry.column else entry.column
        for entry, header, found in zip(wanted, headers, read, strict=True)
    ]


def _coordinate_word(criterion: Criterion, column: str) -> Message | None:
    """Say "Latitude" or "Longitude" when `column` is one of a distance's coordinates."""
    if getattr(criterion.kind, "latitude", None) == column:
        return _LATITUDE
    if getattr(criterion.kind, "longitude", None) == column:
        return _LONGITUDE
    return None


# -- each column in words -------------------------------------------------------------------


def _conditions(entry: _Wanted, target: str) -> list[Message]:
    """The eligibility conditions a column's answer must meet."""
    return [
        msg(
            "forms.meaning.condition",
            "To be eligible: {condition}.",
            condition=gate.condition(target),
        )
        for gate in entry.gates
    ]


def _criterion_meaning(criterion: Criterion, grid: Grid, lang: str) -> Message:
    """The generated explanation of a criterion: its battery and which way is better."""
    battery = grid.battery_of(criterion.key).label
    better = criterion.direction is Direction.MAX
    levels = _levels(criterion)
    if criterion.kind.nature is Nature.LEVELS and levels:
        ordered = sorted(levels, key=lambda pair: pair[1], reverse=not better)
        return msg(
            "forms.meaning.levels",
            "Criterion of the battery “{battery}”; from the least good to the best: {words}.",
            battery=battery,
            words=" < ".join(word for word, _ in ordered),
        )
    if criterion.kind.nature is Nature.BOOLEAN:
        yes, no = yes_no(lang)
        return msg(
            "forms.meaning.boolean",
            "Criterion of the battery “{battery}”; “{answer}” counts as better.",
            battery=battery,
            answer=yes if better else no,
        )
    if better:
        return msg(
            "forms.meaning.more",
            "Criterion of the battery “{battery}”; more is better.",
            battery=battery,
        )
    return msg(
        "forms.meaning.less",
        "Criterion of the battery “{battery}”; less is better.",
        battery=battery,
    )


def _source_meaning(entry: _Wanted, criterion: Criterion) -> Message:
    """What a column a computed criterion is made from is for."""
    word = _coordinate_word(criterion, entry.column)
    if word is None:
        return msg(
            "forms.meaning.source",
            "Used to compute “{label}”.",
            label=criterion.label,
        )
    hub = getattr(criterion.kind, "hub", None)
    which = (
        msg("forms.meaning.latitude", "The farm's latitude")
        if word is _LATITUDE
        else msg("forms.meaning.longitude", "The farm's longitude")
    )
    if isinstance(hub, tuple | list) and len(hub) == 2:
        return msg(
            "forms.meaning.coordinate_hub",
            (
                "{which} in decimal degrees, to compute “{label}” from the point at latitude "
                "{lat:g}, longitude {lon:g}. A map site gives it: right-click on the farm in "
                "OpenStreetMap or Google Maps."
            ),
            which=which,
            label=criterion.label,
            lat=float(hub[0]),
            lon=float(hub[1]),
        )
    return msg(
        "forms.meaning.coordinate",
        (
            "{which} in decimal degrees, to compute “{label}”. A map site gives it: "
            "right-click on the farm in OpenStreetMap or Google Maps."
        ),
        which=which,
        label=criterion.label,
    )


def _blank(entry: _Wanted, grid: Grid) -> tuple[Message, bool]:
    """Whether a blank is allowed in a criterion's or a gate's column, and what it does.

    A gate cannot be checked on a blank: unless blanks are refused, the producer is
    left out, whatever the policy would do for the score.
    """
    criterion = entry.criterion
    policy = (criterion.missing if criterion is not None else None) or grid.missing
    if policy is MissingPolicy.RAISE:
        return _BLANK_REFUSED, False
    if (
        criterion is None
        or policy is MissingPolicy.EXCLUDE
        or entry.gates
        or any(g.criterion == criterion.key for g in grid.eligibility)
    ):
        return _BLANK_EXCLUDED, True
    worst = _worst(criterion)
    if worst is None:
        return (
            msg(
                "forms.blank.worst_seen",
                "yes, a blank counts as the worst value among the producers",
            ),
            True,
        )
    return (
        msg(
            "forms.blank.worst",
            "yes, a blank counts as the worst value ({value:g})",
            value=worst,
        ),
        True,
    )


def _number_accepted(bounds: tuple[float, float] | None, unit: str) -> Message:
    """A number, between the bounds if known, in the unit if known."""
    if bounds is None:
        return msg("forms.accepted.number", "a number (decimal comma or point)")
    if unit:
        return msg(
            "forms.accepted.between_unit",
            "a number between {low:g} and {high:g} ({unit})",
            low=bounds[0],
            high=bounds[1],
            unit=unit,
        )
    return msg(
        "forms.accepted.between",
        "a number between {low:g} and {high:g}",
        low=bounds[0],
        high=bounds[1],
    )


def _one_of(words: Iterable[str]) -> Message:
    """One of these words."""
    return msg(
        "forms.accepted.one_of",
        "one of: {words:or} (case and spaces do not matter)",
        words=list(words),
    )


def _describe(
    entry: _Wanted, header: str, grid: Grid, lang: str, example: Mapping[str, Any]
) -> FormColumn:
    """One column of the form, in words, with its example value."""
    if entry.role is Role.ID:
        return FormColumn(
            column=entry.column,
            header=header,
            role=entry.role,
            meaning=render(
                msg(
                    "forms.meaning.id",
                    "The producer's identifier: a short code, unique in the table (e.g. P001).",
                ),
                lang,
            ),
            accepted=render(msg("forms.accepted.id", "text, unique in the table"), lang),
            blank=render(msg("forms.blank.id", "no, every producer needs one"), lang),
            blank_allowed=False,
            example=_text(example.get(entry.column)),
        )
    if entry.role is Role.NAME:
        return FormColumn(
            column=entry.column or header,
            header=header,
            role=entry.role,
            meaning=render(
                msg(
                    "forms.meaning.name",
                    "The name of the producer or of the farm, for people (not scored).",
                ),
                lang,
            ),
            accepted=render(_FREE_TEXT, lang),
            blank=render(_BLANK_ALLOWED, lang),
            blank_allowed=True,
            example=_text(example.get(entry.column, example.get(""))),
        )
    if entry.criterion is None:
        return _raw_column(entry, header, grid, lang, example.get(entry.column))
    if entry.role is Role.SOURCE:
        return _source_column(entry, entry.criterion, header, grid, lang, example)
    return _criterion_column(entry, entry.criterion, header, grid, lang, example)


def _raw_column(entry: _Wanted, header: str, grid: Grid, lang: str, cell: Any) -> FormColumn:
    """A column no criterion reads: tested by a gate, or counted by a quota."""
    quotas = [q for q in (grid.select.quotas if grid.select else ()) if q.column == entry.column]
    numeric = any(g.min is not None or g.max is not None for g in entry.gates)
    values = [q.value for q in quotas if q.value is not None]
    meaning: list[Message | str] = []
    if quotas:
        rule = [q.condition() for q in quotas]
        meaning.append(
            msg("forms.meaning.quota", "Used by the selection rule: {rule}.", rule=rule)
        )
    if entry.gates:
        blank, allowed = _blank(entry, grid)
    else:
        blank, allowed = _BLANK_ALLOWED, True
    if numeric:
        accepted = _number_accepted(None, "")
    elif values:
        accepted = msg("forms.accepted.text_such_as", "text, such as: {words:or}", words=values)
    else:
        accepted = _FREE_TEXT
    return FormColumn(
        column=entry.column,
        header=header,
        role=entry.role,
        meaning=_joined([*meaning, *_conditions(entry, header)], lang),
        accepted=render(accepted, lang),
        blank=render(blank, lang),
        blank_allowed=allowed,
        example=_as_number(cell) if numeric else _text(cell),
    )


def _source_column(
    entry: _Wanted,
    criterion: Criterion,
    header: str,
    grid: Grid,
    lang: str,
    example: Mapping[str, Any],
) -> FormColumn:
    """A column a computed criterion is made from: a latitude, a longitude..."""
    word = _coordinate_word(criterion, entry.column)
    limit = 90.0 if word is _LATITUDE else 180.0
    bounds = (-limit, limit) if word is not None else None
    unit = render(_DEGREES, lang) if word is not None else ""
    blank, allowed = _blank(entry, grid)
    return FormColumn(
        column=entry.column,
        header=header,
        role=entry.role,
        meaning=_joined(
            [_source_meaning(entry, criterion), *_conditions(entry, criterion.label)], lang
        ),
        accepted=render(_number_accepted(bounds, unit), lang),
        blank=render(blank, lang),
        blank_allowed=allowed,
        nature=Nature.COMPUTED,
        bounds=bounds,
        strict=word is not None,
        unit=unit,
        criterion=criterion.key,
        example=_as_number(example.get(entry.column)),
    )


def _criterion_column(
    entry: _Wanted,
    criterion: Criterion,
    header: str,
    grid: Grid,
    lang: str,
    example: Mapping[str, Any],
) -> FormColumn:
    """The column a criterion reads its value from."""
    nature = criterion.kind.nature
    blank, allowed = _blank(entry, grid)
    cell = example.get(entry.column)
    explained = _description(criterion) or _criterion_meaning(criterion, grid, lang)
    common: dict[str, Any] = {
        "column": entry.column,
        "header": header,
        "role": entry.role,
        "meaning": _joined([explained, *_conditions(entry, criterion.label)], lang),
        "blank": render(blank, lang),
        "blank_allowed": allowed,
        "nature": nature,
        "criterion": criterion.key,
    }
    words = tuple(word for word, _ in _levels(criterion))
    if nature is Nature.LEVELS and words:
        return FormColumn(
            **common,
            accepted=render(_one_of(words), lang),
            choices=words,
            example=_level(cell, words),
        )
    if nature is Nature.BOOLEAN:
        yes, no = yes_no(lang)
        return FormColumn(
            **common,
            accepted=render(msg("forms.accepted.yes_no", "{yes} or {no}", yes=yes, no=no), lang),
            choices=(yes, no),
            example=_yes_no(cell, lang),
        )
    if not nature.numeric:
        return FormColumn(**common, accepted=render(_FREE_TEXT, lang), example=_text(cell))
    unit = _unit(criterion)
    bounds = criterion.kind.bounds
    return FormColumn(
        **common,
        accepted=render(_number_accepted(bounds, unit), lang),
        bounds=bounds,
        unit=unit,
        example=_as_number(cell),
    )


def _joined(parts: list[Message | str], lang: str) -> str:
    return " ".join(render(part, lang) for part in parts if part)


# -- example values -------------------------------------------------------------------------


def _text(cell: Any) -> str | None:
    if is_blank(cell):
        return None
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _as_number(cell: Any) -> str | float | int | None:
    """A cell as a number when it reads as one (``"45,91"`` → 45.91), else as written."""
    if is_blank(cell):
        return None
    try:
        value = float(parse_numbers([cell])[0])
    except ValueError:
        return _text(cell)
    return None if math.isnan(value) else _number(value)


def _level(cell: Any, words: tuple[str, ...]) -> str | None:
    """A cell as the grid spells the level it reads as (``" ab"`` → ``"AB"``)."""
    text = _text(cell)
    if text is None:
        return None
    return next((word for word in words if fold(word) == fold(text)), text)


def _yes_no(cell: Any, lang: str) -> str | None:
    """A yes/no cell as the form's word for it (``"oui"`` → ``"yes"`` in English)."""
    if is_blank(cell):
        return None
    try:
        value = float(parse_booleans([cell])[0])
    except ValueError:
        return _text(cell)
    yes, no = yes_no(lang)
    return None if math.isnan(value) else (yes if value == 1.0 else no)


def _shipped_example(grid: Grid, wanted: list[_Wanted]) -> dict[str, Any] | None:
    """The first producer of the shipped table, if it has every column and reads under `grid`."""
    try:
        table = read_table(example_producers_path())
    except (SelectionError, OSError):
        return None
    needed = [w.column for w in wanted if w.role is not Role.NAME]
    if any(column not in table.columns for column in needed):
        return None
    row = table.iloc[:1]
    for criterion in grid.criteria:
        if not criterion.kind.columns:
            continue
        try:
            criterion.kind.encode(*(row[c] for c in criterion.kind.columns), key=criterion.key)
        except (DataError, ValueError, TypeError):
            return None
    return _with_name(row.iloc[0].to_dict())


def _with_name(row: Mapping[Any, Any]) -> dict[str, Any]:
    """`row` by column, with its name (any column named like ``name``/``nom``) under ``""``."""
    out = {str(key): value for key, value in row.items()}
    names = {plain(n) for n in NAME_COLUMNS}
    name = next((value for key, value in out.items() if plain(key) in names), None)
    if name is not None and "" not in out:
        out[""] = name
    return out


def _plausible(grid: Grid, wanted: list[_Wanted], lang: str) -> dict[str, Any]:
    """Made-up values that read under `grid`: the middle of a scale, the first level, yes."""
    out: dict[str, Any] = {
        grid.id_column: render(msg("forms.example.id", "EXAMPLE"), lang),
        "": render(msg("forms.example.name", "Example farm"), lang),
    }
    for entry in wanted:
        criterion = entry.criterion
        if entry.role in (Role.GATE, Role.QUOTA) or criterion is None:
            out.setdefault(entry.column, _gate_example(entry, grid))
            continue
        kind = criterion.kind
        if entry.role is Role.SOURCE:
            hub = getattr(kind, "hub", None)
            word = _coordinate_word(criterion, entry.column)
            if isinstance(hub, tuple | list) and len(hub) == 2 and word is not None:
                out[entry.column] = float(hub[0] if word is _LATITUDE else hub[1])
            continue
        levels = _levels(criterion)
        if kind.nature is Nature.LEVELS and levels:
            out[entry.column] = levels[0][0]
        elif kind.nature is Nature.BOOLEAN:
            out[entry.column] = yes_no(lang)[0]
        elif kind.nature.numeric:
            bounds = kind.bounds
            middle = (bounds[0] + bounds[1]) / 2 if bounds is not None else 1.0
            out[entry.column] = _number(middle)
    return out


def _gate_example(entry: _Wanted, grid: Grid) -> Any:
    for gate in entry.gates:
        if gate.allowed:
            return gate.allowed[0]
        if gate.min is not None:
            return _number(gate.min)
        if gate.max is not None:
            return _number(gate.max)
    quotas = grid.select.quotas if grid.select is not None else ()
    return next((q.value for q in quotas if q.column == entry.column and q.value), None)


# -- the form -------------------------------------------------------------------------------


def form_columns(
    grid: Grid | Any,
    *,
    lang: str | None = None,
    example: Mapping[str, Any] | pd.Series | None = None,
) -> tuple[FormColumn, ...]:
    """The columns a form for `grid` asks for, in order, in one language, with an example.

    Parameters
    ----------
    grid : Grid or path
        The grid (a ``.yaml`` path is read).
    lang : {"fr", "en"}, optional
        The language of the texts (default: the language rule of :mod:`selection.messages`).
        Labels, level words and descriptions are the grid's own words and stay as written.
    example : mapping or pandas Series, optional
        One producer (a row of a table, by column); a column named ``name`` or ``nom``
        gives the name. Default: the first producer of the shipped example table when it
        has the grid's columns and reads under the grid, else made-up values (the middle
        of each scale, the first level, yes).

    Returns
    -------
    tuple of FormColumn
        The id column, a name column (unless the grid reads one), each column the
        criteria read (grid order), the raw columns of gates, the columns of quotas.

    Examples
    --------
    >>> import selection
    >>> grid = selection.load_grid(selection.example_grid_path())
    >>> price = next(c for c in form_columns(grid, lang="en") if c.column == "price_index")
    >>> price.header, price.bounds, price.unit, price.accepted
    ('Prix / prix de référence (%)', (60.0, 160.0), '%', 'a number between 60 and 160 (%)')
    """
    the_grid = as_grid(grid)
    code = resolve_language(language(lang))
    wanted = _wanted(the_grid)
    if example is None:
        values = _shipped_example(the_grid, wanted) or _plausible(the_grid, wanted, code)
    else:
        values = _with_name(dict(example.items()))
        if isinstance(example, pd.Series) and example.name is not None:
            values.setdefault(the_grid.id_column, example.name)  # a row of a table by id
    headers = _headers(wanted, the_grid, code)
    return tuple(
        _describe(entry, header, the_grid, code, values)
        for entry, header in zip(wanted, headers, strict=True)
    )
