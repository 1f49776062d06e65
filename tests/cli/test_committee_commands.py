"""The committee commands and ``diff``, run through :func:`selection.cli.invoke`.

``invoke`` runs a command as ``selection`` does, but lets its SelectionError
through (``main`` turns it into exit code 2), so that the tests can check it.
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

import selection
from selection.cli import invoke
from selection.cli.committee import add_arguments
from selection.committee import aggregate, load_members
from selection.errors import SelectionError, WeightsError

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = [str(p) for p in sorted((ROOT / "criteria" / "members").glob("*.yaml"))]
DATA = Path(__file__).resolve().parents[1] / "data" / "committee"


def run(*argv: str) -> str:
    out = io.StringIO()
    assert invoke(list(argv), out) == 0
    return out.getvalue()


def test_registration_on_a_selection_like_parser() -> None:
    parser = argparse.ArgumentParser(prog="selection committee")
    add_arguments(parser)
    args = parser.parse_args(["consensus", "--members", *MEMBERS, "--top", "5"])
    assert args.run.__name__ == "run_consensus" and args.top == 5 and args.grid is None
    with pytest.raises(SystemExit):
        parser.parse_args(["aggregate"])  # --members is required


def test_members_cannot_swallow_the_grid_and_the_table() -> None:
    """`--members a b GRID PRODUCERS`: the grid and the table go back to their places."""
    grid, table = str(selection.example_grid_path()), str(selection.example_producers_path())
    text = run("committee", "consensus", "--members", *MEMBERS, grid, table)
    assert "3 members, 55 eligible producers" in text


def test_aggregate_prints_every_member_and_the_group() -> None:
    text = run("committee", "aggregate", "--members", *MEMBERS)
    assert "Weights of 3 members and of the group (geometric mean" in text
    for name in ("Amina (GESRA)", "Marc (VRAC)", "Léa (Escales Solidaires)", "group"):
        assert name in text
    assert "Accessibilité" in text and "  Label bio" in text


def test_aggregate_writes_a_weights_file_that_reads_back(tmp_path: Path) -> None:
    output = tmp_path / "group.yaml"
    run("committee", "aggregate", "--members", *MEMBERS, "--how", "median", "-o", str(output))
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# The group's weights for Grille qualité")
    grid = selection.load_grid(selection.example_grid_path())
    [group] = load_members(output, grid)
    assert group.name == "Group (median, 3 members)"
    expected = aggregate(load_members(MEMBERS, grid), grid, how="median")
    assert group.grid(grid).weight_vector == pytest.approx(expected.weight_vector, abs=1e-4)


def test_consensus_table_and_json() -> None:
    text = run("committee", "consensus", "--members", *MEMBERS, "--lang", "fr")
    assert "W de Kendall = " in text
    # The three shipped members were written to differ; none stands out from the group.
    assert "Vos poids placent" not in text
    assert "Contestés (parmi les 10 premiers" in text
    assert "Les Jardins de Champ-Fleuri" in text  # the name column of the table
    document = json.loads(run("committee", "consensus", "--members", *MEMBERS, "--format", "json"))
    assert 0 < document["kendall_w"] <= 1
    assert set(document["outliers"]) <= {
        "Amina (GESRA)",
        "Marc (VRAC)",
        "Léa (Escales Solidaires)",
    }
    assert document["labels"]["quality"] == "Qualité"


def test_diff_says_who_moves_and_why() -> None:
    gesra, vrac = (str(ROOT / "criteria" / "members" / f) for f in ("gesra.yaml", "vrac.yaml"))
    text = run("diff", gesra, vrac)
    assert text.startswith(
        "Grille qualité · localité · accessibilité (illustrative): Amina (GESRA)"
    )
    assert "Localité" in text and "+30 pts" in text
    assert "mostly Localité (20% → 50%)" in text


def test_diff_of_a_file_with_several_members_uses_their_geometric_mean() -> None:
    text = run("diff", str(DATA / "good-members.yaml"), MEMBERS[0])
    assert f"group of {DATA / 'good-members.yaml'} → Léa (Escales Solidaires)" in text


def test_bad_input_raises_selection_errors(tmp_path: Path) -> None:
    with pytest.raises(WeightsError, match="unknown battery or criterion 'localty'"):
        run("committee", "aggregate", "--members", str(DATA / "bad" / "unknown-key.yaml"))
    with pytest.raises(SelectionError, match="a grid without a producer table"):
        run("committee", "consensus", str(selection.example_grid_path()), "--members", *MEMBERS)
    with pytest.raises(SelectionError, match="not enough members"):
        run("committee", "consensus", "--members", MEMBERS[0])
    with pytest.raises(WeightsError, match="cannot read"):
        run("diff", str(tmp_path / "nothing.yaml"), MEMBERS[0])
    with pytest.raises(SelectionError) as info:
        run("committee", "aggregate", "--members", *MEMBERS, "-o", str(tmp_path / "no" / "g.yaml"))
    assert "no" in (info.value.where or "")
    assert not (tmp_path / "no").exists()
