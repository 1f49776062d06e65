"""Inline SVG charts, drawn by hand: horizontal bars only, no script, no network.

Each function returns the markup of one small ``<svg>`` (HTML5 inline SVG, no
``xmlns`` needed), sized in CSS pixels, meant to sit in a table cell next to
the numbers it draws. Charts read without colour: every series has its own
*hatching* (diagonal lines, dots, horizontal lines, cross-hatching ...) over a
colour-blind-safe tint, values are written on the bars where they fit, and
every chart carries a ``<title>`` and an ``aria-label`` saying in words what it
shows.

The hatching is drawn as plain strokes, not with SVG ``<pattern>``: browsers
turn each use of a pattern into a raster image when they print to PDF (14 MB
for the example report instead of 0.4 MB), and some viewers drop patterns.

Examples
--------
>>> svg = stacked_bar([(0.35, 0, "0,35"), (0.25, 1, "0,25")], 0.0, 1.0, label="P1")
>>> svg.startswith("<svg") and 'aria-label="P1"' in svg
True
>>> svg.count("<rect"), svg.count("<path")  # per part: tint and outline; hatching
(4, 2)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

__all__ = ["PATTERNS", "axis", "interval_bar", "merit_bar", "share_bar", "stacked_bar", "swatch"]

#: (line colour, tint) per series: Okabe-Ito hues, darkened for lines (colour-blind safe).
PALETTE = (
    ("#005a8c", "#cfe6f5"),
    ("#a35f00", "#fbe3bd"),
    ("#006b4f", "#c9ede0"),
    ("#8a3f6f", "#f3d9ea"),
    ("#2b6f8f", "#d9eef8"),
    ("#9c3d00", "#f8d6c2"),
    ("#6e6a00", "#f6f1b8"),
)

#: Number of distinct series styles; further series reuse them in order.
PATTERNS = len(PALETTE)

_FONT = 11  # px, for values written on bars
_STEP = 6.0  # px between hatching lines


def _num(value: float) -> str:
    """A coordinate, short."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _hatching(kind: int, x0: float, y0: float, x1: float, y1: float) -> str:
    """Path data of style `kind` inside a rectangle, on a grid shared by every chart."""
    out: list[str] = []
    if kind in (0, 3):  # "/" lines: x + y = c
        c = math.ceil((x0 + y0) / _STEP) * _STEP
        while c < x1 + y1:
            lo, hi = max(x0, c - y1), min(x1, c - y0)
            if hi > lo:
                out.append(f"M{_num(lo)} {_num(c - lo)}L{_num(hi)} {_num(c - hi)}")
            c += _STEP
    if kind in (3, 5):  # "\" lines: x - y = c
        c = math.ceil((x0 - y1) / _STEP) * _STEP
        while c < x1 - y0:
            lo, hi = max(x0, c + y0), min(x1, c + y1)
            if hi > lo:
                out.append(f"M{_num(lo)} {_num(lo - c)}L{_num(hi)} {_num(hi - c)}")
            c += _STEP
    if kind == 2:  # horizontal lines
        y = math.floor(y0 / 4) * 4 + 2.0
        while y < y1:
            if y > y0:
                out.append(f"M{_num(x0)} {_num(y)}H{_num(x1)}")
            y += 4
    if kind == 4:  # vertical lines
        x = math.floor(x0 / 4) * 4 + 2.0
        while x < x1:
            if x > x0:
                out.append(f"M{_num(x)} {_num(y0)}V{_num(y1)}")
            x += 4
    if kind == 1:  # dots, as small squares
        y = math.floor(y0 / 5) * 5 + 1.5
        while y + 1.8 <= y1:
            x = math.floor(x0 / 5) * 5 + 1.5
            while x + 1.8 <= x1:
                if x >= x0 and y >= y0:
                    out.append(f"M{_num(x)} {_num(y)}h1.8v1.8h-1.8z")
                x += 5
            y += 5
    return "".join(out)


def _box(series: int, x: float, y: float, width: float, height: float) -> str:
    """A rectangle in series `series`' style: tint, hatching, outline."""
    kind = series % PATTERNS
    line, tint = PALETTE[kind]
    area = f'x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}"'
    out = [f'<rect {area} fill="{tint}"/>']
    drawing = _hatching(kind, x, y, x + width, y + height)
    if drawing and kind == 1:
        out.append(f'<path d="{drawing}" fill="{line}"/>')
    elif drawing:
        thickness = 1.5 if kind in (0, 5) else 1.0
        out.append(f'<path d="{drawing}" fill="none" stroke="{line}" stroke-width="{thickness}"/>')
    out.append(f'<rect {area} fill="none" stroke="{line}" stroke-width="1"/>')
    return "".join(out)


def _text(x: float, y: float, content: str, anchor: str = "middle", size: int = _FONT) -> str:
    """Text with a white halo (see the ``halo`` CSS class), readable over any hatching."""
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" font-size="{size}" '
        f'dominant-baseline="central" class="halo">{escape(content)}</text>'
    )


def _open(width: float, height: float, label: str, css: str) -> str:
    return (
        f'<svg class="{css}" width="{_num(width)}" height="{_num(height)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" role="img" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
    )


def swatch(series: int, size: int = 16) -> str:
    """A small square in series `series`' style, for legends."""
    return (
        f'<svg class="swatch" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
        f'aria-hidden="true" focusable="false">{_box(series, 0.5, 0.5, size - 1, size - 1)}'
        "</svg>"
    )


