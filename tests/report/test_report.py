"""The HTML report: its content, its languages, its safety, and how a real browser renders it.

The document is parsed with the standard library's ``html.parser`` into a small
tree (the parser also checks that every element is closed in order), and the
checks read that tree: rows, cells, captions, the SVG bars' geometry. The
browser tests open the file in Debian's ``chromium`` (headless): a screenshot
that must not be blank, the DOM as the browser built it, and a PDF printed on
A4. Without chromium they are skipped with the reason, unless
``SELECTION_REQUIRE_BROWSER=1`` (set by ``.ci/run``) turns the skip into a failure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import selection
import selection.files
from selection import SelectionError
from selection.cli import invoke
from selection.engines import Method
from selection.report import build_report, write_report
from selection.report import members as report_members
from selection.report.text import Text, templates
from selection.sensitivity import robustness, weight_intervals

PRODUCERS = selection.example_producers_path()
GRID = selection.example_grid_path()
DATE = dt.datetime(2025, 3, 12, 14, 5)
SAMPLES = 400
BADGES_FR = {"reste retenu", "reste écarté", "dépend des poids"}

#: The shipped grid's rule selects 12 producers (top 12 with category quotas).
SELECTED = 12

# -- a small DOM -----------------------------------------------------------------------------

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter(tag)

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        def matches(node: Node) -> bool:
            for key, value in attrs.items():
                name = "class" if key == "cls" else key.replace("_", "-")
                if name == "class":
                    if value not in node.attrs.get("class", "").split():
                        return False
                elif node.attrs.get(name) != value:
                    return False
            return True

        return [node for node in self.iter(tag) if matches(node)]

    def find(self, tag: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def text(self) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag != "style":
                parts.append(child.text())
        return "".join(parts)

    def words(self) -> str:
        return " ".join(self.text().split())

    def shown(self) -> str:
        """The words outside SVG charts (whose titles repeat the numbers)."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in ("style", "svg"):
                parts.append(child.shown())
        return " ".join("".join(parts).split())


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"</{tag}> closes a void element"
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(document: str) -> Node:
    builder = _Builder()
    builder.feed(document)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements: " + ", ".join(
        n.tag for n in builder.stack[1:]
    )
    return builder.root


def body_rows(doc: Node, table_id: str) -> list[Node]:
    """The rows of a table's body (not those of the tables folded inside its cells)."""
    body = doc.find("table", id=table_id).find("tbody")
    return [c for c in body.children if isinstance(c, Node) and c.tag == "tr"]


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ranking() -> selection.Ranking:
    return selection.rank(PRODUCERS, GRID)


@pytest.fixture(scope="module")
def page_fr() -> str:
    return build_report(PRODUCERS, GRID, samples=SAMPLES, date=DATE)


@pytest.fixture(scope="module")
def page_en() -> str:
    return build_report(PRODUCERS, GRID, lang="en", samples=SAMPLES, date=DATE)


@pytest.fixture(scope="module")
def doc_fr(page_fr: str) -> Node:
    return parse(page_fr)


@pytest.fixture(scope="module")
def doc_en(page_en: str) -> Node:
    return parse(page_en)


# -- content ---------------------------------------------------------------------------------


def test_the_header_names_the_grid_its_hash_the_date_and_the_method(doc_fr: Node) -> None:
    grid = selection.load_grid(GRID)
    header = doc_fr.find("header")
    assert header.find("h1").text() == "Rapport de sélection des producteurs"
    words = header.words()
    assert grid.name in words
    assert grid.hash in words
    assert "12 mars 2025, 14 h 05" in words
    assert "somme pondérée" in words
    assert doc_fr.find("html").attrs["lang"] == "fr"
    assert doc_fr.find("meta").attrs == {"charset": "utf-8"}


def test_the_table_has_one_row_per_producer_in_rank_order(
    doc_fr: Node, ranking: selection.Ranking
) -> None:
    rows = body_rows(doc_fr, "ranking-table")
    assert [r.attrs["data-producer"] for r in rows] == list(ranking.table.index)
    eligible = [r for r in rows if "eligible" in r.attrs["class"].split()]
    ranks = [int(r.find_all("td")[0].text()) for r in eligible]
    assert ranks == ranking.ranked["rank"].astype(int).tolist()
    scores = [float(r.find_all("td")[1].text().replace(",", ".")) for r in eligible]
    np.testing.assert_allclose(scores, ranking.ranked["score"].astype(float), atol=5e-4)
    # Each row names its producer in a row header; the grid's rule marks the selected.
    first = rows[0].find("th")
    assert first.attrs["scope"] == "row" and "Les Jardins de Champ-Fleuri" in first.text()
    decisions = ranking.decisions().table
    chosen = list(decisions.index[decisions["decision"] == "selected"])
    assert [r.attrs["data-producer"] for r in rows if r.attrs["data-selected"] == "true"] == chosen
    assert len(chosen) == SELECTED
    assert not [r for r in rows if "top-last" in r.attrs["class"]]  # no "top 10" of its own


