"""Our own fuzzing: the shipped files, mutated, never crash the library or the command line.

Hypothesis takes the shipped example (the grid ``lyon-qla.yaml``, the committee
members' weights files, the recorded decisions and the producer table) and breaks
it on purpose, structurally: keys deleted or renamed, values of the wrong type
(negative, NaN, infinite, 10**400, booleans, null, random text, lists, mappings,
deeply nested lists), entries duplicated, mappings emptied, random unicode
(control characters included) inserted into the raw text, the text truncated,
CSV cells replaced, rows duplicated, headers renamed, columns swapped.

The bar, for every mutated input:

* the library either works or raises a :class:`selection.SelectionError` (or a
  subclass); any other exception propagates and fails the test;
* ``selection`` on the command line exits 0, 1 or 2 and never prints a traceback.

Each crash the fuzzers found is kept as an explicit regression case
(:data:`REGRESSIONS` and the ``@example`` decorators), so that it stays checked
after it is fixed.

The budget is about a minute for the whole module on two cores: the numbers of
examples below are tuned for that (parsers get more, whole command lines fewer).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import io
import math
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import selection
from selection import SelectionError
from selection.cli import main
from selection.committee import aggregate, consensus, parse_members
from selection.decisions import load_decisions

#: A member's AHP comparisons that contradict each other only warn: not what is fuzzed here.
pytestmark = pytest.mark.filterwarnings("ignore::selection.errors.SelectionWarning")

GRID_PATH = selection.example_grid_path()
MEMBER_PATHS = selection.example_members_paths()
PRODUCERS_PATH = selection.example_producers_path()
DECISIONS_PATH = selection.example_decisions_path()

GRID_TEXT = GRID_PATH.read_text(encoding="utf-8")
MEMBER_TEXTS = {path.stem: path.read_text(encoding="utf-8") for path in MEMBER_PATHS}
PRODUCERS_TEXT = PRODUCERS_PATH.read_text(encoding="utf-8")
DECISIONS_TEXT = DECISIONS_PATH.read_text(encoding="utf-8")

GRID_DATA = yaml.safe_load(GRID_TEXT)
MEMBER_DATA = {name: yaml.safe_load(text) for name, text in MEMBER_TEXTS.items()}

#: The shipped grid, parsed once (a frozen value, safe to share between examples).
GRID = selection.load_grid(GRID_PATH)

#: Two shipped members, for the consensus of a mutated member with them.
OTHER_MEMBERS = [m for text in list(MEMBER_TEXTS.values())[:2] for m in parse_members(text, GRID)]


#: ``FUZZ_SCALE=10 pytest tests/test_fuzzing.py`` runs ten times as many examples.
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))


def _fuzz(examples: int) -> Callable[[Any], Any]:
    """Settings of these fuzzers: `examples` runs (times ``FUZZ_SCALE``), no deadline."""
    return settings(
        max_examples=max(1, round(examples * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- hostile values --------------------------------------------------------------------------

#: Words that mean something somewhere in the formats, and near misses of them.
WORDS = (
    "",
    " ",
    "0",
    "-1",
    "1/0",
    "0/0",
    "1/3",
    "nan",
    "inf",
    "-inf",
    "1e999",
    "yes",
    "no",
    "true",
    "null",
    "~",
    "min",
    "max",
    "minimum",
    "wsm",
    "topsis",
    "vikor",
    "scale",
    "vector",
    "raise",
    "worst",
    "skip",
    "points",
    "swing",
    "ahp",
    "rank_order_centroid",
    "quality",
    "locality",
    "accessibility",
    "organic",
    "distance",
    "price",
    "category",
    "producer_id",
    "selection/grid@1",
    "selection/weights@1",
    "selection/grid@2",
    "AB",
    "légumes",
    '=HYPERLINK("http://example.org","x")',
)

#: Scalars of every type a YAML file can hold, the awkward ones often.
scalars = st.one_of(
    st.integers(),
    st.integers(max_value=-1),
    st.sampled_from([0, -0.0, 10**400, -(10**400), 1e308, -1e308, 5e-324, 2**63, 2**64 + 1]),
    st.floats(),
    st.sampled_from([math.nan, math.inf, -math.inf]),
    st.booleans(),
    st.none(),
    st.text(max_size=24),
    st.sampled_from(WORDS),
)


def _nest(depth: int) -> list[Any]:
    """A list nested `depth` deep: ``[[[...[1]...]]]``."""
    value: list[Any] = [1]
    for _ in range(depth):
        value = [value]
    return value


#: Any value: scalars, small lists and mappings of them, or a very deep list.
values = st.one_of(
    scalars,
    st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(max_size=10) | st.sampled_from(WORDS), inner, max_size=4)
        ),
        max_leaves=8,
    ),
    st.integers(10, 120).map(_nest),
    st.lists(st.sampled_from([0, 1, -1, 0.5, 250, 1e308, math.nan, math.inf, "1"]), max_size=3),
)


# -- structural mutations of YAML data -------------------------------------------------------

Path_ = tuple[Any, ...]


@dataclasses.dataclass(frozen=True)
class Mutation:
    """One structural change at `path` of a YAML document.

    `kind` is ``delete`` (the key or item), ``rename`` (the key to `value`),
    ``replace_all`` (the value of every key named ``path[0]``, at any depth, by `value`:
    all weights zero, say),
    ``replace`` (the value by `value`), ``duplicate`` (the entry: a mapping's
    under the new key `value`, a list's item repeated) or ``empty`` (the mapping
    or list at `path`, or the other kind of container when `value` is true).
    """

    kind: str
    path: Path_
    value: Any = None


def _keys(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return list(node)
    if isinstance(node, list):
        return list(range(len(node)))
    return []


def _all_keys(node: Any) -> list[str]:
    """Every mapping key of a document, at any depth."""
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.extend(str(k) for k in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _misspell(word: str, how: int) -> str:
    """A near miss of `word`: upper case, a trailing space, a letter dropped or doubled."""
    if not word:
        return " "
    variants = (word.upper(), word + " ", word[:-1], word + word[-1], word.replace("_", "-"))
    return variants[how % len(variants)]


def key_names(data: Any) -> st.SearchStrategy[Any]:
    """New names for keys: random text, other keys of the document, near misses, non-text."""
    known = sorted(set(_all_keys(data))) or ["x"]
    return st.one_of(
        st.text(max_size=12),
        st.sampled_from(known),
        st.builds(_misspell, st.sampled_from(known), st.integers(0, 4)),
        st.integers(-3, 3),
        st.none(),
        st.booleans(),
        st.sampled_from(WORDS),
    )


@st.composite
def paths(draw: st.DrawFn, data: Any) -> Path_:
    """A random path from the root into `data` (a key or index at each step, at least one)."""
    path: list[Any] = []
    node = data
    while _keys(node):
        key = draw(st.sampled_from(_keys(node)))
        path.append(key)
        node = node[key]
        if draw(st.integers(0, 2)) == 0:  # stop here about a third of the time
            break
    return tuple(path)


@st.composite
def mutations(draw: st.DrawFn, data: Any) -> Mutation:
    """One structural mutation of `data` at a random path."""
    path = draw(paths(data))
    kinds = ["delete", "rename", "replace", "replace", "replace_all", "duplicate", "empty"]
    kind = draw(st.sampled_from(kinds))
    if kind == "replace_all":
        key = draw(st.sampled_from(sorted(set(_all_keys(data))) or ["x"]))
        return Mutation(kind, (key,), draw(values))
    if kind in ("rename", "duplicate"):
        return Mutation(kind, path, draw(key_names(data)))
    if kind == "replace":
        return Mutation(kind, path, draw(values))
    if kind == "empty":
        return Mutation(kind, path[:-1], draw(st.booleans()))
    return Mutation(kind, path)


def mutation_lists(data: Any) -> st.SearchStrategy[list[Mutation]]:
    """One to three mutations of `data`, applied in turn."""
    return st.lists(mutations(data), min_size=1, max_size=3)


def _at(data: Any, path: Path_) -> Any:
    """The node at `path`, or a KeyError/IndexError/TypeError if an earlier mutation moved it."""
    node = data
    for key in path:
        if not isinstance(node, dict) and not (isinstance(node, list) and isinstance(key, int)):
            raise KeyError(key)
        node = node[key]
    return node


def mutate(data: Any, changes: list[Mutation]) -> Any:
    """A mutated deep copy of `data` (a change whose path no longer exists is skipped)."""
    data = copy.deepcopy(data)
    for change in changes:
        data = _mutate_one(data, change)
    return data


def _replace_all(node: Any, key: Any, value: Any) -> None:
    """Set every `key` of the mappings in `node`, at any depth, to a copy of `value`."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
            if key in item:
                item[key] = copy.deepcopy(value)
        elif isinstance(item, list):
            stack.extend(item)


