"""Fetching from the API, page by page, against a local server that answers like it (offline)."""

from __future__ import annotations

import socket
import urllib.parse
from typing import Any

import pytest

from selection.errors import ArgumentError
from selection.registries import (
    AGENCEBIO_URL,
    USER_AGENT,
    FetchError,
    agencebio_producers,
    agencebio_url,
    fetch_agencebio,
    get_json,
)

from .responses import Scenario, local_api, no_sleep, operator, sample


def queries(scenario: Scenario) -> list[dict[str, str]]:
    return [
        dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query))
        for path, _ in scenario.requests
    ]


def fetch(url: str, **options: Any) -> dict[str, Any]:
    options.setdefault("sleep", no_sleep()[1])
    return fetch_agencebio("69,01", api_url=url, **options)


def test_every_page_is_fetched_with_the_documented_parameters() -> None:
    scenario = Scenario(sample()["items"])
    with local_api(scenario) as url:
        document = fetch(url, page_size=2)
    assert [i["numeroBio"] for i in document["items"]] == [i["numeroBio"] for i in scenario.items]
    assert document["nbTotal"] == 6
    asked = queries(scenario)
    assert [q["debut"] for q in asked] == ["0", "2", "4"]
    assert {q["departements"] for q in asked} == {"69,01"} and {q["nb"] for q in asked} == {"2"}
    headers = scenario.requests[0][1]
    assert headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("selection/")
    assert headers["Accept"] == "application/json"


def test_the_fetched_answer_maps_like_the_saved_one() -> None:
    with local_api(Scenario(sample()["items"])) as url:
        fetched = agencebio_producers(fetch(url, page_size=4), source=url)
    saved = agencebio_producers(sample())
    assert fetched.table.equals(saved.table) and fetched.flagged == saved.flagged


def test_a_server_giving_smaller_pages_than_asked_is_followed() -> None:
    scenario = Scenario(sample()["items"], cap=4)
    with local_api(scenario) as url:
        document = fetch(url, page_size=100)
    assert len(document["items"]) == 6
    assert [q["debut"] for q in queries(scenario)] == ["0", "4"]


def test_without_a_total_pages_are_asked_until_an_empty_one() -> None:
    scenario = Scenario(sample()["items"], total=None)
    scenario.total = "unknown"
    with local_api(scenario) as url:
        document = fetch(url, page_size=4)
    assert len(document["items"]) == 6 and document["nbTotal"] == 6
    assert [q["debut"] for q in queries(scenario)] == ["0", "4", "6"]


def test_an_operator_on_two_pages_is_kept_once() -> None:
    items = sample()["items"]
    scenario = Scenario([*items[:3], items[2], *items[3:]])  # the list moved under our feet
    with local_api(scenario) as url:
        document = fetch(url, page_size=3)
    assert [i["numeroBio"] for i in document["items"]] == [i["numeroBio"] for i in items]


def test_a_server_error_is_tried_again_then_succeeds() -> None:
    scenario = Scenario(sample()["items"], statuses={2: 500, 3: 503})
    waits, sleep = no_sleep()
    with local_api(scenario) as url:
        document = fetch(url, page_size=3, backoff=0.5, sleep=sleep)
    assert len(document["items"]) == 6
    assert [q["debut"] for q in queries(scenario)] == ["0", "3", "3", "3"]
    assert waits == [0.5, 1.0]  # doubled at each attempt


def test_a_server_that_keeps_failing_gives_a_clear_error_after_the_retries() -> None:
    scenario = Scenario(sample()["items"], statuses={n: 500 for n in range(1, 10)})
    with local_api(scenario) as url, pytest.raises(FetchError) as caught:
        fetch(url, retries=2)
    error = caught.value
    assert len(scenario.requests) == 3
    assert error.problem == "the web service could not be reached (3 attempts)"
    assert error.found is not None and error.found.startswith("HTTP 500")
    assert error.where is not None and error.where.startswith(url)


def test_a_client_error_is_not_tried_again() -> None:
    scenario = Scenario(sample()["items"], statuses={1: 404})
    with local_api(scenario) as url, pytest.raises(FetchError) as caught:
        fetch(url, retries=3)
    assert len(scenario.requests) == 1
    assert caught.value.found is not None and caught.value.found.startswith("HTTP 404")


def test_a_page_that_is_not_json_is_a_clear_error() -> None:
    scenario = Scenario(sample()["items"], bodies={2: b"<html>Maintenance</html>"})
    with local_api(scenario) as url, pytest.raises(FetchError) as caught:
        fetch(url, page_size=2)
    error = caught.value
    assert error.problem == "the answer is not JSON"
    assert error.where is not None and "debut=2" in error.where
    assert error.found is not None and "<html>Maintenance" in error.found


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (b'{"nbTotal": "6", "resultats": []}', "an object with the fields 'nbTotal', 'resultats'"),
        (b'{"items": {"a": 1}}', "an object with the fields 'items'"),
        (b"[1, 2]", "a list of 2 elements"),
    ],
)
def test_a_page_of_another_shape_is_a_clear_error(body: bytes, found: str) -> None:
    scenario = Scenario(sample()["items"], bodies={2: body})
    with local_api(scenario) as url, pytest.raises(FetchError) as caught:
        fetch(url, page_size=2)
    error = caught.value
    assert error.problem == "page 2 of the answer has an unexpected shape"
    assert error.found == found