def test_ineligible_producers_come_last_with_their_reason_in_french(
    doc_fr: Node, ranking: selection.Ranking
) -> None:
    rows = {r.attrs["data-producer"]: r for r in body_rows(doc_fr, "ranking-table")}
    ineligible = ranking.table[~ranking.table["eligible"]]
    assert len(ineligible) == 5
    for pid in ineligible.index:
        row = rows[pid]
        assert "ineligible" in row.attrs["class"].split()
        reason = row.find("td", cls="reason").words()
        assert reason.startswith("Non éligible : ne respecte pas : ")
    assert "Distance à l'entrepôt VRAC (km) ≤ 250 (valeur : 264,7)" in rows["P005"].words()
    assert "Nombre d'intermédiaires ≤ 2 (valeur : 3)" in rows["P045"].words()
    assert "fails" not in " ".join(rows[p].words() for p in ineligible.index)


def test_reasons_are_translated_shape_by_shape() -> None:
    grid = selection.load_grid(GRID)
    table = selection.read_table(PRODUCERS)
    table.loc[table["producer_id"] == "P001", "latitude"] = None  # blank: the gate can't check
    table.loc[table["producer_id"] == "P001", "intermediaries"] = "3"
    worst = dataclasses.replace(grid, missing=selection.MissingPolicy.EXCLUDE)
    ranking = selection.rank(table, worst)
    reason = str(ranking.table.loc["P001", "reason"])
    assert reason.count("; ") == 1  # two reasons, one per gate
    doc = parse(build_report(table, worst, samples=100, date=DATE))
    row = doc.find("tr", data_producer="P001")
    words = row.words()
    assert "case vide « latitude » : impossible de vérifier Distance à l'entrepôt" in words
    assert "ne respecte pas : Nombre d'intermédiaires ≤ 2 (valeur : 3)" in words
    english = parse(build_report(table, worst, lang="en", samples=100, date=DATE))
    assert "blank “latitude”: cannot check" in english.find("tr", data_producer="P001").words()


def test_contribution_bars_draw_the_battery_contributions(
    doc_fr: Node, ranking: selection.Ranking
) -> None:
    keys = [b.key for b in ranking.grid.batteries]
    table = ranking.ranked[keys].astype(float)
    high = float(table.clip(lower=0).sum(axis=1).max())
    for row in body_rows(doc_fr, "ranking-table")[:55]:
        pid = row.attrs["data-producer"]
        svg = row.find("svg", cls="bar")
        width = float(svg.attrs["width"])
        outlines = [r for r in svg.find_all("rect") if r.attrs.get("fill") == "none"]
        drawn = [float(r.attrs["width"]) / width * high for r in outlines]
        expected = [v for v in table.loc[pid] if v / high * width > 0.05]
        np.testing.assert_allclose(drawn, expected, atol=0.002)
        assert svg.attrs["role"] == "img"
        label = svg.attrs["aria-label"]
        assert svg.find("title").text() == label
        assert label.startswith(pid) and "Qualité" in label and "Localité" in label


def test_bars_read_without_colour_every_battery_has_its_own_hatching(doc_fr: Node) -> None:
    legend = doc_fr.find("ul", cls="legend")
    items = legend.find_all("li")
    assert [i.words() for i in items] == ["Qualité", "Localité", "Accessibilité"]
    drawings = []
    for item in items:
        paths = item.find_all("path")
        assert paths, "a legend swatch without hatching"
        drawings.append((paths[0].attrs.get("fill"), paths[0].attrs["d"][:40]))
    assert len(set(drawings)) == 3
    # Values are written on the bars, as text.
    first = body_rows(doc_fr, "ranking-table")[0].find("svg", cls="bar")
    assert [t.text() for t in first.find_all("text")] == ["0,35", "0,25", "0,24"]


