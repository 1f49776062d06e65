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

import copy
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from ..documents import DocumentReader, parse_yaml
from ..engines import Normalization, method_names
from ..errors import GridError, SelectionError
from ..files import read_utf8
from ..messages import msg
from ..table.cells import fold
from ..validators import shorten
from .kinds import (
    DEFAULT_GRADES,
    Aggregate,
    Boolean,
    Distance,
    Judged,
    Kind,
    Levels,
    Numeric,
    grade_key,
)
from .model import FORMAT, RESERVED_COLUMNS, Battery, Criterion, Gate, Grid
from .plan_rule import Budget, PlanRule
from .rules import TIER_KEYS, Quota, SelectionRule, Tier
from .vocabulary import Direction, MissingPolicy

__all__ = ["GridCheck", "as_grid", "check_grid", "check_grid_file", "load_grid", "parse_grid"]

_TOP_KEYS = (
    "format",
    "name",
    "description",
    "id",
    "name_column",
    "method",
    "normalization",
    "missing",
    "judgments",
    "batteries",
    "eligibility",
    "select",
    "parameters",
    "plan",
)
_PLAN_KEYS = ("objective", "max_share", "fair_shortfall", "budget")
_BUDGET_KEYS = ("amount", "per", "stores")
_SELECT_KEYS = ("top", "min_score", "quotas", "tiers")
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
    "judged",
    "missing",
)
_GATE_KEYS = ("criterion", "column", "min", "max", "in", "not_in")
_JUDGMENT_KEYS = ("scale", "aggregate", "min_grades")


