"""A committee of sixty (issue 13, item 3): Copeland at scale, who stands out, the summaries.

- Copeland's fast kernel against the definition, pair by pair in plain Python
  (Hypothesis, ties included, blocks of any size), and against the vectorised
  pairwise definition on a pool of 600;
- the rule of who stands out, on committees built to give nobody, some members
  and everybody (worked out in each test's docstring);
- the group's weight outside the members' range, said with its reason;
- the seeded synthetic committee (:func:`selection.committee.synthetic_members`).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selection
from selection.committee import (
    Member,
    aggregate,
    consensus,
    copeland,
    dump_members,
    load_members,
    parse_members,
    positions,
    synthetic_members,
)
from selection.committee import agreement as agreement_module
from selection.errors import SelectionWarning


def copeland_by_definition(ranks: list[list[float]]) -> list[int]:
    """For each producer: the duels it wins minus those it loses, one pair at a time."""
    n = len(ranks[0]) if ranks else 0
    scores = []
    for i in range(n):
        score = 0
        for j in range(n):
            if i == j:
                continue
            above = sum(1 for row in ranks if row[i] < row[j])
            below = sum(1 for row in ranks if row[i] > row[j])
            score += (above > below) - (above < below)
        scores.append(score)
    return scores


def copeland_pairwise(ranks: np.ndarray) -> np.ndarray:
    """The definition vectorised as the kernel was before: the whole n × n margin, in rows."""
    n = ranks.shape[1]
    scores = np.zeros(n, dtype=int)
    for start in range(0, n, 128):
        stop = min(start + 128, n)
        margin = np.zeros((stop - start, n))
        for row in ranks:
            margin += np.sign(row[None, :] - row[start:stop, None])
        scores[start:stop] = np.sign(margin).sum(axis=1)
    return scores


# -- Copeland ----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 7).flatmap(
        lambda m: st.integers(1, 30).flatmap(
            lambda n: st.lists(
                st.lists(st.integers(1, max(1, n // 2 + 1)), min_size=n, max_size=n)
                | st.permutations(list(range(1, n + 1))),
                min_size=m,
                max_size=m,
            )
        )
    ),
    st.integers(1, 12),
)
def test_fast_copeland_equals_the_definition(rankings: list[list[int]], chunk: int) -> None:
    """Rankings with and without ties (any rank values), compared in blocks of 1 to 12."""
    before = agreement_module.CHUNK
    agreement_module.CHUNK = chunk
    try:
        fast = copeland(np.array(rankings, dtype=float)).tolist()
    finally:
        agreement_module.CHUNK = before
    assert fast == copeland_by_definition(rankings)


@pytest.mark.parametrize("kind", ["agreeing", "unrelated", "tied"])
def test_fast_copeland_equals_the_pairwise_definition_on_a_pool_of_600(kind: str) -> None:
    """61 rankings of 600 producers: members who broadly agree (most pairs settled by
    sorting), rankings with nothing in common (every pair compared), and many ties."""
    rng = np.random.default_rng(7)
    n, m = 600, 61
    if kind == "agreeing":
        base = rng.normal(size=n)
        scores = base[None, :] + 0.2 * rng.normal(size=(m, n))
    elif kind == "unrelated":
        scores = rng.normal(size=(m, n))
    else:
        scores = rng.integers(0, 20, size=(m, n)).astype(float)
    ranks = selection.engines.competition_ranks(scores)
    assert (copeland(ranks) == copeland_pairwise(ranks)).all()


def test_copeland_with_more_rankings_than_a_byte_counts() -> None:
    """300 rankings: the counters widen beyond 8 bits."""
    rng = np.random.default_rng(1)
    ranks = np.array([rng.permutation(40) + 1 for _ in range(300)])
    assert (copeland(ranks) == copeland_pairwise(ranks)).all()


# -- who stands out ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def grid() -> selection.Grid:
    return selection.load_grid(selection.example_grid_path())


def batteries(quality: float, locality: float, accessibility: float) -> dict[str, float]:
    return {"quality": quality, "locality": locality, "accessibility": accessibility}


def test_nobody_stands_out_when_each_member_is_as_far_as_the_others(
    grid: selection.Grid,
) -> None:
    """Three members, each putting 60 % on a different battery and 20 % on the others.

    The group (any mean) is 1/3 each; every member is 27 points from it. The others of
    each member are two such members, 40 points apart on two batteries: their median
    distance from their centre is 20 points, and 2.5 × 20 = 50 > 27.
    """
    members = [
        Member("A", batteries(60, 20, 20)),
        Member("B", batteries(20, 60, 20)),
        Member("C", batteries(20, 20, 60)),
    ]
    for how in ("geometric", "mean", "median"):
        where = positions(members, grid, how=how, lang="en")
        assert where.outliers == {}, how
        assert where.distances.to_numpy() == pytest.approx([0.6 - 1 / 3] * 3)


def test_some_stand_out_from_a_cohesive_committee(grid: selection.Grid) -> None:
    """Twenty members within a point or two of 35/30/35 and two far from them.

    The cohesive members' distances from the group are a few points; their others'
    spread is about one point, so the floor (10 points) decides, and none reaches it.
    The two far members (80 % quality; 70 % locality) are 40 to 45 points away.
    """
    rng = np.random.default_rng(3)
    members = [
        Member(f"M{i:02d}", batteries(*(np.array([35, 30, 35]) + rng.integers(-2, 3, 3))))
        for i in range(20)
    ]
    members += [Member("Far Q", batteries(80, 10, 10)), Member("Far L", batteries(15, 70, 15))]
    where = positions(members, grid, lang="en")
    assert sorted(where.outliers) == ["Far L", "Far Q"]
    assert where.outliers["Far Q"] == (
        "Your weights put Qualité far above the group's: 80% against the group's "
        f"{where.group['quality']:.0%}."
    )
    gaps = where.outlier_gaps.set_index("member")
    assert gaps.loc["Far L", "key"] == "locality"
    assert gaps.loc["Far L", "typical"] == pytest.approx(where.group["locality"])
    assert where.thresholds[[m.name for m in members[:20]]].tolist() == pytest.approx([0.1] * 20)


def test_everybody_stands_out_when_the_group_is_far_from_every_member(
    grid: selection.Grid,
) -> None:
    """Two members give 0 to different batteries: the geometric mean vetoes both.

    Ten members near 34/33/33, A with locality 0 and B with accessibility 0: the group
    puts everything on quality (100 %). Every member is 30 points or more from it; the
    others' spread stays a few points, so everybody stands out, each told the group's
    100 % beside their own share.
    """
    members = [Member(f"M{i}", batteries(34 + i % 2, 33, 33 - i % 2)) for i in range(10)]
    members += [Member("A", batteries(50, 0, 50)), Member("B", batteries(50, 50, 0))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SelectionWarning)
        where = positions(members, grid, how="geometric", lang="en")
    assert where.group["quality"] == pytest.approx(1.0)
    assert sorted(where.outliers) == sorted(m.name for m in members)
    for name, sentence in where.outliers.items():
        assert sentence.endswith("against the group's 0%." if name in "AB" else "group's 100%.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SelectionWarning)
        assert positions(members, grid, how="mean").outliers.keys() <= {"A", "B"}


def test_two_members_never_stand_out(grid: selection.Grid) -> None:
    members = [Member("A", batteries(90, 5, 5)), Member("B", batteries(5, 5, 90))]
    where = positions(members, grid)
    assert where.outliers == {} and where.outlier_gaps.empty


def test_the_rule_s_floor_and_factor_are_parameters(grid: selection.Grid) -> None:
    members = [Member(f"M{i}", batteries(34, 33, 33)) for i in range(5)]
    members.append(Member("Z", batteries(50, 25, 25)))  # 16 points from the others
    assert list(positions(members, grid).outliers) == ["Z"]
    assert positions(members, grid, gap=0.2).outliers == {}
    with pytest.raises(selection.SelectionError, match="spread"):
        positions(members, grid, spread=-1)


def test_the_group_outside_the_members_range_is_said_with_its_reason(
    grid: selection.Grid,
) -> None:
    """Quality 90 % with organic 10 % of it, and quality 10 % with organic 90 % of it.

    Both give the organic label 9 % of the total. The mean of the levels is quality
    50 %, organic 50 % of it: 25 %, above both members' 9 % (the product of two means is
    not the mean of the products).
    """
    members = [
        Member("A", batteries(90, 5, 5) | {"organic": 10, "agroecology": 90}),
        Member("B", batteries(10, 45, 45) | {"organic": 90, "agroecology": 10}),
    ]
    where = positions(members, grid, how="mean", lang="en")
    assert where.distribution.loc["organic", "lowest"] == pytest.approx(0.09)
    assert where.distribution.loc["organic", "highest"] == pytest.approx(0.09)
    assert where.distribution.loc["organic", "group"] == pytest.approx(0.25)
    assert bool(where.distribution.loc["organic", "outside"])
    assert not where.distribution.loc[["quality", "locality", "accessibility"], "outside"].any()
    sentence = where.outside["organic"].render("en")
    assert sentence.startswith(
        "The group's weight for Label bio (25.0%) is above every member's (9.0% to 9.0%): "
    )
    assert "combined level by level" in sentence
    result = consensus(
        selection.example_producers_path(), grid, members=members, how="mean", lang="en"
    )
    assert "Label bio (25.0%)" in result.summary("en")


def test_the_distribution_is_the_members_quantiles(grid: selection.Grid) -> None:
    members = synthetic_members(grid, 60, seed=4)
    where = positions(members, grid)
    shares = where.shares.to_numpy()
    expected = np.quantile(shares, [0, 0.25, 0.5, 0.75, 1], axis=1).T
    columns = ["lowest", "q1", "median", "q3", "highest"]
    assert where.distribution[columns].to_numpy() == pytest.approx(expected)
    group = aggregate(members, grid)
    assert where.group["quality"] == pytest.approx(float(group.battery_weights["quality"]))


# -- the synthetic committee -------------------------------------------------------------------


def test_synthetic_members_are_seeded_varied_and_valid(grid: selection.Grid) -> None:
    members = synthetic_members(grid, 60, seed=0)
    assert members == synthetic_members(grid, 60, seed=0)
    assert members != synthetic_members(grid, 60, seed=1)
    assert len({m.name for m in members}) == 60
    assert {m.method for m in members} == {"points", "rank_order_centroid", "swing"}
    assert any(len(m.weights) > 3 for m in members)  # some split batteries between criteria
    for member in members:
        member.check(grid)
    # The last two lean hard on one battery, and stand out.
    assert {m.name for m in members[-2:]} <= set(positions(members, grid).outliers)
    assert positions(synthetic_members(grid, 5, seed=0, outliers=0), grid).outliers == {}


def test_synthetic_members_write_and_read_back(grid: selection.Grid, tmp_path: object) -> None:
    members = synthetic_members(grid, 60, seed=2, anonymous=True)
    text = dump_members(members, grid)
    assert "anonymous: true" in text
    again = parse_members(text, grid)
    assert [m.name for m in again] == [m.name for m in members]
    assert all(m.anonymous for m in again)
    for old, new in zip(members, again, strict=True):
        assert new.grid(grid).weight_vector == pytest.approx(old.grid(grid).weight_vector)


def test_a_committee_of_sixty_on_two_hundred_producers(grid: selection.Grid) -> None:
    """Everything works at the size of Montpellier's committee, in a few seconds."""
    table = selection.read_table(selection.example_producers_path())
    big = table.sample(200, replace=True, random_state=0).reset_index(drop=True)
    big[grid.id_column] = [f"X{i:03d}" for i in range(200)]
    members = synthetic_members(grid, 60, seed=5)
    result = consensus(big, grid, members=members, k=12, lang="en")
    assert result.rankings.shape[1] == 60
    assert 0 < result.kendall_w <= 1
    assert set(result.compromise.columns) == {"borda", "copeland", "group"}
    assert 0 < len(result.outliers) <= 6


def test_load_members_reads_the_anonymous_flag(grid: selection.Grid, tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "a.yaml").write_text(
        "format: selection/weights@1\nanonymous: true\nname: Amina\n"
        "weights: {quality: 1, locality: 1, accessibility: 2}\n",
        encoding="utf-8",
    )
    (folder / "b.yaml").write_text(
        "format: selection/weights@1\nmembers:\n  - name: Marc\n"
        "    weights: {quality: 1, locality: 2, accessibility: 1}\n",
        encoding="utf-8",
    )
    a, b = load_members([folder / "a.yaml", folder / "b.yaml"], grid)
    assert a.anonymous and not b.anonymous
    (folder / "c.yaml").write_text(
        "format: selection/weights@1\nanonymous: yes please\nname: C\n"
        "weights: {quality: 1, locality: 1, accessibility: 1}\n",
        encoding="utf-8",
    )
    with pytest.raises(selection.errors.WeightsError) as caught:
        load_members(folder / "c.yaml", grid)
    assert "c.yaml" in str(caught.value.where) and "anonymous" in str(caught.value.where)
