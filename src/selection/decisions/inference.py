"""``infer_weights``: weights under which a committee's recorded decisions follow from its grid.

For the weighted sum, a producer's score is linear in the factor weights ``f``
(criterion weights, or battery weights with each criterion keeping its share
inside its battery): ``s = A f`` with ``A = R Tᵀ``, ``R`` the normalized
matrix and ``T`` the factor-to-criterion map. Which weightings reproduce the
record is therefore a set of linear inequalities, solved exactly by linear
programming (scipy's HiGHS), not by search.

The rule as linear conditions
-----------------------------
:mod:`selection.rule_program` writes the grid's selection rule (``select:``) as
conditions on the weights: a *cut* separates the producers the rule selects for
their rank or score from those it leaves out, by a gap ``g``; a maximum quota
may leave a producer out instead, when its category is full with producers
ranked above it; a minimum quota takes the best of its category first; and the
counts (places, quotas) must come out right. With ``g = ε``, these are the
conditions under which :func:`selection.decide` gives the recorded decisions
(top N, minimum score, both, with quotas on one column of the table). ``ε`` is
``1e-4`` of the range a score can take over all weightings (``max A − min A``:
0.0001 score points with the ``scale`` normalization); decisions that only a
weighting with a smaller gap reproduces (a near-tie) count as not reproduced.

Targets
-------
``target="closest"``
    The weights nearest the grid's own: minimize ``Σ |f − f₀|`` (L1, made
    linear with one auxiliary variable per weight), with the gap ``ε``.
``target="central"``
    As central as possible in the feasible region: the weights that maximize
    the smallest gap ``g`` between the decisions (max-min: the weighting whose
    closest call is as far from a tie as possible); among those, the closest to
    the grid's.

When no weighting reproduces every decision, a mixed-integer program
(``scipy.optimize.milp``) gives each recorded decision a binary ``z`` (1: it
must be reproduced) and maximizes how many are, the big-M constants being the
largest score differences the data allow (one per constraint). A small penalty
on the distance to the grid's weights (at most 0.4 decision in all) picks, among
the largest reproducible sets, the one that needs the least change; then, those
decisions fixed, the target above gives the weights. Recorded-selected producers
that fail an eligibility gate are out of reach of any weighting.

The search stops after `time_limit` seconds (default 60: a few seconds suffice
for a hundred producers) with the best set found, and `status` says so.

The result is checked by re-running :func:`selection.rank` and
:func:`selection.decide` with the inferred grid: ``reproduced`` and
``unexplained`` are what that gives, not what the model promised.

Examples
--------
>>> import selection
>>> inference = infer_weights(selection.example_producers_path(), selection.example_grid_path(),
...                           decisions=selection.example_decisions_path(), lang="en")
>>> inference.reproduced, len(inference.unexplained)
(0.9333333333333333, 4)
>>> print(inference.unexplained.loc["P012", "reason"])
ineligible: fails Distance à l'entrepôt VRAC (km) ≤ 250 (has 279.5)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..engines import Method, Normalization
from ..errors import GridError, MethodError
from ..grid import Grid, SelectionRule, level_name
from ..messages import Message, format_number, msg, msgn, render, resolve_language
from ..ranking import rank
from ..scoring import INELIGIBLE, SELECTED, Decisions, ProblemSource, prepare
from ..sensitivity import Level, factors_for
from ..validators import language, one_of
from .records import REJECTED, DecisionRecord, record_for
from .rule_program import EPSILON, Program, Solution, build, solve

__all__ = ["EPSILON", "Inference", "Target", "infer_weights"]

Target = Literal["closest", "central"]

#: Inferred weights are written as percentage points with this many decimals.
_DECIMALS = 6


@dataclass(frozen=True, eq=False)
class Inference:
    """Weights under which recorded decisions follow from a grid's selection rule.

    Attributes
    ----------
    grid : Grid
        The grid with the inferred weights (labels, order, gates and rule kept;
        method ``wsm`` and the normalization used); save it with
        :meth:`Grid.to_yaml`. At the criterion level each criterion's points are
        its weight in percent and each battery's points the sum of its
        criteria's; at the battery level the batteries get the weights and the
        criteria keep their points.
    weights : Series
        Effective criterion weights of `grid` (sum 1).
    factor_weights : Series
        The inferred weights at the chosen level (criteria or batteries), sum 1.
    reproduced : float
        Share of the recorded decisions that the inferred grid reproduces (0 to 1).
    unexplained : DataFrame
        The recorded decisions it does not reproduce, indexed by producer id:
        ``recorded``, ``inferred`` (what the inferred grid decides) and
        ``reason`` (why no weighting gives the recorded decision).
    status : str
        What was found, in a sentence or two (in the language of the call).
    distance : float
        L1 distance between the inferred and the grid's weights at the chosen
        level (0 to 2).
    margin : float
        The score gap the weights keep between the reproduced decisions: ε for
        ``closest``, the largest possible for ``central`` (kept to within a
        millionth of the score range).
    level : str
    target : str
    decisions : Decisions
        What the inferred grid's rule decides, for every producer.
    status_messages : tuple of Message
        :attr:`status` as messages, to render in any language.
    """

    grid: Grid
    weights: pd.Series
    factor_weights: pd.Series
    reproduced: float
    unexplained: pd.DataFrame
    status: str
    distance: float
    margin: float
    level: str
    target: str
    decisions: Decisions
    status_messages: tuple[Message, ...] = ()

    def summary(self, lang: str | None = None) -> str:
        """What was found, in words (:attr:`status`), and the inferred weights."""
        chosen = resolve_language(language(lang))
        status = (
            " ".join(render(m, chosen) for m in self.status_messages)
            if self.status_messages
            else self.status
        )
        weights = ", ".join(
            f"{key} {format_number(float(share), '.1%', chosen)}"
            for key, share in self.factor_weights.items()
        )
        return f"{status}\n{weights}"

    def to_frame(self) -> pd.DataFrame:
        """The inferred weights beside the grid's own, at the level inferred."""
        return self.factor_weights.rename("inferred").to_frame()

    def __repr__(self) -> str:
        return (
            f"<Inference {self.target} at the {self.level} level: {self.reproduced:.0%} "
            f"reproduced, L1 distance {self.distance:.3f}>"
        )