def _mutate_one(data: Any, change: Mutation) -> Any:
    if change.kind == "replace_all":
        _replace_all(data, change.path[0], change.value)
        return data
    if not change.path:
        if change.kind == "empty":
            return [] if change.value else {}
        return change.value if change.kind == "replace" else data
    try:
        parent = _at(data, change.path[:-1])
        key = change.path[-1]
        if isinstance(parent, dict):
            if key not in parent:
                return data
        elif not (isinstance(parent, list) and isinstance(key, int) and key < len(parent)):
            return data
    except (KeyError, IndexError, TypeError):
        return data
    if change.kind == "delete":
        del parent[key]
    elif change.kind == "replace":
        parent[key] = copy.deepcopy(change.value)
    elif change.kind == "empty":
        container = parent[key]
        if isinstance(container, dict | list):
            other = isinstance(container, dict) == bool(change.value)
            parent[key] = [] if other else {}
    elif change.kind == "rename" and isinstance(parent, dict):
        items = [(change.value if k == key else k, v) for k, v in parent.items()]
        parent.clear()
        parent.update(items)
    elif change.kind == "duplicate":
        if isinstance(parent, dict):
            parent[change.value] = copy.deepcopy(parent[key])
        else:
            parent.insert(key, copy.deepcopy(parent[key]))
    return data


