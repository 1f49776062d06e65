"""Agence Bio responses → producer tables: levels, addresses, certificates, errors."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest

from selection.errors import DataError
from selection.registries import (
    COLUMNS,
    ImportedProducers,
    agencebio_producers,
    departement_of,
    read_agencebio,
)

from .responses import (
    SAMPLE,
    address,
    certificate,
    operator,
    production,
    response,
    sample,
)


def one(item: dict[str, Any], **options: Any) -> dict[str, Any]:
    """The row of a response holding only `item` (kept even if flagged)."""
    imported = agencebio_producers(response(item), keep_suspended=True, **options)
    assert len(imported.table) == 1
    return imported.table.iloc[0].to_dict()


def failure(item: Any, index: int = 0) -> DataError:
    items = [operator(f"90000{i}") for i in range(index)] + [item]
    with pytest.raises(DataError) as caught:
        agencebio_producers({"nbTotal": "9", "items": items}, source="bio.json")
    return caught.value


# -- organic level ------------------------------------------------------------------------------


def test_an_organic_production_makes_the_operator_ab() -> None:
    row = one(operator(productions=[production("Pommes", "C1"), production("Poires", "AB")]))
    assert row["organic_label"] == "AB"
    assert row["conversion_stage"] == "C1"
    assert row["products"] == "Pommes, Poires"


def test_productions_only_in_conversion_make_it_conversion_with_the_stages() -> None:
    row = one(operator(productions=[production("Lait", "C3"), production("Veaux", "C1", "CS")]))
    assert row["organic_label"] == "conversion"
    assert row["conversion_stage"] == "C1, C3, CS"


@pytest.mark.parametrize("productions", [[], [production("Blé", "EAC")]])
def test_no_certified_production_is_none(productions: list[Any]) -> None:
    row = one(operator(productions=productions))
    assert row["organic_label"] == "none"
    assert row["conversion_stage"] is None or math.isnan(row["conversion_stage"])


def test_every_level_written_is_a_level_of_the_shipped_grid(example_grid: Any) -> None:
    organic = next(c for c in example_grid.criteria if c.key == "organic")
    levels = {name for name, _ in organic.kind.levels}
    assert organic.kind.column == "organic_label"
    items = [
        operator("900001"),
        operator("900002", productions=[production("Lait", "C2")]),
        operator("900003", productions=[production("Blé", "EAC")]),
        operator("900004", certificats=[certificate("SUSPENDUE")]),
    ]
    imported = agencebio_producers(response(*items), keep_suspended=True)
    assert set(imported.table["organic_label"]) == {"AB", "conversion", "none"} <= levels


# -- certificates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("states", "certified"),
    [
        (["ENGAGEE"], True),
        (["ARRETEE", "ENGAGEE"], True),  # a change of certifier
        (["Engagée"], True),  # spelled with accents
        (["SUSPENDUE"], False),
        (["ENGAGEE", "SUSPENDUE"], False),
        (["ARRETEE"], False),
        (["RETIREE"], False),
        ([], False),
    ],
)
def test_an_operator_is_certified_with_an_engaged_certificate_and_no_suspension(
    states: list[str], certified: bool
) -> None:
    row = one(operator(certificats=[certificate(s) for s in states]))
    assert row["certified"] == ("oui" if certified else "non")
    assert row["organic_label"] == ("AB" if certified else "none")


def test_suspended_operators_are_left_out_by_default_and_listed() -> None:
    items = [
        operator("900001"),
        operator("900002", certificats=[certificate("SUSPENDUE")]),
        operator("900003", certificats=[certificate("ARRETEE")]),
    ]
    imported = agencebio_producers(response(*items))
    assert list(imported.producers["producer_id"]) == ["900001"]
    assert imported.flagged == ("900002", "900003")
    summary = imported.summary(lang="en")
    assert "2 operators: 900002 (SUSPENDUE), 900003 (ARRETEE)" in summary
    assert "left out of the table" in summary


def test_kept_suspended_operators_are_flagged_in_the_table() -> None:
    items = [operator("900001"), operator("900002", certificats=[certificate("SUSPENDUE")])]
    imported = agencebio_producers(response(*items), keep_suspended=True)
    table = imported.producers.set_index("producer_id")
    assert list(table.index) == ["900001", "900002"]
    assert table.loc["900002", "certified"] == "non"
    assert table.loc["900002", "certificate_state"] == "SUSPENDUE"
    assert table.loc["900002", "organic_label"] == "none"
    assert "They are in the table, flagged" in imported.summary(lang="en")


# -- addresses ----------------------------------------------------------------------------------


def test_a_place_of_activity_is_preferred_to_a_place_of_sale_and_the_head_office() -> None:
    addresses = [
        address(["Siège social"], lat=45.0, long=4.0, town="Siège"),
        address(["Lieux de vente"], lat=45.1, long=4.1, town="Vente"),
        address(["Lieux d'activité"], lat=45.2, long=4.2, town="Activité"),
    ]
    row = one(operator(adressesOperateurs=addresses))
    assert (row["commune"], row["latitude"], row["longitude"]) == ("Activité", 45.2, 4.2)
    assert row["location_from"] == "Lieux d'activité"
    row = one(operator(adressesOperateurs=addresses[:2]))
    assert (row["commune"], row["location_from"]) == ("Vente", "Lieux de vente")


def test_an_address_of_several_types_counts_as_its_best_type() -> None:
    addresses = [
        address(["Lieux de vente"], lat=45.1, long=4.1, town="Vente"),
        address(["Siège social", "Lieux d'activité"], lat=45.2, long=4.2, town="Ferme"),
    ]
    row = one(operator(adressesOperateurs=addresses))
    assert (row["commune"], row["location_from"]) == ("Ferme", "Lieux d'activité")


def test_an_inactive_address_is_never_used() -> None:
    addresses = [
        address(["Lieux d'activité"], lat=45.2, long=4.2, town="Ancienne", active=False),
        address(["Siège social"], lat=45.0, long=4.0, town="Actuelle"),
    ]
    row = one(operator(adressesOperateurs=addresses))
    assert (row["commune"], row["latitude"]) == ("Actuelle", 45.0)


@pytest.mark.parametrize(("lat", "long"), [(None, None), (45.2, None), (0, 0), ("", "")])
def test_an_address_without_coordinates_is_passed_over_for_one_with(lat: Any, long: Any) -> None:
    addresses = [
        address(["Lieux d'activité"], lat=lat, long=long, town="Sans"),
        address(["Siège social"], lat=45.0, long=4.0, town="Avec"),
    ]
    row = one(operator(adressesOperateurs=addresses))
    assert (row["commune"], row["location_from"]) == ("Avec", "Siège social")


def test_without_any_coordinates_the_commune_is_kept_and_the_operator_listed() -> None:
    addresses = [address(["Lieux d'activité"], lat=None, long=None, town="Vaulx-en-Velin")]
    imported = agencebio_producers(response(operator(adressesOperateurs=addresses)))
    row = imported.table.iloc[0]
    assert row["commune"] == "Vaulx-en-Velin" and math.isnan(row["latitude"])
    assert imported.without_coordinates == ("900001",)
    assert "Without coordinates" in imported.summary(lang="en")


def test_coordinates_written_as_text_are_read() -> None:
    row = one(operator(adressesOperateurs=[address(lat="45,75", long="4.85")]))
    assert (row["latitude"], row["longitude"]) == (45.75, 4.85)


def test_no_active_address_leaves_the_location_blank() -> None:
    row = one(operator(adressesOperateurs=[address(active=False)]))
    assert row["commune"] is None and math.isnan(row["latitude"])


@pytest.mark.parametrize(
    ("postal", "commune", "expected"),
    [
        ("69380", "69121", "69"),
        ("01600", None, "01"),
        (1600, None, "01"),
        ("20000", None, "2A"),
        ("20167", None, "2A"),
        ("20200", None, "2B"),
        ("20600", None, "2B"),
        ("20000", "2B033", "2B"),  # the commune code wins
        ("97400", None, "974"),
        ("97100", "97105", "971"),
        ("CEDEX", None, None),
        (None, None, None),
    ],
)
def test_the_department_comes_from_the_commune_code_else_the_postal_code(
    postal: Any, commune: Any, expected: str | None
) -> None:
    assert departement_of(postal, commune) == expected
    row = one(operator(adressesOperateurs=[address(postal=postal, commune=commune)]))
    assert row["department"] == expected


# -- names, activities ----------------------------------------------------------------------------


def test_the_usual_name_else_the_legal_name() -> None:
    assert one(operator(denominationcourante="Les Sources"))["name"] == "Les Sources"
    assert one(operator(denominationcourante=None))["name"] == "EARL 900001 (FICTIF)"
    assert one(operator(denominationcourante="  "))["name"] == "EARL 900001 (FICTIF)"


def test_operators_that_do_not_produce_are_kept_and_listed() -> None:
    item = operator(activites=[{"id": 2, "nom": "Préparation"}, {"id": 3, "nom": "Distribution"}])
    imported = agencebio_producers(response(item))
    assert imported.table.loc[0, "producer"] == "non"
    assert imported.not_producing == ("900001",)
    assert "Not producing themselves" in imported.summary(lang="en")


def test_optional_lists_may_be_null_or_missing() -> None:
    item = operator(activites=None, categories=None, siret=None)
    del item["dateMaj"]
    row = one(item)
    assert row["activities"] is None and row["producer"] == "non" and row["siret"] is None


def test_a_numeric_numero_bio_is_read_as_text() -> None:
    assert one(operator(numeroBio=900001))["producer_id"] == "900001"


# -- errors: missing and mistyped fields ---------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "where", "found"),
    [
        ("numeroBio", None, "items[2], field numeroBio", "null"),
        ("numeroBio", ["900001"], "items[2], field numeroBio", "a list of 1 elements"),
        ("productions", "Légumes", "field productions", "text 'Légumes'"),
        ("certificats", None, "field certificats", "null"),
        ("adressesOperateurs", {"lat": 1}, "field adressesOperateurs", "an object"),
        ("productions", [production("X", "BIO")], "productions[0].etatProductions[0]", "'BIO'"),
        ("productions", [{"nom": "X"}], "productions[0].etatProductions", "no such field"),
        ("productions", ["Pommes"], "productions[0]", "text 'Pommes'"),
        ("certificats", [{"etatCertification": 3}], "certificats[0].etatCertification", "3"),
        ("adressesOperateurs", [address(lat="abc")], "adressesOperateurs[0].lat", "'abc'"),
        ("adressesOperateurs", [address(lat=91.5)], "adressesOperateurs[0].lat", "91.5"),
        ("adressesOperateurs", [address(long=True)], "adressesOperateurs[0].long", "True"),
        ("adressesOperateurs", [address(active="yes")], "adressesOperateurs[0].active", "'yes'"),
        ("adressesOperateurs", [address(kinds=7)], "typeAdresseOperateurs", "7"),  # type: ignore[arg-type]
        ("adressesOperateurs", [address(postal=[69])], "adressesOperateurs[0].codePostal", "list"),
        ("activites", [{"nom": {"fr": "Production"}}], "activites[0].nom", "an object"),
    ],
)
def test_a_bad_field_names_the_item_its_numero_and_the_field(
    field: str, value: Any, where: str, found: str
) -> None:
    error = failure(operator("900777", **{field: value}), index=2)
    assert error.where is not None and error.found is not None and error.expected
    assert error.where.startswith("bio.json, items[2]")
    assert where in error.where
    if field != "numeroBio":
        assert "numeroBio '900777'" in error.where
    assert found in error.found


def test_a_missing_field_says_so() -> None:
    item = operator("900777")
    del item["productions"]
    error = failure(item)
    assert error.code == "registries.problem.missing"
    assert error.where == "bio.json, items[0] (numeroBio '900777'), field productions"
    assert error.expected == "a list" and error.found == "no such field"


def test_an_operator_without_any_name() -> None:
    error = failure(operator(raisonSociale=None, denominationcourante=""))
    assert "raisonSociale or denominationcourante" in (error.expected or "")


def test_an_item_that_is_not_an_object() -> None:
    error = failure("900001", index=1)
    assert error.where == "bio.json, items[1]" and error.found == "text '900001'"


def test_an_unknown_production_state_lists_the_known_ones() -> None:
    error = failure(operator(productions=[production("Pommes", "C4")]))
    assert error.expected == "one of: AB, C1, C2, C3, CS, CNS, EAC"
    assert error.hint is not None and "conversion" in error.hint


def test_long_values_are_shortened_in_messages() -> None:
    error = failure(operator(adressesOperateurs=[address(lat="9" * 500)]))
    assert error.found is not None and len(error.found) < 120 and "…" in error.found


def test_the_same_numero_twice_is_refused() -> None:
    with pytest.raises(DataError) as caught:
        agencebio_producers(response(operator("900001"), operator("900001")))
    assert "items[1]" in (caught.value.where or "") and caught.value.found == "also items[0]"


@pytest.mark.parametrize(
    ("document", "found"),
    [
        ([operator()], "a list of 1 elements"),
        ({"nbTotal": "1", "results": []}, "an object with the fields 'nbTotal', 'results'"),
        ({"items": {"0": operator()}}, "an object with the fields '0'"),
        ("items", "text 'items'"),
        (None, "null"),
    ],
)
def test_a_document_of_another_shape_is_refused(document: Any, found: str) -> None:
    with pytest.raises(DataError) as caught:
        agencebio_producers(document, source="x.json")
    error = caught.value
    assert error.problem == "this is not a response of the Agence Bio API"
    assert error.where == "x.json" and error.found is not None and found in error.found


def mutations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every place in `value` and what to put there (None for "delete the key")."""
    replacements: list[Any] = [None, "x", -1.5, True, [], {}, [None], "DELETE"]
    places: list[tuple[tuple[Any, ...], Any]] = []
    children = (
        value.items() if isinstance(value, dict) else enumerate(value)
        if isinstance(value, list) else []
    )  # fmt: skip
    for key, child in children:
        places += [((*path, key), r) for r in replacements]
        places += mutations(child, (*path, key))
    return places


