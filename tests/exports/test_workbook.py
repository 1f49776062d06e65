"""Workbooks: opened back with openpyxl and compared with the results they come from."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

import selection
from selection.errors import ArgumentError, OutputError
from selection.exports import sheets_for, write_workbook
from selection.scoring import INELIGIBLE, NOT_SELECTED, SELECTED

from .conftest import INJECTION, xlsx_copy_of_producers

#: The fixed words people read, as the brief gives them (not produced by the code).
WORDS = {
    "fr": {
        "sheets": ["Classement", "Grille", "Résumé"],
        "head": ["Identifiant", "Nom", "Rang", "Score", "Éligible", "Raison", "Décision"],
        "decisions": {SELECTED: "retenu", NOT_SELECTED: "non retenu", INELIGIBLE: "inéligible"},
        "yes": "oui",
        "grid_head": ["Niveau", "Clé", "Libellé"],
    },
    "en": {
        "sheets": ["Ranking", "Grid", "Summary"],
        "head": ["Id", "Name", "Rank", "Score", "Eligible", "Reason", "Decision"],
        "decisions": {
            SELECTED: "selected",
            NOT_SELECTED: "not selected",
            INELIGIBLE: "ineligible",
        },
        "yes": "yes",
        "grid_head": ["Level", "Key", "Label"],
    },
}


def opened(path: Path) -> Any:
    return load_workbook(path)


def columns_of(sheet: Any) -> dict[str, list[Any]]:
    """Header → the cells below it."""
    rows = list(sheet.iter_rows(values_only=True))
    return {str(h): [row[j] for row in rows[1:]] for j, h in enumerate(rows[0]) if h is not None}


def table_rows(sheet: Any) -> int:
    """Rows of the table: those down to the first empty one."""
    count = 0
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if all(v is None for v in row):
            break
        count += 1
    return count


@pytest.fixture(scope="module", params=["fr", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def ranking_book(
    example_ranking: selection.Ranking, lang: str, tmp_path_factory: pytest.TempPathFactory
) -> Any:
    path = tmp_path_factory.mktemp("book") / "classement.xlsx"
    return opened(write_workbook(example_ranking, path, lang=lang))


def test_sheets_and_headers_in_the_language(ranking_book: Any, lang: str) -> None:
    assert ranking_book.sheetnames == WORDS[lang]["sheets"]
    main = ranking_book[WORDS[lang]["sheets"][0]]
    headers = [cell.value for cell in main[1]]
    assert headers[:7] == WORDS[lang]["head"]
    grid = ranking_book[WORDS[lang]["sheets"][1]]
    assert [cell.value for cell in grid[1]][:3] == WORDS[lang]["grid_head"]


def test_battery_then_criterion_labels_as_headers(
    ranking_book: Any, example_ranking: selection.Ranking, lang: str
) -> None:
    main = ranking_book[WORDS[lang]["sheets"][0]]
    headers = [cell.value for cell in main[1]]
    grid = example_ranking.grid
    labels = [b.label for b in grid.batteries] + [c.label for c in grid.criteria]
    assert headers[-len(labels) :] == labels


def test_cells_are_the_ranking_numbers(
    ranking_book: Any, example_ranking: selection.Ranking, lang: str
) -> None:
    main = ranking_book[WORDS[lang]["sheets"][0]]
    cells = columns_of(main)
    table = example_ranking.table
    head = WORDS[lang]["head"]
    assert cells[head[0]] == [str(pid) for pid in table.index]
    scores = np.array([np.nan if v is None else v for v in cells[head[3]]], dtype=float)
    # the file keeps 16 significant digits (Excel shows 15)
    np.testing.assert_allclose(
        scores, table["score"].to_numpy(dtype=float, na_value=np.nan), rtol=1e-15
    )
    ranks = [None if pd.isna(r) else int(r) for r in table["rank"]]
    assert cells[head[2]] == ranks
    grid = example_ranking.grid
    for key, label in [(b.key, b.label) for b in grid.batteries] + [
        (c.key, c.label) for c in grid.criteria
    ]:
        written = np.array([np.nan if v is None else v for v in cells[label]], dtype=float)
        np.testing.assert_allclose(
            written, table[key].to_numpy(dtype=float), rtol=1e-15, atol=1e-17, err_msg=key
        )
    eligible = [v == WORDS[lang]["yes"] for v in cells[head[4]]]
    assert eligible == table["eligible"].tolist()


def test_names_beside_the_ids(
    ranking_book: Any, example_ranking: selection.Ranking, lang: str
) -> None:
    cells = columns_of(ranking_book[WORDS[lang]["sheets"][0]])
    prepared = example_ranking.prepared
    assert prepared.name_column is not None
    expected = [prepared.name_of(pid) for pid in example_ranking.table.index]
    assert cells[WORDS[lang]["head"][1]] == expected
    assert all(expected)


def test_the_selection_rule_outcome(
    ranking_book: Any, example_ranking: selection.Ranking, lang: str
) -> None:
    cells = columns_of(ranking_book[WORDS[lang]["sheets"][0]])
    decided = example_ranking.decisions(lang=lang).table
    words = WORDS[lang]["decisions"]
    assert cells[WORDS[lang]["head"][6]] == [words[str(d)] for d in decided["decision"]]
    assert sum(v == words[SELECTED] for v in cells[WORDS[lang]["head"][6]]) == len(
        example_ranking.decisions().selected
    )
    headers = list(cells)
    why = cells[headers[headers.index(WORDS[lang]["head"][6]) + 1]]
    assert why == decided["reason"].tolist()


def test_reasons_in_the_chosen_language(
    ranking_book: Any, example_ranking: selection.Ranking, lang: str
) -> None:
    cells = columns_of(ranking_book[WORDS[lang]["sheets"][0]])
    reasons = cells[WORDS[lang]["head"][5]]
    ineligible = ~example_ranking.table["eligible"].to_numpy()
    expected = [
        selection.messages.render(list(r), lang) if len(r) else None
        for r in example_ranking.reasons
    ]
    assert reasons == expected
    assert ineligible.any() and all(reasons[i] for i in np.flatnonzero(ineligible))


def test_frozen_header_filter_formats_and_widths(
    ranking_book: Any, example_ranking: selection.Ranking, lang: str
) -> None:
    main = ranking_book[WORDS[lang]["sheets"][0]]
    assert main.freeze_panes == "C2"  # the header row, and the id and name columns
    n = len(example_ranking.table)
    columns = len(list(main[1]))
    assert main.auto_filter.ref == f"A1:{main.cell(1, columns).column_letter}{n + 1}"
    assert main["D2"].number_format == "0.000"  # the score
    assert main["C2"].number_format == "0"  # the rank
    assert main.cell(2, columns).number_format == "+0.000;-0.000;0.000"  # a contribution
    assert main["A2"].data_type == "s"
    widths = [main.column_dimensions[main.cell(1, j).column_letter].width for j in (1, 2, 6)]
    assert 6 <= widths[0] < widths[1] <= 60  # an id is shorter than a name
    longest = max(len(str(main.cell(i, 6).value or "")) for i in range(2, n + 2))
    assert widths[2] == min(longest + 2, 60)  # fitted to the reasons, capped
    grid = ranking_book[WORDS[lang]["sheets"][1]]
    assert grid.freeze_panes == "D2"
    share = [cell for cell in grid[2] if cell.number_format == "0.0 %"]
    assert share, "the effective weights are percents"


def test_grid_sheet(ranking_book: Any, example_ranking: selection.Ranking, lang: str) -> None:
    sheet = ranking_book[WORDS[lang]["sheets"][1]]
    rows = list(sheet.iter_rows(values_only=True))
    grid = example_ranking.grid
    n = len(grid.batteries) + len(grid.criteria)
    table = rows[1 : n + 1]
    assert [row[1] for row in table] == [b.key for b in grid.batteries] + grid.keys
    assert [row[2] for row in table] == [b.label for b in grid.batteries] + [
        c.label for c in grid.criteria
    ]
    effective = np.array([row[-1] for row in table], dtype=float)
    np.testing.assert_allclose(effective[: len(grid.batteries)], grid.battery_weights)
    np.testing.assert_allclose(effective[len(grid.batteries) :], grid.weight_vector)
    points = [row[6] for row in table]
    assert points == [b.weight for b in grid.batteries] + [c.weight for c in grid.criteria]
    about = {row[0]: row[1] for row in rows[n + 2 :] if row[0] is not None}
    values = set(about.values())
    assert {grid.name, grid.hash, example_ranking.method, example_ranking.normalization} <= values
    assert f"selection {selection.__version__}" in values


def test_formula_injection_stays_text(injected_ranking: selection.Ranking, tmp_path: Path) -> None:
    path = write_workbook(injected_ranking, tmp_path / "x.xlsx", lang="en")
    sheet = opened(path)["Ranking"]
    found = [
        cell
        for row in sheet.iter_rows(min_col=1, max_col=2)
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(INJECTION)
    ]
    assert len(found) == 2  # the id and the name
    for cell in found:
        assert cell.data_type == "s"
        assert cell.value == INJECTION
        assert cell.quotePrefix
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name


def test_every_text_with_a_formula_start_is_quoted(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from selection.exports.workbook import text_cell

    book = Workbook()
    sheet = book.active
    texts = ["=1+1", "+33 6 12", "-x", "@SUM(A1)", "\t=1", "-3", "Ferme", "a=b", "\x1b[2J"]
    for i, text in enumerate(texts, start=1):
        text_cell(sheet.cell(row=i, column=1), text)
    book.save(tmp_path / "t.xlsx")
    back = opened(tmp_path / "t.xlsx").active
    quoted = [bool(back.cell(row=i, column=1).quotePrefix) for i in range(1, len(texts) + 1)]
    assert quoted == [True, True, True, True, True, False, False, False, False]
    assert all(back.cell(row=i, column=1).data_type == "s" for i in range(1, len(texts) + 1))
    assert back.cell(row=9, column=1).value == "\\x1b[2J"  # a control character, shown escaped


def test_the_audit(audit_result: Any, tmp_path: Path) -> None:
    book = opened(write_workbook(audit_result, tmp_path / "audit.xlsx", lang="fr"))
    assert book.sheetnames[0] == "Vérification"
    assert book.sheetnames[1:] == ["Grille", "Résumé"]
    cells = columns_of(book["Vérification"])
    table = audit_result.table
    assert cells["Identifiant"] == [str(i) for i in table.index]
    recorded = {"selected": "retenu", "rejected": "écarté"}
    assert cells["Décision enregistrée"] == [recorded[str(d)] for d in table["recorded"]]
    same = [v == "oui" for v in cells["Même décision"]]
    assert sum(same) == round(audit_result.agreement * len(table))
    pairs = zip(cells["Identifiant"], cells["Explication"], strict=True)
    explained = [pid for pid, text in pairs if text]
    assert explained == [str(pid) for pid in audit_result.disagreements.index]


def test_acceptability_with_its_ranking(
    acceptability_result: Any, example_ranking: selection.Ranking, tmp_path: Path
) -> None:
    book = opened(
        write_workbook(
            acceptability_result, tmp_path / "a.xlsx", lang="en", ranking=example_ranking
        )
    )
    assert book.sheetnames == ["Acceptability", "Central weights", "Grid", "Summary"]
    sheet = book["Acceptability"]
    cells = columns_of(sheet)
    accept = acceptability_result.rank_acceptability
    for pid, first, second in zip(cells["Id"], cells["Rank 1"], cells["Rank 2"], strict=True):
        assert (first or 0.0) == pytest.approx(accept.loc[pid, 1])
        assert (second or 0.0) == pytest.approx(accept.loc[pid, 2])
    holistic = np.array(cells["Holistic acceptability"], dtype=float)
    assert (np.diff(holistic) <= 0).all()
    ranks = example_ranking.table["rank"]
    assert cells["Rank under the grid's weights"] == [int(ranks[pid]) for pid in cells["Id"]]
    assert sheet["E2"].number_format == "0.0 %"
    central = columns_of(book["Central weights"])
    ever_first = accept.index[accept[1] > 0]
    assert sorted(central["Id"]) == sorted(str(p) for p in ever_first)


def test_intervals_without_a_ranking(intervals_result: Any, tmp_path: Path) -> None:
    book = opened(write_workbook(intervals_result, tmp_path / "i.xlsx", lang="fr"))
    assert book.sheetnames == ["Intervalles de stabilité", "Résumé"]  # no grid: not known
    cells = columns_of(book["Intervalles de stabilité"])
    table = intervals_result.table
    assert cells["Clé"] == [str(k) for k in table.index]
    np.testing.assert_allclose(np.array(cells["Borne basse"], dtype=float), table["low"])
    np.testing.assert_allclose(np.array(cells["Borne haute"], dtype=float), table["high"])


def test_consensus(
    consensus_result: Any, example_ranking: selection.Ranking, tmp_path: Path
) -> None:
    book = opened(
        write_workbook(consensus_result, tmp_path / "c.xlsx", lang="en", ranking=example_ranking)
    )
    assert book.sheetnames == ["Consensus", "Member weights", "Who stands out", "Grid", "Summary"]
    cells = columns_of(book["Consensus"])
    rankings = consensus_result.rankings
    assert cells["Id"] == [str(i) for i in rankings.index]
    for member in rankings.columns:
        assert cells[member] == rankings[member].tolist()
    assert cells["Rank under the group's weights"] == consensus_result.compromise["group"].tolist()
    outliers = columns_of(book["Who stands out"])
    assert outliers["Member"] == list(consensus_result.outliers)
    assert outliers["In words"] == list(consensus_result.outliers.values())
    about = [row for row in book["Grid"].iter_rows(values_only=True) if row[0] is not None]
    assert any(row[1] == consensus_result.group.hash for row in about)


def test_several_results_in_one_workbook(
    acceptability_result: Any,
    intervals_result: Any,
    example_ranking: selection.Ranking,
    tmp_path: Path,
) -> None:
    path = write_workbook(
        [acceptability_result, intervals_result],
        tmp_path / "sensibilite.xlsx",
        lang="fr",
        ranking=example_ranking,
    )
    assert opened(path).sheetnames == [
        "Acceptabilité",
        "Poids centraux",
        "Intervalles de stabilité",
        "Grille",
        "Résumé",
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_sheet_names_fit(
    language: str,
    example_ranking: selection.Ranking,
    audit_result: Any,
    acceptability_result: Any,
    intervals_result: Any,
    consensus_result: Any,
) -> None:
    results = [example_ranking, audit_result, acceptability_result, intervals_result]
    sheets = sheets_for([*results, consensus_result], lang=language, ranking=example_ranking)
    for sheet in sheets:
        assert 0 < len(sheet.name) <= 31
        assert not set(sheet.name) & set("[]:*?/\\")


def test_an_input_is_never_replaced(tmp_path: Path) -> None:
    producers = xlsx_copy_of_producers(tmp_path)
    before = producers.read_bytes()
    ranking = selection.rank(producers, selection.example_grid_path())
    with pytest.raises(OutputError) as raised:
        write_workbook(ranking, producers)  # the ranking knows its table
    assert "producteurs.xlsx" in str(raised.value.found)
    other = tmp_path / "autre.xlsx"
    other.write_bytes(b"precious")
    with pytest.raises(OutputError):
        write_workbook(ranking, other, inputs=[other])
    assert producers.read_bytes() == before
    assert other.read_bytes() == b"precious"


def test_nothing_written_on_error(
    example_ranking: selection.Ranking, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    def broken(self: Any, stream: Any) -> None:
        stream.write(b"PK half a zip")
        raise RuntimeError("disk on fire")

    target = tmp_path / "classement.xlsx"
    target.write_bytes(b"the previous version")
    monkeypatch.setattr(Workbook, "save", broken)
    with pytest.raises(RuntimeError):
        write_workbook(example_ranking, target)
    assert target.read_bytes() == b"the previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["classement.xlsx"]


def test_refuses_a_name_that_is_not_xlsx(
    example_ranking: selection.Ranking, tmp_path: Path
) -> None:
    with pytest.raises(OutputError) as raised:
        write_workbook(example_ranking, tmp_path / "classement.xls")
    assert "classement.xlsx" in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder(example_ranking: selection.Ranking, tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_workbook(example_ranking, tmp_path / "nowhere" / "classement.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_refuses_what_it_cannot_export(tmp_path: Path) -> None:
    with pytest.raises(ArgumentError) as raised:
        write_workbook({"not": "a result"}, tmp_path / "x.xlsx")
    assert "dict" in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_language_rule_when_not_given(
    example_ranking: selection.Ranking, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SELECTION_LANG", "fr")
    path = write_workbook(example_ranking, tmp_path / "c.xlsx")
    assert opened(path).sheetnames[0] == "Classement"


def test_a_method_without_contributions_nor_rule(tmp_path: Path) -> None:
    grid = dataclasses.replace(selection.load_grid(selection.example_grid_path()), select=None)
    ranking = selection.rank(selection.example_producers_path(), grid, method="vikor")
    assert ranking.contributions is None and not ranking.higher_is_better
    book = opened(write_workbook(ranking, tmp_path / "vikor.xlsx", lang="en"))
    headers = [cell.value for cell in book["Ranking"][1]]
    assert headers == ["Id", "Name", "Rank", "Score", "Eligible", "Reason"]
    cells = columns_of(book["Ranking"])
    scores = np.array([np.nan if v is None else v for v in cells["Score"]], dtype=float)
    np.testing.assert_allclose(
        scores, ranking.table["score"].to_numpy(dtype=float, na_value=np.nan), rtol=1e-15
    )
    about = {row[0]: row[1] for row in book["Grid"].iter_rows(values_only=True)}
    assert about["Method"] == "vikor"
    assert about["Best score"] == "the lowest"
    assert about["Selection rule"] == "none"


def test_a_table_without_names(tmp_path: Path) -> None:
    table = selection.read_table(selection.example_producers_path()).drop(columns=["name"])
    ranking = selection.rank(table, selection.example_grid_path())
    book = opened(write_workbook(ranking, tmp_path / "r.xlsx", lang="en"))
    assert [cell.value for cell in book["Ranking"][1]][:3] == ["Id", "Rank", "Score"]
    assert book["Ranking"].freeze_panes == "B2"
