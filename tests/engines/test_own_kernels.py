"""The methods with kernels of their own: COPRAS, ARAS, SPOTIS, VIKOR, PROMETHEE II.

Each is checked against a published example or a peer library where the peer
is right, against the formula of its authors where the peer is wrong (pymcdm
1.4's COPRAS), and with its parameters (grid ``parameters:`` section and the
``parameters`` argument): VIKOR's v, PROMETHEE II's preference functions and
thresholds, SPOTIS' expected solution point, ARAS' optimal alternative,
WASPAS' λ.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm import methods

import selection
from selection.engines import ENGINES, configured_engine, engine_for
from selection.engines.promethee import net_flow_matrix
from selection.sensitivity import weight_intervals
from tests import toys


def rank_values(
    values: np.ndarray,
    directions: list[int],
    weights: list[float],
    method: str,
    *,
    scale: tuple[float, float] | None = None,
    **parameters: object,
) -> np.ndarray:
    """Scores of producers P0, P1, ... in table order, through ``selection.rank``."""
    grid = toys.numeric_grid(directions, weights, method=method, scale=scale)
    table = toys.producer_table(np.asarray(values, dtype=float))
    ranking = selection.rank(table, grid, parameters=parameters or None)
    return ranking.table.loc[table["id"], "score"].to_numpy(dtype=float)


def problem(seed: int, n: int, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    gen = np.random.default_rng(seed)
    values = gen.uniform(1.0, 10.0, (n, m)).round(3)
    directions = gen.choice([1, -1], size=m)
    directions[0] = 1
    weights = gen.uniform(0.1, 1.0, m)
    return values, directions, weights / weights.sum()


# -- COPRAS -------------------------------------------------------------------------------

# Zavadskas, E. K., Kaklauskas, A., Peldschus, F. & Turskis, Z. (2007). Multi-attribute
# assessment of road design solutions by using the COPRAS method. The Baltic Journal of
# Road and Bridge Engineering 2(4), 195-203. Six road designs, nine criteria; utility
# degrees printed to four decimals. The matrix, weights, types and utility degrees are
# those reproduced in pymcdm 1.0's COPRAS docstring (pymcdm/methods/copras.py, before
# 1.4), whose formula was the authors'.
ZAVADSKAS_2007 = np.array(
    [
        [1543, 2000, 39000, 15, 13.76, 3.86, 5, 3, 5000],
        [1496, 3600, 43000, 14, 14, 2.5, 4, 4, 4000],
        [1584, 3100, 24500, 10, 13.1, 3.7, 2, 2, 3500],
        [1560, 2700, 36000, 12, 13.2, 3.2, 3, 3, 3500],
        [1572, 2500, 31500, 13, 13.3, 3.4, 3, 2, 3500],
        [1580, 2400, 20000, 12, 12.8, 3.9, 2, 2, 3000],
    ]
)
ZAVADSKAS_2007_WEIGHTS = [0.2027, 0.1757, 0.1622, 0.1351, 0.1081, 0.0946, 0.0676, 0.0405, 0.0135]
ZAVADSKAS_2007_TYPES = [-1, -1, -1, 1, 1, -1, 1, 1, 1]
ZAVADSKAS_2007_UTILITY = [1.0, 0.9167, 0.8675, 0.9084, 0.9315, 0.9486]


def test_copras_reproduces_zavadskas_2007_road_designs() -> None:
    """Utility degrees to half a unit of the fourth printed decimal."""
    ours = rank_values(ZAVADSKAS_2007, ZAVADSKAS_2007_TYPES, ZAVADSKAS_2007_WEIGHTS, "copras")
    np.testing.assert_allclose(ours, ZAVADSKAS_2007_UTILITY, rtol=0, atol=0.00005)


def test_copras_ranks_the_cheaper_of_two_equal_producers_first() -> None:
    """Equal but for the price (less is better): the cheaper ranks first (issue 9)."""
    values = np.array([[5.0, 3.0], [5.0, 4.0]])
    ours = rank_values(values, [1, -1], [1, 1], "copras")
    assert ours[0] > ours[1]
    assert ours[0] == 1.0


def test_pymcdm_copras_counts_costs_as_benefits() -> None:
    """Why COPRAS has its own kernel: pymcdm 1.4 ranks the dearer producer first.

    If this guard fails, pymcdm has been fixed and could be used again.
    """
    values = np.array([[5.0, 3.0], [5.0, 4.0]])
    theirs = methods.COPRAS()(values, np.array([0.5, 0.5]), np.array([1, -1]), validation=False)
    assert theirs[1] > theirs[0]


def test_copras_without_cost_criteria_is_the_sum_normalized_weighted_sum() -> None:
    values, _, weights = problem(3, 6, 4)
    ours = rank_values(values, [1, 1, 1, 1], list(weights), "copras")
    q = (values / values.sum(axis=0)) @ weights
    np.testing.assert_allclose(ours, q / q.max(), rtol=0, atol=1e-12)


def test_copras_refuses_a_zero_where_less_is_better() -> None:
    with pytest.raises(selection.MethodError) as info:
        rank_values(np.array([[1.0, 0.0], [2.0, 3.0]]), [1, -1], [1, 1], "copras")
    assert info.value.where == "criterion 'c1'"
    assert "> 0 on criteria where less is better" in info.value.expected
    assert info.value.found == "1 zeros" or "zero" in info.value.found


# -- ARAS ---------------------------------------------------------------------------------

# JMcDM (jbytecode/JMcDM), test/mcdm/testaras.jl, commit 9bd395a: five alternatives, six
# criteria, tolerance 1e-4. The optimal alternative x0 takes part in the normalization.
JMCDM_ARAS = np.array(
    [
        [105000.0, 105, 10, 4, 300, 10],
        [120000, 110, 15, 4, 500, 8],
        [150000, 120, 12, 3, 550, 12],
        [115000, 105, 20, 4, 600, 9],
        [135000, 115, 15, 5, 400, 9],
    ]
)
JMCDM_ARAS_TYPES = [-1, 1, -1, 1, 1, -1]
JMCDM_ARAS_WEIGHTS = [0.05, 0.20, 0.10, 0.15, 0.10, 0.40]
JMCDM_ARAS_SCORES = [0.81424068, 0.89288620, 0.76415790, 0.84225462, 0.86540635]


def test_aras_reproduces_jmcdm() -> None:
    ours = rank_values(JMCDM_ARAS, JMCDM_ARAS_TYPES, JMCDM_ARAS_WEIGHTS, "aras")
    np.testing.assert_allclose(ours, JMCDM_ARAS_SCORES, rtol=0, atol=1e-4)


def test_aras_matches_pymcdm_given_the_raw_values() -> None:
    """pymcdm's ARAS on raw values (its own sum normalization over x0 and the producers)."""
    values, directions, weights = problem(11, 7, 5)
    ours = rank_values(values, list(directions), list(weights), "aras")
    theirs = methods.ARAS()(values, weights, directions, validation=False)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_aras_optimal_alternative_is_a_parameter() -> None:
    values, directions, weights = problem(12, 5, 3)
    optimal = np.where(directions > 0, 12.0, 0.5)
    ours = rank_values(
        values,
        list(directions),
        list(weights),
        "aras",
        optimal={f"c{j}": float(optimal[j]) for j in range(3)},
    )
    theirs = methods.ARAS(esp=optimal)(values, weights, directions, validation=False)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_aras_contributions_add_up_to_the_utility_degree() -> None:
    values, directions, weights = problem(13, 6, 4)
    grid = toys.numeric_grid(directions, weights, method="aras")
    ranking = selection.rank(toys.producer_table(values), grid)
    parts = ranking.breakdown
    assert parts.contributions is not None
    np.testing.assert_allclose(parts.contributions.sum(axis=1), parts.scores, atol=1e-12)


