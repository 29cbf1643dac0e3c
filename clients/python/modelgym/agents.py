"""Model-based agents on a modelgym server: MPC agents for served envs or your own simulator.

>>> agent = modelgym.Agent.create("Pendulum-v1", preset="fast", base_url=url)
>>> agent.learn(steps=1000)                      # server-side loop, waits for the job
>>> obs, _ = env.reset(seed=0)
>>> agent.new_episode()
>>> action = agent.act(obs)                     # plans; the warm start is carried for you

For a simulator that runs on your side, register it with :func:`register_external_env`, make an
agent with ``Agent.create(external_env_id=...)``, post what happens with :meth:`Agent.add_transitions`,
:meth:`Agent.train`, and ask :meth:`Agent.act` for actions.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote

import numpy as np

from .errors import ModelgymError
from .transport import DEFAULT_BASE_URL, Transport

TERMINAL = ("succeeded", "failed", "cancelled")


class JobFailed(ModelgymError):
    """A job ended ``failed`` or ``cancelled``; :attr:`job` is its record."""

    def __init__(self, job: dict[str, Any]) -> None:
        message = (job.get("error") or {}).get("message", job.get("status"))
        super().__init__(f"job {job.get('id')} ({job.get('kind')}) {job.get('status')}: {message}")
        self.job = job


def wait_for_job(transport: Transport, job: dict[str, Any], timeout: float | None = None, poll: float = 0.2) -> dict[str, Any]:
    """Polls ``GET /v1/jobs/{id}`` until the job ends; returns its record or raises :class:`JobFailed`."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while job["status"] not in TERMINAL:
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError(f"job {job['id']} still {job['status']} after {timeout} s")
        time.sleep(poll)
        job = transport.get(f"/v1/jobs/{quote(job['id'], safe='')}")
    if job["status"] != "succeeded":
        raise JobFailed(job)
    return job


def _transport(base_url: str, transport: Transport | None) -> Transport:
    return transport.share() if transport is not None else Transport(base_url)


def register_external_env(
    observation_space: dict[str, Any],
    action_space: dict[str, Any],
    *,
    reward_env_id: str | None = None,
    name: str | None = None,
    max_episode_steps: int | None = None,
    base_url: str = DEFAULT_BASE_URL,
    transport: Transport | None = None,
) -> dict[str, Any]:
    """Registers a simulator that runs on the client; returns the server's record (with ``id``).

    Spaces are described as the API describes them (``{"type": "Box", "shape": [2], "low": [...],
    "high": [...], "dtype": "float32"}``, ``{"type": "Discrete", "n": 3}``). ``reward_env_id`` names a
    served env whose reward and termination apply to these observations; otherwise agents learn them.
    """
    t = _transport(base_url, transport)
    try:
        body: dict[str, Any] = {"observation_space": observation_space, "action_space": action_space}
        if reward_env_id is not None:
            body["reward"] = {"env_id": reward_env_id}
        if name is not None:
            body["name"] = name
        if max_episode_steps is not None:
            body["max_episode_steps"] = max_episode_steps
        return t.post("/v1/external-envs", body)
    finally:
        t.close()


