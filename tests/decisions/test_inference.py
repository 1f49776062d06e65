"""``infer_weights``: weights under which recorded decisions follow from a grid's rule.

Toy problems have their feasible weights worked out by hand in each test's
docstring (``normalization: none``, so a producer's score is its values weighted:
with two criteria q and l, ``s = q·w + l·(1 − w)``). ε is 1e-4 of the range a
score can take: 1e-4 here, where values lie in [0, 1]. Property tests generate
decisions from a hidden weighting and check that they are recovered.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import selection
from selection.decisions import infer_weights
from selection.decisions.inference import EPSILON
from tests import toys
from tests.toys import record

#: Qualité (q) and Localité (l) in one battery, weighing 1/2 each, read as written.
TWO = toys.grid_text(toys.QUALITY_LOCALITY, name="two criteria", method=None)


def two(select: str, extra: str = "") -> selection.Grid:
    return selection.parse_grid(TWO + extra + f"select: {select}\n")


#: Producers by id → their (q, l), then any other columns.
table = functools.partial(toys.table, columns=("q", "l"))


def selected(producers: pd.DataFrame, grid: selection.Grid) -> list[str]:
    return sorted(selection.rank(producers, grid).decisions().selected)


# -- hand-worked problems -----------------------------------------------------------------------


def test_closest_weights_move_just_past_the_crossing() -> None:
    """A (1, 0) and B (0, 0.6), top 1, B recorded as selected.

    B − A = 0.6 (1 − w) − w ≥ ε  ⇔  w ≤ (0.6 − ε) / 1.6 = 0.3749375, from w = 0.5: the
    closest weights are (0.3749375, 0.6250625), at L1 distance 2 × 0.1250625.
    """
    grid = two("{top: 1}")
    producers = table({"A": (1.0, 0.0), "B": (0.0, 0.6)})
    inference = infer_weights(producers, grid, decisions=record(A="écarté", B="retenu"))
    w = (0.6 - EPSILON) / 1.6
    assert inference.factor_weights.to_dict() == pytest.approx({"q": w, "l": 1 - w}, abs=1e-8)
    assert inference.weights.to_dict() == pytest.approx({"q": w, "l": 1 - w}, abs=1e-8)
    assert inference.distance == pytest.approx(2 * (0.5 - w), abs=1e-8)
    assert inference.margin == pytest.approx(EPSILON)
    assert inference.reproduced == 1.0
    assert inference.unexplained.empty
    assert selected(producers, inference.grid) == ["B"]
    assert inference.status.startswith("All 2 recorded decisions follow")


def test_central_weights_keep_the_widest_gap() -> None:
    """Same problem: the gap B − A = 0.6 − 1.6 w is widest at w = 0, where it is 0.6."""
    grid = two("{top: 1}")
    producers = table({"A": (1.0, 0.0), "B": (0.0, 0.6)})
    inference = infer_weights(
        producers, grid, decisions=record(A="écarté", B="retenu"), target="central"
    )
    assert inference.factor_weights.to_dict() == pytest.approx({"q": 0.0, "l": 1.0}, abs=1e-6)
    assert inference.margin == pytest.approx(0.6, abs=1e-6)
    assert inference.target == "central"
    assert selected(producers, inference.grid) == ["B"]


def test_min_score_closest_and_central() -> None:
    """A (1, 0), B (0, 1), C (0.5, 0.5); min_score 0.6; only A recorded as selected.

    The threshold sits in the middle of the gap g: A = w ≥ 0.6 + g/2, B = 1 − w ≤ 0.6 − g/2,
    C = 0.5 ≤ 0.6 − g/2. Closest (g = ε): w = 0.6 + ε/2. Central: C caps g at 0.2, and
    A then needs w ≥ 0.7; the closest such w is 0.7.
    """
    grid = two("{min_score: 0.6}")
    producers = table({"A": (1.0, 0.0), "B": (0.0, 1.0), "C": (0.5, 0.5)})
    decisions = record(A="retenu", B="écarté", C="écarté")
    closest = infer_weights(producers, grid, decisions=decisions)
    assert closest.factor_weights["q"] == pytest.approx(0.6 + EPSILON / 2, abs=1e-8)
    assert closest.distance == pytest.approx(2 * (0.1 + EPSILON / 2), abs=1e-8)
    central = infer_weights(producers, grid, decisions=decisions, target="central")
    assert central.factor_weights["q"] == pytest.approx(0.7, abs=1e-5)
    assert central.margin == pytest.approx(0.2, abs=1e-6)
    for inference in (closest, central):
        assert selected(producers, inference.grid) == ["A"]


def test_battery_level_moves_battery_weights_and_keeps_shares() -> None:
    """Two batteries of two equal criteria: a battery's score is its criteria's mean.

    A scores (1, 0) by battery, B (0, 0.6): the toy of the first test, one level up. The
    battery weights become (0.3749375, 0.6250625); each criterion keeps half its battery's.
    """
    grid = selection.parse_grid(
        "format: selection/grid@1\nname: b\nid: id\nnormalization: none\n"
        "batteries:\n"
        "  quality: {label: Qualité, weight: 1, criteria: {q1: {weight: 2}, q2: {weight: 2}}}\n"
        "  locality: {label: Localité, weight: 1, criteria: {l1: {weight: 3}, l2: {weight: 3}}}\n"
        "select: {top: 1}\n"
    )
    producers = pd.DataFrame(
        {"id": ["A", "B"], "q1": [1.0, 0.0], "q2": [1.0, 0.0], "l1": [0.0, 0.6], "l2": [0, 0.6]}
    )
    inference = infer_weights(producers, grid, decisions=record(A="non", B="oui"), level="battery")
    w = (0.6 - EPSILON) / 1.6
    assert inference.factor_weights.to_dict() == pytest.approx(
        {"quality": w, "locality": 1 - w}, abs=1e-8
    )
    assert inference.weights.to_dict() == pytest.approx(
        {"q1": w / 2, "q2": w / 2, "l1": (1 - w) / 2, "l2": (1 - w) / 2}, abs=1e-8
    )
    assert [c.weight for c in inference.grid.criteria] == [2, 2, 3, 3]
    assert [b.label for b in inference.grid.batteries] == ["Qualité", "Localité"]
    assert inference.level == "battery"


def test_criterion_level_writes_percentage_points_in_the_grid() -> None:
    """At the criterion level each criterion's points are its weight in percent, and each
    battery's points the sum of its criteria's: the effective weights are the inferred ones."""
    grid = two("{top: 1}")
    producers = table({"A": (1.0, 0.0), "B": (0.0, 0.6)})
    inference = infer_weights(producers, grid, decisions=record(A="écarté", B="retenu"))
    w = (0.6 - EPSILON) / 1.6
    battery = inference.grid.batteries[0]
    assert [c.weight for c in battery.criteria] == pytest.approx([100 * w, 100 * (1 - w)])
    assert battery.weight == pytest.approx(100.0)
    assert battery.label == "Tout"
    assert [c.label for c in battery.criteria] == ["Qualité", "Localité"]
    assert inference.grid.select == grid.select


def test_a_record_the_grid_already_follows_gives_back_the_grid() -> None:
    """Recorded decisions the grid's own weights reproduce: distance 0, the weights unchanged."""
    grid = two("{top: 1}")
    producers = table({"A": (1.0, 0.0), "B": (0.0, 0.6)})
    inference = infer_weights(producers, grid, decisions=record(A="retenu", B="écarté"))
    assert inference.distance == 0.0
    assert inference.grid.weights.equals(grid.weights)
    assert inference.grid == grid


