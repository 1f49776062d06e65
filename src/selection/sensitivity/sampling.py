"""Weight samples for sensitivity analysis, with one randomness policy.

Every stochastic function takes ``seed: int | numpy.random.Generator | None``
and turns it into a Generator with :func:`as_generator`; the global NumPy
random state is never used.

Examples
--------
>>> w = uniform_simplex(as_generator(0), 4, 3)
>>> w.shape, bool(np.allclose(w.sum(axis=1), 1))
((4, 3), True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from ..errors import ArgumentError
from ..messages import msg

__all__ = [
    "Seed",
    "as_generator",
    "dirichlet_around",
    "ordinal_simplex",
    "uniform_simplex",
    "within_bounds",
]

Seed = int | np.random.Generator | None


def as_generator(seed: Seed) -> np.random.Generator:
    """A NumPy Generator from an int, a Generator (used as is) or None (fresh entropy)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, int | np.integer) and not isinstance(seed, bool) and seed >= 0:
        return np.random.default_rng(int(seed))
    raise ArgumentError(
        msg("sensitivity.sampling.as_generator.problem", "unusable seed"),
        where="seed",
        expected=msg(
            "sensitivity.sampling.as_generator.expected",
            "an int ≥ 0, a numpy.random.Generator or None",
        ),
        found=repr(seed),
    )


def uniform_simplex(rng: np.random.Generator, samples: int, m: int) -> NDArray[np.float64]:
    """`samples` weight vectors uniform on the (m−1)-simplex (Dirichlet(1, …, 1)).

    Normalized exponential variates: the standard exact method (Rubinstein 1982).
    """
    draws = rng.standard_exponential((samples, m))
    return np.asarray(draws / draws.sum(axis=1, keepdims=True), dtype=float)


def dirichlet_around(
    rng: np.random.Generator, samples: int, centre: NDArray[np.float64], concentration: float
) -> NDArray[np.float64]:
    """Weight vectors drawn from Dirichlet(concentration × centre).

    Their mean is `centre` (the grid's weights); the larger `concentration`,
    the closer they stay: each weight's standard deviation is
    sqrt(w (1 − w) / (concentration + 1)). With concentration = m and equal
    centre weights, this is the uniform distribution on the simplex.
    Criteria whose centre weight is 0 stay at 0.
    """
    if not concentration > 0:
        raise ArgumentError(
            msg(
                "sensitivity.sampling.dirichlet_around.problem",
                "the concentration must be positive",
            ),
            where="around",
            expected=msg(
                "sensitivity.sampling.dirichlet_around.expected",
                "a number > 0 (e.g. 20: weights vary by about ±10 points)",
            ),
            found=repr(concentration),
        )
    out = np.zeros((samples, centre.size))
    active = centre > 0
    out[:, active] = rng.dirichlet(concentration * centre[active], size=samples)
    return out


def ordinal_simplex(
    rng: np.random.Generator, samples: int, order: Sequence[int], m: int
) -> NDArray[np.float64]:
    """Uniform weights on the simplex subject to w[order[0]] ≥ w[order[1]] ≥ ⋯.

    Sorting each uniform sample in decreasing order and assigning the largest
    weight to the most important criterion is uniform on the constrained region
    (the constrained regions are the m! congruent pieces of the simplex).
    Criteria not in `order` are unconstrained: the ranked ones are sorted among
    the weights drawn for them.
    """
    base = uniform_simplex(rng, samples, m)
    ranked = np.asarray(order, dtype=int)
    values = -np.sort(-base[:, ranked], axis=1)
    base[:, ranked] = values
    return base


def within_bounds(
    rng: np.random.Generator,
    samples: int,
    draw: Callable[[np.random.Generator, int], NDArray[np.float64]],
    low: NDArray[np.float64],
    high: NDArray[np.float64],
    max_rounds: int = 1000,
) -> NDArray[np.float64]:
    """Rejection sampling: keep draws with low ≤ w ≤ high until `samples` are kept.

    `draw(rng, count)` returns candidate weight vectors. Raises when fewer than
    one draw in ten thousand is accepted (the bounds leave almost no room).
    """
    kept: list[NDArray[np.float64]] = []
    count = 0
    tried = 0
    for _ in range(max_rounds):
        batch = draw(rng, max(samples, 1000))
        tried += len(batch)
        ok = ((batch >= low - 1e-15) & (batch <= high + 1e-15)).all(axis=1)
        kept.append(batch[ok])
        count += int(ok.sum())
        if count >= samples:
            return np.concatenate(kept)[:samples]
        if tried >= 10_000 and count * 10_000 < tried:
            break
    raise ArgumentError(
        msg(
            "sensitivity.sampling.within_bounds.problem", "the weight bounds leave almost no room"
        ),
        where="bounds",
        expected=msg(
            "sensitivity.sampling.within_bounds.expected",
            "bounds that a reasonable share of weight vectors can meet",
        ),
        found=msg(
            "sensitivity.sampling.within_bounds.found",
            "{count} of {tried} draws accepted",
            count=count,
            tried=tried,
        ),
        hint=msg(
            "sensitivity.sampling.within_bounds.hint",
            "widen the bounds, or check that the lower bounds sum to less than 1",
        ),
    )