def dump(data: Any) -> str:
    """YAML text of `data`, as a person would save it (unicode kept, key order kept)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# -- text-level mutations --------------------------------------------------------------------

#: Fragments that trip YAML readers: control characters, a BOM, line and paragraph
#: separators, flow and block indicators, anchors, tags, directives, huge numbers.
SNIPPETS = (
    "\x00",
    "\ufeff",
    "\t",
    "\r",
    "\x85",
    "\u2028",
    "\x1b[31m",
    ": ",
    "- ",
    "{",
    "[",
    "]",
    "}",
    "&a ",
    "*a",
    "*b ",
    "<<: *a\n",
    "? ",
    "!!python/object/apply:os.system ['true']",
    "!!binary ",
    "!custom ",
    "%YAML 1.1\n",
    "---\n",
    "\n...\n",
    "'",
    '"',
    "#",
    "|\n",
    ">-\n",
    "~",
    "9" * 5000,
    "1" + "0" * 400,
    "[" * 3000,
    "\n" + " " * 200 + "x: 1\n",
)


@dataclasses.dataclass(frozen=True)
class TextEdit:
    """One change to raw text: ``insert`` `payload` at `at`, ``truncate`` at `at`,
    ``delete_line``/``duplicate_line`` number `at`, ``swap_lines`` `at` and `payload`.
    """

    kind: str
    at: int
    payload: Any = ""


@st.composite
def text_edits(draw: st.DrawFn, text: str) -> TextEdit:
    """One random edit of `text`."""
    kind = draw(
        st.sampled_from(
            ["insert", "insert", "insert", "truncate", "delete_line", "duplicate_line", "swap"]
        )
    )
    lines = text.count("\n") + 1
    if kind == "insert":
        payload = draw(st.text(min_size=1, max_size=8) | st.sampled_from(SNIPPETS))
        return TextEdit(kind, draw(st.integers(0, len(text))), payload)
    if kind == "truncate":
        return TextEdit(kind, draw(st.integers(0, len(text))))
    if kind == "swap":
        return TextEdit(kind, draw(st.integers(0, lines - 1)), draw(st.integers(0, lines - 1)))
    return TextEdit(kind, draw(st.integers(0, lines - 1)))


def apply_text(text: str, edits: list[TextEdit]) -> str:
    """`text` after `edits`, in turn (positions beyond the end are clamped)."""
    for edit in edits:
        at = min(edit.at, len(text))
        lines = text.split("\n")
        line = min(edit.at, len(lines) - 1)
        if edit.kind == "insert":
            text = text[:at] + edit.payload + text[at:]
        elif edit.kind == "truncate":
            text = text[:at]
        elif edit.kind == "delete_line":
            del lines[line]
            text = "\n".join(lines)
        elif edit.kind == "duplicate_line":
            lines.insert(line, lines[line])
            text = "\n".join(lines)
        elif edit.kind == "swap":
            other = min(edit.payload, len(lines) - 1)
            lines[line], lines[other] = lines[other], lines[line]
            text = "\n".join(lines)
    return text


def text_edit_lists(text: str) -> st.SearchStrategy[list[TextEdit]]:
    """One to three random edits of `text`."""
    return st.lists(text_edits(text), min_size=1, max_size=3)


# -- CSV mutations ---------------------------------------------------------------------------


def _rows(text: str) -> list[list[str]]:
    return [line.split(";") for line in text.splitlines()]


PRODUCER_ROWS = _rows(PRODUCERS_TEXT)
DECISION_ROWS = _rows(DECISIONS_TEXT)


@dataclasses.dataclass(frozen=True)
class CsvEdit:
    """One change to a ``;``-separated table (row 0 is the header).

    ``cell`` (`row`, `column`) := `value`; ``blank`` the cell; ``delete_row``,
    ``duplicate_row``; ``swap_columns`` `column` and `value` (the cells, not the headers: each
    column's cells end up under the other's header); ``rename`` the header of `column` to `value`;
    ``delete_column``.
    """

    kind: str
    row: int = 0
    column: int = 0
    value: Any = ""


#: Cell values that a spreadsheet may hold: numbers of every size and notation,
#: French decimal commas, formulas, words, blanks, random text.
cell_values = st.one_of(
    st.text(max_size=16),
    st.text(st.characters(codec="utf-8", exclude_characters=";\n\r"), max_size=16),
    st.sampled_from(
        [
            "",
            " ",
            "1e308",
            "-1e308",
            "1e309",
            "1e-400",
            "-1",
            "-0",
            "0",
            "1,5",
            "1.5",
            "1 234,5",
            "1.234,5",
            "12,",
            ",5",
            "9" * 400,
            "nan",
            "NaN",
            "inf",
            "-inf",
            "N/A",
            "#N/A",
            "#DIV/0!",
            "—",
            '=HYPERLINK("http://example.org","x")',
            "=1+1",
            "+1",
            "@SUM(A1)",
            "0x10",
            "１２",
            "٣",
            "True",
            "None",
            "oui",
            "non",
            "yes",
            "AB",
            "Nature & Progrès",
            "légumes",
            "retenu",
            "écarté",
            "RETENU",
            "retenue",
            "P001",
            "P999",
            "p001",
            " P002 ",
            "2025-13-45",
            '"',
            '";"',
        ]
    ),
    st.integers().map(str),
    st.floats().map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda x: str(x).replace(".", ",")),
)


@st.composite
def csv_edits(draw: st.DrawFn, rows: list[list[str]]) -> CsvEdit:
    """One random edit of a table given as `rows` (cells more often than anything else)."""
    kind = draw(
        st.sampled_from(
            [
                "cell",
                "cell",
                "cell",
                "cell",
                "blank",
                "delete_row",
                "duplicate_row",
                "swap_columns",
                "rename",
                "delete_column",
            ]
        )
    )
    width = len(rows[0])
    row = draw(st.integers(0, len(rows) - 1))
    column = draw(st.integers(0, width - 1))
    if kind == "cell":
        return CsvEdit(kind, row, column, draw(cell_values))
    if kind == "swap_columns":
        return CsvEdit(kind, row, column, draw(st.integers(0, width - 1)))
    if kind == "rename":
        headers = [cell for r in (PRODUCER_ROWS, DECISION_ROWS) for cell in r[0]]
        name = draw(cell_values | st.sampled_from(headers))
        return CsvEdit(kind, 0, column, name)
    return CsvEdit(kind, row, column)


def apply_csv(rows: list[list[str]], edits: list[CsvEdit]) -> str:
    """The text of the table `rows` after `edits` (out-of-range edits are skipped)."""
    table = [list(r) for r in rows]
    for edit in edits:
        if edit.row >= len(table) or (table and edit.column >= len(table[0])):
            continue
        if edit.kind == "cell":
            table[edit.row][edit.column] = str(edit.value)
        elif edit.kind == "blank":
            table[edit.row][edit.column] = ""
        elif edit.kind == "delete_row":
            del table[edit.row]
        elif edit.kind == "duplicate_row":
            table.insert(edit.row, list(table[edit.row]))
        elif edit.kind == "swap_columns" and edit.value < len(table[0]):
            for r in table[1:]:
                if edit.column < len(r) and edit.value < len(r):
                    r[edit.column], r[edit.value] = r[edit.value], r[edit.column]
        elif edit.kind == "rename":
            table[0][edit.column] = str(edit.value)
        elif edit.kind == "delete_column":
            for r in table:
                if edit.column < len(r):
                    del r[edit.column]
    return "".join(";".join(r) + "\n" for r in table)


def csv_edit_lists(rows: list[list[str]]) -> st.SearchStrategy[list[CsvEdit]]:
    """One to four random edits of the table `rows`."""
    return st.lists(csv_edits(rows), min_size=1, max_size=4)


# -- what each input goes through ------------------------------------------------------------


def _check_ranking(ranking: selection.Ranking) -> None:
    """A ranking that was returned has a finite score for each eligible producer."""
    scores = ranking.table.loc[ranking.table["eligible"], "score"]
    assert all(math.isfinite(float(s)) for s in scores), ranking.table


def exercise_grid(text: str) -> None:
    """Parse a grid text; if it parses, rank the shipped producers with it.

    Only a SelectionError is allowed out of either step.
    """
    try:
        grid = selection.parse_grid(text, source="grid.yaml")
    except SelectionError:
        return
    try:
        ranking = selection.rank(PRODUCERS_PATH, grid)
    except SelectionError:
        return
    _check_ranking(ranking)


def exercise_members(text: str, *, with_consensus: bool = True) -> None:
    """Parse a weights file against the shipped grid, aggregate it, then (optionally) run
    the consensus of its members with the other shipped members.
    """
    try:
        members = parse_members(text, GRID, source="m.yaml")
        grid = aggregate(members, GRID)
    except SelectionError:
        return
    assert isinstance(grid, selection.Grid)
    if not with_consensus:
        return
    with contextlib.suppress(SelectionError):
        consensus(PRODUCERS_PATH, GRID, members=[*members, *OTHER_MEMBERS], k=5)


def exercise_decisions(path: Path) -> None:
    """Load a decisions file with the shipped grid; if it loads, audit it against the grid."""
    try:
        load_decisions(path, GRID)
    except SelectionError:
        return
    with contextlib.suppress(SelectionError):
        selection.check(PRODUCERS_PATH, GRID, decisions=path)


def exercise_producers(path: Path) -> None:
    """Rank a producer table with the shipped grid."""
    try:
        ranking = selection.rank(path, GRID)
    except SelectionError:
        return
    _check_ranking(ranking)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the files the fuzzers write (module-scoped: Hypothesis reuses it)."""
    return tmp_path_factory.mktemp("fuzz")