def test_a_full_category_explains_a_rejection() -> None:
    """Top 2, at most 1 per category. A (1, 0.5) and B (0.8, 0.4) grow vegetables, C (0.2, 0.3)
    and D (0, 0) fruit. A dominates B, B dominates C, C dominates D.

    Recorded: A and C selected, B and D rejected. Without the quota no weighting does it (B
    beats C everywhere); with it, every weighting does: B comes after A, whose category is
    then full. The grid's own weights are the closest.
    """
    producers = table(
        {"A": (1.0, 0.5), "B": (0.8, 0.4), "C": (0.2, 0.3), "D": (0.0, 0.0)},
        category=["veg", "veg", "fruit", "fruit"],
    )
    decisions = record(A="retenu", B="écarté", C="retenu", D="écarté")
    quota = two("{top: 2, quotas: [{column: category, max: 1}]}")
    inference = infer_weights(producers, quota, decisions=decisions)
    assert inference.reproduced == 1.0
    assert inference.distance == 0.0
    assert selected(producers, inference.grid) == ["A", "C"]


def test_a_dominated_producer_selected_over_its_dominator_is_reported_not_fitted() -> None:
    """The same record under top 2 without a quota: C is selected though B, rejected, is at
    least as good on both criteria. Whatever the weights, B outranks C, so at most two
    decisions hold (A selected and D rejected, with B in C's place): B and C are reported.
    """
    producers = table({"A": (1.0, 0.5), "B": (0.8, 0.4), "C": (0.2, 0.3), "D": (0.0, 0.0)})
    inference = infer_weights(
        producers,
        two("{top: 2}"),
        decisions=record(A="retenu", B="écarté", C="retenu", D="écarté"),
    )
    assert inference.reproduced == 0.5
    assert inference.unexplained.to_dict("index") == {
        "B": {
            "recorded": "rejected",
            "inferred": "selected",
            "reason": "at least as good as C (selected) on every criterion",
        },
        "C": {
            "recorded": "selected",
            "inferred": "not selected",
            "reason": "B (rejected) is at least as good on every criterion",
        },
    }
    assert inference.unexplained.index.name == "id"
    assert inference.status.startswith(
        "No weighting of the criteria reproduces all 4 recorded decisions: 2 (50%) do"
    )