def _keys(value: Any) -> tuple[str, ...]:
    """The keys of a mapping (any key is allowed there), none for anything else."""
    return tuple(value) if isinstance(value, dict) else ()


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
        self.judging = self.judgments(doc.get("judgments"))
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
        batteries_data = self.mapping(doc["batteries"], "batteries", _keys(doc["batteries"]))
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
                name_column=self.column(doc["name_column"], "name_column")
                if doc.get("name_column") is not None
                else None,
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
                parameters=self.parameters(doc.get("parameters")),
                plan=self.plan(doc["plan"]) if doc.get("plan") is not None else None,
                source=self.src.name,
            )
        )

    def parameters(self, value: Any) -> dict[str, Any]:
        """The `parameters:` section: method → mapping (checked by the model, with lines)."""
        if value is None:
            return {}
        methods = self.mapping(value, "parameters", _keys(value))
        out: dict[str, Any] = {}
        for name, values in methods.items():
            method = self.choice(
                name, f"parameters.{name}", method_names(), msg("what.method", "method")
            )
            if values is None:
                continue
            if isinstance(values, dict):
                for key in values:
                    self.text(key, f"parameters.{name}")
            out[str(method)] = values
        return out

    # -- judged criteria ----------------------------------------------------------------

    def judgments(self, value: Any, path: str = "judgments", base: Judged | None = None) -> Judged:
        """The settings of judged criteria: the grid's `judgments:`, or a criterion's own.

        Each key given replaces the one of `base` (the grid's section, else the
        defaults: the French scale, majority judgment, at least one grade).
        """
        settings = base or Judged()
        if value is None:
            return settings
        data = self.mapping(value, path, _JUDGMENT_KEYS)
        scale = settings.scale
        if "scale" in data:
            words = data["scale"]
            if not isinstance(words, list) or len(words) < 2:
                raise self.fail(
                    f"{path}.scale",
                    msg("grid.reader.judgments.scale.problem", "expected a list of grades"),
                    expected=msg(
                        "grid.reader.judgments.scale.expected",
                        "at least two grades, worst first, e.g. [{items}]",
                        items=", ".join(DEFAULT_GRADES),
                    ),
                    found=shorten(words),
                )
            seen: dict[str, str] = {}
            for i, word in enumerate(words):
                text = self.text(word, f"{path}.scale[{i}]").strip()
                if grade_key(text) in seen or not grade_key(text):
                    raise self.fail(
                        f"{path}.scale[{i}]",
                        msg(
                            "grid.reader.judgments.scale.twice",
                            "grade {word!r} is on the scale twice",
                            word=text,
                        )
                        if grade_key(text)
                        else msg("grid.reader.judgments.scale.blank", "a blank grade"),
                        expected=msg(
                            "grid.reader.judgments.scale.distinct",
                            "distinct grades (case, accents and spaces do not count)",
                        ),
                        found=msg(
                            "grid.reader.judgments.scale.found",
                            "{first!r} and {word!r}",
                            first=seen.get(grade_key(text), ""),
                            word=text,
                        )
                        if grade_key(text)
                        else repr(text),
                    )
                seen[grade_key(text)] = text
            scale = tuple(seen.values())
        aggregate = (
            self.choice(
                data["aggregate"],
                f"{path}.aggregate",
                Aggregate,
                msg("what.aggregate", "way of aggregating grades"),
            )
            if "aggregate" in data
            else settings.aggregate
        )
        least = settings.min_grades
        if "min_grades" in data:
            least = self.whole(data["min_grades"], f"{path}.min_grades")
            if least < 1:
                raise self.fail(
                    f"{path}.min_grades",
                    msg("grid.reader.judgments.min_grades", "a producer needs at least one grade"),
                    expected=msg(
                        "grid.reader.judgments.min_grades_expected", "a whole number ≥ 1, e.g. 3"
                    ),
                    found=shorten(data["min_grades"]),
                )
        return self.build(lambda: Judged(scale=scale, aggregate=aggregate, min_grades=least), path)

    def judged(self, data: dict[str, Any], path: str) -> Judged:
        """A judged criterion (`judged: true`, or its own settings): no column, no cells."""
        value = data["judged"]
        if value is not True and not isinstance(value, dict):
            raise self.fail(
                f"{path}.judged",
                msg("grid.reader.judged.problem", "expected `judged: true`"),
                expected=msg(
                    "grid.reader.judged.expected",
                    "true, or the criterion's own settings, e.g. "
                    "`{{aggregate: mean, min_grades: 3}}`",
                ),
                found=shorten(value),
            )
        clash = [
            k
            for k in ("column", "scale", "levels", "boolean", "distance_from", "hub")
            if k in data
        ]
        if clash:
            raise self.fail(
                f"{path}.{clash[0]}",
                msg(
                    "grid.reader.judged.clash",
                    "a judged criterion takes its values from the members' grades",
                ),
                expected=msg(
                    "grid.reader.judged.clash_expected",
                    "`judged: true` without `column:`, `scale:`, `levels:`, `boolean:` or "
                    "`distance_from:` (the grades' scale is in the grid's `judgments:` section)",
                ),
                found=f"`{clash[0]}:`",
                hint=msg(
                    "grid.reader.judged.clash_hint",
                    "remove `{key}:`, or remove `judged: true` to read the criterion from the "
                    "table",
                    key=clash[0],
                ),
            )
        base = getattr(self, "judging", None)
        return self.judgments(value if isinstance(value, dict) else None, f"{path}.judged", base)

    def check_keys(self, batteries: dict[str, Any]) -> None:
        """Battery and criterion keys: not reserved, unique across the grid."""
        seen: dict[str, tuple[str, bool]] = {}
        for battery, value in batteries.items():
            paths = [(battery, f"batteries.{battery}")]
            criteria = value.get("criteria") if isinstance(value, dict) else None
            if isinstance(criteria, dict):
                paths += [(k, f"batteries.{battery}.criteria.{k}") for k in criteria]
            for key, path in paths:
                is_battery = path.count(".") == 1
                if key in RESERVED_COLUMNS:
                    raise self.fail(
                        path,
                        msg(
                            "grid.reader.GridReader.check_keys.problem",
                            "{key!r} is a reserved name",
                            key=key,
                        ),
                        expected=msg(
                            "grid.reserved.battery",
                            "a battery key other than {items} (columns of the ranking)",
                            items=", ".join(repr(c) for c in RESERVED_COLUMNS),
                        )
                        if is_battery
                        else msg(
                            "grid.reserved.criterion",
                            "a criterion key other than {items} (columns of the ranking)",
                            items=", ".join(repr(c) for c in RESERVED_COLUMNS),
                        ),
                        found=repr(key),
                        hint=msg(
                            "grid.reader.GridReader.check_keys.hint",
                            "choose another key; `label:` can still say what you like",
                        ),
                    )
                if key in seen:
                    first, first_battery = seen[key]
                    line = self.src.lines.get(first)
                    on_line = (
                        msg("grid.reader.on_line", " on line {line}", line=line) if line else ""
                    )
                    if first_battery:
                        found = msg(
                            "grid.duplicate.battery",
                            "{key!r} is already a battery{value} ({first})",
                            key=key,
                            value=on_line,
                            first=first,
                        )
                    else:
                        found = msg(
                            "grid.duplicate.criterion",
                            "{key!r} is already a criterion{value} ({first})",
                            key=key,
                            value=on_line,
                            first=first,
                        )
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
                        found=found,
                        hint=msg("grid.reader.GridReader.check_keys.hint.2", "rename one of them"),
                    )
                seen[key] = (path, is_battery)

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
        criteria_data = self.mapping(data["criteria"], f"{path}.criteria", _keys(data["criteria"]))
        criteria = tuple(
            self.criterion(k, v, f"{path}.criteria.{k}") for k, v in criteria_data.items()
        )
        weight = self.weight(data.get("weight", 1), f"{path}.weight")
        label = self.text(data.get("label", key), f"{path}.label")
        description = (
            self.text(data["description"], f"{path}.description").strip()
            if data.get("description") is not None
            else ""
        )
        return self.build(
            lambda: Battery(key, criteria, weight=weight, label=label, description=description)
        )

    def kind(self, key: str, data: dict[str, Any], path: str) -> Kind:
        if data.get("judged", False) is not False:
            return self.judged(data, path)
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
            levels = self.mapping(data["levels"], f"{path}.levels", _keys(data["levels"]))
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
                description=self.text(data["description"], f"{path}.description").strip()
                if data.get("description") is not None
                else "",
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
        tiers = self.tiers(data["tiers"]) if "tiers" in data else ()
        return self.build(
            lambda: SelectionRule(top=top, min_score=score, quotas=tuple(quotas), tiers=tiers),
            None if tiers else "select",  # the tiers' errors name their own place
        )

    def tiers(self, value: Any) -> tuple[Tier, ...]:
        """``select.tiers``: score bands, best first (checked together by SelectionRule)."""
        if not isinstance(value, list) or not value:
            raise self.fail(
                "select.tiers",
                msg("grid.reader.tiers.problem", "expected a list of tiers"),
                expected=msg(
                    "grid.reader.tiers.expected",
                    "lines starting with `- `, best first, e.g. "
                    "`- {{min_score: 0.75, label: conventionné 90 %, rate: 0.9}}`",
                ),
                found=shorten(value),
            )
        return tuple(self.tier(item, f"select.tiers[{i}]") for i, item in enumerate(value))

    def tier(self, value: Any, path: str) -> Tier:
        data = self.mapping(value, path, _keys(value))
        if "label" not in data:
            raise self.fail(
                path,
                msg("grid.reader.tier.problem", "a tier needs a label"),
                expected=msg(
                    "grid.reader.tier.expected", "`label: NAME`, e.g. `label: conventionné 90 %`"
                ),
                found=msg("grid.reader.tier.found", "none"),
            )
        label = self.text(data["label"], f"{path}.label")
        low = self.number(data["min_score"], f"{path}.min_score") if "min_score" in data else None
        high = self.number(data["max_score"], f"{path}.max_score") if "max_score" in data else None
        values = {str(k): v for k, v in data.items() if k not in TIER_KEYS}
        return self.build(
            lambda: Tier(label, min_score=low, max_score=high, values=values, where=path)
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
        what=msg("what.grid_file", "the grid file"),
        hint=msg(
            "grid.read_hint", "check the path; `selection validate` takes the path of a grid file"
        ),
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


@dataclass(frozen=True)
class GridCheck:
    """Every problem of a grid file, in file order, and the grid when there is none.

    Attributes
    ----------
    grid : Grid or None
        The grid, when the file has no problem.
    problems : tuple of GridError
        In file order (by line), at most the cap given to :func:`check_grid`.
    more : int
        Problems found beyond the cap (0 when all are listed).
    """

    grid: Grid | None
    problems: tuple[SelectionError, ...]
    more: int = 0

    @property
    def count(self) -> int:
        """How many problems were found."""
        return len(self.problems) + self.more


def _tokens(path: str) -> list[str | int]:
    """``batteries.q.criteria.x`` → ['batteries', 'q', 'criteria', 'x']; ``a[2]`` → ['a', 2]."""
    out: list[str | int] = []
    for part in path.split("."):
        name, _, rest = part.partition("[")
        if name:
            out.append(name)
        for index in filter(None, rest.replace("]", "").split("[")) if rest else ():
            out.append(int(index))
    return out


def _set_aside(data: Any, path: str) -> bool:
    """Remove what `path` points at from `data` (or give a missing key a placeholder).

    Returns False when nothing could be changed (the checking cannot go on).
    """
    try:
        tokens = _tokens(path)
    except ValueError:
        return False
    if not tokens or not isinstance(data, dict):
        return False
    node: Any = data
    for token in tokens[:-1]:
        try:
            node = node[token]
        except (KeyError, IndexError, TypeError):
            return False
    last = tokens[-1]
    if isinstance(node, dict) and isinstance(last, str):
        if last in node:
            del node[last]
        else:
            node[last] = "?"  # a required key: a placeholder, so that the rest is checked
        return True
    if isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
        del node[last]
        return True
    return False


#: Keys of a criterion that say how its cells are read: after a problem there, the
#: criterion is read as a plain number (a distance without its hub would only add a
#: second, derived problem), and its other entries are still checked.
_KIND_KEYS = ("column", "scale", "levels", "boolean", "distance_from", "hub", "judged")

#: Problems after which nothing else can be checked.
_FATAL = ("grid.reader.GridReader.grid.problem", "grid.reader.GridReader.grid.problem.2")


def check_grid(text: str, *, source: str = "<grid>", cap: int = 20) -> GridCheck:
    """Every problem of a grid file's text at once, in file order (up to `cap`).

    After each problem the offending entry is set aside (a wrong weight is
    left out and its default used, an unknown key removed, a missing required
    key given a placeholder) and the file is read again; a problem that only
    follows from one already found is not listed twice.

    Examples
    --------
    >>> check = check_grid('''
    ... format: selection/grid@1
    ... name: demo
    ... id: producer
    ... batteries:
    ...   all:
    ...     wieght: 2
    ...     criteria:
    ...       price: {direction: minimum, weight: -2}
    ... ''', source="demo.yaml")
    >>> [problem.line for problem in check.problems]
    [7, 9, 9]
    """
    try:
        data, src = parse_yaml(text, source)
    except GridError as exc:
        return GridCheck(None, (exc,))
    if not isinstance(data, dict):
        try:
            return GridCheck(_GridReader(src).grid(data), ())
        except GridError as exc:
            return GridCheck(None, (exc,))
    found: list[SelectionError] = []
    paths: list[str] = []
    removed: set[str] = set()  # criteria set aside with their battery or alone
    for _ in range(4 * cap + 20):
        try:
            grid = _GridReader(src).grid(copy.deepcopy(data))
        except GridError as exc:
            path = exc.path
            consequence = path is not None and (
                any(
                    earlier.startswith(f"{path}.") or earlier.startswith(f"{path}[")
                    for earlier in paths
                )
                or _gate_on(data, path) in removed
            )
            if not consequence:
                found.append(exc)
            if path is None or exc.code in _FATAL or path in paths:
                break
            paths.append(path)
            tokens = path.split(".")
            if len(tokens) >= 5 and tokens[2] == "criteria" and tokens[4] in _KIND_KEYS:
                # Read it as a plain number instead: its other entries are still checked.
                criterion = data["batteries"][tokens[1]]["criteria"][tokens[3]]
                for key in _KIND_KEYS:
                    criterion.pop(key, None)
                continue
            removed |= _criteria_under(data, path)
            if not _set_aside(data, path):
                break
            continue
        return _sorted(grid if not found else None, found, cap)
    return _sorted(None, found, cap)


def _criteria_under(data: Any, path: str) -> set[str]:
    """The criterion keys that setting `path` aside removes (a battery's, or one criterion)."""
    tokens = path.split(".")
    try:
        if len(tokens) == 2 and tokens[0] == "batteries":
            return set(data["batteries"][tokens[1]].get("criteria") or {})
        if len(tokens) == 4 and tokens[0] == "batteries" and tokens[2] == "criteria":
            return {tokens[3]}
    except (KeyError, TypeError, AttributeError):
        return set()
    return set()


def _gate_on(data: Any, path: str) -> str | None:
    """The criterion a gate at `path` (``eligibility[2].criterion``) tests, if any."""
    if not path.startswith("eligibility["):
        return None
    try:
        gate = data["eligibility"][int(path[len("eligibility[") :].split("]")[0])]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return str(gate.get("criterion")) if isinstance(gate, dict) else None


def _sorted(grid: Grid | None, found: list[SelectionError], cap: int) -> GridCheck:
    ordered = sorted(found, key=lambda e: (e.line is None, e.line or 0))
    return GridCheck(grid, tuple(ordered[:cap]), max(len(ordered) - cap, 0))


def check_grid_file(path: str | PathLike[str], *, cap: int = 20) -> GridCheck:
    """:func:`check_grid` on a file (an unreadable file is its one problem)."""
    try:
        text = read_utf8(
            path,
            error=GridError,
            what=msg("what.grid_file", "the grid file"),
            hint=msg(
                "grid.read_hint",
                "check the path; `selection validate` takes the path of a grid file",
            ),
        )
    except GridError as exc:
        return GridCheck(None, (exc,))
    return check_grid(text, source=str(Path(path)), cap=cap)
