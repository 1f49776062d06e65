"""The shipped Montpellier example: a committee of sixty approving 40 places in tiers (issue 13).

The example is synthetic (``scripts/make_example_montpellier.py``): these tests check that it
loads and ranks, that its tiers are the grid's score bands, that its judged criteria come from
the members' grades (majority grade worked out here from the CSV, not read off the library),
that places with too few grades are flagged, that the report and the meeting page name no
member, and that the generator gives back the shipped files byte for byte.
"""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import selection
from selection.committee import load_members
from selection.examples import (
    montpellier_grid_path,
    montpellier_judgments_path,
    montpellier_members_path,
    montpellier_places_path,
)
from selection.meeting import write_meeting
from selection.report import write_report

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "make_example_montpellier.py"
SHIPPED = {
    "src/selection/data/montpellier-places.csv": montpellier_places_path(),
    "src/selection/data/montpellier-judgments.csv": montpellier_judgments_path(),
    "criteria/members-montpellier/comite.yaml": montpellier_members_path(),
}
JUDGED = ("accueil", "engagement_social", "transparence")
NOT_APPROVED = "non conventionné"


@pytest.fixture(scope="module")
def grid() -> selection.Grid:
    return selection.load_grid(montpellier_grid_path())


@pytest.fixture(scope="module")
def ranking(grid: selection.Grid) -> selection.Ranking:
    return selection.rank(montpellier_places_path(), grid, judgments=montpellier_judgments_path())


