"""Agreement kernels and the consensus of a committee, against hand-worked values.

Kendall's W: Siegel (1956), *Nonparametric Statistics for the Behavioral
Sciences*, pp. 231–232: three executives rank six job applicants, R_j = 8, 14,
11, 11, 11, 8, s = 25.5, W = 25.5 / (1/12 · 3² · (6³ − 6)) = 0.16 (printed to two
decimals; exactly 17/105 = 0.161905). The tie correction is worked by hand in
its test.

The toy committee (``tests/data/committee/toy-*``): four producers scored
w·q/10 + (1 − w)·l/10 with (q, l) = A (10, 0), B (8, 4), C (4, 8), D (0, 10); three
members with quality weights w = 0.8, 0.2, 0.6. Their scores and ranks:

    M1 (w=.8): A .80  B .72  C .48  D .20  → ranks 1 2 3 4
    M2 (w=.2): A .20  B .48  C .72  D .80  → ranks 4 3 2 1
    M3 (w=.6): A .60  B .64  C .56  D .40  → ranks 2 1 3 4

Every number the tests expect is derived from these, in the test's docstring.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import selection
from selection.committee import (
    Member,
    borda,
    consensus,
    copeland,
    kendall_w,
    load_members,
    mid_ranks,
)
from selection.committee.agreement import tie_sums
from selection.errors import SelectionError, WeightsError

DATA = Path(__file__).resolve().parents[1] / "data" / "committee"
ROOT = Path(__file__).resolve().parents[2]
TOY_GRID = selection.load_grid(DATA / "toy-grid.yaml")
TOY_PRODUCERS = DATA / "toy-producers.csv"


@pytest.fixture(scope="module")
def toy() -> selection.committee.Consensus:
    members = load_members(DATA / "toy-members.yaml", TOY_GRID)
    return consensus(TOY_PRODUCERS, TOY_GRID, members=members, k=1)


def plain(text: str) -> str:
    """French typography's no-break spaces (before ":" and "%") as plain spaces."""
    return " ".join(text.split())


# -- kernels ---------------------------------------------------------------------------------


def test_kendall_w_siegel_1956() -> None:
    ranks = [[1, 6, 3, 2, 5, 4], [1, 5, 6, 4, 2, 3], [6, 3, 2, 5, 4, 1]]
    w = kendall_w(ranks)
    assert w == pytest.approx(0.16, abs=0.005)  # as printed
    assert w == pytest.approx(17 / 105, abs=1e-12)  # 12 · 25.5 / (9 · 210)


def test_kendall_w_with_ties_by_hand() -> None:
    """m = 3, n = 4; J2 ties objects 2 and 3, J3 ties objects 3 and 4 (mid-ranks).

    J1 1 2 3 4, J2 1 2.5 2.5 4, J3 2 1 3.5 3.5: R = 4, 5.5, 9, 11.5, mean 7.5,
    S = 12.25 + 4 + 2.25 + 16 = 34.5; ΣT = (2³ − 2) + (2³ − 2) = 12.
    W = 12 · 34.5 / (3² · (4³ − 4) − 3 · 12) = 414 / 504 = 23/28 (uncorrected: 414/540).
    """
    competition = [[1, 2, 3, 4], [1, 2, 2, 4], [2, 1, 3, 3]]
    mids = [[1, 2, 3, 4], [1, 2.5, 2.5, 4], [2, 1, 3.5, 3.5]]
    np.testing.assert_array_equal(mid_ranks(competition), mids)
    assert tie_sums(competition).tolist() == [0, 6, 6]
    assert kendall_w(competition) == pytest.approx(23 / 28, abs=1e-12)
    assert kendall_w(mids) == pytest.approx(23 / 28, abs=1e-12)


def test_kendall_w_extremes() -> None:
    assert kendall_w([[1, 2, 3], [1, 2, 3], [1, 2, 3]]) == pytest.approx(1, abs=1e-12)
    assert kendall_w([[1, 2], [2, 1]]) == pytest.approx(0, abs=1e-12)
    assert np.isnan(kendall_w([[1, 1, 1], [1, 1, 1]]))


def test_borda_and_copeland_by_hand() -> None:
    """M1 A>B>C, M2 A>B>C, M3 B>C>A.

    Borda (2, 1, 0 points): A 2+2+0 = 4, B 1+1+2 = 4, C 0+0+1 = 1: A and B tie.
    Copeland: A beats B (2–1) and C (2–1), B beats C (3–0): A +2, B 0, C −2.
    """
    ranks = [[1, 2, 3], [1, 2, 3], [3, 1, 2]]
    assert borda(ranks).tolist() == [4, 4, 1]
    assert copeland(ranks).tolist() == [2, 0, -2]