def test_a_selected_producer_that_fails_a_gate_is_out_of_reach() -> None:
    """E scores best but fails the gate l ≥ 0.1: no weighting selects it; the rest holds."""
    grid = two("{top: 1}", extra="eligibility:\n  - {criterion: l, min: 0.1}\n")
    producers = table({"A": (1.0, 0.2), "B": (0.0, 0.6), "E": (1.0, 0.0)})
    inference = infer_weights(
        producers, grid, decisions=record(A="retenu", B="écarté", E="retenu")
    )
    assert inference.unexplained["reason"].to_dict() == {
        "E": "ineligible: fails Localité ≥ 0.1 (has 0)"
    }
    assert inference.unexplained.loc["E", "inferred"] == "ineligible"
    assert inference.reproduced == pytest.approx(2 / 3)


def test_more_selections_than_places_are_reported_with_the_rule() -> None:
    """Top 1 but A and B both selected: one of them cannot be, whatever the weights."""
    producers = table({"A": (1.0, 0.0), "B": (0.0, 0.6), "C": (0.1, 0.1)})
    inference = infer_weights(
        producers, two("{top: 1}"), decisions=record(A="oui", B="oui", C="non")
    )
    assert inference.reproduced == pytest.approx(2 / 3)
    (reason,) = inference.unexplained["reason"]
    assert reason == (
        "the rule selects at most 1 (the top 1), and the committee selected 2 eligible producers"
    )


def test_unrecorded_producers_are_left_free_and_said_so() -> None:
    producers = table({"A": (1.0, 0.0), "B": (0.0, 0.6), "C": (0.1, 0.1)})
    inference = infer_weights(producers, two("{top: 1}"), decisions=record(A="écarté", B="retenu"))
    assert inference.reproduced == 1.0
    assert "1 eligible producer has no recorded decision and was left free" in inference.status


# -- errors -----------------------------------------------------------------------------------


