"""Getting JSON from a public web API: a timeout, a User-Agent, bounded retries, clear errors.

Only :mod:`urllib` (no new dependency). A request that fails for a reason that may pass (no
answer within the timeout, a refused or reset connection, HTTP 429 or 5xx) is tried again a
few times, waiting longer each time (and as long as the server's ``Retry-After`` asks, up to
a minute); any other failure, or the last one, is a :class:`FetchError` that says what
happened and what to do (an offline machine is told so). Only ``http`` and ``https``
addresses are opened: a base URL taken from the environment cannot read local files.

Examples
--------
>>> get_json("ftp://example.org/x.json")
Traceback (most recent call last):
...
selection.registries.http.FetchError: ftp://example.org/x.json: unsupported web address
  expected: an http:// or https:// address
  found: 'ftp://example.org/x.json'
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from email.message import Message as Headers
from typing import Any

from .._version import __version__
from ..errors import DataError
from ..messages import Message, msg, msgn
from ..validators import shorten

__all__ = ["USER_AGENT", "FetchError", "get_json"]

#: How `selection` introduces itself to the web services it asks.
USER_AGENT = f"selection/{__version__} (producer selection for food-access collectives; urllib)"

#: Largest answer read (bytes): a page of a registry is far smaller.
MAX_BYTES = 64 * 1024 * 1024

#: Longest wait asked by a ``Retry-After`` header that is honoured (seconds).
MAX_RETRY_AFTER = 60.0

#: HTTP statuses worth trying again: too many requests, server errors.
_RETRIED = frozenset({408, 425, 429, 500, 502, 503, 504})


class FetchError(DataError):
    """Data could not be fetched from a web service (offline, timeout, HTTP error, not JSON).

    A :class:`~selection.errors.DataError`: the producer data could not be obtained.
    """


def _retry_after(headers: Headers | None) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return min(float(value), MAX_RETRY_AFTER) if value is not None else None
    except ValueError:
        return None


def _offline(reason: object) -> bool:
    return isinstance(reason, socket.gaierror)


def _failure(url: str, reason: object, attempts: int) -> FetchError:
    """The error for a request that failed `attempts` times, the last one for `reason`."""
    if isinstance(reason, urllib.error.HTTPError):
        found: str | Message = msg(
            "registries.http.status",
            "HTTP {status} {reason}",
            status=reason.code,
            reason=str(reason.reason or ""),
        )
        hint: Message = msg(
            "registries.http.status_hint",
            "the service answered with an error; try again later, or check the address "
            "and the options",
        )
    elif _offline(getattr(reason, "reason", reason)):
        found = msg("registries.http.offline", "the name of the server could not be resolved")
        hint = msg(
            "registries.http.offline_hint",
            "this machine seems offline: connect it, or save the service's answer in a "
            "browser and import the file",
        )
    else:
        detail = getattr(reason, "reason", reason)
        found = shorten(str(detail) or type(detail).__name__)
        hint = msg(
            "registries.http.unreachable_hint",
            "check the internet connection and the address, then try again",
        )
    return FetchError(
        msgn(
            "registries.http.failed",
            "the web service could not be reached ({count:d} attempt)",
            "the web service could not be reached ({count:d} attempts)",
            count=attempts,
        ),
        where=url,
        expected=msg("registries.http.expected", "an answer in JSON"),
        found=found,
        hint=hint,
    )


def _check_url(url: str) -> None:
    if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(
            msg("registries.http.scheme", "unsupported web address"),
            where=url,
            expected=msg("registries.http.scheme_expected", "an http:// or https:// address"),
            found=shorten(url),
        )


def _read(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body: bytes = response.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise FetchError(
            msg("registries.http.too_large", "the answer is too large"),
            where=url,
            expected=msg(
                "registries.http.too_large_expected",
                "at most {size:d} MB per page",
                size=MAX_BYTES // (1024 * 1024),
            ),
            found=msg("registries.http.too_large_found", "a larger answer"),
            hint=msg("registries.http.too_large_hint", "ask for smaller pages"),
        )
    return body


def get_json(
    url: str,
    *,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> Any:
    """The JSON document at `url`, tried up to ``1 + retries`` times.

    Parameters
    ----------
    url : str
        An ``http://`` or ``https://`` address.
    timeout : float
        Seconds to wait for the server, per attempt.
    retries : int
        How many times a failure that may pass is tried again (timeouts, refused or reset
        connections, HTTP 408, 425, 429, 500, 502, 503, 504).
    backoff : float
        Seconds before the first new attempt; doubled at each one (a ``Retry-After``
        header asking longer, up to a minute, is honoured).
    sleep : callable
        How to wait (tests pass a function that does not).

    Returns
    -------
    object
        The decoded JSON document.

    Raises
    ------
    FetchError
        Not an http(s) address; the service could not be reached or kept failing; it
        answered with an error that trying again will not fix (HTTP 404...); the answer is
        not JSON.
    """
    _check_url(url)
    attempts = max(int(retries), 0) + 1
    for attempt in range(1, attempts + 1):
        wait = backoff * 2 ** (attempt - 1)
        try:
            body = _read(url, timeout)
            break
        except urllib.error.HTTPError as exc:
            exc.close()  # its body is not read: free the connection
            if exc.code not in _RETRIED or attempt == attempts:
                raise _failure(url, exc, attempt) from None
            wait = max(wait, _retry_after(exc.headers) or 0.0)
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if attempt == attempts or _offline(reason):  # offline: trying again is no use
                raise _failure(url, exc, attempt) from None
        sleep(wait)
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        start = body[:60].decode("utf-8", errors="replace")
        raise FetchError(
            msg("registries.http.not_json", "the answer is not JSON"),
            where=url,
            expected=msg("registries.http.expected", "an answer in JSON"),
            found=msg(
                "registries.http.not_json_found",
                "{error}; the answer starts with {start}",
                error=str(exc),
                start=shorten(start),
            ),
            hint=msg(
                "registries.http.not_json_hint",
                "check the address: it should be the API's, not a web page",
            ),
        ) from None
