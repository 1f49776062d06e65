"""Objective weights (entropy, CRITIC, standard deviation) beside the committee's (issue 9)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from pymcdm import weights as pymcdm_weights

import selection
from selection.sensitivity import objective_weights
from selection.sensitivity.objective import _entropy
from tests import toys


def test_entropy_equals_pymcdm_on_positive_data() -> None:
    """Where pymcdm's entropy is defined (no zero), the two agree."""
    gen = np.random.default_rng(4)
    r = gen.uniform(0.1, 1.0, (9, 5))
    ours = _entropy(r)
    np.testing.assert_allclose(ours / ours.sum(), pymcdm_weights.entropy_weights(r), atol=1e-12)


def test_entropy_by_hand_with_a_zero() -> None:
    """p = (0, 1/3, 2/3): E = −(1/3 ln 1/3 + 2/3 ln 2/3) / ln 3, 0 ln 0 counted 0."""
    r = np.array([[0.0], [1.0], [2.0]])
    expected = 1 + (np.log(1 / 3) / 3 + 2 * np.log(2 / 3) / 3) / np.log(3)
    np.testing.assert_allclose(_entropy(r), [expected], atol=1e-12)


def table_and_grid() -> tuple[object, selection.Grid]:
    values = np.array(
        [
            [1.0, 10.0, 5.0, 3.0],
            [2.0, 30.0, 5.0, 1.0],
            [4.0, 20.0, 5.0, 2.0],
            [8.0, 60.0, 5.0, 4.0],
        ]
    )
    grid = toys.numeric_grid([1, -1, 1, 1], [1, 1, 1, 1], battery_of=[0, 0, 1, 1], method="wsm")
    grid = dataclasses.replace(grid, normalization="minmax")
    return toys.producer_table(values), grid


def test_weights_sum_to_one_and_a_constant_criterion_gets_none() -> None:
    table, grid = table_and_grid()
    result = objective_weights(table, grid, k=2)
    np.testing.assert_allclose(result.weights.sum().to_numpy(), 1.0, atol=1e-12)
    assert (result.weights.loc["c2", ["entropy", "critic", "std"]] == 0).all()
    assert result.weights.loc["c2", "committee"] == pytest.approx(0.25)
    np.testing.assert_allclose(result.batteries.sum().to_numpy(), 1.0, atol=1e-12)


def test_critic_and_std_are_pymcdms_on_the_varying_criteria() -> None:
    table, grid = table_and_grid()
    result = objective_weights(table, grid)
    values = table[["col0", "col1", "col3"]].to_numpy()
    r = (values - values.min(axis=0)) / (values.max(axis=0) - values.min(axis=0))
    r[:, 1] = 1 - r[:, 1]  # c1: less is better
    np.testing.assert_allclose(
        result.weights.loc[["c0", "c1", "c3"], "critic"],
        pymcdm_weights.critic_weights(r),
        atol=1e-12,
    )
    np.testing.assert_allclose(
        result.weights.loc[["c0", "c1", "c3"], "std"],
        pymcdm_weights.standard_deviation_weights(r),
        atol=1e-12,
    )


def test_the_top_is_capped_and_the_overlap_counted() -> None:
    table, grid = table_and_grid()
    result = objective_weights(table, grid, k=50)
    assert result.top == 4
    assert (result.overlap == 4).all()
    small = objective_weights(table, grid, k=1)
    committee_first = small.ranks.index[small.ranks["committee"] == 1]
    for method in ("entropy", "critic", "std"):
        first = small.ranks.index[small.ranks[method] == 1]
        assert small.overlap[method] == len(set(committee_first) & set(first))


def test_the_sentence_names_the_battery_that_moves_most() -> None:
    result = objective_weights(selection.example_producers_path(), selection.example_grid_path())
    gap = (result.batteries["critic"] - result.batteries["committee"]).abs()
    label = result.labels[str(gap.idxmax())]
    text = result.summary("en")
    assert label in text
    assert f"top {result.top}" in text
    assert (
        result.summary("fr").startswith("Ce que diraient les données seules") or "CRITIC" in text
    )


def test_too_few_producers() -> None:
    table, grid = table_and_grid()
    with pytest.raises(selection.SelectionError) as info:
        objective_weights(table.iloc[:1], grid)
    assert "objective weights need producers that differ" in info.value.problem
    assert info.value.found == "1"