# -- 1. YAML: grid and members ---------------------------------------------------------------


@_fuzz(200)
@given(changes=mutation_lists(GRID_DATA))
@example(changes=[Mutation("replace", ("batteries", "quality", "weight"), 10**400)])
@example(changes=[Mutation("replace", ("batteries", "locality", "criteria"), _nest(120))])
@example(changes=[Mutation("replace_all", ("weight",), 0)])
@example(changes=[Mutation("replace_all", ("scale",), [5, 5])])
@example(changes=[Mutation("replace_all", ("hub",), [1e308, math.nan])])
def test_grid_structural_mutations(changes: list[Mutation]) -> None:
    """The shipped grid with keys deleted or renamed, values of the wrong type, entries
    duplicated or mappings emptied: parsed, and ranked with if it parses.
    """
    exercise_grid(dump(mutate(GRID_DATA, changes)))


@_fuzz(150)
@given(edits=text_edit_lists(GRID_TEXT))
def test_grid_text_mutations(edits: list[TextEdit]) -> None:
    """The shipped grid's raw text with random unicode (control characters too) and YAML
    syntax inserted, lines deleted, duplicated (duplicate keys) or swapped, or truncated.
    """
    exercise_grid(apply_text(GRID_TEXT, edits))


def member_cases() -> st.SearchStrategy[tuple[str, list[Mutation]]]:
    """A shipped member file's name, and structural mutations of its data."""
    return st.sampled_from(sorted(MEMBER_DATA)).flatmap(
        lambda name: st.tuples(st.just(name), mutation_lists(MEMBER_DATA[name]))
    )