class Agent:
    """An agent on a modelgym server. Holds the plan context between :meth:`act` calls.

    Args:
        agent_id: the server's id of the agent.
        base_url: the server.
        transport: a shared :class:`~modelgym.transport.Transport` instead of a new connection.
    """

    def __init__(self, agent_id: str, *, base_url: str = DEFAULT_BASE_URL, transport: Transport | None = None) -> None:
        self.id = agent_id
        self._t = _transport(base_url, transport)
        self._path = f"/v1/agents/{quote(agent_id, safe='')}"
        self.context: str | None = None

    @classmethod
    def create(
        cls,
        env_id: str | None = None,
        *,
        agent_type: str = "mpc",
        external_env_id: str | None = None,
        preset: str | None = None,
        config: dict[str, Any] | None = None,
        env_kwargs: dict[str, Any] | None = None,
        name: str | None = None,
        base_url: str = DEFAULT_BASE_URL,
        transport: Transport | None = None,
    ) -> Agent:
        """Creates an agent for a served env (``env_id``) or a registered external env.

        ``agent_type`` is the family (``"mpc"``, ``"sac"``, ``"mbpo"``: see ``GET /v1/agent-types``); ``preset``
        and ``config`` are that family's."""
        t = _transport(base_url, transport)
        body: dict[str, Any] = {"type": agent_type}
        for key, value in (("env_id", env_id), ("external_env_id", external_env_id), ("preset", preset),
                           ("config", config), ("env_kwargs", env_kwargs), ("name", name)):
            if value is not None:
                body[key] = value
        try:
            created = t.post("/v1/agents", body)
        except BaseException:
            t.close()
            raise
        agent = cls(created["id"], transport=t)
        t.close()  # the agent holds its own share
        return agent

    def info(self) -> dict[str, Any]:
        """The agent's record: config, spaces, latest ``version``, ``transitions``."""
        return self._t.get(self._path)

    def add_transitions(
        self,
        observations: Any,
        actions: Any,
        rewards: Any,
        next_observations: Any,
        terminated: Any = None,
        truncated: Any = None,
    ) -> dict[str, Any]:
        """Appends a batch (``[n, ...]`` arrays; Discrete actions as ``[n]`` integers); ``truncated``
        marks rows where a time limit cut the episode (values bootstrap there)."""
        body: dict[str, Any] = {
            "observation": np.asarray(observations, dtype=np.float32),
            "action": np.asarray(actions, dtype=np.float32),
            "reward": np.asarray(rewards, dtype=np.float32),
            "next_observation": np.asarray(next_observations, dtype=np.float32),
        }
        if terminated is not None:
            body["terminated"] = np.asarray(terminated, dtype=np.uint8)
        if truncated is not None:
            body["truncated"] = np.asarray(truncated, dtype=np.uint8)
        return self._t.post(f"{self._path}/transitions", body)

    def _job(self, route: str, body: dict[str, Any], wait: bool, timeout: float | None) -> dict[str, Any]:
        job = self._t.post(f"{self._path}/{route}", body)
        return wait_for_job(self._t, job, timeout) if wait else job

    def train(
        self,
        *,
        wait: bool = True,
        timeout: float | None = None,
        seed: int | None = None,
        updates: int | None = None,
        **training: Any,
    ) -> dict[str, Any]:
        """Trains on all the agent's transitions (a job). MPC: fits the model, ``training``
        overrides e.g. ``epochs``; SAC: ``updates`` gradient updates (default 1000)."""
        body: dict[str, Any] = {}
        if updates is not None:
            body["updates"] = updates
        if training:
            body["training"] = training
        if seed is not None:
            body["seed"] = seed
        return self._job("train", body, wait, timeout)

    def learn(self, steps: int, *, wait: bool = True, timeout: float | None = None, **options: Any) -> dict[str, Any]:
        """Runs the agent's learning loop server-side on a served env (a job); ``options``:
        ``env_id``, ``warmup_steps``, ``seed``, ``max_episode_steps``, and ``refit_every`` (MPC) or
        ``checkpoint_every`` (SAC)."""
        return self._job("learn", {"steps": steps, **options}, wait, timeout)

    def evaluate(self, *, wait: bool = True, timeout: float | None = None, **options: Any) -> dict[str, Any]:
        """Evaluation episodes on a served env (a job; its ``result`` has ``returns``)."""
        return self._job("evaluate", options, wait, timeout)

    def new_episode(self) -> None:
        """Forgets the plan context (call at the start of an episode)."""
        self.context = None

    def _plan(self, route: str, observation: Any, seed: int | None, explore: bool = False) -> dict[str, Any]:
        """POSTs to ``plan`` or ``act`` with the carried context, and keeps the new one (agents
        without a context, such as SAC, answer none)."""
        body: dict[str, Any] = {"observation": np.asarray(observation, dtype=np.float32).reshape(-1)}
        if self.context is not None:
            body["context"] = self.context
        if seed is not None:
            body["seed"] = seed
        if explore:
            body["explore"] = True
        out = self._t.post(f"{self._path}/{route}", body)
        self.context = out.get("context")
        return out

    def plan(self, observation: Any, *, seed: int | None = None) -> dict[str, Any]:
        """The whole plan: ``action``, ``actions``, ``predicted_observations``/``rewards``, ``value``."""
        return self._plan("plan", observation, seed)

    def act(self, observation: Any, *, seed: int | None = None, explore: bool = False) -> Any:
        """The agent's action for ``observation`` (numpy array for Box, int for Discrete): MPC's
        first planned action; SAC's greedy action, or with ``explore=True`` a sample (seeded by
        ``seed``)."""
        action = self._plan("act", observation, seed, explore)["action"]
        return action if isinstance(action, int) else np.asarray(action, dtype=np.float32)

    def delete(self) -> None:
        """Deletes the agent with its versions and data."""
        self._t.request("DELETE", self._path)

    def close(self) -> None:
        self._t.close()

    def __enter__(self) -> Agent:
        return self

    def __exit__(self, *args: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Agent({self.id!r}, {self._t.base_url!r})"