@given(
    st.integers(1, 6).flatmap(
        lambda m: st.integers(2, 12).flatmap(
            lambda n: st.lists(st.permutations(list(range(1, n + 1))), min_size=m, max_size=m)
        )
    )
)
def test_kernels_invariants(rankings: list[list[int]]) -> None:
    ranks = np.array(rankings)
    w = kendall_w(ranks)
    assert -1e-12 <= w <= 1 + 1e-12
    n = ranks.shape[1]
    # Borda points add up to m · n(n − 1)/2; Copeland scores to 0 (each duel counted twice).
    assert borda(ranks).sum() == pytest.approx(len(ranks) * n * (n - 1) / 2)
    assert copeland(ranks).sum() == 0
    # Unanimity: everyone agrees → W = 1, and both compromises give that ranking.
    same = np.repeat(ranks[:1], len(ranks), axis=0)
    assert kendall_w(same) == pytest.approx(1)
    assert (np.argsort(-borda(same)) == np.argsort(same[0])).all()
    assert (np.argsort(-copeland(same)) == np.argsort(same[0])).all()


def test_copeland_in_blocks_equals_in_one_go(monkeypatch: pytest.MonkeyPatch) -> None:
    from selection.committee import agreement

    rng = np.random.default_rng(3)
    ranks = np.array([rng.permutation(40) + 1 for _ in range(5)])
    whole = copeland(ranks)
    monkeypatch.setattr(agreement, "CHUNK", 7)
    assert (copeland(ranks) == whole).all()


# -- the toy committee -----------------------------------------------------------------------


def test_toy_rankings(toy: selection.committee.Consensus) -> None:
    """Group (geometric): q = (.8·.2·.6)^(1/3) = .457886, l = (.2·.8·.4)^(1/3) = .4;
    shares .533737 / .466263; scores A .5338, B .6135, C .5865, D .4662 → B, C, A, D.
    """
    assert list(toy.rankings.index) == ["B", "C", "A", "D"]  # the group's order
    assert toy.rankings.loc[["A", "B", "C", "D"]].to_dict("list") == {
        "M1": [1, 2, 3, 4],
        "M2": [4, 3, 2, 1],
        "M3": [2, 1, 3, 4],
    }
    assert toy.group.battery_weights["quality"] == pytest.approx(0.533737, abs=5e-7)
    assert toy.compromise.loc[["A", "B", "C", "D"], "group"].tolist() == [3, 1, 2, 4]


def test_toy_agreement(toy: selection.committee.Consensus) -> None:
    """R = 7, 6, 8, 9; mean 7.5; S = .25 + 2.25 + .25 + 2.25 = 5; W = 12·5 / (9·60) = 1/9.

    r_w (N = 4, denominator 4⁴ + 4³ − 4² − 4 = 300):
    M1–M2: 6·(9·5 + 1·5 + 1·5 + 9·5) = 600 → 1 − 2 = −1;
    M1–M3: 6·(1·7 + 1·7) = 84 → 0.72; M2–M3: 6·(4·4 + 4·6 + 1·5 + 9·5) = 540 → −0.8.
    Mean (−1 + 0.72 − 0.8) / 3 = −0.36.
    """
    assert toy.kendall_w == pytest.approx(1 / 9, abs=1e-12)
    assert toy.weighted_spearman.loc["M1", "M2"] == pytest.approx(-1, abs=1e-12)
    assert toy.weighted_spearman.loc["M1", "M3"] == pytest.approx(0.72, abs=1e-12)
    assert toy.weighted_spearman.loc["M3", "M2"] == pytest.approx(-0.8, abs=1e-12)
    assert toy.mean_weighted_spearman == pytest.approx(-0.36, abs=1e-12)


def test_toy_compromise(toy: selection.committee.Consensus) -> None:
    """Borda (3, 2, 1, 0): A 3+0+2 = 5, B 2+1+3 = 6, C 1+2+1 = 4, D 0+3+0 = 3 → B A C D.

    Copeland: B beats A (M2, M3), A beats C and D (M1, M3), B beats C and D, C beats D
    (M1, M3): A +1, B +3, C −1, D −3 → B A C D.
    """
    assert toy.compromise.loc[["A", "B", "C", "D"], "borda"].tolist() == [2, 1, 3, 4]
    assert toy.compromise.loc[["A", "B", "C", "D"], "copeland"].tolist() == [2, 1, 3, 4]
    assert list(toy.compromise.columns) == ["borda", "copeland", "group"]