@_fuzz(240)
@given(case=member_cases())
def test_member_structural_mutations(case: tuple[str, list[Mutation]]) -> None:
    """Each shipped member file (points, swing, AHP), mutated structurally: parsed against
    the shipped grid, aggregated, and put through the consensus with two shipped members.
    """
    name, changes = case
    exercise_members(dump(mutate(MEMBER_DATA[name], changes)))


#: An ``order:`` (rank-order centroid) member, the one method no shipped file uses.
ORDER_MEMBER = {
    "format": "selection/weights@1",
    "name": "Jo",
    "method": "rank_order_centroid",
    "order": ["locality", ["quality", "accessibility"]],
}


@_fuzz(80)
@given(changes=mutation_lists(ORDER_MEMBER))
def test_order_member_structural_mutations(changes: list[Mutation]) -> None:
    """A rank-order member (with a tie), mutated structurally, parsed and aggregated."""
    exercise_members(dump(mutate(ORDER_MEMBER, changes)), with_consensus=False)


def member_text_cases() -> st.SearchStrategy[tuple[str, list[TextEdit]]]:
    """A shipped member file's name, and edits of its raw text."""
    return st.sampled_from(sorted(MEMBER_TEXTS)).flatmap(
        lambda name: st.tuples(st.just(name), text_edit_lists(MEMBER_TEXTS[name]))
    )


