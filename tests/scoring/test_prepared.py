"""The prepared problem: read once, used by every analysis; capabilities, not names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pandas as pd
import pytest
from numpy.typing import NDArray

import selection
import selection.scoring.prepared as prepared_module
from selection.engines import (
    ENGINES,
    Breakdown,
    Capabilities,
    Normalization,
    Problem,
    register_engine,
)
from selection.grid import Battery, Criterion, Grid, Nature
from selection.report import build_report
from selection.sensitivity import acceptability, sweep, weight_intervals
from selection.table import is_blank

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = sorted((ROOT / "criteria" / "members").glob("*.yaml"))


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count reads of the example producer file and builds of a decision matrix."""
    counts = {"reads": 0, "matrices": 0}
    producers = selection.example_producers_path()
    read_bytes = Path.read_bytes

    def reading(self: Path) -> bytes:
        if self.resolve() == producers.resolve():
            counts["reads"] += 1
        return read_bytes(self)

    build = prepared_module.build_matrix

    def building(*args: Any, **kwargs: Any) -> Any:
        counts["matrices"] += 1
        return build(*args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", reading)
    monkeypatch.setattr(prepared_module, "build_matrix", building)
    return counts


def test_the_report_with_members_reads_the_table_once(counted: dict[str, int]) -> None:
    """Ranking, robustness, stability intervals and the committee's consensus (three
    members ranked under their own weights): one read of the file, one decision matrix."""
    page = build_report(
        selection.example_producers_path(),
        selection.example_grid_path(),
        members=[str(p) for p in MEMBERS],
        samples=200,
    )
    assert 'id="committee"' in page
    assert counted == {"reads": 1, "matrices": 1}


def test_a_chain_of_analyses_on_one_prepared_problem(counted: dict[str, int]) -> None:
    problem = selection.prepare(selection.example_producers_path(), selection.example_grid_path())
    ranking = selection.rank(problem)
    ranking.explain(ranking.ranked.index[0], robustness=True)
    acceptability(ranking, samples=100)
    weight_intervals(problem, scope="top", k=5, level="battery")
    sweep(problem, weight="quality", steps=5)
    selection.rank(problem, method="topsis")
    selection.rank(problem, weights={"accessibility": 60})
    selection.check(problem, decisions=selection.example_decisions_path())
    assert counted == {"reads": 1, "matrices": 1}


def test_a_grid_that_reads_the_table_differently_builds_a_new_matrix(
    counted: dict[str, int],
) -> None:
    problem = selection.prepare(selection.example_producers_path(), selection.example_grid_path())
    gates_off = problem.grid.__class__(
        name=problem.grid.name,
        id_column=problem.grid.id_column,
        batteries=problem.grid.batteries,
        method=problem.grid.method,
        normalization=problem.grid.normalization,
        missing=problem.grid.missing,
        select=problem.grid.select,
    )
    other = problem.with_grid(gates_off)
    assert other.matrix is not problem.matrix
    assert other.n == len(other.matrix.ids) == 60  # no gates: everyone is eligible
    assert counted == {"reads": 1, "matrices": 2}  # the table itself was not read again


# -- a toy engine and a toy kind, registered without touching another file ---------------------


#: The toy method can do nothing beyond scoring.
NOTHING_MORE = Capabilities()


@dataclass(frozen=True)
class BestCriterion:
    """A toy method: a producer's score is its best weighted normalized value (not additive)."""

    name: str = "best_criterion"
    higher_is_better: bool = True
    default_normalization: Normalization | None = Normalization.MINMAX
    capabilities: Capabilities = NOTHING_MORE

    def scores(self, problem: Problem, weights: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray((problem.normalized[None, :, :] * weights[:, None, :]).max(axis=2))

    def breakdown(self, problem: Problem, weights: NDArray[np.float64]) -> Breakdown:
        return Breakdown(self.scores(problem, weights[None, :])[0], None, None)


@dataclass(frozen=True)
class Variety:
    """A toy kind: how many products a producer lists in one cell ("carottes, poireaux")."""

    name: ClassVar[str] = "variety"
    nature: ClassVar[Nature] = Nature.COMPUTED
    column: str

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.column,)

    @property
    def bounds(self) -> tuple[float, float] | None:
        return (0.0, 10.0)

    def encode(self, *series: pd.Series, key: str = "") -> NDArray[np.float64]:
        cells = series[0].to_numpy(dtype=object)
        return np.array(
            [np.nan if is_blank(c) else len(str(c).split(",")) for c in cells], dtype=float
        )

    def to_dict(self) -> dict[str, Any]:
        return {"column": self.column, "variety": True}


@pytest.fixture
def toy_engine() -> Iterator[BestCriterion]:
    engine = register_engine(BestCriterion())
    yield engine
    del ENGINES[engine.name]


def toy_grid(method: str) -> Grid:
    quality = Battery(
        "quality",
        (
            Criterion("variety", Variety("products"), weight=1, label="Variété"),
            Criterion("organic", selection.Boolean("organic"), weight=1, label="Bio"),
        ),
        weight=1,
    )
    price = Battery(
        "cost",
        (Criterion("price", selection.Numeric("price", (0, 10)), weight=1, direction="min"),),
        weight=1,
    )
    return Grid(name="toy", id_column="id", batteries=(quality, price), method=method)


TOY = pd.DataFrame(
    {
        "id": ["A", "B", "C", "D"],
        "products": ["carottes, poireaux, choux", "pommes", "œufs, farine", "lentilles"],
        "organic": ["oui", "non", "oui", "non"],
        "price": [4.0, 2.0, 6.0, 3.0],
    }
)


def test_a_toy_engine_and_a_toy_kind_run_through_every_analysis(
    toy_engine: BestCriterion,
) -> None:
    for method in ("wsm", "topsis", toy_engine.name):
        grid = toy_grid(method)
        ranking = selection.rank(TOY, grid)
        assert ranking.method == method
        assert ranking.table["rank"].min() == 1 and ranking.table["eligible"].all()
        text = ranking.explain("A", lang="en")
        assert text.startswith("A — rank ")
        if method == toy_engine.name:  # not additive: explained by weighted normalized values
            assert "Weighted normalized values" in text
        else:
            assert "contributions" in text
        result = acceptability(ranking, samples=200)
        assert np.allclose(result.rank_acceptability.sum(axis=1), 1.0)
        if ENGINES[method].capabilities.exact_intervals:
            intervals = weight_intervals(ranking, level="battery")
            assert (
                (intervals["low"] <= intervals["weight"])
                & (intervals["weight"] <= intervals["high"])
            ).all()
        else:
            with pytest.raises(selection.MethodError, match="exact stability intervals") as caught:
                weight_intervals(ranking, level="battery")
            capable = [name for name, e in ENGINES.items() if e.capabilities.exact_intervals]
            assert {"wsm", "topsis", "promethee_ii"} <= set(capable)
            assert all(name in caught.value.expected for name in capable)
        assert sweep(ranking, weight="quality", steps=5).table["rank"].min() == 1
        page = build_report(ranking, samples=100, lang="en")
        assert "Variété" in page and "<!DOCTYPE html>" in page


def test_the_toy_kind_is_read_and_shown_as_what_it_is() -> None:
    ranking = selection.rank(TOY, toy_grid("wsm"))
    assert ranking.matrix.eligible_values[:, 0].tolist() == [3.0, 1.0, 2.0, 1.0]  # products listed
    assert Variety("products").nature.numeric  # noise on the data applies to it
    noisy = selection.sensitivity.perturb(ranking, noise=0.0, samples=10)
    assert (noisy.stays == 1.0).all()


def test_an_engine_cannot_take_a_name_twice(toy_engine: BestCriterion) -> None:
    with pytest.raises(selection.MethodError, match="exists already"):
        register_engine(BestCriterion())
    with pytest.raises(selection.MethodError, match="not an engine"):
        register_engine(object())  # type: ignore[arg-type]
