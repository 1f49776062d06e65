"""Sensitivity benchmark: SMAA-2 and stability intervals against pysensmcda and pymcdm.

Four targets from the issue, each measured in this one run:

1. ``selection.sensitivity.acceptability`` (SMAA-2, TOPSIS, vector
   normalization) on 1,000 producers × 15 criteria × 10,000 weight samples is
   at least **15×** faster than ``pysensmcda.smaa.smaa2`` given the very same
   weight samples, gives the same rank acceptability indices, and the memory
   the call adds (peak RSS over what imports and inputs already use) is at most
   **a sixth** of what pysensmcda's call adds.
2. It is at least **100×** faster than a Python loop that calls pymcdm's
   TOPSIS once per weight sample (and counts the ranks). The loop is timed on
   the first ``--loop-samples`` samples and extrapolated linearly.
3. 10,000 producers × 20 criteria × 10,000 samples with ``top=10`` completes
   with a peak memory increase under **1 GiB**.
4. ``selection.sensitivity.weight_intervals`` (scope ``ranking``, TOPSIS) for
   every criterion of the 1,000-producer grid takes under **a second**; the
   ``winner`` and ``top`` scopes are timed too.

pysensmcda 2.0.0 needs pandas < 3, so it runs in its own virtual environment,
``benchmarks/.venv/pysensmcda`` (created on first run with ``python -m venv``
and ``pip install pysensmcda==2.0.0``, reused afterwards; ``.venv/`` is in
``.gitignore``). Each side runs in a subprocess of its own that loads the same
matrix, criterion types and weight samples from an ``.npz`` file, times its
call, measures its own peak memory and prints JSON; this script compares them.

Memory is measured the same way on both sides: in the worker process, after
imports, inputs and a small warm-up call, the kernel's peak-RSS mark is reset
(``/proc/self/clear_refs``), then one call runs and ``VmHWM − VmRSS before``
is the memory the call adds. ``tracemalloc`` peaks (Python objects and numpy
buffers) are reported beside, from a separate untraced-timing call.

The script prints PASS or FAIL per target and always exits 0.

Run::

    .venv/bin/python benchmarks/sensitivity.py [--quick] [--repeats 5] [--seed 0]

The worker mode (``--worker ...``) is internal. This module imports only the
standard library and numpy at top level, so that it also runs in
pysensmcda's environment, which has neither selection nor pandas 3.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from tracing import peak_traced

HERE = Path(__file__).resolve().parent
PYSENSMCDA = "pysensmcda==2.0.0"
PYSENSMCDA_ENV = HERE / ".venv" / "pysensmcda"  # `.venv/` is git-ignored

TARGET_SPEEDUP_PYSENSMCDA = 15.0
TARGET_MEMORY_SHARE = 1 / 6
TARGET_SPEEDUP_LOOP = 100.0
TARGET_LARGE_MEMORY = 2**30  # 1 GiB
TARGET_INTERVALS_SECONDS = 1.0
AGREEMENT = 1e-12  # rank acceptability: the same counts, so the same shares


@dataclass(frozen=True)
class Sizes:
    producers: int
    criteria: int
    samples: int
    loop_samples: int
    large_producers: int
    large_criteria: int
    large_samples: int
    top: int


FULL = Sizes(1_000, 15, 10_000, 500, 10_000, 20, 10_000, 10)
QUICK = Sizes(200, 15, 2_000, 200, 2_000, 20, 2_000, 10)


# ---------------------------------------------------------------------------
# Memory and time, the same way in every worker.


def _status() -> dict[str, int]:
    """VmRSS and VmHWM of this process, in bytes (Linux)."""
    out = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":")
                out[key] = int(value.split()[0]) * 1024
    return out


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) to the current RSS; False if not allowed."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except OSError:
        return False
    return True


def measure_rss(call: Callable[[], Any]) -> tuple[Any, float, dict[str, Any]]:
    """Run `call` once: its result, its wall time and the RSS it adds at its peak."""
    gc.collect()
    reset = _reset_peak()
    before = _status()
    start = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - start
    after = _status()
    return (
        result,
        seconds,
        {
            "rss_before": before["VmRSS"],
            "peak_rss": after["VmHWM"],
            "added": after["VmHWM"] - before["VmRSS"],
            "peak_reset": reset,
        },
    )


# ---------------------------------------------------------------------------
# The problem: a seeded matrix, its criterion types and weight samples.


def make_data(producers: int, criteria: int, samples: int, seed: int) -> dict[str, Any]:
    """Positive continuous values (no ties), every third criterion a cost; uniform weights."""
    rng = np.random.default_rng(seed)
    matrix = rng.lognormal(2.0, 0.6, (producers, criteria))
    types = np.where(np.arange(criteria) % 3 == 2, -1, 1)
    draws = rng.standard_exponential((samples, criteria))  # uniform on the simplex
    weights = draws / draws.sum(axis=1, keepdims=True)
    return {"matrix": matrix, "types": types, "weights": weights}


def selection_problem(matrix: Any, types: Any) -> tuple[Any, Any]:
    """The producer DataFrame and the loaded TOPSIS grid (criteria in column order)."""
    import pandas as pd
    import yaml

    import selection

    keys = [f"c{j + 1:02d}" for j in range(matrix.shape[1])]
    frame = pd.DataFrame(matrix, columns=keys)
    frame.insert(0, "producer_id", [f"P{i + 1:06d}" for i in range(len(matrix))])
    grid_data = {
        "format": "selection/grid@1",
        "name": f"Sensitivity benchmark ({len(keys)} criteria)",
        "id": "producer_id",
        "method": "topsis",
        "normalization": "vector",
        "missing": "raise",
        "batteries": {
            "all": {
                "label": "All criteria",
                "weight": 1,
                "criteria": {
                    key: {"direction": "min" if t < 0 else "max", "weight": 1}
                    for key, t in zip(keys, types, strict=True)
                },
            }
        },
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "grid.yaml"
        path.write_text(yaml.safe_dump(grid_data, sort_keys=False), encoding="utf-8")
        grid = selection.load_grid(path)
    if list(grid.keys) != keys:
        raise SystemExit(f"grid criteria {grid.keys} are not in column order")
    return frame, grid


# ---------------------------------------------------------------------------
# Workers. The two SMAA workers are long-lived: the driver sends them one command
# a line on stdin and reads one line of JSON back, so that their timed calls can
# take turns (the machine's load changes over a run; alternating shares it out).


def selection_side(data: Path, out: Path) -> dict[str, Callable[[], Any]]:
    """Our SMAA-2, the pymcdm loop on a subset, and the stability intervals."""
    from pymcdm.methods import TOPSIS
    from pymcdm.normalizations import vector_normalization

    import selection
    from selection.sensitivity import acceptability, weight_intervals

    loaded = np.load(data)
    matrix, types, weights = loaded["matrix"], loaded["types"], loaded["weights"]
    loop_samples = int(loaded["loop_samples"])
    frame, grid = selection_problem(matrix, types)

    # selection scores exactly this matrix (no gates, no blanks, no encoding).
    ranking = selection.rank(frame, grid)
    same_matrix = bool(np.array_equal(ranking.matrix.eligible_values, matrix))

    def call() -> Any:
        return acceptability(frame, grid, weight_samples=weights, pairwise=False)

    def save(result: Any) -> dict[str, Any]:
        np.savez(out, rank_acceptability=result.rank_acceptability.to_numpy())
        return {"same_matrix": same_matrix}

    topsis = TOPSIS(vector_normalization)
    n = len(matrix)

    def loop() -> Any:
        # The naive SMAA: one pymcdm call per weight vector, then rank and count.
        counts = np.zeros((n, n), dtype=np.int64)
        rows = np.arange(n)
        for w in weights[:loop_samples]:
            preference = topsis(matrix, w, types, validation=False)
            order = np.argsort(-preference, kind="stable")
            ranks = np.empty(n, dtype=np.int64)
            ranks[order] = rows
            counts[rows, ranks] += 1
        return counts

    def intervals(scope: str) -> Callable[[], Any]:
        k = 10 if scope == "top" else None
        return lambda: weight_intervals(frame, grid, scope=scope, k=k)  # type: ignore[arg-type]

    acceptability(frame, grid, weight_samples=weights[:8], pairwise=False)  # warm-up
    for scope in ("ranking", "winner", "top"):
        intervals(scope)()  # warm-up
    return {
        "call": call,
        "save": save,
        "loop": loop,
        "ranking": intervals("ranking"),
        "winner": intervals("winner"),
        "top": intervals("top"),
    }


def pysensmcda_side(data: Path, out: Path) -> dict[str, Callable[..., Any]]:
    """pysensmcda's SMAA-2 with pymcdm's TOPSIS (vector normalization), given our samples."""
    from importlib.metadata import version

    from pymcdm.methods import TOPSIS
    from pymcdm.normalizations import vector_normalization
    from pysensmcda.smaa import smaa2

    loaded = np.load(data)
    matrix, types, weights = loaded["matrix"], loaded["types"], loaded["weights"]
    method = TOPSIS(vector_normalization)

    def call() -> Any:
        return smaa2(method, matrix, types, weights=weights)

    def save(result: Any) -> dict[str, Any]:
        np.savez(out, rank_acceptability=np.asarray(result.rank_acceptability))
        return {
            "ties": int(result.simulation.n_ties),
            "higher_is_better": bool(result.simulation.reverse_ranking),
            "versions": {p: version(p) for p in ("pysensmcda", "pymcdm", "numpy", "pandas")},
        }

    smaa2(method, matrix, types, weights=weights[:8])  # warm-up
    return {"call": call, "save": save}


def serve(side: dict[str, Callable[..., Any]]) -> None:
    """Answer the driver's commands: rss, trace, time NAME, quit."""
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        command, *rest = line.split()
        if command == "quit":
            return
        if command == "rss":  # the first call: peak RSS, time, and the result to compare
            result, seconds, memory = measure_rss(side["call"])
            answer = {"seconds": seconds, "memory": memory, **side["save"](result)}
            del result
        elif command == "trace":
            answer = {"tracemalloc": peak_traced(side["call"])}
        else:  # time NAME
            call = side[rest[0]]
            gc.collect()
            start = time.perf_counter()
            call()
            answer = {"seconds": time.perf_counter() - start}
        print(json.dumps(answer), flush=True)


