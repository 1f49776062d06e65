"""Scale benchmark: `selection.rank` on 100,000 producers × 30 criteria against bare pymcdm.

Builds a seeded, realistic producer table (numbers, a few ``levels`` columns of
words, yes/no columns, a latitude/longitude pair for a computed distance, some
blank cells), writes a TOPSIS grid with vector normalization and two
eligibility gates to a temporary directory, then times

* ``selection.rank(frame, grid)``: everything from table mapping to the final
  labelled table (id checks, encoding, gates, missing-data policy,
  normalization, scores, contributions, ranks, the sorted DataFrame);
* a bare ``pymcdm.methods.TOPSIS(vector_normalization)(matrix, weights, types,
  validation=False)`` on the very matrix `selection` scored (eligible
  producers, encoded values), with the same weights and criterion types.

pymcdm normalizes column by column, so it runs about twice as fast on a
column-major (Fortran-ordered) matrix, the layout ``DataFrame.to_numpy()``
gives for a frame of floats, as on a row-major (C-ordered) one. It is timed on
both copies of the matrix and the faster is the reference: the comparison
must not handicap it.

Timings are best-of-N ``time.perf_counter`` runs, alternating the calls.
The target (issue): `selection.rank` at least twice as fast as the bare pymcdm
call, i.e. ``pymcdm_time / selection_time >= 2``. The script prints PASS or
FAIL against it and always exits 0: a benchmark is not a test.

Run::

    .venv/bin/python benchmarks/rank_scale.py [--producers 100000] [--criteria 30]
                                              [--repeats 5] [--seed 0]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization
from tracing import peak_traced

import selection

TARGET_RATIO = 2.0
AGREEMENT = 1e-9
HUB = (45.78, 4.92)  # VRAC warehouse, Vaulx-en-Velin (as in criteria/lyon-qla.yaml)

ORGANIC = {"none": 0, "HVE": 1, "conversion": 2, "AB": 3, "Nature & Progrès": 4}
PACKAGING = {"plastique": 0, "recyclable": 1, "consigné": 2, "vrac": 3}
WATER = {"faible": 0, "moyenne": 1, "bonne": 2, "excellente": 3}

# Criteria with their own shape; the rest of the grid is generic indicators.
# (key, battery, direction, scale, weight, extra grid fields)
FIXED_NUMERIC: list[tuple[str, str, str, tuple[float, float] | None, int, dict[str, Any]]] = [
    ("price_index", "accessibility", "min", (60, 160), 4, {}),
    ("min_order_eur", "accessibility", "min", (0, 500), 1, {}),
    ("payment_days", "accessibility", "max", (0, 60), 1, {"missing": "worst"}),
    ("weekly_volume_kg", "accessibility", "max", (0, 1500), 1, {}),
    ("intermediaries", "locality", "min", (0, 3), 2, {}),
    ("agroecology", "quality", "max", (0, 4), 2, {}),
    ("carbon_kg_per_kg", "quality", "min", None, 2, {"missing": "exclude"}),
    ("years_active", "quality", "max", None, 1, {}),
]
BATTERIES = ("quality", "locality", "accessibility")
# Distance + 3 levels + 2 yes/no + the fixed numerics: the smallest grid we build.
MIN_CRITERIA = 6 + len(FIXED_NUMERIC)


def make_problem(producers: int, criteria: int, seed: int) -> tuple[pd.DataFrame, dict[str, Any]]:
    """A producer table and the grid (as a YAML-ready dict) that reads it."""
    if criteria < MIN_CRITERIA:
        raise SystemExit(f"--criteria must be at least {MIN_CRITERIA}")
    rng = np.random.default_rng(seed)
    n = producers
    cols: dict[str, Any] = {"producer_id": [f"P{i:06d}" for i in range(1, n + 1)]}
    batteries: dict[str, dict[str, Any]] = {
        "quality": {"label": "Qualité", "weight": 35, "criteria": {}},
        "locality": {"label": "Localité", "weight": 30, "criteria": {}},
        "accessibility": {"label": "Accessibilité", "weight": 35, "criteria": {}},
    }

    def add(battery: str, key: str, spec: dict[str, Any]) -> None:
        batteries[battery]["criteria"][key] = spec

    # A latitude/longitude pair around Lyon; the grid computes the distance to the hub.
    cols["latitude"] = np.round(HUB[0] + rng.normal(0, 0.6, n), 5)
    cols["longitude"] = np.round(HUB[1] + rng.normal(0, 0.8, n), 5)
    add(
        "locality",
        "distance",
        {
            "label": "Distance à l'entrepôt (km)",
            "direction": "min",
            "scale": [0, 250],
            "distance_from": ["latitude", "longitude"],
            "hub": list(HUB),
            "weight": 3,
        },
    )

    # Levels: words from spreadsheets, with the odd case and spacing variant.
    organic = rng.choice(list(ORGANIC), n, p=[0.45, 0.2, 0.1, 0.2, 0.05]).astype(object)
    organic[rng.random(n) < 0.02] = " ab "
    cols["organic_label"] = organic
    add(
        "quality",
        "organic",
        {"label": "Label bio", "column": "organic_label", "levels": ORGANIC, "weight": 3},
    )
    cols["packaging"] = rng.choice(list(PACKAGING), n).astype(object)
    add("quality", "packaging", {"levels": PACKAGING, "weight": 1})
    cols["water_management"] = rng.choice(list(WATER), n).astype(object)
    add("quality", "water", {"column": "water_management", "levels": WATER, "weight": 1})

    # Yes/no columns, as typed in French and English spreadsheets.
    cols["solidarity_price"] = rng.choice(["oui", "non", "Oui", "NON"], n).astype(object)
    add("accessibility", "solidarity_price", {"boolean": True, "weight": 2})
    cols["delivers_to_hub"] = rng.choice(["yes", "no"], n, p=[0.6, 0.4]).astype(object)
    add("accessibility", "delivery", {"column": "delivers_to_hub", "boolean": True, "weight": 2})

    # Numbers with a known shape.
    shapes: dict[str, np.ndarray] = {
        "price_index": np.clip(rng.normal(100, 18, n), 60, 160).round(1),
        "min_order_eur": np.clip(rng.gamma(2.0, 60.0, n), 0, 500).round(0),
        "payment_days": rng.choice([0.0, 15.0, 30.0, 45.0, 60.0], n),
        "weekly_volume_kg": np.clip(rng.lognormal(5.5, 0.8, n), 5, 1500).round(0),
        "intermediaries": rng.choice([0, 1, 2, 3], n, p=[0.5, 0.3, 0.12, 0.08]),
        "agroecology": rng.uniform(0, 4, n).round(2),
        "carbon_kg_per_kg": rng.lognormal(0.3, 0.5, n).round(3),
        "years_active": rng.integers(1, 60, n),
    }
    shapes["payment_days"][rng.random(n) < 0.05] = np.nan  # missing: worst
    shapes["carbon_kg_per_kg"][rng.random(n) < 0.01] = np.nan  # missing: exclude
    for key, battery, direction, scale, weight, extra in FIXED_NUMERIC:
        cols[key] = shapes[key]
        spec: dict[str, Any] = {"direction": direction, "weight": weight}
        if scale is not None:
            spec["scale"] = list(scale)
        add(battery, key, spec | extra)

    # Generic indicators fill the grid up to `criteria`: mixed directions, half on a scale.
    for k in range(criteria - MIN_CRITERIA):
        key = f"indicator_{k + 1:02d}"
        spec = {"weight": int(rng.integers(1, 6))}
        if k % 3 == 2:
            spec["direction"] = "min"
        if k % 2 == 0:
            cols[key] = rng.uniform(0, 10, n).round(1)
            spec["scale"] = [0, 10]
        else:
            cols[key] = rng.lognormal(2.0, 0.6, n).round(2)
        add(BATTERIES[k % len(BATTERIES)], key, spec)

    grid = {
        "format": "selection/grid@1",
        "name": f"Benchmark grid ({criteria} criteria)",
        "description": "Synthetic grid for benchmarks/rank_scale.py.",
        "id": "producer_id",
        "method": "topsis",
        "normalization": "vector",
        "missing": "raise",
        "batteries": batteries,
        "eligibility": [
            {"criterion": "distance", "max": 150},
            {"criterion": "intermediaries", "max": 2},
        ],
    }
    return pd.DataFrame(cols), grid


def best_of(
    repeats: int, calls: dict[str, Callable[[], Any]]
) -> tuple[dict[str, float], dict[str, Any]]:
    """Best-of-`repeats` wall time of each call, alternating them; and their last results."""
    best = dict.fromkeys(calls, float("inf"))
    last: dict[str, Any] = {}
    for _ in range(repeats):
        for name, call in calls.items():
            start = time.perf_counter()
            last[name] = call()
            best[name] = min(best[name], time.perf_counter() - start)
    return best, last


def mib(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:,.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--producers", type=int, default=100_000)
    parser.add_argument("--criteria", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    frame, grid_data = make_problem(args.producers, args.criteria, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "grid.yaml"
        path.write_text(
            yaml.safe_dump(grid_data, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
        grid = selection.load_grid(path)

    # One untimed call gives the matrix, weights and types pymcdm gets (and warms up).
    ranking = selection.rank(frame, grid)
    matrices = {
        "C": np.ascontiguousarray(ranking.matrix.eligible_values),  # row-major
        "F": np.asfortranarray(ranking.matrix.eligible_values),  # column-major
    }
    weights = ranking.weights.to_numpy(dtype=float)
    types = np.asarray(ranking.matrix.directions)
    topsis = TOPSIS(vector_normalization)

    def pymcdm_on(layout: str) -> Callable[[], Any]:
        matrix = matrices[layout]
        return lambda: topsis(matrix, weights, types, validation=False)

    calls = {
        "selection": lambda: selection.rank(frame, grid),
        "pymcdm C": pymcdm_on("C"),
        "pymcdm F": pymcdm_on("F"),
    }
    for layout in matrices:
        calls[f"pymcdm {layout}"]()  # warm up
    gc.collect()
    times, last = best_of(args.repeats, calls)
    reference = min(("pymcdm C", "pymcdm F"), key=times.__getitem__)

    # Same scores, producer by producer (the table is in rank order; go back to table order).
    ours = last["selection"].table["score"].reindex(ranking.matrix.ids)
    ours = ours[ranking.matrix.eligible].to_numpy(dtype=float)
    gap = max(
        (float(np.max(np.abs(ours - last[f"pymcdm {layout}"]))) for layout in matrices),
        default=0.0,
    )

    memory = {name: peak_traced(calls[name]) for name in ("selection", reference)}
    ratio = times[reference] / times["selection"]
    n, m = ranking.matrix.eligible_values.shape
    out = sys.stdout.write
    out(
        f"selection {selection.__version__} · pymcdm {version('pymcdm')} · "
        f"numpy {np.__version__} · pandas {pd.__version__} · "
        f"Python {platform.python_version()} on {platform.machine()}\n"
    )
    out(
        f"table: {len(frame):,} producers × {len(grid.criteria)} criteria "
        f"({frame.shape[1]} columns, {mib(frame.memory_usage(deep=True).sum())} in memory); "
        f"{n:,} eligible, {len(frame) - n:,} excluded by gates or blanks\n"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    out(
        f"timing: best of {args.repeats}, the calls alternated, time.perf_counter; "
        f"load average {load:.2f} on {os.cpu_count()} CPUs"
        + (" (busy machine: timings are noisy)" if load > 0.5 * (os.cpu_count() or 1) else "")
        + "\n\n"
    )
    out(f"  selection.rank(frame, grid)            {times['selection'] * 1e3:9.1f} ms\n")
    out(f"  pymcdm TOPSIS(vector), validation off, on the {n:,} × {m} matrix:\n")
    for layout, label in (("F", "column-major"), ("C", "row-major")):
        name = f"pymcdm {layout}"
        out(
            f"    {label:<12}                         {times[name] * 1e3:9.1f} ms"
            + ("   (the reference: the faster)" if name == reference else "")
            + "\n"
        )
    out(f"  ratio pymcdm / selection               {ratio:9.3f}   (target ≥ {TARGET_RATIO:g})\n")
    out(f"  max |score difference|                 {gap:9.2e}   (tolerance {AGREEMENT:g})\n\n")
    out("peak memory added by one call (tracemalloc: Python objects and numpy buffers;\n")
    out("the traced runs are separate from the timed ones):\n")
    out(f"  selection.rank                         {mib(memory['selection']):>12}\n")
    out(f"  pymcdm TOPSIS                          {mib(memory[reference]):>12}\n\n")

    if gap > AGREEMENT:
        out(f"FAIL: scores differ from pymcdm's by {gap:.2e} > {AGREEMENT:g}\n")
    verdict = "PASS" if ratio >= TARGET_RATIO and gap <= AGREEMENT else "FAIL"
    out(
        f"{verdict}: selection.rank is {ratio:.3g}× the speed of bare pymcdm TOPSIS "
        f"(target ≥ {TARGET_RATIO:g}×)\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
