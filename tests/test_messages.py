"""Everything `selection` says goes through the catalogue, and the French catalogue is complete.

- the catalogues are up to date with the code (``scripts/catalogues.py --check``);
- no French entry is empty or fuzzy, and each keeps its English text's placeholders;
- one code, one text: no ``msgctxt`` is used with two different English texts;
- every command, run in French, leaves no English sentence in its output (once the users'
  own words are taken out: grid and criterion names, producers, members, paths) and writes
  numbers with a decimal comma; run in English, no French; an error in French is French;
- a chart drawn with ``lang="fr"`` has a French title.
"""

from __future__ import annotations

import collections
import importlib.util
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

import selection
from selection.cli import invoke, main
from selection.committee import load_members

ROOT = Path(__file__).resolve().parents[1]
FRENCH = ROOT / "src" / "selection" / "locale" / "fr" / "LC_MESSAGES" / "selection.po"
MEMBERS = sorted((ROOT / "criteria" / "members").glob("*.yaml"))
BAD_GRIDS = sorted((ROOT / "tests" / "data" / "bad" / "grids").glob("*.yaml"))

#: A placeholder as the renderer reads it: ``{name}``, ``{name!r}``, ``{name:.0%}``
#: (``{{`` and ``}}`` are literal braces).
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)(![rsa])?(:[^{}]*)?\}(?!\})")

#: Common English words that no French output may contain (as whole words).
ENGLISH = {
    "the", "of", "and", "with", "between", "weight", "weights", "producer", "producers",
    "rank", "ranks", "selected", "group", "spread", "stays", "top", "would", "must",
    "expected", "found", "hint", "not", "eligible", "because", "is", "are", "in", "to",
    "from", "by", "only", "now", "before", "after", "change", "changes", "weightings",
    "samples", "agreement", "members", "valid", "battery", "criterion", "written", "report",
    "error", "who", "where", "moves", "largest", "first", "name", "low", "high", "swap",
    "ends", "recorded", "rejected", "fails", "has", "up", "down", "mostly", "than", "most",
}  # fmt: skip

#: Common French words that no English output may contain.
FRENCH_WORDS = {
    "les", "des", "poids", "producteurs", "producteur", "rang", "retenu", "éligible",
    "éligibles", "grille", "critère", "critères", "batterie", "avec", "pour", "dans", "sur",
    "une", "est", "sont", "entre", "reste", "membres", "écart", "groupe", "tirages",
    "pondérations", "aujourd'hui", "rapport", "écrit", "valide", "conformes",
}  # fmt: skip


def placeholders(text: str) -> set[str]:
    """The placeholders of a text, each as written (name, conversion and format spec)."""
    return {match.group(0) for match in PLACEHOLDER.finditer(text)}


def scripts_catalogues() -> ModuleType:
    """``scripts/catalogues.py``, imported as a module."""
    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "scripts" / "catalogues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def french() -> Catalog:
    with FRENCH.open("rb") as stream:
        return read_po(stream, locale="fr", domain="selection")


# -- the catalogues --------------------------------------------------------------------------


def test_the_catalogues_are_up_to_date_with_the_code() -> None:
    """Run ``python scripts/catalogues.py`` when this fails, then translate what is new."""
    assert scripts_catalogues().main(["--check"]) == 0


def test_every_call_is_extracted() -> None:
    """A msg() nested in brackets inside another msg() call is extracted too."""
    catalogues = scripts_catalogues()
    source = io.BytesIO(
        b'x = msg("a", "{v}", v=(msg("b", "one") if c else [msgn("c", "x", "y")]))'
    )
    found = list(catalogues.extract_calls(source, catalogues.KEYWORDS, (), {}))
    assert sorted(strings[0] for _, _, strings, _ in found) == ["a", "b", "c"]


def test_no_french_entry_is_empty_or_fuzzy(french: Catalog) -> None:
    empty, fuzzy = [], []
    for message in french:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            empty.append(message.context)
        if message.fuzzy:
            fuzzy.append(message.context)
    assert empty == [], f"{len(empty)} French entries to translate"
    assert fuzzy == []


