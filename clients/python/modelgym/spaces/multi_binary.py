"""MultiBinary: arrays of 0/1 (int8) of a fixed shape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .space import Space


class MultiBinary(Space):
    """Gymnasium's ``MultiBinary(n)``; ``n`` is a length or a shape."""

    def __init__(self, n: int | Sequence[int], seed=None) -> None:
        shape = (int(n),) if isinstance(n, (int, np.integer)) else tuple(int(d) for d in n)
        if any(d <= 0 for d in shape):
            raise ValueError(f"MultiBinary dimensions must be positive, got {shape}")
        self.n = n
        super().__init__(shape, np.int8, seed)

    @property
    def shape(self) -> tuple[int, ...]:
        return self._shape  # type: ignore[return-value]

    def sample(self, mask: Any = None) -> np.ndarray:
        """Gymnasium 1.x ``MultiBinary.sample``: ``integers(0, 2, size=shape, dtype=int8)``."""
        if mask is not None:
            raise ValueError("masked sampling is not supported by the modelgym spaces")
        return self.np_random.integers(low=0, high=2, size=self.shape, dtype=self.dtype)

    def contains(self, x: Any) -> bool:
        """An array (or sequence) of this shape holding only 0 and 1."""
        if isinstance(x, Sequence):
            x = np.array(x)
        return bool(isinstance(x, np.ndarray) and x.shape == self.shape and np.all((x == 0) | (x == 1)))

    def __repr__(self) -> str:
        return f"MultiBinary({self.n})"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, MultiBinary) and self.shape == other.shape