def test_no_mutation_of_an_operator_raises_anything_but_a_data_error() -> None:
    """Whatever field is deleted or replaced, the answer is a table or a DataError."""
    original = sample()["items"][4]  # two addresses, conversion, an inactive address
    outcomes = {"table": 0, "error": 0}
    for path, replacement in mutations(original):
        item = copy.deepcopy(original)
        parent = item
        for key in path[:-1]:
            parent = parent[key]
        if replacement == "DELETE":
            if isinstance(parent, list):
                parent.pop(path[-1])
            else:
                del parent[path[-1]]
        else:
            parent[path[-1]] = replacement
        try:
            agencebio_producers(response(item), keep_suspended=True)
            outcomes["table"] += 1
        except DataError as error:
            assert error.where and error.expected and error.found, (path, replacement)
            outcomes["error"] += 1
    assert outcomes["table"] > 50 and outcomes["error"] > 50, outcomes


# -- files ------------------------------------------------------------------------------------


def test_the_sample_file() -> None:
    imported = read_agencebio(SAMPLE)
    assert isinstance(imported, ImportedProducers)
    assert imported.total == 6 and len(imported.table) == 6
    assert imported.flagged == ("900103", "900104")
    table = imported.producers.set_index("producer_id")
    assert list(table.index) == ["900101", "900102", "900105", "900106"]
    assert list(imported.producers.columns) == list(COLUMNS)
    first = table.loc["900101"]
    assert (first["name"], first["commune"], first["location_from"]) == (
        "Les Trois Sources",
        "Lozanne",
        "Lieux d'activité",
    )
    assert (first["latitude"], first["longitude"], first["department"]) == (45.857, 4.683, "69")
    assert table.loc["900102", "name"] == "EARL DU PLATEAU (FICTIF)"  # no usual name
    assert table.loc["900102", "organic_label"] == "AB"  # cheese AB, milk in C2
    assert table.loc["900102", "conversion_stage"] == "C2"
    # 900105: the active address has no coordinates; the inactive one is not used
    assert table.loc["900105", "commune"] == "Vaulx-en-Velin"
    assert math.isnan(table.loc["900105", "latitude"])
    assert imported.without_coordinates == ("900105",)
    assert imported.not_producing == ("900106",)
    summary = imported.summary(lang="en")
    assert summary.startswith("6 operators read from") and "4 in the table" in summary
    assert "900103 (SUSPENDUE), 900104 (ARRETEE)" in summary
    assert "one page" not in summary


