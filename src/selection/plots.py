"""Plots of sensitivity results: one function per result, each drawing on one Axes.

Each takes a result of :mod:`selection.sensitivity` (or its table), draws on `ax`
(a new figure if None) and returns the Axes; every result's ``plot()`` method
calls the function here. matplotlib is imported inside the functions only: it
stays off the start-up path. Charts read in black and white: shades go from
dark (best) to light, markers tell lines apart, values are written.
``names=`` adds producer names to ids (``ranking.producers["name"]``); ``grid=``
shows labels instead of keys; ``lang=`` ("fr" or "en", default: the language rule of
:mod:`selection.messages`) is the language of titles, axis labels, legends and numbers.

The results are read by what they hold (their tables and fields), not by their
class: this module sits below the analyses that draw through it.

May import: the base modules, :mod:`selection.engines` and :mod:`selection.grid` (the names
of the levels); matplotlib inside functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import numpy as np
import pandas as pd

from .engines.ranks import holistic
from .errors import ArgumentError, did_you_mean
from .grid import level_name
from .messages import Message, format_number, msg, msgn, render, resolve_language
from .validators import language, whole_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "acceptability",
    "intervals",
    "method_comparison",
    "perturbation",
    "robustness",
    "sweep",
]

#: A result of selection.sensitivity, read by its fields (see the module docstring).
Result = Any

Names = Mapping[str, str] | pd.Series

#: Ranks grouped in the stacked bars, (first, last) inclusive; the rest form one last group.
RANK_GROUPS = ((1, 1), (2, 2), (3, 3), (4, 5), (6, 10))

#: Similarity coefficients of a MethodComparison, with their names on a chart.
SIMILARITIES: dict[str, Message] = {
    "weighted_spearman": msg("plot.similarity.weighted_spearman", "weighted Spearman $r_w$"),
    "spearman": msg("plot.similarity.spearman", "Spearman's ρ"),
    "kendall": msg("plot.similarity.kendall", "Kendall's τ"),
    "ws_similarity": msg("plot.similarity.ws", "WS similarity (row = reference)"),
}

_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "<", ">")

#: The axis words of the charts.
_RANK = msg("plot.rank", "rank")
_SCORE = msg("plot.score", "score")


def _fail(
    problem: Message, where: str, expected: Message, found: object, hint: Any = None
) -> NoReturn:
    raise ArgumentError(problem, where=where, expected=expected, found=repr(found), hint=hint)


def _choice(value: object, name: str, accepted: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in accepted:
        _fail(
            msg("plot.unknown", "unknown {name} {value!r}", name=name, value=value),
            name,
            msg("plot.one_of", "one of: {items}", items=", ".join(repr(a) for a in accepted)),
            value,
            did_you_mean(str(value), accepted),
        )
    return str(value)


def _lang(lang: object) -> str:
    """The language of a chart: `lang` checked, else the current language."""
    return resolve_language(language(lang))


def _percent(share: float, lang: str, digits: int = 0) -> str:
    return format_number(float(share), f".{digits}%", lang)


def _count(value: object, name: str, low: int = 1) -> int:
    return whole_number(value, name, low=low)


def _axes(ax: Axes | None, width: float, height: float) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height), layout="constrained")[1]


def _share_axis(axis: Any, lang: str, limits: bool = True) -> None:
    """Shares of 0 to 1 shown as percentages, as `lang` writes them (35 % or 35%)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda x, _: _percent(x, lang)))
    if limits:
        axis.axes.set_xlim(0.0, 1.0)


def _producer(pid: object, names: Names | None) -> str:
    lookup = {} if names is None else {str(k): str(v) for k, v in names.items()}
    return f"{pid} · {lookup[str(pid)]}" if str(pid) in lookup else str(pid)


def _labels(grid: Any) -> dict[str, str]:
    """Battery and criterion key → label, from a Grid (None: no labels)."""
    named: list[Any] = [] if grid is None else [*grid.batteries, *grid.criteria]
    return {item.key: item.label for item in named}


def _table(result: Any) -> pd.DataFrame:
    """The table of a result (its ``table``), or the DataFrame given."""
    table = getattr(result, "table", result)
    if not isinstance(table, pd.DataFrame):
        _fail(
            msg("plot.nothing", "nothing to draw"),
            "result",
            msg("plot.nothing_expected", "a result of selection.sensitivity"),
            type(result).__name__,
        )
    return table


