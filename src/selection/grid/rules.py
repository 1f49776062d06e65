"""Selection rules: how a ranking becomes decisions (the ``select:`` section of a grid).

Either places::

    select:
      top: 12                 # at most 12 producers selected
      min_score: 0.5          # and only those scoring at least 0.5
      quotas:
        - {column: category, max: 4}                   # at most 4 per category
        - {column: category, value: légumes, min: 3}   # at least 3 vegetable producers

or approval in tiers (score bands, best first), each with a label and values of
its own (numbers or text, e.g. the share of a purchase a fund covers)::

    select:
      tiers:
        - {min_score: 0.75, label: "conventionné 90 %", rate: 0.9}
        - {min_score: 0.55, label: "conventionné 50 %", rate: 0.5}
        - {label: "non conventionné", rate: 0}

A producer is in the first band whose threshold its score reaches. The bands
with a threshold *approve*; the last band may have none (an *open* band): it
holds the producers that are not approved, so that they get its label and
values. Without an open band, producers below every threshold are simply not
approved. Thresholds strictly decrease from band to band; labels are unique
(compared without case or accents, as recorded decisions are). With a method
where lower scores are better (VIKOR, SPOTIS, MAIRCA) the bands say
``max_score:`` instead, and the thresholds strictly increase. Tiers replace
``top`` and ``min_score`` and are not combined with quotas: approval is a
matter of each producer's own score, not of places.

Rules apply after the eligibility gates. The decision procedure is in
:mod:`selection.scoring.select`.

Examples
--------
>>> rule = SelectionRule(top=10, quotas=(Quota("category", max=3),))
>>> rule.describe()
'the top 10; at most 3 per category'
>>> tiers = SelectionRule(tiers=(Tier("gold", min_score=0.75, values={"rate": 0.9}),
...                              Tier("silver", min_score=0.55, values={"rate": 0.5}),
...                              Tier("none", values={"rate": 0})))
>>> tiers.describe("en")
'tiers: gold (score ≥ 0.75); silver (score ≥ 0.55); none (the others)'
>>> [tier.label for tier in tiers.tiers], tiers.tiers[0].values
(['gold', 'silver', 'none'], {'rate': 0.9})
"""

from __future__ import annotations

import difflib
import itertools
import math
import numbers
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import GridError
from ..messages import Message, msg, msgn, render
from ..table.cells import fold
from ..validators import finite_number, shorten, whole_number

__all__ = ["RESERVED_VALUE_NAMES", "TIER_KEYS", "Quota", "SelectionRule", "Tier", "tier_key"]

#: The keys of a tier band that are not values of its own.
TIER_KEYS = ("label", "min_score", "max_score")

#: Names a tier's values may not take: they are columns of the decisions table.
RESERVED_VALUE_NAMES = ("rank", "score", "eligible", "decision", "tier", "reason")


def tier_key(text: object) -> str:
    """A label as tiers are matched: trimmed, without case or accents.

    Examples
    --------
    >>> tier_key(" Conventionné  90 % ")
    'conventionne 90 %'
    """
    decomposed = unicodedata.normalize("NFKD", fold(str(text)))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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


def _value(name: str, value: object, where: str) -> float | str:
    """A tier's value: a finite number or text (not a yes/no, a list or nothing)."""
    if isinstance(value, str):
        return value
    if not isinstance(value, bool) and isinstance(value, numbers.Real):
        number = float(value)
        if math.isfinite(number):
            return int(value) if isinstance(value, numbers.Integral) else number
    raise GridError(
        msg("tier.value", "a tier's value must be a number or text"),
        where=where,
        expected=msg("tier.value_expected", "a number such as 0.9, or a word"),
        found=shorten(value),
        hint=msg("tier.value_hint", "write {name}: 1 or {name}: 0 for yes or no", name=name)
        if isinstance(value, bool)
        else None,
    )