@_fuzz(150)
@given(case=member_text_cases())
def test_member_text_mutations(case: tuple[str, list[TextEdit]]) -> None:
    """Each shipped member file's raw text, with random unicode inserted, lines deleted,
    duplicated or swapped, or truncated: parsed and aggregated.
    """
    name, edits = case
    exercise_members(apply_text(MEMBER_TEXTS[name], edits), with_consensus=False)


# -- 2. decisions, 3. producers --------------------------------------------------------------


@_fuzz(70)
@given(edits=csv_edit_lists(DECISION_ROWS))
@example(edits=[CsvEdit("swap_columns", 0, 0, 1)])  # ids under `decision`, and back
@example(edits=[CsvEdit("cell", 1, 1, "1"), CsvEdit("duplicate_row", 2)])
@example(edits=[CsvEdit("rename", 0, 1, "Décision"), CsvEdit("cell", 3, 0, "P999")])
def test_decisions_mutations(workdir: Path, edits: list[CsvEdit]) -> None:
    """The shipped decisions with cells replaced (random text, blanks, unknown ids, numbers
    as decisions), rows deleted or duplicated, columns swapped, headers renamed: loaded,
    then audited against the shipped grid and producers.
    """
    path = workdir / "decisions.csv"
    path.write_text(apply_csv(DECISION_ROWS, edits), encoding="utf-8")
    exercise_decisions(path)


@_fuzz(80)
@given(edits=csv_edit_lists(PRODUCER_ROWS))
@example(edits=[CsvEdit("cell", 1, 10, "1e308"), CsvEdit("cell", 2, 0, '=HYPERLINK("x")')])
@example(edits=[CsvEdit("cell", 1, 4, "-91"), CsvEdit("cell", 1, 5, "1e999")])
@example(edits=[CsvEdit("cell", 3, 10, "-1,5"), CsvEdit("blank", 4, 8)])
def test_producers_mutations(workdir: Path, edits: list[CsvEdit]) -> None:
    """The shipped producer table with cells replaced (random text, blanks, decimal commas,
    1e308, negative values, formulas), rows deleted or duplicated, columns swapped,
    headers renamed: ranked with the shipped grid.
    """
    path = workdir / "producers.csv"
    path.write_text(apply_csv(PRODUCER_ROWS, edits), encoding="utf-8")
    exercise_producers(path)


# -- 4. the command line ---------------------------------------------------------------------

COMMANDS = ("validate", "rank", "check", "consensus")

#: Which inputs each command reads.
INPUTS = {
    "validate": ("grid", "producers"),
    "rank": ("grid", "producers"),
    "check": ("grid", "producers", "decisions"),
    "consensus": ("grid", "producers", *sorted(MEMBER_DATA)),
}


@dataclasses.dataclass(frozen=True)
class CliCase:
    """A command, the input it mutates, the edits, and the value of ``--top`` if any."""

    command: str
    target: str
    edits: tuple[Any, ...]
    top: str = "5"


def _edits_for(target: str) -> st.SearchStrategy[list[Any]]:
    if target == "grid":
        return mutation_lists(GRID_DATA) | text_edit_lists(GRID_TEXT)
    if target == "producers":
        return csv_edit_lists(PRODUCER_ROWS)
    if target == "decisions":
        return csv_edit_lists(DECISION_ROWS)
    return mutation_lists(MEMBER_DATA[target]) | text_edit_lists(MEMBER_TEXTS[target])