def test_a_file_holding_one_page_of_a_longer_answer_says_so(tmp_path: Path) -> None:
    file = tmp_path / "page.json"
    file.write_text(json.dumps(response(operator(), total="3120")), encoding="utf-8")
    summary = read_agencebio(file).summary(lang="en")
    assert "counts 3,120 operators but the answer holds 1" in summary


def test_a_file_with_a_bom_is_read(tmp_path: Path) -> None:
    file = tmp_path / "bom.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(response(operator())).encode("utf-8"))
    assert len(read_agencebio(file).producers) == 1


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (b"<!DOCTYPE html><html><body>Agence Bio</body></html>", "<!DOCTYPE html>"),
        (b'{"items": [', "Expecting value"),
        (b"", "Expecting value"),
        ('{"items": "été"}'.encode("cp1252"), "not UTF-8"),
    ],
)
def test_a_file_that_is_not_json_is_refused(tmp_path: Path, content: bytes, found: str) -> None:
    file = tmp_path / "page.json"
    file.write_bytes(content)
    with pytest.raises(DataError) as caught:
        read_agencebio(file)
    error = caught.value
    assert error.problem == "the file is not JSON"
    assert str(file) in (error.where or "") and found in (error.found or "")
    assert error.hint is not None


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        read_agencebio(tmp_path / "absent.json")
    assert caught.value.problem == "cannot read the file"