def test_toy_contested_and_votes(toy: selection.committee.Consensus) -> None:
    """k = 1: the tops are A (M1), D (M2), B (M3 and the group); C is nobody's.

    Rank spreads: A 4 − 1 = 3, B 3 − 1 = 2, D 4 − 1 = 3.
    """
    assert toy.contested.to_dict() == {"A": 3, "D": 3, "B": 2}
    assert toy.top_votes.to_dict() == {"B": 1, "A": 1, "D": 1}


def test_toy_weight_spread(toy: selection.committee.Consensus) -> None:
    spread = toy.weight_spread
    assert list(spread.columns) == ["M1", "M2", "M3", "group", "spread"]
    assert set(spread.index) == {"quality", "locality", "q", "l"}
    assert spread.loc["quality", ["M1", "M2", "M3"]].tolist() == pytest.approx([0.8, 0.2, 0.6])
    assert spread.loc["quality", "spread"] == pytest.approx(0.6)
    assert spread.loc["q", "group"] == pytest.approx(0.533737, abs=5e-7)
    assert (np.diff(spread["spread"].to_numpy()) <= 1e-12).all()
    assert toy.labels == {
        "quality": "Quality",
        "locality": "Locality",
        "q": "Quality score",
        "l": "Locality score",
    }


def test_toy_outliers(toy: selection.committee.Consensus) -> None:
    """Each member's distance from the group against the others' spread (factor 2.5, floor .1).

    Group (geometric): quality .533737, locality .466263. Distances (largest share gap):
    M1 |.8 − .5337| = .2663, M2 |.8 − .4663| = .3337, M3 |.6 − .5337| = .0663.
    Others' spread (median distance from the others' median shares):
    M1: M2, M3 around (.4, .6): .2 → threshold .5 > .2663, M1 does not stand out;
    M2: M1, M3 around (.7, .3): .1 → threshold .25 ≤ .3337, M2 stands out, on locality;
    M3: M1, M2 around (.5, .5): .3 → threshold .75.
    M1 and M3 both favour quality: only M2 stands apart, and the sentence gives the group's
    share, the reference the report shows beside it.
    """
    assert toy.outliers == {
        "M2": "Your weights put Locality far above the group's: 80% against the group's 47%.",
    }
    gaps = toy.outlier_gaps.set_index("member")
    assert gaps.loc["M2", "key"] == "locality"
    assert gaps.loc["M2", "typical"] == pytest.approx(0.466263, abs=5e-7)
    assert gaps.loc["M2", "gap"] == pytest.approx(0.8 - 0.466263, abs=5e-7)
    assert gaps.loc["M2", "threshold"] == pytest.approx(0.25, abs=1e-12)
    assert toy.positions.distances.to_numpy() == pytest.approx(
        [0.8 - 0.533737, 0.8 - 0.466263, 0.6 - 0.533737], abs=5e-7
    )
    assert toy.positions.thresholds.to_numpy() == pytest.approx([0.5, 0.25, 0.75], abs=1e-12)


def test_outliers_in_french_and_the_thresholds() -> None:
    members = load_members(DATA / "toy-members.yaml", TOY_GRID)
    french = consensus(TOY_PRODUCERS, TOY_GRID, members=members, k=1, lang="fr")
    assert plain(french.outliers["M2"]) == (
        "Vos poids placent Locality bien au-dessus de ceux du groupe : 80 % contre 47 % pour "
        "le groupe."
    )
    floor = consensus(TOY_PRODUCERS, TOY_GRID, members=members, k=1, outlier_gap=0.35)
    assert floor.outliers == {}  # M2's distance, .3337, is under the floor .35
    lenient = consensus(TOY_PRODUCERS, TOY_GRID, members=members, k=1, outlier_spread=1)
    assert list(lenient.outliers) == ["M1", "M2"]  # thresholds .2, .1, .3
    two = consensus(TOY_PRODUCERS, TOY_GRID, members=members[:2], k=1)
    assert two.outliers == {} and two.outlier_gaps.empty  # nobody stands out between two


