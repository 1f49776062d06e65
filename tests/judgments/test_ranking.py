"""Judged criteria end to end: rank(..., judgments=), too few grades, gates, prepared problems."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import selection
from selection.messages import language


def grid(missing: str = "", gate: str = "") -> selection.Grid:
    """One measured criterion (price, less is better) and two judged ones, weights 1 : 1 : 2."""
    return selection.parse_grid(
        f"""
format: selection/grid@1
name: caisse
id: id
method: wsm
normalization: scale
judgments: {{scale: [mauvais, moyen, bon, très bon], min_grades: 2}}
batteries:
  all:
    criteria:
      price: {{direction: min, scale: [0, 10], weight: 1}}
      welcome: {{label: Accueil, judged: true, weight: 1}}
      commitment: {{label: Engagement, judged: true, weight: 2{missing}}}
{gate}"""
    )


PRODUCERS = pd.DataFrame({"id": ["A", "B", "C"], "price": ["4", "2", "8"]})

#: member → producer → (welcome, commitment); "" is no grade.
GRADES = {
    "Amina": {"A": ("bon", "bon"), "B": ("moyen", "très bon"), "C": ("très bon", "mauvais")},
    "Marc": {"A": ("bon", "moyen"), "B": ("bon", "bon"), "C": ("très bon", "moyen")},
    "Léa": {"A": ("très bon", ""), "B": ("bon", "très bon"), "C": ("moyen", "bon")},
}


def judgments(grades: dict[str, dict[str, tuple[str, str]]] = GRADES) -> pd.DataFrame:
    rows = [
        {"membre": m, "lieu": p, "critère": key, "note": g}
        for m, producers in grades.items()
        for p, pair in producers.items()
        for key, g in zip(("welcome", "commitment"), pair, strict=True)
    ]
    return pd.DataFrame(rows)


def test_one_measured_and_two_judged_criteria_rank_as_worked_out_by_hand() -> None:
    """Scale 0..3; weights ¼ price, ¼ welcome, ½ commitment; `scale` normalization.

    price (min, [0, 10]): A 0.6, B 0.8, C 0.2.
    welcome: A bon, bon, très bon → 2 + 1/3; B moyen, bon, bon → 2 - 1/3;
             C moyen, très bon, très bon → 3 - 1/3.           (÷ 3 to normalize)
    commitment: A bon, moyen (Léa gave none) → lower median moyen, p = ½ → 1.5;
                B très bon, bon, très bon → 3 - 1/3; C mauvais, moyen, bon → 1 - 1/3.
    """
    ranking = selection.rank(PRODUCERS, grid(), judgments=judgments())
    expected = {
        "A": 0.6 / 4 + (7 / 3) / 3 / 4 + 1.5 / 3 / 2,
        "B": 0.8 / 4 + (5 / 3) / 3 / 4 + (8 / 3) / 3 / 2,
        "C": 0.2 / 4 + (8 / 3) / 3 / 4 + (2 / 3) / 3 / 2,
    }
    assert list(ranking.table.index) == ["B", "A", "C"]
    assert_allclose(ranking.table["score"].astype(float).to_numpy(), [expected[i] for i in "BAC"])
    assert ranking.table["rank"].tolist() == [1, 2, 3]
    profiles = ranking.prepared.merit_profiles
    a = profiles[(profiles.producer == "A") & (profiles.criterion == "commitment")]
    assert a["count"].tolist() == [0, 1, 1, 0]
    assert ranking.prepared.judgments is not None
    assert ranking.prepared.judgments.missing.tolist() == [[0, 1], [0, 0], [0, 0]]


def test_judgements_from_a_yaml_file(tmp_path: Path) -> None:
    text = ["format: selection/judgments@1", "judgments:"]
    for member, producers in GRADES.items():
        text.append(f"  {member}:")
        for producer, (welcome, commitment) in producers.items():
            text.append(
                f"    {producer}: {{welcome: {welcome or 'null'}, "
                f"commitment: {commitment or 'null'}}}"
            )
    path = tmp_path / "notes.yaml"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    from_yaml = selection.rank(PRODUCERS, grid(), judgments=path)
    from_frame = selection.rank(PRODUCERS, grid(), judgments=judgments())
    assert from_yaml.table["score"].equals(from_frame.table["score"])


def too_few() -> pd.DataFrame:
    """Two members grade D on welcome, one on commitment: too few there (min_grades 2)."""
    grades = {m: dict(p) for m, p in GRADES.items()}
    grades["Amina"]["D"] = ("bon", "très bon")
    grades["Marc"]["D"] = ("bon", "")
    return judgments(grades)


PRODUCERS_D = pd.DataFrame({"id": ["A", "B", "C", "D"], "price": ["4", "2", "8", "1"]})


def test_too_few_grades_make_a_producer_ineligible_with_the_reason() -> None:
    ranking = selection.rank(PRODUCERS_D, grid(), judgments=too_few(), lang="en")
    row = ranking.table.loc["D"]
    assert not row["eligible"]
    assert row["reason"] == "1 grade for “Engagement” (at least 2 needed)"
    assert list(ranking.ranked.index) == ["B", "A", "C"]
    without_d = selection.rank(PRODUCERS, grid(), judgments=judgments())
    assert_allclose(ranking.ranked["score"].astype(float), without_d.table["score"].astype(float))
    fr = selection.rank(PRODUCERS_D, grid(), judgments=too_few(), lang="fr")
    assert (
        fr.table.loc["D", "reason"]
        == "1 mention pour «\u202fEngagement\u202f» (au moins 2 nécessaires)"
    )


def test_missing_worst_counts_the_worst_grade_and_raise_refuses() -> None:
    worst = selection.rank(
        PRODUCERS_D, grid(missing=", missing: worst"), judgments=too_few(), lang="en"
    )
    assert worst.table.loc["D", "eligible"]
    assert worst.prepared.matrix.imputed[3].tolist() == [False, False, True]
    assert worst.table.loc["D", "commitment"] == 0.0
    with language("en"), pytest.raises(selection.DataError) as caught:
        selection.rank(PRODUCERS_D, grid(missing=", missing: raise"), judgments=too_few())
    error = caught.value
    assert error.problem == "1 producer has too few grades for 'Engagement' (`missing: raise`)"
    assert error.found == "D (1)"
    assert "missing: exclude" in (error.hint or "")


def test_a_gate_on_a_judged_criterion_tests_its_majority_grade() -> None:
    words = grid(gate="eligibility:\n  - {criterion: commitment, not_in: [mauvais, moyen]}\n")
    ranking = selection.rank(PRODUCERS, words, judgments=judgments(), lang="en")
    # A: majority grade moyen (1.5 as a value); C: moyen. Only B passes.
    assert ranking.table["eligible"].tolist() == [True, False, False]
    assert (
        ranking.table.loc["A", "reason"]
        == "fails Engagement not among: mauvais, moyen (has moyen)"
    )
    numbers = grid(gate="eligibility:\n  - {criterion: commitment, min: 1}\n")
    ranking = selection.rank(PRODUCERS, numbers, judgments=judgments(), lang="en")
    assert ranking.table["eligible"].all()  # C: moyen⁻ = 0.67 as a value, but grade moyen = 1
    few = selection.rank(
        PRODUCERS_D,
        grid(gate="eligibility:\n  - {criterion: commitment, min: 1}\n"),
        judgments=too_few(),
        lang="en",
    )
    assert few.table.loc["D", "reason"] == (
        "1 grade for “Engagement” (at least 2 needed): cannot check Engagement ≥ 1"
    )


def test_no_judgements_for_a_judged_grid_is_an_error_saying_how() -> None:
    with language("en"), pytest.raises(selection.DataError) as caught:
        selection.rank(PRODUCERS, grid())
    assert caught.value.problem == (
        "criteria 'welcome', 'commitment' are judged by members, but no judgements were given"
    )
    assert "judgments=" in (caught.value.hint or "")


def test_a_prepared_problem_keeps_its_judgements_through_weights_and_grids() -> None:
    problem = selection.prepare(PRODUCERS, grid(), judgments=judgments())
    heavier = selection.rank(problem, weights={"welcome": 5})
    assert heavier.prepared.judgments is problem.judgments
    other = problem.with_grid(grid(missing=", missing: worst"))  # read again, same grades
    assert other.judgments is not None
    assert other.judgments.profile("welcome").equals(problem.judgments.profile("welcome"))
    replaced = selection.prepare(problem, judgments=judgments().assign(note="bon"))
    assert replaced.judgments is not None
    assert (replaced.judgments.values_of("welcome") == 2.0).all()
    measured = selection.parse_grid(
        "format: selection/grid@1\nname: p\nid: id\nbatteries:\n  a:\n    criteria:\n"
        "      price: {scale: [0, 10]}\n"
    )
    plain = selection.prepare(PRODUCERS, measured)
    assert plain.judgments is None
    assert plain.merit_profiles.empty
    assert list(plain.merit_profiles.columns) == [
        "producer",
        "criterion",
        "grade",
        "position",
        "count",
        "share",
    ]


def test_validate_checks_the_table_of_a_judged_grid_without_the_grades() -> None:
    from selection.scoring import matrix_problems

    assert matrix_problems(selection.read_table(PRODUCERS), grid()) == []
    bad = PRODUCERS.assign(price=["4", "cher", "8"])
    assert [p.path for p in matrix_problems(selection.read_table(bad), grid())] == ["price"]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=2, max_size=8),
    st.sampled_from(["majority", "mean", "median"]),
)
def test_a_producer_every_member_grades_at_least_as_well_never_ranks_below(
    pairs: list[tuple[int, int]], aggregate: str
) -> None:
    scale = ["mauvais", "moyen", "bon", "très bon"]
    the_grid = selection.parse_grid(
        "format: selection/grid@1\nname: g\nid: id\nmethod: wsm\n"
        f"judgments: {{scale: [{', '.join(scale)}], aggregate: {aggregate}}}\n"
        "batteries:\n  a:\n    criteria:\n      welcome: {judged: true}\n"
    )
    rows = []
    for i, (x, y) in enumerate(pairs):
        rows.append(
            {
                "member": f"m{i}",
                "producer": "high",
                "criterion": "welcome",
                "grade": scale[max(x, y)],
            }
        )
        rows.append(
            {
                "member": f"m{i}",
                "producer": "low",
                "criterion": "welcome",
                "grade": scale[min(x, y)],
            }
        )
    table = pd.DataFrame({"id": ["low", "high"]})
    ranking = selection.rank(table, the_grid, judgments=pd.DataFrame(rows))
    ranks = ranking.table["rank"]
    assert ranks["high"] <= ranks["low"]
    assert np.isfinite(ranking.table["score"].astype(float)).all()


def test_the_report_draws_each_merit_profile_and_explain_says_the_majority_grade() -> None:
    """Issue 13: the report shows a producer's grade distribution as a bar, with its words."""
    from selection.report import build_report

    page = build_report(PRODUCERS, grid(), samples=50, lang="fr", judgments=judgments())
    page = page.replace("\u202f", " ").replace("\xa0", " ")
    # A's commitment: moyen 1, bon 1 (Léa gave none): one bar, its grades in words.
    assert "Profil de mérite, Engagement : moyen : 1 ; bon : 1" in page
    assert page.count('class="merit"') == 2 * len(PRODUCERS)
    ranking = selection.rank(PRODUCERS, grid(), judgments=judgments())
    text = ranking.explain("B", lang="en")
    assert "Accueil = bon- (majority grade of 3 grades)" in text
