"""Spaces from the server's descriptions, and batched spaces for vector envs.

Both functions build real ``gymnasium.spaces`` when Gymnasium is importable, and the
pure-numpy spaces of this package otherwise; the two have the same constructors, so one
builder serves both.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np

from .._compat import gym
from ..wire import parse_bound
from .box import Box
from .composite import Dict, Tuple
from .discrete import Discrete
from .multi_binary import MultiBinary
from .multi_discrete import MultiDiscrete

_OURS = SimpleNamespace(
    Box=Box, Discrete=Discrete, MultiBinary=MultiBinary, MultiDiscrete=MultiDiscrete, Dict=Dict, Tuple=Tuple
)


def _kinds(use_gymnasium: bool | None) -> Any:
    if use_gymnasium is None:
        use_gymnasium = gym is not None
    if use_gymnasium and gym is None:
        raise ImportError("gymnasium is not importable")
    return gym.spaces if use_gymnasium else _OURS


def _bounds(values: list, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
    """Flat row-major bounds ("inf" strings allowed) as an array Box takes without warnings:
    of the dtype itself, except an integer Box's infinite bounds, which stay float64 (the
    constructor maps them to the dtype's min/max and remembers they were unbounded)."""
    flat = np.array([parse_bound(v) for v in values], dtype=np.float64).reshape(shape)
    if dtype.kind != "f" and np.isinf(flat).any():
        return flat
    return flat.astype(dtype)


def from_description(desc: dict[str, Any], *, use_gymnasium: bool | None = None) -> Any:
    """The space a server's description stands for (``observation_space`` of ``/make`` etc.).

    Args:
        desc: ``{"type": "Box", "dtype", "shape", "low", "high"}``, ``{"type": "Discrete", "n",
            "start"}``, ``{"type": "MultiBinary", "shape"}``, ``{"type": "MultiDiscrete", "nvec",
            "start", "shape"}``, ``{"type": "Dict", "spaces": {...}}`` or ``{"type": "Tuple",
            "spaces": [...]}``; arrays flat row-major with ``shape`` beside them.
        use_gymnasium: build ``gymnasium.spaces`` (default: when Gymnasium is importable).

    Raises:
        ValueError: for an unknown space type.
    """
    kinds = _kinds(use_gymnasium)
    kind = desc.get("type")
    if kind == "Box":
        dtype = np.dtype(desc["dtype"])
        shape = tuple(int(d) for d in desc["shape"])
        low, high = _bounds(desc["low"], shape, dtype), _bounds(desc["high"], shape, dtype)
        return kinds.Box(low=low, high=high, shape=shape, dtype=dtype)
    if kind == "Discrete":
        return kinds.Discrete(int(desc["n"]), start=int(desc.get("start", 0)))
    if kind == "MultiBinary":
        return kinds.MultiBinary([int(d) for d in desc["shape"]])
    if kind == "MultiDiscrete":
        nvec = np.array(desc["nvec"], dtype=np.int64)
        shape = tuple(desc.get("shape") or nvec.shape)
        start = np.array(desc.get("start") or np.zeros(nvec.size), dtype=np.int64)
        return kinds.MultiDiscrete(nvec.reshape(shape), dtype=np.int64, start=start.reshape(shape))
    if kind == "Dict":
        return kinds.Dict({k: from_description(v, use_gymnasium=use_gymnasium) for k, v in desc["spaces"].items()})
    if kind == "Tuple":
        return kinds.Tuple(tuple(from_description(v, use_gymnasium=use_gymnasium) for v in desc["spaces"]))
    raise ValueError(f"unknown space type {kind!r} in {desc!r}")


def batch_space(space: Any, n: int) -> Any:
    """The space of ``n`` stacked values of ``space`` (Gymnasium's ``batch_space``).

    Box -> Box of shape ``(n, *shape)``; Discrete -> MultiDiscrete; MultiDiscrete and
    MultiBinary -> integer Box; Dict and Tuple batch each sub-space.
    """
    if gym is not None and isinstance(space, gym.spaces.Space):
        from gymnasium.vector.utils import batch_space as gym_batch_space

        return gym_batch_space(space, n)
    if isinstance(space, Box):
        reps = (n,) + (1,) * space.low.ndim
        return Box(low=np.tile(space.low, reps), high=np.tile(space.high, reps), dtype=space.dtype)
    if isinstance(space, Discrete):
        return MultiDiscrete(np.full((n,), space.n), dtype=space.dtype, start=np.full((n,), space.start))
    if isinstance(space, MultiDiscrete):
        reps = (n,) + (1,) * space.nvec.ndim
        low = np.tile(space.start, reps)
        return Box(low=low, high=low + np.tile(space.nvec, reps) - 1, dtype=space.dtype)
    if isinstance(space, MultiBinary):
        return Box(low=0, high=1, shape=(n,) + space.shape, dtype=space.dtype)
    if isinstance(space, Tuple):
        return Tuple(tuple(batch_space(s, n) for s in space.spaces))
    if isinstance(space, Dict):
        return Dict([(k, batch_space(s, n)) for k, s in space.spaces.items()])
    raise TypeError(f"cannot batch {space!r}")

