"""Fetching operators from Agence Bio's public "API Professionnels BIO", page by page.

The operator search is ``GET https://opendata.agencebio.org/api/gouv/operateurs/`` with
``departements`` (codes separated by commas), ``nb`` (operators per page) and ``debut``
(the index of the first one); it answers ``{"nbTotal": "...", "items": [...]}``. Pages are
asked until one is empty or ``nbTotal`` operators have come; ``debut`` moves by the number
of operators received (a server that gives fewer than ``nb`` per page is followed), and an
operator that comes twice (the list moved between two pages) is kept once.

The base address is, in this order: the ``api_url`` argument, the environment variable
``SELECTION_AGENCEBIO_URL``, :data:`AGENCEBIO_URL` (tests point it to a local server).

Examples
--------
>>> page_url("https://opendata.agencebio.org/api/gouv/operateurs/", ["69", "01"], 100, 200)
'https://opendata.agencebio.org/api/gouv/operateurs/?departements=69%2C01&nb=100&debut=200'
>>> departements_list("69, 1,2a")
['69', '01', '2A']
"""

from __future__ import annotations

import os
import time
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import ArgumentError, did_you_mean
from ..messages import msg
from ..validators import shorten, whole_number
from .agencebio import SHAPE_EXPECTED, announced_total
from .departements import normalised_departement
from .fields import described
from .http import FetchError, get_json

__all__ = [
    "AGENCEBIO_URL",
    "URL_VARIABLE",
    "agencebio_url",
    "departements_list",
    "fetch_agencebio",
    "page_url",
]

#: The operator search of the API Professionnels BIO.
AGENCEBIO_URL = "https://opendata.agencebio.org/api/gouv/operateurs/"

#: The environment variable that replaces :data:`AGENCEBIO_URL`.
URL_VARIABLE = "SELECTION_AGENCEBIO_URL"

#: Operators asked per page by default.
PAGE_SIZE = 100

#: Pages asked at most by default (50,000 operators at 100 a page: more than France has).
MAX_PAGES = 1000

Progress = Callable[[int, int], None]


def agencebio_url(api_url: str | None = None) -> str:
    """The base address: `api_url`, else ``$SELECTION_AGENCEBIO_URL``, else the public one."""
    return api_url or os.environ.get(URL_VARIABLE) or AGENCEBIO_URL


def departements_list(departements: str | Iterable[str]) -> list[str]:
    """Département codes as the API spells them, checked (``"69,1,2a"`` → 69, 01, 2A).

    Raises
    ------
    ArgumentError
        An empty list, or a code that is not a French département.
    """
    words = departements.split(",") if isinstance(departements, str) else list(departements)
    codes: list[str] = []
    for word in words:
        code = normalised_departement(str(word))
        if code is None:
            raise ArgumentError(
                msg("agencebio.departement.problem", "unknown département code"),
                where="--departements",
                expected=msg(
                    "agencebio.departement.expected",
                    "codes separated by commas: 01 to 95, 2A, 2B, 971 to 978, e.g. 69,01,38,42",
                ),
                found=shorten(str(word).strip()),
                hint=did_you_mean(str(word).strip().upper(), ["2A", "2B"]),
            )
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ArgumentError(
            msg("agencebio.departement.none", "no département to fetch"),
            where="--departements",
            expected=msg(
                "agencebio.departement.expected",
                "codes separated by commas: 01 to 95, 2A, 2B, 971 to 978, e.g. 69,01,38,42",
            ),
            found=shorten(departements if isinstance(departements, str) else words),
        )
    return codes


def page_url(base: str, departements: list[str], size: int, start: int) -> str:
    """The address of one page: `base` with ``departements``, ``nb`` and ``debut`` set."""
    parts = urllib.parse.urlsplit(base)
    query = [
        (key, value)
        for key, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if key not in ("departements", "nb", "debut")
    ]
    query += [("departements", ",".join(departements)), ("nb", str(size)), ("debut", str(start))]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def _page(document: Any, url: str, number: int) -> tuple[list[Any], int | None]:
    """The operators of one page and ``nbTotal``, or a FetchError saying what came instead."""
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise FetchError(
            msg(
                "agencebio.page.problem",
                "page {number} of the answer has an unexpected shape",
                number=number,
            ),
            where=url,
            expected=SHAPE_EXPECTED,
            found=described(document),
            hint=msg(
                "agencebio.page.hint",
                "the API may have changed or be in trouble: try again later, or check --api-url",
            ),
        )
    return items, announced_total(document.get("nbTotal"))


def fetch_agencebio(
    departements: str | Iterable[str],
    *,
    api_url: str | None = None,
    page_size: int = PAGE_SIZE,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    max_pages: int = MAX_PAGES,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Any]:
    """Every operator of some départements, asked from the API page by page.

    Parameters
    ----------
    departements : str or list of str
        Département codes: ``"69,01,38,42"`` or ``["69", "01"]``.
    api_url : str, optional
        The base address (default: ``$SELECTION_AGENCEBIO_URL``, else :data:`AGENCEBIO_URL`).
    page_size : int
        Operators asked per page (``nb``).
    timeout, retries, backoff, sleep
        Per request: see :func:`selection.registries.http.get_json`.
    max_pages : int
        Pages asked at most; more is an error (a server that never says "no more").
    progress : callable, optional
        Called with (operators received, operators announced) after each page.

    Returns
    -------
    dict
        A response of the same shape as one page, with every operator:
        ``{"nbTotal": n, "items": [...]}``; give it to
        :func:`~selection.registries.agencebio_producers`, or save it as JSON.

    Raises
    ------
    ArgumentError
        Unknown département codes, a page size or page count below 1.
    FetchError
        The API could not be reached (offline: said so), kept failing after the retries,
        or answered something else than pages of operators.
    """
    codes = departements_list(departements)
    size = whole_number(page_size, "page_size", low=1)
    pages = whole_number(max_pages, "max_pages", low=1)
    base = agencebio_url(api_url)
    items: list[Any] = []
    seen: set[str] = set()
    start, total = 0, None
    for number in range(1, pages + 1):
        url = page_url(base, codes, size, start)
        page, announced = _page(
            get_json(url, timeout=timeout, retries=retries, backoff=backoff, sleep=sleep),
            url,
            number,
        )
        total = announced if announced is not None else total
        for item in page:
            key = item.get("numeroBio") if isinstance(item, dict) else None
            if isinstance(key, str | int) and not isinstance(key, bool):
                if str(key) in seen:
                    continue
                seen.add(str(key))
            items.append(item)
        start += len(page)
        if progress is not None:
            progress(len(items), total if total is not None else len(items))
        if not page or (total is not None and start >= total):
            return {"nbTotal": total if total is not None else len(items), "items": items}
    raise FetchError(
        msg(
            "agencebio.pages.problem", "the answer did not end after {pages:d} pages", pages=pages
        ),
        where=base,
        expected=msg(
            "agencebio.pages.expected",
            "at most {pages:d} pages of {size:d} operators",
            pages=pages,
            size=size,
        ),
        found=msg(
            "agencebio.pages.found",
            "{count:d} operators so far, {total} announced",
            count=len(items),
            total="?" if total is None else str(total),
        ),
        hint=msg("agencebio.pages.hint", "fetch fewer départements at a time"),
    )