def test_robustness_badges_and_sentences_follow_the_sensitivity_module(
    doc_fr: Node, ranking: selection.Ranking
) -> None:
    words = robustness(PRODUCERS, GRID, k=SELECTED, samples=SAMPLES, seed=0, level="battery")
    rows = body_rows(doc_fr, "ranking-table")
    for row in rows[:55]:
        pid = row.attrs["data-producer"]
        line = words.loc[pid]
        badge = row.find("span", cls="badge")
        if row.attrs["data-selected"] == "true":
            expected = "reste retenu" if line["in_top"] >= 0.9 else "dépend des poids"
        else:
            expected = "reste écarté" if 1 - line["in_top"] >= 0.9 else "dépend des poids"
        assert badge.text() == expected
        sentence = row.find("span", cls="sentence").words()
        assert sentence.startswith(f"rang {line['rank']} pour ")
        assert f"{round(100 * line['same_rank'])} %" in sentence
    # The first producer: its most sensitive weight, named by its French label.
    first = rows[0].find("span", cls="sentence").words()
    assert f"reste dans les {SELECTED} premiers tant que le poids de « Localité »" in first


def test_stability_intervals_are_drawn_with_the_current_weight_marked(doc_fr: Node) -> None:
    frame = weight_intervals(PRODUCERS, GRID, scope="top", k=SELECTED, level="battery")
    rows = body_rows(doc_fr, "stability-table")
    assert [r.find("th").text() for r in rows] == ["Qualité", "Localité", "Accessibilité"]
    for row, (_, line) in zip(rows, frame.iterrows(), strict=True):
        svg = row.find("svg", cls="interval")
        width = float(svg.attrs["width"])
        box = next(r for r in svg.find_all("rect") if r.attrs.get("fill") == "none")
        left, size = float(box.attrs["x"]), float(box.attrs["width"])
        np.testing.assert_allclose(
            [left / width, (left + size) / width], [line["low"], line["high"]], atol=0.002
        )
        diamond = svg.find("polygon").attrs["points"].split()[0]
        assert float(diamond.split(",")[0]) / width == pytest.approx(line["weight"], abs=0.002)
        cells = row.find_all("td")
        assert cells[1].words() == f"{round(100 * line['weight'])} %"
        assert "sort" in cells[3].words() and "entre" in cells[3].words()


def test_the_grid_section_shows_labels_weights_and_gates_in_french(doc_fr: Node) -> None:
    grid = selection.load_grid(GRID)
    table = doc_fr.find("table", id="grid-table")
    words = table.words()
    for criterion in grid.criteria:
        assert criterion.label in words
    headers = [th.text() for th in table.find_all("th") if th.attrs.get("scope") == "rowgroup"]
    assert headers == ["Qualité", "Localité", "Accessibilité"]
    assert "35,0 %" in words and "moins c'est élevé, mieux c'est" in words
    gates = doc_fr.find("section", id="grid").find("ul").words()
    assert "Distance à l'entrepôt VRAC (km) ≤ 250" in gates


def test_tables_are_accessible(doc_fr: Node) -> None:
    for table in doc_fr.find_all("table"):
        assert table.find_all("caption"), "a table without caption"
        for th in table.find("thead").find_all("th"):
            assert th.attrs.get("scope") == "col"
        for th in table.find("tbody").find_all("th"):
            assert th.attrs.get("scope") in ("row", "rowgroup")
    for svg in doc_fr.find_all("svg"):
        if svg.attrs.get("aria-hidden") != "true":
            assert svg.attrs["role"] == "img" and svg.attrs["aria-label"]


def test_the_page_prints_on_a4_without_splitting_rows(page_fr: str) -> None:
    assert re.search(r"@page\s*\{\s*size:\s*A4", page_fr)
    assert re.search(r"@media print\s*\{[^@]*tr[^{]*\{[^}]*break-inside:\s*avoid", page_fr)


# -- languages -------------------------------------------------------------------------------


def _fragments(template: str) -> list[str]:
    """The fixed pieces of a template, without its placeholders."""
    pieces = re.split(r"\{[a-z_]+\}", template)
    return [p.strip(" .,:;()«»“”") for p in pieces if len(p.strip(" .,:;()«»“”")) >= 4]


def test_the_two_languages_have_the_same_keys_and_placeholders() -> None:
    french, english = templates("fr"), templates("en")
    assert set(french) == set(english)
    for key, text in french.items():
        fields = set(re.findall(r"\{([a-z_]+)\}", text))
        assert fields == set(re.findall(r"\{([a-z_]+)\}", english[key])), key


