"""The printable questionnaire: one question per column, boxes to tick, escaped text, A4."""

from __future__ import annotations

from pathlib import Path

import pytest

import selection
from selection.errors import OutputError
from selection.forms import questionnaire, questionnaire_html

from .pages import Node, parse

GRID = selection.example_grid_path()

#: The columns asked, in grid order (the id and the name are in the producer's box).
QUESTIONS = [
    ("organic_label", "Label bio"),
    ("agroecology", "Agroécologie (score TAPE 0–4)"),
    ("latitude", "Latitude"),
    ("longitude", "Longitude"),
    ("intermediaries", "Nombre d'intermédiaires"),
    ("price_index", "Prix / prix de référence (%)"),
    ("solidarity_price", "Accepte un prix solidaire ou fixe sur la saison"),
    ("min_order_eur", "Minimum de commande (€)"),
    ("delivers_to_hub", "Livre la plateforme"),
    ("payment_days", "Délai de paiement accepté (jours)"),
    ("weekly_volume_kg", "Volume disponible (kg / semaine)"),
    ("category", "category"),
]

#: Odd words a grid may hold, to see them escaped (and a level with a comma and quotes).
ODD_GRID = """\
format: selection/grid@1
name: "<script>alert('grille')</script> & co"
id: code
batteries:
  q:
    label: Qualité
    criteria:
      label:
        label: "Label <b>bio</b>"
        column: lab
        levels: {"aucun": 0, "bio, AB": 2, 'dit "fermier" & co': 1}
      price: {label: "Prix < 2 €", direction: min, scale: [1, 9]}
"""


@pytest.fixture(scope="module")
def french() -> Node:
    root, declarations = parse(questionnaire_html(GRID, lang="fr"))
    assert declarations == ["DOCTYPE html"]
    return root


def questions(root: Node) -> list[Node]:
    return root.find("ol", "questions").find_all("li", "question")


def test_the_language_is_said(french: Node) -> None:
    assert french.find("html").attrs["lang"] == "fr"
    english, _ = parse(questionnaire_html(GRID, lang="en"))
    assert english.find("html").attrs["lang"] == "en"


def test_one_question_per_column_in_the_template_order(french: Node) -> None:
    found = [(q.attrs["data-column"], q.find("h3").text) for q in questions(french)]
    assert found == QUESTIONS


def test_levels_and_yes_no_are_boxes_to_tick(french: Node) -> None:
    by_column = {q.attrs["data-column"]: q for q in questions(french)}
    organic = [li.text for li in by_column["organic_label"].find("ul", "choices").find_all("li")]
    assert organic == ["☐" + word for word in ["none", "HVE", "conversion", "AB"]] + [
        "☐Nature & Progrès"
    ]
    for column in ("solidarity_price", "delivers_to_hub"):
        boxes = by_column[column].find("ul", "choices").find_all("li")
        assert [li.text for li in boxes] == ["☐oui", "☐non"]
    for column, question in by_column.items():
        has_boxes = bool(question.find_all("ul", "choices"))
        assert has_boxes == (column in ("organic_label", "solidarity_price", "delivers_to_hub"))


def test_numbers_are_a_line_with_the_unit_and_the_scale(french: Node) -> None:
    by_column = {q.attrs["data-column"]: q for q in questions(french)}
    payment = by_column["payment_days"].find("p", "answer")
    assert payment.find_all("span", "line")
    assert payment.find("span", "unit").text == "jours"
    assert payment.find("span", "range").text == "(entre 0 et 60)"
    volume = by_column["weekly_volume_kg"].find("p", "answer")
    assert volume.find("span", "unit").text == "kg / semaine"
    assert volume.find("span", "range").text == "(entre 0 et 1500)"
    latitude = by_column["latitude"].find("p", "answer")
    assert latitude.find("span", "range").text == "(entre \u221290 et 90)"
    assert by_column["category"].find("span", "line").classes == ["line", "wide"]


def test_the_producer_box_and_the_footer(french: Node) -> None:
    box = french.find("table", "who")
    assert [th.text for th in box.find_all("th")] == [
        "Nom",
        "Identifiant (rempli par le collectif)",
        "Contact (téléphone, courriel)",
        "Adresse de la ferme",
    ]
    assert "À renvoyer à" in french.find("footer").text
    with_address, _ = parse(questionnaire_html(GRID, lang="fr", return_to="VRAC, Vaulx-en-Velin"))
    assert with_address.find("span", "return-to").text == "VRAC, Vaulx-en-Velin"


def test_a_printable_self_contained_page(french: Node) -> None:
    style = french.find("style").text
    assert "@page" in style and "A4" in style
    assert "break-inside: avoid" in style
    tags = {node.tag for node in french.iter()}
    assert not tags & {"script", "link", "img", "iframe", "object"}
    assert all(
        not str(value).startswith(("http:", "https:", "javascript:"))
        for node in french.iter()
        for value in node.attrs.values()
    )


def test_user_text_is_escaped_and_marked_dir_auto(tmp_path: Path) -> None:
    grid = selection.parse_grid(ODD_GRID)
    page = questionnaire_html(grid, lang="en", return_to="<i>Marc</i>")
    root, _ = parse(page)
    assert "<script>" not in page and "<b>bio</b>" not in page
    assert {node.tag for node in root.iter()}.isdisjoint({"script", "b", "i"})
    title = root.find("h1")
    assert title.text == "<script>alert('grille')</script> & co"
    assert title.attrs["dir"] == "auto"
    label, price = questions(root)
    assert label.find("h3").text == "Label <b>bio</b>"
    assert label.find("h3").attrs["dir"] == "auto"
    words = [li.text for li in label.find("ul", "choices").find_all("li")]
    assert words == ["☐aucun", "☐bio, AB", '☐dit "fermier" & co']
    assert all(
        span.attrs.get("dir") == "auto"
        for span in label.find("ul", "choices").find_all("span")
        if "box" not in span.classes
    )
    assert price.find("h3").text == "Prix < 2 €"
    assert root.find("span", "return-to").text == "<i>Marc</i>"


def test_questionnaire_writes_the_page(tmp_path: Path) -> None:
    path = questionnaire(GRID, tmp_path / "questionnaire.html", lang="en")
    assert path == tmp_path / "questionnaire.html"
    assert path.read_text(encoding="utf-8") == questionnaire_html(GRID, lang="en")


def test_refuses_to_write_over_an_input(tmp_path: Path) -> None:
    grid = tmp_path / "grille.yaml"
    grid.write_bytes(GRID.read_bytes())
    with pytest.raises(OutputError) as info:
        questionnaire(grid, grid, inputs=[grid])
    assert str(grid) in info.value.found
    assert grid.read_bytes() == GRID.read_bytes()
    with pytest.raises(OutputError):  # the grid's own file is protected even when not listed
        questionnaire(grid, grid)
    assert grid.read_bytes() == GRID.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["grille.yaml"]
