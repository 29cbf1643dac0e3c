"""RemoteEnv: a Gymnasium environment whose episodes run on a modelgym server."""

from __future__ import annotations

import copy
import warnings
from typing import Any

import numpy as np

from ._compat import EnvBase
from ._reconnect import Reconnecting
from .errors import ResetNeeded
from .registration import spec_from_detail
from .spaces import from_description
from .transport import DEFAULT_BASE_URL, Transport, connect_env, env_path
from .values import decode, to_wire

RENDER_MODES = ("rgb_array",)

#: ``render_mode``'s default: ``"rgb_array"`` where the server draws the env, else None.
DEFAULT_RENDER_MODE: Any = object()


def plain(value: Any) -> Any:
    """Numpy values as plain lists and numbers, for fields the API wants as JSON-like data
    (reset options, kwargs) rather than as tensors."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


class RemoteEnv(Reconnecting, EnvBase):
    """A Gymnasium env served by modelgym: ``reset``, ``step``, ``render``, ``close``, spaces, spec.

    The server keeps nothing between requests: every answer carries a sealed state token,
    which this object keeps and sends with the next call. A ``reset()`` without a seed sends
    the previous token, so the episode generator continues exactly as a second ``reset()``
    does in Gymnasium. Tokens are immutable, so :meth:`fork` branches an episode for free, and
    the env pickles (and deep-copies) mid-episode: the copy opens its own connection and
    continues the episode identically.
    With Gymnasium installed this class is a ``gymnasium.Env`` (wrappers work on it).

    Args:
        env_id: a registered id, e.g. ``"CartPole-v1"`` (namespaced ids ``ns/Name-v0`` work).
        base_url: the server.
        render_mode: ``"rgb_array"`` (:meth:`render` returns an HxWx3 uint8 array) or None; by
            default ``"rgb_array"`` where the server draws the env (its ``render_modes``), else None.
        encoding: ``"msgpack"`` (default) or ``"json"``.
        timeout: seconds per request.
        headers: extra HTTP headers for every request.
        transport: a :class:`~modelgym.transport.Transport` to share (its base URL and
            encoding win over ``base_url`` and ``encoding``).
        **kwargs: the env's constructor arguments, as ``gymnasium.make(env_id, **kwargs)``
            takes them (validated by the server: unknown ones raise InvalidArgument).

    Raises:
        UnknownEnv: no such env on the server.
        InvalidArgument: bad kwargs.
    """

    metadata: dict[str, Any] = {"render_modes": list(RENDER_MODES)}

    def __init__(
        self,
        env_id: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        render_mode: str | None = DEFAULT_RENDER_MODE,
        encoding: str = "msgpack",
        timeout: float = 30.0,
        headers: dict[str, str] | None = None,
        transport: Transport | None = None,
        **kwargs: Any,
    ) -> None:
        if render_mode is not DEFAULT_RENDER_MODE and render_mode is not None and render_mode not in RENDER_MODES:
            raise ValueError(f"render_mode must be one of {RENDER_MODES} or None, got {render_mode!r}")
        self._kwargs = plain(kwargs)
        self._transport, detail = connect_env(
            env_id, self._kwargs, transport, base_url=base_url, encoding=encoding, timeout=timeout, headers=headers
        )
        self.env_id: str = detail["id"]
        self._path = {op: env_path(self.env_id, op) for op in ("reset", "step", "render")}
        # Servers from before render_modes draw every env they can; rgb_array is the only mode.
        modes = list(detail.get("render_modes", RENDER_MODES))
        if render_mode is DEFAULT_RENDER_MODE:
            render_mode = "rgb_array" if "rgb_array" in modes else None
        elif render_mode is not None and render_mode not in modes:
            self._transport.close()
            raise ValueError(f"{self.env_id} cannot be rendered by the server (render_modes {modes})")
        self.render_mode = render_mode
        self.metadata = {"render_modes": modes, "render_fps": detail.get("render_fps")}
        self.spec = spec_from_detail(detail)
        self._obs_desc: dict[str, Any] = detail["observation_space"]
        self._act_desc: dict[str, Any] = detail["action_space"]
        self._goal_conditioned = bool(detail.get("goal_conditioned", False))
        self.observation_space = from_description(self._obs_desc)
        self.action_space = from_description(self._act_desc)
        self._token: str | None = None
        self._closed = False

    # --- Gymnasium API -----------------------------------------------------------------------

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[Any, dict]:
        """Starts an episode; returns ``(observation, info)``.

        Args:
            seed: seeds the episode generator as ``np.random.default_rng(seed)`` (Gymnasium's
                seeding, so the first observation equals Gymnasium's for the same seed). Without
                a seed, the generator continues from the previous episode of this env (or
                starts from OS entropy on the first reset).
            options: the env's reset options (e.g. ``{"low": -0.1, "high": 0.1}``, or
                ``{"state": [...]}`` to start from a given physical state).
        """
        seed = None if seed is None else int(seed)  # numpy integers too (Gymnasium wants an int)
        body: dict[str, Any] = {}
        if seed is not None:
            body["seed"] = seed
        if seed is None and self._token is not None:
            body["state"] = self._token  # its kwargs carry over; sending them again is refused
        elif self._kwargs:
            body["kwargs"] = self._kwargs
        if options is not None:
            body["options"] = plain(options)
        answer = self._transport.post(self._path["reset"], body)
        self._token = answer["state"]
        super().reset(seed=seed)  # seeds the local np_random, as Gymnasium's Env.reset does
        return decode(self._obs_desc, answer["observation"]), answer["info"]

    def step(self, action: Any) -> tuple[Any, float, bool, bool, dict]:
        """Advances the episode by one action; returns ``(obs, reward, terminated, truncated, info)``.

        Numpy arrays travel as binary tensors; Python numbers and lists as they are.

        Raises:
            ResetNeeded: before the first reset, or after the episode ended.
            InvalidAction: the action is not in the action space (or is NaN/inf).
        """
        if self._token is None:
            raise ResetNeeded("Cannot call env.step() before calling env.reset()")
        answer = self._transport.post(self._path["step"], {"state": self._token, "action": to_wire(action)})
        self._token = answer["state"]
        return (
            decode(self._obs_desc, answer["observation"]),
            float(answer["reward"]),
            bool(answer["terminated"]),
            bool(answer["truncated"]),
            answer["info"],
        )

    def render(self) -> np.ndarray | None:
        """The current state drawn as an ``(height, width, 3)`` uint8 array (``rgb_array`` mode).

        Returns None (with a warning, as Gymnasium does) when ``render_mode`` is None.

        Raises:
            ResetNeeded: before the first reset.
        """
        if self.render_mode is None:
            warnings.warn("render() called with render_mode=None; pass render_mode='rgb_array'", stacklevel=2)
            return None
        if self._token is None:
            raise ResetNeeded("Cannot call env.render() before calling env.reset()")
        answer = self._transport.post(self._path["render"], {"state": self._token, "mode": "rgb_array"})
        return answer["image"]

    def close(self) -> None:
        """Releases the connection (shared ones close with their last user). Idempotent."""
        if not getattr(self, "_closed", True):
            self._closed = True
            self._transport.close()

    def compute_reward(self, achieved_goal: Any, desired_goal: Any, info: Any = None) -> Any:
        """Gymnasium-Robotics' ``GoalEnv.compute_reward``, computed by the server exactly as the
        step reward: for a batch (``[..., goal_dim]`` arrays) an array of rewards of the batch's
        shape, for one goal a float. ``info`` is accepted for the signature and not used (the
        served goal envs' rewards depend on the goals alone).

        Raises:
            NotImplementedError: the env is not goal-conditioned.
        """
        if not self._goal_conditioned:
            raise NotImplementedError(f"{self.env_id} is not a goal-conditioned env")
        achieved = np.asarray(achieved_goal, dtype=np.float64)
        desired = np.asarray(desired_goal, dtype=np.float64)
        if achieved.shape != desired.shape:
            raise ValueError(f"achieved_goal {achieved.shape} and desired_goal {desired.shape} differ in shape")
        batch = achieved.shape[:-1]
        width = achieved.shape[-1] if achieved.ndim else 1
        body: dict[str, Any] = {
            "achieved_goal": achieved.reshape(-1, width),
            "desired_goal": desired.reshape(-1, width),
            "array_format": "nested",
        }
        if self._kwargs:
            body["kwargs"] = self._kwargs
        reward = np.asarray(self._transport.post(env_path(self.env_id, "compute_reward"), body)["reward"], dtype=np.float64)
        return float(reward[0]) if batch == () else reward.reshape(batch)

    # --- beyond Gymnasium ----------------------------------------------------------------------

    def sample_tasks(self, count: int = 10, *, split: str = "train", seed: int = 0) -> list[dict[str, Any]]:
        """Tasks of the env's task distribution (``tasks/...`` envs), drawn by the server: the
        same ``seed`` gives the same tasks on every replica. Start an episode on one with
        ``env.reset(seed=..., options={"task": task})``.

        Args:
            count: 1 to 100 (ask again with other seeds for more).
            split: ``"train"`` or ``"test"`` (disjoint where the family is finite).
            seed: which draw.

        Raises:
            InvalidArgument: the env has no task distribution, or a bad count or split.
        """
        query = f"?split={split}&count={int(count)}&seed={int(seed)}"
        return self._transport.get(env_path(self.env_id, "tasks") + query)["tasks"]

    @property
    def state_token(self) -> str | None:
        """The sealed token of the current episode state (None before the first reset).

        Assigning a token (from this env or a server sharing its key) resumes that state.
        """
        return self._token

    @state_token.setter
    def state_token(self, token: str | None) -> None:
        self._token = token

    @property
    def transport(self) -> Transport:
        """The transport this env sends requests through."""
        return self._transport

    def fork(self) -> RemoteEnv:
        """A copy of this env at the same state: stepping the copy leaves this env unchanged.

        No request is made (tokens are immutable); the copy shares the connection pool and
        gets its own copies of the spaces (their generators included).
        """
        if self._closed:
            raise RuntimeError("cannot fork a closed env")
        clone = copy.copy(self)
        clone._transport = self._transport.share()
        clone.observation_space = copy.deepcopy(self.observation_space)
        clone.action_space = copy.deepcopy(self.action_space)
        clone.metadata = dict(self.metadata)
        if getattr(self, "_np_random", None) is not None:
            clone._np_random = copy.deepcopy(self._np_random)
        return clone

    # --- pickling and copies (see _reconnect.py) ----------------------------------------------

    def _is_closed(self) -> bool:
        return self._closed

    def _reopened(self) -> None:
        self._closed = False

    def __del__(self) -> None:
        # Returns the connection to the pool when an env is dropped without close().
        try:
            self.close()
        except Exception:
            pass
