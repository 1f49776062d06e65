"""One set of conventions, checked over the whole public API.

- ``(producers, grid)`` first, everything else keyword-only;
- the same defaults everywhere: ``level="criterion"``, ``seed=0``, ``lang=None``
  (the language rule);
- no public function shadows a submodule of its package;
- every result object has a one-line ``repr``, ``summary()`` and ``to_frame()``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest

import selection

PACKAGES = [
    "selection",
    "selection.engines",
    "selection.grid",
    "selection.table",
    "selection.scoring",
    "selection.sensitivity",
    "selection.decisions",
    "selection.committee",
    "selection.report",
    "selection.meeting",
    "selection.judgments",
    "selection.exports",
    "selection.forms",
    "selection.registries",
]

DEFAULTS = {"level": "criterion", "seed": 0, "lang": None}


def public(package: str) -> Iterator[tuple[str, Any]]:
    module = importlib.import_module(package)
    for name in getattr(module, "__all__", []):
        yield name, getattr(module, name)


def functions() -> list[tuple[str, Callable[..., Any]]]:
    seen: dict[str, Callable[..., Any]] = {}
    for package in PACKAGES:
        for name, value in public(package):
            if inspect.isfunction(value):
                seen[f"{package}.{name}"] = value
    return sorted(seen.items())


@pytest.mark.parametrize(("name", "function"), functions(), ids=lambda x: str(x))
def test_producers_and_grid_first_everything_else_keyword_only(
    name: str, function: Callable[..., Any]
) -> None:
    parameters = list(inspect.signature(function).parameters.values())
    names = [p.name for p in parameters]
    if names[:2] != ["producers", "grid"]:
        return
    late = [p.name for p in parameters[2:] if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    assert late == [], f"{name}: {late} should be keyword-only"


#: ``sweep(weight=...)``: the weight's key says its level (keys are unique across batteries
#: and criteria); ``level`` only narrows the search, so its default is "the weight's own".
OWN_LEVEL = {"selection.sensitivity.sweep"}


@pytest.mark.parametrize(("name", "function"), functions(), ids=lambda x: str(x))
def test_the_same_defaults_everywhere(name: str, function: Callable[..., Any]) -> None:
    for parameter in inspect.signature(function).parameters.values():
        if parameter.name in DEFAULTS and parameter.default is not inspect.Parameter.empty:
            if parameter.name == "level" and name in OWN_LEVEL:
                assert parameter.default is None
                continue
            assert parameter.default == DEFAULTS[parameter.name], (name, parameter)


def test_analyses_take_producers_and_grid() -> None:
    """The analyses of the issue all open with (producers, grid)."""
    from selection.committee import consensus
    from selection.meeting import build_meeting
    from selection.report import build_report
    from selection.sensitivity import (
        acceptability,
        compare_methods,
        perturb,
        robustness,
        sweep,
        weight_intervals,
    )

    for function in (
        selection.rank,
        selection.prepare,
        selection.check,
        selection.infer_weights,
        acceptability,
        weight_intervals,
        sweep,
        robustness,
        perturb,
        compare_methods,
        consensus,
        build_report,
        build_meeting,
    ):
        assert list(inspect.signature(function).parameters)[:2] == ["producers", "grid"], function


@pytest.mark.parametrize("package", PACKAGES)
def test_no_public_function_shadows_a_submodule(package: str) -> None:
    module: ModuleType = importlib.import_module(package)
    if not hasattr(module, "__path__"):
        return
    submodules = {info.name for info in pkgutil.iter_modules(module.__path__)}
    shadowing = sorted(
        name
        for name, value in public(package)
        if name in submodules and not inspect.ismodule(value)
    )
    assert shadowing == []


def results() -> list[type]:
    from selection.committee import Consensus
    from selection.decisions import Audit, Diff, Inference
    from selection.scoring import Decisions
    from selection.sensitivity import (
        Acceptability,
        MethodComparison,
        Perturbation,
        Robustness,
        StabilityIntervals,
        Sweep,
    )

    return [
        selection.Ranking,
        Decisions,
        Acceptability,
        StabilityIntervals,
        Sweep,
        Robustness,
        MethodComparison,
        Perturbation,
        Audit,
        Inference,
        Diff,
        Consensus,
    ]


@pytest.mark.parametrize("cls", results(), ids=lambda c: c.__name__)
def test_every_result_has_repr_summary_and_to_frame(cls: type) -> None:
    assert "__repr__" in vars(cls), f"{cls.__name__} has no repr of its own"
    for method in ("summary", "to_frame"):
        assert callable(getattr(cls, method, None)), f"{cls.__name__}.{method}"


def test_results_print_in_one_line_and_in_words() -> None:
    problem = selection.prepare(selection.example_producers_path(), selection.example_grid_path())
    ranking = selection.rank(problem)
    from selection.sensitivity import acceptability, robustness, sweep, weight_intervals

    for result in (
        ranking,
        ranking.decisions(),
        acceptability(problem, samples=100),
        weight_intervals(problem, level="battery"),
        sweep(problem, weight="locality", steps=5),
        robustness(problem, k=5, samples=100),
    ):
        assert "\n" not in repr(result) and repr(result).startswith("<")
        assert result.summary(lang="en").strip()
        assert len(result.to_frame())
