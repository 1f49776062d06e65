"""Peak memory of one call, as tracemalloc sees it (shared by the benchmarks)."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from typing import Any


def peak_traced(call: Callable[[], Any]) -> int:
    """Peak bytes allocated (Python objects and numpy buffers) during one call."""
    gc.collect()
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        result = call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak - base
