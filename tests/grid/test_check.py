"""All problems of a grid file at once, in file order (issue 10, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

import selection
from selection.grid import check_grid, check_grid_file

SHIPPED = Path(selection.example_grid_path()).read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_a_good_grid_has_no_problem() -> None:
    check = check_grid(SHIPPED, source="lyon.yaml")
    assert check.problems == ()
    assert check.grid == selection.parse_grid(SHIPPED)


def test_independent_mistakes_are_all_reported_in_file_order() -> None:
    bad = (
        SHIPPED.replace("method: wsm", "method: wms")
        .replace("weight: 35", "weight: -35", 1)
        .replace("levels: {none: 0", "lvls: {none: 0", 1)
        .replace("direction: min", "direction: minimum", 1)
        .replace("hub: [45.78, 4.92]", "hub: [45.78]", 1)
        .replace("criterion: distance, max: 250", "criterion: distanc, max: 250")
    )
    check = check_grid(bad, source="lyon.yaml")
    assert check.grid is None
    assert [p.path for p in check.problems] == [
        "method",
        "batteries.quality.weight",
        "batteries.quality.criteria.organic.lvls",
        "batteries.locality.criteria.distance.direction",
        "batteries.locality.criteria.distance.hub",
        "eligibility[0].criterion",
    ]
    lines = [p.line for p in check.problems]
    assert lines == sorted(lines)
    assert lines[0] == line_of(bad, "method: wms")
    assert lines[1] == line_of(bad, "weight: -35")
    assert all(isinstance(p, selection.GridError) for p in check.problems)
    assert all("lyon.yaml, line" in (p.where or "") for p in check.problems)
    assert check.count == 6


def test_each_problem_is_the_one_parse_grid_raises_first() -> None:
    bad = SHIPPED.replace("weight: 35", "weight: -35", 1)
    with pytest.raises(selection.GridError) as info:
        selection.parse_grid(bad, source="lyon.yaml")
    (problem,) = check_grid(bad, source="lyon.yaml").problems
    assert str(problem) == str(info.value)


def test_a_problem_caused_by_another_is_not_listed_twice() -> None:
    """`criteria: 3` is set aside; the battery then has no criteria: one problem, not two."""
    bad = (
        "format: selection/grid@1\nname: g\nid: id\nbatteries:\n"
        "  quality:\n    criteria: 3\n"
        "  price:\n    criteria:\n      cost: {direction: min, weight: -1}\n"
    )
    check = check_grid(bad, source="g.yaml")
    assert [p.path for p in check.problems] == [
        "batteries.quality.criteria",
        "batteries.price.criteria.cost.weight",
    ]
    assert [p.line for p in check.problems] == [6, 9]


def test_the_list_is_capped_and_counts_the_rest() -> None:
    bad = SHIPPED
    for n in range(1, 11):
        bad = bad.replace("format: selection/grid@1", f"format: selection/grid@1\nextra{n}: 1", 1)
    check = check_grid(bad, source="lyon.yaml", cap=4)
    assert len(check.problems) == 4
    assert check.more == 6
    assert check.count == 10


def test_invalid_yaml_is_one_problem() -> None:
    check = check_grid("format: selection/grid@1\nname: [unclosed\n", source="g.yaml")
    assert len(check.problems) == 1
    assert "not valid YAML" in check.problems[0].problem


def test_a_missing_file(tmp_path: Path) -> None:
    check = check_grid_file(tmp_path / "nowhere.yaml")
    assert check.grid is None
    assert "cannot read the grid file" in check.problems[0].problem