# -- SPOTIS -------------------------------------------------------------------------------


def test_spotis_matches_pymcdm_with_bounds_and_an_expected_point() -> None:
    values, directions, weights = problem(21, 6, 3)
    bounds = np.array([[0.0, 12.0]] * 3)
    expected = np.array([9.0, 4.0, 2.0])
    ours = rank_values(
        values,
        list(directions),
        list(weights),
        "spotis",
        scale=(0.0, 12.0),
        expected={f"c{j}": float(expected[j]) for j in range(3)},
    )
    theirs = methods.SPOTIS(bounds, esp=expected)(values, weights, directions, validation=False)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)
    default = rank_values(values, list(directions), list(weights), "spotis", scale=(0.0, 12.0))
    theirs = methods.SPOTIS(bounds)(values, weights, directions, validation=False)
    np.testing.assert_allclose(default, theirs, rtol=0, atol=1e-12)


def test_spotis_scores_do_not_depend_on_the_other_producers() -> None:
    """With declared bounds, removing a producer changes no one else's score."""
    values, directions, weights = problem(22, 6, 3)
    every = rank_values(values, list(directions), list(weights), "spotis", scale=(0.0, 12.0))
    fewer = rank_values(values[1:], list(directions), list(weights), "spotis", scale=(0.0, 12.0))
    np.testing.assert_allclose(every[1:], fewer, rtol=0, atol=1e-12)


