"""Selection rules: how a ranking becomes decisions (the ``select:`` section of a grid).

::

    select:
      top: 12                 # at most 12 producers selected
      min_score: 0.5          # and only those scoring at least 0.5
      quotas:
        - {column: category, max: 4}                   # at most 4 per category
        - {column: category, value: légumes, min: 3}   # at least 3 vegetable producers

Rules apply after the eligibility gates. The decision procedure is in
:mod:`selection.decisions`.

Examples
--------
>>> rule = SelectionRule(top=10, quotas=(Quota("category", max=3),))
>>> rule.describe()
'the top 10; at most 3 per category'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import GridError
from ..messages import Message, msg, render
from ..validators import finite_number, whole_number

__all__ = ["Quota", "SelectionRule"]


@dataclass(frozen=True, slots=True)
class Quota:
    """At least `min` and/or at most `max` selected producers per value of a column.

    With `value`, the quota concerns producers whose cell equals it (ignoring case
    and spaces); without, `max` applies to every value of the column separately.
    """

    column: str
    value: str | None = None
    min: int | None = None
    max: int | None = None

    def __post_init__(self) -> None:
        for name in ("min", "max"):
            bound = getattr(self, name)
            if bound is not None:
                whole_number(
                    bound,
                    name,
                    low=0,
                    where=msg(
                        "grid.rules.Quota.post_init__.where",
                        "select.quotas ({column})",
                        column=self.column,
                    ),
                    error=GridError,
                    problem=msg(
                        "quota.whole", "a quota's `{name}` must be a whole number ≥ 0", name=name
                    ),
                    expected=msg("quota.whole_expected", "e.g. 3"),
                )
        if self.min is None and self.max is None:
            raise GridError(
                msg("grid.rules.Quota.post_init__.problem", "a quota without a bound"),
                where=msg(
                    "grid.rules.Quota.post_init__.where",
                    "select.quotas ({column})",
                    column=self.column,
                ),
                expected=msg("grid.rules.Quota.post_init__.expected", "`min:` and/or `max:`"),
                found=msg("grid.rules.Quota.post_init__.found", "neither"),
            )
        if self.min is not None and self.value is None:
            raise GridError(
                msg(
                    "grid.rules.Quota.post_init__.problem.2",
                    "a minimum quota needs the value it counts",
                ),
                where=msg(
                    "grid.rules.Quota.post_init__.where.2",
                    "select.quotas ({column})",
                    column=self.column,
                ),
                expected=msg(
                    "grid.rules.Quota.post_init__.expected.2",
                    "`value:`, e.g. {{column: category, value: légumes, min: 2}}",
                ),
                found=msg("grid.rules.Quota.post_init__.found.2", "`min:` without `value:`"),
            )
        if self.min is not None and self.max is not None and self.min > self.max:
            raise GridError(
                msg(
                    "grid.rules.Quota.post_init__.problem.3",
                    "a quota's minimum is above its maximum",
                ),
                where=msg(
                    "grid.rules.Quota.post_init__.where.3",
                    "select.quotas ({column})",
                    column=self.column,
                ),
                expected=msg("grid.rules.Quota.post_init__.expected.3", "min ≤ max"),
                found=msg(
                    "grid.rules.Quota.post_init__.found.3",
                    "min {min}, max {max}",
                    min=self.min,
                    max=self.max,
                ),
            )

    def condition(self) -> Message:
        """The quota as a message, e.g. ``at most 3 per category``."""
        if self.value is None:
            return msg(
                "quota.max_per", "at most {max} per {column}", max=self.max, column=self.column
            )
        parts = []
        if self.min is not None:
            parts.append(
                msg(
                    "quota.min",
                    "at least {min} with {column} = {value}",
                    min=self.min,
                    column=self.column,
                    value=self.value,
                )
            )
        if self.max is not None:
            parts.append(
                msg(
                    "quota.max",
                    "at most {max} with {column} = {value}",
                    max=self.max,
                    column=self.column,
                    value=self.value,
                )
            )
        if len(parts) == 1:
            return parts[0]
        return msg("quota.and", "{first} and {second}", first=parts[0], second=parts[1])

    def describe(self) -> str:
        """The quota in words, in the current language, e.g. ``at most 3 per category``."""
        return self.condition().render()

    def to_dict(self) -> dict[str, Any]:
        """The quota as written in a grid file."""
        out: dict[str, Any] = {"column": self.column}
        if self.value is not None:
            out["value"] = self.value
        for name in ("min", "max"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        return out


@dataclass(frozen=True, slots=True)
class SelectionRule:
    """How many producers to select, above which score, with which quotas."""

    top: int | None = None
    min_score: float | None = None
    quotas: tuple[Quota, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "quotas", tuple(self.quotas))
        if self.top is not None:
            whole_number(
                self.top,
                "top",
                low=1,
                where="select.top",
                error=GridError,
                problem=msg("rule.top_whole", "`top` must be a whole number ≥ 1"),
                expected=msg("rule.top_expected", "e.g. 12"),
            )
        if self.min_score is not None:
            finite_number(
                self.min_score,
                "min_score",
                where="select.min_score",
                error=GridError,
                problem=msg("rule.min_score_number", "`min_score` must be a number"),
                expected=msg("rule.min_score_expected", "e.g. 0.5"),
            )
        if self.top is None and self.min_score is None:
            raise GridError(
                msg(
                    "grid.rules.SelectionRule.post_init__.problem",
                    "a selection rule needs `top:` or `min_score:`",
                ),
                where="select",
                expected=msg(
                    "grid.rules.SelectionRule.post_init__.expected",
                    "`top: N` (the N best) and/or `min_score: x`",
                ),
                found=msg("grid.rules.SelectionRule.post_init__.found", "neither"),
                hint=msg(
                    "grid.rules.SelectionRule.post_init__.hint",
                    "quotas only shape a selection that `top` or `min_score` defines",
                ),
            )
        minimum = sum(q.min or 0 for q in self.quotas)
        if self.top is not None and minimum > self.top:
            raise GridError(
                msg(
                    "grid.rules.SelectionRule.post_init__.problem.2",
                    "the minimum quotas ask for more producers than `top`",
                ),
                where="select.quotas",
                expected=msg(
                    "grid.rules.SelectionRule.post_init__.expected.2",
                    "minimums adding up to at most {top}",
                    top=self.top,
                ),
                found=f"{minimum}",
            )

    @property
    def columns(self) -> tuple[str, ...]:
        """Table columns the quotas read."""
        return tuple(dict.fromkeys(q.column for q in self.quotas))

    def conditions(self) -> list[Message]:
        """The rule's parts as messages: the top N, the minimum score, each quota."""
        parts = []
        if self.top is not None:
            parts.append(msg("rule.top", "the top {top}", top=self.top))
        if self.min_score is not None:
            parts.append(msg("rule.min_score", "score at least {score:g}", score=self.min_score))
        parts += [q.condition() for q in self.quotas]
        return parts

    def describe(self) -> str:
        """The rule in words, in the current language."""
        return render(self.conditions())

    def to_dict(self) -> dict[str, Any]:
        """The rule as written in a grid file."""
        out: dict[str, Any] = {}
        if self.top is not None:
            out["top"] = self.top
        if self.min_score is not None:
            out["min_score"] = self.min_score
        if self.quotas:
            out["quotas"] = [q.to_dict() for q in self.quotas]
        return out
