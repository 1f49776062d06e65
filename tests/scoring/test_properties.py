"""Properties of ``prepare`` and ``rank`` on any grid and table (Hypothesis).

Problems come from :func:`tests.strategies.problems`: numeric, levels and yes/no
criteria, gates on numbers and on a category column, blank cells where the
missing-data policy allows them, weighted sum or TOPSIS. Complements
``test_invariants.py``, whose problems are numeric only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import selection
from selection.engines import competition_ranks
from selection.explain import explanation
from selection.messages import render
from tests import strategies
from tests.strategies import problems

Problem = tuple[pd.DataFrame, selection.Grid]

ATOL = 1e-12


def by_id(ranking: selection.Ranking, ids: pd.Index) -> pd.DataFrame:
    """The ranking's score, rank and eligibility, in the order of `ids`."""
    return ranking.table.loc[ids, ["score", "rank", "eligible"]]


def assert_same_ranking(got: selection.Ranking, expected: selection.Ranking) -> None:
    """Same producers, eligibility and ranks; scores equal to rounding."""
    ids = expected.table.index
    assert sorted(got.table.index) == sorted(ids)
    mine, theirs = by_id(got, ids), by_id(expected, ids)
    pd.testing.assert_series_equal(mine["eligible"], theirs["eligible"])
    pd.testing.assert_series_equal(mine["rank"], theirs["rank"])
    np.testing.assert_allclose(
        mine["score"].to_numpy(dtype=float, na_value=np.nan),
        theirs["score"].to_numpy(dtype=float, na_value=np.nan),
        rtol=0,
        atol=ATOL,
    )


def blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, float) and np.isnan(cell))


def passes_gates(row: pd.Series, grid: selection.Grid) -> bool:
    """Whether a producer passes every gate of `grid` and has no blank that excludes it."""
    for gate in grid.eligibility:
        if gate.criterion is not None:
            column = grid.criteria[grid.keys.index(gate.criterion)].kind.columns[0]
            value = row[column]
            if blank(value):
                return False
            if gate.min is not None and float(value) < gate.min:
                return False
            if gate.max is not None and float(value) > gate.max:
                return False
        else:
            category = row["category"]
            if gate.allowed is not None and category not in gate.allowed:
                return False
            if gate.refused is not None and category in gate.refused:
                return False
    for criterion in grid.criteria:
        policy = criterion.missing or grid.missing
        if policy is selection.MissingPolicy.EXCLUDE and blank(row[criterion.kind.columns[0]]):
            return False
    return True


@settings(max_examples=50, deadline=None)
@given(problems())
def test_ranks_are_competition_ranks_of_the_scores(problem: Problem) -> None:
    """Eligible producers come first, best first, with the competition ranks of their
    scores (a permutation of 1..n when no two tie); ineligible ones have no score and no
    rank, and a reason."""
    table, grid = problem
    ranking = selection.rank(table, grid)
    frame = ranking.table
    eligible = frame["eligible"].to_numpy(dtype=bool)
    n = int(eligible.sum())
    assert (eligible[:n]).all() and not eligible[n:].any()
    scores = frame["score"].to_numpy(dtype=float, na_value=np.nan)
    ranks = frame["rank"].to_numpy(dtype=float, na_value=np.nan)
    assert np.isfinite(scores[:n]).all() and np.isnan(scores[n:]).all()
    assert np.isnan(ranks[n:]).all()
    expected = competition_ranks(scores[:n], higher_is_better=ranking.higher_is_better)
    np.testing.assert_array_equal(ranks[:n], expected)
    assert (np.diff(ranks[:n]) >= 0).all()
    if len(set(expected.tolist())) == n:
        assert sorted(ranks[:n].astype(int).tolist()) == list(range(1, n + 1))
    assert (frame["reason"][:n] == "").all()
    assert (frame["reason"][n:] != "").all()


@settings(max_examples=40, deadline=None)
@given(problems())
def test_eligibility_is_the_gates_and_the_missing_data_policy(problem: Problem) -> None:
    """A producer is eligible exactly when it passes every gate (worked out here from the
    raw cells) and no blank cell excludes it."""
    table, grid = problem
    ranking = selection.rank(table, grid)
    expected = {str(row["id"]): passes_gates(row, grid) for _, row in table.iterrows()}
    assert ranking.table["eligible"].to_dict() == expected


@settings(max_examples=30, deadline=None)
@given(problems(max_criteria=4), st.data())
def test_reweighting_a_prepared_problem_reuses_its_matrix(
    problem: Problem, data: st.DataObject
) -> None:
    """``Prepared.with_grid`` with only the weights changed keeps the decision matrix (the
    same object) and ranks as a problem prepared afresh; ``rank(prepared, weights=...)`` is
    ``rank(table, grid.with_weights(...))``."""
    table, grid = problem
    points = data.draw(strategies.weightings(grid))
    reweighted = grid.with_weights(points)
    prepared = selection.prepare(table, grid)
    again = prepared.with_grid(reweighted)
    assert again.matrix is prepared.matrix
    assert again.grid is reweighted
    fresh = selection.prepare(table, reweighted)
    assert_same_ranking(selection.rank(again), selection.rank(fresh))
    assert_same_ranking(
        selection.rank(prepared, weights=points), selection.rank(table, reweighted)
    )
    # The original prepared problem is left as it was.
    assert prepared.grid is grid
    assert_same_ranking(selection.rank(prepared), selection.rank(table, grid))


