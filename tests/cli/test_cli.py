"""The `selection` command: outputs, exit codes, atomic writes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import selection
from selection.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


def test_rank_without_arguments_ranks_the_shipped_example() -> None:
    code, text = run("rank")
    assert code == 0
    assert "Grille qualité" in text
    assert "Not eligible (5)" in text
    expected = selection.rank(selection.example_producers_path(), selection.example_grid_path())
    best = expected.ranked.index[0]
    assert f"\n{best} " in text


def test_rank_top_limits_the_ranked_rows() -> None:
    code, text = run("rank", "--top", "3", "--format", "json")
    document = json.loads(text)
    ranked = [p for p in document["producers"] if p["eligible"]]
    assert code == 0 and [p["rank"] for p in ranked] == [1, 2, 3]
    assert (
        document["provenance"]["grid_hash"]
        == selection.load_grid(selection.example_grid_path()).hash
    )


def test_rank_csv_to_file_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "ranking.csv"
    code, _ = run("rank", "--method", "wsm", "--format", "csv", "-o", str(target))
    table = pd.read_csv(target, index_col=0)
    assert code == 0 and len(table) == 60
    assert {"Name", "Score", "Rank", "Eligible", "Reason", "Qualité"} <= set(table.columns)
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file was left behind"


def test_rank_csv_in_french_opens_in_french_excel(tmp_path: Path) -> None:
    """`;`, decimal commas and a BOM: what French Excel opens in columns (issue 10)."""
    target = tmp_path / "classement.csv"
    code, _ = run("rank", "-o", str(target), "--lang", "fr")
    assert code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(target, sep=";", decimal=",", encoding="utf-8-sig", index_col=0)
    ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
    scores = ranking.table["score"].dropna().astype(float).round(3)
    assert table.loc[scores.index, "Score"].tolist() == scores.tolist()
    assert {"Nom", "Rang", "Éligible", "Raison", "Décision"} <= set(table.columns)


def test_failed_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ranking.csv"
    code, _ = run("rank", str(tmp_path / "missing.yaml"), "x.csv", "-o", str(target))
    assert code == 2
    assert not target.exists()
    assert "cannot read the grid file" in capsys.readouterr().err


def test_bad_input_exits_2_with_the_message_and_no_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _ = run("explain", "P0l3")
    err = capsys.readouterr().err
    assert code == 2
    assert "unknown producer 'P0l3'" in err and "did you mean 'P053'?" in err
    assert "Traceback" not in err


def test_grid_without_table_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("rank", str(selection.example_grid_path()))
    assert code == 2
    assert "a grid without a producer table" in capsys.readouterr().err


def test_validate_reports_weights_and_the_table_fit() -> None:
    code, text = run(
        "validate", str(selection.example_grid_path()), str(selection.example_producers_path())
    )
    assert code == 0
    assert "quality (Qualité): 35.0%" in text
    assert "60 producers fit the grid, 55 eligible" in text


def test_schema_prints_the_json_schema() -> None:
    code, text = run("schema")
    assert code == 0
    assert json.loads(text)["properties"]["format"]["const"] == "selection/grid@1"


def test_explain_names_the_producer_and_its_rank() -> None:
    ranking = selection.rank(selection.example_producers_path(), selection.example_grid_path())
    second = ranking.ranked.index[1]
    code, text = run("explain", second)
    assert code == 0
    assert text.startswith(f"{second} · ") and "rank 2 of 55" in text


def test_installed_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "selection.cli", "rank", "--top", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "rank" in result.stdout


def test_sensitivity_prints_acceptability_and_intervals() -> None:
    code, text = run(
        "sensitivity", "--samples", "2000", "--top", "5", "--seed", "3", "--level", "battery"
    )
    assert code == 0
    assert "Rank acceptability (SMAA-2): 2000 battery weightings" in text
    lines = [line for line in text.splitlines() if line.startswith(("quality", "locality"))]
    assert len(lines) == 2, text
    # Same seed, same output; the global random state is not used.
    again = run(
        "sensitivity", "--samples", "2000", "--top", "5", "--seed", "3", "--level", "battery"
    )
    assert again[1] == text


def test_progress_bar_appears_only_on_long_runs() -> None:
    from selection.cli.common import ProgressBar as _ProgressBar

    quiet, loud = io.StringIO(), io.StringIO()
    patient = _ProgressBar("weightings", quiet, delay=60.0)
    patient(512, 1024)
    patient.close()
    assert quiet.getvalue() == ""
    eager = _ProgressBar("weightings", loud, delay=0.0)
    eager(512, 1024)
    eager.close()
    assert loud.getvalue() == "\rweightings [" + "#" * 15 + "." * 15 + "] 512/1024\n"


def test_explain_with_robustness_adds_the_sentence() -> None:
    code, text = run("explain", "P004", "--robustness", "--top", "5")
    assert code == 0
    assert text.splitlines()[-1].startswith("Robustness: rank ")
    assert "top 5" in text.splitlines()[-1]


def test_the_help_loads_neither_numpy_nor_pandas() -> None:
    """`selection --help` answers at once: the commands are imported only when they run."""
    import subprocess
    import sys

    code = (
        "import sys, io\n"
        "from selection.cli import main\n"
        "try:\n"
        "    main(['--help'], stdout=io.StringIO())\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('numpy', 'pandas', 'scipy', 'pymcdm') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_a_top_above_the_eligible_producers_is_capped_with_a_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--top 100` with 55 eligible producers: capped, and said so (issue 9)."""
    members = [str(p) for p in selection.example_members_paths()]
    code, out = run(
        "committee", "consensus", "--members", *members, "--top", "100", "--lang", "en"
    )
    assert code == 0
    assert "--top 100 asked, 55 producers are eligible: top 55" in capsys.readouterr().err
    assert "top 55" in out


def test_a_committee_of_sixty_is_summarised_and_anonymous() -> None:
    """60 members: distributions instead of 60 columns, and no member's name (issue 13)."""
    from selection.examples import (
        montpellier_grid_path,
        montpellier_judgments_path,
        montpellier_members_path,
        montpellier_places_path,
    )

    grid, places = str(montpellier_grid_path()), str(montpellier_places_path())
    members, judgments = str(montpellier_members_path()), str(montpellier_judgments_path())
    from selection.committee import load_members

    names = [m.name for m in load_members([members], selection.load_grid(grid))]
    for argv in (
        ["committee", "aggregate", grid, "--members", members],
        ["committee", "consensus", grid, places, "--members", members, "--judgments", judgments],
    ):
        code, out = run(*argv, "--lang", "en")
        assert code == 0, argv
        assert "1st quartile" in out and "median" in out
        assert max(len(line) for line in out.splitlines()) < 200
        assert not [n for n in names if n in out]
    code, out = run("validate", grid, places, "--judgments", judgments, "--lang", "en")
    assert code == 0 and "40 producers fit the grid" in out
