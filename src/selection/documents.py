r"""YAML documents read safely, every value with the line it came from.

The grid files, the committee's weights files and the other ``selection/...``
formats are read here: PyYAML's *safe* loader only, mapping keys always read as
text (``{no: 0, yes: 1}`` means the words "no" and "yes"), duplicate keys and
aliases that contain themselves refused, and the line of every YAML path kept
so that any error, structural or semantic, names the file, the line and the
path (``batteries.quality.criteria.organic.weight``).

:class:`DocumentReader` holds the checks every format shares (a mapping with
known keys, text, a number, a weight, a choice); each format's reader adds its
own on top.

Examples
--------
>>> data, source = parse_yaml("a:\n  b: 1\n", "demo.yaml")
>>> data, source.where("a.b")
({'a': {'b': 1}}, 'demo.yaml, line 2 (a.b)')
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import yaml

from .errors import GridError, SelectionError, did_you_mean
from .messages import Message, msg, render
from .validators import one_of, shorten

__all__ = ["DocumentReader", "Source", "parse_yaml"]

T = TypeVar("T")

_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_IN_PROGRESS = object()


@dataclass(frozen=True, slots=True)
class Source:
    """The parsed document with the line of every YAML path."""

    name: str
    lines: dict[str, int]

    def line_of(self, path: str) -> int | None:
        """The line of `path`, or of the nearest enclosing path that has one."""
        probe = path
        while probe and probe not in self.lines:
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""
        return self.lines.get(probe)

    def where(self, path: str) -> str:
        """``file, line N (path)``, using the nearest enclosing path that has a line."""
        line = self.line_of(path)
        place = (
            render(msg("where.file_line", "{file}, line {line}", file=self.name, line=line))
            if line
            else self.name
        )
        return f"{place} ({path})" if path else place


def _surrogate(value: str, source: str, line: int, path: str) -> GridError:
    """A lone surrogate (half of a character, written as an escape): no file can hold it."""
    return GridError(
        msg("documents.surrogate", "the text holds half of a character (a lone surrogate)"),
        where=msg(
            "documents.to_python.where.2",
            "{source}, line {value}{value2}",
            source=source,
            value=line,
            value2=f" ({path})" if path else "",
        ),
        expected=msg("documents.control_expected", "printable text"),
        found=shorten(value),
        hint=msg(
            "documents.surrogate_hint", "remove the `\\u` escape, or write the character itself"
        ),
    )


def _to_python(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    path: str,
    lines: dict[str, int],
    source: str,
    memo: dict[int, Any] | None = None,
) -> Any:
    """Convert a node tree to plain data, recording the line of each path.

    A list or mapping that YAML aliases (``*name``) is converted once: an alias
    that contains itself is refused, and a chain of aliases cannot blow up.
    """
    memo = {} if memo is None else memo
    if path.count(".") + path.count("[") > MAX_DEPTH:
        raise _too_deep(source, node.start_mark.line + 1)
    if isinstance(node, yaml.CollectionNode) and id(node) in memo:
        if memo[id(node)] is _IN_PROGRESS:
            raise GridError(
                msg("documents.to_python.problem.2", "a YAML alias contains itself"),
                where=msg(
                    "documents.to_python.where.2",
                    "{source}, line {value}{value2}",
                    source=source,
                    value=node.start_mark.line + 1,
                    value2=f" ({path})" if path else "",
                ),
                expected=msg(
                    "documents.to_python.expected.2",
                    "an alias (`*name`) of a finished anchor (`&name`)",
                ),
                found=msg("documents.to_python.found.2", "an alias inside its own anchor"),
                hint=msg(
                    "documents.to_python.hint.2",
                    "write the value out instead of using `&` and `*`",
                ),
            )
        return memo[id(node)]
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_TAGS:
        # The safe loader would refuse such a tag; so do we (it is never needed in a grid).
        raise GridError(
            msg("documents.to_python.problem", "the file is not valid YAML"),
            where=msg(
                "documents.to_python.where",
                "{source}, line {value}{value2}",
                source=source,
                value=node.start_mark.line + 1,
                value2=f" ({path})" if path else "",
            ),
            expected=msg(
                "documents.to_python.expected", "plain text, numbers, lists and mappings"
            ),
            found=msg("documents.to_python.found", "the tag {tag!r}", tag=node.tag),
            hint=msg(
                "documents.to_python.hint",
                "remove the `!` tag: a grid holds only text, numbers, lists and mappings",
            ),
        )
    if isinstance(node, yaml.CollectionNode):
        memo[id(node)] = _IN_PROGRESS
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise GridError(
                    msg("documents.to_python.problem.3", "a mapping key must be plain text"),
                    where=msg(
                        "documents.to_python.where.3",
                        "{source}, line {value}",
                        source=source,
                        value=key_node.start_mark.line + 1,
                    ),
                    expected=msg("documents.to_python.expected.3", "a name such as `quality`"),
                    found=msg("documents.to_python.found.3", "a list or mapping used as a key"),
                )
            key = str(key_node.value)
            if _SURROGATE.search(key):
                raise _surrogate(key, source, key_node.start_mark.line + 1, path)
            child = f"{path}.{key}" if path else key
            if key in out:
                raise GridError(
                    msg("documents.to_python.problem.4", "key {key!r} appears twice", key=key),
                    where=msg(
                        "documents.to_python.where.4",
                        "{source}, line {value} ({child})",
                        source=source,
                        value=key_node.start_mark.line + 1,
                        child=child,
                    ),
                    expected=msg("documents.to_python.expected.4", "each key once per mapping"),
                    found=msg(
                        "documents.to_python.found.4",
                        "a second {key!r} (the first is on line {lines})",
                        key=key,
                        lines=lines[child],
                    ),
                    hint=msg("documents.to_python.hint.3", "merge the two entries or rename one"),
                )
            out[key] = _to_python(loader, value_node, child, lines, source, memo)
            lines[child] = key_node.start_mark.line + 1
        memo[id(node)] = out
        return out
    if isinstance(node, yaml.SequenceNode):
        items = [
            _to_python(loader, item, f"{path}[{i}]", lines, source, memo)
            for i, item in enumerate(node.value)
        ]
        memo[id(node)] = items
        return items
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError:  # an integer of more than 4300 digits (Python's conversion limit)
        raise GridError(
            msg("documents.too_many_digits", "a number with too many digits"),
            where=msg(
                "documents.to_python.where.2",
                "{source}, line {value}{value2}",
                source=source,
                value=node.start_mark.line + 1,
                value2=f" ({path})" if path else "",
            ),
            expected=msg("documents.digits_expected", "a number such as 3 or 2.5"),
            found=msg(
                "documents.digits_found",
                "{count:d} digits",
                count=len(str(getattr(node, "value", ""))),
            ),
        ) from None
    if isinstance(value, str) and _SURROGATE.search(value):
        raise _surrogate(value, source, node.start_mark.line + 1, path)
    return value


#: The largest document read (characters): grids and member files are a few kilobytes;
#: a bigger one is refused before parsing (a 64 MB list once took 2 minutes and 1.8 GB).
MAX_DOCUMENT_CHARS = 1_000_000

#: How deep lists and mappings may nest (a grid needs about 6 levels).
MAX_DEPTH = 40

#: Characters YAML refuses (C0 and C1 controls but tab and newlines, DEL, surrogates,
#: noncharacters), found before parsing so that the error names them.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)

_SURROGATE = re.compile("[\ud800-\udfff]")

_CHARACTER_NAMES = {
    0x00: "NUL",
    0x1B: "ESC (escape)",
    0x7F: "DEL",
    0x9B: "CSI",
}


def _check_text(text: str, source: str) -> None:
    """Refuse a document too large to be a grid, or holding characters YAML cannot take."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise GridError(
            msg("documents.too_large", "the file is too large for a grid or a member file"),
            where=source,
            expected=msg(
                "documents.too_large_expected",
                "at most {limit:d} characters (a grid is a few thousand)",
                limit=MAX_DOCUMENT_CHARS,
            ),
            found=msg("documents.too_large_found", "{count:d} characters", count=len(text)),
            hint=msg("documents.too_large_hint", "check that this is the right file"),
        )
    bad = _UNPRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        code = ord(bad.group())
        name = _CHARACTER_NAMES.get(code, "a control character")
        raise GridError(
            msg("documents.control_character", "the file holds a character YAML does not allow"),
            where=msg(
                "where.file_line_column",
                "{file}, line {line}, column {column}",
                file=source,
                line=line,
                column=column,
            ),
            expected=msg("documents.control_expected", "printable text"),
            found=msg(
                "documents.control_found", "U+{code} ({name})", code=f"{code:04X}", name=name
            ),
            hint=msg(
                "documents.control_hint",
                "delete it (it often comes with a copy and paste) and save the file again",
            ),
        )