def _own_words(doc: Node) -> str:
    """The document's text with the users' own words (grid labels, names) taken out."""
    grid = selection.load_grid(GRID)
    table = selection.read_table(PRODUCERS)
    theirs = [grid.name, *(b.label for b in grid.batteries), *(c.label for c in grid.criteria)]
    theirs += [str(name) for name in table["name"]]
    text = " ".join(doc.text().split())
    for words in sorted(theirs, key=len, reverse=True):
        text = text.replace(" ".join(words.split()), " ")
    return text


def _leaks(text: str, source: str, target: str) -> list[str]:
    """Fixed fragments of language `source` found in `text` (a report in `target`)."""
    own = " ".join(templates(target).values())
    return [
        fragment
        for template in templates(source).values()
        for fragment in _fragments(template)
        if fragment not in own and re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text)
    ]


def test_no_english_is_left_in_the_french_report(doc_fr: Node) -> None:
    text = _own_words(doc_fr)
    assert _leaks(text, "en", "fr") == []
    words = re.findall(r"[A-Za-z']+", text)
    english = {
        "the",
        "of",
        "and",
        "rank",
        "weight",
        "weights",
        "between",
        "stays",
        "fails",
        "blank",
        "now",
        "top",
        "eligible",
        "battery",
        "normalization",
        "with",
        "score",
    }
    assert {w for w in words if w in english} <= {"score"}  # "score" is French too


def test_lang_en_gives_english(doc_en: Node, doc_fr: Node) -> None:
    assert doc_en.find("html").attrs["lang"] == "en"
    assert doc_en.find("h1").text() == "Producer selection report"
    assert [h.text() for h in doc_en.find_all("h2")][:3] == [
        "In short",
        "Ranking",
        "Stability of the battery weights",
    ]
    assert _leaks(_own_words(doc_en), "fr", "en") == []
    text = " ".join(doc_en.text().split())
    assert "fails Distance à l'entrepôt VRAC (km) ≤ 250 (has 264.7)" in text
    assert "0.843" in text and "Qualité" in text  # English numbers, French labels
    assert {b.text() for b in doc_en.find_all("span", cls="badge")} <= {
        "stays in",
        "stays out",
        "depends on the weights",
    }


@pytest.mark.parametrize("lang", ["de", "FR", "", 1])
def test_a_bad_language_is_a_selection_error(lang: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELECTION_LANG", "en")  # the expected texts below are English
    with pytest.raises(SelectionError) as caught:
        build_report(PRODUCERS, GRID, lang=lang)
    assert caught.value.where == "lang"
    assert caught.value.expected == "one of: fr, en"
    if lang == "FR":
        assert caught.value.hint == "did you mean 'fr'?"


@pytest.mark.parametrize(("name", "value"), [("k", 0), ("k", 2.5), ("samples", 0), ("seed", -1)])
def test_bad_numbers_are_selection_errors(name: str, value: Any) -> None:
    with pytest.raises(SelectionError) as caught:
        build_report(PRODUCERS, GRID, **{name: value})
    assert caught.value.where == name


# -- safety ----------------------------------------------------------------------------------


def test_no_external_address_no_script(page_fr: str, doc_fr: Node) -> None:
    assert "http://" not in page_fr and "https://" not in page_fr
    assert "xmlns" not in page_fr  # HTML5 inline SVG needs none
    for node in doc_fr.iter():
        for name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data"):
            assert name not in node.attrs, f"<{node.tag} {name}=...>"
        assert node.tag not in ("script", "link", "img", "iframe", "object", "embed")
    assert "url(" not in page_fr and "@import" not in page_fr and "@font-face" not in page_fr


def test_user_text_is_escaped() -> None:
    table = selection.read_table(PRODUCERS)
    table["name"] = table["name"].astype(object)
    table.loc[table["producer_id"] == "P049", "name"] = "<script>alert(1)</script>"
    table.loc[table["producer_id"] == "P005", "name"] = 'Ferme "des Près" & <b>fils</b>'
    grid = selection.load_grid(GRID)
    battery = dataclasses.replace(grid.batteries[0], label="Qualité <i>& goût</i>")
    grid = dataclasses.replace(grid, batteries=(battery, *grid.batteries[1:]), name="<h1>x</h1>")
    page = build_report(table, grid, samples=100, date=DATE)
    assert "<script" not in page and "<i>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    doc = parse(page)
    assert doc.find("tr", data_producer="P049").find("span", cls="pname").text() == (
        "<script>alert(1)</script>"
    )
    assert 'Ferme "des Près" & <b>fils</b>' in doc.find("tr", data_producer="P005").words()
    assert "Qualité <i>& goût</i>" in doc.find("ul", cls="legend").words()
    assert len(doc.find_all("h1")) == 1
    assert doc.find("title").text().endswith("<h1>x</h1>")


# -- files -----------------------------------------------------------------------------------


def test_write_report_writes_the_document(tmp_path: Path) -> None:
    target = tmp_path / "rapport.html"
    written = write_report(target, PRODUCERS, GRID, samples=100, date=DATE)
    assert written == target
    assert target.read_text(encoding="utf-8") == build_report(
        PRODUCERS, GRID, samples=100, date=DATE
    )
    assert os.stat(target).st_mode & 0o044  # readable by others, unlike mkstemp's 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]


def test_an_error_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rapport.html"
    with pytest.raises(SelectionError):
        write_report(target, PRODUCERS, GRID, lang="xx")
    assert list(tmp_path.iterdir()) == []

    target.write_text("previous report", encoding="utf-8")

    def broken(source: str, destination: str) -> None:
        assert Path(source).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        raise OSError("disk full")

    monkeypatch.setattr(selection.files.os, "replace", broken)
    with pytest.raises(selection.errors.OutputError) as caught:
        write_report(target, PRODUCERS, GRID, samples=100)
    assert caught.value.found == "disk full"
    assert target.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]


