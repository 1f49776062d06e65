"""Tables as people write them: headers by key or label, .ods, sheets, title rows (issue 10)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pandas as pd
import pytest

import selection
from selection.errors import DataError
from selection.table import read_table
from selection.table.headers import matches, plain

GRID = selection.example_grid_path()


@pytest.fixture(scope="module")
def example() -> pd.DataFrame:
    return pd.read_csv(
        selection.example_producers_path(), sep=";", dtype=str, keep_default_na=False
    )


@pytest.fixture(scope="module")
def reference() -> selection.Ranking:
    return selection.rank(selection.example_producers_path(), GRID)


def assert_same_ranking(ranking: selection.Ranking, reference: selection.Ranking) -> None:
    assert list(ranking.table.index) == list(reference.table.index)
    pd.testing.assert_series_equal(ranking.table["score"], reference.table["score"])


def write_ods(path: Path, rows: list[list[str]], sheet: str = "Producteurs") -> None:
    """A minimal OpenDocument spreadsheet, as LibreOffice would save it (text cells)."""

    def cell(value: str) -> str:
        return (
            '<table:table-cell office:value-type="string"><text:p>'
            f"{escape(value)}</text:p></table:table-cell>"
        )

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)


def labelled(example: pd.DataFrame) -> pd.DataFrame:
    """The example table with each single-column criterion headed by its label, shouted."""
    grid = selection.load_grid(GRID)
    labels = {
        c.kind.columns[0]: c.label.upper() for c in grid.criteria if len(c.kind.columns) == 1
    }
    return example.rename(columns=labels)


def test_plain_ignores_case_accents_spaces_and_punctuation() -> None:
    assert plain("Délai de paiement") == plain("delai_de_PAIEMENT") == "delaidepaiement"


def test_matches_leaves_ambiguous_headers_alone() -> None:
    assert matches(["Prix", "PRIX "], {"price": ["Prix"]}) == {}
    assert matches(["Label bio (organic_label)"], {"organic_label": []}) == {
        "Label bio (organic_label)": "organic_label"
    }


def test_headers_written_as_labels_rank_unchanged(
    tmp_path: Path, example: pd.DataFrame, reference: selection.Ranking
) -> None:
    table = labelled(example)
    assert "organic_label" not in table.columns
    path = tmp_path / "sondage.csv"
    table.to_csv(path, sep=";", index=False)
    assert_same_ranking(selection.rank(path, GRID), reference)


def test_headers_as_the_template_writes_them(
    example: pd.DataFrame, reference: selection.Ranking
) -> None:
    table = example.rename(columns={"organic_label": "Label bio (organic_label)"})
    assert_same_ranking(selection.rank(table, GRID), reference)


def test_a_header_matching_two_columns_is_reported_missing(example: pd.DataFrame) -> None:
    table = example.rename(columns={"organic_label": "Label bio", "price_index": "label  BIO"})
    with pytest.raises(DataError) as info:
        selection.rank(table, GRID)
    assert "'organic_label'" in info.value.expected
    assert "'price_index'" in info.value.expected


def test_an_ods_workbook(
    tmp_path: Path, example: pd.DataFrame, reference: selection.Ranking
) -> None:
    path = tmp_path / "producteurs.ods"
    write_ods(path, [list(example.columns), *example.to_numpy().tolist()])
    assert_same_ranking(selection.rank(path, GRID), reference)


def workbook(path: Path, example: pd.DataFrame, *, title: str | None = None) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active["A1"] = "rien ici"
    sheet = book.create_sheet("Producteurs 2025")
    if title:
        sheet.append([title])
    sheet.append(list(example.columns))
    for row in example.to_numpy().tolist():
        sheet.append(row)
    book.save(path)


def test_a_sheet_by_name_and_by_position(
    tmp_path: Path, example: pd.DataFrame, reference: selection.Ranking
) -> None:
    path = tmp_path / "classeur.xlsx"
    workbook(path, example)
    assert_same_ranking(selection.rank(path, GRID, sheet="Producteurs 2025"), reference)
    assert len(read_table(path, sheet=1)) == len(example)


def test_an_unknown_sheet_is_named_with_a_suggestion(
    tmp_path: Path, example: pd.DataFrame
) -> None:
    path = tmp_path / "classeur.xlsx"
    workbook(path, example)
    with pytest.raises(DataError) as info:
        read_table(path, sheet="Producteurs 2026")
    assert "no sheet 'Producteurs 2026'" in info.value.problem
    assert "Notes" in info.value.expected
    assert info.value.hint == "did you mean 'Producteurs 2025'?"
    with pytest.raises(DataError) as info:
        read_table(path, sheet=5)
    assert "from 0 to 1" in info.value.expected


def test_a_title_row_above_the_header_is_skipped(
    tmp_path: Path, example: pd.DataFrame, reference: selection.Ranking
) -> None:
    path = tmp_path / "titre.xlsx"
    workbook(path, example, title="Producteurs du groupement — 2025")
    table = read_table(path, sheet="Producteurs 2025")
    assert table.attrs["title"] == "Producteurs du groupement — 2025"
    assert table.index[0] == 3  # row 1 the title, row 2 the header
    assert_same_ranking(selection.rank(path, GRID, sheet=1), reference)
    csv_path = tmp_path / "titre.csv"
    csv_path.write_text(
        "Producteurs 2025\n" + example.to_csv(sep=";", index=False), encoding="utf-8"
    )
    assert read_table(csv_path).attrs["title"] == "Producteurs 2025"
    assert_same_ranking(selection.rank(csv_path, GRID), reference)


def test_the_grid_names_the_name_column(example: pd.DataFrame) -> None:
    text = (
        Path(GRID)
        .read_text(encoding="utf-8")
        .replace("id: producer_id", "id: producer_id\nname_column: Raison sociale du producteur")
    )
    grid = selection.parse_grid(text)
    table = example.rename(columns={"name": "raison  sociale du PRODUCTEUR", "commune": "nom"})
    ranking = selection.rank(table, grid)
    first = ranking.table.index[0]
    assert ranking.prepared.name_column == "Raison sociale du producteur"
    assert ranking.prepared.name_of(first) == example.set_index("producer_id").loc[first, "name"]
    assert selection.parse_grid(grid.to_yaml()) == grid
    with pytest.raises(DataError) as info:
        selection.rank(example.drop(columns=["name"]), grid)
    assert "the name column" in info.value.expected