# -- VIKOR --------------------------------------------------------------------------------


@pytest.mark.parametrize("v", [0.0, 0.3, 0.5, 1.0])
def test_vikor_matches_pymcdm_for_every_v(v: float) -> None:
    values, directions, weights = problem(31, 7, 4)
    ours = rank_values(values, list(directions), list(weights), "vikor", v=v)
    from pymcdm.normalizations import minmax_normalization

    theirs = methods.VIKOR(normalization_function=minmax_normalization, v=v)(
        values, weights, directions, validation=False
    )
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_vikor_reports_the_compromise_solution_by_id() -> None:
    """A clear winner (best on everything): the compromise solution, by id and name."""
    table = pd.DataFrame(
        {
            "id": ["A", "B", "C"],
            "nom": ["Ferme A", "Ferme B", "Ferme C"],
            "col0": [9.0, 5.0, 1.0],
            "col1": [9.0, 1.0, 5.0],
        }
    )
    grid = toys.numeric_grid([1, 1], [1, 1], method="vikor")
    ranking = selection.rank(table, grid, lang="en")
    (note,) = ranking.notes
    assert note.code == "vikor.compromise"
    assert note.render("en") == (
        "VIKOR: A · Ferme A is the compromise solution (acceptable advantage and stability)"
    )
    assert "A · Ferme A" in ranking.summary(lang="en")


def test_vikor_reports_a_compromise_set_when_the_advantage_is_small() -> None:
    table = toys.producer_table(np.array([[10.0, 10.0], [9.5, 9.6], [1.0, 2.0], [2.0, 1.0]]))
    ranking = selection.rank(table, toys.numeric_grid([1, 1], [1, 1], method="vikor"))
    (note,) = ranking.notes
    assert note.code == "vikor.compromise_set"
    values = dict(note.values)
    assert values["names"] == ["P0", "P1"]
    assert values["threshold"] == pytest.approx(1 / 3)


# -- PROMETHEE II -------------------------------------------------------------------------

#: Our preference functions and pymcdm's names for them (pymcdm has no Gaussian).
PYMCDM_FUNCTIONS = {
    "usual": "usual",
    "u-shape": "ushape",
    "v-shape": "vshape",
    "level": "level",
    "linear": "vshape_2",
}


