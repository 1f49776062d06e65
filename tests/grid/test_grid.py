"""The grid model and its file format: loading, weights, changes, identity, schema."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import numpy as np
import pytest
import yaml

import selection
from selection.grid import grid_schema, grid_schema_json

ROOT = Path(__file__).resolve().parents[2]
GRIDS = sorted((ROOT / "criteria").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "data" / "published").glob("*.yaml")
)


@pytest.fixture
def grid() -> selection.Grid:
    return selection.load_grid(selection.example_grid_path())


def test_example_grid_has_the_three_batteries_in_file_order(grid: selection.Grid) -> None:
    assert [b.key for b in grid.batteries] == ["quality", "locality", "accessibility"]
    assert grid.batteries[0].label == "Qualité"
    assert "illustrative" in grid.description.lower()


def test_effective_weight_is_battery_share_times_criterion_share(grid: selection.Grid) -> None:
    # quality: 35 of 100 points; organic: 3 of the battery's 5 points.
    assert grid.weights["organic"] == pytest.approx(0.35 * 3 / 5, abs=1e-15)
    # accessibility: 35 of 100; price: 4 of 11 points.
    assert grid.weights["price"] == pytest.approx(0.35 * 4 / 11, abs=1e-15)
    assert grid.weights.sum() == pytest.approx(1.0, abs=1e-15)
    assert list(grid.weights.index) == grid.keys


def test_with_weights_returns_a_changed_copy(grid: selection.Grid) -> None:
    changed = grid.with_weights({"locality": 0}, organic=0)
    assert grid.weights["distance"] > 0  # the original is untouched
    assert changed.weights["distance"] == 0
    assert changed.weights["organic"] == 0
    assert changed.weights["agroecology"] == pytest.approx(0.35 / 0.70, abs=1e-15)
    assert changed.hash != grid.hash


def test_with_weights_refuses_unknown_keys_with_a_suggestion(grid: selection.Grid) -> None:
    with pytest.raises(selection.GridError) as caught:
        grid.with_weights(localty=10)
    assert caught.value.hint == "did you mean 'locality'?"
    with pytest.raises(selection.GridError, match="non-negative"):
        grid.with_weights(locality=-1)


def test_grid_is_frozen(grid: selection.Grid) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        grid.name = "other"  # type: ignore[misc]


def test_hash_ignores_comments_and_layout_but_not_content(tmp_path: Path) -> None:
    text = selection.example_grid_path().read_text(encoding="utf-8")
    reformatted = tmp_path / "same.yaml"
    reformatted.write_text("# another comment\n" + text.replace("weight: 35", "weight:   35"))
    original = selection.load_grid(selection.example_grid_path())
    assert selection.load_grid(reformatted).hash == original.hash
    heavier = tmp_path / "heavier.yaml"
    heavier.write_text(text.replace("weight: 35", "weight: 36", 1), encoding="utf-8")
    assert selection.load_grid(heavier).hash != original.hash


def test_to_dict_round_trips_through_yaml(grid: selection.Grid) -> None:
    text = yaml.safe_dump(grid.to_dict(), allow_unicode=True, sort_keys=False)
    again = selection.parse_grid(text)
    assert again == grid
    assert again.hash == grid.hash


def test_yaml_words_yes_and_no_stay_words_in_levels() -> None:
    grid = selection.parse_grid(
        """
format: selection/grid@1
name: t
id: id
batteries:
  b:
    criteria:
      answer: {levels: {no: 0, yes: 1, on: 2}}
"""
    )
    kind = grid.criteria[0].kind
    assert isinstance(kind, selection.Levels)
    assert [word for word, _ in kind.levels] == ["no", "yes", "on"]


def test_schema_file_is_the_generated_schema() -> None:
    shipped = (ROOT / "criteria" / "grid.schema.json").read_text(encoding="utf-8")
    assert shipped == grid_schema_json(), "run `selection schema -o criteria/grid.schema.json`"


@pytest.mark.parametrize("path", GRIDS, ids=lambda p: p.name)
def test_every_shipped_grid_passes_the_schema_and_the_loader(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(grid_schema()).validate(data)
    selection.load_grid(path)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"format": "selection/grid@2"}, "format"),
        ({"weight_typo": 1}, "weight_typo"),
        ({"method": "topsys"}, "method"),
    ],
)
def test_schema_rejects_what_the_loader_rejects(change: dict[str, object], fragment: str) -> None:
    data = yaml.safe_load(selection.example_grid_path().read_text(encoding="utf-8"))
    data.update(change)
    with pytest.raises(jsonschema.ValidationError) as caught:
        jsonschema.Draft202012Validator(grid_schema()).validate(data)
    assert fragment in str(caught.value)
    with pytest.raises(selection.GridError):
        selection.parse_grid(json.dumps(data))


def test_membership_and_directions(grid: selection.Grid) -> None:
    membership = grid.membership
    assert membership.shape == (3, len(grid.keys))
    assert (membership.sum(axis=0) == 1).all()
    assert grid.directions[grid.keys.index("distance")] == -1
    assert grid.directions[grid.keys.index("organic")] == 1
    battery_weights = grid.battery_weights.to_numpy()
    np.testing.assert_allclose(membership @ grid.weight_vector, battery_weights, atol=1e-15)


def test_a_grid_built_in_python_refuses_reserved_keys() -> None:
    criterion = selection.Criterion("score", selection.Numeric("score"))
    with pytest.raises(selection.GridError) as caught:
        selection.Grid(name="g", id_column="id", batteries=(selection.Battery("b", (criterion,)),))
    assert caught.value.problem == "'score' is a reserved name"
    assert caught.value.where == "batteries.b.criteria.score"
