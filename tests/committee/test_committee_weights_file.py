"""Member weights files: the good ones load, every mistake gets a located, actionable error.

The corpus is in ``tests/data/committee/``: ``good-members.yaml`` (four members,
one per way of stating weights) and ``bad/*.yaml``, one mistake each (the first
line of each file says which). Every bad file has exactly one entry in
:data:`CASES`, checked by type (``WeightsError``) and by the text of each field.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import selection
from selection.committee import Member, dump_members, load_members, parse_members
from selection.errors import GridError, SelectionError, SelectionWarning, WeightsError
from tests.toys import members_of

DATA = Path(__file__).resolve().parents[1] / "data" / "committee"
BAD = DATA / "bad"
ROOT = Path(__file__).resolve().parents[2]


def fields(**expected: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return expected


#: file -> the text each field of the error must contain.
CASES: dict[str, dict[str, tuple[str, ...]]] = {
    "no-format.yaml": fields(
        where=("no-format.yaml", "(format)"),
        found=("no `format:` line",),
        hint=("add `format: selection/weights@1`",),
    ),
    "grid-file.yaml": fields(
        where=("grid-file.yaml, line 2 (format)",),
        found=("'selection/grid@1'",),
        hint=("this is a grid file",),
    ),
    "wrong-grid.yaml": fields(
        problem=("written for another grid",),
        where=("wrong-grid.yaml, line 3 (grid)",),
        expected=("grid: Grille qualité · localité · accessibilité (illustrative)",),
        found=("'Grille de Marseille'",),
    ),
    "unknown-key.yaml": fields(
        problem=("unknown battery or criterion 'localty'",),
        where=("unknown-key.yaml, line 6 (weights.localty)",),
        expected=("quality, locality, accessibility, organic",),
        hint=("did you mean 'locality'?",),
    ),
    "negative-points.yaml": fields(
        problem=("non-negative",),
        where=("negative-points.yaml, line 5 (weights.quality)",),
        expected=("≥ 0",),
        found=("-30",),
    ),
    "text-points.yaml": fields(
        problem=("expected a number",),
        where=("text-points.yaml, line 6 (weights.locality)",),
        found=("'2,5'",),
        hint=("write 2.5 with a decimal point",),
    ),
    "missing-battery.yaml": fields(
        problem=("leave out a battery",),
        where=("missing-battery.yaml, line 4 (weights)",),
        expected=("a weight for every battery: quality, locality, accessibility",),
        found=("no weight for locality",),
        hint=("add `locality: ...`", "weights are relative"),
    ),
    "partial-criteria.yaml": fields(
        problem=("criterion weights for part of battery 'accessibility'",),
        where=("partial-criteria.yaml, line 4 (weights)",),
        found=("no weight for solidarity_price, min_order, delivery, payment, volume",),
        hint=("the grid gives solidarity_price: 2", "remove price"),
    ),
    "criteria-only.yaml": fields(
        problem=("leave out batteries",),
        found=("no weight for quality, locality, accessibility",),
        hint=("use their sums: quality: 5, locality: 5, accessibility: 11",),
    ),
    "all-zero.yaml": fields(
        problem=("every battery weighs 0",),
        where=("all-zero.yaml, line 4 (weights)",),
    ),
    "zero-criteria.yaml": fields(
        problem=("every criterion of battery 'locality' weighs 0",),
        hint=("or locality 0",),
    ),
    "order-missing.yaml": fields(
        problem=("leave out a battery",),
        where=("order-missing.yaml, line 5 (order)",),
        found=("no weight for accessibility",),
        hint=("add accessibility to the order",),
    ),
    "order-criterion.yaml": fields(
        problem=("unknown battery 'price'",),
        where=("order-criterion.yaml, line 5 (order[1])",),
        hint=("'price' is a criterion", "`weights:`"),
    ),
    "order-twice.yaml": fields(
        problem=("'locality' appears twice",),
        where=("order-twice.yaml, line 5 (order[2])",),
        hint=("[locality, [quality, accessibility]]",),
    ),
    "swing-over.yaml": fields(
        problem=("at most 100",),
        where=("swing-over.yaml, line 6 (swing.accessibility)",),
        found=("120",),
    ),
    "swing-no-100.yaml": fields(
        problem=("no swing is rated 100",),
        where=("swing-no-100.yaml, line 4 (swing)",),
        hint=("rate quality 100",),
    ),
    "ahp-off-scale.yaml": fields(
        problem=("Saaty's scale",),
        where=("ahp-off-scale.yaml, line 5 (pairwise.quality.locality)",),
        found=("12",),
        hint=("3 = moderately more",),
    ),
    "ahp-missing.yaml": fields(
        problem=("missing comparisons",),
        where=("ahp-missing.yaml, line 4 (pairwise)",),
        found=("no comparison of quality with accessibility",),
        hint=("add `quality: {accessibility: 1}`",),
    ),
    "ahp-twice.yaml": fields(
        problem=("compared twice",),
        where=("ahp-twice.yaml, line 6 (pairwise.locality.quality)",),
        found=("pairwise.quality.locality",),
    ),
    "method-mismatch.yaml": fields(
        problem=("method swing takes `swing:`",),
        where=("method-mismatch.yaml, line 4 (method)",),
        found=("`weights:`",),
        hint=("write `method: points`",),
    ),
    "unknown-method.yaml": fields(
        problem=("unknown elicitation method",),
        where=("unknown-method.yaml, line 4 (method)",),
        expected=("points, rank_order_centroid, rank_sum, rank_reciprocal, swing, ahp",),
        hint=("did you mean 'rank_order_centroid'?",),
    ),
    "two-ways.yaml": fields(
        problem=("weights given in two ways",),
        where=("two-ways.yaml, line 5 (order)",),
        found=("`weights:` and `order:`",),
    ),
    "no-weights.yaml": fields(
        problem=("no weights",),
        expected=("`weights:` (points), `order:`, `swing:` or `pairwise:`",),
    ),
    "no-name.yaml": fields(
        problem=("a member needs a name",),
        where=("no-name.yaml, line 4 (members[0])",),
    ),
    "duplicate-name.yaml": fields(
        problem=("two members are called 'Marc'",),
        where=("duplicate-name.yaml, line 6 (members[1].name)",),
        found=("line 4",),
    ),
    "typo-member-key.yaml": fields(
        problem=("unknown key 'wieghts'",),
        where=("typo-member-key.yaml, line 5 (members[0].wieghts)",),
        hint=("did you mean 'weights'?",),
    ),
    "members-not-list.yaml": fields(
        problem=("expected a list of members",),
        where=("members-not-list.yaml, line 3 (members)",),
    ),
    "invalid-yaml.yaml": fields(
        problem=("not valid YAML",),
        where=("invalid-yaml.yaml, line 3",),
        found=("mapping values are not allowed here",),
    ),
    "empty.yaml": fields(problem=("the file is empty",), where=("empty.yaml",)),
    "not-weights.yaml": fields(
        problem=("not a weights file",), hint=("criteria/members/gesra.yaml",)
    ),
}


def check(exc: BaseException, expected: dict[str, tuple[str, ...]]) -> None:
    assert type(exc) is WeightsError, f"{type(exc).__name__}: {exc}"
    assert isinstance(exc, GridError) and isinstance(exc, ValueError)
    for field, parts in expected.items():
        text = getattr(exc, field)
        for part in parts:
            assert text is not None and part in text, f"{field}={text!r} lacks {part!r}"
    message = str(exc)
    for value in (exc.where, exc.problem, exc.expected, exc.found, exc.hint):
        if value:
            assert value in message


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_weights_file(example_grid: selection.Grid, name: str) -> None:
    with pytest.raises(SelectionError) as info:
        load_members(BAD / name, example_grid)
    check(info.value, CASES[name])


def test_good_file_has_one_member_per_method(example_grid: selection.Grid) -> None:
    members = load_members(DATA / "good-members.yaml", example_grid)
    assert [m.name for m in members] == ["Amina (GESRA)", "Marc (VRAC)", "Léa (Escales)", "Comité"]
    assert [m.method for m in members] == ["points", "rank_order_centroid", "swing", "ahp"]
    amina, marc, lea, comite = members
    assert amina.weights == {
        "quality": 30,
        "locality": 20,
        "accessibility": 50,
        "organic": 1,
        "agroecology": 1,
    }
    # ROC n = 3 with a tie: 11/18, then 7/36 and 7/36.
    assert marc.weights == pytest.approx(
        {"locality": 11 / 18, "quality": 7 / 36, "accessibility": 7 / 36}, abs=1e-12
    )
    assert marc.details == {"order": ["locality", ["quality", "accessibility"]]}
    assert lea.weights == pytest.approx(
        {"quality": 100 / 210, "accessibility": 70 / 210, "locality": 40 / 210}, abs=1e-12
    )
    # quality = 3 locality = accessibility, accessibility = 3 locality: consistent, 3/7 1/7 3/7.
    assert comite.weights == pytest.approx(
        {"quality": 3 / 7, "locality": 1 / 7, "accessibility": 3 / 7}, abs=1e-12
    )
    assert comite.details["consistency_ratio"] == 0
    assert comite.source is not None and "good-members.yaml, line 17" in comite.source
    assert amina.grid(example_grid).battery_weights.to_dict() == {
        "quality": 0.3,
        "locality": 0.2,
        "accessibility": 0.5,
    }
    assert amina.grid(example_grid).weights["organic"] == pytest.approx(0.15, abs=1e-12)


def test_shipped_members_load_without_warnings(example_grid: selection.Grid) -> None:
    paths = sorted((ROOT / "criteria" / "members").glob("*.yaml"))
    assert [p.name for p in paths] == ["escales.yaml", "gesra.yaml", "vrac.yaml"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        members = load_members(paths, selection.example_grid_path())
    by_name = {m.name: m for m in members}
    assert by_name["Marc (VRAC)"].weights == {
        "locality": 0.5,
        "accessibility": 0.3,
        "quality": 0.2,
    }
    lea = by_name["Léa (Escales Solidaires)"]
    assert max(lea.weights, key=lea.weights.__getitem__) == "quality"
    assert 0 < float(lea.details["consistency_ratio"]) < 0.1  # type: ignore[arg-type]
    amina = by_name["Amina (GESRA)"]
    assert amina.grid(example_grid).battery_weights.idxmax() == "accessibility"


def test_single_member_file_and_method_inferred(example_grid: selection.Grid) -> None:
    [lea] = parse_members(
        "format: selection/weights@1\nname: Léa\nswing: {quality: 100, locality: 50, "
        "accessibility: 50}\n",
        example_grid,
    )
    assert lea.method == "swing"
    assert lea.weights == {"quality": 0.5, "locality": 0.25, "accessibility": 0.25}


def test_inconsistent_ahp_warns_with_the_file_and_line(
    example_grid: selection.Grid, tmp_path: Path
) -> None:
    path = tmp_path / "cycle.yaml"
    path.write_text(
        "format: selection/weights@1\nname: Comité\npairwise:\n"
        "  quality: {locality: 9, accessibility: 1/9}\n  locality: {accessibility: 9}\n",
        encoding="utf-8",
    )
    with pytest.warns(SelectionWarning) as record:
        [member] = load_members(path, example_grid)
    message = str(record[0].message)
    assert "cycle.yaml, line 3 (pairwise)" in message
    assert "Comité's AHP comparisons" in message and "review" in message
    assert float(member.details["consistency_ratio"]) > 0.1  # type: ignore[arg-type]


def test_names_are_unique_across_files(example_grid: selection.Grid, tmp_path: Path) -> None:
    text = (
        "format: selection/weights@1\nname: Marc\n"
        "weights: {quality: 1, locality: 1, accessibility: 1}\n"
    )
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(WeightsError) as info:
        load_members([tmp_path / "a.yaml", tmp_path / "b.yaml"], example_grid)
    check(
        info.value,
        fields(
            problem=("two members are called 'Marc'",),
            where=("b.yaml, line 3 (weights)",),
            found=("a.yaml, line 3",),
        ),
    )


def test_unreadable_files(example_grid: selection.Grid, tmp_path: Path) -> None:
    with pytest.raises(WeightsError) as info:
        load_members(tmp_path / "missing.yaml", example_grid)
    check(info.value, fields(problem=("cannot read",), where=("missing.yaml",)))
    latin = tmp_path / "latin1.yaml"
    latin.write_bytes("format: selection/weights@1\nname: L\xe9a\n".encode("latin-1"))
    with pytest.raises(WeightsError) as info:
        load_members(latin, example_grid)
    check(info.value, fields(problem=("not UTF-8",), where=("latin1.yaml, line 2",)))
    with pytest.raises(WeightsError, match="no weights files"):
        load_members([], example_grid)


def test_members_built_in_python_are_checked(example_grid: selection.Grid) -> None:
    with pytest.raises(WeightsError) as info:
        Member("Amina", {"quality": -1, "locality": 1, "accessibility": 1})
    check(info.value, fields(where=("member 'Amina' (quality)",), expected=("≥ 0",)))
    with pytest.raises(WeightsError) as info:
        Member("", {"quality": 1})
    check(info.value, fields(problem=("needs a name",)))
    with pytest.raises(WeightsError) as info:
        Member("Marc", {"quality": 1, "locality": 1, "acessibility": 1}).grid(example_grid)
    check(info.value, fields(where=("member 'Marc'",), hint=("did you mean 'accessibility'?",)))
    with pytest.raises(WeightsError) as info:
        Member("Marc", {"quality": 1}, method="swingg")
    check(info.value, fields(hint=("did you mean 'swing'?",)))


def test_dump_reads_back(example_grid: selection.Grid, tmp_path: Path) -> None:
    members = load_members(DATA / "good-members.yaml", example_grid)
    text = dump_members(members, example_grid, comment="written by a test\nsecond line")
    assert text.startswith("# written by a test\n# second line\nformat: selection/weights@1\n")
    again = parse_members(text, example_grid)
    assert [m.name for m in again] == [m.name for m in members]
    assert [m.method for m in again] == [m.method for m in members]
    for before, after in zip(members, again, strict=True):
        assert after.weights == pytest.approx(before.weights, abs=1e-12)


@given(
    st.lists(
        st.tuples(
            st.text(st.characters(categories=["L"]), min_size=1, max_size=8),
            st.lists(st.integers(0, 100), min_size=3, max_size=3).filter(lambda w: sum(w) > 0),
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda item: item[0],
    )
)
def test_points_members_round_trip(
    example_grid: selection.Grid, items: list[tuple[str, list[int]]]
) -> None:
    """Any committee of points members written by dump_members reads back the same."""
    names = [name.strip() for name, _ in items]
    if len(set(names)) < len(names) or not all(names) or "group" in names:
        return
    members = members_of([weights for _, weights in items], names=[name for name, _ in items])
    again = parse_members(dump_members(members, example_grid), example_grid)
    assert again == members
    for member in again:
        shares = member.grid(example_grid).battery_weights.to_numpy()
        assert np.isclose(shares.sum(), 1)
