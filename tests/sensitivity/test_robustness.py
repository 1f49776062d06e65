"""``robustness``: the summary table and its sentences, on toy grids worked out by hand.

Toy grids use a weighted sum with ``normalization: none`` and one criterion per
battery, so a producer's score is Σ_b w_b x_b. The weight line of a battery
has 401 points (t = 0, 1/400, ..., 1), and ``low`` / ``high`` are the first and
last points of the line inside the interval: for an exact crossing c, the point
⌈400 c⌉ / 400 on the left end and ⌊400 c⌋ / 400 on the right end.

Plausible weightings are drawn from Dirichlet(around × w) (the documented
sampler of :func:`selection.sensitivity.acceptability`); with two batteries
weighing 1/2 each, the first battery's weight is then Beta(around / 2, around / 2),
and every share is a tail probability of that Beta distribution (scipy).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import selection
from selection.cli import main
from selection.sensitivity import robustness
from tests.toys import TWO_BATTERIES, TWO_BATTERY_TABLE, within_mc_error

THREE = """\
format: selection/grid@1
name: three batteries
id: id
method: wsm
normalization: none
batteries:
  a: {label: Alpha, weight: 1, criteria: {a1: {}}}
  b: {label: Beta, weight: 1, criteria: {b1: {}}}
  c: {label: Gamma, weight: 1, criteria: {c1: {}}}
"""

#: Scores at equal weights: A 2.2 / 3, B 2.05 / 3, C 1.72 / 3.
THREE_TABLE = pd.DataFrame(
    {
        "id": ["A", "B", "C"],
        "a1": [0.5, 0.9, 0.3],
        "b1": [0.9, 0.7, 0.5],
        "c1": [0.8, 0.45, 0.92],
    }
)

#: The same criteria in a single battery.
ONE_BATTERY = """\
format: selection/grid@1
name: one battery
id: id
method: wsm
normalization: none
batteries:
  q:
    criteria:
      q1: {}
      l1: {}