def test_one_extreme_member_does_not_make_the_others_outliers() -> None:
    """A (.33, .33, .34), B (.34, .33, .33), C (.02, .49, .49).

    Group (geometric, renormalized): quality ∛(.33·.34·.02) = .1310, locality
    ∛(.33·.33·.49) = .3765, accessibility ∛(.34·.33·.49) = .3802; sum .8877: shares .1476,
    .4241, .4283. C's distance: |.02 − .1476| = .128; the others' spread: A and B around
    (.335, .33, .335), .005 each; threshold max(.10, 2.5 × .005) = .10: C stands out. A's
    distance is larger (|.33 − .1476| = .182: C's 2 % drags the geometric mean down), but
    A's others, B and C, are .16 from their centre: threshold .40; B likewise.
    """
    grid = selection.load_grid(selection.example_grid_path())
    members = [
        Member("A", {"quality": 33, "locality": 33, "accessibility": 34}),
        Member("B", {"quality": 34, "locality": 33, "accessibility": 33}),
        Member("C", {"quality": 2, "locality": 49, "accessibility": 49}),
    ]
    for lang, sentence in [
        ("en", "Your weights put Qualité far below the group's: 2% against the group's 15%."),
        (
            "fr",
            "Vos poids placent Qualité bien en dessous de ceux du groupe : 2 % contre 15 % "
            "pour le groupe.",
        ),
    ]:
        result = consensus(selection.example_producers_path(), grid, members=members, lang=lang)
        assert {name: plain(text) for name, text in result.outliers.items()} == {"C": sentence}


def test_the_three_example_members_written_to_differ_do_not_all_stand_out() -> None:
    """Léa (quality first), Amina (accessibility), Marc (locality): each about as far from
    the group as the others are from each other, so nobody stands apart (issue 11)."""
    grid = selection.load_grid(selection.example_grid_path())
    members = load_members(sorted((ROOT / "criteria" / "members").glob("*.yaml")), grid)
    result = consensus(selection.example_producers_path(), grid, members=members, lang="en")
    assert result.outliers == {}
    assert (result.positions.distances < result.positions.thresholds).all()


# -- the shipped example ---------------------------------------------------------------------


def test_batch_rankings_equal_ranking_each_member_alone() -> None:
    """The consensus scores all members in one batch; selection.rank does one at a time."""
    grid = selection.load_grid(selection.example_grid_path())
    members = load_members(sorted((ROOT / "criteria" / "members").glob("*.yaml")), grid)
    for method in ("wsm", "topsis"):
        result = consensus(
            selection.example_producers_path(), grid, members=members, method=method
        )
        for member in members:
            alone = selection.rank(
                selection.example_producers_path(), member.grid(grid), method=method
            )
            expected = alone.ranked["rank"].astype(int)
            pd.testing.assert_series_equal(
                result.rankings[member.name].sort_index(),
                expected.sort_index().rename(member.name),
                check_dtype=False,
                check_index_type=False,
            )
        assert 0 < result.kendall_w <= 1
        assert set(result.outliers) <= set(result.rankings.columns)


def test_members_may_be_given_as_paths() -> None:
    paths = [str(p) for p in sorted((ROOT / "criteria" / "members").glob("*.yaml"))]
    result = consensus(
        selection.example_producers_path(), selection.example_grid_path(), members=paths
    )
    assert list(result.rankings.columns) == [
        "Léa (Escales Solidaires)",
        "Amina (GESRA)",
        "Marc (VRAC)",
    ]


def test_consensus_errors() -> None:
    members = load_members(DATA / "toy-members.yaml", TOY_GRID)
    with pytest.raises(SelectionError, match="not enough members"):
        consensus(TOY_PRODUCERS, TOY_GRID, members=members[:1])
    assert consensus(TOY_PRODUCERS, TOY_GRID, members=members, k=5).k == 4  # capped
    with pytest.raises(SelectionError) as info:
        consensus(TOY_PRODUCERS, TOY_GRID, members=members, k=0)
    assert info.value.where == "k" and "≥ 1" in (info.value.expected or "")
    with pytest.raises(SelectionError, match="unknown language"):
        consensus(TOY_PRODUCERS, TOY_GRID, members=members, lang="de")  # type: ignore[arg-type]
    stranger = Member("X", {"quality": 1, "locality": 1, "accessibility": 1})
    with pytest.raises(WeightsError, match="unknown battery or criterion 'accessibility'"):
        consensus(TOY_PRODUCERS, TOY_GRID, members=[*members, stranger])
