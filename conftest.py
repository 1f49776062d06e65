"""Shared fixtures of the test suite.

The expected texts of the tests and doctests are written in English: everything runs with
``SELECTION_LANG=en`` and no locale, unless it sets the language itself (the
report's tests, and those of the French default, clear the variable).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def english() -> Iterator[None]:
    """English messages by default; the locale of the machine plays no part."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SELECTION_LANG", "en")
        for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
            patch.delenv(variable, raising=False)
        yield
