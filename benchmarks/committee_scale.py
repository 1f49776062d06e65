"""Committee scale benchmark: a committee of 60 on 200 producers, and Copeland on 61 × 5,000.

Issue 13, item 3: everything committee-shaped must work and stay quick with 60
members and 200 producers, and Copeland's compromise must not blow up
quadratically (it took about 6 s for 5,000 producers × 61 members).

Part 1 — 60 members × 200 producers (a seeded synthetic committee,
:func:`selection.committee.synthetic_members`, on a pool of 200 producers
resampled from the shipped example with jittered values):

* ``aggregate`` (geometric mean), ``positions`` (distribution, who stands out),
  ``consensus`` (60 rankings, Kendall's W, weighted Spearman for every pair,
  Borda, Copeland, contested producers);
* the report's committee section alone (``selection.report.members.section``,
  from the consensus), and ``build_report`` with the 60 members against
  ``build_report`` without them (the ratio is what the committee adds);
* ``build_meeting`` with the 60 members against ``build_meeting`` without them.

Part 2 — Copeland on 61 rankings of 5,000 producers, ours against the
*pairwise definition* vectorised as the kernel used to be (every pair of
producers, every ranking: the full n × n margin matrix built in blocks of
rows), both giving the same scores (checked):

* *realistic*: the rankings of 61 synthetic members' weights over a pool of
  5,000 producers (members broadly agree: most pairs are settled by sorting);
* *unrelated*: 61 random permutations (the worst case: every pair overlaps).

Kendall's W and Borda on the same rankings are printed beside.

Timings are best-of-N ``time.perf_counter`` runs, the calls compared taking
turns. Machines are noisy: read the ratios, not the times. The script always
exits 0: a benchmark is not a test.

Run::

    .venv/bin/python benchmarks/committee_scale.py [--repeats 3] [--seed 0] [--quick]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

import selection
from selection.committee import (
    aggregate,
    borda,
    consensus,
    copeland,
    kendall_w,
    positions,
    synthetic_members,
)
from selection.committee.agreement import mid_ranks
from selection.engines import competition_ranks
from selection.errors import SelectionWarning
from selection.meeting import build_meeting
from selection.report import build_report
from selection.report import members as report_members
from selection.report.text import Text

TARGET_SECONDS = 1.0  # Copeland on 61 × 5,000, realistic rankings (issue: 6 s before)


def copeland_pairwise(ranks: np.ndarray, rows: int = 256) -> np.ndarray:
    """Copeland by its definition, vectorised: the n × n majority margins, `rows` at a time."""
    array = np.asarray(ranks, dtype=float)
    n = array.shape[1]
    scores = np.zeros(n, dtype=int)
    for start in range(0, n, rows):
        stop = min(start + rows, n)
        margin = np.zeros((stop - start, n))
        for row in array:
            margin += np.sign(row[None, :] - row[start:stop, None])
        scores[start:stop] = np.sign(margin).sum(axis=1)
    return scores


def pool(size: int, seed: int) -> pd.DataFrame:
    """`size` producers resampled from the shipped example, numbers jittered, new ids."""
    rng = np.random.default_rng(seed)
    table = pd.read_csv(
        selection.example_producers_path(), sep=";", decimal=",", dtype={"department": str}
    )
    out = table.sample(size, replace=True, random_state=seed).reset_index(drop=True)
    out["producer_id"] = [f"X{i:05d}" for i in range(size)]
    for column, spread in (("price_index", 8.0), ("weekly_volume_kg", 40.0)):
        out[column] = (out[column] + rng.normal(0, spread, size)).clip(lower=1).round(1)
    out["latitude"] = out["latitude"] + rng.normal(0, 0.05, size)
    out["longitude"] = out["longitude"] + rng.normal(0, 0.05, size)
    return out


def best_of(
    repeats: int, calls: dict[str, Callable[[], Any]]
) -> tuple[dict[str, float], dict[str, Any]]:
    """Best-of-`repeats` wall time of each call, the calls taking turns; and their results."""
    best = dict.fromkeys(calls, float("inf"))
    last: dict[str, Any] = {}
    for _ in range(repeats):
        for name, call in calls.items():
            gc.collect()
            start = time.perf_counter()
            last[name] = call()
            best[name] = min(best[name], time.perf_counter() - start)
    return best, last


def settled_share(ranks: np.ndarray) -> float:
    """The share of ordered pairs that one producer wins in every ranking (settled by sorting)."""
    array = mid_ranks(ranks)
    best, worst = array.min(axis=0), array.max(axis=0)
    n = array.shape[1]
    below = np.sort(best)
    unanimous = n - np.searchsorted(below, worst, side="right")  # b whose best > a's worst
    return float(2 * unanimous.sum() / (n * (n - 1))) if n > 1 else 1.0


def seconds(value: float) -> str:
    return f"{value * 1000:8.1f} ms" if value < 10 else f"{value:8.2f} s "


def part_one(args: argparse.Namespace, out: Callable[[str], Any]) -> None:
    grid = selection.load_grid(selection.example_grid_path())
    producers = pool(args.producers, args.seed)
    members = synthetic_members(grid, args.members, seed=args.seed)
    three = synthetic_members(grid, 3, seed=args.seed, outliers=0)
    prepared = selection.prepare(producers, grid)
    samples = 200
    out(
        f"\n1. {args.members} members × {args.producers} producers "
        f"({prepared.n} eligible; grid {grid.short_hash}, {prepared.method})\n"
    )

    text = Text("fr")
    result = consensus(prepared, members=report_members.load(members, grid), k=12, lang="fr")

    def section() -> str:
        return report_members.section(
            result, members, text, prepared.who, lambda key: key, grid, 12
        )

    calls: dict[str, Callable[[], Any]] = {
        "aggregate (geometric)": lambda: aggregate(members, grid),
        "positions": lambda: positions(members, grid, lang="fr"),
        f"consensus, {args.members} members": lambda: consensus(
            prepared, members=members, k=12, lang="fr"
        ),
        "consensus, 3 members": lambda: consensus(prepared, members=three, k=12, lang="fr"),
        "report section alone": section,
        f"build_report, {args.members} members": lambda: build_report(
            prepared, members=members, samples=samples, lang="fr"
        ),
        "build_report, no members": lambda: build_report(prepared, samples=samples, lang="fr"),
        f"build_meeting, {args.members} members": lambda: build_meeting(
            prepared, members=members, lang="fr"
        ),
        "build_meeting, no members": lambda: build_meeting(prepared, lang="fr"),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SelectionWarning)
        times, last = best_of(args.repeats, calls)
    for name, value in times.items():
        out(f"   {name:<34} {seconds(value)}\n")
    m = args.members
    out(
        f"   ratios: consensus {m} / 3 members = "
        f"{times[f'consensus, {m} members'] / times['consensus, 3 members']:.1f}×; "
        f"report with / without members = "
        f"{times[f'build_report, {m} members'] / times['build_report, no members']:.2f}×; "
        f"meeting page with / without = "
        f"{times[f'build_meeting, {m} members'] / times['build_meeting, no members']:.2f}×\n"
    )
    report = last[f"build_report, {m} members"]
    plain = last["build_report, no members"]
    page = last[f"build_meeting, {m} members"]
    bare = last["build_meeting, no members"]
    out(
        f"   sizes: committee section {len(last['report section alone']) / 1000:.1f} kB; "
        f"report {len(report) / 1000:.0f} kB ({len(plain) / 1000:.0f} kB without members); "
        f"meeting page {len(page) / 1000:.0f} kB ({len(bare) / 1000:.0f} kB without)\n"
    )
    standing = last["positions"]
    out(
        f"   who stands out: {len(standing.outliers)} of {m} "
        f"(Kendall's W {result.kendall_w:.2f})\n"
    )


def part_two(args: argparse.Namespace, out: Callable[[str], Any]) -> None:
    grid = selection.load_grid(selection.example_grid_path())
    size, count = args.pool, args.rankers
    producers = pool(size, args.seed + 1)
    prepared = selection.prepare(producers, grid)
    members = synthetic_members(grid, count, seed=args.seed + 1)
    weights = np.vstack([m.grid(grid).weight_vector for m in members])
    realistic = competition_ranks(
        prepared.engine.scores(prepared.problem, weights),
        higher_is_better=prepared.engine.higher_is_better,
    )
    rng = np.random.default_rng(args.seed)
    unrelated = np.array([rng.permutation(prepared.n) + 1 for _ in range(count)])
    out(f"\n2. Copeland on {count} rankings × {prepared.n} producers\n")
    ok = True
    for name, ranks in (("realistic", realistic), ("unrelated", unrelated)):
        times, last = best_of(
            args.repeats,
            {
                "ours": lambda r=ranks: copeland(r),
                "pairwise definition": lambda r=ranks: copeland_pairwise(r),
                "kendall_w": lambda r=ranks: kendall_w(r),
                "borda": lambda r=ranks: borda(r),
            },
        )
        same = bool((last["ours"] == last["pairwise definition"]).all())
        ratio = times["pairwise definition"] / times["ours"]
        out(
            f"   {name:<10} ours {seconds(times['ours'])}   pairwise definition "
            f"{seconds(times['pairwise definition'])}   ratio {ratio:5.1f}×   "
            f"same scores: {same}   pairs settled by sorting: {settled_share(ranks):.0%}\n"
            f"   {'':<10} Kendall's W {seconds(times['kendall_w'])}   "
            f"Borda {seconds(times['borda'])}\n"
        )
        ok = ok and same
        if name == "realistic":
            verdict = "PASS" if times["ours"] <= TARGET_SECONDS and same else "FAIL"
            out(
                f"   {verdict}: Copeland, realistic rankings, ≤ {TARGET_SECONDS:g} s "
                f"({times['ours']:.2f} s; the pairwise definition takes "
                f"{times['pairwise definition']:.1f} s here)\n"
            )
    if not ok:
        out("   FAIL: ours and the pairwise definition disagree\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--producers", type=int, default=200)
    parser.add_argument("--rankers", type=int, default=61)
    parser.add_argument("--pool", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="small sizes, one run: a smoke test")
    args = parser.parse_args(argv)
    if args.quick:
        args.members, args.producers, args.pool, args.repeats = 12, 60, 600, 1
    out = sys.stdout.write
    out(
        f"selection {selection.__version__} · numpy {np.__version__} · pandas {pd.__version__} · "
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n"
        f"best of {args.repeats} runs, the calls compared taking turns; read the ratios\n"
    )
    part_one(args, out)
    part_two(args, out)
    out(f"\nload afterwards {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
