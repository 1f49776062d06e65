"""Reading the fields of a registry's JSON answer, with errors that say where and what.

A registry's answer is JSON from outside: any field may be missing, null, or of another
type than documented. :class:`JsonItem` reads the fields of one item (text, list, object)
and, when one does not fit, raises a :class:`~selection.errors.DataError` that names the
source, the item (its index and identifier) and the field, says what was expected and
describes what was found (:func:`described`), values shortened
(:func:`selection.validators.shorten`). Never a ``KeyError`` or a ``TypeError``.

Examples
--------
>>> item = JsonItem("bio.json", 3, "numeroBio")
>>> item.numero = item.required({"numeroBio": 900101}, "numeroBio", "numeroBio", numbers=True)
>>> item.items({"productions": "Pommes"}, "productions", "productions", required=True)
Traceback (most recent call last):
...
selection.errors.DataError: bio.json, items[3] (numeroBio '900101'), field productions: ...
  expected: a list
  found: text 'Pommes'
>>> described({"a": 1, "b": 2}).render("en"), described(None).render("en")
("an object with the fields 'a', 'b'", 'null')
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..messages import Message, msg
from ..validators import shorten

__all__ = ["MISSING", "JsonItem", "described", "read_json"]

#: A field that is not there at all (not even null).
MISSING = object()

#: Fields of an object named in a message, at most.
_SHOWN_FIELDS = 10


# -- describing what was found ----------------------------------------------------------------

_TYPES: dict[type, Message] = {
    str: msg("registries.json.text", "text"),
    bool: msg("registries.json.boolean", "true/false"),
    int: msg("registries.json.number", "number"),
    float: msg("registries.json.number", "number"),
    list: msg("registries.json.list", "list"),
    dict: msg("registries.json.object", "object"),
}


def described(value: Any) -> Message:
    """What a value is, in words: ``text 'abc'``, ``null``, ``a list of 3 elements``."""
    if value is MISSING:
        return msg("registries.found.missing", "no such field")
    if value is None:
        return msg("registries.found.null", "null")
    if isinstance(value, list):
        return msg("registries.found.list", "a list of {count:d} elements", count=len(value))
    if isinstance(value, dict):
        keys = [shorten(str(key), 40) for key in list(value)[:_SHOWN_FIELDS]]
        if len(value) > _SHOWN_FIELDS:
            keys.append("…")
        return msg(
            "registries.found.object",
            "an object with the fields {fields}",
            fields=", ".join(keys) or "—",
        )
    kind = _TYPES.get(type(value), msg("registries.json.value", "value"))
    return msg("registries.found.value", "{kind} {value}", kind=kind, value=shorten(value))


class JsonItem:
    """One item of a registry's answer, read field by field with errors that say where.

    Parameters
    ----------
    source : str
        The file or address, for messages.
    index : int
        The item's place in ``items``.
    id_field : str
        The name of the field that identifies an item (``numeroBio``), for messages.

    Attributes
    ----------
    numero : str or None
        The item's identifier once read: errors then name it.
    """

    def __init__(self, source: str, index: int, id_field: str) -> None:
        self.source, self.index, self.id_field = source, index, id_field
        self.numero: str | None = None

    def where(self, field: str) -> Message:
        """Where `field` of this item is, in words (the item alone when `field` is empty)."""
        if not field:
            return msg(
                "registries.where.item_only",
                "{source}, items[{index}]",
                source=self.source,
                index=self.index,
            )
        if self.numero is None:
            return msg(
                "registries.where.item",
                "{source}, items[{index}], field {field}",
                source=self.source,
                index=self.index,
                field=field,
            )
        return msg(
            "registries.where.item_id",
            "{source}, items[{index}] ({id_field} {numero}), field {field}",
            source=self.source,
            index=self.index,
            id_field=self.id_field,
            numero=shorten(self.numero),
            field=field,
        )

    def error(
        self, field: str, expected: Message, value: Any, *, hint: Message | None = None
    ) -> DataError:
        """The error for `field`, whose `value` is not what was `expected`."""
        if value is MISSING or value is None:
            problem = msg("registries.problem.missing", "a field the table needs is missing")
        else:
            problem = msg("registries.problem.type", "a field has an unexpected value")
        return DataError(
            problem, where=self.where(field), expected=expected, found=described(value), hint=hint
        )

    # -- typed fields ----------------------------------------------------------------------

    def text(
        self,
        obj: Mapping[str, Any],
        key: str,
        field: str,
        *,
        required: bool,
        numbers: bool = False,
    ) -> str | None:
        """A text field (with `numbers`, a whole number too); None when blank and optional."""
        value = obj.get(key, MISSING)
        if value is MISSING or value is None:
            if required:
                raise self.error(field, msg("registries.expected.text", "a text"), value)
            return None
        allowed = (str, int) if numbers else (str,)
        if isinstance(value, bool) or not isinstance(value, allowed):
            raise self.error(field, msg("registries.expected.text", "a text"), value)
        text = str(value).strip()
        if not text and required:
            raise self.error(field, msg("registries.expected.text", "a text"), value)
        return text or None

    def required(
        self, obj: Mapping[str, Any], key: str, field: str, *, numbers: bool = False
    ) -> str:
        """A text field that must be there and not blank."""
        text = self.text(obj, key, field, required=True, numbers=numbers)
        if text is None:  # pragma: no cover (text() raises first)
            raise self.error(field, msg("registries.expected.text", "a text"), None)
        return text

    def items(self, obj: Mapping[str, Any], key: str, field: str, *, required: bool) -> list[Any]:
        """A list field; an optional one missing or null is empty."""
        value = obj.get(key, MISSING)
        if (value is MISSING or value is None) and not required:
            return []
        if not isinstance(value, list):
            raise self.error(field, msg("registries.expected.list", "a list"), value)
        return value

    def object(self, value: Any, field: str) -> Mapping[str, Any]:
        """An element that must be an object."""
        if not isinstance(value, dict):
            raise self.error(field, msg("registries.expected.object", "an object"), value)
        return value

    def names(self, obj: Mapping[str, Any], key: str) -> list[str]:
        """The ``nom`` of each element of an optional list of objects (activites...)."""
        names: list[str] = []
        for j, element in enumerate(self.items(obj, key, key, required=False)):
            name = self.text(
                self.object(element, f"{key}[{j}]"), "nom", f"{key}[{j}].nom", required=False
            )
            if name is not None and name not in names:
                names.append(name)
        return names


def read_json(path: str | PathLike[str], *, expected: Message) -> Any:
    """The JSON document in a file (UTF-8, -16 or -32; a BOM is fine), or a clear DataError.

    Parameters
    ----------
    path : str or path-like
        The file.
    expected : Message
        What the file should hold, in words, for errors.

    Raises
    ------
    DataError
        The file cannot be read, or is not JSON (a saved web page, another encoding): the
        error gives the line and column, and how the file starts.
    """
    file = Path(path)
    hint = msg(
        "registries.json.hint",
        "save the API's answer itself (in a browser: the raw data, not the web page)",
    )
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise DataError(
            msg("registries.read.problem", "cannot read the file"),
            where=str(file),
            expected=msg("registries.read.expected", "a readable .json file"),
            found=exc.strerror or type(exc).__name__,
            hint=msg("registries.read.hint", "check the path"),
        ) from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DataError(
            msg("registries.json.problem", "the file is not JSON"),
            where=msg(
                "registries.json.where",
                "{file}, line {line}, column {column}",
                file=str(file),
                line=exc.lineno,
                column=exc.colno,
            ),
            expected=expected,
            found=msg(
                "registries.json.found",
                "{error}; the file starts with {start}",
                error=exc.msg,
                start=shorten(raw[:60].decode("utf-8", errors="replace")),
            ),
            hint=hint,
        ) from None
    except UnicodeDecodeError:
        raise DataError(
            msg("registries.json.problem", "the file is not JSON"),
            where=str(file),
            expected=expected,
            found=msg("registries.json.binary", "bytes that are not UTF-8 text"),
            hint=hint,
        ) from None
