"""Reading grid files (``format: selection/grid@1``) into a :class:`~selection.model.Grid`.

The file is parsed with PyYAML's *safe* loader only. Every value keeps the line
it came from, so that any error, structural or semantic, names the file, the
line and the YAML path (``batteries.quality.criteria.organic.weight``).

Mapping keys are always read as text: ``{no: 0, yes: 1}`` in a ``levels:``
mapping means the words "no" and "yes", not YAML 1.1 booleans.

Examples
--------
>>> import selection
>>> grid = load_grid(selection.example_grid_path())
>>> [b.key for b in grid.batteries]
['quality', 'locality', 'accessibility']
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .errors import GridError, did_you_mean
from .files import read_utf8
from .kinds import Boolean, Distance, Kind, Levels, Numeric
from .model import FORMAT, RESERVED_COLUMNS, Battery, Criterion, Gate, Grid
from .rules import Quota, SelectionRule
from .values import fold
from .vocabulary import Direction, Method, MissingPolicy, Normalization, parse_enum

__all__ = ["load_grid", "parse_grid"]

T = TypeVar("T")

_TOP_KEYS = (
    "format",
    "name",
    "description",
    "id",
    "method",
    "normalization",
    "missing",
    "batteries",
    "eligibility",
    "select",
)
_SELECT_KEYS = ("top", "min_score", "quotas")
_QUOTA_KEYS = ("column", "value", "min", "max")
_BATTERY_KEYS = ("label", "description", "weight", "criteria")
_CRITERION_KEYS = (
    "label",
    "description",
    "column",
    "weight",
    "direction",
    "scale",
    "levels",
    "boolean",
    "distance_from",
    "hub",
    "missing",
)
_GATE_KEYS = ("criterion", "column", "min", "max", "in", "not_in")


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_IN_PROGRESS = object()


@dataclass(frozen=True, slots=True)
class _Source:
    """The parsed document with the line of every YAML path."""

    name: str
    lines: dict[str, int]

    def where(self, path: str) -> str:
        """``file, line N (path)``, using the nearest enclosing path that has a line."""
        probe = path
        while probe and probe not in self.lines:
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""
        line = self.lines.get(probe)
        place = f"{self.name}, line {line}" if line else self.name
        return f"{place} ({path})" if path else place


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
    if isinstance(node, yaml.CollectionNode) and id(node) in memo:
        if memo[id(node)] is _IN_PROGRESS:
            raise GridError(
                "a YAML alias contains itself",
                where=f"{source}, line {node.start_mark.line + 1}"
                + (f" ({path})" if path else ""),
                expected="an alias (`*name`) of a finished anchor (`&name`)",
                found="an alias inside its own anchor",
                hint="write the value out instead of using `&` and `*`",
            )
        return memo[id(node)]
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_TAGS:
        # The safe loader would refuse such a tag; so do we (it is never needed in a grid).
        raise GridError(
            "the file is not valid YAML",
            where=f"{source}, line {node.start_mark.line + 1}" + (f" ({path})" if path else ""),
            expected="plain text, numbers, lists and mappings",
            found=f"the tag {node.tag!r}",
            hint="remove the `!` tag: a grid holds only text, numbers, lists and mappings",
        )
    if isinstance(node, yaml.CollectionNode):
        memo[id(node)] = _IN_PROGRESS
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise GridError(
                    "a mapping key must be plain text",
                    where=f"{source}, line {key_node.start_mark.line + 1}",
                    expected="a name such as `quality`",
                    found="a list or mapping used as a key",
                )
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key in out:
                raise GridError(
                    f"key {key!r} appears twice",
                    where=f"{source}, line {key_node.start_mark.line + 1} ({child})",
                    expected="each key once per mapping",
                    found=f"a second {key!r} (the first is on line {lines[child]})",
                    hint="merge the two entries or rename one",
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
    return loader.construct_object(node, deep=True)


def _parse_yaml(text: str, source: str) -> tuple[Any, _Source]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        data = None if node is None else _to_python(loader, node, "", lines, source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = str(exc.problem or exc).strip()
        if "'\\t'" in problem:
            hint = "indent with spaces, not tabs (set your editor to insert spaces)"
        elif isinstance(exc, yaml.constructor.ConstructorError):
            hint = "remove the `!` tag: a grid holds only text, numbers, lists and mappings"
        else:
            hint = "check the indentation and the colons near that line; quote text that "
            hint += "contains ':' or '#'"
        raise GridError(
            "the file is not valid YAML",
            where=f"{source}{line}",
            expected="YAML as in criteria/lyon-qla.yaml (`key: value`, two-space indents)",
            found=problem,
            hint=hint,
        ) from None
    finally:
        loader.dispose()
    return data, _Source(source, lines)


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Reader:
    """Checks the plain data of one grid file and builds the model objects."""

    def __init__(self, source: _Source) -> None:
        self.src = source

    def fail(self, path: str, problem: str, **fields: str | None) -> GridError:
        return GridError(problem, where=self.src.where(path), **fields)

    def mapping(self, value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(
                path,
                "expected a mapping",
                expected="indented `key: value` lines",
                found=f"{type(value).__name__} {value!r}",
            )
        for key in value:
            if key not in allowed:
                raise self.fail(
                    f"{path}.{key}" if path else key,
                    f"unknown key {key!r}",
                    expected="one of: " + ", ".join(allowed),
                    found=repr(key),
                    hint=did_you_mean(key, allowed),
                )
        return value

    def text(self, value: Any, path: str) -> str:
        if isinstance(value, dict | list) or value is None:
            raise self.fail(
                path, "expected text", expected="a word or a sentence", found=repr(value)
            )
        return str(value)

    def column(self, value: Any, path: str) -> str:
        """A column header of the producer table: text, not blank, spaces stripped."""
        name = self.text(value, path).strip()
        if not name:
            raise self.fail(
                path,
                "a column name cannot be blank",
                expected="the header of a column of the producer table",
                found=repr(value),
            )
        return name

    def number(self, value: Any, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            hint = None
            if isinstance(value, str):
                text = value.strip()
                if text.replace(",", ".", 1).replace(".", "", 1).lstrip("+-").isdigit():
                    hint = (
                        f"write {text.replace(',', '.')} with a decimal point, not a comma"
                        if "," in text
                        else f"write {text} without quotes"
                    )
            raise self.fail(
                path,
                "expected a number",
                expected="a number such as 3 or 2.5",
                found=repr(value),
                hint=hint,
            )
        if not math.isfinite(value):
            raise self.fail(
                path, "expected a finite number", expected="a finite number", found=repr(value)
            )
        return float(value)

    def weight(self, value: Any, path: str) -> float:
        weight = self.number(value, path)
        if weight < 0:
            raise self.fail(
                path,
                "a weight must be non-negative",
                expected="a number ≥ 0 (weights are points; the library normalizes them)",
                found=repr(value),
                hint="give 0 to switch a criterion off",
            )
        return weight

    def pair(
        self, value: Any, path: str, what: str, item: Callable[[Any, str], Any]
    ) -> tuple[Any, Any]:
        if not isinstance(value, list) or len(value) != 2:
            raise self.fail(path, f"expected {what}", expected=what, found=repr(value))
        return item(value[0], f"{path}[0]"), item(value[1], f"{path}[1]")

    def enum(self, enum: Any, value: Any, path: str) -> Any:
        return parse_enum(enum, value, where=self.src.where(path))

    # -- the document -------------------------------------------------------------------

    def grid(self, data: Any) -> Grid:
        if data is None:
            raise self.fail(
                "",
                "the file is empty",
                expected=f"a grid starting with `format: {FORMAT}`",
                found="nothing",
            )
        if not isinstance(data, dict):
            raise self.fail(
                "",
                "this is not a grid file",
                expected=f"`key: value` lines starting with `format: {FORMAT}`",
                found=_shorten(f"{type(data).__name__} {data!r}"),
                hint="a grid looks like criteria/lyon-qla.yaml",
            )
        fmt = data.get("format")
        if fmt != FORMAT:
            raise self.fail(
                "format",
                "missing or unsupported format header" if fmt is None else "unsupported format",
                expected=f"format: {FORMAT}",
                found="no `format:` line" if fmt is None else repr(fmt),
                hint="add `format: selection/grid@1` as the first line"
                if fmt is None
                else "this version of selection reads selection/grid@1 only",
            )
        doc = self.mapping(data, "", _TOP_KEYS)
        for required in ("name", "id", "batteries"):
            if required not in doc:
                raise self.fail(
                    required,
                    f"missing `{required}:`",
                    expected=f"a `{required}:` entry at the top level",
                    found="none",
                )
        batteries_data = self.mapping(doc["batteries"], "batteries", tuple(doc["batteries"] or ()))
        if not batteries_data:
            raise self.fail(
                "batteries", "no batteries", expected="at least one battery", found="none"
            )
        self.check_keys(batteries_data)
        batteries = tuple(self.battery(key, value) for key, value in batteries_data.items())
        gates_data = doc.get("eligibility") or []
        if not isinstance(gates_data, list):
            raise self.fail(
                "eligibility",
                "expected a list of gates",
                expected="lines starting with `- `",
                found=repr(gates_data),
            )
        gates = tuple(self.gate(g, f"eligibility[{i}]") for i, g in enumerate(gates_data))
        normalization = doc.get("normalization")
        return self.build(
            lambda: Grid(
                name=self.text(doc["name"], "name"),
                description=self.text(doc["description"], "description").strip()
                if "description" in doc
                else "",
                id_column=self.column(doc["id"], "id"),
                method=self.enum(Method, doc.get("method", "wsm"), "method"),
                normalization=None
                if normalization is None
                else self.enum(Normalization, normalization, "normalization"),
                missing=self.enum(MissingPolicy, doc.get("missing", "raise"), "missing"),
                batteries=batteries,
                eligibility=gates,
                select=self.selection(doc["select"]) if doc.get("select") is not None else None,
                source=self.src.name,
            )
        )

    def build(self, make: Callable[[], T], path: str | None = None) -> T:
        """Run a model constructor, giving its errors the file and line (of `path` if given)."""
        try:
            return make()
        except GridError as exc:
            if exc.where and self.src.name in exc.where:
                raise
            raise GridError(
                exc.problem,
                where=self.src.where(path if path is not None else exc.where or ""),
                expected=exc.expected,
                found=exc.found,
                hint=exc.hint,
            ) from None

    def check_keys(self, batteries: dict[str, Any]) -> None:
        """Battery and criterion keys: not reserved, unique across the grid."""
        seen: dict[str, tuple[str, str]] = {}
        for battery, value in batteries.items():
            paths = [(battery, f"batteries.{battery}")]
            criteria = value.get("criteria") if isinstance(value, dict) else None
            if isinstance(criteria, dict):
                paths += [(k, f"batteries.{battery}.criteria.{k}") for k in criteria]
            for key, path in paths:
                what = "battery" if path.count(".") == 1 else "criterion"
                if key in RESERVED_COLUMNS:
                    raise self.fail(
                        path,
                        f"{key!r} is a reserved name",
                        expected=f"a {what} key other than "
                        + ", ".join(RESERVED_COLUMNS)
                        + " (columns of the ranking)",
                        found=repr(key),
                        hint="choose another key; `label:` can still say what you like",
                    )
                if key in seen:
                    first, first_what = seen[key]
                    line = self.src.lines.get(first)
                    raise self.fail(
                        path,
                        f"key {key!r} is used twice",
                        expected="battery and criterion keys unique across the grid",
                        found=f"{key!r} is already a {first_what}"
                        + (f" on line {line}" if line else "")
                        + f" ({first})",
                        hint="rename one of them",
                    )
                seen[key] = (path, what)

    def battery(self, key: str, value: Any) -> Battery:
        path = f"batteries.{key}"
        data = self.mapping(value, path, _BATTERY_KEYS)
        if "criteria" not in data:
            raise self.fail(
                path, "missing `criteria:`", expected="a `criteria:` mapping", found="none"
            )
        criteria_data = self.mapping(
            data["criteria"], f"{path}.criteria", tuple(data["criteria"] or ())
        )
        criteria = tuple(
            self.criterion(k, v, f"{path}.criteria.{k}") for k, v in criteria_data.items()
        )
        weight = self.weight(data.get("weight", 1), f"{path}.weight")
        label = self.text(data.get("label", key), f"{path}.label")
        return self.build(lambda: Battery(key, criteria, weight=weight, label=label))

    def kind(self, key: str, data: dict[str, Any], path: str) -> Kind:
        scale = None
        if "scale" in data:
            low, high = self.pair(data["scale"], f"{path}.scale", "[low, high]", self.number)
            if not low < high:
                raise self.fail(
                    f"{path}.scale",
                    "empty scale" if low == high else "scale in the wrong order",
                    expected="[low, high] with low < high",
                    found=repr(data["scale"]),
                    hint=None
                    if low == high
                    else f"write [{high:g}, {low:g}]; if less is better, add `direction: min`",
                )
            scale = (low, high)
        column = self.column(data.get("column", key), f"{path}.column")
        present = [k for k in ("levels", "boolean", "distance_from") if k in data]
        if len(present) > 1:
            raise self.fail(
                f"{path}.{present[1]}",
                "a criterion has one kind only",
                expected="one of `levels:`, `boolean: true` or `distance_from:`",
                found=" and ".join(f"`{p}:`" for p in present),
            )
        if "hub" in data and "distance_from" not in data:
            raise self.fail(
                f"{path}.hub",
                "`hub:` without `distance_from:`",
                expected="both, or neither",
                found="hub only",
            )
        if "levels" in data:
            levels = self.mapping(data["levels"], f"{path}.levels", tuple(data["levels"] or ()))
            if not levels:
                raise self.fail(
                    f"{path}.levels", "no levels", expected="word: points pairs", found="none"
                )
            pairs = tuple(
                (word, self.number(points, f"{path}.levels.{word}"))
                for word, points in levels.items()
            )
            seen: dict[str, str] = {}
            for word, _ in pairs:
                if fold(word) in seen:
                    raise self.fail(
                        f"{path}.levels.{word}",
                        f"levels {seen[fold(word)]!r} and {word!r} are the same word",
                        expected="distinct words (case and spaces do not count in the table)",
                        found=f"{seen[fold(word)]!r} and {word!r}",
                        hint="keep one of them",
                    )
                seen[fold(word)] = word
            return Levels(column=column, levels=pairs, scale=scale)
        if "boolean" in data:
            if data["boolean"] is not True:
                raise self.fail(
                    f"{path}.boolean",
                    "expected `boolean: true`",
                    expected="true",
                    found=repr(data["boolean"]),
                )
            return Boolean(column=column)
        if "distance_from" in data:
            lat, lon = self.pair(
                data["distance_from"],
                f"{path}.distance_from",
                "[latitude column, longitude column]",
                self.text,
            )
            if "hub" not in data:
                raise self.fail(
                    f"{path}.distance_from",
                    "a distance needs a hub",
                    expected="`hub: [latitude, longitude]`",
                    found="no hub",
                )
            hub = self.pair(data["hub"], f"{path}.hub", "[latitude, longitude]", self.number)
            if abs(hub[0]) > 90 or abs(hub[1]) > 180:
                raise self.fail(
                    f"{path}.hub",
                    "hub out of range",
                    expected="[latitude, longitude] in decimal degrees",
                    found=repr(data["hub"]),
                )
            return Distance(
                latitude=self.column(lat, f"{path}.distance_from[0]"),
                longitude=self.column(lon, f"{path}.distance_from[1]"),
                hub=hub,
                scale=scale,
            )
        return Numeric(column=column, scale=scale)

    def criterion(self, key: str, value: Any, path: str) -> Criterion:
        data = self.mapping(value if value is not None else {}, path, _CRITERION_KEYS)
        kind = self.kind(key, data, path)
        direction = self.enum(Direction, data.get("direction", "max"), f"{path}.direction")
        missing = data.get("missing")
        weight = self.weight(data.get("weight", 1), f"{path}.weight")
        return self.build(
            lambda: Criterion(
                key=key,
                kind=kind,
                weight=weight,
                direction=direction,
                label=self.text(data.get("label", key), f"{path}.label"),
                missing=None
                if missing is None
                else self.enum(MissingPolicy, missing, f"{path}.missing"),
            )
        )

    def whole(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(
                path,
                "expected a whole number",
                expected="a whole number ≥ 0, e.g. 3",
                found=repr(value),
            )
        return value

    def selection(self, value: Any) -> SelectionRule:
        data = self.mapping(value, "select", _SELECT_KEYS)
        quotas_data = data.get("quotas") or []
        if not isinstance(quotas_data, list):
            raise self.fail(
                "select.quotas",
                "expected a list of quotas",
                expected="lines starting with `- `, e.g. `- {column: category, max: 3}`",
                found=repr(quotas_data),
            )
        quotas = [self.quota(item, f"select.quotas[{i}]") for i, item in enumerate(quotas_data)]
        top = self.whole(data["top"], "select.top") if "top" in data else None
        score = self.number(data["min_score"], "select.min_score") if "min_score" in data else None
        return self.build(
            lambda: SelectionRule(top=top, min_score=score, quotas=tuple(quotas)), "select"
        )

    def quota(self, value: Any, path: str) -> Quota:
        data = self.mapping(value, path, _QUOTA_KEYS)
        if "column" not in data:
            raise self.fail(
                path, "a quota needs a column", expected="`column: NAME`", found="none"
            )
        column = self.text(data["column"], f"{path}.column").strip()
        target = self.text(data["value"], f"{path}.value").strip() if "value" in data else None
        low = self.whole(data["min"], f"{path}.min") if "min" in data else None
        high = self.whole(data["max"], f"{path}.max") if "max" in data else None
        return self.build(lambda: Quota(column=column, value=target, min=low, max=high), path)

    def gate(self, value: Any, path: str) -> Gate:
        data = self.mapping(value, path, _GATE_KEYS)
        targets = [k for k in ("criterion", "column") if k in data]
        if len(targets) != 1:
            raise self.fail(
                path,
                "a gate tests one criterion or one column",
                expected="either `criterion: KEY` or `column: NAME`",
                found=" and ".join(targets) or "neither",
            )
        tests = [k for k in ("min", "max", "in", "not_in") if k in data]
        if not tests:
            raise self.fail(
                path,
                "a gate without a test",
                expected="`min:`, `max:`, `in:` or `not_in:`",
                found="none",
            )

        def words(name: str) -> tuple[str, ...] | None:
            if name not in data:
                return None
            items = data[name]
            if not isinstance(items, list) or not items:
                raise self.fail(
                    f"{path}.{name}",
                    "expected a list of words",
                    expected="[word, word, ...]",
                    found=repr(items),
                )
            return tuple(self.text(w, f"{path}.{name}[{i}]") for i, w in enumerate(items))

        return Gate(
            criterion=self.text(data["criterion"], f"{path}.criterion")
            if "criterion" in data
            else None,
            column=self.column(data["column"], f"{path}.column") if "column" in data else None,
            min=self.number(data["min"], f"{path}.min") if "min" in data else None,
            max=self.number(data["max"], f"{path}.max") if "max" in data else None,
            allowed=words("in"),
            refused=words("not_in"),
        )


def parse_grid(text: str, *, source: str = "<grid>") -> Grid:
    """Build a Grid from the text of a grid file.

    Parameters
    ----------
    text : str
        YAML text.
    source : str
        Name used in error messages (the file path).

    Examples
    --------
    >>> grid = parse_grid('''
    ... format: selection/grid@1
    ... name: demo
    ... id: producer
    ... batteries:
    ...   all:
    ...     criteria:
    ...       price: {direction: min, weight: 2}
    ...       volume: {weight: 1}
    ... ''')
    >>> grid.weights.round(3).to_dict()
    {'price': 0.667, 'volume': 0.333}
    """
    data, src = _parse_yaml(text, source)
    return _Reader(src).grid(data)


def load_grid(path: str | PathLike[str]) -> Grid:
    """Read a grid file (``format: selection/grid@1``) and check it completely.

    Parameters
    ----------
    path : str or path-like
        A ``.yaml`` file.

    Returns
    -------
    Grid
        Frozen; its :attr:`~selection.model.Grid.source` is the path.

    Raises
    ------
    GridError
        If the file is missing, not UTF-8, not YAML, or not a valid grid; the
        message names the file, the line and the YAML path.
    """
    text = read_utf8(
        path,
        error=GridError,
        what="the grid file",
        hint="check the path; `selection validate` takes the path of a grid file",
    )
    return parse_grid(text, source=str(Path(path)))
