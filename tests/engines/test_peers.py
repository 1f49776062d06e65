"""The numerical test cases of five other MCDA libraries, reproduced through our public API.

Each case is a test of a peer library (pymcdm, scikit-criteria, pyrepo-mcda,
JMcDM, AHPy) whose method we also have. It is expressed with what a user of
`selection` writes: a table (``tests/data/peers/<case>.csv``) and a grid
(``<case>.yaml``) given to :func:`selection.rank`. The expected numbers
(``<case>.expected.csv``: id, score, rank) are copied verbatim from the peer's
test, never produced by this library; the header of each grid cites the source
(repository, file, commit, test name) and explains how the case was expressed.

``cases.csv`` gives, per case, the peer's own tolerance and how our scores are
put on the peer's scale before comparing:

* ``compare``/``factor``: ``scale`` (factor × ours: a peer that reports a
  percentage, that does not normalize its weights, or JMcDM's PROMETHEE, which
  returns minus the net flow), ``power`` (ours ** factor: a weighted product with
  weights that sum to ``factor``) or ``log10`` (factor × log10(ours): peers that
  report the logarithm of a weighted product);
* ``atol``/``rtol``: the peer's tolerance. A peer that asserts
  ``round(x, n) == expected`` gets ``atol = 0.5e-n``; ``round(x, n) ==
  round(expected, n)`` gets ``1e-n``; ``np.allclose`` keeps its ``atol`` and
  ``rtol``; JMcDM's ``isapprox(x, y; atol)`` on a vector bounds the Euclidean
  norm of the difference (``tolerance = norm``; elementwise it is checked too).

Each case asserts

1. the scores: ``np.testing.assert_allclose(ours, theirs, atol, rtol)``;
2. the order, ties aside: where the peer's scores differ (rounding is
   monotone, so a strict order of rounded values is an order of the exact
   ones), ours must not be in the opposite order;
3. the peer's ranks, where its test gives them (1 = best): where the peer ranks
   one alternative strictly before another, our rank must not be behind it.

A case on which our implementation disagrees (a bug, or a missing feature)
stays here, in ``KNOWN_DIFFERENCES``, marked ``xfail(strict=True)`` with the
numbers in the reason: it fails loudly once fixed.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import selection
from selection.grid import parse_grid

DATA = Path(__file__).resolve().parents[1] / "data" / "peers"

with (DATA / "cases.csv").open(encoding="utf-8", newline="") as _file:
    CASES: list[dict[str, str]] = list(csv.DictReader(_file))

#: Cases on which we differ from the peer, checked by hand against the method's formula.
KNOWN_DIFFERENCES: dict[str, str] = {}


def _params() -> list[Any]:
    params: list[Any] = []
    for case in CASES:
        name = case["case"]
        marks = []
        if name in KNOWN_DIFFERENCES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[name]))
        params.append(pytest.param(case, id=name, marks=marks))
    return params


def _on_peer_scale(ours: np.ndarray, compare: str, factor: float) -> np.ndarray:
    """Our scores as the peer reports them (see the module docstring)."""
    if compare == "scale":
        return np.asarray(factor * ours, dtype=float)
    if compare == "power":
        return np.asarray(ours**factor, dtype=float)
    if compare == "log10":
        return np.asarray(factor * np.log10(ours), dtype=float)
    raise ValueError(f"unknown comparison {compare!r}")


def _reversed_pairs(better: np.ndarray, peer_before: np.ndarray, ids: list[str]) -> list[str]:
    """Pairs (i, j) the peer puts strictly i before j but `better` puts strictly j before i.

    `better[i, j]` is True where we put i strictly before j.
    """
    n = len(ids)
    return [
        f"{ids[i]} before {ids[j]}"
        for i in range(n)
        for j in range(n)
        if peer_before[i, j] and better[j, i]
    ]


def test_the_cases_are_all_there() -> None:
    """Every case listed has its three files, and every grid in the folder is listed."""
    names = {case["case"] for case in CASES}
    assert len(names) == len(CASES)
    assert {path.stem for path in DATA.glob("*.yaml")} == names
    for name in names:
        for suffix in (".csv", ".yaml", ".expected.csv"):
            assert (DATA / f"{name}{suffix}").is_file(), name + suffix
    assert set(KNOWN_DIFFERENCES) <= names


@pytest.mark.parametrize("case", _params())
def test_peer_case(case: dict[str, str]) -> None:
    """Our scores for the peer's case match the peer's, within its tolerance, in its order."""
    name = case["case"]
    table = pd.read_csv(DATA / f"{name}.csv", dtype={"id": str})
    grid = parse_grid((DATA / f"{name}.yaml").read_text(encoding="utf-8"), source=f"{name}.yaml")
    expected = pd.read_csv(DATA / f"{name}.expected.csv", dtype={"id": str})
    ids = list(table["id"])
    assert list(expected["id"]) == ids
    assert grid.method == case["method"]

    ranking = selection.rank(table, grid)
    scores = ranking.table["score"].reindex(ids).to_numpy(dtype=float)
    assert np.isfinite(scores).all()
    ours = _on_peer_scale(scores, case["compare"], float(case["factor"]))
    atol, rtol = float(case["atol"]), float(case["rtol"])
    checked = False

    if expected["score"].notna().all():
        theirs = expected["score"].to_numpy(dtype=float)
        np.testing.assert_allclose(ours, theirs, atol=atol, rtol=rtol, err_msg=name)
        if case["tolerance"] == "norm":
            distance = float(np.linalg.norm(ours - theirs))
            assert distance <= atol, f"{name}: |ours - theirs| = {distance:.3g} > {atol:g}"
        # The order, ties aside: on the peer's scale, a larger score is after a smaller one
        # for both (whichever of the two the peer calls better).
        noise = 1e-12 * max(1.0, float(np.abs(ours).max()))
        peer_before = theirs[:, None] > theirs[None, :]
        we_before = ours[:, None] > ours[None, :] + noise
        assert not _reversed_pairs(we_before, peer_before, ids), name
        checked = True

    if expected["rank"].notna().all():
        their_rank = expected["rank"].to_numpy(dtype=int)
        our_rank = ranking.table["rank"].reindex(ids).to_numpy(dtype=int)
        peer_before = their_rank[:, None] < their_rank[None, :]
        we_before = our_rank[:, None] < our_rank[None, :]
        reversed_ = _reversed_pairs(we_before, peer_before, ids)
        assert not reversed_, f"{name}: the peer ranks {reversed_}; we rank the other way"
        checked = True

    assert checked, f"{name}: no expected scores nor ranks"
