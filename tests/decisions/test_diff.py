"""``diff``: two rankings compared, with hand-worked moves and score splits.

Toy grids score two criteria as they are (``normalization: none``): with weights
(w_q, w_l) a producer (q, l) scores ``w_q q + w_l l``.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import selection
from selection.decisions import diff
from tests import toys


def grid(normalization: str = "none", extra: str = "") -> selection.Grid:
    """Qualité (q) and Localité (l), weighing 1/2 each."""
    return selection.parse_grid(
        toys.grid_text(
            toys.QUALITY_LOCALITY, method=None, normalization=normalization, extra=extra
        )
    )


#: Producers by id → their (q, l).
table = functools.partial(toys.table, columns=("q", "l"))

TOY = table({"A": (1.0, 0.0), "B": (0.0, 0.8), "C": (0.6, 0.1)})


def test_two_grids_on_one_table() -> None:
    """Weights (½, ½) → (¼, ¾): A 0.5 → 0.25, B 0.4 → 0.6, C 0.35 → 0.225.

    Ranks A 1 → 2, B 2 → 1, C 3 → 3; the top 1 changes from A to B. Every change is a
    weight effect, (w' − w)·r: A −¼·1 = −0.25, B ¾·0.8 − ½·0.8 = +0.2,
    C −¼·0.6 + ¼·0.1 = −0.125.
    """
    old = selection.rank(TOY, grid())
    new = selection.rank(TOY, grid().with_weights(l=3))
    change = diff(old, new, k=1)
    assert (change.entered, change.left, change.basis) == (["B"], ["A"], "top 1")
    assert change.moves[["old_rank", "new_rank", "change"]].to_dict("index") == {
        "B": {"old_rank": 2, "new_rank": 1, "change": 1},
        "A": {"old_rank": 1, "new_rank": 2, "change": -1},
        "C": {"old_rank": 3, "new_rank": 3, "change": 0},
    }
    assert list(change.moves.index) == ["B", "A", "C"]  # largest move first, then new rank
    # Relative to the average producer's change (q: −0.133, l: +0.075), B's contributions
    # move by q: 0 + 0.133 and l: +0.2 − 0.075 = +0.125: q's fall (½ → ¼) helped B most,
    # since B scores 0 on q where the others lose.
    assert change.moves.loc["B", "reason"] == (
        "mostly Qualité (50% → 25%), where B does worse than most"
    )
    assert change.moves.loc["C", "reason"] == ""  # it did not move
    weights = change.weight_changes
    assert weights["old"].to_dict() == pytest.approx({"q": 0.5, "l": 0.5})
    assert weights["new"].to_dict() == pytest.approx({"q": 0.25, "l": 0.75})
    assert weights["change"].to_dict() == pytest.approx({"q": -0.25, "l": 0.25})
    assert change.weight_changes["label"].tolist() == ["Qualité", "Localité"]
    assert change.data_changes.empty
    assert change.added == change.removed == []
    scores = change.score_changes
    assert scores["change"].to_dict() == pytest.approx({"A": -0.25, "B": 0.2, "C": -0.125})
    assert scores["weight_effect"].to_dict() == pytest.approx({"A": -0.25, "B": 0.2, "C": -0.125})
    assert scores["data_effect"].to_dict() == pytest.approx({"A": 0, "B": 0, "C": 0})
    assert scores.loc["B", "drivers"] == "Localité (+0.200)"
    assert scores.loc["C", "drivers"] == "Qualité (-0.150), Localité (+0.025)"
    assert change.effects is not None
    assert change.effects.loc["C"].to_dict() == pytest.approx({"q": -0.15, "l": 0.025})


def test_one_grid_on_two_seasons() -> None:
    """A's quality falls from 1 to 0.2, C leaves, D (0.9, 0.9) arrives; weights (½, ½).

    Old: A 0.5, B 0.4, C 0.35. New: D 0.9, B 0.4, A 0.1. Top 2: {A, B} → {D, B}. A falls
    from 1st to 3rd, all of it a data effect: ½ × (0.2 − 1) = −0.4.
    """
    new_table = table({"A": (0.2, 0.0), "B": (0.0, 0.8), "D": (0.9, 0.9)})
    old = selection.rank(TOY, grid())
    new = selection.rank(new_table, grid())
    change = diff(old, new, k=2)
    assert (change.entered, change.left) == (["D"], ["A"])
    assert (change.added, change.removed) == (["D"], ["C"])
    assert change.moves[["old_rank", "new_rank", "change"]].to_dict("index") == {
        "A": {"old_rank": 1, "new_rank": 3, "change": -2},
        "B": {"old_rank": 2, "new_rank": 2, "change": 0},
    }
    assert change.weight_changes.empty
    assert change.data_changes.to_dict("records") == [
        {"producer": "A", "column": "q", "old": 1.0, "new": 0.2}
    ]
    row = change.score_changes.loc["A"]
    assert (row["change"], row["weight_effect"], row["data_effect"]) == pytest.approx(
        (-0.4, 0.0, -0.4)
    )
    assert row["drivers"] == "Qualité (-0.400)"


def test_the_summary_in_words() -> None:
    old = selection.rank(TOY, grid())
    new = selection.rank(TOY, grid().with_weights(l=3))
    assert diff(old, new, k=1).summary() == (
        "Selection (top 1): 1 producer entered (B) and 1 producer left (A). "
        "Largest moves: B up 1 (2 → 1), A down 1 (1 → 2). "
        "Weights changed: Qualité 50.0% → 25.0%, Localité 50.0% → 75.0%. "
        "No cell of the grids' columns changed for the producers of both tables. "
        "B: score +0.200 (weights +0.200, data +0.000), mostly Localité (+0.200). "
        "A: score -0.250 (weights -0.250, data +0.000), mostly Qualité (-0.250)."
    )


def test_nothing_changed() -> None:
    ranking = selection.rank(TOY, grid())
    change = diff(ranking, ranking)
    assert change.summary().startswith(
        "The selection (top 10) is unchanged. No producer ranked in both changed places. "
        "The weights are the same."
    )
    assert (change.score_changes["change"] == 0).all()


def test_selection_comes_from_each_grids_rule() -> None:
    """With `select: {top: 1}` the rule decides; an explicit k overrides it."""
    with_rule = grid(extra="select: {top: 1}\n")
    old = selection.rank(TOY, with_rule)
    new = selection.rank(TOY, with_rule.with_weights(l=3))
    change = diff(old, new)
    assert (change.basis, change.entered, change.left) == ("the grid's rule", ["B"], ["A"])
    assert change.rule_change is None
    assert diff(old, new, k=2).basis == "top 2"
    assert diff(old, new, k=2).entered == []


def test_a_changed_rule_is_named() -> None:
    old = selection.rank(TOY, grid(extra="select: {top: 1}\n"))
    new = selection.rank(TOY, grid(extra="select: {top: 2}\n"))
    change = diff(old, new)
    assert change.rule_change == "the top 1 → the top 2"
    assert change.entered == ["B"]
    assert "The selection rule changed: the top 1 → the top 2." in change.summary()


def test_eligibility_changes_are_listed_apart() -> None:
    """A gate l ≥ 0.05: C (l 0.1 → 0.0) becomes ineligible; it leaves the moves."""
    gated = grid(extra="eligibility:\n  - {criterion: l, min: 0.05}\n")
    old = selection.rank(table({"A": (1.0, 0.1), "B": (0.0, 0.8), "C": (0.6, 0.1)}), gated)
    new = selection.rank(table({"A": (1.0, 0.1), "B": (0.0, 0.8), "C": (0.6, 0.0)}), gated)
    change = diff(old, new)
    assert change.eligibility.to_dict("index") == {
        "C": {
            "old_eligible": True,
            "new_eligible": False,
            "reason": "fails Localité ≥ 0.05 (has 0)",
        }
    }
    assert "C" not in change.moves.index
    assert "Eligibility changed for C." in change.summary()


def test_other_methods_get_score_changes_without_a_split() -> None:
    old = selection.rank(TOY, grid("vector"), method="topsis")
    new = selection.rank(TOY, grid("vector").with_weights(l=3), method="topsis")
    change = diff(old, new)
    assert list(change.score_changes.columns) == ["old_score", "new_score", "change"]
    assert change.effects is None
    assert "Weights changed" in change.summary()


def test_grids_with_different_criteria() -> None:
    """A criterion only the new grid has weighs 0 in the old one; no split is attempted."""
    extended = selection.parse_grid(
        toys.grid_text(
            "  all: {criteria: {q: {}, l: {}, v: {weight: 2}}}\n", name="more", method=None
        )
    )
    more = TOY.assign(v=[0.0, 1.0, 0.5])
    change = diff(selection.rank(more, grid()), selection.rank(more, extended))
    assert change.weight_changes["old"].to_dict() == {"q": 0.5, "l": 0.5, "v": 0.0}
    assert change.weight_changes["new"].to_dict() == {"q": 0.25, "l": 0.25, "v": 0.5}
    assert change.effects is None
    assert "weight_effect" not in change.score_changes


def test_cells_that_mean_the_same_are_not_changes() -> None:
    """Text cells compared without case or spaces, numbers as numbers."""
    levels = selection.parse_grid(
        toys.grid_text(
            "  all: {criteria: {label: {levels: {none: 0, AB: 1}}, q: {scale: [0, 2]}}}\n",
            name="lv",
            method=None,
            normalization=None,
        )
    )
    before = pd.DataFrame({"id": ["A", "B"], "label": ["AB", "none"], "q": ["1,5", "1"]})
    after = pd.DataFrame({"id": ["A", "B"], "label": [" ab ", "AB"], "q": ["1.5", "1"]})
    change = diff(selection.rank(before, levels), selection.rank(after, levels))
    assert change.data_changes.to_dict("records") == [
        {"producer": "B", "column": "label", "old": "none", "new": "AB"}
    ]


@pytest.mark.parametrize("k", [0, -1, 2.5, True])
def test_a_bad_k_is_refused(k: object) -> None:
    ranking = selection.rank(TOY, grid())
    with pytest.raises(selection.SelectionError) as caught:
        diff(ranking, ranking, k=k)  # type: ignore[arg-type]
    assert caught.value.where == "k"
    assert caught.value.found == repr(k)


def test_the_example_against_heavier_accessibility(example_grid: selection.Grid) -> None:
    producers, example = selection.example_producers_path(), example_grid
    old = selection.rank(producers, example)
    new = selection.rank(producers, example.with_weights(accessibility=60))
    change = diff(old, new)
    assert change.basis == "the grid's rule"
    assert set(change.weight_changes.index) == set(example.keys)
    assert len(change.entered) == len(change.left)  # 12 places on both sides
    scores = change.score_changes
    assert np.allclose(scores["weight_effect"], scores["change"], atol=1e-12)
    assert (scores["data_effect"].abs() < 1e-12).all()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(
        st.tuples(st.integers(1, 10), st.integers(1, 10), st.integers(1, 10), st.integers(1, 10)),
        min_size=3,
        max_size=8,
    ),
    weights=st.tuples(st.integers(0, 5), st.integers(1, 5), st.integers(0, 5), st.integers(1, 5)),
    normalization=st.sampled_from(["none", "minmax", "vector", "max", "sum"]),
    leave=st.integers(0, 2),
)
def test_weight_and_data_effects_add_up_to_the_change(
    values: list[tuple[int, int, int, int]],
    weights: tuple[int, int, int, int],
    normalization: str,
    leave: int,
) -> None:
    """Σ(w' − w) r + Σ w' (r' − r) = Σ w' r' − Σ w r, for every producer of both rankings,
    whatever changed: weights, cells, or who is in the table (normalizations that depend on
    the other producers included)."""
    before = pd.DataFrame(
        {"id": [f"P{i}" for i in range(len(values))], "q": [v[0] for v in values]}
    )
    before["l"] = [v[1] for v in values]
    after = before.assign(q=[v[2] for v in values], l=[v[3] for v in values])
    after = after.iloc[leave:]
    old = selection.rank(before, grid(normalization).with_weights(q=weights[0], l=weights[1]))
    new = selection.rank(after, grid(normalization).with_weights(q=weights[2], l=weights[3]))
    change = diff(old, new)
    scores = change.score_changes
    split = scores["weight_effect"] + scores["data_effect"]
    assert np.allclose(split, scores["change"], rtol=0, atol=1e-12)
    assert change.effects is not None
    assert np.allclose(change.effects.sum(axis=1), scores["change"], rtol=0, atol=1e-12)
    assert change.removed == [f"P{i}" for i in range(leave)]
    assert sorted(change.moves.index) == sorted(scores.index)