@pytest.mark.parametrize("function", list(PYMCDM_FUNCTIONS))
def test_promethee_matches_pymcdm_for_each_preference_function(function: str) -> None:
    values, directions, weights = problem(41, 6, 3)
    q, p = np.array([0.5, 1.0, 0.2]), np.array([2.0, 4.0, 3.0])
    parameters: dict[str, object] = {"preference": function}
    if function in ("u-shape", "level", "linear"):
        parameters["q"] = {f"c{j}": float(q[j]) for j in range(3)}
    if function in ("v-shape", "level", "linear"):
        parameters["p"] = {f"c{j}": float(p[j]) for j in range(3)}
    ours = rank_values(values, list(directions), list(weights), "promethee_ii", **parameters)
    model = methods.PROMETHEE_II(PYMCDM_FUNCTIONS[function], p=p, q=q)
    theirs = model(values, weights, directions, validation=False)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_promethee_gaussian_preference_by_hand() -> None:
    """P(d) = 1 − exp(−d² / 2s²): two producers, one criterion, d = 2, s = 1."""
    ours = rank_values(
        np.array([[3.0], [1.0]]), [1], [1], "promethee_ii", preference="gaussian", s=1.0
    )
    p = 1 - np.exp(-2.0)
    np.testing.assert_allclose(ours, [p, -p], rtol=0, atol=1e-12)


def test_promethee_takes_a_function_per_criterion() -> None:
    values, directions, weights = problem(42, 5, 2)
    ours = rank_values(
        values,
        list(directions),
        list(weights),
        "promethee_ii",
        preference={"c0": "v-shape", "c1": "usual"},
        p={"c0": 3.0},
    )
    flows = net_flow_matrix(
        values,
        directions,
        ("v-shape", "usual"),
        np.full(2, np.nan),
        np.array([3.0, np.nan]),
        np.full(2, np.nan),
    )
    np.testing.assert_allclose(ours, flows @ weights, rtol=0, atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(2, 8),
    function=st.sampled_from(["usual", "v-shape", "linear", "gaussian"]),
)
def test_promethee_net_flows_are_linear_in_the_weights(seed: int, n: int, function: str) -> None:
    """φ(w1 + w2) = φ(w1) + φ(w2), and the flows sum to 0 over the producers."""
    values, directions, _ = problem(seed, n, 3)
    engine = configured_engine(
        engine_for("promethee_ii"),
        {"preference": function, "q": 0.5, "p": 3.0, "s": 1.5},
        keys=["a", "b", "c"],
    )
    prepared = selection.prepare(
        toys.producer_table(values),
        toys.numeric_grid(directions, [1, 1, 1], method="promethee_ii"),
    )
    weights = np.random.default_rng(seed).uniform(0, 1, (2, 3))
    scores = engine.scores(prepared.problem, np.vstack([weights, weights.sum(axis=0)]))
    np.testing.assert_allclose(scores[0] + scores[1], scores[2], atol=1e-12)
    np.testing.assert_allclose(scores.sum(axis=1), 0.0, atol=1e-12)


def test_promethee_has_exact_stability_intervals() -> None:
    table = toys.producer_table(np.array([[1.0, 5.0], [3.0, 2.0], [2.0, 3.0], [5.0, 1.0]]))
    grid = toys.numeric_grid([1, 1], [1, 1], battery_of=[0, 1], method="promethee_ii")
    intervals = weight_intervals(table, grid, level="battery")
    assert (intervals.table["low"] <= intervals.table["weight"]).all()
    assert (intervals.table["weight"] <= intervals.table["high"]).all()


# -- WASPAS -------------------------------------------------------------------------------


@pytest.mark.parametrize("share", [0.0, 0.25, 1.0])
def test_waspas_lambda_is_passed_to_pymcdm(share: float) -> None:
    values, directions, weights = problem(51, 6, 3)
    ours = rank_values(values, list(directions), list(weights), "waspas", **{"lambda": share})
    theirs = methods.WASPAS(l=share)(values, weights, directions, validation=False)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


# -- parameters in a grid and as arguments ------------------------------------------------

PARAMETRIZED = """\
format: selection/grid@1
name: parameters
id: id
method: vikor
normalization: minmax
parameters:
  vikor:
    v: {v}
batteries:
  all:
    criteria:
      c0: {{column: col0}}
      c1: {{column: col1, direction: min}}
"""


