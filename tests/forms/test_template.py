"""The spreadsheet template: sheets, headers, checks, comments, the example row, the round trip.

Every expected value is read off ``criteria/lyon-qla.yaml`` and the first line of
``src/selection/data/lyon-producers.csv`` by hand (issue 10, item 3).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet

import selection
from selection.errors import ArgumentError, OutputError
from selection.forms import template
from selection.table import BOOLEAN_WORDS, fold

GRID = selection.example_grid_path()

#: The data sheet's headers, in French, and the column each stands for (from the grid file).
HEADERS_FR = {
    "producer_id": "producer_id",
    "Nom": "name",
    "Label bio": "organic_label",
    "Agroécologie (score TAPE 0–4)": "agroecology",
    "Latitude": "latitude",
    "Longitude": "longitude",
    "Nombre d'intermédiaires": "intermediaries",
    "Prix / prix de référence (%)": "price_index",
    "Accepte un prix solidaire ou fixe sur la saison": "solidarity_price",
    "Minimum de commande (€)": "min_order_eur",
    "Livre la plateforme": "delivers_to_hub",
    "Délai de paiement accepté (jours)": "payment_days",
    "Volume disponible (kg / semaine)": "weekly_volume_kg",
    "category": "category",
}

#: The first producer of the example table (P001), as the French template writes it.
EXAMPLE_ROW_FR = [
    "P001",
    "GAEC des Sources",
    "Nature & Progrès",
    3,
    45.9111,
    4.7726,
    2,
    125,
    "non",
    0,
    "oui",
    60,
    290,
    "farine",
]

#: Number checks by column letter: (low, high, refused outside?), from the grid's scales.
NUMBER_CHECKS = {
    "D": (0, 4, False),
    "E": (-90, 90, True),
    "F": (-180, 180, True),
    "G": (0, 3, False),
    "H": (60, 160, False),
    "J": (0, 500, False),
    "L": (0, 60, False),
    "M": (0, 1500, False),
}

LEVELS = ["none", "HVE", "conversion", "AB", "Nature & Progrès"]

#: Words only English writes (whole words, lower case); none may appear in French fixed text.
ENGLISH = {
    "the", "of", "to", "and", "is", "number", "between", "criterion", "battery", "blank",
    "yes", "no", "write", "column", "producer", "producers", "text", "free", "better", "less",
    "more", "eligible", "farm", "fill", "example", "one", "cell", "how", "what", "means",
    "accepted", "values", "allowed", "made", "from", "grid", "sheet", "choose", "here",
}  # fmt: skip

#: Words only French writes; none may appear in English fixed text.
FRENCH = {
    "le", "la", "les", "des", "du", "une", "un", "nombre", "entre", "critère", "batterie",
    "oui", "non", "producteur", "producteurs", "vide", "écrire", "colonne", "texte",
    "libre", "mieux", "ferme", "remplir", "exemple", "valeurs", "acceptées", "grille",
    "feuille", "choisissez", "ici",
}  # fmt: skip


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("fr") / "producteurs.xlsx"
    assert template(GRID, path, lang="fr") == path
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("en") / "producers.xlsx"
    template(GRID, path, lang="en")
    return openpyxl.load_workbook(path)


def row(sheet: Worksheet, number: int) -> list[Any]:
    return [cell.value for cell in sheet[number]]


def checks(sheet: Worksheet) -> dict[str, Any]:
    """The data validations by the column letter they cover (each covers one column)."""
    out = {}
    for check in sheet.data_validations.dataValidation:
        ranges = str(check.sqref).split()
        assert len(ranges) == 1
        first, last = ranges[0].split(":")
        letter = re.match(r"[A-Z]+", first).group()  # type: ignore[union-attr]
        assert first == f"{letter}2" and last.startswith(letter)
        assert int(last[len(letter) :]) >= 10_000  # room for a regional directory
        out[letter] = check
    return out


def test_two_sheets_named_in_the_language(
    french: openpyxl.Workbook, english: openpyxl.Workbook
) -> None:
    assert french.sheetnames == ["Producteurs", "Comment remplir"]
    assert english.sheetnames == ["Producers", "How to fill it"]


def test_headers_are_the_id_a_name_and_the_labels_of_what_the_grid_reads(
    french: openpyxl.Workbook, english: openpyxl.Workbook
) -> None:
    assert row(french["Producteurs"], 1) == list(HEADERS_FR)
    expected_en = ["Name" if h == "Nom" else h for h in HEADERS_FR]
    assert row(english["Producers"], 1) == expected_en


def test_the_table_reader_reads_the_headers_as_written(tmp_path: Path) -> None:
    path = template(GRID, tmp_path / "t.xlsx", lang="fr")
    table = selection.read_table(path)
    assert list(table.columns) == list(HEADERS_FR)
    assert len(table) == 1  # the example row


def test_drop_down_lists_for_levels_and_yes_no(
    french: openpyxl.Workbook, english: openpyxl.Workbook
) -> None:
    for book, yes_no in ((french, ["oui", "non"]), (english, ["yes", "no"])):
        found = checks(book.worksheets[0])
        assert found["C"].type == "list"
        assert found["C"].formula1 == '"' + ",".join(LEVELS) + '"'
        for letter in ("I", "K"):  # solidarity_price, delivers_to_hub
            assert found[letter].type == "list"
            assert found[letter].formula1 == '"' + ",".join(yes_no) + '"'
        # The table reader takes these words for yes and no.
        assert [BOOLEAN_WORDS[fold(word)] for word in yes_no] == [1.0, 0.0]
        for letter in ("C", "I", "K"):
            assert found[letter].errorStyle == "stop" and found[letter].error
            assert found[letter].allow_blank


def test_number_checks_on_the_scales(french: openpyxl.Workbook) -> None:
    found = checks(french["Producteurs"])
    assert set(found) == {"C", "I", "K", *NUMBER_CHECKS}
    for letter, (low, high, strict) in NUMBER_CHECKS.items():
        check = found[letter]
        assert (check.type, check.operator) == ("decimal", "between"), letter
        assert (float(check.formula1), float(check.formula2)) == (low, high), letter
        assert check.errorStyle == ("stop" if strict else "warning"), letter
        assert check.showErrorMessage and check.error, letter
        # The message says the bounds, in French typography (− for a minus).
        bounds = f"entre {low} et {high}".replace("-", "\u2212")
        assert bounds in check.error, (letter, check.error)
    for letter in ("A", "B", "N"):  # id, name, category: free text
        assert letter not in found


def test_every_header_has_a_comment_saying_what_to_write(french: openpyxl.Workbook) -> None:
    sheet = french["Producteurs"]
    for cell in sheet[1]:
        assert cell.comment is not None and cell.comment.text.startswith(cell.value)
    organic = sheet["C1"].comment.text
    assert "organic_label" in organic
    assert all(level in organic for level in LEVELS)
    assert "à remplir pour chaque producteur" in organic
    payment = sheet["L1"].comment.text
    assert "payment_days" in payment and "entre 0 et 60" in payment and "(jours)" in payment
    assert "pire valeur (0)" in payment  # missing: worst, direction max, scale [0, 60]
    latitude = sheet["E1"].comment.text
    assert "Distance à l'entrepôt VRAC (km)" in latitude and "degrés décimaux" in latitude
    assert "45,78" in latitude and "4,92" in latitude  # the hub


def test_the_example_row_is_the_first_example_producer(
    french: openpyxl.Workbook, english: openpyxl.Workbook
) -> None:
    sheet = french["Producteurs"]
    values = row(sheet, 2)
    assert values == EXAMPLE_ROW_FR
    pairs = zip(values, EXAMPLE_ROW_FR, strict=True)
    numbers = [v for v, expected in pairs if not isinstance(expected, str)]
    assert all(isinstance(v, int | float) for v in numbers)  # numbers, not text
    assert sheet["A2"].comment is not None
    assert sheet.max_row == 2
    assert row(english.worksheets[0], 2)[8:11] == ["no", 0, "yes"]


def test_frozen_header_and_widths(french: openpyxl.Workbook) -> None:
    sheet = french["Producteurs"]
    assert sheet.freeze_panes == "C2"  # the header row, the id and the name stay in view
    for letter in "ABCDEFGHIJKLMN":
        assert sheet.column_dimensions[letter].width >= 10
    assert sheet["A1"].font.bold


def test_how_to_fill_it_has_one_line_per_column(french: openpyxl.Workbook) -> None:
    sheet = french["Comment remplir"]
    assert sheet["A1"].value == "Grille qualité · localité · accessibilité (illustrative)"
    assert row(sheet, 4)[:5] == [
        "Colonne",
        "Ce qu'elle veut dire",
        "Valeurs acceptées",
        "Case vide permise\u202f?",
        "Colonne du tableau",
    ]
    lines = [row(sheet, i)[:5] for i in range(5, 5 + len(HEADERS_FR))]
    assert [line[0] for line in lines] == list(HEADERS_FR)
    assert [line[4] for line in lines[2:]] == list(HEADERS_FR.values())[2:]
    by_column = {line[4]: line for line in lines}
    assert by_column["organic_label"][2].startswith("un de\u202f: none, HVE, conversion, AB ou")
    assert by_column["solidarity_price"][2] == "oui ou non"
    assert by_column["price_index"][2] == "un nombre entre 60 et 160 (%)"
    assert by_column["latitude"][2] == "un nombre entre \u221290 et 90 (degrés décimaux)"
    # `missing: raise` for the grid, `missing: worst` for payment_days only.
    assert by_column["payment_days"][3].startswith("oui")
    others = [line[3] for column, line in by_column.items() if column != "payment_days"]
    assert [b for b in others if b.startswith("oui")] == ["oui", "oui"]  # name and category
    assert "moins c'est élevé, mieux c'est" in by_column["price_index"][1]
    assert "Pour être admis\u202f: Nombre d'intermédiaires ≤ 2" in by_column["intermediaries"][1]
    assert "au plus 4 par category" in by_column["category"][1]


def words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.lower()))


def fixed_texts(book: openpyxl.Workbook, user: list[str]) -> list[str]:
    """Every text the template writes in its own words: the grid's words taken out."""
    data, how_to = book.worksheets[0], book.worksheets[1]
    texts = [*book.sheetnames]
    texts += [c.comment.text for c in data[1]]
    texts += [data["A2"].comment.text]
    for check in data.data_validations.dataValidation:
        texts += [check.error, check.prompt]
    for line in how_to.iter_rows(min_row=2, values_only=True):
        texts += [str(v) for v in line[1:4] if v is not None]
        texts += [str(line[0])] if line[0] and not line[1] else []
    cleaned = []
    for text in texts:
        for words_of_user in sorted(user, key=len, reverse=True):
            text = text.replace(words_of_user, " ")
        cleaned.append(text)
    return cleaned