def test_writing_into_a_missing_folder_is_a_selection_error(tmp_path: Path) -> None:
    with pytest.raises(SelectionError) as caught:
        write_report(tmp_path / "nowhere" / "r.html", PRODUCERS, GRID)
    assert caught.value.expected == "un fichier dans un dossier existant"


# -- other grids and methods -------------------------------------------------------------------


def test_topsis_bars_may_go_below_zero() -> None:
    grid = dataclasses.replace(selection.load_grid(GRID), method=Method.TOPSIS, normalization=None)
    doc = parse(build_report(PRODUCERS, grid, samples=100, date=DATE))
    notes = doc.find("section", id="ranking").words()
    assert "Score = 0,5 + somme des contributions" in notes
    lines = [svg.find_all("line") for svg in doc.find_all("svg", cls="bar")]
    assert all(len(found) == 1 for found in lines)  # the zero line
    assert body_rows(doc, "stability-table")


def test_a_method_without_contributions_or_intervals_says_so() -> None:
    grid = dataclasses.replace(selection.load_grid(GRID), method=Method.VIKOR, normalization=None)
    doc = parse(build_report(PRODUCERS, grid, samples=100, date=DATE))
    assert not doc.find_all("svg", cls="bar")
    words = doc.find("section", id="ranking").words()
    assert "La méthode VIKOR ne se décompose pas en contributions" in words
    stability = doc.find("section", id="stability").words()
    assert "la somme pondérée et TOPSIS seulement" in stability
    assert len(body_rows(doc, "ranking-table")) == 60
    assert doc.find_all("span", cls="badge")  # robustness holds for any method


def test_a_one_battery_grid_and_a_tiny_table() -> None:
    grid = selection.parse_grid(
        """
format: selection/grid@1
name: Une seule batterie
id: producer_id
method: wsm
batteries:
  quality:
    label: Qualité
    criteria:
      agroecology: {label: Agroécologie, scale: [0, 4], weight: 2}
      intermediaries: {label: Intermédiaires, direction: min, scale: [0, 3], weight: 1}
"""
    )
    table = selection.read_table(PRODUCERS).head(4)
    doc = parse(build_report(table, grid, k=10, samples=100, date=DATE))
    assert len(body_rows(doc, "ranking-table")) == 4
    assert "n'a qu'un seul poids" in doc.find("section", id="stability").words()
    sentences = [s.words() for s in doc.find_all("span", cls="sentence")]
    assert len(sentences) == 4 and all("4 premiers" in s for s in sentences)
    one = parse(build_report(table.head(1), grid, samples=100, date=DATE))
    assert "au moins deux producteurs éligibles" in one.find("section", id="ranking").words()


# -- the committee section ------------------------------------------------------------------------