# -- the result ---------------------------------------------------------------------------


def _fit(
    program: Program, f0: NDArray[np.float64], target: Target, time_limit: float | None
) -> Solution:
    """Weights for the target, reproducing as many decisions as any weighting can."""
    solution = solve(program, f0, "distance")
    if solution is None:
        best = solve(program, f0, "count", time_limit=time_limit)
        if best is None:  # exact ties everywhere: nothing can be separated by a gap
            return program.unseparated(f0)
        solution = solve(program, f0, "distance", fixed=best) or best
    if target == "central":
        widest = solve(program, f0, "gap", fixed=solution)
        if widest is not None:
            # Among the weightings that keep the widest gap, the closest to the grid's.
            floor = max(widest.gap - 1e-6 * program.span, program.epsilon)
            closest = solve(program, f0, "distance", fixed=widest, min_gap=floor)
            solution = widest if closest is None else dataclasses.replace(closest, gap=widest.gap)
    return solution


def _rounded(weights: NDArray[np.float64]) -> NDArray[np.float64]:
    """Weights clipped at 0, summing to 1, then as percentage points with few decimals."""
    clipped = np.clip(weights, 0.0, None)
    return np.asarray(np.round(100 * clipped / clipped.sum(), _DECIMALS), dtype=float)


def _inferred_grid(
    grid: Grid,
    f: NDArray[np.float64],
    level: Level,
    method: str,
    how: Normalization | None,
    note: str,
) -> Grid:
    """The grid with factor weights `f` as points, its description saying where they come from."""
    points = _rounded(f)
    if level == "criterion":
        changes = dict(zip(grid.keys, points.tolist(), strict=True))
        for battery in grid.batteries:
            changes[battery.key] = round(sum(changes[c.key] for c in battery.criteria), _DECIMALS)
    else:
        changes = dict(zip([b.key for b in grid.batteries], points.tolist(), strict=True))
    description = f"{grid.description.strip()}\n{note}".strip()
    return dataclasses.replace(
        grid.with_weights(changes), method=method, normalization=how, description=description
    )


