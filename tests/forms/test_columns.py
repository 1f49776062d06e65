"""Forms for grids other than the shipped one: headers, made-up examples, lists, blanks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import selection
from selection.forms import Role, form_columns, template

#: A grid unlike the shipped one: a level with a comma and quotes, a number without scale,
#: a distance from columns that are not called latitude/longitude, a raw gate, blanks
#: excluded by default.
TOY = """\
format: selection/grid@1
name: Toy
id: code
normalization: minmax
missing: exclude
batteries:
  q:
    label: Qualité
    criteria:
      label:
        label: Label
        column: lab
        levels: {"aucun": 0, "bio, AB": 2, 'dit "fermier"': 1}
      price: {label: Prix, direction: min, missing: worst, scale: [1, 9]}
      volume: {label: Volume}
      delivers: {label: Livre, boolean: true, missing: raise}
  l:
    label: Localité
    criteria:
      distance:
        distance_from: [lat, lon]
        hub: [45.0, 5.0]
        scale: [0, 100]
        direction: min
eligibility:
  - {column: statut, in: [actif]}
"""

TOY_HEADERS = {
    "code": "code",
    "Nom": "nom",
    "Label": "lab",
    "Prix": "price",
    "Volume": "volume",
    "Livre": "delivers",
    "Latitude (lat)": "lat",
    "Longitude (lon)": "lon",
    "statut": "statut",
}


def test_headers_of_a_toy_grid() -> None:
    columns = form_columns(selection.parse_grid(TOY), lang="fr")
    assert [c.header for c in columns] == list(TOY_HEADERS)
    assert [c.role for c in columns] == [
        Role.ID,
        Role.NAME,
        *[Role.CRITERION] * 4,
        Role.SOURCE,
        Role.SOURCE,
        Role.GATE,
    ]


def test_made_up_example_values_read_under_the_grid() -> None:
    columns = form_columns(selection.parse_grid(TOY), lang="fr")
    # The middle of Prix's scale [1, 9]; Volume has no scale; the hub's coordinates; the
    # first level; yes; the gate's first allowed word.
    assert [c.example for c in columns] == [
        "EXEMPLE", "Ferme exemple", "aucun", 5, 1, "oui", 45.0, 5.0, "actif",
    ]  # fmt: skip


def test_what_a_blank_does_follows_the_missing_policies() -> None:
    columns = {c.column: c for c in form_columns(selection.parse_grid(TOY), lang="en")}
    assert columns["lab"].blank == "yes, but the producer is then left out of the ranking"
    assert columns["price"].blank == "yes, a blank counts as the worst value (9)"  # min: high
    assert columns["delivers"].blank == "no, to fill in for every producer"
    assert not columns["delivers"].blank_allowed and columns["lab"].blank_allowed
    assert columns["statut"].meaning == "To be eligible: statut among: actif."
    assert columns["statut"].blank_allowed  # `missing: exclude`: the producer is left out


def test_a_level_list_excel_cannot_hold_inline_goes_to_a_hidden_sheet(tmp_path: Path) -> None:
    path = template(selection.parse_grid(TOY), tmp_path / "toy.xlsx", lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Producers", "How to fill it", "Lists"]
    assert book["Lists"].sheet_state == "hidden"
    checks = {
        str(v.sqref).split(":")[0]: v for v in book["Producers"].data_validations.dataValidation
    }
    assert checks["C2"].formula1 == "'Lists'!$A$1:$A$3"
    assert [c.value for c in book["Lists"]["A"]] == ["aucun", "bio, AB", 'dit "fermier"']
    assert checks["F2"].formula1 == '"yes,no"'
    assert "E2" not in checks  # Volume: a number without a scale is not checked
    assert (float(checks["D2"].formula1), float(checks["D2"].formula2)) == (1.0, 9.0)
    # The hidden sheet is not the first: the table reader reads the producers.
    assert list(selection.read_table(path).columns) == [
        "code", "Name", "Label", "Prix", "Volume", "Livre", "Latitude (lat)", "Longitude (lon)",
        "statut",
    ]  # fmt: skip


def test_round_trip_of_a_toy_grid(tmp_path: Path) -> None:
    grid = selection.parse_grid(TOY)
    table = pd.DataFrame(
        {
            "code": ["A", "B", "C", "D"],
            "nom": ["Ferme A", "Ferme B", "Ferme C", "Ferme D"],
            "lab": ["bio, AB", "aucun", 'DIT "fermier"', "aucun"],
            "price": [3.0, 8.0, None, 2.0],
            "volume": [10.0, 40.0, 25.0, 5.0],
            "delivers": ["oui", "non", "oui", "oui"],
            "lat": [45.1, 45.3, 44.9, 45.0],
            "lon": [5.1, 4.8, 5.2, 5.0],
            "statut": ["actif", "actif", "actif", "retraité"],
        }
    )
    path = template(grid, tmp_path / "toy.xlsx", lang="fr")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    columns = [TOY_HEADERS[str(cell.value)] for cell in sheet[1]]
    for i, producer in enumerate(table.to_dict("records"), start=2):
        for j, column in enumerate(columns, start=1):
            value = producer[column]
            sheet.cell(row=i, column=j, value=None if value != value else value)
    book.save(tmp_path / "filled.xlsx")
    got = selection.rank(tmp_path / "filled.xlsx", grid).table
    expected = selection.rank(table, grid).table
    assert list(got.index) == list(expected.index)
    np.testing.assert_allclose(got["score"].to_numpy(float), expected["score"].to_numpy(float))
    assert got.loc["D", "eligible"] == False  # noqa: E712  (statut: retraité)


def test_a_label_the_reader_would_find_ambiguous_gives_way_to_the_column() -> None:
    text = """\