def test_a_malformed_operator_in_a_page_names_it_when_mapped() -> None:
    items = [*sample()["items"][:2], operator("900999", productions="Légumes")]
    with local_api(Scenario(items)) as url:
        document = fetch(url, page_size=2)
    with pytest.raises(Exception) as caught:
        agencebio_producers(document, source="api")
    assert "items[2] (numeroBio '900999'), field productions" in str(caught.value)


def test_a_server_that_never_ends_is_stopped() -> None:
    scenario = Scenario(sample()["items"], total="5000", ignore_debut=True)
    with local_api(scenario) as url, pytest.raises(FetchError) as caught:
        fetch(url, page_size=2, max_pages=3)
    assert len(scenario.requests) == 3
    assert caught.value.problem == "the answer did not end after 3 pages"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_no_server_is_a_clear_error_after_the_retries() -> None:
    url = f"http://127.0.0.1:{free_port()}/api/gouv/operateurs/"
    waits, sleep = no_sleep()
    with pytest.raises(FetchError) as caught:
        fetch_agencebio("69", api_url=url, retries=2, backoff=0.1, sleep=sleep)
    assert caught.value.problem == "the web service could not be reached (3 attempts)"
    assert caught.value.hint is not None and "internet connection" in caught.value.hint
    assert waits == [0.1, 0.2]


def test_an_unresolvable_host_says_the_machine_seems_offline(monkeypatch: Any) -> None:
    def unresolvable(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unresolvable)
    waits, sleep = no_sleep()
    with pytest.raises(FetchError) as caught:
        fetch_agencebio("69", api_url="https://agencebio.invalid/", retries=3, sleep=sleep)
    error = caught.value
    assert error.found == "the name of the server could not be resolved"
    assert error.hint is not None and "offline" in error.hint
    assert waits == []  # no use trying again


def test_a_slow_server_times_out() -> None:
    scenario = Scenario(sample()["items"], delay=1.0)
    with local_api(scenario) as url, pytest.raises(FetchError) as caught:
        fetch(url, timeout=0.2, retries=0)
    assert caught.value.problem == "the web service could not be reached (1 attempt)"


def test_the_address_comes_from_the_argument_then_the_environment(monkeypatch: Any) -> None:
    monkeypatch.delenv("SELECTION_AGENCEBIO_URL", raising=False)
    assert (
        agencebio_url() == AGENCEBIO_URL == "https://opendata.agencebio.org/api/gouv/operateurs/"
    )
    scenario = Scenario(sample()["items"])
    with local_api(scenario) as url:
        monkeypatch.setenv("SELECTION_AGENCEBIO_URL", url)
        assert agencebio_url() == url and agencebio_url("http://other/") == "http://other/"
        document = fetch_agencebio("69", sleep=no_sleep()[1])
    assert len(document["items"]) == 6 and len(scenario.requests) == 1


def test_a_base_address_with_its_own_query_keeps_it() -> None:
    scenario = Scenario(sample()["items"])
    with local_api(scenario) as url:
        fetch(url + "?activite=Production&nb=7")
    assert queries(scenario)[0] == {
        "activite": "Production",
        "departements": "69,01",
        "nb": "100",
        "debut": "0",
    }


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "agencebio"])
def test_only_web_addresses_are_opened(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        get_json(url)
    assert caught.value.problem == "unsupported web address"


@pytest.mark.parametrize(
    ("departements", "found"), [("69,99", "'99'"), ("rhone", "'rhone'"), ("", "''"), (",", "''")]
)
def test_unknown_departements_are_refused_before_any_request(
    departements: str, found: str
) -> None:
    with pytest.raises(ArgumentError) as caught:
        fetch_agencebio(departements, api_url="http://127.0.0.1:9/")
    assert caught.value.where == "--departements" and caught.value.found == found


def test_departements_are_written_as_the_api_spells_them() -> None:
    scenario = Scenario([])
    with local_api(scenario) as url:
        document = fetch_agencebio(["1", "2a", "69", "69"], api_url=url, sleep=no_sleep()[1])
    assert document == {"nbTotal": 0, "items": []}
    assert queries(scenario)[0]["departements"] == "01,2A,69"


def test_progress_is_reported_after_each_page() -> None:
    seen: list[tuple[int, int]] = []
    with local_api(Scenario(sample()["items"])) as url:
        fetch(url, page_size=4, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(4, 6), (6, 6)]
