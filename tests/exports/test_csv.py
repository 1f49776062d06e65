"""CSV files and tables: read back with pandas and compared with the results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import selection
from selection.errors import ArgumentError, OutputError
from selection.exports import table_for, write_csv, write_file

from .conftest import INJECTION, copy_of

BOM = b"\xef\xbb\xbf"


def contributions(ranking: selection.Ranking) -> list[tuple[str, str]]:
    grid = ranking.grid
    return [(b.key, b.label) for b in grid.batteries] + [(c.key, c.label) for c in grid.criteria]


def test_french_dialect_reads_back(example_ranking: selection.Ranking, tmp_path: Path) -> None:
    path = write_csv(example_ranking, tmp_path / "classement.csv", dialect="fr", lang="fr")
    raw = path.read_bytes()
    assert raw.startswith(BOM)
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    back = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    table = example_ranking.table
    assert back["Identifiant"].astype(str).tolist() == [str(i) for i in table.index]
    expected = table["score"].to_numpy(dtype=float, na_value=np.nan).round(3)
    np.testing.assert_array_equal(back["Score"].to_numpy(dtype=float), expected)
    for key, label in contributions(example_ranking):
        np.testing.assert_array_equal(
            back[label].to_numpy(dtype=float),
            table[key].to_numpy(dtype=float).round(3) + 0.0,
            err_msg=key,
        )
    ranks = back["Rang"].astype("Int64")
    assert ranks.tolist() == table["rank"].tolist()
    assert back["Nom"].tolist() == [example_ranking.prepared.name_of(pid) for pid in table.index]
    text = raw.decode("utf-8-sig")
    assert "nan" not in text.lower().replace("nancy", "")
    assert ";0,843;" in text or "," in text.split("\r\n")[1]  # decimal commas


def test_english_dialect_reads_back(example_ranking: selection.Ranking, tmp_path: Path) -> None:
    path = write_csv(example_ranking, tmp_path / "ranking.csv", dialect="en", lang="en")
    raw = path.read_bytes()
    assert not raw.startswith(BOM)
    assert b"\r\n" not in raw
    back = pd.read_csv(path)
    table = example_ranking.table
    assert list(back.columns[:4]) == ["Id", "Name", "Rank", "Score"]
    expected = table["score"].to_numpy(dtype=float, na_value=np.nan).round(3)
    np.testing.assert_array_equal(back["Score"].to_numpy(dtype=float), expected)
    ineligible = ~table["eligible"].to_numpy()
    assert back.loc[ineligible, "Score"].isna().all()
    assert back.loc[ineligible, "Reason"].notna().all()


@pytest.mark.parametrize(("lang", "separator"), [("fr", b";"), ("en", b",")])
def test_auto_dialect_follows_the_language(
    example_ranking: selection.Ranking, tmp_path: Path, lang: str, separator: bytes
) -> None:
    raw = write_csv(example_ranking, tmp_path / "r.csv", lang=lang).read_bytes()
    header = raw.splitlines()[0]
    assert header.count(separator) == len(table_for(example_ranking, lang).columns) - 1
    assert raw.startswith(BOM) == (lang == "fr")


def test_text_is_neutralised(injected_ranking: selection.Ranking, tmp_path: Path) -> None:
    path = write_csv(injected_ranking, tmp_path / "x.csv", dialect="fr", lang="fr")
    back = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype=str)
    first = back.iloc[back.index[back["Identifiant"].str.contains("HYPERLINK")][0]]
    assert first["Identifiant"] == "'" + INJECTION
    assert first["Nom"] == "'" + INJECTION
    # table_for gives the text as written: neutralising is the writer's job
    table = table_for(injected_ranking, "en")
    assert INJECTION in table["Id"].tolist()


def test_table_for_percents_and_rounding(intervals_result: Any, acceptability_result: Any) -> None:
    table = table_for(intervals_result, "en")
    assert list(table.columns) == [
        "Key",
        "Label",
        "Effective weight (%)",
        "Low end (%)",
        "High end (%)",
        "Swap at the low end",
        "Swap at the high end",
    ]
    source = intervals_result.table
    np.testing.assert_array_equal(table["Low end (%)"], (source["low"] * 100).round(1))
    np.testing.assert_array_equal(table["High end (%)"], (source["high"] * 100).round(1))
    accept = table_for(acceptability_result, "fr")
    assert "Rang 1 (%)" in accept.columns
    by_id = accept.set_index("Identifiant")["Rang 1 (%)"]
    expected = (acceptability_result.rank_acceptability[1] * 100).round(1)
    np.testing.assert_array_equal(by_id.loc[expected.index].to_numpy(), expected.to_numpy())


def test_table_for_has_the_workbook_columns(example_ranking: selection.Ranking) -> None:
    from selection.exports import sheets_for

    table = table_for(example_ranking, "fr")
    assert list(table.columns) == sheets_for(example_ranking, lang="fr")[0].headers
    assert str(table["Rang"].dtype) == "Int64"
    assert table["Score"].isna().sum() == (~example_ranking.table["eligible"]).sum()


def test_an_input_is_never_replaced(tmp_path: Path) -> None:
    producers = copy_of(selection.example_producers_path(), tmp_path)
    grid = copy_of(selection.example_grid_path(), tmp_path)
    before = producers.read_bytes(), grid.read_bytes()
    ranking = selection.rank(producers, grid)
    for target in (producers, grid):
        with pytest.raises(OutputError):
            write_csv(ranking, target)
    assert (producers.read_bytes(), grid.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([producers.name, grid.name])


def test_unknown_dialect(example_ranking: selection.Ranking, tmp_path: Path) -> None:
    with pytest.raises(ArgumentError) as raised:
        write_csv(example_ranking, tmp_path / "r.csv", dialect="excel")
    assert raised.value.where == "dialect"
    assert list(tmp_path.iterdir()) == []


def test_write_file_by_extension(example_ranking: selection.Ranking, tmp_path: Path) -> None:
    assert write_file(example_ranking, tmp_path / "r.xlsx").read_bytes()[:2] == b"PK"
    assert write_file(example_ranking, tmp_path / "r.csv", lang="fr").read_bytes()[:3] == BOM
    with pytest.raises(OutputError):
        write_file(example_ranking, tmp_path / "r.ods")
    assert not (tmp_path / "r.ods").exists()