class _FakeCommittee(types.ModuleType):
    """Stands in for selection.committee, with the API the report is written against."""

    def __init__(self) -> None:
        super().__init__("selection.committee")
        self.loaded: list[Any] = []

    def load_members(self, paths: list[Any], grid: selection.Grid) -> list[Any]:
        self.loaded = list(paths)
        weights = (
            {"quality": 50, "locality": 20, "accessibility": 30},
            {"quality": 20, "locality": 60, "accessibility": 20},
        )
        names = ("Amélie", "Bruno <b>")
        return [
            types.SimpleNamespace(name=name, weights=w, method="points")
            for name, w in zip(names, weights, strict=True)
        ]

    def consensus(
        self, prepared: Any, *, members: list[Any], k: int = 10, lang: str | None = None
    ) -> Any:
        grid = prepared.grid
        ranks = {
            m.name: selection.rank(prepared, weights=m.weights).ranked["rank"] for m in members
        }
        rankings = pd.DataFrame(ranks).astype(float)
        keys = [b.key for b in grid.batteries] + grid.keys
        spread = pd.DataFrame(index=keys)
        for m in members:
            spread[m.name] = grid.with_weights(m.weights).battery_weights.reindex(keys)
        spread["group"] = spread[[m.name for m in members]].mean(axis=1)
        spread["spread"] = spread[[m.name for m in members]].max(axis=1) - spread[
            [m.name for m in members]
        ].min(axis=1)
        contested = (rankings.max(axis=1) - rankings.min(axis=1)).sort_values(ascending=False)
        compromise = pd.DataFrame(
            {
                "borda": rankings.mean(axis=1).rank(method="min"),
                "copeland": rankings.mean(axis=1).rank(method="min"),
                "group": rankings.mean(axis=1).rank(method="first"),
            }
        )
        return types.SimpleNamespace(
            rankings=rankings,
            kendall_w=0.81,
            mean_weighted_spearman=0.74,
            weight_spread=spread,
            contested=contested,
            compromise=compromise,
            outliers={"Bruno <b>": "vos poids placent Localité bien au-dessus du groupe."},
            labels={
                "quality": "Qualité",
                "locality": "Localité",
                "accessibility": "Accessibilité",
            },
        )


@pytest.fixture
def committee(monkeypatch: pytest.MonkeyPatch) -> _FakeCommittee:
    """The report's committee section fed with made-up numbers (W = 0.81, r = 0.74)."""
    fake = _FakeCommittee()
    monkeypatch.setattr(report_members, "load_members", fake.load_members)
    monkeypatch.setattr(report_members, "committee_consensus", fake.consensus)
    return fake


def test_the_committee_section_with_members(committee: _FakeCommittee) -> None:
    page = build_report(PRODUCERS, GRID, members=["a.yaml", "b.yaml"], samples=100, date=DATE)
    assert committee.loaded == ["a.yaml", "b.yaml"]
    doc = parse(page)
    section = doc.find("section", id="committee")
    words = section.words()
    assert "2 membres ont donné leurs poids" in words
    assert "W de Kendall = 0,81, accord très fort" in words
    assert "Spearman pondérée moyenne entre deux membres : 0,74" in words
    weights = body_rows(doc, "members-weights")
    assert [r.find("th").text() for r in weights] == [
        "Amélie",
        "Bruno <b>",
        "Groupe (poids agrégés)",
        "Écart entre membres",
    ]
    assert [c.shown() for c in weights[0].find_all("td")] == ["50 %", "20 %", "30 %"]
    assert [c.shown() for c in weights[3].find_all("td")] == [
        "30 points",
        "40 points",
        "10 points",
    ]
    assert "Localité : écart de 40 points entre les membres" in words
    assert "Bruno <b> : vos poids placent Localité bien au-dessus du groupe." in words
    contested = body_rows(doc, "contested-table")
    assert 0 < len(contested) <= 10
    assert re.fullmatch(r"du \d+(er|e) au \d+e", contested[0].find_all("td")[1].text())
    compromise = body_rows(doc, "compromise-table")
    assert len(compromise) == SELECTED
    assert [r.find_all("td")[0].text() for r in compromise][:1] == ["1"]
    assert "<b>" not in page
    assert "Amélie, Bruno <b>" in doc.find("header").words()


def test_members_already_loaded_are_used_as_they_are(committee: _FakeCommittee) -> None:
    members = committee.load_members([], selection.load_grid(GRID))
    committee.loaded = ["untouched"]
    doc = parse(build_report(PRODUCERS, GRID, members=members, lang="en", samples=100))
    assert committee.loaded == ["untouched"]
    assert (
        "Kendall's W = 0.81, very strong agreement" in doc.find("section", id="committee").words()
    )


def test_without_members_there_is_no_committee_section() -> None:
    doc = parse(build_report(PRODUCERS, GRID, samples=100))
    assert not doc.find_all("section", id="committee")