def stacked_bar(
    parts: Sequence[tuple[float, int, str]],
    low: float,
    high: float,
    *,
    label: str,
    width: int = 240,
    height: int = 22,
) -> str:
    """One horizontal bar stacked from its parts, on the common scale ``[low, high]``.

    Parameters
    ----------
    parts : sequence of (value, series, text)
        Positive values stack rightwards from 0, negative ones leftwards; `text`
        is written on the part when it fits.
    low, high : float
        The scale shared by every bar of the chart (``low <= 0 < high``).
    label : str
        What the bar says, in words (title and accessible name).
    """
    span = (high - low) or 1.0

    def x(value: float) -> float:
        return (value - low) / span * width

    out = [_open(width, height, label, "bar")]
    texts = []
    ahead, behind = 0.0, 0.0
    for value, series, text in parts:
        if value >= 0:
            start, ahead = ahead, ahead + value
            end = ahead
        else:
            end, behind = behind, behind + value
            start = behind
        left, right = x(start), x(end)
        if right - left <= 0:
            continue
        out.append(_box(series, left, 2, right - left, height - 4))
        if text and right - left >= 6.5 * len(text) + 4:
            texts.append(_text((left + right) / 2, height / 2, text))
    if low < 0:
        zero = x(0.0)
        out.append(
            f'<line x1="{_num(zero)}" y1="0" x2="{_num(zero)}" y2="{height}" '
            'stroke="#000" stroke-width="1.5"/>'
        )
    out += texts
    out.append("</svg>")
    return "".join(out)


def axis(
    ticks: Sequence[tuple[float, str]], *, width: int = 240, height: int = 16, css: str = "axis"
) -> str:
    """Tick labels along a bar's width, for a column header; `ticks` are (share 0–1, text)."""
    out = [
        f'<svg class="{css}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">'
    ]
    for share, text in ticks:
        x = share * width
        anchor = "start" if share <= 0 else "end" if share >= 1 else "middle"
        out.append(
            f'<text x="{_num(x)}" y="{height - 4}" text-anchor="{anchor}" font-size="10">'
            f"{escape(text)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def interval_bar(
    low: float,
    high: float,
    current: float,
    series: int,
    *,
    label: str,
    width: int = 240,
    height: int = 26,
) -> str:
    """A track from 0 to 1 with the interval ``[low, high]`` filled and ◆ at `current`."""
    out = [_open(width, height, label, "interval")]
    mid = height / 2
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = tick * (width - 1) + 0.5
        out.append(
            f'<line x1="{_num(x)}" y1="3" x2="{_num(x)}" y2="{height - 3}" stroke="#999" '
            'stroke-width="1" stroke-dasharray="2 2"/>'
        )
    out.append(
        f'<line x1="0" y1="{_num(mid)}" x2="{width}" y2="{_num(mid)}" stroke="#666" '
        'stroke-width="1"/>'
    )
    left = low * width
    right = max(high * width, left + 1)
    out.append(_box(series, left, 5, right - left, height - 10))
    cx, r = current * width, 6
    out.append(
        f'<polygon points="{_num(cx)},{_num(mid - r)} {_num(cx + r)},{_num(mid)} '
        f'{_num(cx)},{_num(mid + r)} {_num(cx - r)},{_num(mid)}" fill="#000" '
        'stroke="#fff" stroke-width="1"/>'
    )
    out.append("</svg>")
    return "".join(out)


def share_bar(
    value: float, maximum: float, series: int, *, label: str, width: int = 90, height: int = 14
) -> str:
    """A short bar of length ``value / maximum``, for weights in a table cell."""
    out = [_open(width, height, label, "share")]
    length = 0.0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * (width - 1)
    out.append(
        f'<rect x="0.5" y="1" width="{_num(width - 1)}" height="{height - 2}" fill="none" '
        'stroke="#bbb" stroke-width="1"/>'
    )
    if length > 0:
        out.append(_box(series, 0.5, 1, length, height - 2))
    out.append("</svg>")
    return "".join(out)


#: Grades from worst to best: red to green through grey (ColorBrewer RdYlGn, dark enough
#: for text on white), each grade also told apart by its position and the bar's title.
_GRADES = ("#b2182b", "#d6604d", "#f4a582", "#d9d9d9", "#a6d96a", "#66bd63", "#1a9850")


def merit_bar(counts: Sequence[int], *, label: str, width: int = 150, height: int = 12) -> str:
    """A merit profile: one segment per grade, worst left, as wide as its share of the grades.

    Examples
    --------
    >>> svg = merit_bar([0, 1, 2, 1], label="Accueil")
    >>> svg.count("<rect") - 1  # the outline, then one segment per grade given
    3
    """
    total = sum(counts)
    out = [_open(width, height, label, "merit")]
    out.append(
        f'<rect x="0.5" y="0.5" width="{_num(width - 1)}" height="{height - 1}" fill="none" '
        'stroke="#888" stroke-width="1"/>'
    )
    if total:
        k = len(counts)
        x = 0.5
        for position, count in enumerate(counts):
            if not count:
                continue
            shade = _GRADES[round(position * (len(_GRADES) - 1) / max(k - 1, 1))]
            wide = count / total * (width - 1)
            out.append(
                f'<rect x="{_num(x)}" y="0.5" width="{_num(wide)}" height="{height - 1}" '
                f'fill="{shade}"/>'
            )
            x += wide
        middle = 0.5 + (width - 1) / 2
        out.append(f'<path d="M{_num(middle)} 0V{height}" stroke="#111" stroke-width="1.2"/>')
    out.append("</svg>")
    return "".join(out)