@st.composite
def cli_cases(draw: st.DrawFn) -> CliCase:
    """A command of :data:`COMMANDS` on the shipped files with one of its inputs mutated."""
    command = draw(st.sampled_from(COMMANDS))
    target = draw(st.sampled_from(INPUTS[command]))
    edits = draw(_edits_for(target))
    top = draw(
        st.just("5")
        | st.sampled_from(["0", "-1", "99999999999999999999", "1e3", "x", ""])
        | st.integers(-3, 100).map(str)
    )
    return CliCase(command, target, tuple(edits), top)


def _write_inputs(folder: Path, case: CliCase) -> dict[str, Path]:
    """Write the shipped inputs into `folder`, the case's target mutated; their paths."""
    texts: dict[str, str] = {
        "grid": GRID_TEXT,
        "producers": PRODUCERS_TEXT,
        "decisions": DECISIONS_TEXT,
        **MEMBER_TEXTS,
    }
    edits = list(case.edits)
    if case.target == "producers":
        texts["producers"] = apply_csv(PRODUCER_ROWS, edits)
    elif case.target == "decisions":
        texts["decisions"] = apply_csv(DECISION_ROWS, edits)
    elif edits and isinstance(edits[0], TextEdit):
        texts[case.target] = apply_text(texts[case.target], edits)
    else:
        data = GRID_DATA if case.target == "grid" else MEMBER_DATA[case.target]
        texts[case.target] = dump(mutate(data, edits))
    suffixes = {"producers": ".csv", "decisions": ".csv"}
    written = {}
    for name, text in texts.items():
        path = folder / f"{name}{suffixes.get(name, '.yaml')}"
        path.write_text(text, encoding="utf-8")
        written[name] = path
    return written


def _argv(case: CliCase, files: dict[str, Path]) -> list[str]:
    grid, producers = str(files["grid"]), str(files["producers"])
    if case.command == "validate":
        return ["validate", grid, producers]
    if case.command == "rank":
        return ["rank", grid, producers, "--top", case.top]
    if case.command == "check":
        return ["check", grid, producers, str(files["decisions"])]
    members = [str(files[name]) for name in sorted(MEMBER_DATA)]
    return ["committee", "consensus", grid, producers, "--members", *members, "--top", case.top]


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """Run ``selection`` in-process: (exit code, stdout, stderr).

    A usage error exits through argparse's SystemExit (code 2, as the process would).
    """
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            code = main(argv, stdout=out)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def assert_clean_exit(argv: list[str]) -> None:
    """The command exits 0, 1 or 2, with no traceback in what it prints."""
    code, out, err = run_cli(argv)
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err
    assert "Traceback" not in out


@_fuzz(60)
@given(case=cli_cases())
def test_cli_on_mutated_inputs(workdir: Path, case: CliCase) -> None:
    """``validate``, ``rank --top``, ``check`` and ``committee consensus`` with one input
    mutated (grid, producers, decisions or a member file): exit 0, 1 or 2, no traceback.
    """
    folder = workdir / "cli"
    folder.mkdir(exist_ok=True)
    assert_clean_exit(_argv(case, _write_inputs(folder, case)))


# -- regressions: the crashes the fuzzers found ----------------------------------------------

#: Weights files start with these lines.
MEMBER_HEAD = "format: selection/weights@1\nname: X\n"

#: Minimal inputs that went through the library with an exception other than a
#: SelectionError when the fuzzers found them: (what the text is, the text).
REGRESSIONS = [
    # An integer of more than 4300 digits: PyYAML's int() raises a bare ValueError
    # ("Exceeds the limit (4300 digits) for integer string conversion") in parse_yaml.
    pytest.param("grid", "1" + "0" * 4300, id="grid-4301-digits-alone"),
    pytest.param(
        "grid",
        GRID_TEXT.replace("weight: 35", "weight: 1" + "0" * 4300, 1),
        id="grid-4301-digit-weight",
    ),
    pytest.param(
        "members",
        MEMBER_HEAD + "weights: {quality: 1" + "0" * 4300 + "}\n",
        id="member-4301-digit-weight",
    ),
    # AHP with no comparison at all: pymcdm's AHP gets a 0 x 0 matrix and numpy raises
    # "attempt to get argmax of an empty sequence" (selection.committee.ahp({}) too).
    pytest.param("members", MEMBER_HEAD + "method: ahp\npairwise: {}\n", id="ahp-empty"),
    pytest.param("members", MEMBER_HEAD + "pairwise: {}\n", id="ahp-empty-no-method"),
    # An AHP judgement beyond the floats (10**400): float() raises OverflowError
    # ("int too large to convert to float") in elicitation.saaty_value.
    pytest.param(
        "members",
        MEMBER_HEAD + "pairwise: {quality: {locality: 1" + "0" * 400 + "}}\n",
        id="ahp-judgement-10**400",
    ),
]