def user_words() -> list[str]:
    grid = selection.load_grid(GRID)
    out = [grid.name, *(b.label for b in grid.batteries), *(c.label for c in grid.criteria)]
    out += [*LEVELS, *HEADERS_FR.values(), "légumes", "P001", "GAEC des Sources", "farine"]
    return out


def test_a_french_template_has_no_english_fixed_text(french: openpyxl.Workbook) -> None:
    for text in fixed_texts(french, user_words()):
        assert not words(text) & ENGLISH, text


def test_an_english_template_has_no_french_fixed_text(english: openpyxl.Workbook) -> None:
    for text in fixed_texts(english, user_words()):
        assert not words(text) & FRENCH, text


# -- the round trip ---------------------------------------------------------------------------


def typed(cell: str) -> Any:
    """A CSV cell as a person types it into Excel: numbers become numbers."""
    if cell == "":
        return None
    try:
        return float(cell.replace(",", "."))
    except ValueError:
        return cell


def fill(path: Path, table: pd.DataFrame, headers: dict[str, str], filled: Path) -> None:
    """Write every row of `table` under the template's headers, from row 2 (over the example)."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    columns = [headers[str(cell.value)] for cell in sheet[1]]
    for i, producer in enumerate(table.to_dict("records"), start=2):
        for j, column in enumerate(columns, start=1):
            sheet.cell(row=i, column=j, value=typed(producer[column]))
    book.save(filled)


def assert_same_ranking(ranking: selection.Ranking, reference: selection.Ranking) -> None:
    got, expected = ranking.table, reference.table
    assert list(got.index) == list(expected.index)
    np.testing.assert_array_equal(got["rank"].to_numpy(), expected["rank"].to_numpy())
    np.testing.assert_allclose(
        got["score"].to_numpy(dtype=float), expected["score"].to_numpy(dtype=float), rtol=1e-12
    )
    assert list(got["eligible"]) == list(expected["eligible"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_round_trip_a_filled_template_ranks_like_the_example_table(
    tmp_path: Path, lang: str
) -> None:
    example = pd.read_csv(
        selection.example_producers_path(), sep=";", dtype=str, keep_default_na=False
    )
    path = template(GRID, tmp_path / "modele.xlsx", lang=lang)
    headers = HEADERS_FR | {"Name": "name"}
    fill(path, example, headers, tmp_path / "rempli.xlsx")
    reference = selection.rank(selection.example_producers_path(), GRID)
    assert_same_ranking(selection.rank(tmp_path / "rempli.xlsx", GRID), reference)
    ranking = selection.rank(tmp_path / "rempli.xlsx", GRID)
    assert ranking.prepared.name_of("P004") == "EARL Thévenet"  # the name column is found


def test_round_trip_with_headers_turned_back_into_keys(tmp_path: Path) -> None:
    """The values survive the workbook, whatever the reader does with labels."""
    example = pd.read_csv(
        selection.example_producers_path(), sep=";", dtype=str, keep_default_na=False
    )
    path = template(GRID, tmp_path / "modele.xlsx", lang="fr")
    fill(path, example, HEADERS_FR, tmp_path / "rempli.xlsx")
    table = pd.read_excel(tmp_path / "rempli.xlsx", sheet_name=0, dtype=object, engine="openpyxl")
    table = table.rename(columns=HEADERS_FR)
    reference = selection.rank(selection.example_producers_path(), GRID)
    assert_same_ranking(selection.rank(table, GRID), reference)


# -- choices ------------------------------------------------------------------------------------


def test_an_example_row_given(tmp_path: Path) -> None:
    example = pd.read_csv(
        selection.example_producers_path(), sep=";", dtype=str, keep_default_na=False
    )
    producer = example.set_index("producer_id").loc["P004"]  # the id is the row's name
    path = template(GRID, tmp_path / "t.xlsx", lang="en", example=producer)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    # P004;EARL Thévenet;…;45,8872;4,7579;légumes;Nature & Progrès;4;0;116,6;non;50;oui;45;390
    assert row(sheet, 2) == [
        "P004", "EARL Thévenet", "Nature & Progrès", 4, 45.8872, 4.7579, 0, 116.6, "no", 50,
        "yes", 45, 390, "légumes",
    ]  # fmt: skip


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArgumentError):
        template(GRID, tmp_path / "t.xlsx", lang="de")
    assert not (tmp_path / "t.xlsx").exists()


# -- outputs ------------------------------------------------------------------------------------


def test_refuses_to_write_over_an_input(tmp_path: Path) -> None:
    grid = tmp_path / "grille.yaml"
    grid.write_bytes(GRID.read_bytes())
    producers = tmp_path / "producteurs.xlsx"
    producers.write_bytes(b"the producers' own workbook")
    with pytest.raises(OutputError) as info:
        template(grid, producers, inputs=[producers])
    assert str(producers) in info.value.found
    assert producers.read_bytes() == b"the producers' own workbook"
    with pytest.raises(OutputError):  # the grid's own file, even when not listed
        template(grid, grid, inputs=[grid])
    assert grid.read_bytes() == GRID.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grille.yaml", "producteurs.xlsx"]


def test_refuses_a_name_excel_would_not_open(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        template(GRID, tmp_path / "producteurs.xls", lang="en")
    assert info.value.hint == "e.g. producteurs.xlsx"
    assert list(tmp_path.iterdir()) == []