def _reasons(
    program: Program,
    solution: Solution,
    decided: list[str],
    mismatched: list[str],
    record: pd.Series,
    inferred: pd.Series,
    gated: pd.Series,
    rule: SelectionRule,
    level: Level,
) -> list[Message]:
    """Why no weighting gives each of the `mismatched` recorded decisions."""
    where = {pid: i for i, pid in enumerate(decided)}
    battery = level == "battery"
    chosen = int(program.selected.sum())
    kept = sum(1 for pid in decided if record[pid] == SELECTED and inferred[pid] == SELECTED)
    by_quota = {i for (i, _), y in zip(program.options, solution.y, strict=True) if y > 0.5}
    crowded = {
        int(i): msg(
            "infer.crowded",
            "{quota}, and the committee selected {count}",
            quota=group.describe,
            count=int(program.selected[group.members].sum()),
        )
        for group in program.groups
        if program.selected[group.members].sum() > group.maximum
        for i in group.members
        if program.selected[i]
    }
    mates = [
        {int(j) for group in program.groups if i in group.members for j in group.members}
        for i in range(program.d)
    ]

    def rival(i: int, j: int) -> bool:
        """Whether j, decided otherwise, competes with i: same category, or both by the cut."""
        return j in mates[i] or (i not in by_quota and j not in by_quota)

    texts: list[Message] = []
    for pid in mismatched:
        i = where.get(pid)
        if i is None:
            texts.append(
                msg("infer.ineligible", "ineligible: {reasons}", reasons=list(gated[pid]))
            )
            continue
        others = [j for j in range(program.d) if program.selected[j] != program.selected[i]]
        if program.selected[i]:
            dominant = [j for j in others if np.all(program.scores[j] >= program.scores[i])]
        else:
            dominant = [j for j in others if np.all(program.scores[j] <= program.scores[i])]
        dominant = [j for j in dominant if rival(i, j)]
        if program.selected[i] and i in crowded:
            texts.append(crowded[i])
        elif program.selected[i] and rule.top is not None and chosen > rule.top:
            texts.append(
                msg(
                    "infer.too_many",
                    "the rule selects at most {top} (the top {top}), and the committee "
                    "selected {chosen} eligible producers",
                    top=rule.top,
                    chosen=chosen,
                )
            )
        elif dominant and program.selected[i]:
            other = decided[dominant[0]]
            texts.append(
                msg(
                    "infer.dominated_battery",
                    "{other} (rejected) is at least as good on every battery",
                    other=other,
                )
                if battery
                else msg(
                    "infer.dominated_criterion",
                    "{other} (rejected) is at least as good on every criterion",
                    other=other,
                )
            )
        elif dominant:
            other = decided[dominant[0]]
            texts.append(
                msg(
                    "infer.dominates_battery",
                    "at least as good as {other} (selected) on every battery",
                    other=other,
                )
                if battery
                else msg(
                    "infer.dominates_criterion",
                    "at least as good as {other} (selected) on every criterion",
                    other=other,
                )
            )
        elif rule.top is not None and rule.min_score is None and kept < rule.top:
            texts.append(
                msg(
                    "infer.places",
                    "the rule fills {top} places and only {kept} of the recorded selections "
                    "can take them",
                    top=rule.top,
                    kept=kept,
                )
            )
        elif solution.z[i] < 0.5:
            texts.append(
                msg(
                    "infer.trade_off",
                    "no weighting reproduces it without losing another decision",
                )
            )
        else:
            texts.append(
                msg(
                    "infer.model_misses",
                    "the inferred weights miss it: the linear model of the rule does not "
                    "capture this case",
                )
            )
    return texts