def test_grid_parameters_are_used_and_an_argument_replaces_them() -> None:
    values, _, _ = problem(61, 6, 2)
    table = toys.producer_table(values)
    grid = selection.parse_grid(PARAMETRIZED.format(v=0.2))
    from_grid = selection.rank(table, grid)
    assert from_grid.prepared.engine.v == 0.2
    assert from_grid.provenance()["parameters"] == {"v": 0.2}
    argument = selection.rank(table, grid, parameters={"v": 0.9})
    assert argument.prepared.engine.v == 0.9
    assert not np.allclose(
        from_grid.table["score"], argument.table["score"].loc[from_grid.table.index]
    )


def test_grid_parameters_survive_to_yaml_and_change_the_hash() -> None:
    one, two = (selection.parse_grid(PARAMETRIZED.format(v=v)) for v in (0.2, 0.4))
    assert selection.parse_grid(one.to_yaml()) == one
    assert one.hash != two.hash


def test_a_parameter_out_of_range_names_the_file_and_line() -> None:
    with pytest.raises(selection.GridError) as info:
        selection.parse_grid(PARAMETRIZED.format(v=1.5), source="grid.yaml")
    assert info.value.where == "grid.yaml, line 8 (parameters.vikor.v)"
    assert "1.5" in info.value.found


def test_a_misspelled_parameter_gets_a_suggestion() -> None:
    text = PARAMETRIZED.format(v=0.3).replace("    v: 0.3", "    vv: 0.3")
    with pytest.raises(selection.GridError) as info:
        selection.parse_grid(text, source="grid.yaml")
    assert "line 8" in (info.value.where or "")
    assert info.value.hint == "did you mean 'v'?"


def test_a_parameter_for_an_unknown_method_gets_a_suggestion() -> None:
    text = PARAMETRIZED.format(v=0.3).replace("  vikor:\n", "  vicor:\n")
    with pytest.raises(selection.GridError) as info:
        selection.parse_grid(text, source="grid.yaml")
    assert "line 7" in (info.value.where or "")
    assert "vikor" in (info.value.hint or "")


def test_a_threshold_missing_for_a_preference_function_is_explained() -> None:
    text = PARAMETRIZED.replace("method: vikor\nnormalization: minmax", "method: promethee_ii")
    text = text.replace(
        "  vikor:\n    v: {v}", "  promethee_ii:\n    preference: {{c0: linear}}\n    p: 2"
    )
    with pytest.raises(selection.GridError) as info:
        selection.parse_grid(text.format(), source="grid.yaml")
    assert info.value.where == "grid.yaml, line 6 (parameters.promethee_ii)"
    assert "criterion 'c0'" in info.value.problem
    assert "needs q" in info.value.problem


def test_parameters_given_to_a_method_without_any_are_refused() -> None:
    values, _, _ = problem(62, 4, 2)
    with pytest.raises(selection.MethodError) as info:
        rank_values(values, [1, 1], [1, 1], "topsis", v=0.3)
    assert "topsis takes no parameters" in info.value.problem


def test_every_declared_parameter_is_in_the_schema() -> None:
    schema = selection.grid.grid_schema()["properties"]["parameters"]["properties"]
    for name, engine in ENGINES.items():
        declared = [p.name for p in getattr(engine, "parameters", ())]
        if declared:
            assert sorted(schema[name]["properties"]) == sorted(declared), name
        else:
            assert name not in schema


def test_the_peers_spellings_of_the_parameters_are_accepted() -> None:
    """pymcdm's names (``l``, ``esp``, ``vshape``) and a list per criterion, in grid order."""
    values, directions, weights = problem(71, 6, 3)
    ours = rank_values(values, list(directions), list(weights), "waspas", l=0.25)
    theirs = rank_values(values, list(directions), list(weights), "waspas", **{"lambda": 0.25})
    np.testing.assert_array_equal(ours, theirs)
    p = [2.0, 4.0, 3.0]
    spelled = rank_values(
        values,
        list(directions),
        list(weights),
        "promethee_ii",
        preference_function="vshape",
        p=p,
    )
    ours = rank_values(
        values,
        list(directions),
        list(weights),
        "promethee_ii",
        preference="v-shape",
        p={f"c{j}": p[j] for j in range(3)},
    )
    np.testing.assert_array_equal(spelled, ours)
