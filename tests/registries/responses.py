"""Hand-made Agence Bio API responses, and a local server that answers like the API.

The shapes follow the documented response (``{"nbTotal", "items"}``) and the fictional sample
(``data/agencebio-sample.json``, a copy of ``/work/shared/data/agencebio-sample.json``).
"""

from __future__ import annotations

import copy
import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SAMPLE = Path(__file__).resolve().parent / "data" / "agencebio-sample.json"


def sample() -> dict[str, Any]:
    """The fictional sample response (a fresh copy)."""
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def address(
    kinds: list[str] | None = None,
    *,
    lat: Any = 45.857,
    long: Any = 4.683,
    active: Any = True,
    postal: Any = "69380",
    town: str = "Lozanne",
    commune: Any = "69121",
) -> dict[str, Any]:
    return {
        "id": 1,
        "lieu": "Chemin",
        "codePostal": postal,
        "ville": town,
        "lat": lat,
        "long": long,
        "codeCommune": commune,
        "active": active,
        "departementId": 70,
        "typeAdresseOperateurs": ["Siège social"] if kinds is None else kinds,
    }


def production(name: str, *states: str) -> dict[str, Any]:
    return {
        "id": 1,
        "code": "01.13.1",
        "nom": name,
        "etatProductions": [{"id": k, "etatProduction": s} for k, s in enumerate(states)],
    }


def certificate(state: str = "ENGAGEE") -> dict[str, Any]:
    return {"organisme": "Organisme A", "etatCertification": state, "url": None}


def operator(numero: str = "900001", **fields: Any) -> dict[str, Any]:
    """One operator of the documented shape: organic, engaged, one located head office."""
    item: dict[str, Any] = {
        "id": int(numero),
        "raisonSociale": f"EARL {numero} (FICTIF)",
        "denominationcourante": f"Ferme {numero}",
        "siret": f"000000000{numero[-5:]}",
        "numeroBio": numero,
        "dateMaj": "2026-01-01",
        "categories": [{"id": 4, "nom": "Vente aux consommateurs"}],
        "activites": [{"id": 1, "nom": "Production"}],
        "adressesOperateurs": [address()],
        "productions": [production("Légumes frais", "AB")],
        "certificats": [certificate()],
        "siteWebs": [],
    }
    item.update(copy.deepcopy(fields))
    return item


def response(*items: dict[str, Any], total: Any = None) -> dict[str, Any]:
    return {"nbTotal": str(len(items)) if total is None else total, "items": list(items)}


# -- a local server answering like the API --------------------------------------------------


@dataclass
class Scenario:
    """What the local API answers.

    items : every operator; pages are cut from it by ``debut`` and ``nb``.
    cap : the most operators per page the server gives, whatever ``nb`` asks.
    statuses : request number (1-based) → HTTP status to answer instead of the page.
    bodies : request number → raw body to answer instead of the page.
    delay : seconds to wait before answering.
    ignore_debut : answer the first page whatever ``debut`` says.
    requests : what was asked: (path with query, headers).
    """

    items: list[dict[str, Any]]
    total: Any = None
    cap: int | None = None
    statuses: dict[int, int] = field(default_factory=dict)
    bodies: dict[int, bytes] = field(default_factory=dict)
    delay: float = 0.0
    ignore_debut: bool = False
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def answer(self, path: str) -> tuple[int, bytes]:
        number = len(self.requests)
        if number in self.statuses:
            return self.statuses[number], b'{"error": "boom"}'
        if number in self.bodies:
            return 200, self.bodies[number]
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query))
        start = 0 if self.ignore_debut else int(query.get("debut", 0))
        size = int(query.get("nb", 10))
        if self.cap is not None:
            size = min(size, self.cap)
        total = str(len(self.items)) if self.total is None else self.total
        page = {"nbTotal": total, "items": self.items[start : start + size]}
        return 200, json.dumps(page, ensure_ascii=False).encode("utf-8")


def _handler(scenario: Scenario) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            scenario.requests.append((self.path, dict(self.headers.items())))
            if scenario.delay:
                time.sleep(scenario.delay)
            status, body = scenario.answer(self.path)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def local_api(scenario: Scenario) -> Iterator[str]:
    """A server on 127.0.0.1 answering `scenario`, in a thread; yields its base address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(scenario))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}/api/gouv/operateurs/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def no_sleep() -> tuple[list[float], Callable[[float], None]]:
    """A `sleep` that records the waits instead of waiting."""
    waits: list[float] = []
    return waits, waits.append