@pytest.mark.parametrize(("kind", "text"), REGRESSIONS)
def test_regressions(kind: str, text: str) -> None:
    """Minimal inputs that once crashed the library: now a SelectionError at worst."""
    {"grid": exercise_grid, "members": exercise_members}[kind](text)


@pytest.mark.parametrize("label", ["4301-digit weight", "empty AHP member", "huge AHP judgement"])
def test_cli_regressions(workdir: Path, label: str) -> None:
    """The crashes found, through the command line in-process: exit 2, no traceback."""
    folder = workdir / "regressions"
    folder.mkdir(exist_ok=True)
    for name, text in HOSTILE.items():
        (folder / name).write_text(text, encoding="utf-8")
    words, _ = _commands(folder)[label]
    assert_clean_exit(words)


# -- the real process ------------------------------------------------------------------------

HUGE_INT = "1" + "0" * 4300

#: Hostile files for the subprocess test.
HOSTILE = {
    "binary.yaml": "\x00\x01\x02\xff" * 10,
    "deep.yaml": "[" * 3000,
    "huge.yaml": GRID_TEXT.replace("weight: 35", f"weight: {HUGE_INT}", 1),
    "ahp.yaml": MEMBER_HEAD + "method: ahp\npairwise: {}\n",
    "ahp-huge.yaml": MEMBER_HEAD + "pairwise: {quality: {locality: 1" + "0" * 400 + "}}\n",
    "producers.csv": PRODUCERS_TEXT.replace("P001;", '=HYPERLINK("x");', 1)
    .replace(";125,0;", ";1e308;", 1)
    .replace(";Nature & Progrès;4;1;", ";;-4;1;", 1),
    "decisions.csv": "producer_id;decision\nP001;42\nP001;retenu\n",
}


def _commands(folder: Path) -> dict[str, tuple[list[str], tuple[int, ...]]]:
    """Label → (the words after ``selection``, the exit codes allowed)."""
    grid, producers = str(GRID_PATH), str(PRODUCERS_PATH)
    members = [str(path) for path in MEMBER_PATHS]
    ahp = str(folder / "ahp.yaml")
    return {
        "binary grid": (["validate", str(folder / "binary.yaml")], (2,)),
        "deep grid": (["validate", str(folder / "deep.yaml")], (2,)),
        "4301-digit weight": (["rank", str(folder / "huge.yaml"), producers], (2,)),
        "empty AHP member": (
            ["committee", "consensus", grid, producers, "--members", ahp, *members],
            (2,),
        ),
        "huge AHP judgement": (
            ["committee", "aggregate", grid, "--members", str(folder / "ahp-huge.yaml")],
            (2,),
        ),
        "hostile producers": (["rank", grid, str(folder / "producers.csv"), "--top", "5"], (0, 2)),
        "bad decisions": (["check", grid, producers, str(folder / "decisions.csv")], (2,)),
    }


@contextlib.contextmanager
def _processes(commands: list[list[str]]) -> Iterator[list[subprocess.Popen[str]]]:
    """Start all `commands` at once (they mostly wait for imports), stop them at the end."""
    env = {**os.environ, "SELECTION_LANG": "en", "PYTHONIOENCODING": "utf-8"}
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "selection", *words],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
        )
        for words in commands
    ]
    try:
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
                process.wait()


def test_command_line_process_on_hostile_files(tmp_path: Path) -> None:
    """``python -m selection`` on a handful of hostile files: the exit code expected (2 for
    bad input, with a message), never a traceback.
    """
    for name, text in HOSTILE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    commands = _commands(tmp_path)
    failures = []
    with _processes([words for words, _ in commands.values()]) as processes:
        for (label, (_, codes)), process in zip(commands.items(), processes, strict=True):
            out, err = process.communicate(timeout=300)
            if (
                process.returncode not in codes
                or "Traceback" in err + out
                or (process.returncode == 2 and not (err + out).strip())
            ):
                failures.append(f"{label}: exit {process.returncode}\n{err[-600:]}")
    assert not failures, "\n\n".join(failures)