def test_another_method_is_refused_with_the_way_out() -> None:
    grid = dataclasses.replace(two("{top: 1}"), method=selection.Method.TOPSIS, normalization=None)
    producers = table({"A": (1.0, 0.0), "B": (0.0, 0.6)})
    with pytest.raises(selection.MethodError) as caught:
        infer_weights(producers, grid, decisions=record(A="oui", B="non"))
    assert caught.value.found == "'topsis'"
    assert 'method="wsm"' in str(caught.value.hint)
    inference = infer_weights(
        producers, grid, decisions=record(A="oui", B="non"), method="wsm", normalization="none"
    )
    assert inference.grid.method is selection.Method.WSM
    assert inference.grid.normalization is selection.Normalization.NONE
    assert inference.reproduced == 1.0


def test_a_grid_without_a_rule_is_refused() -> None:
    grid = selection.parse_grid(TWO)
    with pytest.raises(selection.GridError) as caught:
        infer_weights(table({"A": (1, 0), "B": (0, 1)}), grid, decisions=record(A="oui", B="non"))
    assert caught.value.problem == "no selection rule"
    assert "select:" in str(caught.value.expected)


def test_unknown_producers_in_the_record_are_refused_with_a_suggestion() -> None:
    producers = table({"P001": (1, 0), "P002": (0, 1)})
    with pytest.raises(selection.DataError) as caught:
        infer_weights(producers, two("{top: 1}"), decisions=record(P001="oui", P02="non"))
    assert caught.value.problem == "decisions about producers that are not in the table"
    assert caught.value.found == "'P02'"
    assert caught.value.hint == "'P02': did you mean 'P002'?"


def test_unknown_target_and_level_are_refused() -> None:
    producers = table({"A": (1, 0), "B": (0, 1)})
    with pytest.raises(selection.SelectionError) as caught:
        infer_weights(producers, two("{top: 1}"), decisions=record(A="oui"), target="centre")  # type: ignore[arg-type]
    assert caught.value.hint == "did you mean 'central'?"
    with pytest.raises(selection.SelectionError) as caught:
        infer_weights(producers, two("{top: 1}"), decisions=record(A="oui"), level="batteries")  # type: ignore[arg-type]
    assert caught.value.problem == "unknown level"


# -- the shipped example ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(example_grid: selection.Grid) -> tuple[Path, selection.Grid]:
    return selection.example_producers_path(), example_grid


def test_the_shipped_record_is_reproduced_up_to_what_the_rule_forbids(
    example: tuple[Path, selection.Grid],
) -> None:
    """The committee selected 13 eligible producers for 12 places, 6 vegetable growers where
    the rule allows 4, and P012, which fails the distance gate: at least 2 vegetable growers
    and P012 cannot be reproduced, and the 12th place goes to a rejected producer; the
    grid's own weights already reach that bound (56 of 60)."""
    producers, grid = example
    inference = infer_weights(producers, grid, decisions=selection.example_decisions_path())
    assert inference.reproduced == pytest.approx(56 / 60)
    assert inference.distance == 0.0
    reasons = inference.unexplained["reason"]
    assert reasons["P012"] == "ineligible: fails Distance à l'entrepôt VRAC (km) ≤ 250 (has 279.5)"
    crowded = "at most 4 per category (category = légumes), and the committee selected 6"
    assert (reasons == crowded).sum() == 2
    assert (
        reasons.str.startswith("the rule fills 12 places and only 11 of the recorded").sum() == 1
    )


def test_the_shipped_record_under_the_rule_the_committee_applied(
    example: tuple[Path, selection.Grid],
) -> None:
    """With 13 places and at most 6 per category, every eligible decision follows from some
    weighting close to the grid's; only P012 (ineligible) stays out of reach."""
    producers, grid = example
    applied = dataclasses.replace(
        grid,
        select=selection.SelectionRule(
            top=13,
            quotas=(
                selection.Quota("category", max=6),
                selection.Quota("category", value="légumes", min=3),
            ),
        ),
    )
    record_ = selection.load_decisions(selection.example_decisions_path(), grid)
    inference = infer_weights(producers, applied, decisions=record_)
    assert list(inference.unexplained.index) == ["P012"]
    assert inference.reproduced == pytest.approx(59 / 60)
    assert 0 < inference.distance < 0.2
    chosen = set(selection.rank(producers, inference.grid).decisions().selected)
    recorded = set(record_.decisions.index[record_.decisions == "selected"]) - {"P012"}
    assert chosen == recorded


