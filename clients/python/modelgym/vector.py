"""RemoteVectorEnv: a batch of episodes stepped by one HTTP request per step."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._compat import AutoresetMode, VectorEnvBase
from ._reconnect import Reconnecting
from .env import plain
from .errors import ResetNeeded
from .registration import spec_from_detail
from .spaces import batch_space, from_description
from .transport import DEFAULT_BASE_URL, Transport, connect_env, env_path
from .values import decode_batch, split_batch, vector_info

# The API's autoreset names and Gymnasium's AutoresetMode values ("NextStep"...).
_MODES = {"next_step": "NextStep", "same_step": "SameStep", "disabled": "Disabled"}


def _wire_mode(mode: Any) -> str:
    """``"next_step"`` etc. from an API name, a Gymnasium value (``"NextStep"``) or an AutoresetMode."""
    value = getattr(mode, "value", mode)
    for wire, gym_value in _MODES.items():
        if value in (wire, gym_value):
            return wire
    raise ValueError(f"autoreset_mode must be one of {list(_MODES)} (or an AutoresetMode), got {mode!r}")


def _seed_of(seed: Any, n: int) -> int | list[int | None] | None:
    """The API's seed from Gymnasium's int or list form: an int seeds sub-env i with
    ``seed + i``; a list gives each sub-env its own seed (None: that sub-env is not reseeded)."""
    if seed is None or isinstance(seed, (int, np.integer)):
        return None if seed is None else int(seed)
    seeds = [None if s is None else int(s) for s in seed]
    if len(seeds) != n:
        raise ValueError(f"expected {n} seeds (one per sub-env), got {len(seeds)}")
    return None if all(s is None for s in seeds) else seeds


class RemoteVectorEnv(Reconnecting, VectorEnvBase):
    """Gymnasium 1.x vector env over ``num_envs`` server-side episodes of one env id.

    The whole batch lives in one sealed state token; each :meth:`step` is one HTTP request
    carrying the actions as one binary tensor and answering observations, rewards and flags
    as tensors. With Gymnasium installed this class is a ``gymnasium.vector.VectorEnv``. It
    pickles and deep-copies mid-episode as :class:`~modelgym.env.RemoteEnv` does.

    Args:
        env_id: a registered id.
        num_envs: number of sub-environments (up to the server's ``max_num_envs``).
        base_url: the server.
        autoreset_mode: ``"next_step"`` (Gymnasium's default), ``"same_step"`` or ``"disabled"``
            (Gymnasium's ``AutoresetMode`` members work too).
        encoding, timeout, headers, transport: as for :class:`~modelgym.env.RemoteEnv`.
        **kwargs: the env's constructor arguments (the same for every sub-env).
    """

    def __init__(
        self,
        env_id: str,
        num_envs: int,
        base_url: str = DEFAULT_BASE_URL,
        *,
        autoreset_mode: Any = "next_step",
        encoding: str = "msgpack",
        timeout: float = 30.0,
        headers: dict[str, str] | None = None,
        transport: Transport | None = None,
        **kwargs: Any,
    ) -> None:
        if int(num_envs) < 1:
            raise ValueError(f"num_envs must be at least 1, got {num_envs}")
        self.num_envs = int(num_envs)
        self._mode = _wire_mode(autoreset_mode)
        self._kwargs = plain(kwargs)
        self._transport, detail = connect_env(
            env_id, self._kwargs, transport, base_url=base_url, encoding=encoding, timeout=timeout, headers=headers
        )
        self.env_id: str = detail["id"]
        self._path = {op: env_path(self.env_id, "vector", op) for op in ("reset", "step")}
        self.spec = spec_from_detail(detail)
        self.metadata = {"autoreset_mode": AutoresetMode(_MODES[self._mode]), "render_modes": []}
        self.render_mode = None
        self._obs_desc: dict[str, Any] = detail["observation_space"]
        self._act_desc: dict[str, Any] = detail["action_space"]
        self.single_observation_space = from_description(self._obs_desc)
        self.single_action_space = from_description(self._act_desc)
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        self.action_space = batch_space(self.single_action_space, self.num_envs)
        self._token: str | None = None
        self.closed = False

    def reset(self, *, seed: int | list[int | None] | None = None, options: dict[str, Any] | None = None) -> tuple[Any, dict]:
        """Resets every sub-env (or, with ``options["reset_mask"]``, the masked ones); returns
        ``(observations, infos)``.

        Args:
            seed: sub-env i is seeded ``seed + i``, or ``seed[i]`` for a list. Without a seed
                (or where a list holds None), a sub-env's generator continues from its
                previous episode.
            options: reset options for every sub-env, plus ``reset_mask`` (n booleans).
        """
        n = self.num_envs
        batch_seed = _seed_of(seed, n)
        body: dict[str, Any] = {"num_envs": n, "autoreset_mode": self._mode}
        if batch_seed is not None:
            body["seed"] = batch_seed
        masked = options is not None and "reset_mask" in options
        partial = isinstance(batch_seed, list) and any(s is None for s in batch_seed)
        if self._token is not None and (batch_seed is None or partial or masked):
            body["state"] = self._token  # its kwargs carry over; sending them again is refused
        elif self._kwargs:
            body["kwargs"] = self._kwargs
        if options is not None:
            body["options"] = plain(options)
        answer = self._transport.post(self._path["reset"], body)
        self._token = answer["state"]
        super().reset(seed=batch_seed if isinstance(batch_seed, int) else None)  # the local np_random, as VectorEnv.reset
        return decode_batch(self._obs_desc, answer["observation"], n), vector_info(answer["info"], self._obs_desc)

    def step(self, actions: Any) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, dict]:
        """Steps every sub-env with its action; returns batched
        ``(observations, rewards, terminations, truncations, infos)``.

        Args:
            actions: one action per sub-env: an ``[n, ...]`` array (a dict/tuple of them for
                Dict/Tuple action spaces, as Gymnasium batches them), or a list of n actions.

        Raises:
            ResetNeeded: before the first reset (or, with autoreset disabled, when stepping an
                ended sub-env).
            InvalidAction: a bad action (the message names the sub-env).
        """
        if self._token is None:
            raise ResetNeeded("Cannot call step() before calling reset()")
        n = self.num_envs
        body = {"state": self._token, "action": split_batch(self._act_desc, actions, n)}
        answer = self._transport.post(self._path["step"], body)
        self._token = answer["state"]
        return (
            decode_batch(self._obs_desc, answer["observation"], n),
            np.asarray(answer["reward"], dtype=np.float64),
            np.asarray(answer["terminated"], dtype=bool),
            np.asarray(answer["truncated"], dtype=bool),
            vector_info(answer["info"], self._obs_desc),
        )

    def close_extras(self, **kwargs: Any) -> None:
        """Releases the connection (shared ones close with their last user)."""
        if getattr(self, "_transport", None) is not None:
            self._transport.close()

    @property
    def state_token(self) -> str | None:
        """The sealed token of the whole batch (None before the first reset); assignable."""
        return self._token

    @state_token.setter
    def state_token(self, token: str | None) -> None:
        self._token = token

    @property
    def transport(self) -> Transport:
        """The transport this env sends requests through."""
        return self._transport

    def _is_closed(self) -> bool:
        return self.closed

    def _reopened(self) -> None:
        self.closed = False

    def __enter__(self) -> RemoteVectorEnv:
        return self

    def __exit__(self, *args: Any) -> bool:
        self.close()
        return False
