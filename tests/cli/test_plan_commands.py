"""`selection plan` and `selection offers`: files in, a workbook, a page or a CSV out."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from selection.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "planning"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A small planning case as French CSV files: 2 stores, 2 producers, 3 weeks."""
    grid = tmp_path / "grid.yaml"
    grid.write_text(
        "format: selection/grid@1\nname: petite grille\nid: id\nbatteries:\n  all:\n"
        "    criteria:\n      quality: {scale: [0, 1]}\n"
        "plan:\n  objective: [coverage, score, cost]\n  fair_shortfall: true\n",
        encoding="utf-8",
    )
    producers = tmp_path / "producers.csv"
    producers.write_text("id;name;quality\nP1;Mas des Figues;0,8\nP2;Jardin du Vallon;0,4\n")
    needs = tmp_path / "needs.csv"
    rows = [
        f"{store};{product};2027-W{week};{quantity};{ceiling}"
        for week in (30, 31, 32)
        for store, product, quantity, ceiling in (
            ("Panier", "gombo", "6", "7"),
            ("Noailles", "gombo", "8", ""),
            ("Panier", "piment", "2,5", "9"),
        )
    ]
    needs.write_text("épicerie;produit;semaine;quantité;prix_max\n" + "\n".join(rows) + "\n")
    offers = tmp_path / "offers.csv"
    offers.write_text(
        "producteur;produit;du;au;capacité;prix;colis;coût_passage\n"
        "P1;gombo;2027-W30;2027-W31;10;6,2;;20\n"
        "P2;gombo;;;6;5,5;2;15\n"
        "P2;piment;;;3;8;;15\n"
    )
    costs = tmp_path / "costs.csv"
    costs.write_text("producer;store;cost\nP1;Panier;0,05\nP2;Noailles;0,1\n")
    return {"grid": grid, "producers": producers, "needs": needs, "offers": offers, "costs": costs}


def arguments(files: dict[str, Path]) -> list[str]:
    return [
        "plan",
        str(files["grid"]),
        str(files["producers"]),
        "--needs",
        str(files["needs"]),
        "--offers",
        str(files["offers"]),
        "--costs",
        str(files["costs"]),
        "--lang",
        "en",
    ]


def test_plan_prints_a_summary(files: dict[str, Path]) -> None:
    code, text = run(*arguments(files))
    assert code == 0
    assert "petite grille" in text
    assert "units needed are met" in text
    assert "Largest unmet needs:" in text  # week 32: P1 is out of season


def test_plan_writes_a_workbook(files: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    code, _ = run(*arguments(files), "-o", str(target))
    assert code == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[0] == "Summary"
    assert {"Panier", "Noailles", "P1", "P2"} <= set(book.sheetnames)
    sheet = book["Panier"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert [c.value for c in sheet[1]][:4] == ["period", "product", "producer", "quantity"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_plan_workbook_speaks_french(files: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    argv = [a if a != "en" else "fr" for a in arguments(files)]
    assert run(*argv, "-o", str(target))[0] == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[0] == "Résumé"
    assert [c.value for c in book["Panier"][1]][:2] == ["période", "produit"]


def test_plan_writes_a_self_contained_page(files: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    code, _ = run(*arguments(files)[:-2], "--lang", "fr", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert code == 0
    assert text.startswith("<!DOCTYPE html>") and '<html lang="fr">' in text
    assert "<script" not in text and "http://" not in text and "https://" not in text
    assert "Plan d’approvisionnement" in text or "Plan d'approvisionnement" in text


def test_plan_csv(files: dict[str, Path], tmp_path: Path) -> None:
    code, text = run(*arguments(files), "--format", "csv")
    frame = pd.read_csv(io.StringIO(text))
    assert code == 0
    assert {"period", "store", "product", "producer", "quantity", "price"} <= set(frame.columns)
    target = tmp_path / "deliveries.csv"
    assert run(*arguments(files), "-o", str(target))[0] == 0
    assert len(pd.read_csv(target)) == len(frame)


def test_plan_bad_input_is_a_message(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files["offers"].write_text("producteur;produit;capacité;prix\nP9;gombo;10;5\n")
    code, _ = run(*arguments(files))
    err = capsys.readouterr().err
    assert code == 2
    assert "offers.csv, row 2, column 'producteur'" in err
    assert "Traceback" not in err


def test_plan_needs_without_offers(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("plan", "--needs", "x.csv", "--lang", "en")
    assert code == 2
    assert "give both" in capsys.readouterr().err


def test_offers_from_open_food_network(tmp_path: Path) -> None:
    producers = tmp_path / "producers.csv"
    producers.write_text("producer_id;name\nM12;Jardins Solidaires (fictif)\n")
    target = tmp_path / "offers.csv"
    code, _ = run(
        "offers",
        "ofn",
        str(SAMPLES / "ofn-products-sample.csv"),
        "--producers",
        str(producers),
        "-o",
        str(target),
        "--lang",
        "en",
    )
    offers = pd.read_csv(target, sep=";", decimal=",")
    assert code == 0
    gombo = offers[offers["product"] == "Gombo"].iloc[0]
    assert gombo["producer"] == "M12" and gombo["unit"] == "kg"
    assert gombo["price"] == pytest.approx(6.4) and gombo["capacity"] == pytest.approx(12.5)
    assert gombo["from"] == "2027-W26"


def test_offers_from_cagette(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run(
        "offers",
        "cagette",
        str(SAMPLES / "cagette-products-sample.csv"),
        "--producer",
        "M03",
        "--lang",
        "en",
    )
    offers = pd.read_csv(io.StringIO(text), sep=";", decimal=",")
    assert code == 0
    assert set(offers["producer"]) == {"M03"}
    gombo = offers[offers["product"] == "Gombo"].iloc[0]
    assert gombo["price"] == pytest.approx(12.8) and gombo["pack"] == pytest.approx(0.5)
    assert "include VAT" in capsys.readouterr().err