def test_each_french_entry_keeps_the_placeholders_of_its_english(french: Catalog) -> None:
    wrong = []
    for message in french:
        if not message.id:
            continue
        if isinstance(message.id, tuple):  # msgn: the singular's, then the plural's for the rest
            singular, plural = message.id
            strings = message.string
            expected = [placeholders(singular)] + [placeholders(plural)] * (len(strings) - 1)
        else:
            strings, expected = (message.string,), [placeholders(message.id)]
        for text, fields in zip(strings, expected, strict=True):
            if text and placeholders(text) != fields:
                wrong.append((message.context, sorted(fields), sorted(placeholders(text))))
    assert wrong == []


def test_no_entry_is_marked_printf_style(french: Catalog) -> None:
    """A literal "%" before a letter makes Babel flag a brace text as python-format."""
    assert [m.context for m in french if m.id and "python-format" in m.flags] == []


def test_one_code_one_text() -> None:
    texts: dict[str | None, set[object]] = collections.defaultdict(set)
    for message in scripts_catalogues().extract():
        if message.id:
            texts[message.context].add(message.id)
    assert {code: found for code, found in texts.items() if len(found) > 1} == {}


# -- the commands ----------------------------------------------------------------------------


def _users_words() -> list[str]:
    """What the example's users wrote themselves: names, labels, keys, ids, member names."""
    grid = selection.load_grid(selection.example_grid_path())
    table = selection.read_table(selection.example_producers_path())
    words = [grid.name, grid.id_column]
    for item in (*grid.batteries, *grid.criteria):
        words += [item.key, item.label]
    for gate in grid.eligibility:
        words += [gate.column or ""]
    if grid.select is not None:
        for quota in grid.select.quotas:
            words += [quota.column, quota.value or ""]
    words += [str(v) for v in table[grid.id_column]]
    words += [str(v) for v in table["name"]]
    words += [str(member.name) for member in load_members(MEMBERS, grid)]
    return sorted({w for w in words if w}, key=len, reverse=True)


USERS_WORDS = _users_words()


def _theirs_taken_out(text: str) -> str:
    """`text` without the users' own words, file paths, versions and hashes."""
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # paths (and what sticks to them)
    text = re.sub(r"selection \d+(\.\d+)+\S*", " ", text)  # the version
    text = re.sub(r"\b[0-9a-f]{12,64}\b", " ", text)  # grid hashes
    for words in USERS_WORDS:
        text = re.sub(rf"(?<!\w){re.escape(words)}(?!\w)", " ", text)
    return text


def _words_of(text: str, vocabulary: Iterable[str]) -> set[str]:
    found = {w.lower() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)}
    return found & set(vocabulary)


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    members = [str(p) for p in MEMBERS]
    return {
        "rank": ["rank", "--top", "5"],
        "explain": ["explain", "P049", "--robustness", "--top", "5"],
        "explain-ineligible": ["explain", "P012"],
        "validate": ["validate"],
        "sensitivity": ["sensitivity", "--samples", "300", "--top", "5"],
        "check": ["check"],
        "report": ["report", "--samples", "200", "-o", str(tmp_path / "report.html")],
        "committee-aggregate": ["committee", "aggregate", "--members", *members],
        "committee-consensus": ["committee", "consensus", "--members", *members],
        "diff": ["diff", members[1], members[2]],
    }


COMMANDS = list(_commands(Path("unused")))


def _run(argv: list[str]) -> str:
    out = io.StringIO()
    code = invoke(argv, out)
    assert code in (0, 1), (argv, code)  # check: 1 when some decisions differ
    return out.getvalue()


@pytest.mark.parametrize("name", COMMANDS)
def test_no_english_is_left_in_a_command_run_in_french(name: str, tmp_path: Path) -> None:
    output = _run([*_commands(tmp_path)[name], "--lang", "fr"])
    text = _theirs_taken_out(output)
    assert _words_of(text, ENGLISH) == set(), output
    assert re.findall(r"\d\.\d", text) == [], output  # decimal commas


@pytest.mark.parametrize("name", COMMANDS)
def test_no_french_is_left_in_a_command_run_in_english(name: str, tmp_path: Path) -> None:
    output = _run([*_commands(tmp_path)[name], "--lang", "en"])
    text = _theirs_taken_out(output)
    assert _words_of(text, FRENCH_WORDS) == set(), output
    assert re.findall(r"\d,\d", text) == [], output  # decimal points


