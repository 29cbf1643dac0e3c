"""Base class of the pure-numpy spaces (used when Gymnasium is not importable)."""

from __future__ import annotations

from typing import Any

import numpy as np


def np_random(seed: int | None = None) -> tuple[np.random.Generator, int]:
    """Gymnasium's ``seeding.np_random``: ``Generator(PCG64(SeedSequence(seed)))`` and its seed.

    Same generator as ``np.random.default_rng(seed)``; with no seed, fresh OS entropy (returned
    as the seed, so the generator can be recreated).
    """
    if seed is not None and not (isinstance(seed, (int, np.integer)) and seed >= 0):
        raise ValueError(f"seed must be a non-negative integer or None, got {seed!r}")
    seq = np.random.SeedSequence(None if seed is None else int(seed))
    return np.random.Generator(np.random.PCG64(seq)), int(seq.entropy)  # type: ignore[arg-type]


class Space:
    """Gymnasium's ``Space``: a set of values with ``shape``, ``dtype``, ``sample()`` and ``contains()``.

    Each space owns a numpy Generator (:attr:`np_random`) that :meth:`seed` resets, so seeded
    samples are reproducible; Box, Discrete, MultiBinary and MultiDiscrete draw exactly as
    Gymnasium 1.x does for the same seed.
    """

    def __init__(self, shape=None, dtype=None, seed: int | np.random.Generator | None = None) -> None:
        self._shape = None if shape is None else tuple(int(d) for d in shape)
        self.dtype = None if dtype is None else np.dtype(dtype)
        self._np_random: np.random.Generator | None = None
        if isinstance(seed, np.random.Generator):
            self._np_random = seed
        elif seed is not None:
            self.seed(seed)

    @property
    def shape(self) -> tuple[int, ...] | None:
        """Shape of a value (None for Dict and Tuple)."""
        return self._shape

    @property
    def np_random(self) -> np.random.Generator:
        """The generator :meth:`sample` draws from (seeded from OS entropy on first use)."""
        if self._np_random is None:
            self.seed()
        return self._np_random  # type: ignore[return-value]

    def seed(self, seed: int | None = None) -> Any:
        """Resets the generator from ``seed`` and returns the seed used."""
        self._np_random, used = np_random(seed)
        return used

    def sample(self, mask: Any = None) -> Any:
        """A random value of the space."""
        raise NotImplementedError

    def contains(self, x: Any) -> bool:
        """Whether ``x`` is a value of the space."""
        raise NotImplementedError

    def __contains__(self, x: Any) -> bool:
        return self.contains(x)

    @property
    def is_np_flattenable(self) -> bool:
        """Whether values flatten to one array (Gymnasium's property)."""
        return True