def infer_weights(
    producers: ProblemSource,
    grid: Grid | str | Any = None,
    *,
    decisions: DecisionRecord | pd.DataFrame | str | PathLike[str],
    level: Level = "criterion",
    target: Target = "closest",
    method: str | Method | None = None,
    normalization: str | Normalization | None = None,
    time_limit: float | None = 60.0,
    lang: str | None = None,
) -> Inference:
    """The weights under which the recorded decisions follow from the grid's selection rule.

    Parameters
    ----------
    producers, grid
        As for :func:`selection.rank`; the grid needs a ``select:`` section.
    decisions : DecisionRecord, DataFrame or path
        What the committee decided (see :func:`selection.load_decisions`).
        Eligible producers without a recorded decision are left free.
    level : {"criterion", "battery"}
        Infer every criterion's weight, or the battery weights only (each
        criterion keeps its share inside its battery).
    target : {"closest", "central"}
        The weights nearest the grid's (L1), or those that keep the widest gap
        between the decisions (see the module's documentation).
    method, normalization
        Default: the grid's. The method must be the weighted sum (``wsm``).
    time_limit : float or None
        Seconds the search for the most reproducible decisions may take when not
        all can be (a few seconds for a hundred producers, minutes for several
        hundred); it then keeps the best found and says so in `status`. None: no
        limit.

    Returns
    -------
    Inference

    Raises
    ------
    MethodError
        A method other than the weighted sum.
    GridError
        A grid without a selection rule.
    DataError
        Recorded ids that are not in the producer table.
    SelectionError
        An unknown level or target.

    Examples
    --------
    >>> import pandas as pd
    >>> import selection
    >>> grid = selection.parse_grid('''
    ... format: selection/grid@1
    ... name: two criteria
    ... id: id
    ... normalization: none
    ... batteries:
    ...   all: {criteria: {q: {weight: 1}, l: {weight: 1}}}
    ... select: {top: 1}
    ... ''')
    >>> table = pd.DataFrame({"id": ["A", "B"], "q": [1.0, 0.0], "l": [0.0, 0.6]})
    >>> record = pd.DataFrame({"id": ["A", "B"], "decision": ["écarté", "retenu"]})
    >>> inference = infer_weights(table, grid, decisions=record)
    >>> inference.factor_weights.round(3).to_dict()  # B wins once l weighs 0.625 (+ ε)
    {'q': 0.375, 'l': 0.625}
    >>> inference.reproduced
    1.0
    """
    chosen_lang = language(lang)
    target = one_of(target, "target", ("closest", "central"), what=msg("what.target", "target"))
    prepared = prepare(producers, grid, method=method, normalization=normalization)
    the_grid, engine, how = prepared.grid, prepared.engine, prepared.normalization
    if not engine.capabilities.linear_in_weights:
        raise MethodError(
            msg(
                "infer.not_linear",
                "weights are inferred for methods whose scores are linear in the weights",
            ),
            where="method",
            expected=msg("infer.expected", "wsm (scores linear in the weights)"),
            found=repr(str(engine.name)),
            hint=msg(
                "infer.hint",
                'pass method="wsm"; the audit (selection.check) works with every method',
            ),
        )
    rule = the_grid.select
    if rule is None:
        raise GridError(
            msg("decide.no_rule", "no selection rule"),
            where=msg("where.grid", "grid {name!r}", name=the_grid.source or the_grid.name),
            expected=msg(
                "infer.rule_expected", "a `select:` section (e.g. `select: {{top: 12}}`)"
            ),
            found=msg("decide.none", "none"),
            hint=msg(
                "infer.rule_hint",
                "the decisions follow from a rule: say which one the committee applied",
            ),
        )
    if rule.tiered:
        raise GridError(
            msg("infer.tiers", "weights are not yet inferred from recorded tiers"),
            where="select.tiers",
            expected=msg("infer.tiers_expected", "a rule of places: `top:`, `min_score:`, quotas"),
            found=msg("infer.tiers_found", "tiers"),
            hint=msg(
                "infer.tiers_hint",
                "selection.check compares recorded tiers with the grid's and says which weight "
                "would give each recorded tier",
            ),
        )
    context = factors_for(prepared, level=level, least=1)
    ranking = rank(prepared, lang=chosen_lang)
    known = [str(i) for i in ranking.matrix.ids]
    loaded = record_for(decisions, the_grid, known)
    record, source = loaded.decisions.astype(str), loaded.source
    if Path(source).suffix:  # a file: its name, not where it sits on this machine
        source = Path(source).name

    # Scores are linear in the weights: each factor's unit weighting gives one column.
    scores = np.asarray(engine.scores(context.problem, context.to_criteria).T, dtype=float)
    eligible = [str(i) for i in context.ids]
    program, decided = build(rule, scores, eligible, record, ranking.producers)
    f0 = np.asarray(context.weights, dtype=float)
    solution = _fit(program, f0, target, time_limit)

    # Weights the solver left where they were (to its tolerance) stay exactly so.
    weights = np.where(np.abs(solution.weights - f0) < 1e-8, f0, solution.weights)
    if float(np.abs(weights - f0).sum()) == 0.0:  # the grid's own weights
        factor = f0
        inferred_grid = dataclasses.replace(the_grid, method=engine.name, normalization=how)
    else:
        factor = _rounded(weights) / 100
        note = render(
            msg(
                "infer.note",
                "Weights inferred by selection.infer_weights ({target}, {level} level) from "
                "the decisions in {source}.",
                target=target,
                level=level_name(level),
                source=source,
            ),
            chosen_lang,
        )
        inferred_grid = _inferred_grid(the_grid, weights, level, engine.name, how, note)
    distance = float(np.abs(factor - f0).sum())
    outcome = rank(prepared.with_grid(inferred_grid), lang=chosen_lang).decisions(lang=chosen_lang)
    said = outcome.table["decision"].astype(str).reindex(list(record.index))
    inferred = said.map({SELECTED: SELECTED, INELIGIBLE: REJECTED}).fillna(REJECTED)
    agree = inferred == record
    mismatched = [str(pid) for pid in record.index[~agree.to_numpy()]]
    reasons = _reasons(
        program,
        solution,
        decided,
        mismatched,
        record,
        inferred,
        ranking.reasons,
        rule,
        level,
    )
    unexplained = pd.DataFrame(
        {
            "recorded": record.loc[mismatched],
            "inferred": said.loc[mismatched],
            "reason": pd.Series(
                [render(r, chosen_lang) for r in reasons], index=mismatched, dtype=object
            ),
        },
        index=pd.Index(mismatched, name=the_grid.id_column),
    )
    gated = [pid for pid in record.index if pid not in set(eligible)]
    status = _status(
        total=len(record),
        agreed=int(agree.sum()),
        promised=int(solution.z.sum())
        - round(float(solution.slack.sum()))
        + sum(1 for pid in gated if record[pid] != SELECTED),
        target=target,
        level=level,
        distance=distance,
        gap=solution.gap,
        free=len(eligible) - len(decided),
        stopped=None if solution.proven else time_limit,
    )
    return Inference(
        grid=inferred_grid,
        weights=inferred_grid.weights,
        factor_weights=pd.Series(factor, index=context.factors, name="weight"),
        reproduced=float(agree.mean()) if len(agree) else 1.0,
        unexplained=unexplained,
        status=" ".join(render(m, chosen_lang) for m in status),
        distance=distance,
        margin=solution.gap,
        level=level,
        target=target,
        decisions=outcome,
        status_messages=tuple(status),
    )


