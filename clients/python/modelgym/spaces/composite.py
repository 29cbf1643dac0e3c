"""Dict and Tuple: spaces made of sub-spaces."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .space import Space

_SUBSEED_MAX = np.iinfo(np.int32).max


class Dict(Space, Mapping):
    """Gymnasium's ``Dict``: values are dicts with one value per key.

    A plain dict of spaces gets its keys sorted (Gymnasium does the same); a sequence of
    ``(key, space)`` pairs keeps its order.
    """

    def __init__(self, spaces: Mapping[str, Space] | Sequence[tuple[str, Space]] | None = None, seed=None, **kw: Space) -> None:
        if isinstance(spaces, Mapping):
            try:
                items = dict(sorted(spaces.items()))
            except TypeError:
                items = dict(spaces.items())
        else:
            items = dict(spaces or [])
        for key, space in kw.items():
            if key in items:
                raise ValueError(f"Dict key {key!r} is given twice")
            items[key] = space
        for key, space in items.items():
            if not isinstance(space, Space):
                raise TypeError(f"Dict entry {key!r} is not a Space: {space!r}")
        self.spaces = items
        super().__init__(None, None, seed)

    def seed(self, seed: int | dict | None = None) -> dict:
        """As Gymnasium: an int seeds this space, whose generator draws one seed per sub-space;
        a dict gives each sub-space its seed; None seeds all from OS entropy."""
        if seed is None:
            return {k: s.seed(None) for k, s in self.spaces.items()}
        if isinstance(seed, dict):
            if seed.keys() != self.spaces.keys():
                raise ValueError(f"seed keys {list(seed)} differ from space keys {list(self.spaces)}")
            return {k: self.spaces[k].seed(seed[k]) for k in seed}
        super().seed(seed)
        subseeds = self.np_random.integers(_SUBSEED_MAX, size=len(self.spaces))
        return {k: s.seed(int(sub)) for (k, s), sub in zip(self.spaces.items(), subseeds)}

    def sample(self, mask: Any = None) -> dict[str, Any]:
        """One sample of every sub-space, each from its own generator."""
        if mask is not None:
            raise ValueError("masked sampling is not supported by the modelgym spaces")
        return {k: s.sample() for k, s in self.spaces.items()}

    def contains(self, x: Any) -> bool:
        """A dict with exactly these keys, every value in its sub-space."""
        return isinstance(x, dict) and x.keys() == self.spaces.keys() and all(x[k] in self.spaces[k] for k in self.spaces)

    @property
    def is_np_flattenable(self) -> bool:
        return all(s.is_np_flattenable for s in self.spaces.values())

    def __getitem__(self, key: str) -> Space:
        return self.spaces[key]

    def __iter__(self):
        return iter(self.spaces)

    def __len__(self) -> int:
        return len(self.spaces)

    def __repr__(self) -> str:
        return "Dict(" + ", ".join(f"{k!r}: {s}" for k, s in self.spaces.items()) + ")"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Dict) and list(self.spaces.items()) == list(other.spaces.items())


class Tuple(Space, Sequence):
    """Gymnasium's ``Tuple``: values are tuples with one value per sub-space."""

    def __init__(self, spaces: Sequence[Space], seed=None) -> None:
        self.spaces = tuple(spaces)
        for i, space in enumerate(self.spaces):
            if not isinstance(space, Space):
                raise TypeError(f"Tuple entry {i} is not a Space: {space!r}")
        super().__init__(None, None, seed)

    def seed(self, seed: int | Sequence[int] | None = None) -> list:
        """As Gymnasium: an int seeds this space, whose generator draws one seed per sub-space;
        a sequence gives each sub-space its seed; None seeds all from OS entropy."""
        if seed is None:
            return [s.seed(None) for s in self.spaces]
        if isinstance(seed, (list, tuple)):
            if len(seed) != len(self.spaces):
                raise ValueError(f"{len(seed)} seeds for {len(self.spaces)} sub-spaces")
            return [s.seed(x) for s, x in zip(self.spaces, seed)]
        super().seed(seed)
        subseeds = self.np_random.integers(_SUBSEED_MAX, size=len(self.spaces))
        return [s.seed(int(sub)) for s, sub in zip(self.spaces, subseeds)]

    def sample(self, mask: Any = None) -> tuple:
        """One sample of every sub-space, each from its own generator."""
        if mask is not None:
            raise ValueError("masked sampling is not supported by the modelgym spaces")
        return tuple(s.sample() for s in self.spaces)

    def contains(self, x: Any) -> bool:
        """A tuple (or list/array) of the right length, element-wise contained."""
        if isinstance(x, (list, np.ndarray)):
            x = tuple(x)
        return isinstance(x, tuple) and len(x) == len(self.spaces) and all(v in s for s, v in zip(self.spaces, x))

    @property
    def is_np_flattenable(self) -> bool:
        return all(s.is_np_flattenable for s in self.spaces)

    def __getitem__(self, index: int) -> Space:  # type: ignore[override]
        return self.spaces[index]

    def __len__(self) -> int:
        return len(self.spaces)

    def __repr__(self) -> str:
        return "Tuple(" + ", ".join(str(s) for s in self.spaces) + ")"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Tuple) and self.spaces == other.spaces
