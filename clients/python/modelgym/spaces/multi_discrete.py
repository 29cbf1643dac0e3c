"""MultiDiscrete: arrays whose element i is an integer in ``[start[i], start[i] + nvec[i])``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .space import Space


class MultiDiscrete(Space):
    """Gymnasium's ``MultiDiscrete(nvec, dtype=int64, start=None)``."""

    def __init__(self, nvec: Any, dtype=np.int64, seed=None, start: Any = None) -> None:
        self.nvec = np.array(nvec, dtype=dtype, copy=True)
        self.start = np.zeros(self.nvec.shape, dtype=dtype) if start is None else np.array(start, dtype=dtype)
        if self.start.shape != self.nvec.shape:
            raise ValueError(f"start shape {self.start.shape} differs from nvec shape {self.nvec.shape}")
        if (self.nvec <= 0).any():
            raise ValueError(f"nvec must be positive, got {self.nvec}")
        super().__init__(self.nvec.shape, dtype, seed)

    @property
    def shape(self) -> tuple[int, ...]:
        return self._shape  # type: ignore[return-value]

    def sample(self, mask: Any = None) -> np.ndarray:
        """Gymnasium 1.x ``MultiDiscrete.sample``: ``(random(shape) * nvec).astype(dtype) + start``."""
        if mask is not None:
            raise ValueError("masked sampling is not supported by the modelgym spaces")
        return (self.np_random.random(self.nvec.shape) * self.nvec).astype(self.dtype) + self.start

    def contains(self, x: Any) -> bool:
        """An array (or sequence) of this shape with ``start <= x < start + nvec`` everywhere."""
        if isinstance(x, Sequence):
            x = np.array(x)
        return bool(
            isinstance(x, np.ndarray)
            and x.shape == self.shape
            and x.dtype != object
            and np.all(self.start <= x)
            and np.all(x - self.start < self.nvec)
        )

    def __repr__(self) -> str:
        if np.any(self.start != 0):
            return f"MultiDiscrete({self.nvec}, start={self.start})"
        return f"MultiDiscrete({self.nvec})"

    def __eq__(self, other: Any) -> bool:
        return (
            isinstance(other, MultiDiscrete)
            and self.dtype == other.dtype
            and self.shape == other.shape
            and bool(np.all(self.nvec == other.nvec))
            and bool(np.all(self.start == other.start))
        )