@pytest.mark.parametrize("level", ["criterion", "battery"])
@pytest.mark.parametrize("target", ["closest", "central"])
def test_example_round_trip_from_a_hidden_weighting(
    example: tuple[Path, selection.Grid], level: str, target: str, tmp_path: Path
) -> None:
    """Decisions made with hidden weights are reproduced in full by the grid that made them
    (check: 100 %) and by the weights inferred from the example's own, saved and reloaded."""
    producers, grid = example
    hidden = grid.with_weights(quality=50, locality=20, accessibility=30)
    made = selection.rank(producers, hidden).decisions()
    decisions = pd.DataFrame(
        {
            "producer_id": made.table.index,
            "decision": [
                "retenu" if d == "selected" else "écarté" for d in made.table["decision"]
            ],
        }
    )
    assert selection.check(producers, hidden, decisions=decisions).agreement == 1.0
    inference = infer_weights(producers, grid, decisions=decisions, level=level, target=target)  # type: ignore[arg-type]
    assert inference.reproduced == 1.0
    assert inference.unexplained.empty
    path = tmp_path / "inferred.yaml"
    inference.grid.to_yaml(path)
    reloaded = selection.load_grid(path)
    assert reloaded == inference.grid
    assert sorted(selection.rank(producers, reloaded).decisions().selected) == sorted(
        made.selected
    )
    assert selection.check(producers, reloaded, decisions=decisions).agreement == 1.0


# -- properties ---------------------------------------------------------------------------------


@st.composite
def problems(draw: st.DrawFn) -> tuple[pd.DataFrame, selection.Grid, np.ndarray, np.ndarray]:
    """A small table, a grid with two batteries and a rule, hidden and starting weights."""
    n = draw(st.integers(4, 9))
    values = draw(
        st.lists(st.lists(st.integers(0, 10), min_size=3, max_size=3), min_size=n, max_size=n)
    )
    categories = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=n, max_size=n))
    frame = pd.DataFrame(np.array(values, dtype=float), columns=["c0", "c1", "c2"])
    frame.insert(0, "id", [f"P{i}" for i in range(n)])
    frame["cat"] = categories
    top = draw(st.integers(1, n - 1))
    rule = draw(
        st.sampled_from(
            [
                selection.SelectionRule(top=top),
                selection.SelectionRule(top=top, quotas=(selection.Quota("cat", max=2),)),
                selection.SelectionRule(min_score=5.0),
                selection.SelectionRule(top=top, min_score=4.0),
                selection.SelectionRule(
                    top=top,
                    quotas=(
                        selection.Quota("cat", max=3),
                        selection.Quota("cat", value="a", min=1),
                    ),
                ),
            ]
        )
    )
    grid = selection.parse_grid(
        "format: selection/grid@1\nname: random\nid: id\nnormalization: none\n"
        "batteries:\n"
        "  first: {criteria: {c0: {weight: 1}, c1: {weight: 2}}}\n"
        "  second: {criteria: {c2: {}}}\n"
    )
    weights = st.lists(st.floats(0.05, 1.0), min_size=3, max_size=3)
    hidden = np.array(draw(weights))
    start = np.array(draw(weights))
    return frame, dataclasses.replace(grid, select=rule), hidden, start


def weighted(grid: selection.Grid, points: np.ndarray, level: str) -> selection.Grid:
    if level == "criterion":
        keys = grid.keys
        changes = dict(zip(keys, points.tolist(), strict=True)) | {"first": 1.0, "second": 1.0}
        changes["first"] = float(points[0] + points[1])
        changes["second"] = float(points[2])
        return grid.with_weights(changes)
    return grid.with_weights(first=float(points[0]), second=float(points[1]))