def test_the_committee_section_with_the_real_committee_module() -> None:
    """Against selection.committee itself, with the shipped member files, once both exist."""
    from selection.committee import load_members

    files = sorted((Path(__file__).resolve().parents[2] / "criteria" / "members").glob("*.yaml"))
    members = load_members(files, selection.load_grid(GRID))
    for lang in ("fr", "en"):
        doc = parse(build_report(PRODUCERS, GRID, members=files, lang=lang, samples=100))
        rows = body_rows(doc, "members-weights")
        names = [r.find("th").text() for r in rows]
        assert names[: len(members)] == [str(m.name) for m in members]
        words = _own_words(doc)
        assert _leaks(words, "en" if lang == "fr" else "fr", lang) == []
        assert len(body_rows(doc, "compromise-table")) == SELECTED


def test_an_empty_member_list_is_a_selection_error() -> None:
    with pytest.raises(SelectionError, match="aucun membre donné"):
        build_report(PRODUCERS, GRID, members=[], samples=100)


# -- the command -------------------------------------------------------------------------------


def test_the_report_command_writes_the_shipped_example(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    out = io.StringIO()
    assert invoke(["report", "-o", str(target), "--lang", "en", "--samples", "100"], out) == 0
    assert out.getvalue() == f"{target}: report written (en)\n"
    doc = parse(target.read_text(encoding="utf-8"))
    assert doc.find("html").attrs["lang"] == "en"
    assert len(body_rows(doc, "ranking-table")) == 60


def test_the_report_command_refuses_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SELECTION_LANG", "en")  # the expected texts below are English
    out = io.StringIO()
    with pytest.raises(SelectionError, match="a grid without a producer table"):
        invoke(["report", str(GRID), "-o", str(tmp_path / "r.html")], out)
    with pytest.raises(SystemExit):  # argparse: invalid choice
        invoke(["report", "--lang", "es", "-o", str(tmp_path / "r.html")], out)
    with pytest.raises(SelectionError, match="--top out of range"):
        invoke(["report", "--top", "0", "-o", str(tmp_path / "r.html")], out)
    assert list(tmp_path.iterdir()) == []


def test_the_text_helpers() -> None:
    fr, en = Text("fr"), Text("en")
    assert fr.count(5000) == "5\u202f000" and en.count(5000) == "5,000"
    assert fr.ordinal(1) == "1er" and fr.ordinal(3) == "3e" and en.ordinal(3) == "3"
    assert fr.number(-0.0004, 3) == "0,000" and fr.number(-0.25, 2) == "−0,25"
    assert fr.integer(2.5) == "2,5" and en.integer(4.0) == "4"
    assert fr.date(dt.date(2025, 8, 1)) == "1 août 2025"
    assert en.date(dt.datetime(2025, 8, 1, 9, 30)) == "1 August 2025, 09:30"
    assert [fr.agreement(w) for w in (0.1, 0.3, 0.5, 0.7, 0.9)] == [
        "accord très faible",
        "accord faible",
        "accord modéré",
        "accord fort",
        "accord très fort",
    ]


# -- a real browser ------------------------------------------------------------------------------

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: Where Debian puts its browser, should it not be on the PATH.
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")


def _chromium() -> str:
    found = shutil.which("chromium") or (
        str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.exists() else None
    )
    if found:
        return found
    reason = (
        "chromium is not installed, so the report was not opened in a real browser "
        "(Debian: apt-get install chromium)"
    )
    if os.environ.get("SELECTION_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SELECTION_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def test_without_chromium_the_browser_tests_skip_unless_required(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(sys.modules[__name__], "DEBIAN_CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("SELECTION_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        _chromium()
    monkeypatch.setenv("SELECTION_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="SELECTION_REQUIRE_BROWSER=1"):
        _chromium()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    """Chromium's path, the report file (French), and a scratch folder."""
    browser = _chromium()
    folder = tmp_path_factory.mktemp("browser")
    report = write_report(folder / "rapport.html", PRODUCERS, GRID, samples=SAMPLES, date=DATE)
    return browser, report, folder


def _run_browser(browser: str, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = folder / f"profile-{len(list(folder.iterdir()))}"
    command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=180, check=False, cwd=folder
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def test_chromium_renders_a_screenshot_that_is_not_blank(
    rendered: tuple[str, Path, Path],
) -> None:
    import matplotlib.image

    browser, report, folder = rendered
    png = folder / "rapport.png"
    _run_browser(
        browser, folder, f"--screenshot={png}", "--window-size=1200,2000", report.as_uri()
    )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = matplotlib.image.imread(png)[:, :, :3]
    assert image.shape == (2000, 1200, 3)
    assert float(image.std()) > 0.05, "a blank page"
    dark = (image.max(axis=2) < 0.3).mean()
    assert 0.005 < dark < 0.5, f"{dark:.1%} of the pixels are text-dark"
    # The bars were drawn: the tint of the first battery fills part of the page.
    tint = np.array([0xCF, 0xE6, 0xF5]) / 255
    assert (np.abs(image - tint).max(axis=2) < 0.02).sum() > 2000


def test_chromium_builds_the_table(rendered: tuple[str, Path, Path]) -> None:
    browser, report, folder = rendered
    result = _run_browser(browser, folder, "--dump-dom", report.as_uri())
    assert "<table" in result.stdout
    doc = parse(re.sub(r"^<!DOCTYPE html>", "", result.stdout.strip()))
    rows = body_rows(doc, "ranking-table")
    assert len(rows) == 60
    assert rows[0].attrs["data-producer"] == selection.rank(PRODUCERS, GRID).ranked.index[0]
    assert len(doc.find_all("svg", cls="bar")) == 55


def test_chromium_prints_it_on_a4_pages(rendered: tuple[str, Path, Path]) -> None:
    browser, report, folder = rendered
    pdf = folder / "rapport.pdf"
    _run_browser(
        browser, folder, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report.as_uri()
    )
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert len(boxes) >= 2, "the report should take several pages"
    for width, height in boxes:
        assert float(width) == pytest.approx(595.3, abs=1) and float(height) == pytest.approx(
            841.9, abs=1
        )
    assert len(data) < 3_000_000, "hatching as SVG patterns turns into heavy raster images"


def test_interval_words_are_never_degenerate() -> None:
    """No "from 100 % to 100 %", no "above 100 %": the ends are said for what they are."""
    from types import SimpleNamespace

    from selection.report.sections import _span
    from selection.report.text import Text

    facts: Any = SimpleNamespace(text=Text("fr"))
    assert _span(facts, 0.0, 1.0, 0.35) == "quel que soit ce poids"
    assert _span(facts, 0.35, 0.35, 0.35) == "seulement à sa valeur actuelle, 35\u00a0%"
    assert _span(facts, 0.0, 0.6, 0.35) == "jusqu'à 60\u00a0%"
    assert _span(facts, 0.2, 1.0, 0.35) == "à partir de 20\u00a0%"
    assert _span(facts, 0.2, 0.6, 0.35) == "de 20\u00a0% à 60\u00a0%"


def test_each_eligible_producer_has_its_criterion_detail(
    doc_fr: Node, ranking: selection.Ranking
) -> None:
    rows = body_rows(doc_fr, "ranking-table")
    eligible = [r for r in rows if "eligible" in r.attrs["class"].split()]
    assert len(eligible) == len(ranking.ranked)
    first = eligible[0].find("details", cls="detail")
    items = first.find("ul", cls="criteria").find_all("li")
    assert len(items) == len(ranking.grid.criteria)
    words = first.words()
    assert "Label bio : Nature & Progrès" in words
    assert "dans le score" in words
    assert "celui du meilleur producteur écarté" in words
    page = doc_fr.text()
    assert "100 % et 100 %" not in page and "au-dessus de 100 %" not in page


TIERED = """
select:
  tiers:
    - {min_score: 0.75, label: "conventionné 90 %", rate: 0.9}
    - {min_score: 0.55, label: "conventionné 50 %", rate: 0.5}
    - {label: "non conventionné", rate: 0}
"""


def test_a_grid_with_tiers_shows_each_producer_s_tier_and_its_robustness() -> None:
    """With tiers, no top k: each producer's tier, why, and how often it keeps it (issue 13)."""
    text = Path(GRID).read_text(encoding="utf-8")
    grid = selection.parse_grid(text[: text.index("select:")] + TIERED.lstrip())
    doc = parse(build_report(PRODUCERS, grid, samples=200, date=DATE))
    decisions = selection.rank(PRODUCERS, grid).decisions().table
    rows = body_rows(doc, "ranking-table")
    for row in rows:
        pid = row.attrs["data-producer"]
        if "ineligible" in row.attrs["class"].split():
            continue
        cell = row.find("td", cls="decision").words()
        assert cell.startswith(str(decisions.loc[pid, "tier"])), (pid, cell)
        assert row.find("span", cls="badge").text() in {"garde son palier", "dépend des poids"}
    counts = decisions["tier"].value_counts()
    summary = doc.find("section", id="summary").words()
    for tier, count in counts.items():
        assert f"{tier} : {count}" in summary
