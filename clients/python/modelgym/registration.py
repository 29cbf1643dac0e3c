"""``EnvSpec`` for remote environments, and ``make`` / ``make_vec``."""

from __future__ import annotations

import dataclasses
from typing import Any

from ._compat import gym
from .transport import DEFAULT_BASE_URL


@dataclasses.dataclass
class EnvSpec:
    """The fields of ``gymnasium.envs.registration.EnvSpec`` that describe a remote env
    (used when Gymnasium is absent; with Gymnasium, specs are real ``EnvSpec`` objects).

    ``entry_point`` is None: a remote env is made with :func:`modelgym.make`, not by Gymnasium.
    """

    id: str
    entry_point: Any = None
    reward_threshold: float | None = None
    nondeterministic: bool = False
    max_episode_steps: int | None = None
    order_enforce: bool = True
    disable_env_checker: bool = False
    kwargs: dict[str, Any] = dataclasses.field(default_factory=dict)


def spec_from_detail(detail: dict[str, Any]) -> Any:
    """The spec of an env from the server's ``EnvDetail`` (what ``/make`` answers)."""
    fields = dict(
        id=detail["id"],
        entry_point=None,
        reward_threshold=detail.get("reward_threshold"),
        max_episode_steps=detail.get("max_episode_steps"),
        kwargs=dict(detail.get("kwargs") or {}),
    )
    if gym is not None:
        from gymnasium.envs.registration import EnvSpec as GymEnvSpec

        return GymEnvSpec(**fields)
    return EnvSpec(**fields)


def make(env_id: str, base_url: str = DEFAULT_BASE_URL, **kwargs: Any):
    """``gymnasium.make`` for a remote env: ``RemoteEnv(env_id, base_url, **kwargs)``."""
    from .env import RemoteEnv

    return RemoteEnv(env_id, base_url, **kwargs)


def make_vec(env_id: str, num_envs: int = 1, base_url: str = DEFAULT_BASE_URL, **kwargs: Any):
    """``gymnasium.make_vec`` for a remote env: ``RemoteVectorEnv(env_id, num_envs, base_url, **kwargs)``."""
    from .vector import RemoteVectorEnv

    return RemoteVectorEnv(env_id, num_envs, base_url, **kwargs)