def _status(
    *,
    total: int,
    agreed: int,
    promised: int,
    target: Target,
    level: Level,
    distance: float,
    gap: float,
    free: int,
    stopped: float | None,
) -> list[Message]:
    """What was found, as sentences (rendered joined by spaces)."""
    how = (
        msg(
            "infer.how.closest",
            "the closest to the grid's {level} weights (L1 distance {distance:.3f})",
            level=level_name(level),
            distance=distance,
        )
        if target == "closest"
        else msg(
            "infer.how.central",
            "the widest score gap between the decisions ({gap:.3g}), L1 distance "
            "{distance:.3f} from the grid's {level} weights",
            gap=gap,
            distance=distance,
            level=level_name(level),
        )
    )
    factors = (
        msg("infer.factors.criteria", "criteria")
        if level == "criterion"
        else msg("infer.factors.batteries", "batteries")
    )
    sentences: list[Message] = []
    if agreed == total:
        sentences.append(
            msgn(
                "infer.status.all",
                "The {count} recorded decision follows from the grid's rule with weights {how}.",
                "All {count} recorded decisions follow from the grid's rule with weights {how}.",
                count=total,
                how=how,
            )
        )
    else:
        missed = total - agreed
        sentences.append(
            msgn(
                "infer.status.some",
                "No weighting of the {factors} reproduces all {total} recorded decisions: "
                "{agreed} ({share:.0%}) do with weights {how}; the other one is listed in "
                "`unexplained`.",
                "No weighting of the {factors} reproduces all {total} recorded decisions: "
                "{agreed} ({share:.0%}) do with weights {how}; the other {count} are listed in "
                "`unexplained`.",
                count=missed,
                factors=factors,
                total=total,
                agreed=agreed,
                share=agreed / total,
                how=how,
            )
        )
        if agreed < promised:
            sentences.append(
                msg(
                    "infer.status.promised",
                    "(The linear model of the rule promised {promised}: quotas interact in a "
                    "way it does not capture.)",
                    promised=promised,
                )
            )
    if stopped is not None:
        sentences.append(
            msg(
                "infer.status.stopped",
                "The search stopped after {seconds} s with the best it had found: more "
                "decisions may be reproducible (raise `time_limit`).",
                seconds=_seconds(stopped),
            )
        )
    if free:
        sentences.append(
            msgn(
                "infer.status.free",
                "{count} eligible producer has no recorded decision and was left free.",
                "{count} eligible producers have no recorded decision and were left free.",
                count=free,
            )
        )
    return sentences


def _seconds(value: float) -> Message | str:
    """A time limit as people read it: ``60``, ``0,5`` in French; ``1e-09`` when tiny."""
    if value != 0 and (abs(value) < 1e-3 or abs(value) >= 1e6):
        return f"{value:g}"
    return Message("number", "{value:g}", {"value": float(value)})