def _rows(ax: Axes, labels: Sequence[str]) -> np.ndarray:
    """Row positions, the first row at the top."""
    rows = np.arange(len(labels))
    ax.set_yticks(rows, labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    return rows


def _right_column(ax: Axes, texts: Sequence[str], header: str | None = None) -> None:
    """One text per row, right of the axes."""
    place: dict[str, Any] = {"xycoords": ("axes fraction", "data"), "textcoords": "offset points"}
    for row, text in enumerate(texts):
        ax.annotate(text, (1.0, row), (6, 0), va="center", fontsize=9, **place)
    if header:
        ax.annotate(header, (1.0, -0.5), (6, 4), va="bottom", fontsize=9, **place)


def _legend_below(ax: Axes, **options: Any) -> None:
    """A legend under the x axis label, whatever the height of the axes."""
    from matplotlib.transforms import ScaledTranslation

    below = ax.transAxes + ScaledTranslation(0, -40 / 72, ax.figure.dpi_scale_trans)
    options |= {"loc": "upper center", "bbox_to_anchor": (0.5, 0.0), "frameon": False}
    ax.legend(bbox_transform=below, **options)


def acceptability(
    result: Result,
    top: int = 15,
    kind: Literal["bars", "heatmap"] = "bars",
    *,
    names: Names | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Rank acceptability of the producers most often best, as bars or a heatmap.

    Parameters
    ----------
    result : Acceptability or Perturbation
        Producers are ordered by holistic acceptability, Σ_r α_r b_r with α_r ∝ Σ_{j≥r} 1/j.
    top : int
        How many producers to show.
    kind : {"bars", "heatmap"}
        Stacked bars of grouped ranks (1, 2, 3, 4–5, 6–10, beyond), the shares
        written on them; or producers × ranks.
    names, ax, lang : optional
        Producer id → name; the Axes to draw on; the language of the texts.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from selection import example_grid_path, example_producers_path, plots, sensitivity
    >>> result = sensitivity.acceptability(example_producers_path(), example_grid_path(),
    ...                                    samples=500, level="battery", seed=1)
    >>> ax = plots.acceptability(result, top=5, ax=Figure().add_subplot())
    >>> len(ax.patches), ax.get_title()  # 5 producers × 6 groups of ranks
    (30, 'Rank acceptability over 500 battery weightings')
    """
    from matplotlib import colormaps

    _choice(kind, "kind", ("bars", "heatmap"))
    chosen_lang = _lang(lang)
    table = result.rank_acceptability
    n, kept = table.shape
    cumulative = np.cumsum(table.to_numpy(dtype=float), axis=1)
    scores = holistic(table.to_numpy(dtype=float), max(int(table.columns.max()), n))
    order = np.argsort(-scores, kind="stable")[: _count(top, "top")]
    ax = _axes(ax, 10, (0.3 if kind == "heatmap" else 0.4) * len(order) + 1.8)
    rows = _rows(ax, [_producer(pid, names) for pid in table.index[order]])
    level = getattr(result, "level", None)
    what = render(
        msg("plot.share_of_weightings", "share of weightings")
        if level
        else msg("plot.share_of_samples", "share of samples"),
        chosen_lang,
    )
    title = (
        msg(
            "plot.acceptability.title",
            "Rank acceptability over {samples:d} {level} weightings",
            samples=result.samples,
            level=level_name(level),
        )
        if level
        else msg(
            "plot.acceptability.title_noise",
            "Rank acceptability over {samples:d} samples of noisy data",
            samples=result.samples,
        )
    )
    ax.set_title(render(title, chosen_lang))
    rank_word = render(_RANK, chosen_lang)
    if kind == "heatmap":
        data = table.to_numpy(dtype=float)[order]
        extent = (0.5, kept + 0.5, len(order) - 0.5, -0.5)  # x = rank, y = row
        image = ax.imshow(data, "Blues", aspect="auto", vmin=0, vmax=data.max(), extent=extent)
        ax.set_xticks([1, *range(5, kept + 1, 5)])
        ax.set_xlabel(rank_word)
        colorbar = ax.figure.colorbar(image, ax=ax, label=what)
        _share_axis(colorbar.ax.yaxis, chosen_lang, limits=False)
        return ax
    groups = [(a, min(b, kept)) for a, b in RANK_GROUPS if a <= kept]
    beyond = groups[-1][1] < n  # ranks after the last group form one more, in grey
    groups += [(groups[-1][1] + 1, n)] if beyond else []
    shades = colormaps["YlGnBu"](np.linspace(0.95, 0.3, len(groups)))
    chosen, left = cumulative[order], np.zeros(len(order))
    for g, (a, b) in enumerate(groups):
        upper = np.ones(len(order)) if b >= n else chosen[:, b - 1]
        width = np.clip(upper - (chosen[:, a - 2] if a > 1 else 0.0), 0.0, None)
        rest = beyond and g == len(groups) - 1
        name = f"> {a - 1}" if rest else (f"{a}" if a == b else f"{a}–{b}")
        colour = "#e3e3e3" if rest else shades[g]
        bars = ax.barh(rows, width, left=left, color=colour, edgecolor="white", label=name)
        text = [_percent(w, chosen_lang) if w >= 0.06 else "" for w in width]
        dark = not rest and g < len(groups) / 2
        ax.bar_label(bars, text, label_type="center", color="white" if dark else "black", size=8)
        left += width
    _share_axis(ax.xaxis, chosen_lang)
    ax.set_xlabel(what)
    _legend_below(ax, title=rank_word, ncol=len(groups))
    return ax


def sweep(
    result: Result,
    producers: Sequence[str] | None = None,
    highlight: int = 5,
    y: Literal["rank", "score"] = "rank",
    *,
    names: Names | None = None,
    grid: Any = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Ranks (or scores) of the producers as one weight goes from 0 to 100 %.

    Parameters
    ----------
    result : Sweep or DataFrame
        From :func:`selection.sensitivity.sweep`; its current weight is a dashed line.
    producers : sequence of str, optional
        Drawn in colour with markers and named in the legend (the others thin and
        grey); default: the `highlight` best at the step nearest the current weight.
    highlight : int
    y : {"rank", "score"}
        Ranks are drawn with rank 1 on top.
    names, grid, ax, lang : optional
        Producer id → name; the grid, to name the weight by its label; the Axes; the
        language of the texts.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from selection import example_grid_path, example_producers_path, plots, sensitivity
    >>> result = sensitivity.sweep(example_producers_path(), example_grid_path(),
    ...                            weight="locality")
    >>> plots.sweep(result, highlight=3, ax=Figure().add_subplot()).get_title()
    'Ranks as the weight of locality goes from 0% to 100%'
    """
    _choice(y, "y", ("rank", "score"))
    chosen_lang = _lang(lang)
    frame = _table(result)
    current, factor = float(frame.attrs["current"]), str(frame.attrs.get("factor", "weight"))
    label = _labels(grid).get(factor, factor)
    values = frame.pivot_table(index="weight", columns="producer", values=y, aggfunc="first")
    ranks = frame.pivot_table(index="weight", columns="producer", values="rank", aggfunc="first")
    t = values.index.to_numpy(dtype=float)
    now = ranks.iloc[int(np.abs(t - current).argmin())].sort_values(kind="stable")
    if producers is None:
        chosen = list(now.index[: _count(highlight, "highlight", low=0)])
    else:
        given = [_choice(pid, "producer", [str(i) for i in now.index]) for pid in producers]
        chosen = [pid for pid in now.index if pid in given]
    ax = _axes(ax, 10, 5)
    every = max(1, len(t) // 10)
    for i, pid in enumerate(chosen):  # in the legend first, drawn last
        style: dict[str, Any] = {"marker": _MARKERS[i % 10], "markevery": (i % every, every)}
        text = render(
            msg(
                "plot.sweep.rank_now",
                "{producer} (rank {rank} now)",
                producer=_producer(pid, names),
                rank=int(now[pid]),
            ),
            chosen_lang,
        )
        ax.plot(t, values[pid], linewidth=2, zorder=3, label=text, **style)
    others = render(msg("plot.sweep.others", "other producers"), chosen_lang)
    for i, pid in enumerate(values.columns.difference(chosen)):
        text = "_" if i else others  # labels starting with _ stay out of the legend
        ax.plot(t, values[pid], color="0.78", linewidth=0.8, zorder=1, label=text)
    ax.axvline(current, color="black", linestyle="--", linewidth=1, zorder=2)
    box = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}
    side, where = ("left" if current < 0.8 else "right"), ax.get_xaxis_transform()
    now_text = render(msg("plot.sweep.now", "now {share:.0%}", share=current), chosen_lang)
    ax.text(current, 0.02, f" {now_text} ", ha=side, bbox=box, transform=where)
    _share_axis(ax.xaxis, chosen_lang)
    level = frame.attrs.get("level", "")
    ax.set_xlabel(
        render(
            msg(
                "plot.sweep.xlabel",
                "weight of {label} ({level} share of the total; the others in proportion)",
                label=label,
                level=level_name(level),
            ),
            chosen_lang,
        )
    )
    if y == "rank":
        worst = int(frame["rank"].max())
        step = 5 if worst <= 30 else 10
        ax.set_yticks([1, *range(step, worst + 1, step)])
        ax.set_ylim(worst + 0.5, 0.5)
    ax.set_ylabel(render(_RANK if y == "rank" else _SCORE, chosen_lang))
    ends = {"label": label, "low": 0.0, "high": 1.0}
    title = (
        msg(
            "plot.sweep.title_ranks",
            "Ranks as the weight of {label} goes from {low:.0%} to {high:.0%}",
            **ends,
        )
        if y == "rank"
        else msg(
            "plot.sweep.title_scores",
            "Scores as the weight of {label} goes from {low:.0%} to {high:.0%}",
            **ends,
        )
    )
    ax.set_title(render(title, chosen_lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax


def intervals(
    result: Result, *, grid: Any = None, ax: Axes | None = None, lang: str | None = None
) -> Axes:
    """Stability intervals: one bar per weight, over which the result stays the same.

    Parameters
    ----------
    result : StabilityIntervals or DataFrame
        From :func:`selection.sensitivity.weight_intervals`. Bars run from
        ``low`` to ``high`` (written on the right), a diamond marks ``weight``.
    grid, ax, lang : optional
        The grid, to show labels rather than keys; the Axes to draw on; the language of
        the texts.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from selection import example_grid_path, example_producers_path, plots, sensitivity
    >>> result = sensitivity.weight_intervals(example_producers_path(), example_grid_path(),
    ...                                       scope="winner", level="battery")
    >>> plots.intervals(result, ax=Figure().add_subplot()).get_title()
    'Weights over which the winner stays the same'
    """
    frame = _table(result)
    chosen_lang = _lang(lang)
    low, high = frame["low"].to_numpy(dtype=float), frame["high"].to_numpy(dtype=float)
    ax = _axes(ax, 10, 0.45 * len(frame) + 1.6)
    rows = _rows(ax, [_labels(grid).get(str(key), str(key)) for key in frame.index])
    ax.barh(rows, high - low, left=low, height=0.55, color="#9ecae1", edgecolor="#08519c")
    ax.plot(frame["weight"].to_numpy(dtype=float), rows, "D", color="black", zorder=3)
    digits = np.where(high - low < 0.05, 1, 0)  # narrow intervals get a decimal
    spans = zip(low, high, digits, strict=True)
    _right_column(
        ax,
        [f"{_percent(a, chosen_lang, d)} – {_percent(b, chosen_lang, d)}" for a, b, d in spans],
    )
    _share_axis(ax.xaxis, chosen_lang)
    ax.set_xlabel(
        render(
            msg(
                "plot.intervals.xlabel",
                "weight, share of the total (◆ current weight; the others in proportion)",
            ),
            chosen_lang,
        )
    )
    scope, k = frame.attrs.get("scope"), frame.attrs.get("k")
    titles = {
        "winner": msg(
            "plot.intervals.title_winner", "Weights over which the winner stays the same"
        ),
        "ranking": msg(
            "plot.intervals.title_ranking", "Weights over which the whole ranking stays the same"
        ),
        "top": msg(
            "plot.intervals.title_top", "Weights over which the top {k} stays the same", k=k
        ),
    }
    title = titles.get(
        str(scope),
        msg("plot.intervals.title_result", "Weights over which the result stays the same"),
    )
    ax.set_title(render(title, chosen_lang))
    return ax


def method_comparison(
    result: Result,
    which: str = "weighted_spearman",
    *,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """How alike the methods' rankings are: methods × methods, values written.

    Parameters
    ----------
    result : MethodComparison
    which : {"weighted_spearman", "spearman", "kendall", "ws_similarity"}
        The similarity coefficient (1 = identical rankings).
    ax : Axes, optional
    lang : str, optional
        The language of the texts.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from selection import example_grid_path, example_producers_path, plots, sensitivity
    >>> result = sensitivity.compare_methods(example_producers_path(), example_grid_path(),
    ...                                      methods=["wsm", "topsis"])
    >>> ax = plots.method_comparison(result, "kendall", ax=Figure().add_subplot())
    >>> [text.get_text() for text in ax.texts][:2]
    ['1.00', '0.83']
    """
    which = _choice(which, "which", list(SIMILARITIES))
    chosen_lang = _lang(lang)
    matrix: pd.DataFrame = getattr(result, which)
    data = matrix.to_numpy(dtype=float)
    low = min(float(np.nanmin(data)), 0.9)
    ax = _axes(ax, 1.2 * len(matrix) + 2.5, 1.0 * len(matrix) + 1.5)
    image = ax.imshow(data, "Blues", vmin=low, vmax=1.0)
    for (i, j), value in np.ndenumerate(data):
        colour = "white" if (value - low) / (1.0 - low) > 0.6 else "black"
        text = format_number(float(value), ".2f", chosen_lang)
        ax.text(j, i, text, ha="center", va="center", color=colour)
    ax.set_xticks(range(data.shape[1]), [str(c) for c in matrix.columns])
    ax.set_yticks(range(data.shape[0]), [str(r) for r in matrix.index])
    title = msg(
        "plot.similarity.title", "Similarity of the rankings: {name}", name=SIMILARITIES[which]
    )
    ax.set_title(render(title, chosen_lang))
    identical = render(msg("plot.similarity.identical", "1 = identical rankings"), chosen_lang)
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label=identical)
    return ax


def perturbation(
    result: Result,
    top: int = 15,
    current: Mapping[str, int] | pd.Series | None = None,
    *,
    names: Names | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Rank ranges under noisy data: 5th–95th percentile as error bars, best first.

    Parameters
    ----------
    result : Perturbation
        The share of samples keeping each producer's rank is written on the right.
    top : int
        How many producers to show.
    current : mapping, optional
        Producer id → rank marked with a dot. Default: the rank on the data as
        written (``result.rank``).
    names, ax, lang : optional
        Producer id → name; the Axes to draw on; the language of the texts.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from selection import example_grid_path, example_producers_path, plots, sensitivity
    >>> result = sensitivity.perturb(example_producers_path(), example_grid_path(),
    ...                              noise=0.1, samples=100, seed=0)
    >>> plots.perturbation(result, top=8, ax=Figure().add_subplot()).get_title()
    'Ranks under ±10% noise on 7 criteria (100 samples)'
    """
    from matplotlib.ticker import MaxNLocator

    chosen_lang = _lang(lang)
    ids = result.rank_range.index
    median = (result.rank_acceptability.cumsum(axis=1).to_numpy() >= 0.5).argmax(axis=1) + 1
    centre = (result.rank if current is None else pd.Series(current)).reindex(ids)
    if centre.isna().any():
        lacking = ", ".join(map(str, ids[centre.isna().to_numpy()][:5]))
        _fail(
            msg("plot.no_current_rank", "no current rank for some producers"),
            "current",
            msg("plot.rank_expected", "a rank for each producer"),
            lacking,
        )
    order = pd.DataFrame({"centre": centre.astype(float), "median": median}, index=ids)
    chosen = order.sort_values(["centre", "median"], kind="stable").index[: _count(top, "top")]
    low, high = (result.rank_range.loc[chosen, c].to_numpy(dtype=float) for c in ("low", "high"))
    ax = _axes(ax, 9, 0.4 * len(chosen) + 1.8)
    rows = _rows(ax, [_producer(pid, names) for pid in chosen])
    bars: dict[str, Any] = {"fmt": "none", "ecolor": "#4a7fb0", "elinewidth": 3, "capsize": 5}
    spread = render(msg("plot.perturbation.percentiles", "5th–95th percentile"), chosen_lang)
    ax.errorbar((low + high) / 2, rows, xerr=(high - low) / 2, label=spread, **bars)
    marker = render(
        msg("plot.perturbation.rank_as_written", "rank on the data as written")
        if current is None
        else msg("plot.perturbation.given_rank", "given rank"),
        chosen_lang,
    )
    ax.plot(order.loc[chosen, "centre"], rows, "o", color="black", label=marker, zorder=3)
    _right_column(
        ax,
        [_percent(s, chosen_lang) for s in result.stays.loc[chosen]],
        header=render(msg("plot.perturbation.same_rank", "same rank"), chosen_lang),
    )
    ax.set_xlim(0.5, max(high.max(), order.loc[chosen, "centre"].max()) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", color="0.9")
    ax.set_axisbelow(True)
    ax.set_xlabel(render(msg("plot.perturbation.xlabel", "rank (1 = best)"), chosen_lang))
    noise = result.noise[result.noise > 0]
    same = len(noise) > 0 and bool((noise == noise.iloc[0]).all())
    size = float(noise.iloc[0]) if same else 0.0
    kind = (
        msg("plot.noise", "noise")
        if not same
        else msg("plot.noise_relative", "±{size:.0%} noise", size=size)
        if result.relative
        else msg("plot.noise_absolute", "±{size:g} noise", size=size)
    )
    title = msgn(
        "plot.perturbation.title",
        "Ranks under {noise} on {count} criterion ({samples:d} samples)",
        "Ranks under {noise} on {count} criteria ({samples:d} samples)",
        count=len(noise),
        noise=kind,
        samples=result.samples,
    )
    ax.set_title(render(title, chosen_lang))
    _legend_below(ax, ncol=2)
    return ax


def robustness(
    result: Result,
    top: int = 15,
    *,
    names: Names | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Each producer's share of plausible weightings in the top k, best first.

    Parameters
    ----------
    result : Robustness
        From :func:`selection.sensitivity.robustness`; the top k is drawn as a line.
    top : int
        How many producers to show.
    names, ax, lang : optional
        Producer id → name; the Axes to draw on; the language of the texts.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from selection import example_grid_path, example_producers_path, plots, sensitivity
    >>> result = sensitivity.robustness(example_producers_path(), example_grid_path(),
    ...                                 k=5, samples=200)
    >>> plots.robustness(result, top=8, ax=Figure().add_subplot()).get_title()
    'Share of plausible weightings in the top 5 (200 weightings)'
    """
    frame = _table(result)
    chosen_lang = _lang(lang)
    k = int(frame.attrs.get("k", getattr(result, "k", 10)))
    chosen = frame.head(_count(top, "top"))
    ax = _axes(ax, 9, 0.4 * len(chosen) + 1.6)
    rows = _rows(ax, [_producer(pid, names) for pid in chosen.index])
    shares = chosen["in_top"].to_numpy(dtype=float)
    inside = chosen["rank"].to_numpy(dtype=int) <= k
    ax.barh(rows, shares, color=np.where(inside, "#4a7fb0", "#c6dbef"), edgecolor="#08519c")
    header = render(msg("plot.robustness.in_top", "in the top {k}", k=k), chosen_lang)
    _right_column(ax, [_percent(s, chosen_lang) for s in shares], header=header)
    _share_axis(ax.xaxis, chosen_lang)
    ax.set_xlabel(
        render(
            msg(
                "plot.robustness.xlabel",
                "share of plausible weightings in the top {k} (dark: in it now)",
                k=k,
            ),
            chosen_lang,
        )
    )
    samples = int(frame.attrs.get("samples", getattr(result, "samples", 0)))
    title = msg(
        "plot.robustness.title",
        "Share of plausible weightings in the top {k} ({samples:d} weightings)",
        k=k,
        samples=samples,
    )
    ax.set_title(render(title, chosen_lang))
    return ax
