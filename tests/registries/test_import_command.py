"""``selection import agencebio``: a file or the API → a French CSV table and a summary."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from selection import cli
from selection.messages import msg
from selection.table import read_table

from .responses import SAMPLE, Scenario, local_api, sample


@pytest.fixture(autouse=True)
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command as cli/__init__.py registers it (whether or not it already does)."""
    monkeypatch.setitem(
        cli.COMMANDS,
        "import",
        ("importer", msg("cli.help.import", "make a producer table from a registry")),
    )


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["import", *argv, "--lang", "en"], stdout=out)
    return code, out.getvalue()


def test_a_saved_answer_becomes_a_csv_table_and_a_summary(tmp_path: Path) -> None:
    output = tmp_path / "producteurs.csv"
    code, text = run("agencebio", str(SAMPLE), "-o", str(output))
    assert code == 0
    assert "6 operators read from" in text and "4 in the table" in text
    assert "2 operators: 900103 (SUSPENDUE), 900104 (ARRETEE)" in text
    assert "Without coordinates" in text and "900105" in text
    assert f"Producer table written: {output} (4 rows)." in text
    assert output.read_bytes().startswith(b"\xef\xbb\xbfproducer_id;name;")
    assert list(read_table(output)["producer_id"]) == ["900101", "900102", "900105", "900106"]


def test_keep_suspended_keeps_them_flagged(tmp_path: Path) -> None:
    output = tmp_path / "producteurs.csv"
    code, text = run("agencebio", str(SAMPLE), "-o", str(output), "--keep-suspended")
    assert code == 0 and "They are in the table, flagged" in text
    table = read_table(output).set_index("producer_id")
    assert len(table) == 6 and table.loc["900103", "certified"] == "non"


def test_the_summary_is_in_french_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SELECTION_LANG")
    out = io.StringIO()
    code = cli.main(["import", "agencebio", str(SAMPLE), "-o", str(tmp_path / "p.csv")], out)
    assert code == 0
    assert "opérateurs lus" in out.getvalue() and "Certificat bio" in out.getvalue()


def test_fetch_asks_the_api_page_by_page_and_can_save_its_answer(tmp_path: Path) -> None:
    scenario = Scenario(sample()["items"])
    output, saved = tmp_path / "producteurs.csv", tmp_path / "reponse.json"
    with local_api(scenario) as url:
        code, text = run(
            "agencebio",
            "--fetch",
            "--departements",
            "69,1,38,42",
            "--api-url",
            url,
            "--save-json",
            str(saved),
            "-o",
            str(output),
        )
    assert code == 0, text
    assert "departements=69%2C01%2C38%2C42" in scenario.requests[0][0]
    assert f"6 operators read from {url} (départements 69,01,38,42)" in text
    assert len(read_table(output)) == 4
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["nbTotal"] == 6 and len(document["items"]) == 6


def test_fetch_uses_the_environment_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with local_api(Scenario(sample()["items"])) as url:
        monkeypatch.setenv("SELECTION_AGENCEBIO_URL", url)
        code, _ = run(
            "agencebio", "--fetch", "--departements", "69", "-o", str(tmp_path / "p.csv")
        )
    assert code == 0


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["agencebio", "-o", "p.csv"], "nothing to import"),
        (["agencebio", str(SAMPLE), "--fetch", "-o", "p.csv"], "a file and --fetch: which one?"),
        (["agencebio", "--fetch", "-o", "p.csv"], "--fetch without --departements"),
        (["agencebio", str(SAMPLE), "--departements", "69", "-o", "p.csv"], "goes with --fetch"),
        (["agencebio", str(SAMPLE), "--api-url", "http://x/", "-o", "p.csv"], "goes with --fetch"),
        (["agencebio", str(SAMPLE), "-o", "p.xlsx"], "spreadsheet files are not written yet"),
        (
            ["agencebio", "--fetch", "--departements", "69,99", "-o", "p.csv"],
            "unknown département",
        ),
        (["agencebio", "absent.json", "-o", "p.csv"], "cannot read the file"),
    ],
)
def test_bad_usage_is_a_clear_error_and_writes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    problem: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _ = run(*argv)
    assert code == 2
    error = capsys.readouterr().err
    assert error.startswith("selection: error:") and problem in error
    assert "Traceback" not in error
    assert list(tmp_path.iterdir()) == []


def test_a_malformed_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = sample()
    broken["items"][3]["adressesOperateurs"][0]["lat"] = "quarante-cinq"
    source = tmp_path / "bio.json"
    source.write_text(json.dumps(broken), encoding="utf-8")
    code, _ = run("agencebio", str(source), "-o", str(tmp_path / "p.csv"))
    assert code == 2
    error = capsys.readouterr().err
    assert "items[3] (numeroBio '900104'), field adressesOperateurs[0].lat" in error
    assert "found: text 'quarante-cinq'" in error
    assert not (tmp_path / "p.csv").exists()


def test_the_output_cannot_be_the_json_file(tmp_path: Path) -> None:
    source = tmp_path / "bio.json"
    source.write_bytes(SAMPLE.read_bytes())
    code, _ = run("agencebio", str(source), "-o", str(source))
    assert code == 2 and source.read_bytes() == SAMPLE.read_bytes()


def test_offline_fetch_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    def unresolvable(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unresolvable)
    monkeypatch.delenv("SELECTION_AGENCEBIO_URL", raising=False)
    code, _ = run("agencebio", "--fetch", "--departements", "69", "-o", str(tmp_path / "p.csv"))
    assert code == 2
    error = capsys.readouterr().err
    assert "https://opendata.agencebio.org/api/gouv/operateurs/?departements=69" in error
    assert "this machine seems offline" in error