def separated(producers: pd.DataFrame, grid: selection.Grid) -> bool:
    """No two scores, and no score and min_score, closer than 1e-3 of the score range (10)."""
    scores = selection.rank(producers, grid).ranked["score"].to_numpy(dtype=float)
    gaps = np.abs(scores[:, None] - scores[None, :])[~np.eye(len(scores), dtype=bool)]
    rule = grid.select
    assert rule is not None
    near = rule.min_score is not None and np.abs(scores - rule.min_score).min() < 0.01
    return bool(gaps.min() >= 0.01 and not near)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=problems(), level=st.sampled_from(["criterion", "battery"]))
def test_decisions_from_a_hidden_weighting_are_recovered(
    problem: tuple[pd.DataFrame, selection.Grid, np.ndarray, np.ndarray], level: str
) -> None:
    """Whatever the rule, decisions made with hidden weights (away from ties) are all
    reproduced by the weights inferred from different starting weights, for both targets."""
    producers, grid, hidden_points, start_points = problem
    hidden = weighted(grid, hidden_points, level)
    assume(separated(producers, hidden))
    made = selection.rank(producers, hidden).decisions()
    decisions = pd.DataFrame(
        {
            "id": made.table.index,
            "decision": [
                "selected" if d == "selected" else "rejected" for d in made.table.decision
            ],
        }
    )
    start = weighted(grid, start_points, level)
    for target in ("closest", "central"):
        inference = infer_weights(
            producers, start, decisions=decisions, level=level, target=target
        )  # type: ignore[arg-type]
        assert inference.reproduced == 1.0, inference.status
        assert selected(producers, inference.grid) == sorted(made.selected)
        assert inference.factor_weights.sum() == pytest.approx(1.0)
        assert (inference.factor_weights >= 0).all()
        assert 0.0 <= inference.distance <= 2.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=problems(), data=st.data())
def test_any_record_gets_an_honest_count(
    problem: tuple[pd.DataFrame, selection.Grid, np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    """For a record drawn at random, `reproduced` and `unexplained` are what the inferred grid
    really decides, and the grid's own weights never do better than the inferred ones."""
    producers, grid, _, start_points = problem
    words = data.draw(
        st.lists(
            st.sampled_from(["retenu", "écarté"]), min_size=len(producers), max_size=len(producers)
        )
    )
    decisions = pd.DataFrame({"id": producers["id"], "decision": words})
    start = weighted(grid, start_points, "criterion")
    inference = infer_weights(producers, start, decisions=decisions)
    made = selection.rank(producers, inference.grid).decisions().table["decision"]
    recorded = pd.Series(words, index=producers["id"]).map(
        {"retenu": "selected", "écarté": "rejected"}
    )
    outcome = made.map(lambda d: "selected" if d == "selected" else "rejected").loc[recorded.index]
    assert inference.reproduced == pytest.approx(float((outcome == recorded).mean()))
    assert set(inference.unexplained.index) == set(recorded.index[outcome != recorded])
    assert all(isinstance(r, str) and r for r in inference.unexplained["reason"])
    audit = selection.check(producers, start, decisions=decisions)
    if separated(producers, start):
        assert inference.reproduced >= audit.agreement - 1e-12


def test_a_search_stopped_by_its_time_limit_says_so(
    example: tuple[Path, selection.Grid],
) -> None:
    producers, grid = example
    inference = infer_weights(
        producers, grid, decisions=selection.example_decisions_path(), time_limit=1e-9
    )
    assert "The search stopped after 1e-09 s with the best it had found" in inference.status
    # What it reports is still what the inferred grid really decides.
    assert inference.reproduced == pytest.approx(1 - len(inference.unexplained) / 60)


def test_a_record_of_ineligible_producers_only() -> None:
    """Nothing to fit: a rejection of an ineligible producer holds, a selection cannot."""
    grid = two("{top: 1}", extra="eligibility:\n  - {criterion: l, min: 0.1}\n")
    producers = table({"A": (1.0, 0.2), "B": (0.0, 0.6), "E": (1.0, 0.0)})
    assert infer_weights(producers, grid, decisions=record(E="non")).reproduced == 1.0
    inference = infer_weights(producers, grid, decisions=record(E="oui"))
    assert inference.reproduced == 0.0
    assert inference.distance == 0.0
    assert list(inference.unexplained.index) == ["E"]
