"""Properties of decisions on any grid and table (Hypothesis): rules, ``check``, ``diff``.

Problems come from :func:`tests.strategies.problems` with a ``select:`` rule (the
top N and/or a minimum score, maybe quotas on a category column).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

import selection
from selection.decisions import diff
from selection.messages import render
from selection.table import fold
from tests import strategies, toys
from tests.strategies import problems

Problem = tuple[pd.DataFrame, selection.Grid]

LEVELS = ["criterion", "battery"]

#: Decision words as committees write them, and what they mean.
WORDS = {
    "retenu": "selected",
    "Écarté": "rejected",
    "selected": "selected",
    "rejected": "rejected",
    "oui": "selected",
    "non": "rejected",
}


def the_grids_record(ranking: selection.Ranking) -> pd.DataFrame:
    """The decisions the grid itself makes, as a record (ineligible: rejected)."""
    made = ranking.decisions().table["decision"]
    return pd.DataFrame(
        {
            "id": [str(pid) for pid in made.index],
            "decision": ["selected" if d == "selected" else "rejected" for d in made],
        }
    )


@settings(max_examples=30, deadline=None)
@given(problems(rule=True), st.sampled_from(LEVELS))
def test_the_grids_own_decisions_agree_fully(problem: Problem, level: str) -> None:
    """``check`` of the decisions the grid makes (``rank(...).decisions()``) reproduces all
    of them: agreement 100 %, no disagreement, a diagonal confusion table."""
    table, grid = problem
    record = the_grids_record(selection.rank(table, grid))
    audit = selection.check(table, grid, decisions=record, level=level)  # type: ignore[arg-type]
    assert audit.agreement == 1.0
    assert audit.reproduced
    assert audit.disagreements.empty
    confusion = audit.confusion.to_numpy()
    assert confusion.trace() == len(table) == confusion.sum()


def random_record(table: pd.DataFrame, data: st.DataObject) -> tuple[pd.DataFrame, pd.Series]:
    """A record of random decision words for every producer, and what they mean."""
    size = len(table)
    words = data.draw(st.lists(st.sampled_from(list(WORDS)), min_size=size, max_size=size))
    record = pd.DataFrame({"id": table["id"], "decision": words})
    return record, pd.Series([WORDS[w] for w in words], index=table["id"])


@settings(max_examples=30, deadline=None)
@given(problems(rule=True), st.sampled_from(LEVELS), st.data())
def test_any_record_gets_an_honest_count_and_explanations_in_both_languages(
    problem: Problem, level: str, data: st.DataObject
) -> None:
    """For a record drawn at random, the agreement is the share of recorded decisions the
    grid makes too, the disagreements are exactly the others, the confusion table counts
    every recorded producer, and every explanation renders in French and in English.

    A grid with a single criterion is checked at the battery level here: at the criterion
    level ``check`` fails on it (see the next test)."""
    table, grid = problem
    if len(grid.keys) == 1:
        level = "battery"
    record, recorded = random_record(table, data)
    audit = selection.check(table, grid, decisions=record, level=level)  # type: ignore[arg-type]
    made = the_grids_record(selection.rank(table, grid)).set_index("id")["decision"]
    agree = made.loc[recorded.index] == recorded
    assert abs(audit.agreement - agree.mean()) <= 1e-12
    assert set(audit.disagreements.index) == set(recorded.index[~agree])
    assert int(audit.confusion.to_numpy().sum()) == len(table)
    assert audit.confusion.loc["selected"].sum() == (recorded == "selected").sum()
    assert list(audit.explanations.index) == list(audit.disagreements.index)
    for message in audit.explanations:
        for lang in ("fr", "en"):
            assert render(message, lang).strip(), (message, lang)
    for lang in ("fr", "en"):
        assert audit.summary(lang).strip()


#: One criterion x read as written, the top 1: C (x = 3) is selected, A and B are not.
ONE_WEIGHT = (
    toys.table({"A": (1.0,), "B": (2.0,), "C": (3.0,)}, columns=["x"]),
    selection.parse_grid(toys.ONE_CRITERION + "select: {top: 1}\n"),
)


@settings(max_examples=20, deadline=None)
@example(problem=ONE_WEIGHT, words=["retenu", "non", "non"]).via("A recorded as selected")
@given(problems(rule=True, max_criteria=1), st.lists(st.sampled_from(list(WORDS)), min_size=8))
def test_disagreements_on_a_one_criterion_grid_are_explained(
    problem: Problem, words: list[str]
) -> None:
    """On a grid with a single criterion, ``check`` at the criterion level explains every
    disagreement too (there is no weight to move: the explanation says what differs)."""
    table, grid = problem
    record = pd.DataFrame({"id": table["id"], "decision": words[: len(table)]})
    audit = selection.check(table, grid, decisions=record)
    assert len(audit.explanations) == len(audit.disagreements)
    for message in audit.explanations:
        assert render(message, "fr").strip() and render(message, "en").strip()


@settings(max_examples=40, deadline=None)
@given(problems(rule=True))
def test_decisions_keep_to_the_rule(problem: Problem) -> None:
    """Only eligible producers are selected; never more than `top`, never below
    `min_score`, never more than a quota's maximum; a quota's minimum is met, or the
    shortfall is reported."""
    table, grid = problem
    ranking = selection.rank(table, grid)
    decisions = ranking.decisions()
    rule = decisions.rule
    frame = decisions.table
    chosen = frame[frame["decision"] == "selected"]
    eligible = ranking.table["eligible"]
    assert eligible.loc[chosen.index].all()
    assert (frame.loc[~eligible, "decision"] == "ineligible").all()
    if rule.top is not None:
        assert len(chosen) <= rule.top
    if rule.min_score is not None:
        assert (chosen["score"].to_numpy(dtype=float) >= rule.min_score).all()
    categories = ranking.producers.loc[chosen.index, "category"].map(lambda c: fold(str(c)))
    for quota in rule.quotas:
        counts = categories.value_counts()
        if quota.max is not None:
            if quota.value is None:
                assert (counts <= quota.max).all(), (quota, counts)
            else:
                assert counts.get(fold(quota.value), 0) <= quota.max
        if quota.min is not None and counts.get(fold(str(quota.value)), 0) < quota.min:
            assert decisions.shortfalls, quota


@settings(max_examples=40, deadline=None)
@given(problems(rule=True))
def test_without_quotas_the_selection_is_the_head_of_the_ranking(problem: Problem) -> None:
    """Without quotas, the producers reaching `min_score` are taken in rank order until
    `top` places are filled: as many as fit, and none ranked below one left out."""
    table, grid = problem
    rule = dataclasses.replace(grid.select, quotas=())
    ranking = selection.rank(table, dataclasses.replace(grid, select=rule))
    frame = ranking.decisions().table
    ranked = frame[frame["decision"] != "ineligible"]
    scores = ranked["score"].to_numpy(dtype=float)
    passing = ranked[scores >= rule.min_score] if rule.min_score is not None else ranked
    chosen = passing[passing["decision"] == "selected"]
    left = passing[passing["decision"] != "selected"]
    places = len(passing) if rule.top is None else min(rule.top, len(passing))
    assert len(chosen) == places
    if len(chosen) and len(left):
        assert chosen["rank"].max() <= left["rank"].min()


@settings(max_examples=30, deadline=None)
@given(problems())
def test_a_ranking_against_itself_changes_nothing(problem: Problem) -> None:
    """``diff`` of a ranking with itself: nobody enters, leaves, moves or changes score;
    no weight and no cell changed."""
    table, grid = problem
    ranking = selection.rank(table, grid)
    change = diff(ranking, ranking)
    assert change.entered == [] and change.left == []
    assert change.added == [] and change.removed == []
    assert (change.moves["change"] == 0).all()
    np.testing.assert_allclose(change.score_changes["change"], 0.0, atol=1e-12)
    assert change.weight_changes.empty
    assert change.data_changes.empty
    assert change.eligibility.empty


@settings(max_examples=30, deadline=None)
@given(problems(methods=("wsm",)), st.data())
def test_new_weights_on_the_same_table_change_scores_by_weight_effects_only(
    problem: Problem, data: st.DataObject
) -> None:
    """Two weighted-sum rankings of one table under two weightings: every score change is a
    weight effect (no data effect), and each move is the difference of the two ranks."""
    table, grid = problem
    reweighted = grid.with_weights(data.draw(strategies.weightings(grid)))
    old, new = selection.rank(table, grid), selection.rank(table, reweighted)
    change = diff(old, new, k=data.draw(st.integers(1, 4)))
    scores = change.score_changes
    np.testing.assert_allclose(scores["data_effect"], 0.0, rtol=0, atol=1e-12)
    np.testing.assert_allclose(scores["weight_effect"], scores["change"], rtol=0, atol=1e-12)
    moves = change.moves
    np.testing.assert_array_equal(moves["change"], moves["old_rank"] - moves["new_rank"])
    assert set(change.entered).isdisjoint(change.left)
    assert change.data_changes.empty
