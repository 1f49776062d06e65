r"""Messages as data, rendered to words by one renderer, in French or English.

Everything `selection` says to people in its own voice (an ineligibility
reason, a decision reason, a robustness sentence, an audit line, a line of an
error) is made as a :class:`Message`: a *code* (what the message means, stable
for programs), the English *text* with named placeholders, and the *values*.
:func:`render` turns it into words in one language:

- the text is translated through the gettext catalogue of that language
  (``locale/<lang>/LC_MESSAGES/selection.po``, compiled to ``.mo`` when the
  package is built; the code is the entry's ``msgctxt``), so a second language
  is a catalogue, not a second code path;
- the values are formatted by Babel for that language: ``{share:.0%}`` gives
  ``35 %`` in French and ``35%`` in English, ``{score:.3f}`` ``0,843`` and
  ``0.843``, ``{value:.4g}`` up to four significant digits, ``{names:list}``
  ``A, B et C``; a value that is itself a Message is rendered in the same
  language, a sequence of Messages joined with ``"; "``, ``{names:or}`` ``A, B ou C``.

The language of a call is, in this order: the ``lang`` argument, the language
set by :func:`language` (the command line sets it from ``--lang``), the
``SELECTION_LANG`` environment variable, the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``) when it is French or English, else French: the
people this library is for are French-speaking.

Examples
--------
>>> reason = msg("demo.gate", "fails {condition} (has {value:.4g})",
...              condition="distance ≤ 250", value=279.53)
>>> render(reason, "en")
'fails distance ≤ 250 (has 279.5)'
>>> render(msg("demo.share", "{share:.0%} of {count:d} weightings", share=0.41, count=5000), "fr")
'41\xa0% of 5\u202f000 weightings'

(``demo.*`` messages are not in the catalogue: their words stay English, their
numbers follow the language.)
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import os
import re
import string
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Message",
    "current_language",
    "known_language",
    "labelled",
    "language",
    "msg",
    "msgn",
    "render",
    "resolve_language",
    "translated",
]

#: The languages `selection` speaks; French first.
LANGUAGES = ("fr", "en")

#: The language used when nothing else says which.
DEFAULT_LANGUAGE = "fr"

_DOMAIN = "selection"
_LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_CHOSEN: ContextVar[str | None] = ContextVar("selection_language", default=None)


@dataclass(frozen=True, eq=True, unsafe_hash=False)
class Message:
    """A sentence as data: what it means (`code`), its English `text`, and its `values`.

    Build one with :func:`msg` (or :func:`msgn` when it depends on a count), so
    that the catalogue extraction finds it. ``str(message)`` renders it in the
    current language (see :func:`current_language`).

    Attributes
    ----------
    code : str
        Stable identifier, e.g. ``"gate.failed"``; the catalogue's ``msgctxt``.
    text : str
        English text with ``{name}`` or ``{name:spec}`` placeholders.
    values : dict
        The placeholders' values: text, numbers, or other Messages.
    plural : str, optional
        English plural text, chosen by the value `count`.
    """

    code: str
    text: str
    values: dict[str, Any] = field(default_factory=dict, hash=False)
    plural: str | None = None

    def render(self, lang: str | None = None) -> str:
        """The message in words, in `lang` (default: the current language)."""
        return render(self, lang)

    def __hash__(self) -> int:
        return hash((self.code, self.text, self.plural, _frozen(self.values)))

    def __str__(self) -> str:
        return self.render()


def _frozen(value: Any) -> Any:
    """A hashable stand-in for a message's values (lists and dicts become tuples)."""
    if isinstance(value, dict):
        return tuple((key, _frozen(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def msg(code: str, text: str, /, **values: Any) -> Message:
    """A :class:`Message`; the catalogue extraction looks for calls of this function.

    Examples
    --------
    >>> msg("demo", "rank {rank} of {count}", rank=3, count=60).render("en")
    'rank 3 of 60'
    """
    return Message(code, text, dict(values))


def msgn(code: str, singular: str, plural: str, /, count: int, **values: Any) -> Message:
    """A :class:`Message` whose words depend on `count` (one producer, two producers).

    Examples
    --------
    >>> [msgn("demo.n", "{count} producer", "{count} producers", count=n).render("en")
    ...  for n in (1, 2)]
    ['1 producer', '2 producers']
    """
    return Message(code, singular, {"count": count, **values}, plural)


# -- the language ----------------------------------------------------------------------------


def resolve_language(lang: object = None) -> str:
    """The language to speak: `lang` if given (``"fr"``, ``"fr_FR"``...), else the current one.

    Raises
    ------
    ValueError
        If `lang` is not a language of :data:`LANGUAGES`. Public functions check their
        ``lang`` argument with :func:`selection.validators.language` first, which raises a
        :class:`~selection.errors.SelectionError` saying what is accepted.
    """
    if lang is None:
        return current_language()
    code = known_language(lang)
    if code is None:
        problem = msg(
            "language.unknown",
            "unknown language {lang!r}: expected one of {languages}",
            lang=lang,
            languages=", ".join(LANGUAGES),
        )
        raise ValueError(render(problem, current_language()))
    return code


def known_language(lang: object) -> str | None:
    """The code of `lang` if it is a language `selection` speaks, else None.

    Examples
    --------
    >>> known_language("fr_FR.UTF-8"), known_language("EN"), known_language("de")
    ('fr', 'en', None)
    """
    if not isinstance(lang, str):
        return None
    code = lang.strip().split(".")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def _from_locale() -> str | None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return known_language(value)
    return None


def current_language() -> str:
    """The language in force: :func:`language`, ``SELECTION_LANG``, the locale, else French."""
    chosen = _CHOSEN.get()
    if chosen is not None:
        return chosen
    return known_language(os.environ.get("SELECTION_LANG")) or _from_locale() or DEFAULT_LANGUAGE


@contextlib.contextmanager
def language(lang: object) -> Iterator[str]:
    """Speak `lang` inside the ``with`` block (None: leave the current language).

    Examples
    --------
    >>> with language("en"):
    ...     current_language()
    'en'
    """
    if lang is None:
        yield current_language()
        return
    token = _CHOSEN.set(resolve_language(lang))
    try:
        yield _CHOSEN.get() or DEFAULT_LANGUAGE
    finally:
        _CHOSEN.reset(token)


# -- the catalogues --------------------------------------------------------------------------


@functools.cache
def _translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang`; compiled from its ``.po`` in memory when not built."""
    folder = _LOCALE_DIR / lang / "LC_MESSAGES"
    compiled, source = folder / f"{_DOMAIN}.mo", folder / f"{_DOMAIN}.po"
    if compiled.is_file() and (
        not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime
    ):
        with compiled.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    if source.is_file():  # a checkout that was not built: Babel compiles it here
        import io

        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with source.open("rb") as stream:
            catalog = read_po(stream, locale=lang, domain=_DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    return gettext.NullTranslations()


def translated(message: Message, lang: str) -> str:
    """The text of `message` in `lang`, placeholders left as they are (not formatted)."""
    if lang == "en":
        if message.plural is None:
            return message.text
        return message.text if message.values.get("count") == 1 else message.plural
    catalogue = _translations(lang)
    if message.plural is None:
        return catalogue.pgettext(message.code, message.text)
    return catalogue.npgettext(
        message.code, message.text, message.plural, int(message.values.get("count", 0))
    )


# -- the values ------------------------------------------------------------------------------

_SPEC = re.compile(r"^(?P<sign>\+)?(?:\.(?P<digits>\d+))?(?P<kind>[fg%d])$")


def format_number(value: float, spec: str, lang: str) -> str:
    r"""A number in `lang` by a format spec: ``.3f``, ``+.3f``, ``.0%``, ``.4g``, ``d``.

    Examples
    --------
    >>> format_number(0.8428, ".3f", "fr"), format_number(1234, "d", "en")
    ('0,843', '1,234')
    >>> format_number(0.355, ".1%", "fr"), format_number(-0.0004, "+.3f", "en")
    ('35,5\xa0%', '-0.000')
    """
    from babel.numbers import format_decimal, format_percent

    matched = _SPEC.match(spec)
    if matched is None:
        return format(value, spec)
    digits = int(matched["digits"]) if matched["digits"] is not None else None
    kind, sign = matched["kind"], matched["sign"] is not None
    number = float(value)
    if number != number:
        return "—"
    if kind == "%":
        from babel import Locale

        base = Locale.parse(lang).percent_formats[None].pattern
        decimals = "." + "0" * digits if digits else ""
        pattern = base.replace("0", "0" + decimals, 1) if decimals else base
        return _minus(format_percent(number, pattern, locale=lang), lang)
    if kind == "d":
        return _minus(format_decimal(round(number), "#,##0", locale=lang), lang)
    if kind == "g":
        if number == 0:
            return "0"
        significant = max(digits or 6, 1)
        pattern = "@" + "#" * (significant - 1)
    else:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
    if sign:
        pattern = f"+{pattern};-{pattern}"
    return _minus(format_decimal(number, pattern, locale=lang), lang)


def _minus(text: str, lang: str) -> str:
    """French typography writes the minus sign as − (U+2212), not a hyphen."""
    return text.replace("-", "\u2212", 1) if lang == "fr" and text.startswith("-") else text


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Message):
            return render(value, self.lang)
        if format_spec in ("list", "or"):
            from babel.lists import format_list

            items = [self._one(v) for v in value]
            if format_spec == "or":
                return format_list(items, style="or", locale=self.lang)
            return format_list(items, style="standard", locale=self.lang)
        if isinstance(value, str):
            return format(value, format_spec)
        if isinstance(value, Sequence):
            return _separator(self.lang).join(self._one(v) for v in value)
        if format_spec and isinstance(value, int | float) and not isinstance(value, bool):
            return format_number(value, format_spec, self.lang)
        if hasattr(value, "__float__") and format_spec and not isinstance(value, bool):
            return format_number(float(value), format_spec, self.lang)
        return format(value, format_spec)

    def _one(self, value: Any) -> str:
        return render(value, self.lang) if isinstance(value, Message) else str(value)


def render(message: Message | str | Sequence[Message | str], lang: str | None = None) -> str:
    """`message` in words, in `lang` (default: the current language).

    Plain text is returned as it is; a sequence of messages is joined with ``"; "``
    (``" ; "`` in French).
    """
    if isinstance(message, str):
        return message
    chosen = resolve_language(lang)
    if not isinstance(message, Message):
        return _separator(chosen).join(render(part, chosen) for part in message)
    text = translated(message, chosen)
    return _Formatter(chosen).vformat(text, (), _Values(message.values))


#: How the parts of a list of messages are joined ("; ", with French's narrow space before ";").
SEPARATOR = msg("list.separator", "; ")

#: A thing and what is said of it ("P012: rank 3"), with French's narrow space before ":".
LABELLED = msg("labelled", "{label}: {text}")


def labelled(label: object, text: Message | str) -> Message:
    r"""``label: text`` as a message: a producer, a member or a weight, and what is said of it.

    Examples
    --------
    >>> [labelled("P012", "rank 3").render(lang) for lang in ("en", "fr")]
    ['P012: rank 3', 'P012\u202f: rank 3']
    """
    return Message(LABELLED.code, LABELLED.text, {"label": str(label), "text": text})


def _separator(lang: str) -> str:
    return translated(SEPARATOR, lang)


class _Values(Mapping[str, Any]):
    """The values of a message, with a visible mark where one is missing (never a KeyError)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.given = values

    def __getitem__(self, key: str) -> Any:
        return self.given.get(key, "{" + key + "}")

    def __iter__(self) -> Iterator[str]:
        return iter(self.given)

    def __len__(self) -> int:
        return len(self.given)