def _too_deep(source: str, line: int | None) -> GridError:
    where = (
        msg("where.file_line", "{file}, line {line}", file=source, line=line) if line else source
    )
    return GridError(
        msg("documents.too_deep", "lists and mappings are nested too deeply"),
        where=where,
        expected=msg(
            "documents.too_deep_expected",
            "at most {depth:d} levels (a grid needs about 6)",
            depth=MAX_DEPTH,
        ),
        found=msg("documents.too_deep_found", "more levels"),
        hint=msg("documents.too_deep_hint", "check the brackets and the indentation"),
    )


def parse_yaml(text: str, source: str) -> tuple[Any, Source]:
    """The plain data of YAML `text` and where each value is; a GridError if it is not YAML.

    Refused before parsing: a document over :data:`MAX_DOCUMENT_CHARS`, or
    holding control characters (named, with their line and column); while
    parsing: nesting deeper than :data:`MAX_DEPTH`.
    """
    _check_text(text, source)
    loader = yaml.SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise _too_deep(source, None) from None
        lines: dict[str, int] = {}
        data = None if node is None else _to_python(loader, node, "", lines, source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (
            render(
                msg(
                    "where.line_column",
                    ", line {line}, column {column}",
                    line=mark.line + 1,
                    column=mark.column + 1,
                )
            )
            if mark
            else ""
        )
        problem = str(exc.problem or exc).strip()
        if "'\\t'" in problem:
            hint = msg(
                "yaml.tabs", "indent with spaces, not tabs (set your editor to insert spaces)"
            )
        elif isinstance(exc, yaml.constructor.ConstructorError):
            hint = msg(
                "yaml.tag",
                "remove the `!` tag: a grid holds only text, numbers, lists and mappings",
            )
        else:
            hint = msg(
                "yaml.syntax",
                "check the indentation and the colons near that line; quote text that contains "
                "':' or '#'",
            )
        raise GridError(
            msg("documents.parse_yaml.problem", "the file is not valid YAML"),
            where=f"{source}{line}",
            expected=msg(
                "documents.parse_yaml.expected",
                "YAML as in criteria/lyon-qla.yaml (`key: value`, two-space indents)",
            ),
            found=problem,
            hint=hint,
        ) from None
    finally:
        loader.dispose()
    return data, Source(source, lines)


class DocumentReader:
    """The checks every document format shares; `error` is the format's error class."""

    error: type[SelectionError] = GridError

    def __init__(self, source: Source) -> None:
        self.src = source

    def fail(
        self, path: str, problem: str | Message, **fields: str | Message | None
    ) -> SelectionError:
        """The format's error at `path` (file, line and YAML path)."""
        error = self.error(problem, where=self.src.where(path), **fields)
        error.path, error.line = path, self.src.line_of(path)
        return error

    def mapping(self, value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        """`value` as a mapping whose keys are among `allowed` ("did you mean" otherwise)."""
        if not isinstance(value, dict):
            raise self.fail(
                path,
                msg("documents.DocumentReader.mapping.problem", "expected a mapping"),
                expected=msg(
                    "documents.DocumentReader.mapping.expected", "indented `key: value` lines"
                ),
                found=f"{type(value).__name__} {shorten(value)}",
            )
        for key in value:
            if key not in allowed:
                raise self.fail(
                    f"{path}.{key}" if path else key,
                    msg(
                        "documents.DocumentReader.mapping.problem.2",
                        "unknown key {key!r}",
                        key=key,
                    ),
                    expected=msg(
                        "documents.DocumentReader.mapping.expected.2",
                        "one of: {items}",
                        items=", ".join(allowed),
                    ),
                    found=repr(key),
                    hint=did_you_mean(key, allowed),
                )
        return value

    def text(self, value: Any, path: str) -> str:
        """`value` as text (a word or a sentence, not a list, a mapping or nothing)."""
        if isinstance(value, dict | list) or value is None:
            raise self.fail(
                path,
                msg("documents.DocumentReader.text.problem", "expected text"),
                expected=msg("documents.DocumentReader.text.expected", "a word or a sentence"),
                found=shorten(value),
            )
        return str(value)

    def column(self, value: Any, path: str) -> str:
        """A column header of the producer table: text, not blank, spaces stripped."""
        name = self.text(value, path).strip()
        if not name:
            raise self.fail(
                path,
                msg("documents.DocumentReader.column.problem", "a column name cannot be blank"),
                expected=msg(
                    "documents.DocumentReader.column.expected",
                    "the header of a column of the producer table",
                ),
                found=shorten(value),
            )
        return name

    def number(self, value: Any, path: str) -> float:
        """`value` as a finite number (with a hint for ``"2,5"`` or ``"3"`` in quotes)."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            hint = None
            if isinstance(value, str):
                text = value.strip()
                if text.replace(",", ".", 1).replace(".", "", 1).lstrip("+-").isdigit():
                    hint = (
                        msg(
                            "documents.decimal_comma",
                            "write {number} with a decimal point, not a comma",
                            number=text.replace(",", "."),
                        )
                        if "," in text
                        else msg(
                            "documents.quoted_number", "write {number} without quotes", number=text
                        )
                    )
            raise self.fail(
                path,
                msg("documents.DocumentReader.number.problem", "expected a number"),
                expected=msg(
                    "documents.DocumentReader.number.expected", "a number such as 3 or 2.5"
                ),
                found=shorten(value),
                hint=hint,
            )
        number = float(value) if isinstance(value, float) or abs(value) < 2**1000 else math.inf
        if not math.isfinite(number):
            raise self.fail(
                path,
                msg("documents.DocumentReader.number.problem.2", "expected a finite number"),
                expected=msg("documents.DocumentReader.number.expected.2", "a finite number"),
                found=shorten(value),
            )
        return number

    def weight(self, value: Any, path: str) -> float:
        """`value` as a weight: a number ≥ 0."""
        weight = self.number(value, path)
        if weight < 0:
            raise self.fail(
                path,
                msg("documents.DocumentReader.weight.problem", "a weight must be non-negative"),
                expected=msg(
                    "documents.DocumentReader.weight.expected",
                    "a number ≥ 0 (weights are points; the library normalizes them)",
                ),
                found=shorten(value),
                hint=msg(
                    "documents.DocumentReader.weight.hint", "give 0 to switch a criterion off"
                ),
            )
        return weight

    def pair(  # noqa: D102
        self, value: Any, path: str, what: str, item: Callable[[Any, str], Any]
    ) -> tuple[Any, Any]:
        if not isinstance(value, list) or len(value) != 2:
            raise self.fail(
                path,
                msg("documents.DocumentReader.pair.problem", "expected {what}", what=what),
                expected=what,
                found=shorten(value),
            )
        return item(value[0], f"{path}[0]"), item(value[1], f"{path}[1]")

    def choice(
        self,
        value: Any,
        path: str,
        choices: Iterable[str] | type[Any],
        what: str | Message,
    ) -> Any:
        """One of `choices` (an Enum member when `choices` is an Enum), with "did you mean"."""
        try:
            return one_of(
                value, path, choices, where=self.src.where(path), what=what, error=self.error
            )
        except SelectionError as exc:
            exc.path, exc.line = path, self.src.line_of(path)
            raise

    def build(self, make: Callable[[], T], path: str | None = None) -> T:
        """Run a model constructor, giving its errors the file and line (of `path` if given)."""
        try:
            return make()
        except SelectionError as exc:
            if exc.where and self.src.name in exc.where:
                raise
            place = path if path is not None else exc.where or ""
            error = type(exc)(
                exc.problem,
                where=self.src.where(place),
                expected=exc.expected,
                found=exc.found,
                hint=exc.hint,
            )
            error.path, error.line = place, self.src.line_of(place)
            raise error from None

    def whole(self, value: Any, path: str) -> int:
        """A whole number ≥ 0."""
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(
                path,
                msg("documents.DocumentReader.whole.problem", "expected a whole number"),
                expected=msg(
                    "documents.DocumentReader.whole.expected", "a whole number ≥ 0, e.g. 3"
                ),
                found=shorten(value),
            )
        return value