@pytest.fixture(scope="module")
def grades() -> pd.DataFrame:
    """The judgements file as a spreadsheet user reads it (blank grades as '')."""
    return pd.read_csv(montpellier_judgments_path(), sep=";", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def members(grid: selection.Grid) -> list[selection.committee.Member]:
    return load_members([montpellier_members_path()], grid)


def test_the_example_loads_and_ranks(
    grid: selection.Grid, ranking: selection.Ranking, members: list[selection.committee.Member]
) -> None:
    places = selection.read_table(montpellier_places_path())
    assert len(places) == 40 and places["lieu"].is_unique
    assert set(places["type"]) == {
        "épicerie solidaire",
        "marché paysan",
        "groupement d'achat",
        "producteur en vente directe",
    }
    assert "illustrative" in grid.description.lower()
    assert "ILLUSTRATIVE" in montpellier_grid_path().read_text(encoding="utf-8")
    assert [b.key for b in grid.batteries] == ["ecologie", "accessibilite", "social"]
    assert len(ranking.table) == 40
    assert 25 <= int(ranking.table["eligible"].sum()) < 40  # the gates have work, not too much
    assert len(members) == 60 and all(m.anonymous for m in members)
    assert len({m.name for m in members}) == 60


def test_the_tiers_are_the_grid_score_bands(
    grid: selection.Grid, ranking: selection.Ranking
) -> None:
    """Each eligible place is in the first band whose threshold its score reaches; the others
    (ineligible, or below every threshold) in the open band, with its rate."""
    assert grid.select is not None
    bands = grid.select.tiers
    assert [t.label for t in bands] == ["conventionné 90 %", "conventionné 50 %", NOT_APPROVED]
    decisions = ranking.decisions().table
    eligible = ranking.table["eligible"]
    for place, row in decisions.iterrows():
        if eligible[place]:
            score = float(ranking.table.loc[place, "score"])
            expected = next(t for t in bands if t.min_score is None or score >= t.min_score)
        else:
            expected = bands[-1]
        assert row["tier"] == expected.label, place
        assert row["rate"] == expected.values["rate"], place  # noqa: PD011 (a tier's values)
    counts = decisions["tier"].value_counts()
    assert all(counts.get(t.label, 0) >= 3 for t in bands), counts.to_dict()  # not all in one


def lower_median(words: pd.Series, scale: tuple[str, ...]) -> str:
    """Balinski & Laraki's majority grade: the lower middle grade of those given."""
    positions = sorted(scale.index(w) for w in words if w)
    return scale[positions[(len(positions) - 1) // 2]]


def test_judged_criteria_come_from_the_judgements(
    grid: selection.Grid, ranking: selection.Ranking, grades: pd.DataFrame
) -> None:
    places = selection.read_table(montpellier_places_path())
    assert not set(JUDGED) & set(places.columns)  # nothing judged is in the table of places
    assert list(grades.columns) == ["membre", "lieu", "critère", "mention"]
    judged = ranking.prepared.judgments
    assert judged is not None and judged.keys == JUDGED and judged.members == 60
    scale = judged.kinds[0].scale
    matrix = ranking.prepared.matrix
    for key in JUDGED:
        words = judged.words(key)
        for place, given in grades[grades["critère"] == key].groupby("lieu")["mention"]:
            i = judged.ids.get_loc(place)
            if judged.enough[i, judged.keys.index(key)]:
                assert words[i] == lower_median(given, scale), (place, key)
        # The matrix the engine scores holds the aggregated grades.
        j = matrix.keys.index(key)
        ok = matrix.eligible
        values = matrix.values  # noqa: PD011 (a DecisionMatrix, not a DataFrame)
        np.testing.assert_allclose(values[ok, j], judged.values_of(key)[ok], rtol=0)


def test_changing_the_grades_changes_the_ranking(
    grid: selection.Grid, ranking: selection.Ranking, grades: pd.DataFrame
) -> None:
    """Every grade of one approved place on engagement_social set to 'à rejeter' lowers it."""
    place = ranking.decisions().table.query("rate == 0.5").index[0]
    changed = grades.copy()
    mine = (changed["lieu"] == place) & (changed["critère"] == "engagement_social")
    changed.loc[mine & (changed["mention"] != ""), "mention"] = "à rejeter"
    again = selection.rank(montpellier_places_path(), grid, judgments=changed)
    words = again.prepared.judgments.words("engagement_social")
    assert words[again.prepared.judgments.ids.get_loc(place)] == "à rejeter"
    assert float(again.table.loc[place, "score"]) < float(ranking.table.loc[place, "score"])


def test_places_with_too_few_grades_are_flagged(
    grid: selection.Grid, ranking: selection.Ranking, grades: pd.DataFrame
) -> None:
    judged = ranking.prepared.judgments
    needed = judged.kinds[0].min_grades
    given = grades[grades["mention"] != ""].groupby(["lieu", "critère"]).size()
    few = {place for place, key, count, _ in judged.too_few()}
    assert 1 <= len(few) <= 2
    for place, key, count, need in judged.too_few():
        assert need == needed and count == given.get((place, key), 0) < needed
    assert given.drop(index=list(few), level=0).min() >= needed  # the others have enough
    decisions = ranking.decisions().table
    for place in few:
        assert not ranking.table.loc[place, "eligible"]
        assert decisions.loc[place, "tier"] == NOT_APPROVED
        assert "5" in str(decisions.loc[place, "reason"])  # "3 mentions … (au moins 5 …)"


@pytest.fixture(scope="module")
def pages(
    ranking: selection.Ranking,
    members: list[selection.committee.Member],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, str]:
    out = tmp_path_factory.mktemp("montpellier")
    report = write_report(out / "rapport.html", ranking.prepared, members=members, anonymous=True)
    meeting = write_meeting(out / "seance.html", ranking.prepared, members=members, anonymous=True)
    # The file's own `anonymous: true` is enough, without the option.
    plain = write_report(out / "rapport-fichier.html", ranking.prepared, members=members)
    return {p.name: p.read_text(encoding="utf-8") for p in (report, meeting, plain)}


def test_the_report_and_the_meeting_page_name_no_member(
    pages: dict[str, str], members: list[selection.committee.Member], grades: pd.DataFrame
) -> None:
    names = {m.name for m in members} | set(grades["membre"])
    assert len(names) == 60
    for page, text in pages.items():
        assert "conventionné 90 %" in html.unescape(text), page
        shown = {n for n in names if n in text or html.escape(n) in text}
        assert not shown, f"{page} names {sorted(shown)[:3]}"


def test_the_generator_gives_back_the_shipped_files(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(tmp_path), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for relative, shipped in SHIPPED.items():
        made = (tmp_path / relative).read_bytes()
        assert made == shipped.read_bytes(), (
            f"{relative} differs from a fresh run: run `python {SCRIPT.relative_to(ROOT)}`"
        )