format: selection/grid@1
name: ambiguous
id: id
batteries:
  all:
    criteria:
      a: {label: Prix, column: x}
      b: {label: prix, column: y}
      c: {label: z, column: w}
      d: {column: z}
"""
    columns = form_columns(selection.parse_grid(text), lang="en")
    # Two labels alike: neither is used; a label naming another column (c's "z"): not used,
    # and the column it names is then headed by its name too.
    assert [c.header for c in columns] == ["id", "Name", "x", "y", "w", "z"]
    assert [c.column for c in columns][2:] == ["x", "y", "w", "z"]


def test_the_grid_names_its_name_column() -> None:
    text = (
        selection.example_grid_path()
        .read_text(encoding="utf-8")
        .replace("id: producer_id", "id: producer_id\nname_column: Raison sociale")
    )
    columns = form_columns(selection.parse_grid(text), lang="fr")
    assert (columns[1].header, columns[1].column, columns[1].role) == (
        "Raison sociale",
        "Raison sociale",
        Role.NAME,
    )
    assert columns[1].example == "GAEC des Sources"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_form_columns_are_the_same_for_the_template_and_the_questionnaire(lang: str) -> None:
    grid = selection.load_grid(selection.example_grid_path())
    columns = form_columns(grid, lang=lang)
    page = selection.forms.questionnaire_html(grid, lang=lang)
    order = [page.index(f'data-column="{c.column}"') for c in columns[2:]]
    assert order == sorted(order)


def test_a_gate_cannot_be_checked_on_a_blank_whatever_the_policy() -> None:
    text = """\
format: selection/grid@1
name: gated
id: id
missing: worst
batteries:
  all:
    criteria:
      x: {scale: [0, 10]}
      y: {scale: [0, 10], direction: min}
      d: {distance_from: [lat, lon], hub: [45, 5], scale: [0, 50], direction: min}
eligibility:
  - {criterion: x, min: 2}
  - {criterion: d, max: 40}
"""
    columns = {c.column: c for c in form_columns(selection.parse_grid(text), lang="en")}
    left_out = "yes, but the producer is then left out of the ranking"
    # x and d are gated: a blank fails to be checked; y counts as its worst, 10 (less is better).
    assert [columns[c].blank for c in ("x", "lat", "lon")] == [left_out] * 3
    assert columns["y"].blank == "yes, a blank counts as the worst value (10)"
    table = pd.DataFrame(
        {"id": ["A", "B"], "x": [5, None], "y": [None, 1], "lat": [45.1, 45.1], "lon": [5, 5]}
    )
    ranking = selection.rank(table, selection.parse_grid(text)).table
    assert list(ranking["eligible"]) == [True, False]  # what the form says a blank does


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    text = TOY.replace("label: Label\n", "label: '=HYPERLINK(\"http://x\")'\n")
    example = {"code": "=1+1", "nom": '=HYPERLINK("http://x", "clic")', "lab": "aucun"}
    path = template(selection.parse_grid(text), tmp_path / "t.xlsx", lang="en", example=example)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    for cell in (sheet["A2"], sheet["B2"], sheet["C1"]):
        assert cell.data_type == "s" and cell.value.startswith("="), cell
    assert sheet["A2"].value == "=1+1"
