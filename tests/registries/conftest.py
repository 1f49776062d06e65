"""The local test server is reached directly, whatever proxy the environment sets."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_proxy_for_the_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(variable, "127.0.0.1,localhost")
