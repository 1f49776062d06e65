"""Majority judgment: Balinski & Laraki's published example, hand-worked ties, properties."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from selection.judgments import (
    compare_profiles,
    gauge_values,
    majority_gauges,
    majority_grades,
    majority_ranking,
    majority_value,
    mean_grades,
    median_grades,
)

# -- Orsay, 22 April 2007 ------------------------------------------------------------------

#: Balinski & Laraki, "A theory of measuring, electing, and ranking", PNAS 104(21):8720-8725
#: (2007), the experiment of Orsay (three polling stations, 1,752 voters) during the first
#: round of the French presidential election: the percentage of voters giving each grade,
#: from Très Bien to À Rejeter (a candidate left ungraded counts as À Rejeter, as in the
#: paper). Cross-checked against the 1,733 ballots of MieuxVoter/majority-judgment-datasets
#: (ballots/2007_presidentielle_orsay): every share agrees within 0.1 point.
ORSAY = {
    #            TB    B     AB    P     I     AR
    "Bayrou": (13.6, 30.7, 25.1, 14.8, 8.4, 7.4),
    "Royal": (16.7, 22.7, 19.1, 16.8, 12.2, 12.6),
    "Sarkozy": (19.1, 19.8, 14.3, 11.5, 7.1, 28.2),
    "Voynet": (2.9, 9.3, 17.5, 23.7, 26.1, 20.5),
    "Besancenot": (4.1, 9.9, 16.3, 16.0, 22.6, 31.1),
    "Buffet": (2.5, 7.6, 12.5, 20.6, 26.4, 30.4),
    "Bové": (1.5, 6.0, 11.4, 16.0, 25.7, 39.5),
    "Laguiller": (2.1, 5.3, 10.2, 16.6, 25.9, 40.1),
    "Nihous": (0.3, 1.8, 5.3, 11.0, 26.7, 55.0),
    "de Villiers": (2.4, 6.4, 8.7, 11.3, 15.8, 55.5),
    "Schivardi": (0.5, 1.0, 3.9, 9.5, 24.9, 60.4),
    "Le Pen": (3.0, 4.6, 6.2, 6.5, 5.4, 74.4),
}

#: The majority ranking the paper publishes, best first, with each majority gauge's sign.
ORSAY_RANKING = [
    ("Bayrou", "Assez Bien", "+"),
    ("Royal", "Assez Bien", "-"),
    ("Sarkozy", "Assez Bien", "-"),
    ("Voynet", "Passable", "-"),
    ("Besancenot", "Insuffisant", "+"),
    ("Buffet", "Insuffisant", "+"),
    ("Bové", "Insuffisant", "-"),
    ("Laguiller", "Insuffisant", "-"),
    ("Nihous", "À Rejeter", "+"),
    ("de Villiers", "À Rejeter", "+"),
    ("Schivardi", "À Rejeter", "+"),
    ("Le Pen", "À Rejeter", "+"),
]

GRADES_2007 = ["À Rejeter", "Insuffisant", "Passable", "Assez Bien", "Bien", "Très Bien"]


def orsay_profiles() -> tuple[list[str], np.ndarray]:
    """Counts per thousand voters, worst grade first (the percentages × 10, exactly)."""
    names = list(ORSAY)
    counts = np.array([[round(10 * x) for x in reversed(ORSAY[n])] for n in names])
    return names, counts


def test_orsay_2007_majority_grades_and_gauges() -> None:
    """Each candidate's majority grade and gauge sign, as published (PNAS 2007)."""
    names, counts = orsay_profiles()
    p, alpha, q = majority_gauges(counts)
    for name, grade, sign in ORSAY_RANKING:
        i = names.index(name)
        assert GRADES_2007[int(alpha[i])] == grade, name
        assert ("+" if p[i] > q[i] else "-") == sign, name
    # The shares above and below the majority grade, from the published percentages
    # (tolerance: the rounding of the percentages to 0.1 point).
    i = names.index("Bayrou")
    assert_allclose([p[i], q[i]], [0.443, 0.306], atol=0.002)
    i = names.index("Sarkozy")
    assert_allclose([p[i], q[i]], [0.389, 0.468], atol=0.002)


def test_orsay_2007_majority_ranking() -> None:
    """The published order of the twelve candidates, exactly, by the ranking and the values."""
    names, counts = orsay_profiles()
    order, ranks = majority_ranking(counts)
    expected = [name for name, _, _ in ORSAY_RANKING]
    assert [names[i] for i in order] == expected
    assert sorted(ranks.tolist()) == list(range(1, 13))  # no ties
    by_value = np.argsort(-gauge_values(counts), kind="stable")
    assert [names[i] for i in by_value] == expected


# -- hand-worked ----------------------------------------------------------------------------


def test_lower_median_of_an_even_number_of_grades() -> None:
    # grades 0, 0, 2, 2: the lower median is 0 (half the judges give 0 or less).
    assert majority_grades([2, 0, 2]).item() == 0
    assert median_grades([2, 0, 2]).item() == 1.0
    assert mean_grades([2, 0, 2]).item() == 1.0


def test_a_gauge_tie_broken_by_the_majority_value() -> None:
    """1,2,3 and 0,2,3: both 2⁻ with p = q = 1/3; majority values (2,1,3) > (2,0,3)."""
    a, b = [0, 1, 1, 1], [1, 0, 1, 1]
    assert gauge_values(a) == gauge_values(b)
    assert majority_value([1, 2, 3]) == (2, 1, 3)
    assert majority_value([0, 2, 3]) == (2, 0, 3)
    assert compare_profiles(a, b) == 1
    assert compare_profiles(b, a) == -1
    order, ranks = majority_ranking([b, a])
    assert order.tolist() == [1, 0]
    assert ranks.tolist() == [2, 1]


