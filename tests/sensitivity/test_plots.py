"""Plots of sensitivity results: what is drawn matches the data, and bad choices are refused.

Every check reads the artists back (bar widths, line data, image arrays) and
compares them with the result object or with an independent computation
(`selection.rank`), so a chart that looks fine but shows the wrong numbers fails.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.container import BarContainer, ErrorbarContainer
from numpy.testing import assert_allclose

import selection
from selection import plots, sensitivity

plt.switch_backend("Agg")

PRODUCERS = selection.example_producers_path()


@pytest.fixture(scope="module")
def smaa(example_grid: selection.Grid) -> sensitivity.Acceptability:
    return sensitivity.acceptability(
        PRODUCERS, example_grid, samples=2000, level="battery", seed=1
    )


@pytest.fixture(scope="module")
def noisy(example_grid: selection.Grid) -> sensitivity.Perturbation:
    return sensitivity.perturb(PRODUCERS, example_grid, noise=0.1, samples=300, seed=2)


@pytest.fixture(scope="module")
def comparison(example_grid: selection.Grid) -> sensitivity.MethodComparison:
    return sensitivity.compare_methods(PRODUCERS, example_grid, methods=["wsm", "topsis", "vikor"])


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _ids(ax: Axes) -> list[str]:
    """Producer ids of the y tick labels, top row first ("P001 · name" → "P001")."""
    return [tick.get_text().split(" · ")[0] for tick in ax.get_yticklabels()]


def test_importing_plots_does_not_import_matplotlib() -> None:
    code = (
        "import sys, selection.plots, selection.sensitivity\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib')\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# -- acceptability --------------------------------------------------------------------------


def test_acceptability_bars_show_grouped_shares(smaa: sensitivity.Acceptability) -> None:
    table = smaa.rank_acceptability
    ax = plots.acceptability(smaa, top=6)
    assert isinstance(ax, Axes)
    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert [c.get_label() for c in containers] == ["1", "2", "3", "4–5", "6–10", "> 10"]
    assert len(ax.patches) == 6 * 6
    ids = _ids(ax)
    # Rows: the best holistic acceptability first (Lahdelma & Salminen 2001, centroid
    # meta-weights a_r = 1/r + ... + 1/n).
    n = table.shape[1]
    meta = pd.Series([sum(1 / j for j in range(r, n + 1)) for r in range(1, n + 1)], table.columns)
    holistic = (table * meta).sum(axis=1)
    assert ids == list(holistic.sort_values(ascending=False, kind="stable").index[:6])
    widths = np.array([[bar.get_width() for bar in c.patches] for c in containers]).T
    expected = np.column_stack(
        [
            table.loc[ids, 1],
            table.loc[ids, 2],
            table.loc[ids, 3],
            table.loc[ids, [4, 5]].sum(axis=1),
            table.loc[ids, list(range(6, 11))].sum(axis=1),
            table.loc[ids, list(range(11, table.shape[1] + 1))].sum(axis=1),
        ]
    )
    assert_allclose(widths, expected, atol=1e-12)
    assert_allclose(widths.sum(axis=1), 1.0)
    assert ax.get_xlim() == (0.0, 1.0)
    assert "2,000 battery weightings" in ax.get_title()


def test_acceptability_with_truncated_ranks_groups_the_rest() -> None:
    result = sensitivity.acceptability(
        PRODUCERS, selection.example_grid_path(), samples=500, top=3, seed=0
    )
    ax = plots.acceptability(result, top=4)
    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert [c.get_label() for c in containers] == ["1", "2", "3", "> 3"]
    widths = np.array([[bar.get_width() for bar in c.patches] for c in containers])
    assert_allclose(widths.sum(axis=0), 1.0)


def test_acceptability_heatmap_is_the_table(smaa: sensitivity.Acceptability) -> None:
    ax = plots.acceptability(smaa, top=5, kind="heatmap")
    ids = _ids(ax)
    assert len(ids) == 5
    image = ax.images[0].get_array()
    assert image is not None
    assert_allclose(np.asarray(image), smaa.rank_acceptability.loc[ids].to_numpy())
    assert ax.get_xlim() == (0.5, smaa.rank_acceptability.shape[1] + 0.5)


def test_acceptability_draws_on_the_given_axes_with_names(
    smaa: sensitivity.Acceptability, example_ranking: selection.Ranking
) -> None:
    _, given = plt.subplots()
    names = example_ranking.producers["name"]
    ax = plots.acceptability(smaa, top=3, names=names, ax=given)
    assert ax is given
    first = ax.get_yticklabels()[0].get_text()
    pid = first.split(" · ")[0]
    assert first == f"{pid} · {names[pid]}"


def test_acceptability_takes_a_perturbation(noisy: sensitivity.Perturbation) -> None:
    ax = plots.acceptability(noisy, top=4)
    assert len(_ids(ax)) == 4
    assert "noisy data" in ax.get_title()


@pytest.mark.parametrize("kind", ["heatmaps", "pie", None])
def test_acceptability_rejects_an_unknown_kind(
    smaa: sensitivity.Acceptability, kind: object
) -> None:
    with pytest.raises(selection.SelectionError, match="'bars', 'heatmap'") as info:
        plots.acceptability(smaa, kind=kind)  # type: ignore[arg-type]
    assert info.value.where == "kind"
    assert info.value.found == repr(kind)
    if kind == "heatmaps":
        assert info.value.hint == "did you mean 'heatmap'?"


@pytest.mark.parametrize("top", [0, -1, 2.5, True])
def test_acceptability_rejects_a_bad_top(smaa: sensitivity.Acceptability, top: object) -> None:
    with pytest.raises(selection.SelectionError, match="top") as info:
        plots.acceptability(smaa, top=top)  # type: ignore[arg-type]
    assert info.value.where == "top"


# -- sweep --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def swept(example_grid: selection.Grid) -> pd.DataFrame:
    return sensitivity.sweep(PRODUCERS, example_grid, weight="quality", steps=21)


def test_sweep_highlights_the_current_top(
    swept: pd.DataFrame, example_ranking: selection.Ranking, example_grid: selection.Grid
) -> None:
    n = swept["producer"].nunique()
    ax = plots.sweep(swept, grid=example_grid)
    assert isinstance(ax, Axes)
    current = swept.attrs["current"]
    vertical = [line for line in ax.lines if list(line.get_xdata()) == [current, current]]
    assert len(vertical) == 1
    assert len(ax.lines) == n + 1
    bold = [line for line in ax.lines if line.get_linewidth() == 2]
    top5 = list(example_ranking.ranked.index[:5])
    assert [line.get_label().split(" ")[0] for line in bold] == top5
    assert all(line.get_marker() not in (None, "None", "") for line in bold)
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()][-1] == "other producers"
    # Rank 1 on top, every rank visible; x runs over all weights.
    assert ax.get_ylim() == (n + 0.5, 0.5)
    assert ax.get_xlim() == (0.0, 1.0)
    assert "Qualité" in ax.get_xlabel()
    assert any(text.get_text().strip() == "now 35%" for text in ax.texts)
    # The drawn ranks are the frame's ranks.
    first = bold[0]
    expected = swept[swept["producer"] == top5[0]].sort_values("weight")
    assert_allclose(first.get_xdata(), expected["weight"])
    assert_allclose(first.get_ydata(), expected["rank"])


def test_sweep_scores_and_chosen_producers(swept: pd.DataFrame) -> None:
    chosen = list(swept["producer"].unique()[[-1, 0]])  # any two eligible producers
    ax = plots.sweep(swept, producers=chosen, y="score")
    bold = [line for line in ax.lines if line.get_linewidth() == 2]
    assert {line.get_label().split(" ")[0] for line in bold} == set(chosen)
    assert not ax.yaxis_inverted()
    scores = swept[swept["producer"] == chosen[0]].sort_values("weight")["score"]
    line = next(line for line in bold if line.get_label().startswith(f"{chosen[0]} "))
    assert_allclose(line.get_ydata(), scores)


def test_sweep_highlight_respects_the_count(swept: pd.DataFrame) -> None:
    ax = plots.sweep(swept, highlight=2)
    assert sum(line.get_linewidth() == 2 for line in ax.lines) == 2
    ax = plots.sweep(swept, highlight=0)
    assert sum(line.get_linewidth() == 2 for line in ax.lines) == 0


def test_sweep_rejects_bad_choices(swept: pd.DataFrame) -> None:
    with pytest.raises(selection.SelectionError, match="'rank', 'score'") as info:
        plots.sweep(swept, y="ranks")
    assert info.value.hint == "did you mean 'rank'?"
    with pytest.raises(selection.SelectionError, match="unknown producer 'P999'"):
        plots.sweep(swept, producers=["P999"])
    with pytest.raises(selection.SelectionError, match="highlight"):
        plots.sweep(swept, highlight=-1)


# -- intervals ----------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["battery", "criterion"])
def test_intervals_bars_run_from_low_to_high(example_grid: selection.Grid, level: str) -> None:
    frame = sensitivity.weight_intervals(PRODUCERS, example_grid, scope="top", k=10, level=level)  # type: ignore[arg-type]
    ax = plots.intervals(frame, grid=example_grid)
    assert isinstance(ax, Axes)
    assert len(ax.patches) == len(frame)
    assert_allclose([bar.get_x() for bar in ax.patches], frame["low"])
    assert_allclose([bar.get_width() for bar in ax.patches], frame["high"] - frame["low"])
    (marks,) = ax.lines
    assert_allclose(marks.get_xdata(), frame["weight"])
    labels = {b.key: b.label for b in example_grid.batteries} | {
        c.key: c.label for c in example_grid.criteria
    }
    assert [t.get_text() for t in ax.get_yticklabels()] == [labels[k] for k in frame.index]
    assert ax.get_xlim() == (0.0, 1.0)
    assert ax.get_title() == "Weights over which the top 10 stays the same"
    assert len(ax.texts) == len(frame)


def test_intervals_without_a_grid_show_keys(example_grid: selection.Grid) -> None:
    frame = sensitivity.weight_intervals(PRODUCERS, example_grid, scope="ranking", level="battery")
    ax = plots.intervals(frame)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(frame.index)
    assert "the whole ranking" in ax.get_title()


# -- method comparison --------------------------------------------------------------------


@pytest.mark.parametrize("which", ["weighted_spearman", "spearman", "kendall", "ws_similarity"])
def test_method_comparison_heatmap_is_the_matrix(
    comparison: sensitivity.MethodComparison, which: str
) -> None:
    ax = plots.method_comparison(comparison, which)
    assert isinstance(ax, Axes)
    matrix = getattr(comparison, which)
    image = ax.images[0].get_array()
    assert image is not None
    assert_allclose(np.asarray(image), matrix.to_numpy())
    assert [t.get_text() for t in ax.texts] == [f"{v:.2f}" for v in matrix.to_numpy().ravel()]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["wsm", "topsis", "vikor"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["wsm", "topsis", "vikor"]


def test_method_comparison_rejects_an_unknown_coefficient(
    comparison: sensitivity.MethodComparison,
) -> None:
    with pytest.raises(selection.SelectionError) as info:
        plots.method_comparison(comparison, "pearson")
    for name in ("'weighted_spearman'", "'spearman'", "'kendall'", "'ws_similarity'"):
        assert name in str(info.value)
    assert info.value.where == "which"


# -- perturbation -------------------------------------------------------------------------


def test_perturbation_error_bars_span_the_rank_range(
    noisy: sensitivity.Perturbation, example_ranking: selection.Ranking
) -> None:
    current = example_ranking.table["rank"]  # the default: the rank on the data as written
    ax = plots.perturbation(noisy, top=7)
    assert isinstance(ax, Axes)
    ids = _ids(ax)
    assert ids == list(example_ranking.ranked.index[:7])
    (bars,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    (segments,) = [c for c in bars.lines[2] if isinstance(c, LineCollection)]
    ends = np.array([[seg[0][0], seg[1][0]] for seg in segments.get_segments()])
    assert_allclose(np.sort(ends, axis=1), noisy.rank_range.loc[ids, ["low", "high"]])
    dots = next(line for line in ax.lines if line.get_label() == "rank on the data as written")
    assert_allclose(dots.get_xdata(), current[ids].astype(float))
    assert_allclose(dots.get_ydata(), np.arange(7))
    assert ax.get_ylim() == (6.5, -0.5)
    assert [t.get_text() for t in ax.texts[:7]] == [f"{s:.0%}" for s in noisy.stays[ids]]
    assert ax.get_title() == "Ranks under ±10% noise on 7 criteria (300 samples)"


def test_perturbation_marks_given_ranks(noisy: sensitivity.Perturbation) -> None:
    cumulative = noisy.rank_acceptability.cumsum(axis=1).to_numpy()
    median = pd.Series((cumulative >= 0.5).argmax(axis=1) + 1, index=noisy.rank.index)
    ax = plots.perturbation(noisy, top=5, current=median)
    ids = _ids(ax)
    assert len(ids) == 5
    dots = next(line for line in ax.lines if line.get_label() == "given rank")
    assert_allclose(dots.get_xdata(), median[ids])
    assert np.all(np.diff(median[ids].to_numpy()) >= 0)


def test_perturbation_needs_a_rank_for_every_producer(noisy: sensitivity.Perturbation) -> None:
    with pytest.raises(selection.SelectionError, match="no current rank") as info:
        plots.perturbation(noisy, current={noisy.rank_range.index[0]: 1})
    assert info.value.where == "current"
    with pytest.raises(selection.SelectionError, match="top"):
        plots.perturbation(noisy, top=0)
