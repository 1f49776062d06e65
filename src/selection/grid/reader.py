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

from os import PathLike
from pathlib import Path
from typing import Any

from ..documents import DocumentReader, parse_yaml
from ..engines import Normalization, method_names
from ..errors import GridError
from ..files import read_utf8
from ..messages import msg
from ..table.cells import fold
from ..validators import shorten
from .kinds import Boolean, Distance, Kind, Levels, Numeric
from .model import FORMAT, RESERVED_COLUMNS, Battery, Criterion, Gate, Grid
from .plan_rule import Budget, PlanRule
from .rules import Quota, SelectionRule
from .vocabulary import Direction, MissingPolicy

__all__ = ["as_grid", "load_grid", "parse_grid"]

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
    "plan",
)
_PLAN_KEYS = ("objective", "max_share", "fair_shortfall", "budget")
_BUDGET_KEYS = ("amount", "per", "stores")
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


class _GridReader(DocumentReader):
    """Checks the plain data of one grid file and builds the model objects."""

    error = GridError

    # -- the document -------------------------------------------------------------------

    def grid(self, data: Any) -> Grid:
        if data is None:
            raise self.fail(
                "",
                msg("grid.reader.GridReader.grid.problem", "the file is empty"),
                expected=msg(
                    "grid.reader.GridReader.grid.expected",
                    "a grid starting with `format: {FORMAT}`",
                    FORMAT=FORMAT,
                ),
                found=msg("grid.reader.GridReader.grid.found", "nothing"),
            )
        if not isinstance(data, dict):
            raise self.fail(
                "",
                msg("grid.reader.GridReader.grid.problem.2", "this is not a grid file"),
                expected=msg(
                    "grid.reader.GridReader.grid.expected.2",
                    "`key: value` lines starting with `format: {FORMAT}`",
                    FORMAT=FORMAT,
                ),
                found=f"{type(data).__name__} {shorten(data)}",
                hint=msg(
                    "grid.reader.GridReader.grid.hint", "a grid looks like criteria/lyon-qla.yaml"
                ),
            )
        fmt = data.get("format")
        if fmt != FORMAT:
            raise self.fail(
                "format",
                (
                    msg(
                        "grid.reader.GridReader.grid.problem.3.a",
                        "missing or unsupported format header",
                    )
                    if fmt is None
                    else msg("grid.reader.GridReader.grid.problem.3.b", "unsupported format")
                ),
                expected=msg(
                    "grid.reader.GridReader.grid.expected.3", "format: {FORMAT}", FORMAT=FORMAT
                ),
                found=(
                    msg("grid.reader.GridReader.grid.found.3.a", "no `format:` line")
                    if fmt is None
                    else repr(fmt)
                ),
                hint=(
                    msg(
                        "grid.reader.GridReader.grid.hint.2.a",
                        "add `format: selection/grid@1` as the first line",
                    )
                    if fmt is None
                    else msg(
                        "grid.reader.GridReader.grid.hint.2.b",
                        "this version of selection reads selection/grid@1 only",
                    )
                ),
            )
        doc = self.mapping(data, "", _TOP_KEYS)
        for required in ("name", "id", "batteries"):
            if required not in doc:
                raise self.fail(
                    required,
                    msg(
                        "grid.reader.GridReader.grid.problem.6",
                        "missing `{required}:`",
                        required=required,
                    ),
                    expected=msg(
                        "grid.reader.GridReader.grid.expected.6",
                        "a `{required}:` entry at the top level",
                        required=required,
                    ),
                    found=msg("grid.reader.GridReader.grid.found.6", "none"),
                )
        batteries_data = self.mapping(doc["batteries"], "batteries", tuple(doc["batteries"] or ()))
        if not batteries_data:
            raise self.fail(
                "batteries",
                msg("grid.reader.GridReader.grid.problem.4", "no batteries"),
                expected=msg("grid.reader.GridReader.grid.expected.4", "at least one battery"),
                found=msg("grid.reader.GridReader.grid.found.4", "none"),
            )
        self.check_keys(batteries_data)
        batteries = tuple(self.battery(key, value) for key, value in batteries_data.items())
        gates_data = doc.get("eligibility") or []
        if not isinstance(gates_data, list):
            raise self.fail(
                "eligibility",
                msg("grid.reader.GridReader.grid.problem.5", "expected a list of gates"),
                expected=msg("grid.reader.GridReader.grid.expected.5", "lines starting with `- `"),
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
                method=self.choice(
                    doc.get("method", "wsm"),
                    "method",
                    method_names(),
                    msg("what.method", "method"),
                ),
                normalization=None
                if normalization is None
                else self.choice(
                    normalization,
                    "normalization",
                    Normalization,
                    msg("what.normalization", "normalization"),
                ),
                missing=self.choice(
                    doc.get("missing", "raise"),
                    "missing",
                    MissingPolicy,
                    msg("what.missing", "missing-data policy"),
                ),
                batteries=batteries,
                eligibility=gates,
                select=self.selection(doc["select"]) if doc.get("select") is not None else None,
                plan=self.plan(doc["plan"]) if doc.get("plan") is not None else None,
                source=self.src.name,
            )
        )

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
                        msg(
                            "grid.reader.GridReader.check_keys.problem",
                            "{key!r} is a reserved name",
                            key=key,
                        ),
                        expected=msg(
                            "grid.reader.GridReader.check_keys.expected",
                            "a {what} key other than {items} (columns of the ranking)",
                            what=what,
                            items=", ".join(RESERVED_COLUMNS),
                        ),
                        found=repr(key),
                        hint=msg(
                            "grid.reader.GridReader.check_keys.hint",
                            "choose another key; `label:` can still say what you like",
                        ),
                    )
                if key in seen:
                    first, first_what = seen[key]
                    line = self.src.lines.get(first)
                    raise self.fail(
                        path,
                        msg(
                            "grid.reader.GridReader.check_keys.problem.2",
                            "key {key!r} is used twice",
                            key=key,
                        ),
                        expected=msg(
                            "grid.reader.GridReader.check_keys.expected.2",
                            "battery and criterion keys unique across the grid",
                        ),
                        found=msg(
                            "grid.reader.GridReader.check_keys.found.2",
                            "{key!r} is already a {first_what}{value} ({first})",
                            key=key,
                            first_what=first_what,
                            value=msg("grid.reader.on_line", " on line {line}", line=line)
                            if line
                            else "",
                            first=first,
                        ),
                        hint=msg("grid.reader.GridReader.check_keys.hint.2", "rename one of them"),
                    )
                seen[key] = (path, what)

    def battery(self, key: str, value: Any) -> Battery:
        path = f"batteries.{key}"
        data = self.mapping(value, path, _BATTERY_KEYS)
        if "criteria" not in data:
            raise self.fail(
                path,
                msg("grid.reader.GridReader.battery.problem", "missing `criteria:`"),
                expected=msg("grid.reader.GridReader.battery.expected", "a `criteria:` mapping"),
                found=msg("grid.reader.GridReader.battery.found", "none"),
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
                    (
                        msg("grid.reader.GridReader.kind.problem.3.a", "empty scale")
                        if low == high
                        else msg(
                            "grid.reader.GridReader.kind.problem.3.b", "scale in the wrong order"
                        )
                    ),
                    expected=msg(
                        "grid.reader.GridReader.kind.expected.3", "[low, high] with low < high"
                    ),
                    found=repr(data["scale"]),
                    hint=(
                        None
                        if low == high
                        else msg(
                            "grid.reader.GridReader.kind.hint.b",
                            "write [{high:g}, {low:g}]; if less is better, add `direction: min`",
                            high=high,
                            low=low,
                        )
                    ),
                )
            scale = (low, high)
        column = self.column(data.get("column", key), f"{path}.column")
        present = [k for k in ("levels", "boolean", "distance_from") if k in data]
        if len(present) > 1:
            raise self.fail(
                f"{path}.{present[1]}",
                msg("grid.reader.GridReader.kind.problem", "a criterion has one kind only"),
                expected=msg(
                    "grid.reader.GridReader.kind.expected",
                    "one of `levels:`, `boolean: true` or `distance_from:`",
                ),
                found=" and ".join(f"`{p}:`" for p in present),
            )
        if "hub" in data and "distance_from" not in data:
            raise self.fail(
                f"{path}.hub",
                msg("grid.reader.GridReader.kind.problem.2", "`hub:` without `distance_from:`"),
                expected=msg("grid.reader.GridReader.kind.expected.2", "both, or neither"),
                found=msg("grid.reader.GridReader.kind.found.2", "hub only"),
            )
        if "levels" in data:
            levels = self.mapping(data["levels"], f"{path}.levels", tuple(data["levels"] or ()))
            if not levels:
                raise self.fail(
                    f"{path}.levels",
                    msg("grid.reader.GridReader.kind.problem.4", "no levels"),
                    expected=msg("grid.reader.GridReader.kind.expected.4", "word: points pairs"),
                    found=msg("grid.reader.GridReader.kind.found.4", "none"),
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
                        msg(
                            "grid.reader.GridReader.kind.problem.8",
                            "levels {seen!r} and {word!r} are the same word",
                            seen=seen[fold(word)],
                            word=word,
                        ),
                        expected=msg(
                            "grid.reader.GridReader.kind.expected.8",
                            "distinct words (case and spaces do not count in the table)",
                        ),
                        found=msg(
                            "grid.reader.GridReader.kind.found.8",
                            "{seen!r} and {word!r}",
                            seen=seen[fold(word)],
                            word=word,
                        ),
                        hint=msg("grid.reader.GridReader.kind.hint.2", "keep one of them"),
                    )
                seen[fold(word)] = word
            return Levels(column=column, levels=pairs, scale=scale)
        if "boolean" in data:
            if data["boolean"] is not True:
                raise self.fail(
                    f"{path}.boolean",
                    msg("grid.reader.GridReader.kind.problem.5", "expected `boolean: true`"),
                    expected=msg("grid.reader.GridReader.kind.expected.5", "true"),
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
                    msg("grid.reader.GridReader.kind.problem.6", "a distance needs a hub"),
                    expected=msg(
                        "grid.reader.GridReader.kind.expected.6", "`hub: [latitude, longitude]`"
                    ),
                    found=msg("grid.reader.GridReader.kind.found.6", "no hub"),
                )
            hub = self.pair(data["hub"], f"{path}.hub", "[latitude, longitude]", self.number)
            if abs(hub[0]) > 90 or abs(hub[1]) > 180:
                raise self.fail(
                    f"{path}.hub",
                    msg("grid.reader.GridReader.kind.problem.7", "hub out of range"),
                    expected=msg(
                        "grid.reader.GridReader.kind.expected.7",
                        "[latitude, longitude] in decimal degrees",
                    ),
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
        direction = self.choice(
            data.get("direction", "max"),
            f"{path}.direction",
            Direction,
            msg("what.direction", "direction"),
        )
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
                else self.choice(
                    missing,
                    f"{path}.missing",
                    MissingPolicy,
                    msg("what.missing", "missing-data policy"),
                ),
            )
        )

    def selection(self, value: Any) -> SelectionRule:
        data = self.mapping(value, "select", _SELECT_KEYS)
        quotas_data = data.get("quotas") or []
        if not isinstance(quotas_data, list):
            raise self.fail(
                "select.quotas",
                msg("grid.reader.GridReader.selection.problem", "expected a list of quotas"),
                expected=msg(
                    "grid.reader.GridReader.selection.expected",
                    "lines starting with `- `, e.g. `- {{column: category, max: 3}}`",
                ),
                found=repr(quotas_data),
            )
        quotas = [self.quota(item, f"select.quotas[{i}]") for i, item in enumerate(quotas_data)]
        top = self.whole(data["top"], "select.top") if "top" in data else None
        score = self.number(data["min_score"], "select.min_score") if "min_score" in data else None
        return self.build(
            lambda: SelectionRule(top=top, min_score=score, quotas=tuple(quotas)), "select"
        )

    def plan(self, value: Any) -> PlanRule:
        data = self.mapping(value, "plan", _PLAN_KEYS)
        objective = data.get("objective", [o.value for o in PlanRule().objective])
        if isinstance(objective, str):
            objective = [objective]
        if not isinstance(objective, list):
            raise self.fail(
                "plan.objective",
                msg("grid.reader.plan.objective", "expected a list of objectives"),
                expected=msg(
                    "grid.reader.plan.objective_expected", "e.g. [coverage, score, cost]"
                ),
                found=repr(objective),
            )
        stages = tuple(self.text(o, f"plan.objective[{i}]") for i, o in enumerate(objective))
        share = self.number(data["max_share"], "plan.max_share") if "max_share" in data else None
        fair = data.get("fair_shortfall", False)
        if not isinstance(fair, bool):
            raise self.fail(
                "plan.fair_shortfall",
                msg("plan_rule.fair", "`fair_shortfall` must be true or false"),
                expected="true, false",
                found=repr(fair),
            )
        budget = self.budget(data["budget"]) if data.get("budget") is not None else None
        return self.build(
            lambda: PlanRule(
                objective=stages,  # type: ignore[arg-type]  # checked by PlanRule
                max_share=share,
                fair_shortfall=fair,
                budget=budget,
            )
        )

    def budget(self, value: Any) -> Budget:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = {"amount": value}
        data = self.mapping(value, "plan.budget", _BUDGET_KEYS)
        amount = self.number(data["amount"], "plan.budget.amount") if "amount" in data else None
        stores_data = data.get("stores") or {}
        stores = self.mapping(stores_data, "plan.budget.stores", tuple(stores_data))
        named = tuple(
            (str(store), self.number(points, f"plan.budget.stores.{store}"))
            for store, points in stores.items()
        )
        per = self.choice(
            data.get("per", "period"),
            "plan.budget.per",
            ("period", "season"),
            msg("what.budget_period", "budget period"),
        )
        return self.build(lambda: Budget(amount=amount, per=per, stores=named))

    def quota(self, value: Any, path: str) -> Quota:
        data = self.mapping(value, path, _QUOTA_KEYS)
        if "column" not in data:
            raise self.fail(
                path,
                msg("grid.reader.GridReader.quota.problem", "a quota needs a column"),
                expected=msg("grid.reader.GridReader.quota.expected", "`column: NAME`"),
                found=msg("grid.reader.GridReader.quota.found", "none"),
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
                msg(
                    "grid.reader.GridReader.gate.problem",
                    "a gate tests one criterion or one column",
                ),
                expected=msg(
                    "grid.reader.GridReader.gate.expected",
                    "either `criterion: KEY` or `column: NAME`",
                ),
                found=" and ".join(targets) or "neither",
            )
        tests = [k for k in ("min", "max", "in", "not_in") if k in data]
        if not tests:
            raise self.fail(
                path,
                msg("grid.reader.GridReader.gate.problem.2", "a gate without a test"),
                expected=msg(
                    "grid.reader.GridReader.gate.expected.2", "`min:`, `max:`, `in:` or `not_in:`"
                ),
                found=msg("grid.reader.GridReader.gate.found.2", "none"),
            )

        def words(name: str) -> tuple[str, ...] | None:
            if name not in data:
                return None
            items = data[name]
            if not isinstance(items, list) or not items:
                raise self.fail(
                    f"{path}.{name}",
                    msg("grid.reader.GridReader.gate.problem.3", "expected a list of words"),
                    expected=msg("grid.reader.GridReader.gate.expected.3", "[word, word, ...]"),
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
    data, src = parse_yaml(text, source)
    return _GridReader(src).grid(data)


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


def as_grid(grid: object, *, name: str = "grid") -> Grid:
    """`grid` as a Grid: a Grid as it is, a path read with :func:`load_grid`, else an error.

    Examples
    --------
    >>> as_grid(42)
    Traceback (most recent call last):
    ...
    selection.errors.GridError: grid: cannot use this as a grid
      expected: a selection.Grid, or the path of a grid file (.yaml)
      found: int 42
    """
    if isinstance(grid, Grid):
        return grid
    if isinstance(grid, str | PathLike):
        return load_grid(grid)
    raise GridError(
        msg("grid.not_a_grid", "cannot use this as a grid"),
        where=name,
        expected=msg("grid.expected", "a selection.Grid, or the path of a grid file (.yaml)"),
        found=f"{type(grid).__name__} {shorten(grid)}",
    )
