"""``EnvSpec`` for remote environments, ``make`` / ``make_vec``, and registration of the
server's envs in Gymnasium's registry (:func:`register_envs`)."""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from ._compat import gym
from .transport import DEFAULT_BASE_URL, Transport

#: The Gymnasium namespace :func:`register_envs` registers under.
NAMESPACE = "modelgym"

#: The longest TimeLimit the server takes (its ``max_episode_steps`` kwarg).
MAX_EPISODE_STEPS = 1_000_000


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


def server_url(base_url: str | None = None) -> str:
    """``base_url``, else ``$MODELGYM_URL``, else :data:`~modelgym.transport.DEFAULT_BASE_URL`."""
    return (base_url or os.environ.get("MODELGYM_URL") or DEFAULT_BASE_URL).rstrip("/")


def gymnasium_id(env_id: str, namespace: str = NAMESPACE) -> str:
    """The Gymnasium id of a served env: ``CartPole-v1`` -> ``modelgym/CartPole-v1``.

    Gymnasium ids have one namespace, so a served id's own namespace joins the name with a dot:
    ``goal/BitFlip-v0`` -> ``modelgym/goal.BitFlip-v0``.
    """
    return f"{namespace}/{env_id.replace('/', '.')}"


def register_envs(base_url: str | None = None, *, namespace: str = NAMESPACE, **kwargs: Any) -> list[str]:
    """Registers every env the server serves in Gymnasium's registry; returns their Gymnasium ids.

    Afterwards ``gymnasium.make("modelgym/CartPole-v1")`` (and ``env.spec.make()``, and
    ``gymnasium.make_vec`` with the sync/async vectorizers) build a :class:`~modelgym.RemoteEnv`
    on that server: the entry point is the class itself, the server URL and ``kwargs`` (e.g.
    ``encoding``, ``timeout``, ``headers``) are in each spec's kwargs, so specs rebuild anywhere.
    Each spec carries the server's ``max_episode_steps`` and ``reward_threshold``; Gymnasium's
    TimeLimit truncates there, or where ``gymnasium.make(..., max_episode_steps=N)`` says,
    longer or shorter (the server's own limit is lifted for these envs).
    Registering again replaces the specs (Gymnasium warns once per id).

    Args:
        base_url: the server; default ``$MODELGYM_URL``, else ``http://127.0.0.1:8080``.
        namespace: the Gymnasium namespace (default ``modelgym``).

    Raises:
        ImportError: Gymnasium is not installed.
        TransportError: the server cannot be reached.
    """
    if gym is None:
        raise ImportError("register_envs needs Gymnasium (pip install gymnasium)")
    url = server_url(base_url)
    with Transport(url) as t:
        envs = t.get("/v1/envs")["envs"]
    ids = []
    for env in envs:
        gym_id = gymnasium_id(env["id"], namespace)
        if gym_id in gym.registry:
            del gym.registry[gym_id]
        limit = env.get("max_episode_steps")
        spec_kwargs: dict[str, Any] = {"env_id": env["id"], "base_url": url, **kwargs}
        if limit is not None:
            # Gymnasium's TimeLimit keeps time (the server's limit by default, or what make() is
            # given, longer or shorter); the server's own is lifted so it never cuts first.
            spec_kwargs["max_episode_steps"] = MAX_EPISODE_STEPS
        gym.register(
            id=gym_id,
            entry_point="modelgym.env:RemoteEnv",
            kwargs=spec_kwargs,
            max_episode_steps=limit,
            reward_threshold=env.get("reward_threshold"),
        )
        ids.append(gym_id)
    return ids
