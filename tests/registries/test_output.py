"""The imported table as a French CSV file: read back by selection, ranked by a grid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import selection
from selection.errors import OutputError
from selection.registries import COLUMNS, agencebio_producers, read_agencebio
from selection.table import read_table

from .responses import SAMPLE, address, certificate, operator, response


def test_the_csv_is_french_semicolons_decimal_commas_utf8_with_bom(tmp_path: Path) -> None:
    written = read_agencebio(SAMPLE).write(tmp_path / "producteurs.csv")
    raw = written.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(COLUMNS)
    assert lines[1].startswith("900101;Les Trois Sources;GAEC DES TROIS SOURCES (FICTIF);")
    assert ";45,857;4,683;Lieux d'activité;AB;" in lines[1]
    assert ";00000000000101;" in lines[1]  # the SIRET keeps its zeros
    assert ";01600;01;" not in raw.decode("utf-8-sig")  # 900104 (stopped) is left out
    assert len(lines) == 1 + 4


def test_the_csv_reads_back_with_read_table(tmp_path: Path) -> None:
    imported = read_agencebio(SAMPLE, keep_suspended=True)
    table = read_table(imported.write(tmp_path / "producteurs.csv"))
    assert list(table.columns) == list(COLUMNS)
    assert list(table["producer_id"]) == [f"90010{n}" for n in range(1, 7)]
    row = table.set_index("producer_id").loc["900104"]
    assert (row["postal_code"], row["department"], row["certified"]) == ("01600", "01", "non")
    assert row["latitude"] == "45,941"


def test_text_that_a_spreadsheet_would_run_is_neutralised(tmp_path: Path) -> None:
    item = operator(denominationcourante='=HYPERLINK("http://x";"clic")')
    item["adressesOperateurs"] = [address(town="@SUM(A1)")]
    written = agencebio_producers(response(item)).write(tmp_path / "p.csv")
    row = read_table(written).iloc[0]
    assert row["name"] == '\'=HYPERLINK("http://x";"clic")'
    assert row["commune"] == "'@SUM(A1)"
    assert (row["latitude"], row["longitude"]) == ("45,857", "4,683")  # numbers stay numbers


def test_the_output_never_replaces_the_json_file(tmp_path: Path) -> None:
    source = tmp_path / "bio.json"
    source.write_bytes(SAMPLE.read_bytes())
    with pytest.raises(OutputError):
        read_agencebio(source).write(source, inputs=[source])
    assert source.read_bytes() == SAMPLE.read_bytes()


def grid_from_the_shipped_one(tmp_path: Path, *, gate_on_certificate: bool) -> Path:
    """The shipped grid's organic and distance criteria (same levels, same hub), alone.

    A registry knows labels and places, not prices or volumes: the other criteria of the
    shipped grid have no column in an imported table.
    """
    shipped = selection.load_grid(selection.example_grid_path()).to_dict()
    quality = shipped["batteries"]["quality"]
    locality = shipped["batteries"]["locality"]
    quality["criteria"] = {"organic": quality["criteria"]["organic"]}
    locality["criteria"] = {"distance": locality["criteria"]["distance"]}
    shipped["batteries"] = {"quality": quality, "locality": locality}
    shipped["eligibility"] = [{"criterion": "distance", "max": 250}]
    shipped.pop("select", None)
    if gate_on_certificate:
        quality["criteria"]["certified"] = {"column": "certified", "boolean": True, "weight": 0}
        shipped["eligibility"].append({"criterion": "certified", "min": 1})
    path = tmp_path / "grid.yaml"
    path.write_text(yaml.safe_dump(shipped, allow_unicode=True), encoding="utf-8")
    return path


def located(imported: Any) -> Any:
    table = imported.producers
    return table[table["latitude"].notna()]


def test_the_imported_table_is_ranked_with_the_shipped_criteria(tmp_path: Path) -> None:
    imported = read_agencebio(SAMPLE)
    csv = tmp_path / "producteurs.csv"
    csv.write_bytes(imported.to_csv())
    # a table without coordinates cannot be ranked on distance (missing: raise): the
    # summary lists those operators; here they are left out before ranking
    kept = read_table(csv)
    kept = kept[kept["latitude"] != ""]
    ranking = selection.rank(kept, grid_from_the_shipped_one(tmp_path, gate_on_certificate=False))
    assert set(ranking.table.index) == {"900101", "900102", "900106"}
    # all AB: the closest to the VRAC warehouse (Vaulx-en-Velin) comes first
    assert list(ranking.ranked.index) == ["900106", "900101", "900102"]


def test_kept_suspended_operators_fail_a_certificate_gate(tmp_path: Path) -> None:
    imported = read_agencebio(SAMPLE, keep_suspended=True)
    grid = grid_from_the_shipped_one(tmp_path, gate_on_certificate=True)
    ranking = selection.rank(located(imported), grid)
    eligible = ranking.table["eligible"]
    assert not eligible["900103"] and not eligible["900104"]
    assert eligible["900101"]


def test_conversion_ranks_below_organic_with_the_shipped_levels(tmp_path: Path) -> None:
    same_place = [address(["Lieux d'activité"], lat=45.8, long=4.9)]
    items = [
        operator("900001", adressesOperateurs=same_place, productions=[]),
        operator(
            "900002",
            adressesOperateurs=same_place,
            productions=[{"nom": "Lait", "etatProductions": [{"etatProduction": "C1"}]}],
        ),
        operator("900003", adressesOperateurs=same_place),
        operator("900004", adressesOperateurs=same_place, certificats=[certificate("SUSPENDUE")]),
    ]
    imported = agencebio_producers(response(*items), keep_suspended=True)
    ranking = selection.rank(
        imported.producers, grid_from_the_shipped_one(tmp_path, gate_on_certificate=False)
    )
    scores = ranking.table["score"]
    assert scores["900003"] > scores["900002"] > scores["900001"] == scores["900004"]