@dataclass(frozen=True, slots=True)
class Tier:
    """One band of an approval in tiers: a label, a threshold and values of its own.

    Parameters
    ----------
    label : str
        The band's name, as people say it (``"conventionné 90 %"``).
    min_score : float, optional
        Producers scoring at least this much are in the band (unless a better
        band takes them).
    max_score : float, optional
        The same for methods where lower scores are better: at most this much.
    values : mapping, optional
        Name → number or text: what the band gives (``{"rate": 0.9}``). Each
        name becomes a column of the decisions.
    where : str
        The band's place in the grid file, for errors (``select.tiers[0]``).

    A band with neither threshold is *open*: the last band, for the producers
    that are not approved.

    Examples
    --------
    >>> Tier("conventionné 90 %", min_score=0.75, values={"rate": 0.9}).condition().render("fr")
    'conventionné 90 % (score ≥ 0,75)'
    """

    label: str
    min_score: float | None = None
    max_score: float | None = None
    values: Mapping[str, float | str] = field(default_factory=dict)
    where: str = field(default="select.tiers", compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise GridError(
                msg("tier.label", "a tier needs a label"),
                where=f"{self.where}.label",
                expected=msg("tier.label_expected", "a name, e.g. `label: conventionné 90 %`"),
                found=shorten(self.label),
            )
        object.__setattr__(self, "label", self.label.strip())
        if self.min_score is not None and self.max_score is not None:
            raise GridError(
                msg("tier.both_thresholds", "a tier with both `min_score` and `max_score`"),
                where=f"{self.where}.max_score",
                expected=msg(
                    "tier.both_thresholds_expected",
                    "`min_score` when higher scores are better, `max_score` when lower are",
                ),
                found=msg(
                    "tier.both_thresholds_found",
                    "min_score {low:g} and max_score {high:g}",
                    low=self.min_score,
                    high=self.max_score,
                ),
            )
        for name in ("min_score", "max_score"):
            if getattr(self, name) is not None:
                number = finite_number(
                    getattr(self, name),
                    name,
                    where=f"{self.where}.{name}",
                    error=GridError,
                    problem=msg(
                        "tier.threshold_number", "a tier's `{name}` must be a number", name=name
                    ),
                    expected=msg("tier.threshold_expected", "e.g. 0.75"),
                )
                object.__setattr__(self, name, number)
        checked: dict[str, float | str] = {}
        for name, value in dict(self.values).items():
            where = f"{self.where}.{name}"
            if not isinstance(name, str) or not name.strip():
                raise GridError(
                    msg("tier.value_name", "a tier's value needs a name"),
                    where=self.where,
                    expected=msg("tier.value_name_expected", "`name: value`, e.g. `rate: 0.9`"),
                    found=shorten(name),
                )
            if name in TIER_KEYS or name in RESERVED_VALUE_NAMES:
                raise GridError(
                    msg(
                        "tier.reserved_name",
                        "{name!r} cannot name a tier's value: the decisions already have a "
                        "column of that name",
                        name=name,
                    ),
                    where=where,
                    expected=msg(
                        "tier.reserved_name_expected",
                        "another name than {names}",
                        names=", ".join(TIER_KEYS + RESERVED_VALUE_NAMES),
                    ),
                    found=repr(name),
                )
            close = difflib.get_close_matches(name, TIER_KEYS, n=1, cutoff=0.75)
            if close:
                raise GridError(
                    msg("tier.misspelled_key", "unknown key {name!r} in a tier", name=name),
                    where=where,
                    expected=msg(
                        "tier.misspelled_key_expected",
                        "`label`, `min_score` or `max_score`, then the tier's values",
                    ),
                    found=repr(name),
                    hint=msg("hint.did_you_mean", "did you mean {choice!r}?", choice=close[0]),
                )
            checked[name] = _value(name, value, where)
        object.__setattr__(self, "values", checked)

    def __hash__(self) -> int:
        return hash((self.label, self.min_score, self.max_score, tuple(self.values.items())))

    @property
    def threshold(self) -> float | None:
        """The band's threshold (``min_score`` or ``max_score``); None for an open band."""
        return self.min_score if self.min_score is not None else self.max_score

    @property
    def open(self) -> bool:
        """True for the band without a threshold (the producers not approved)."""
        return self.threshold is None

    def condition(self) -> Message:
        """The band as a message, e.g. ``conventionné 90 % (score ≥ 0.75)``."""
        if self.min_score is not None:
            return msg(
                "tier.condition_min",
                "{label} (score ≥ {score:g})",
                label=self.label,
                score=self.min_score,
            )
        if self.max_score is not None:
            return msg(
                "tier.condition_max",
                "{label} (score ≤ {score:g})",
                label=self.label,
                score=self.max_score,
            )
        return msg("tier.condition_open", "{label} (the others)", label=self.label)

    def to_dict(self) -> dict[str, Any]:
        """The band as written in a grid file."""
        out: dict[str, Any] = {}
        for name in ("min_score", "max_score"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        out["label"] = self.label
        out.update(self.values)
        return out


@dataclass(frozen=True, slots=True)
class SelectionRule:
    """How many producers to select, above which score, with which quotas; or tiers.

    Attributes
    ----------
    top : int, optional
        Select at most this many, best first.
    min_score : float, optional
        Select only producers scoring at least this much (at most, when lower
        scores are better).
    quotas : tuple of Quota
    tiers : tuple of Tier
        Approval in score bands, best first (see the module's description);
        not combined with `top`, `min_score` or `quotas`.
    """

    top: int | None = None
    min_score: float | None = None
    quotas: tuple[Quota, ...] = ()
    tiers: tuple[Tier, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "quotas", tuple(self.quotas))
        object.__setattr__(self, "tiers", tuple(self.tiers))
        if self.tiers:
            self._check_tiers()
            return
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

    def _check_tiers(self) -> None:
        """Tiers alone, a threshold each but an open last band, in order, labels unique."""
        for name, given in (("top", self.top), ("min_score", self.min_score)):
            if given is not None:
                raise GridError(
                    msg(
                        "tiers.with_places",
                        "`tiers` cannot be combined with `{name}`",
                        name=name,
                    ),
                    where=f"select.{name}",
                    expected=msg(
                        "tiers.with_places_expected",
                        "either tiers (approval by score bands) or `top` / `min_score` "
                        "(a number of places)",
                    ),
                    found=msg("tiers.with_places_found", "both"),
                    hint=msg(
                        "tiers.with_places_hint",
                        "the tiers' thresholds already say which scores are approved: remove "
                        "`{name}`",
                        name=name,
                    ),
                )
        if self.quotas:
            raise GridError(
                msg("tiers.with_quotas", "`tiers` cannot be combined with quotas"),
                where="select.quotas",
                expected=msg(
                    "tiers.with_quotas_expected",
                    "tiers alone: each producer is approved for its own score, not for a place",
                ),
                found=msgn(
                    "tiers.with_quotas_found",
                    "{count} quota",
                    "{count} quotas",
                    count=len(self.quotas),
                ),
                hint=msg(
                    "tiers.with_quotas_hint",
                    "remove `quotas:`, or use `top:` with quotas instead of tiers",
                ),
            )
        tiers = self.tiers
        for i, tier in enumerate(tiers[:-1]):
            if tier.open:
                raise GridError(
                    msg(
                        "tiers.open_not_last",
                        "only the last tier may go without `min_score` or `max_score`",
                    ),
                    where=tier.where,
                    expected=msg(
                        "tiers.open_not_last_expected",
                        "a threshold for {label!r} (tier {number} of {count}), e.g. "
                        "`min_score: 0.5`",
                        label=tier.label,
                        number=i + 1,
                        count=len(tiers),
                    ),
                    found=msg("tiers.open_not_last_found", "no threshold"),
                    hint=msg(
                        "tiers.open_not_last_hint",
                        "the tier without a threshold holds the producers not approved: put it "
                        "last",
                    ),
                )
        banded = [t for t in tiers if not t.open]
        if not banded:
            raise GridError(
                msg("tiers.no_threshold", "no tier has a threshold"),
                where=tiers[0].where,
                expected=msg(
                    "tiers.no_threshold_expected",
                    "at least one tier with `min_score:` (or `max_score:`), best first",
                ),
                found=msg("tiers.no_threshold_found", "only an open tier"),
            )
        key = "min_score" if banded[0].min_score is not None else "max_score"
        for tier in banded[1:]:
            if getattr(tier, key) is None:
                other = "max_score" if key == "min_score" else "min_score"
                raise GridError(
                    msg(
                        "tiers.mixed_thresholds",
                        "tiers mix `min_score` and `max_score`",
                    ),
                    where=f"{tier.where}.{other}",
                    expected=msg(
                        "tiers.mixed_thresholds_expected",
                        "`{key}` in every tier, like the first",
                        key=key,
                    ),
                    found=f"{other}: {tier.threshold:g}",
                    hint=msg(
                        "tiers.mixed_thresholds_hint",
                        "`min_score` when higher scores are better (wsm, topsis, ...), "
                        "`max_score` when lower are (vikor, spotis, mairca)",
                    ),
                )
        for before, tier in itertools.pairwise(banded):
            previous, now = before.threshold, tier.threshold
            assert previous is not None and now is not None
            decreasing = key == "min_score"
            if (now >= previous) if decreasing else (now <= previous):
                raise GridError(
                    msg(
                        "tiers.order_decreasing",
                        "tier thresholds must decrease from one tier to the next, best first",
                    )
                    if decreasing
                    else msg(
                        "tiers.order_increasing",
                        "tier thresholds must increase from one tier to the next, best first "
                        "(with `max_score`, lower scores are better)",
                    ),
                    where=f"{tier.where}.{key}",
                    expected=msg(
                        "tiers.order_below",
                        "below {previous:g} (the threshold of {label!r})",
                        previous=previous,
                        label=before.label,
                    )
                    if decreasing
                    else msg(
                        "tiers.order_above",
                        "above {previous:g} (the threshold of {label!r})",
                        previous=previous,
                        label=before.label,
                    ),
                    found=f"{now:g}",
                )
        seen: dict[str, Tier] = {}
        for tier in tiers:
            folded = tier_key(tier.label)
            if folded in seen:
                raise GridError(
                    msg("tiers.same_label", "two tiers with the same label"),
                    where=f"{tier.where}.label",
                    expected=msg(
                        "tiers.same_label_expected",
                        "labels that differ by more than case or accents (recorded decisions "
                        "name tiers by their labels)",
                    ),
                    found=msg(
                        "tiers.same_label_found",
                        "{label!r} and {other!r}",
                        label=seen[folded].label,
                        other=tier.label,
                    ),
                )
            seen[folded] = tier

    @property
    def columns(self) -> tuple[str, ...]:
        """Table columns the quotas read."""
        return tuple(dict.fromkeys(q.column for q in self.quotas))

    @property
    def tiered(self) -> bool:
        """True when the rule approves in tiers."""
        return bool(self.tiers)

    @property
    def open_tier(self) -> Tier | None:
        """The last band when it has no threshold (the producers not approved), else None."""
        return self.tiers[-1] if self.tiers and self.tiers[-1].open else None

    @property
    def approving_tiers(self) -> tuple[Tier, ...]:
        """The bands with a threshold, best first."""
        return tuple(t for t in self.tiers if not t.open)

    @property
    def thresholds(self) -> tuple[float, ...]:
        """The thresholds of :attr:`approving_tiers`, best first."""
        return tuple(float(t.threshold) for t in self.tiers if t.threshold is not None)

    @property
    def tiers_higher_is_better(self) -> bool | None:
        """True for ``min_score`` bands, False for ``max_score`` bands, None without tiers."""
        if not self.tiers:
            return None
        return self.approving_tiers[0].min_score is not None

    @property
    def value_names(self) -> tuple[str, ...]:
        """The names of the tiers' values, in the order they first appear."""
        return tuple(dict.fromkeys(name for t in self.tiers for name in t.values))

    def conditions(self) -> list[Message]:
        """The rule's parts as messages: the top N, the minimum score, each quota; or the tiers."""
        if self.tiers:
            bands = [t.condition() for t in self.tiers]
            if self.open_tier is None:
                last = self.approving_tiers[-1]
                assert last.threshold is not None
                bands.append(
                    msg(
                        "tier.condition_none_min",
                        "not approved below {score:g}",
                        score=last.threshold,
                    )
                    if last.min_score is not None
                    else msg(
                        "tier.condition_none_max",
                        "not approved above {score:g}",
                        score=last.threshold,
                    )
                )
            return [msg("rule.tiers", "tiers: {bands}", bands=bands)]
        parts = []
        if self.top is not None:
            parts.append(msg("rule.top", "the top {top}", top=self.top))
        if self.min_score is not None:
            parts.append(msg("rule.min_score", "score at least {score:g}", score=self.min_score))
        parts += [q.condition() for q in self.quotas]
        return parts

    def describe(self, lang: str | None = None) -> str:
        """The rule in words, in `lang` (default: the current language)."""
        return render(self.conditions(), lang)

    def to_dict(self) -> dict[str, Any]:
        """The rule as written in a grid file."""
        out: dict[str, Any] = {}
        if self.tiers:
            out["tiers"] = [t.to_dict() for t in self.tiers]
        if self.top is not None:
            out["top"] = self.top
        if self.min_score is not None:
            out["min_score"] = self.min_score
        if self.quotas:
            out["quotas"] = [q.to_dict() for q in self.quotas]
        return out
