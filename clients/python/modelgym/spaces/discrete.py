"""Discrete: the integers ``start, ..., start + n - 1``."""

from __future__ import annotations

from typing import Any

import numpy as np

from .space import Space


class Discrete(Space):
    """Gymnasium's ``Discrete(n, start=0)``; values are ``np.int64`` scalars."""

    def __init__(self, n: int, seed=None, start: int = 0) -> None:
        if int(n) <= 0:
            raise ValueError(f"Discrete n must be positive, got {n}")
        self.n = np.int64(n)
        self.start = np.int64(start)
        super().__init__((), np.int64, seed)

    def sample(self, mask: Any = None) -> np.int64:
        """Gymnasium 1.x ``Discrete.sample``: ``start + np_random.integers(n)``."""
        if mask is not None:
            raise ValueError("masked sampling is not supported by the modelgym spaces")
        return self.start + self.np_random.integers(self.n)

    def contains(self, x: Any) -> bool:
        """A Python int, or an integer numpy scalar / 0-d array, in ``[start, start + n)``."""
        if isinstance(x, int):
            value = np.int64(x)
        elif isinstance(x, (np.generic, np.ndarray)) and np.issubdtype(x.dtype, np.integer) and x.shape == ():
            value = np.int64(x)
        else:
            return False
        return bool(self.start <= value < self.start + self.n)

    def __repr__(self) -> str:
        return f"Discrete({self.n})" if self.start == 0 else f"Discrete({self.n}, start={self.start})"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Discrete) and self.n == other.n and self.start == other.start
