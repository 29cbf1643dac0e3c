"""Optional Gymnasium integration, decided once at import time.

The client works without Gymnasium (numpy + msgpack + httpx only). When Gymnasium is
importable, RemoteEnv subclasses ``gymnasium.Env``, RemoteVectorEnv subclasses
``gymnasium.vector.VectorEnv``, spaces are real ``gymnasium.spaces`` and ``spec`` is a real
``EnvSpec``, so wrappers and libraries that check ``isinstance`` accept them.
"""

from __future__ import annotations

import enum

import numpy as np

gym = None
"""The ``gymnasium`` module, or None when it is not importable."""

try:
    import gymnasium as gym  # type: ignore[no-redef]
    import gymnasium.spaces  # noqa: F401  (makes gym.spaces available)
    import gymnasium.vector  # noqa: F401
except ImportError:
    gym = None

HAVE_GYMNASIUM = gym is not None


class _AutoresetMode(enum.Enum):
    """Gymnasium 1.x ``AutoresetMode`` (same values), for when Gymnasium is absent or older."""

    NEXT_STEP = "NextStep"
    SAME_STEP = "SameStep"
    DISABLED = "Disabled"


AutoresetMode = _AutoresetMode
if gym is not None:
    try:
        from gymnasium.vector import AutoresetMode  # type: ignore[no-redef]  # noqa: F811
    except ImportError:  # Gymnasium < 1.1 has no AutoresetMode
        pass


class _EnvBase:
    """Stand-in for ``gymnasium.Env`` when Gymnasium is absent: the attributes and helpers
    that code written against Gymnasium touches (``metadata``, ``render_mode``, ``spec``,
    ``np_random``, ``unwrapped``, context manager)."""

    metadata: dict = {"render_modes": []}
    render_mode: str | None = None
    spec = None
    _np_random = None

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        """Seeds :attr:`np_random` as ``gymnasium.Env.reset`` does; subclasses do the rest."""
        if seed is not None:
            self._np_random = np.random.default_rng(seed)

    @property
    def np_random(self):
        """A local numpy Generator (not the server-side episode generator)."""
        if self._np_random is None:
            self._np_random = np.random.default_rng()
        return self._np_random

    @np_random.setter
    def np_random(self, value) -> None:
        self._np_random = value

    @property
    def unwrapped(self):
        """The base environment (this object: there are no wrappers here)."""
        return self

    def close(self) -> None:
        """Releases resources."""

    def __enter__(self):
        return self

    def __exit__(self, *args) -> bool:
        self.close()
        return False

    def __str__(self) -> str:
        spec = self.spec
        return f"<{type(self).__name__}<{spec.id}>>" if spec is not None else f"<{type(self).__name__} instance>"


class _VectorEnvBase:
    """Stand-in for ``gymnasium.vector.VectorEnv`` when Gymnasium is absent."""

    metadata: dict = {}
    spec = None
    render_mode: str | None = None
    closed: bool = False
    _np_random = None

    def reset(self, *, seed=None, options=None):
        """Seeds :attr:`np_random` as ``VectorEnv.reset`` does; subclasses do the rest."""
        if isinstance(seed, int):
            self._np_random = np.random.default_rng(seed)

    @property
    def np_random(self):
        """A local numpy Generator (not the server-side generators of the sub-envs)."""
        if self._np_random is None:
            self._np_random = np.random.default_rng()
        return self._np_random

    @property
    def unwrapped(self):
        """The base environment (this object)."""
        return self

    def render(self):
        raise NotImplementedError(f"{self} render function is not implemented.")

    def close(self, **kwargs) -> None:
        """Closes the environment once (later calls do nothing)."""
        if self.closed:
            return
        self.close_extras(**kwargs)
        self.closed = True

    def close_extras(self, **kwargs) -> None:
        """Releases resources beyond this base class."""

    def __enter__(self):
        return self

    def __exit__(self, *args) -> bool:
        self.close()
        return False

    def __del__(self):
        if not getattr(self, "closed", True):
            self.close()

    def __repr__(self) -> str:
        if self.spec is None:
            return f"{type(self).__name__}(num_envs={self.num_envs})"
        return f"{type(self).__name__}({self.spec.id}, num_envs={self.num_envs})"


EnvBase = gym.Env if gym is not None else _EnvBase
"""Base class of RemoteEnv."""

VectorEnvBase = gym.vector.VectorEnv if gym is not None else _VectorEnvBase
"""Base class of RemoteVectorEnv."""
