"""Box: the product of closed (possibly unbounded) intervals, as Gymnasium 1.x defines it."""

from __future__ import annotations

from typing import Any

import numpy as np

from .space import Space


def _cast_bound(bound: Any, shape: tuple[int, ...], dtype: np.dtype, side: str) -> tuple[np.ndarray, np.ndarray]:
    """``(bound cast to dtype, where it is finite)``; signed-int dtypes store ±inf as the
    dtype's min/max (remembering they were unbounded), as Gymnasium does."""
    raw = np.broadcast_to(np.asarray(bound), shape)
    if raw.dtype.kind == "f":
        if np.isnan(raw).any():
            raise ValueError(f"Box {side} has NaN: {raw}")
        infinite = np.isneginf(raw) if side == "low" else np.isposinf(raw)
    else:
        infinite = np.zeros(shape, dtype=bool)
    if not infinite.any():
        return raw.astype(dtype), ~infinite
    if dtype.kind == "f":
        return raw.astype(dtype), ~infinite
    if dtype.kind != "i":
        raise ValueError(f"a {dtype} Box cannot be unbounded ({side} has an infinity)")
    info = np.iinfo(dtype)
    out = np.where(infinite, 0, raw).astype(dtype)
    out[infinite] = info.min if side == "low" else info.max
    return out, ~infinite


class Box(Space):
    """A box in R^n: every element within ``[low[i], high[i]]``, either end possibly infinite.

    Args:
        low, high: bounds, a number for every element or an array of the space's shape.
        shape: defaults to the shape of ``low`` (or ``high``) when an array, else ``(1,)``.
        dtype: element type (float32 by default, as in Gymnasium).
        seed: seed (or Generator) of :attr:`np_random`.
    """

    def __init__(self, low: Any, high: Any, shape=None, dtype=np.float32, seed=None) -> None:
        dtype = np.dtype(dtype)
        if dtype.kind not in "fiub":
            raise ValueError(f"Box dtype must be a float, integer or bool dtype, got {dtype}")
        if shape is None:
            shape = np.shape(low) if np.ndim(low) else np.shape(high) if np.ndim(high) else (1,)
        shape = tuple(int(d) for d in shape)
        self.low, self.bounded_below = _cast_bound(low, shape, dtype, "low")
        self.high, self.bounded_above = _cast_bound(high, shape, dtype, "high")
        if np.any(self.low > self.high):
            raise ValueError(f"Box low must be <= high, got low={self.low}, high={self.high}")
        super().__init__(shape, dtype, seed)

    @property
    def shape(self) -> tuple[int, ...]:
        return self._shape  # type: ignore[return-value]

    def is_bounded(self, manner: str = "both") -> bool:
        """Whether every element is bounded ``"below"``, ``"above"`` or on ``"both"`` sides."""
        below, above = bool(np.all(self.bounded_below)), bool(np.all(self.bounded_above))
        if manner == "both":
            return below and above
        if manner == "below":
            return below
        if manner == "above":
            return above
        raise ValueError(f"manner must be 'below', 'above' or 'both', got {manner!r}")

    def sample(self, mask: None = None) -> np.ndarray:
        """Gymnasium 1.x ``Box.sample``, draw for draw: unbounded elements ~ normal, ``[a, inf)``
        ~ ``a + exponential``, ``(-inf, b]`` ~ ``b - exponential``, ``[a, b]`` ~ uniform; integer
        dtypes draw in ``[a, b + 1)``, floor and clip."""
        if mask is not None:
            raise ValueError("Box.sample takes no mask")
        dtype = self.dtype
        high = self.high if dtype.kind == "f" else self.high.astype("int64") + 1
        sample = np.empty(self.shape)
        unbounded = ~self.bounded_below & ~self.bounded_above
        upp_bounded = ~self.bounded_below & self.bounded_above
        low_bounded = self.bounded_below & ~self.bounded_above
        bounded = self.bounded_below & self.bounded_above
        # numpy fills masked assignments in this order; keep it to match Gymnasium's draws.
        sample[unbounded] = self.np_random.normal(size=unbounded[unbounded].shape)
        sample[low_bounded] = self.np_random.exponential(size=low_bounded[low_bounded].shape) + self.low[low_bounded]
        sample[upp_bounded] = -self.np_random.exponential(size=upp_bounded[upp_bounded].shape) + high[upp_bounded]
        sample[bounded] = self.np_random.uniform(low=self.low[bounded], high=high[bounded], size=bounded[bounded].shape)
        if dtype.kind in "iub":
            sample = np.floor(sample)
        if np.issubdtype(dtype, np.integer):
            info = np.iinfo(dtype)
            lo, hi = (info.min + 2, info.max - 2) if np.issubdtype(dtype, np.signedinteger) else (info.min, info.max)
            sample = sample.clip(min=lo, max=hi)
        sample = sample.astype(dtype)
        if dtype == np.int64:
            sample = sample.clip(min=self.low, max=self.high)
        return sample

    def contains(self, x: Any) -> bool:
        """Gymnasium's ``Box.contains``: safely castable dtype, same shape, within bounds."""
        if not isinstance(x, np.ndarray):
            try:
                x = np.asarray(x, dtype=self.dtype)
            except (ValueError, TypeError):
                return False
        return bool(
            np.can_cast(x.dtype, self.dtype)
            and x.shape == self.shape
            and np.all(x >= self.low)
            and np.all(x <= self.high)
        )

    def __repr__(self) -> str:
        def short(a: np.ndarray) -> str:
            return str(np.min(a)) if a.size and np.min(a) == np.max(a) else str(a)

        return f"Box({short(self.low)}, {short(self.high)}, {self.shape}, {self.dtype})"

    def __eq__(self, other: Any) -> bool:
        return (
            isinstance(other, Box)
            and self.shape == other.shape
            and self.dtype == other.dtype
            and np.allclose(self.low, other.low)
            and np.allclose(self.high, other.high)
        )