@settings(max_examples=40, deadline=None)
@given(problems(), st.sampled_from([1e-3, 0.5, 7.0, 1e3]))
def test_scaling_every_weight_changes_no_score(problem: Problem, factor: float) -> None:
    """Weights are relative: multiplying every battery and criterion weight by the same
    factor leaves every score and rank as it was."""
    table, grid = problem
    points = {b.key: b.weight * factor for b in grid.batteries}
    points |= {c.key: c.weight * factor for c in grid.criteria}
    assert_same_ranking(
        selection.rank(table, grid.with_weights(points)), selection.rank(table, grid)
    )


@settings(max_examples=40, deadline=None)
@given(problems(), st.data())
def test_reordering_the_rows_reorders_the_results_only(
    problem: Problem, data: st.DataObject
) -> None:
    """The table's row order changes no producer's score, rank, eligibility or reason."""
    table, grid = problem
    order = data.draw(st.permutations(range(len(table))))
    shuffled = table.iloc[list(order)].reset_index(drop=True)
    before, after = selection.rank(table, grid), selection.rank(shuffled, grid)
    assert_same_ranking(after, before)
    ids = before.table.index
    pd.testing.assert_series_equal(after.table.loc[ids, "reason"], before.table.loc[ids, "reason"])
    if grid.select is not None:
        # Ties at the cut may be broken by table order: compare only without ties.
        ranks = before.ranked["rank"].to_numpy(dtype=int)
        if len(set(ranks.tolist())) == len(ranks):
            decided = before.decisions().table.loc[ids, "decision"]
            pd.testing.assert_series_equal(after.decisions().table.loc[ids, "decision"], decided)


@settings(max_examples=40, deadline=None)
@given(problems())
def test_contributions_add_up_to_the_score(problem: Problem) -> None:
    """For wsm and TOPSIS, score = baseline + Σ criterion contributions, and each battery's
    column is the sum of its criteria's."""
    table, grid = problem
    ranking = selection.rank(table, grid)
    assert ranking.baseline is not None
    ranked = ranking.ranked
    criteria = ranked[grid.keys].to_numpy(dtype=float)
    np.testing.assert_allclose(
        ranking.baseline + criteria.sum(axis=1),
        ranked["score"].to_numpy(dtype=float),
        rtol=0,
        atol=1e-12,
    )
    for battery in grid.batteries:
        inside = ranked[[c.key for c in battery.criteria]].to_numpy(dtype=float).sum(axis=1)
        np.testing.assert_allclose(
            ranked[battery.key].to_numpy(dtype=float), inside, rtol=0, atol=1e-12
        )


@settings(max_examples=40, deadline=None)
@given(problems(rule=False))
def test_a_blank_counted_as_the_worst_is_the_worst_value_written_in(problem: Problem) -> None:
    """Under ``missing: worst``, an eligible producer's blank cell scores as the worst value
    written in its place: the declared bound (scale, levels, yes/no), else the worst value
    of the eligible producers."""
    table, grid = problem
    ranking = selection.rank(table, grid)
    eligible = set(ranking.ranked.index)
    filled = table.copy()
    rows = filled["id"].isin(eligible)
    for criterion in grid.criteria:
        if (criterion.missing or grid.missing) is not selection.MissingPolicy.WORST:
            continue
        column = criterion.kind.columns[0]
        holes = rows & filled[column].map(blank)
        if not holes.any():
            continue
        higher = criterion.direction is selection.Direction.MAX
        kind = criterion.kind
        worst: object
        if isinstance(kind, selection.Levels):
            words = sorted(kind.levels, key=lambda item: item[1])
            worst = words[0][0] if higher else words[-1][0]
        elif isinstance(kind, selection.Boolean):
            worst = "no" if higher else "yes"
        elif kind.scale is not None:
            worst = kind.scale[0] if higher else kind.scale[1]
        else:
            written = filled.loc[rows & ~holes, column].astype(float)
            worst = written.min() if higher else written.max()
        filled[column] = filled[column].astype(object)
        filled.loc[holes, column] = worst
    assert_same_ranking(selection.rank(filled, grid), ranking)


@settings(max_examples=30, deadline=None)
@given(problems(rule=True))
def test_every_reason_and_explanation_renders_in_both_languages(problem: Problem) -> None:
    """Ineligibility reasons, decision reasons, shortfalls and explanations made on random
    tables render in French and in English without error, as non-empty text."""
    table, grid = problem
    ranking = selection.rank(table, grid)
    decisions = ranking.decisions()
    messages = [m for reasons in ranking.reasons for m in reasons]
    messages += [m for reasons in decisions.reasons for m in reasons]
    messages += list(decisions.shortfall_messages)
    for producer in ranking.table.index:
        messages += explanation(ranking, str(producer))
    assert messages
    for message in messages:
        for lang in ("fr", "en"):
            text = render(message, lang)
            assert isinstance(text, str) and text.strip(), (message, lang)
    for lang in ("fr", "en"):
        assert ranking.summary(lang=lang)
        assert selection.rank(table, grid, lang=lang).table["reason"].map(type).eq(str).all()
