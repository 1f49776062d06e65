"""Build hook: compile the gettext catalogues (``.po`` → ``.mo``) into the package.

The ``.po`` sources are in the repository (``src/selection/locale``); the
compiled ``.mo`` files are made here, with Babel, for every wheel (and for an
editable install, next to their sources) and are not committed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[misc]
    """Compile every ``src/selection/locale/<lang>/LC_MESSAGES/selection.po``."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale = Path(self.root) / "src" / "selection" / "locale"
        for source in sorted(locale.glob("*/LC_MESSAGES/selection.po")):
            with source.open("rb") as stream:
                catalog = read_po(stream, locale=source.parts[-3], domain="selection")
            target = source.with_suffix(".mo")
            with target.open("wb") as stream:
                write_mo(stream, catalog)
            build_data.setdefault("artifacts", []).append(str(target.relative_to(self.root)))