def worker_large(producers: int, criteria: int, samples: int, top: int, seed: int) -> dict:
    """`top` rank acceptability of a large pool, drawing the samples ourselves."""
    from selection.sensitivity import acceptability

    made = make_data(producers, criteria, 1, seed)
    frame, grid = selection_problem(made["matrix"], made["types"])
    del made
    acceptability(frame.head(50), grid, samples=8, top=top, seed=seed)  # warm-up

    def call() -> Any:
        return acceptability(frame, grid, samples=samples, top=top, seed=seed)

    result, seconds, memory = measure_rss(call)
    shape = list(result.rank_acceptability.shape)
    return {"seconds": seconds, "memory": memory, "shape": shape}


# ---------------------------------------------------------------------------
# The driver.


def ensure_pysensmcda() -> tuple[Path | None, str]:
    """The Python of pysensmcda's environment, created on first use; or None and why not."""
    python = PYSENSMCDA_ENV / "bin" / "python"
    check = [str(python), "-c", "import pysensmcda.smaa, pymcdm"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python, f"reused {PYSENSMCDA_ENV.relative_to(HERE.parent)}"
    sys.stderr.write(f"creating {PYSENSMCDA_ENV} and installing {PYSENSMCDA} …\n")
    steps = [
        [sys.executable, "-m", "venv", str(PYSENSMCDA_ENV)],
        [str(python), "-m", "pip", "install", "--quiet", PYSENSMCDA],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            return None, f"{' '.join(step)} failed: {done.stderr.strip()[-500:]}"
    if subprocess.run(check, capture_output=True).returncode != 0:
        return None, "pysensmcda does not import in its environment"
    return python, f"created {PYSENSMCDA_ENV.relative_to(HERE.parent)}"


def run_worker(python: Path | str, args: list[str]) -> dict[str, Any]:
    """Run this script once in worker mode; its JSON, or {"error": ...}."""
    done = subprocess.run(
        [str(python), str(Path(__file__).resolve()), *args], capture_output=True, text=True
    )
    if done.returncode != 0 or not done.stdout.strip():
        return {"error": (done.stderr or done.stdout).strip()[-2000:]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


class WorkerError(RuntimeError):
    pass


class Worker:
    """A long-lived worker process: one command a line in, one line of JSON out."""

    def __init__(self, python: Path | str, args: list[str], log: Path) -> None:
        self.log = log
        self.handle = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [str(python), str(Path(__file__).resolve()), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.handle,
            text=True,
        )
        self._read()  # {"ready": true} once loaded and warmed up

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            self.handle.flush()
            raise WorkerError(self.log.read_text(encoding="utf-8").strip()[-2000:])
        return dict(json.loads(line))

    def ask(self, command: str) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write("quit\n")
            self.process.stdin.close()
            self.process.wait()
        self.handle.close()


def smaa_runs(
    tmp: Path, sizes: Sizes, seed: int, repeats: int, python: Path | None, how: str
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Both SMAA workers, their calls taking turns; then the intervals. Ours, theirs, check."""
    data = tmp / "problem.npz"
    made = make_data(sizes.producers, sizes.criteria, sizes.samples, seed)
    np.savez(data, loop_samples=sizes.loop_samples, **made)
    ours_out, theirs_out = tmp / "ours.npz", tmp / "theirs.npz"
    ours: dict[str, Any] = {"times": [], "loop_times": [], "intervals": {}}
    theirs: dict[str, Any] = {"times": []}
    compare: dict[str, Any] = {}
    common = ["--data", str(data)]
    try:
        mine = Worker(
            sys.executable,
            ["--worker", "selection", "--out", str(ours_out), *common],
            tmp / "selection.log",
        )
    except WorkerError as error:
        return {"error": str(error)}, {"error": "not run"}, compare
    other: Worker | None = None
    if python is None:
        theirs["error"] = how
    else:
        try:
            other = Worker(
                python,
                ["--worker", "pysensmcda", "--out", str(theirs_out), *common],
                tmp / "pysensmcda.log",
            )
        except WorkerError as error:
            theirs["error"] = str(error)
    try:
        for round_ in range(repeats):
            command = "rss" if round_ == 0 else "time call"
            answer = mine.ask(command)
            ours["times"].append(answer["seconds"])
            if round_ == 0:
                ours |= {"memory": answer["memory"], "same_matrix": answer["same_matrix"]}
            ours["loop_times"].append(mine.ask("time loop")["seconds"])
            if other is not None and "error" not in theirs:
                try:
                    answer = other.ask(command)
                except WorkerError as error:
                    theirs["error"] = str(error)
                    continue
                theirs["times"].append(answer["seconds"])
                if round_ == 0:
                    theirs |= {key: answer[key] for key in ("memory", "ties", "versions")}
        ours["memory"]["tracemalloc"] = mine.ask("trace")["tracemalloc"]
        if other is not None and "error" not in theirs:
            try:
                theirs["memory"]["tracemalloc"] = other.ask("trace")["tracemalloc"]
            except WorkerError as error:
                theirs["error"] = str(error)
        if other is not None:
            other.close()
        for _ in range(repeats):
            for scope in ("ranking", "winner", "top"):
                times = ours["intervals"].setdefault(scope, [])
                times.append(mine.ask(f"time {scope}")["seconds"])
    except WorkerError as error:
        ours["error"] = str(error)
    finally:
        mine.close()
        if other is not None:
            other.close()
    if "error" not in ours and "error" not in theirs:
        a = np.load(ours_out)["rank_acceptability"]
        b = np.load(theirs_out)["rank_acceptability"]
        compare["shape"] = (list(a.shape), list(b.shape))
        if a.shape == b.shape:
            compare["gap"] = float(np.max(np.abs(a - b)))
            compare["cells"] = int(np.count_nonzero(np.round((a - b) * sizes.samples)))
    return ours, theirs, compare


def source_state() -> str:
    """The commit measured, and whether src/ differs from it (the code under test)."""
    git = ["git", "-C", str(HERE.parent)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return "not a git checkout"
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", "src"], capture_output=True, text=True
    ).stdout.splitlines()
    return f"commit {head.stdout.strip()}" + (
        f", src/ with {len(dirty)} uncommitted change(s)" if dirty else ", src/ clean"
    )


def mib(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:,.1f} MiB"


def times_text(times: list[float]) -> str:
    return ", ".join(f"{t:.3f}" for t in times) + " s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes: a smoke run")
    parser.add_argument("--repeats", type=int, default=5, help="timed calls per side (best of)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--worker", choices=["selection", "pysensmcda", "large"], help="internal")
    parser.add_argument("--data", type=Path, help="internal")
    parser.add_argument("--out", type=Path, help="internal")
    parser.add_argument("--size", type=int, nargs=4, help="internal")
    args = parser.parse_args(argv)

    if args.worker == "selection":
        serve(selection_side(args.data, args.out))
        return 0
    if args.worker == "pysensmcda":
        serve(pysensmcda_side(args.data, args.out))
        return 0
    if args.worker == "large":
        print(json.dumps(worker_large(*args.size, seed=args.seed)))
        return 0

    sizes = QUICK if args.quick else FULL
    repeats = max(1, args.repeats)
    load_before = os.getloadavg()[0]
    python, how = ensure_pysensmcda()
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs, compare = smaa_runs(Path(tmp), sizes, args.seed, repeats, python, how)
    large_size = [sizes.large_producers, sizes.large_criteria, sizes.large_samples, sizes.top]
    large = run_worker(
        sys.executable,
        ["--worker", "large", "--seed", str(args.seed), "--size", *map(str, large_size)],
    )
    load_after = os.getloadavg()[0]
    loads = (load_before, load_after)
    report(sizes, args.quick, repeats, how, loads, ours, theirs, compare, large)
    return 0


def report(
    sizes: Sizes,
    quick: bool,
    repeats: int,
    how: str,
    load: tuple[float, float],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    compare: dict[str, Any],
    large: dict[str, Any],
) -> None:
    from importlib.metadata import version

    import selection

    out = sys.stdout.write
    n, m, s = sizes.producers, sizes.criteria, sizes.samples
    out(
        f"selection {selection.__version__} · pymcdm {version('pymcdm')} · "
        f"numpy {np.__version__} · Python {platform.python_version()} on {platform.machine()}"
        + (" · QUICK sizes (a smoke run, not the issue's)" if quick else "")
        + f"\ncode measured: {source_state()}\n"
    )
    if "versions" in theirs:
        v = theirs["versions"]
        out(
            f"pysensmcda {v['pysensmcda']} (pymcdm {v['pymcdm']}, numpy {v['numpy']}, "
            f"pandas {v['pandas']}) in its own environment: {how}\n"
        )
    out(
        f"load average {load[0]:.2f} before, {load[1]:.2f} after, on {os.cpu_count()} CPUs; "
        f"times: best of {repeats} time.perf_counter calls, the two sides taking turns"
        + (" (busy machine: timings are noisy)" if load[0] > 0.5 * (os.cpu_count() or 1) else "")
        + "\n"
    )
    out(
        "memory: RSS a call adds = VmHWM after − VmRSS before, in its own worker process, the\n"
        "peak mark reset (/proc/self/clear_refs) just before that process's first full call,\n"
        "after imports, inputs and a warm-up call; tracemalloc peak from a separate call\n\n"
    )
    verdicts: list[tuple[bool, str]] = []

    out(f"1. SMAA-2, TOPSIS (vector): {n:,} producers × {m} criteria × {s:,} weight samples\n")
    for side, name in ((ours, "selection"), (theirs, "pysensmcda")):
        if "error" in side:
            out(f"   {name} worker failed or unavailable:\n{side['error']}\n")
    ok = "error" not in ours and "error" not in theirs and bool(theirs["times"])
    if ok:
        t_ours, t_theirs = min(ours["times"]), min(theirs["times"])
        mem_ours, mem_theirs = ours["memory"], theirs["memory"]
        speedup = t_theirs / t_ours
        share = mem_ours["added"] / mem_theirs["added"]
        out(f"   {'':46}{'time':>9}{'RSS added':>13}{'tracemalloc':>13}\n")
        rows = [
            ("selection acceptability(weight_samples=W)", t_ours, mem_ours),
            ("pysensmcda smaa2(TOPSIS(vector), weights=W)", t_theirs, mem_theirs),
        ]
        for label, seconds, mem in rows:
            out(
                f"   {label:46}{seconds:8.3f}s{mib(mem['added']):>13}"
                f"{mib(mem['tracemalloc']):>13}\n"
            )
        out(
            f"   {'ratio pysensmcda / selection':46}{speedup:8.1f}×"
            f"{mem_theirs['added'] / mem_ours['added']:12.1f}×"
            f"{mem_theirs['tracemalloc'] / mem_ours['tracemalloc']:12.1f}×\n"
        )
        out(
            f"   all times: selection {times_text(ours['times'])}; "
            f"pysensmcda {times_text(theirs['times'])}\n"
        )
        out(
            f"   same weight samples W given to both; the matrix selection scores equals the "
            f"one pysensmcda gets: {ours['same_matrix']}\n"
        )
        gap = compare.get("gap", float("inf"))
        if "gap" in compare:
            out(
                f"   rank acceptability (producers × ranks 1..{n:,}): max |difference| {gap:.3g},"
                f" {compare['cells']} cells differ; samples with tied ranks (pysensmcda): "
                f"{theirs['ties']}\n\n"
            )
        else:
            out(f"   rank acceptability shapes differ: {compare.get('shape')}\n\n")
        verdicts += [
            (
                speedup >= TARGET_SPEEDUP_PYSENSMCDA,
                f"speed vs pysensmcda.smaa.smaa2: {speedup:.1f}× "
                f"(target ≥ {TARGET_SPEEDUP_PYSENSMCDA:g}×)",
            ),
            (
                share <= TARGET_MEMORY_SHARE,
                f"memory vs pysensmcda: {share:.3f} of its RSS increase "
                f"(target ≤ 1/6 = {TARGET_MEMORY_SHARE:.3f})",
            ),
            (
                gap <= AGREEMENT,
                f"same rank acceptability as pysensmcda: max |difference| {gap:.3g} "
                f"(tolerance {AGREEMENT:g})",
            ),
        ]
    else:
        verdicts.append((False, "comparison with pysensmcda: not run"))

    if "error" not in ours and ours["loop_times"]:
        t_ours = min(ours["times"])
        t_loop = min(ours["loop_times"])
        estimate = t_loop * s / sizes.loop_samples
        speedup = estimate / t_ours
        out("2. Python loop of pymcdm TOPSIS(vector) calls, one per sample (+ rank and count)\n")
        out(
            f"   timed on the first {sizes.loop_samples:,} samples: {t_loop:.3f} s (all: "
            f"{times_text(ours['loop_times'])}); extrapolated linearly to {s:,} samples: "
            f"{estimate:.2f} s\n"
        )
        out(f"   selection on all {s:,} samples: {t_ours:.3f} s; ratio {speedup:.1f}×\n\n")
        verdicts.append(
            (
                speedup >= TARGET_SPEEDUP_LOOP,
                f"speed vs a pymcdm TOPSIS loop: {speedup:.1f}× (target ≥ "
                f"{TARGET_SPEEDUP_LOOP:g}×; the loop extrapolated from "
                f"{sizes.loop_samples:,} samples)",
            )
        )

    big = f"{sizes.large_producers:,} producers × {sizes.large_criteria} criteria × "
    big += f"{sizes.large_samples:,} samples, top={sizes.top}"
    out(f"3. Large pool: {big} (samples drawn by selection, seeded)\n")
    if "error" in large:
        out(f"   worker failed:\n{large['error']}\n\n")
        verdicts.append((False, f"large pool ({big}): did not complete"))
    else:
        mem = large["memory"]
        out(
            f"   completed in {large['seconds']:.2f} s; result {large['shape'][0]:,} × "
            f"{large['shape'][1]}; process RSS before the call {mib(mem['rss_before'])}, "
            f"process peak {mib(mem['peak_rss'])}\n"
            f"   peak RSS the call adds: {mib(mem['added'])} (fresh process; peak mark reset "
            f"before the call: {mem['peak_reset']})\n\n"
        )
        verdicts.append(
            (
                mem["added"] < TARGET_LARGE_MEMORY,
                f"large pool ({big}): the call adds {mib(mem['added'])} RSS at its peak "
                f"(target < 1 GiB)",
            )
        )

    if "error" not in ours and ours["intervals"]:
        out(f"4. weight_intervals, TOPSIS, all {m} criteria, {n:,} producers (the whole call)\n")
        for scope, times in ours["intervals"].items():
            label = scope + (" (k=10)" if scope == "top" else "")
            out(f"   scope {label:12}{min(times):8.3f} s   (all: {times_text(times)})\n")
        out("\n")
        best = min(ours["intervals"]["ranking"])
        verdicts.append(
            (
                best < TARGET_INTERVALS_SECONDS,
                f"weight_intervals, scope ranking: {best:.3f} s "
                f"(target < {TARGET_INTERVALS_SECONDS:g} s)",
            )
        )

    for passed, text in verdicts:
        out(f"{'PASS' if passed else 'FAIL'}: {text}\n")


if __name__ == "__main__":
    sys.exit(main())
