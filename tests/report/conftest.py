"""The report speaks French unless told otherwise: these tests run without SELECTION_LANG."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="package")
def french_by_default() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SELECTION_LANG", raising=False)
        yield