def test_plus_beats_minus_and_gauges_order_within_a_grade() -> None:
    # All with majority grade 2 out of 0..4, five judges.
    plus_big = [0, 0, 3, 0, 2]  # 2, 2, 2, 4, 4: p = 2/5, q = 0
    plus_small = [0, 0, 4, 1, 0]  # p = 1/5
    minus_small = [0, 1, 4, 0, 0]  # q = 1/5
    minus_big = [2, 0, 3, 0, 0]  # q = 2/5
    profiles = [minus_big, plus_small, minus_small, plus_big]
    order, _ = majority_ranking(profiles)
    assert order.tolist() == [3, 1, 2, 0]
    assert_allclose(gauge_values(profiles), [1.6, 2.2, 1.8, 2.4])


def test_the_same_shares_tie_whatever_the_number_of_judges() -> None:
    assert compare_profiles([0, 1, 1], [0, 2, 2]) == 0
    assert compare_profiles([1, 1, 1], [3, 3, 3]) == 0
    order, ranks = majority_ranking([[0, 1, 1], [0, 2, 2], [1, 0, 0]])
    assert ranks.tolist() == [1, 1, 3]
    assert order.tolist() == [0, 1, 2]


def test_profiles_without_grades_come_last_unranked() -> None:
    order, ranks = majority_ranking([[0, 0, 0], [1, 0, 0]])
    assert order.tolist() == [1, 0]
    assert ranks.tolist() == [0, 1]
    assert np.isnan(gauge_values([0, 0, 0]))
    assert majority_grades([0, 0, 0]).item() == -1
    with pytest.raises(ValueError, match="without grades"):
        compare_profiles([0, 0], [1, 0])


def test_values_stay_within_the_scale() -> None:
    every = np.array(list(itertools.product(range(3), repeat=4)))[1:]  # all non-empty, k = 4
    values = gauge_values(every)
    assert values.min() >= 0 and values.max() <= 3


# -- properties ------------------------------------------------------------------------------

K = 5
grade_lists = st.lists(st.integers(0, K - 1), min_size=1, max_size=25)


def profile(grades: list[int]) -> np.ndarray:
    return np.bincount(grades, minlength=K)


@given(grade_lists)
def test_the_majority_grade_lies_between_the_lowest_and_highest(grades: list[int]) -> None:
    alpha = majority_grades(profile(grades)).item()
    assert min(grades) <= alpha <= max(grades)
    assert alpha == majority_value(grades)[0]
    value = gauge_values(profile(grades)).item()
    assert alpha - 0.5 < value <= alpha + 0.5
    assert min(grades) <= value <= max(grades)


@given(grade_lists, st.integers(1, 5))
def test_adding_judges_who_give_the_majority_grade_never_changes_it(
    grades: list[int], extra: int
) -> None:
    alpha = majority_grades(profile(grades)).item()
    assert majority_grades(profile(grades + [alpha] * extra)).item() == alpha


@given(st.lists(st.tuples(st.integers(0, K - 1), st.integers(0, K - 1)), min_size=1, max_size=20))
def test_a_profile_graded_at_least_as_well_by_every_judge_never_ranks_below(
    pairs: list[tuple[int, int]],
) -> None:
    """Judge by judge, `high` gets at least the grade `low` gets: never ranked below it."""
    low = [min(a, b) for a, b in pairs]
    high = [max(a, b) for a, b in pairs]
    hp, lp = profile(high), profile(low)
    assert compare_profiles(hp, lp) >= 0
    assert gauge_values(hp).item() >= gauge_values(lp).item()
    assert mean_grades(hp).item() >= mean_grades(lp).item()
    assert median_grades(hp).item() >= median_grades(lp).item()
    _, ranks = majority_ranking([lp, hp])
    assert ranks[1] <= ranks[0]


@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(*[st.lists(st.integers(0, K - 1), min_size=n, max_size=n)] * 2)
    )
)
def test_with_as_many_judges_the_ranking_is_the_lexicographic_majority_value(
    both: tuple[list[int], list[int]],
) -> None:
    a, b = both
    va, vb = majority_value(a), majority_value(b)
    expected = (va > vb) - (va < vb)
    assert compare_profiles(profile(a), profile(b)) == expected


@given(grade_lists, grade_lists, st.integers(2, 4))
def test_cloning_every_judge_changes_no_comparison(a: list[int], b: list[int], k: int) -> None:
    assert compare_profiles(profile(a), profile(b)) == compare_profiles(profile(a * k), profile(b))


@given(grade_lists, grade_lists)
def test_a_strict_gauge_order_is_the_majority_ranking(a: list[int], b: list[int]) -> None:
    """The gauge value never contradicts the exact majority ranking."""
    va, vb = gauge_values(profile(a)).item(), gauge_values(profile(b)).item()
    if va > vb:
        assert compare_profiles(profile(a), profile(b)) == 1
    elif va < vb:
        assert compare_profiles(profile(a), profile(b)) == -1


@given(st.lists(grade_lists, min_size=1, max_size=8))
def test_the_ranking_is_a_consistent_order(lists: list[list[int]]) -> None:
    counts = np.array([profile(g) for g in lists])
    order, ranks = majority_ranking(counts)
    assert sorted(order.tolist()) == list(range(len(lists)))
    for before, after in itertools.pairwise(order.tolist()):
        assert compare_profiles(counts[before], counts[after]) >= 0
        assert ranks[before] <= ranks[after]