"""

STEP = 1 / 400


def two() -> selection.Grid:
    """Batteries q and l of one criterion each; the scores of TWO_BATTERY_TABLE along the
    weight of q are worked out in :mod:`tests.toys`."""
    return selection.parse_grid(TWO_BATTERIES)


def three() -> selection.Grid:
    return selection.parse_grid(THREE)


def pct(x: float) -> str:
    return f"{x:.0%}"


# -- two batteries, k = 2 ----------------------------------------------------------------


def test_two_batteries_intervals_by_hand() -> None:
    """w = weight of q, at 1/2 now; top 2 = {A, C}.

    A: beats D always, B iff w > 3/8, C iff w > 2/7 (0.5 + 0.4 w > 0.6 + 0.05 w):
       in the top 2 iff w > 2/7 ≈ 0.2857 → q's line: [115/400, 1] = [0.2875, 1].
       On l's line (t = 1 − w): t < 5/7 → [0, 285/400] = [0, 0.7125]: the same width,
       so the first battery, q, is named.
    C: beats D always, A iff w < 2/7, B iff w > 4/9 (0.6 + 0.05 w > 0.8 − 0.4 w):
       in the top 2 iff w < 2/7 or w > 4/9; the run around 1/2 is
       [⌈177.8⌉ / 400, 1] = [0.445, 1].
    B: beats D always (0.5 > 0.3 w), A iff w < 3/8, C iff w < 4/9: it enters the top 2
       for w < 4/9, i.e. on [0, 177/400] = [0, 0.4425] (23 steps from now on both lines).
    D: below C (≥ 0.6) whatever w (≤ 0.3): no weight brings it in.
    """
    table = robustness(TWO_BATTERY_TABLE, two(), k=2, samples=2000, level="battery")
    assert list(table.index) == ["A", "C", "B", "D"]
    assert table["rank"].tolist() == [1, 2, 3, 4]
    expected = {"A": (115, 400), "C": (178, 400), "B": (0, 177)}
    exact = {"A": (2 / 7, 1.0), "C": (4 / 9, 1.0), "B": (0.0, 4 / 9)}
    for pid, (low, high) in expected.items():
        row = table.loc[pid]
        assert row["weight"] == "q", pid
        assert row["low"] == pytest.approx(low * STEP, abs=1e-12), pid
        assert row["high"] == pytest.approx(high * STEP, abs=1e-12), pid
        assert abs(row["low"] - exact[pid][0]) <= STEP
        assert abs(row["high"] - exact[pid][1]) <= STEP
        assert row["current"] == pytest.approx(0.5)
    assert table.loc["D", "weight"] == ""
    assert np.isnan(table.loc["D", "low"])
    assert np.isnan(table.loc["D", "high"])
    assert np.isnan(table.loc["D", "current"])


def test_two_batteries_sentences() -> None:
    table = robustness(TWO_BATTERY_TABLE, two(), k=2, samples=2000, level="battery")
    summary = table["summary"]
    assert summary["A"].startswith("rank 1 in ")
    assert summary["A"].endswith(
        f"; stays in the top 2 while the weight of Quality is between {pct(115 / 400)} and "
        f"{pct(1.0)} (now {pct(0.5)})."
    )
    assert summary["C"].endswith(
        f"; stays in the top 2 while the weight of Quality is between {pct(178 / 400)} and "
        f"{pct(1.0)} (now {pct(0.5)})."
    )
    assert summary["B"].endswith(
        f"; would enter the top 2 with the weight of Quality between {pct(0.0)} and "
        f"{pct(177 / 400)} (now {pct(0.5)})."
    )
    assert summary["D"].endswith("; no single battery weight brings it into the top 2.")
    for pid in table.index:
        row = table.loc[pid]
        head = (
            f"rank {row['rank']} in {pct(row['same_rank'])} of plausible weightings "
            f"(top 2 in {pct(row['in_top'])})"
        )
        assert summary[pid].startswith(head), pid


def test_two_batteries_shares_against_the_beta_distribution() -> None:
    """around = 30: w ~ Beta(15, 15). From the docstring of the previous test:
    A is first iff w > 3/8 and in the top 2 iff w > 2/7; C is second (and in the
    top 2) iff w < 2/7 or w > 4/9; B is third iff w > 4/9 (then both A and C beat it)
    and in the top 2 iff w < 4/9; D is always fourth."""
    samples = 20_000
    w = stats.beta(15, 15)
    table = robustness(
        TWO_BATTERY_TABLE, two(), k=2, samples=samples, around=30, seed=3, level="battery"
    )
    c_second = w.sf(4 / 9) + w.cdf(2 / 7)
    same = {"A": w.sf(3 / 8), "C": c_second, "B": w.sf(4 / 9), "D": 1.0}
    top = {"A": w.sf(2 / 7), "C": c_second, "B": w.cdf(4 / 9), "D": 0.0}
    within_mc_error(table["same_rank"], same, samples)
    within_mc_error(table["in_top"], top, samples)
    assert table.attrs["samples"] == samples
    assert table.attrs["k"] == 2


def test_everyone_stays_in_the_top_n() -> None:
    table = robustness(TWO_BATTERY_TABLE, two(), k=4, samples=500, level="battery")
    assert (table["in_top"] == 1.0).all()
    assert (table["low"] == 0.0).all()
    assert (table["high"] == 1.0).all()
    for sentence in table["summary"]:
        assert sentence.endswith("; stays in the top 4 whatever the weight of any single battery.")


# -- three batteries, k = 1: the narrowest interval is named -----------------------------


def test_three_batteries_the_narrowest_weight_is_named() -> None:
    """Equal weights, 1/3 each; moving battery f to t, the other two weigh (1 − t) / 2.

    A (winner) against B, then C:
      a: A = 0.85 − 0.35 t, B = 0.575 + 0.325 t, C = 0.71 − 0.41 t:
         A first iff t < 0.275 / 0.675 = 11/27 ≈ 0.4074 → [0, 162/400], width 0.405.
      b: A = 0.65 + 0.25 t, B = 0.675 + 0.025 t, C = 0.61 − 0.11 t:
         A first iff t > 1/9 → [45/400, 1], width 0.8875.
      c: A = 0.7 + 0.1 t, B = 0.8 − 0.35 t, C = 0.4 + 0.52 t:
         A first iff 2/9 < t < 5/7 → [89/400, 285/400], width 0.49.
      The narrowest is a's: weight "a", low 0, high 0.405.
    B (second) becomes first:
      a: for t > 11/27 (it beats C there too, since t > 0.135 / 0.735) → [163/400, 1],
         30 steps from now (t = 133/400, the line's point nearest 1/3);
      b: for t < 1/9 → [0, 44/400], 89 steps; c: for t < 2/9 → [0, 88/400], 45 steps.
      The nearest is a's: weight "a", low 163/400, high 1.
    C (third) beats A only on c, for t > 5/7, and B there (t > 0.4 / 0.87):
      weight "c", [286/400, 1].
    """
    table = robustness(THREE_TABLE, three(), k=1, samples=1000, around=1e6, level="battery")
    assert list(table.index) == ["A", "B", "C"]
    assert table["weight"].tolist() == ["a", "a", "c"]
    expected = {"A": (0, 162), "B": (163, 400), "C": (286, 400)}
    exact = {"A": (0.0, 11 / 27), "B": (11 / 27, 1.0), "C": (5 / 7, 1.0)}
    for pid, (low, high) in expected.items():
        assert table.loc[pid, "low"] == pytest.approx(low * STEP, abs=1e-12), pid
        assert table.loc[pid, "high"] == pytest.approx(high * STEP, abs=1e-12), pid
        assert abs(table.loc[pid, "low"] - exact[pid][0]) <= STEP
        assert abs(table.loc[pid, "high"] - exact[pid][1]) <= STEP
    assert table["current"].tolist() == pytest.approx([1 / 3] * 3)
    now = pct(1 / 3)
    assert table.loc["A", "summary"].endswith(
        f"; stays in the top 1 while the weight of Alpha is between {pct(0.0)} and "
        f"{pct(162 / 400)} (now {now})."
    )
    assert table.loc["B", "summary"].endswith(
        f"; would enter the top 1 with the weight of Alpha between {pct(163 / 400)} and "
        f"{pct(1.0)} (now {now})."
    )
    assert table.loc["C", "summary"].endswith(
        f"; would enter the top 1 with the weight of Gamma between {pct(286 / 400)} and "
        f"{pct(1.0)} (now {now})."
    )


def test_a_huge_concentration_keeps_the_grid_s_weights() -> None:
    """around = 1e6: each weight varies by sqrt(w (1 − w) / 10⁶) ≈ 0.0005, and the
    nearest crossing (11/27 on a) is 0.074 away: every draw ranks A, B, C as now."""
    table = robustness(THREE_TABLE, three(), k=1, samples=2000, around=1e6, level="battery")
    assert table["same_rank"].tolist() == [1.0, 1.0, 1.0]
    assert table["in_top"].tolist() == [1.0, 0.0, 0.0]
    summary = table["summary"]
    assert summary["A"].startswith(
        "rank 1 in 100% of plausible weightings (top 1 in 100%); stays in the top 1 while "
    )
    assert summary["B"].startswith("rank 2 in 100% of plausible weightings (top 1 in 0%); ")
    assert summary["C"].startswith("rank 3 in 100% of plausible weightings (top 1 in 0%); ")


def test_same_seed_same_table() -> None:
    a = robustness(TWO_BATTERY_TABLE, two(), k=2, samples=1000, seed=5, level="battery").table
    b = robustness(TWO_BATTERY_TABLE, two(), k=2, samples=1000, seed=5, level="battery").table
    pd.testing.assert_frame_equal(a, b)


def test_ineligible_producers_are_left_out() -> None:
    """D (l1 = 0.3) fails the gate l1 ≥ 0.35; the others keep their ranks, and k = 3
    is now the whole pool."""
    grid = selection.parse_grid(TWO_BATTERIES + "eligibility:\n  - {criterion: l1, min: 0.35}\n")
    table = robustness(TWO_BATTERY_TABLE, grid, k=3, samples=500, level="battery")
    assert list(table.index) == ["A", "C", "B"]
    assert table["rank"].tolist() == [1, 2, 3]
    assert robustness(TWO_BATTERY_TABLE, grid, k=4, samples=100, level="battery").k == 3  # capped


# -- bad k -------------------------------------------------------------------------------


def test_k_above_the_eligible_producers_is_capped() -> None:
    """Four eligible producers: k = 5 means everyone is in the top 4."""
    result = robustness(TWO_BATTERY_TABLE, two(), k=5, samples=100, level="battery")
    assert result.k == 4 and (result["in_top"] == 1).all()


@pytest.mark.parametrize("k", [0, -1, 1.5, True, "2", None])
def test_bad_k(k: object) -> None:
    with pytest.raises(selection.SelectionError) as info:
        robustness(TWO_BATTERY_TABLE, two(), k=k, samples=100, level="battery")  # type: ignore[arg-type]
    assert info.value.where == "k"


def test_numpy_integer_k_is_a_whole_number() -> None:
    """k computed with NumPy (np.int64) is a whole number, as ``acceptability``'s own
    counts accept it; refusing it says "expected a whole number … found np.int64(2)"."""
    table = robustness(TWO_BATTERY_TABLE, two(), k=np.int64(2), samples=100, level="battery")  # type: ignore[arg-type]
    assert table.attrs["k"] == 2


# -- explain and the command line --------------------------------------------------------


def test_explain_ends_with_the_robustness_summary() -> None:
    ranking = selection.rank(TWO_BATTERY_TABLE, two())
    for pid in ["A", "C", "B", "D"]:
        text = ranking.explain(pid, robustness=True, k=2)
        last = text.splitlines()[-1]
        assert last.startswith("Robustness: ")
        summary = robustness(TWO_BATTERY_TABLE, two(), k=2, level="battery").loc[pid, "summary"]
        assert last == f"Robustness: {summary}"
    plain = ranking.explain("A")
    assert "Robustness" not in plain
    assert ranking.explain("A", robustness=True).startswith(plain)


@pytest.mark.parametrize("method", ["topsis", "vikor", "promethee_ii"])
def test_explain_robustness_uses_the_ranking_s_method(method: str) -> None:
    ranking = selection.rank(TWO_BATTERY_TABLE, two(), method=method)
    for pid, place in ranking.ranked["rank"].items():
        last = ranking.explain(pid, robustness=True, k=2).splitlines()[-1]
        assert last.startswith(f"Robustness: rank {place} in "), (pid, last)
        summary = robustness(TWO_BATTERY_TABLE, two(), k=2, method=method, level="battery").loc[
            pid, "summary"
        ]
        assert last == f"Robustness: {summary}"


def test_explain_k_larger_than_the_pool() -> None:
    """k = 10 with 4 eligible producers: the top 4, where everyone always is."""
    last = selection.rank(TWO_BATTERY_TABLE, two()).explain("C", robustness=True).splitlines()[-1]
    assert last.startswith("Robustness: rank 2 in ")
    assert last.endswith("; stays in the top 4 whatever the weight of any single battery.")


def test_explain_on_a_grid_with_one_battery() -> None:
    """A grid with a single battery has no battery weight to vary: asking for an
    explanation with its robustness should still explain (varying the criterion
    weights instead, or saying that there is no battery weight to vary), not raise
    "use level='criterion'", which explain() offers no way to follow."""
    grid = selection.parse_grid(ONE_BATTERY)
    ranking = selection.rank(TWO_BATTERY_TABLE, grid)
    text = ranking.explain("A", robustness=True, k=2)
    assert text.splitlines()[-1].startswith("Robustness: ")


def test_explain_on_the_shipped_example(example_paths: tuple[Path, Path]) -> None:
    path, grid = example_paths
    text = selection.rank(path, grid).explain("P004", robustness=True)
    summary = robustness(path, grid, k=10, level="battery").loc["P004", "summary"]
    assert text.splitlines()[-1] == f"Robustness: {summary}"


def test_cli_explain_with_robustness(example_paths: tuple[Path, Path]) -> None:
    path, grid = example_paths
    out = io.StringIO()
    assert main(["explain", "P004", "--robustness"], stdout=out) == 0
    lines = out.getvalue().splitlines()
    summary = robustness(path, grid, k=10, level="battery").loc["P004", "summary"]
    assert lines[-1] == f"Robustness: {summary}"
    assert lines[0].startswith("P004")

    out = io.StringIO()
    assert main(["explain", "P004", "--robustness", "--top", "3"], stdout=out) == 0
    summary = robustness(path, grid, k=3, level="battery").loc["P004", "summary"]
    assert out.getvalue().splitlines()[-1] == f"Robustness: {summary}"
    assert "top 3" in summary

    out = io.StringIO()
    assert main(["explain", "P004"], stdout=out) == 0
    assert "Robustness" not in out.getvalue()
