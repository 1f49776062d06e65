"""Small helpers to write HTML safely: every piece of text goes through :func:`esc`.

Examples
--------
>>> esc("<script>alert(1)</script>")
'&lt;script&gt;alert(1)&lt;/script&gt;'
>>> tag("td", "a < b", cls="num")
'<td class="num">a &lt; b</td>'
>>> tag("td", raw("<b>x</b>"), colspan=2)
'<td colspan="2"><b>x</b></td>'
"""

from __future__ import annotations

import html

__all__ = ["Raw", "esc", "raw", "tag"]


class Raw(str):
    """Markup already escaped (or built by this package): :func:`tag` keeps it as is."""

    __slots__ = ()


def raw(markup: str) -> Raw:
    """Mark `markup` as safe HTML."""
    return Raw(markup)


def esc(text: object) -> str:
    """`text` escaped for HTML content and attribute values (quotes too)."""
    return html.escape(str(text), quote=True)


def tag(name: str, *content: str, cls: str | None = None, **attributes: object) -> Raw:
    """``<name attributes>content</name>``: plain strings escaped, :class:`Raw` kept.

    ``cls`` gives the ``class`` attribute; ``data_x`` is written ``data-x``; an
    attribute whose value is None or False is left out.
    """
    pairs = [("class", cls)] + [
        (key.replace("_", "-"), value) for key, value in attributes.items()
    ]
    written = "".join(
        f' {key}="{esc(value)}"'
        for key, value in pairs
        if value is not None and value is not False
    )
    inner = "".join(part if isinstance(part, Raw) else esc(part) for part in content)
    return Raw(f"<{name}{written}>{inner}</{name}>")
