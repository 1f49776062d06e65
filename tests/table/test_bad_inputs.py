"""Bad inputs: every mistake gets a SelectionError that says where, what and how to fix it.

The bar: a malformed YAML file, a misspelled criterion, a negative weight, a
missing column, a blank cell, a French decimal comma, an unknown level... each
gets an error naming the place (file and line, or producer and column), what was
expected, what was found and, where one is known, the fix. Never a bare
traceback from pandas or pymcdm, never a silent NaN score, and the caller's
files and DataFrames are never modified.

The corpus is in ``tests/data/bad/``:

* ``good-grid.yaml`` and ``good-producers.csv``: a small grid and a table that fit;
* ``grids/*.yaml``: the good grid with one mistake each (its first line says which);
* ``tables/*``: the good table with one mistake each, plus French spreadsheets
  that must work (``french-excel.csv``, ``windows-1252.csv``).

Every fixture file has exactly one entry in :data:`GRID_CASES` or
:data:`TABLE_CASES`. Cases that need bytes no editor should touch (a Latin-1
grid, a binary "CSV") or an ``.xlsx`` workbook are built in ``tmp_path``.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import selection
from selection import DataError, GridError, MethodError, MissingPolicy, SelectionError

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
GOOD_GRID = BAD / "good-grid.yaml"
GOOD_TABLE = BAD / "good-producers.csv"
GRIDS = BAD / "grids"
TABLES = BAD / "tables"


@dataclass(frozen=True)
class Expect:
    """What an error must say: its type, and text each of its fields must contain."""

    error: type[SelectionError]
    where: tuple[str, ...] = ()
    expected: tuple[str, ...] = ()
    found: tuple[str, ...] = ()
    hint: tuple[str, ...] = ()
    problem: tuple[str, ...] = ()

    def check(self, exc: BaseException) -> None:
        assert type(exc) is self.error, f"{type(exc).__name__}: {exc}"
        assert isinstance(exc, SelectionError)
        assert isinstance(exc, ValueError)  # the family is a ValueError, as documented
        for field in ("where", "expected", "found", "hint", "problem"):
            text = getattr(exc, field)
            for part in getattr(self, field):
                assert text is not None and part in text, f"{field}={text!r} lacks {part!r}"
        # The message people read carries the same fields.
        message = str(exc)
        for value in (exc.where, exc.problem, exc.expected, exc.found, exc.hint):
            if value:
                assert value in message
        assert "Traceback" not in message


def raised(action: Callable[[], object]) -> SelectionError:
    """Run `action`; it must raise a SelectionError (anything else fails the test)."""
    with pytest.raises(SelectionError) as info:
        action()
    return info.value


def good_grid(**changes: object) -> selection.Grid:
    return dataclasses.replace(selection.load_grid(GOOD_GRID), **changes)  # type: ignore[arg-type]


def assert_sound(ranking: selection.Ranking) -> None:
    """No silent NaN: eligible producers have finite scores, the others a reason."""
    table = ranking.table
    eligible = table["eligible"].to_numpy(dtype=bool)
    scores = table["score"].to_numpy(dtype=float, na_value=np.nan)
    assert np.isfinite(scores[eligible]).all()
    assert (table.loc[~eligible, "reason"].str.len() > 0).all()
    assert not table.loc[eligible, "reason"].astype(bool).any()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- grids ---------------------------------------------------------------------------------

#: One entry per file of ``tests/data/bad/grids``; `where` names the file and line.
GRID_CASES: dict[str, Expect] = {
    "no-format.yaml": Expect(
        GridError,
        where=("no-format.yaml", "(format)"),
        expected=("format: selection/grid@1",),
        found=("no `format:` line",),
        hint=("add `format: selection/grid@1`",),
    ),
    "wrong-version.yaml": Expect(
        GridError,
        where=("wrong-version.yaml, line 2 (format)",),
        expected=("selection/grid@1",),
        found=("'selection/grid@2'",),
        hint=("reads selection/grid@1 only",),
    ),
    "invalid-yaml.yaml": Expect(
        GridError,
        problem=("not valid YAML",),
        where=("invalid-yaml.yaml, line 14",),
        found=("mapping values are not allowed here",),
        hint=("quote text that contains ':'",),
    ),
    "tabs.yaml": Expect(
        GridError,
        problem=("not valid YAML",),
        where=("tabs.yaml, line 20",),
        found=("'\\t'",),
        hint=("spaces, not tabs",),
    ),
    "duplicate-key.yaml": Expect(
        GridError,
        problem=("'weight' appears twice",),
        where=("duplicate-key.yaml, line 21", "batteries.quality.criteria.agroecology.weight"),
        expected=("each key once",),
        found=("the first is on line 20",),
    ),
    "typo-top-key.yaml": Expect(
        GridError,
        problem=("unknown key 'eligibilty'",),
        where=("typo-top-key.yaml, line 36 (eligibilty)",),
        expected=("eligibility",),
        found=("'eligibilty'",),
        hint=("did you mean 'eligibility'?",),
    ),
    "typo-criterion-key.yaml": Expect(
        GridError,
        problem=("unknown key 'wieght'",),
        where=("typo-criterion-key.yaml, line 20", "agroecology.wieght"),
        expected=("weight", "direction", "levels"),
        found=("'wieght'",),
        hint=("did you mean 'weight'?",),
    ),
    "negative-weight.yaml": Expect(
        GridError,
        problem=("non-negative",),
        where=("negative-weight.yaml, line 20", "agroecology.weight"),
        expected=("≥ 0",),
        found=("-1",),
        hint=("give 0 to switch a criterion off",),
    ),
    "text-weight.yaml": Expect(
        GridError,
        problem=("expected a number",),
        where=("text-weight.yaml, line 24 (batteries.locality.weight)",),
        expected=("a number such as 3 or 2.5",),
        found=("'beaucoup'",),
    ),
    "decimal-comma-weight.yaml": Expect(
        GridError,
        where=("decimal-comma-weight.yaml, line 24 (batteries.locality.weight)",),
        found=("'1,5'",),
        hint=("write 1.5 with a decimal point",),
    ),
    "all-batteries-zero.yaml": Expect(
        GridError,
        problem=("all battery weights are 0",),
        where=("all-batteries-zero.yaml, line 8 (batteries)",),
        expected=("at least one battery with a positive weight",),
    ),
    "all-criteria-zero.yaml": Expect(
        GridError,
        problem=("all have weight 0",),
        where=("all-criteria-zero.yaml, line 25 (batteries.locality.criteria)",),
        expected=("at least one criterion with a positive weight",),
        hint=("battery 'locality' to 0",),
    ),
    "duplicate-criterion.yaml": Expect(
        GridError,
        problem=("key 'organic' is used twice",),
        where=("duplicate-criterion.yaml, line 32", "batteries.locality.criteria.organic"),
        expected=("unique across the grid",),
        found=("line 13", "batteries.quality.criteria.organic"),
        hint=("rename",),
    ),
    "reserved-criterion.yaml": Expect(
        GridError,
        problem=("'score' is a reserved name",),
        where=("reserved-criterion.yaml, line 18 (batteries.quality.criteria.score)",),
        expected=("'score', 'rank', 'eligible', 'reason'",),
        found=("'score'",),
        hint=("label",),
    ),
    "reserved-battery.yaml": Expect(
        GridError,
        problem=("'rank' is a reserved name",),
        where=("reserved-battery.yaml, line 22 (batteries.rank)",),
        expected=("a battery key other than",),
    ),
    "unknown-direction.yaml": Expect(
        GridError,
        problem=("unknown direction",),
        where=("unknown-direction.yaml, line 27", "distance.direction"),
        expected=("one of: max, min",),
        found=("'minimum'",),
        hint=("did you mean 'min'?",),
    ),
    "unknown-method.yaml": Expect(
        GridError,
        problem=("unknown method",),
        where=("unknown-method.yaml, line 5 (method)",),
        expected=("wsm", "topsis"),
        found=("'topsys'",),
        hint=("did you mean 'topsis'?",),
    ),
    "unknown-normalization.yaml": Expect(
        GridError,
        problem=("unknown normalization",),
        where=("unknown-normalization.yaml, line 6 (normalization)",),
        expected=("minmax", "vector"),
        found=("'vectorial'",),
        hint=("did you mean 'vector'?",),
    ),
    "unknown-missing.yaml": Expect(
        GridError,
        problem=("unknown missing-data policy",),
        where=("unknown-missing.yaml, line 6 (missing)",),
        expected=("one of: raise, worst, exclude",),
        found=("'ignore'",),
    ),
    "reversed-scale.yaml": Expect(
        GridError,
        problem=("wrong order",),
        where=("reversed-scale.yaml, line 19", "agroecology.scale"),
        expected=("low < high",),
        found=("[4, 0]",),
        hint=("write [0, 4]", "direction: min"),
    ),
    "scale-three-values.yaml": Expect(
        GridError,
        where=("scale-three-values.yaml, line 19", "agroecology.scale"),
        expected=("[low, high]",),
        found=("[0, 2, 4]",),
    ),
    "empty-levels.yaml": Expect(
        GridError,
        problem=("no levels",),
        where=("empty-levels.yaml, line 16", "organic.levels"),
        expected=("word: points",),
    ),
    "duplicate-level.yaml": Expect(
        GridError,
        problem=("same word",),
        where=("duplicate-level.yaml, line 16", "organic.levels.ab"),
        found=("'AB' and 'ab'",),
    ),
    "hub-without-distance.yaml": Expect(
        GridError,
        problem=("`hub:` without `distance_from:`",),
        where=("hub-without-distance.yaml, line 20", "agroecology.hub"),
    ),
    "gate-unknown-criterion.yaml": Expect(
        GridError,
        problem=("gate on unknown criterion 'distanse'",),
        where=("gate-unknown-criterion.yaml, line 37 (eligibility[0].criterion)",),
        expected=("organic", "distance"),
        found=("'distanse'",),
        hint=("did you mean 'distance'?",),
    ),
    "gate-without-test.yaml": Expect(
        GridError,
        problem=("a gate without a test",),
        where=("gate-without-test.yaml, line 37 (eligibility[0])",),
        expected=("`min:`", "`max:`", "`in:`"),
    ),
    "blank-id-column.yaml": Expect(
        GridError,
        problem=("blank",),
        where=("blank-id-column.yaml, line 4 (id)",),
        found=("''",),
    ),
    "not-a-grid.yaml": Expect(
        GridError,
        problem=("not a grid file",),
        where=("not-a-grid.yaml",),
        expected=("format: selection/grid@1",),
        found=("list",),
    ),
    "empty.yaml": Expect(
        GridError,
        problem=("the file is empty",),
        where=("empty.yaml",),
        expected=("format: selection/grid@1",),
        found=("nothing",),
    ),
}


def test_every_grid_fixture_has_a_case() -> None:
    assert {p.name for p in GRIDS.iterdir()} == set(GRID_CASES)


def test_the_good_grid_and_table_fit() -> None:
    assert_sound(selection.rank(GOOD_TABLE, GOOD_GRID))


@pytest.mark.parametrize("name", sorted(GRID_CASES))
def test_bad_grid(name: str) -> None:
    GRID_CASES[name].check(raised(lambda: selection.load_grid(GRIDS / name)))


@pytest.mark.parametrize("name", ["typo-criterion-key.yaml", "negative-weight.yaml"])
def test_rank_reports_the_grid_error_too(name: str) -> None:
    GRID_CASES[name].check(raised(lambda: selection.rank(GOOD_TABLE, GRIDS / name)))


def test_grid_not_utf8(tmp_path: Path) -> None:
    text = GOOD_GRID.read_text(encoding="utf-8")
    path = tmp_path / "latin.yaml"
    path.write_bytes(text.encode("cp1252"))
    line = text[: text.index("Qualité")].count("\n") + 1
    Expect(
        GridError,
        problem=("not UTF-8",),
        where=(f"latin.yaml, line {line}",),
        expected=("UTF-8",),
        found=("0xe9",),  # é in Windows-1252
        hint=("save the file again as UTF-8",),
    ).check(raised(lambda: selection.load_grid(path)))


def test_grid_file_missing(tmp_path: Path) -> None:
    Expect(
        GridError,
        problem=("cannot read the grid file",),
        where=("nowhere.yaml",),
        found=("No such file",),
        hint=("check the path",),
    ).check(raised(lambda: selection.load_grid(tmp_path / "nowhere.yaml")))


def test_grid_and_table_swapped() -> None:
    Expect(
        GridError,
        problem=("not a grid file",),
        where=("good-producers.csv",),
        found=("producer_id,name",),
    ).check(raised(lambda: selection.rank(GOOD_GRID, GOOD_TABLE)))  # type: ignore[arg-type]


def test_grid_with_python_tag() -> None:
    text = (
        GOOD_GRID.read_text(encoding="utf-8") + "description: !!python/object/apply:os.getcwd []\n"
    )
    Expect(
        GridError,
        problem=("not valid YAML",),
        where=("evil.yaml, line 39",),
        found=("python/object/apply:os.getcwd",),
        hint=("remove the `!` tag",),
    ).check(raised(lambda: selection.parse_grid(text, source="evil.yaml")))


def test_grid_with_an_alias_inside_itself() -> None:
    text = GOOD_GRID.read_text(encoding="utf-8") + "description: &loop [*loop]\n"
    Expect(
        GridError,
        problem=("alias contains itself",),
        where=("evil.yaml, line 39",),
        hint=("write the value out",),
    ).check(raised(lambda: selection.parse_grid(text, source="evil.yaml")))


def test_grid_with_anchors_and_aliases_works() -> None:
    text = GOOD_GRID.read_text(encoding="utf-8").replace(
        "hub: [45.78, 4.92]", "hub: &vrac [45.78, 4.92]"
    )
    assert selection.parse_grid(text) == selection.load_grid(GOOD_GRID)


# -- tables --------------------------------------------------------------------------------

#: One entry per file of ``tests/data/bad/tables``, ranked with the good grid.
#: None: the file must work (and rank like ``good-producers.csv``).
TABLE_CASES: dict[str, Expect | None] = {
    "missing-id-column.csv": Expect(
        DataError,
        problem=("lacks 1 column",),
        where=("missing-id-column.csv",),
        expected=("'producer_id' (for the id column",),
        found=("'producer'",),
        hint=("did you mean 'producer'?",),
    ),
    "blank-ids.csv": Expect(
        DataError,
        problem=("producers without an id",),
        where=("blank-ids.csv, row 3", "column 'producer_id'"),
        found=("1 blank cell",),
        hint=("give each producer an id",),
    ),
    "duplicate-ids.csv": Expect(
        DataError,
        problem=("not unique",),
        where=("duplicate-ids.csv, rows 3, 4", "column 'producer_id'"),
        found=("'P02'",),
        hint=("distinct ids",),
    ),
    "missing-column.csv": Expect(
        DataError,
        problem=("lacks 1 column",),
        where=("missing-column.csv",),
        expected=("'longitude' (for criterion 'distance')",),
        found=("'latitude'",),
    ),
    "misspelled-column.csv": Expect(
        DataError,
        problem=("lacks 1 column",),
        where=("misspelled-column.csv",),
        expected=("'agroecology' (for criterion 'agroecology')",),
        found=("'agroecologie'",),
        hint=("did you mean 'agroecologie'?",),
    ),
    "non-numeric.csv": Expect(
        DataError,
        problem=("criterion 'agroecology' needs numbers",),
        where=("non-numeric.csv", "producer P02, column 'agroecology'"),
        expected=("12,5",),
        found=("P02: 'beaucoup'",),
        hint=("levels:",),
    ),
    "infinite-value.csv": Expect(
        DataError,
        where=("infinite-value.csv", "producer P02, column 'agroecology'"),
        expected=("finite number",),
        found=("P02: '1e999'",),
    ),
    "unknown-level.csv": Expect(
        DataError,
        problem=("unknown level for criterion 'organic'",),
        where=("unknown-level.csv", "producer P03, column 'organic_label'"),
        expected=("'none', 'HVE', 'AB'",),
        found=("P03: 'bio'",),
        hint=("add the word to the criterion's `levels:`",),
    ),
    "bad-boolean.csv": Expect(
        DataError,
        problem=("yes/no",),
        where=("bad-boolean.csv", "producer P01, column 'solidarity_price'"),
        expected=("oui", "non"),
        found=("P01: 'peut-être'",),
        hint=("oui/non",),
    ),
    "latitude-out-of-range.csv": Expect(
        DataError,
        problem=("out of range",),
        where=("latitude-out-of-range.csv", "producer P02, column 'latitude'"),
        expected=("between -90 and 90",),
        found=("P02: '145.8978'",),
        hint=("swapped",),
    ),
    "blank-cells.csv": Expect(
        DataError,
        problem=("2 blank cells", "`missing: raise`"),
        where=("blank-cells.csv", "P02 ('agroecology')", "P03 ('solidarity_price')"),
        hint=("missing: worst", "missing: exclude"),
    ),
    "duplicate-headers.csv": Expect(
        DataError,
        problem=("column 'agroecology' appears twice",),
        where=("duplicate-headers.csv",),
        found=("columns 4 and 8",),
        hint=("rename or delete one",),
    ),
    "unquoted-decimal-comma.csv": Expect(
        DataError,
        problem=("more cells than the header",),
        where=("unquoted-decimal-comma.csv, line 3",),
        expected=("7 ','-separated cells",),
        found=("9 cells",),
        hint=("decimals with a point",),
    ),
    "empty.csv": Expect(
        DataError, problem=("empty",), where=("empty.csv",), found=("an empty file",)
    ),
    "header-only.csv": Expect(
        DataError, problem=("no producers",), where=("header-only.csv",), found=("header only",)
    ),
    # A CSV saved under the name of a LibreOffice workbook.
    "producers.ods": Expect(
        DataError,
        problem=("the spreadsheet cannot be read",),
        where=("producers.ods",),
        expected=(".ods workbook",),
        hint=("this file is text, not a workbook: rename it to .csv",),
    ),
    # `;`, decimal commas, spaces around headers and cells, mixed case, a blank
    # line and a line of empty cells: Excel on a French Windows.
    "french-excel.csv": None,
    # The same, encoded in Windows-1252 with CRLF line ends.
    "windows-1252.csv": None,
}


def test_every_table_fixture_has_a_case() -> None:
    assert {p.name for p in TABLES.iterdir()} == set(TABLE_CASES)


@pytest.mark.parametrize("name", sorted(TABLE_CASES))
def test_bad_table(name: str) -> None:
    expect = TABLE_CASES[name]
    if expect is None:
        ranking = selection.rank(TABLES / name, GOOD_GRID)
        assert_sound(ranking)
        good = selection.rank(GOOD_TABLE, GOOD_GRID)
        pd.testing.assert_series_equal(ranking.table["score"], good.table["score"])
    else:
        expect.check(raised(lambda: selection.rank(TABLES / name, GOOD_GRID)))


def test_windows_1252_accents_are_read_right() -> None:
    path = TABLES / "windows-1252.csv"
    with pytest.raises(UnicodeDecodeError):  # guard: the fixture must stay Windows-1252
        path.read_bytes().decode("utf-8")
    table = selection.read_table(path)
    assert "catégorie" in table.columns
    assert table["name"].tolist()[1:] == ["Ferme Brunel-Gérin", "EARL Estève"]
    assert table["catégorie"].tolist() == ["céréales", "fromage", "légumes"]
    explanation = selection.rank(path, GOOD_GRID).explain("P03")
    assert "EARL Estève" in explanation


def test_french_excel_headers_and_decimals() -> None:
    table = selection.read_table(TABLES / "french-excel.csv")
    assert list(table.columns)[:4] == ["producer_id", "Nom", "organic_label", "agroecology"]
    assert table["producer_id"].tolist() == ["P01", "P02", "P03"]  # blank rows dropped
    # Rows keep the numbers a spreadsheet shows (the blank line 4 is skipped).
    assert table.index.tolist() == [2, 3, 5]
    ranking = selection.rank(TABLES / "french-excel.csv", GOOD_GRID)
    assert ranking.matrix.values[2, 1] == 2.0  # noqa: PD011 ("2,0")


def test_table_file_missing(tmp_path: Path) -> None:
    Expect(
        DataError,
        problem=("cannot find the producer table",),
        where=("nowhere.csv",),
        found=("no such file",),
        hint=("check the path",),
    ).check(raised(lambda: selection.rank(tmp_path / "nowhere.csv", GOOD_GRID)))


def test_table_is_a_folder(tmp_path: Path) -> None:
    Expect(DataError, where=(tmp_path.name,), found=("a folder",)).check(
        raised(lambda: selection.read_table(tmp_path))
    )


def test_binary_file_named_csv(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    Expect(DataError, problem=("not a text",), where=("photo.csv",)).check(
        raised(lambda: selection.read_table(path))
    )


def test_text_file_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "producers.xlsx"
    path.write_bytes(GOOD_TABLE.read_bytes())
    Expect(
        DataError,
        problem=("spreadsheet cannot be read",),
        where=("producers.xlsx",),
        hint=("this file is text, not a workbook: rename it to .csv",),
    ).check(raised(lambda: selection.read_table(path)))


def test_a_broken_workbook(tmp_path: Path) -> None:
    path = tmp_path / "producers.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    Expect(
        DataError,
        problem=("spreadsheet cannot be read",),
        where=("producers.xlsx",),
        hint=("save it again as .xlsx",),
    ).check(raised(lambda: selection.read_table(path)))


def test_xlsx_works(tmp_path: Path) -> None:
    """Numbers stored as numbers, a header with stray spaces, a blank row: fine."""
    frame = pd.read_csv(GOOD_TABLE)
    frame = frame.rename(columns={"agroecology": " agroecology "})
    blank = pd.DataFrame([[None] * len(frame.columns)], columns=frame.columns)
    frame = pd.concat([frame.iloc[:2], blank, frame.iloc[2:]], ignore_index=True)
    path = tmp_path / "producers.xlsx"
    frame.to_excel(path, index=False, engine="openpyxl")
    ranking = selection.rank(path, GOOD_GRID)
    assert_sound(ranking)
    good = selection.rank(GOOD_TABLE, GOOD_GRID)
    pd.testing.assert_series_equal(ranking.table["score"], good.table["score"])


def test_xlsx_errors_name_the_row(tmp_path: Path) -> None:
    frame = pd.read_csv(GOOD_TABLE, dtype=object)
    frame.loc[1, "producer_id"] = None
    path = tmp_path / "producers.xlsx"
    frame.to_excel(path, index=False, engine="openpyxl")
    Expect(DataError, where=("producers.xlsx, row 3", "column 'producer_id'")).check(
        raised(lambda: selection.rank(path, GOOD_GRID))
    )


# -- missing-data policies -----------------------------------------------------------------


def test_blank_cells_under_exclude() -> None:
    grid = good_grid(missing=MissingPolicy.EXCLUDE)
    ranking = selection.rank(TABLES / "blank-cells.csv", grid)
    assert_sound(ranking)
    table = ranking.table
    assert table.loc["P01", "eligible"]
    assert not table.loc["P02", "eligible"]
    assert "agroecology" in table.loc["P02", "reason"]
    assert "solidarity_price" in table.loc["P03", "reason"]
    assert "not eligible" in ranking.explain("P02")
    assert "agroecology" in ranking.explain("P02")


def test_blank_cells_under_worst() -> None:
    grid = good_grid(missing=MissingPolicy.WORST)
    ranking = selection.rank(TABLES / "blank-cells.csv", grid)
    assert_sound(ranking)
    assert ranking.table["eligible"].all()
    keys = list(ranking.matrix.keys)
    p02 = ranking.matrix.ids.get_loc("P02")
    p03 = ranking.matrix.ids.get_loc("P03")
    # The declared bounds: agroecology `scale: [0, 4]` (max), a yes/no counts 0.
    values = ranking.matrix.values  # noqa: PD011 (a DecisionMatrix, not a DataFrame)
    assert values[p02, keys.index("agroecology")] == 0.0
    assert values[p03, keys.index("solidarity_price")] == 0.0
    assert ranking.matrix.imputed[p02, keys.index("agroecology")]
    explanation = ranking.explain("P02")
    assert "worst" in explanation
    assert "agroecology" in explanation


def test_blank_longitude_is_named_not_latitude() -> None:
    frame = pd.read_csv(GOOD_TABLE, dtype=str)
    frame.loc[1, "longitude"] = ""
    exc = raised(lambda: selection.rank(frame, GOOD_GRID))
    Expect(DataError, where=("P02 ('longitude')",)).check(exc)
    assert "latitude" not in (exc.where or "")
    assert "distance" not in (exc.where or "")  # a column, not the criterion key, once
    ranking = selection.rank(frame, good_grid(missing=MissingPolicy.EXCLUDE))
    assert "blank “longitude”" in ranking.table.loc["P02", "reason"]


def test_blank_cell_of_a_producer_out_by_a_gate_is_not_an_error() -> None:
    frame = pd.read_csv(GOOD_TABLE, dtype=str)
    frame.loc[1, ["latitude", "longitude"]] = ["43.3", "5.4"]  # Marseille: > 200 km
    frame.loc[1, "agroecology"] = ""
    ranking = selection.rank(frame, GOOD_GRID)
    assert not ranking.table.loc["P02", "eligible"]
    assert "distance ≤ 200" in ranking.table.loc["P02", "reason"]


def test_worst_without_bounds_or_values() -> None:
    text = GOOD_GRID.read_text(encoding="utf-8").replace("scale: [0, 4]", "direction: max")
    grid = selection.parse_grid(text.replace("missing: raise", "missing: worst"), source="g")
    frame = pd.read_csv(GOOD_TABLE, dtype=str).assign(agroecology="")
    Expect(
        DataError,
        problem=("blank for every eligible producer",),
        where=("column 'agroecology'",),
        expected=("scale:",),
    ).check(raised(lambda: selection.rank(frame, grid, normalization="minmax")))


# -- methods -------------------------------------------------------------------------------


def test_sum_normalization_with_zeros_where_more_is_better() -> None:
    """'none' is 0 points for P03's organic label; P01 answers "non" (0) for solidarity.

    x / Σx of 0 is 0 and keeps the order: valid (issue 9), not refused.
    """
    ranking = selection.rank(GOOD_TABLE, GOOD_GRID, normalization="sum")
    keys = list(ranking.matrix.keys)
    ids = list(ranking.prepared.ids)
    assert ranking.problem.normalized[ids.index("P03"), keys.index("organic")] == 0.0
    assert ranking.table["score"].notna().sum() == len(ids)


def test_sum_normalization_with_a_zero_where_less_is_better() -> None:
    """(1/x) / Σ(1/x) divides by each value of a cost criterion: a 0 there is refused."""
    good = selection.load_grid(GOOD_GRID)
    grid = dataclasses.replace(
        good,
        batteries=tuple(
            dataclasses.replace(
                battery,
                criteria=tuple(
                    dataclasses.replace(c, direction="min") if c.key == "organic" else c
                    for c in battery.criteria
                ),
            )
            for battery in good.batteries
        ),
    )
    exc = raised(lambda: selection.rank(GOOD_TABLE, grid, normalization="sum"))
    Expect(
        MethodError,
        problem=("'sum' normalization",),
        where=("'organic'",),
        expected=("> 0 where less is better",),
        found=("divide by zero",),
        hint=("choose another normalization",),
    ).check(exc)
    assert "'solidarity_price'" not in (exc.where or "")


def test_normalization_for_a_method_that_has_its_own() -> None:
    Expect(
        MethodError,
        where=("normalization",),
        found=("'vector'",),
        hint=("leave the normalization out",),
    ).check(
        raised(
            lambda: selection.rank(
                GOOD_TABLE, GOOD_GRID, method="promethee_ii", normalization="vector"
            )
        )
    )


def test_unknown_method_argument() -> None:
    Expect(MethodError, found=("'topsys'",), hint=("did you mean 'topsis'?",)).check(
        raised(lambda: selection.rank(GOOD_TABLE, GOOD_GRID, method="topsys"))
    )


def test_unknown_method_argument_is_still_a_clear_error() -> None:
    exc = raised(lambda: selection.rank(GOOD_TABLE, GOOD_GRID, method="topsys"))
    assert exc.found == "'topsys'"
    assert exc.hint == "did you mean 'topsis'?"


# -- DataFrames ----------------------------------------------------------------------------


def good_frame() -> pd.DataFrame:
    return pd.read_csv(GOOD_TABLE)  # numeric columns as numbers


def test_dataframe_bad_cells() -> None:
    frame = good_frame()
    frame["organic_label"] = [3, 1, 0]  # points typed instead of the words
    Expect(
        DataError,
        where=("producers P01, P02, P03", "column 'organic_label'"),
        found=("P01: 3", "P03: 0"),  # not np.int64(3)
    ).check(raised(lambda: selection.rank(frame, GOOD_GRID)))


def test_dataframe_infinite_number() -> None:
    frame = good_frame()
    frame["agroecology"] = [3.0, 4.0, np.inf]
    Expect(DataError, where=("producer P03, column 'agroecology'",), found=("P03: inf",)).check(
        raised(lambda: selection.rank(frame, GOOD_GRID))
    )


def test_dataframe_nan_is_a_blank_cell() -> None:
    frame = good_frame()
    frame.loc[0, "agroecology"] = np.nan
    Expect(DataError, where=("P01 ('agroecology')",)).check(
        raised(lambda: selection.rank(frame, GOOD_GRID))
    )


def test_dataframe_indexed_by_producer_id_works() -> None:
    ranking = selection.rank(good_frame().set_index("producer_id"), GOOD_GRID)
    good = selection.rank(GOOD_TABLE, GOOD_GRID)
    pd.testing.assert_series_equal(ranking.table["score"], good.table["score"])


def test_dataframe_duplicate_headers_after_stripping() -> None:
    frame = good_frame()
    frame[" name"] = "again"
    Expect(DataError, where=("the DataFrame",), found=("columns 2 and 8",)).check(
        raised(lambda: selection.rank(frame, GOOD_GRID))
    )


def test_dataframe_without_rows() -> None:
    Expect(DataError, problem=("no producers",)).check(
        raised(lambda: selection.rank(good_frame().iloc[:0], GOOD_GRID))
    )


def test_not_a_table() -> None:
    Expect(DataError, expected=("DataFrame",), found=("list",)).check(
        raised(lambda: selection.rank([["P01", 3]], GOOD_GRID))  # type: ignore[arg-type]
    )


def bad_frames() -> Iterator[tuple[str, pd.DataFrame]]:
    """DataFrames with one mistake each (and some that work)."""
    text = pd.read_csv(GOOD_TABLE, dtype=str)
    yield "good", good_frame()
    yield "good as text", text
    yield "decimal commas", text.assign(latitude=text["latitude"].str.replace(".", ","))
    yield "blank", text.assign(agroecology=["3", " ", "2"])
    yield "nan", good_frame().assign(agroecology=[3.0, np.nan, 2.0])
    yield "word", text.assign(agroecology=["3", "beaucoup", "2"])
    yield "level", text.assign(organic_label=["AB", "bio", "none"])
    yield "boolean", text.assign(solidarity_price=["oui", "peut-être", "non"])
    yield "booleans", good_frame().assign(solidarity_price=[True, False, True])
    yield (
        "nullable booleans",
        good_frame().assign(solidarity_price=pd.array([True, None, False], dtype="boolean")),
    )
    yield "latitude", good_frame().assign(latitude=[45.9, 95.0, 45.7])
    yield "missing column", text.drop(columns=["longitude"])
    yield "no id", text.rename(columns={"producer_id": "id"})
    yield "blank id", text.assign(producer_id=["P01", None, "P03"])
    yield "duplicate id", text.assign(producer_id=["P01", "P01", "P03"])
    yield "indexed", good_frame().set_index("producer_id")
    yield "stray spaces", text.rename(columns={"agroecology": " agroecology "})
    yield "duplicate headers", text.assign(**{" agroecology": "1"})
    yield "empty", text.iloc[:0]


def frame_snapshot(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[object], dict[str, object]]:
    return frame.copy(deep=True), list(frame.columns), copy.deepcopy(frame.attrs)


# -- the whole corpus ----------------------------------------------------------------------


def corpus_grids() -> list[Path]:
    return [GOOD_GRID, *sorted(GRIDS.iterdir())]


def corpus_tables() -> list[Path]:
    return [GOOD_TABLE, *sorted(TABLES.iterdir())]


def test_the_corpus_raises_only_selection_errors() -> None:
    """Every grid × every table × every missing policy × two methods: a result or a
    SelectionError, never another exception; files unchanged; no NaN score."""
    digests = {p: digest(p) for p in corpus_grids() + corpus_tables()}
    outcomes: dict[str, int] = {"ok": 0, "error": 0}
    for grid_path in corpus_grids():
        try:
            grid = selection.load_grid(grid_path)
        except SelectionError:
            outcomes["error"] += 1
            continue
        for table_path in corpus_tables():
            for policy in MissingPolicy:
                for method in ("wsm", "topsis"):
                    try:
                        ranking = selection.rank(
                            table_path,
                            dataclasses.replace(grid, missing=policy),
                            method=method,
                        )
                    except SelectionError:
                        outcomes["error"] += 1
                    else:
                        assert_sound(ranking)
                        for producer in ranking.table.index:
                            assert ranking.explain(producer)
                        outcomes["ok"] += 1
    assert outcomes["ok"] and outcomes["error"]
    assert {p: digest(p) for p in digests} == digests  # inputs are never modified


@pytest.mark.parametrize("policy", list(MissingPolicy))
def test_dataframes_are_never_modified(policy: MissingPolicy) -> None:
    grid = good_grid(missing=policy)
    for name, frame in bad_frames():
        before, columns, attrs = frame_snapshot(frame)
        with contextlib.suppress(SelectionError):
            assert_sound(selection.rank(frame, grid))
        pd.testing.assert_frame_equal(frame, before, obj=name)
        assert list(frame.columns) == columns, name
        assert frame.attrs == attrs, name


def test_frames_read_from_the_corpus_are_never_modified() -> None:
    grid = selection.load_grid(GOOD_GRID)
    for path in corpus_tables():
        try:
            frame = selection.read_table(path)
        except SelectionError:
            continue
        before, _, attrs = frame_snapshot(frame)
        with contextlib.suppress(SelectionError):
            assert_sound(selection.rank(frame, grid))
        pd.testing.assert_frame_equal(frame, before, obj=path.name)
        assert frame.attrs == attrs, path.name


def test_errors_survive_pickling() -> None:
    import pickle

    exc = raised(lambda: selection.load_grid(GRIDS / "typo-criterion-key.yaml"))
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is GridError
    assert (again.where, again.expected, again.found, again.hint) == (
        exc.where,
        exc.expected,
        exc.found,
        exc.hint,
    )