def test_the_report_is_written_in_the_language_asked_for(tmp_path: Path) -> None:
    _run(["report", "--samples", "200", "-o", str(tmp_path / "r.html"), "--lang", "fr"])
    assert '<html lang="fr">' in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_the_schema_is_the_same_in_every_language() -> None:
    """The JSON Schema is the grid format itself (keys, and the format's own descriptions)."""
    french, english = _run(["schema", "--lang", "fr"]), _run(["schema", "--lang", "en"])
    assert french == english
    assert json.loads(french)["properties"]["format"] == {"const": "selection/grid@1"}


def test_the_help_of_a_command_is_in_its_language(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["rank", "--help", "--lang", "fr"])
    assert "classer les producteurs" in capsys.readouterr().out


# -- errors ----------------------------------------------------------------------------------

#: Bad grids whose message still holds English written elsewhere than in `selection`'s own
#: catalogued text: the YAML parser's own description of a syntax error.
PARSER_FOUND = {"invalid-yaml.yaml", "tabs.yaml"}

#: Bad grids whose message still holds English from modules being reworked elsewhere.
NOT_YET: dict[str, str] = {}


def _error_words(message: str, grid: Path) -> str:
    """An error message without what comes from the file: paths, keys, values, choices."""
    text = message.replace(str(grid), " ")
    if grid.name in PARSER_FOUND:
        text = re.sub(r"(?m)^  trouvé\u202f: .*$", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)  # code: YAML written as it must be
    text = re.sub(r"'[^']*'", " ", text)  # values quoted from the file
    text = re.sub(r"[\w\[\]@]+(?:[./][\w\[\]@]+)+", " ", text)  # YAML paths, formats
    text = re.sub(r"\[[^\]]*\]", " ", text)  # lists and indexes
    text = re.sub(r"parmi\u202f: .*", " ", text)  # the accepted spellings
    return text


@pytest.mark.parametrize(
    "grid",
    [
        pytest.param(path, marks=pytest.mark.xfail(reason=NOT_YET[path.name], strict=False))
        if path.name in NOT_YET
        else path
        for path in BAD_GRIDS
    ],
    ids=lambda path: path.name,
)
def test_an_error_in_french_is_french(grid: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(grid), "--lang", "fr"]) == 2
    captured = capsys.readouterr()
    message = captured.err + captured.out  # validate may list the problems on stdout
    assert "attendu\u202f: " in message or "trouvé\u202f: " in message, message
    for english in ("error:", "expected:", "found:", "hint:"):
        assert english not in message
    assert _words_of(_error_words(message, grid), ENGLISH) == set(), message


def test_the_words_around_an_error_are_in_its_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.yaml")
    assert main(["rank", missing, "producers.csv", "--lang", "fr"]) == 2
    assert capsys.readouterr().err.startswith("selection\u202f: erreur\u202f: ")
    assert main(["rank", missing, "producers.csv", "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("selection: error: ")


def test_an_error_in_english_is_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BAD_GRIDS[0]), "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert "expected: " in captured.err + captured.out


# -- charts ----------------------------------------------------------------------------------


def test_a_chart_in_french_has_a_french_title() -> None:
    from matplotlib.figure import Figure

    from selection import plots, sensitivity

    producers, grid = selection.example_producers_path(), selection.example_grid_path()
    result = sensitivity.acceptability(producers, grid, samples=300, level="battery")
    ax = plots.acceptability(result, top=5, ax=Figure().add_subplot(), lang="fr")
    assert ax.get_title() == "Acceptabilité des rangs sur 300 pondérations (niveau batterie)"
    assert ax.get_xlabel() == "part des pondérations"
    english = result.plot(ax=Figure().add_subplot(), top=5, lang="en")
    assert english.get_title() == "Rank acceptability over 300 battery weightings"
    swept = sensitivity.sweep(producers, grid, weight="locality")
    line = swept.plot(ax=Figure().add_subplot(), highlight=3, lang="fr")
    assert line.get_title() == "Rangs quand le poids de locality va de 0\xa0% à 100\xa0%"
    assert any(t.get_text().strip() == "aujourd'hui 30\xa0%" for t in line.texts)
