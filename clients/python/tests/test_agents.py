"""Agents from Python against a real server: served env, external simulator, errors."""

from __future__ import annotations

import numpy as np
import pytest

import modelgym
from modelgym.errors import InvalidArgument, NotSupported, NotTrained, UnknownAgent

TINY = {
    "model": {"ensemble_size": 2, "hidden_sizes": [16], "elites": 2},
    "training": {"epochs": 3},
    "planner": {"type": "cem", "horizon": 5, "population": 20, "elites": 4, "iterations": 2},
    "particles": 2,
    "shards": 1,
}


def point_mass(state: np.ndarray, action: float) -> tuple[np.ndarray, float]:
    nxt = np.array([state[0] + state[1], state[1] + np.clip(action, -1, 1)], dtype=np.float32)
    return nxt, float(-0.001 * nxt[0] ** 2)


def test_served_env_agent_learns_and_acts(server_url: str):
    with modelgym.Agent.create("tasks/PointMass1D-v0", config=TINY, base_url=server_url) as agent:
        with pytest.raises(NotTrained):
            agent.act(np.array([1.0, 0.0]))
        job = agent.learn(steps=60, warmup_steps=30, refit_every=30, timeout=120)
        assert job["status"] == "succeeded" and job["result"]["steps"] == 60
        info = agent.info()
        assert info["version"] >= 1 and info["transitions"] == 60
        agent.new_episode()
        action = agent.act(np.array([1.0, 0.0], dtype=np.float32), seed=3)
        assert isinstance(action, np.ndarray) and action.shape == (1,) and -1 <= action[0] <= 1
        assert agent.context is not None
        plan = agent.plan(np.array([1.0, 0.0]), seed=3)
        assert len(plan["actions"]) == 5 and len(plan["predicted_rewards"]["mean"]) == 5
        result = agent.evaluate(seeds=[0, 1], timeout=120)["result"]
        assert len(result["returns"]) == 2
        agent.delete()
        with pytest.raises(UnknownAgent):
            agent.info()


def test_sac_agent_learns_trains_and_acts(server_url: str):
    config = {"actor_hidden_sizes": [16], "critic_hidden_sizes": [16], "batch_size": 16}
    with modelgym.Agent.create("Pendulum-v1", agent_type="sac", config=config, base_url=server_url) as agent:
        assert agent.info()["type"] == "sac"
        job = agent.learn(steps=250, warmup_steps=50, checkpoint_every=200, seed=1, timeout=120)
        assert job["status"] == "succeeded" and job["result"]["updates"] == 200
        assert agent.info()["version"] == 2
        obs = np.array([1.0, 0.0, 0.5], dtype=np.float32)
        greedy = agent.act(obs, seed=1)
        assert isinstance(greedy, np.ndarray) and greedy.shape == (1,) and -2 <= greedy[0] <= 2
        assert agent.context is None
        assert np.array_equal(agent.act(obs, seed=2), greedy)
        sampled = agent.act(obs, seed=1, explore=True)
        assert np.array_equal(agent.act(obs, seed=1, explore=True), sampled)
        assert not np.array_equal(sampled, greedy)
        trained = agent.train(updates=20, timeout=120)
        assert trained["result"]["updates"] == 220 and trained["result"]["version"] == 3
        result = agent.evaluate(seeds=[0], max_episode_steps=20, timeout=120)["result"]
        assert result["version"] == 3 and len(result["returns"]) == 1
        agent.delete()


def test_mbpo_agent_learns_and_acts(server_url: str):
    config = {
        "sac": {"actor_hidden_sizes": [16], "critic_hidden_sizes": [16], "batch_size": 16, "gradient_steps": 2},
        "model": {"ensemble_size": 2, "hidden_sizes": [16], "elites": 1},
        "model_training": {"epochs": 3},
        "model_train_every": 100,
        "rollouts_per_step": 2,
    }
    with modelgym.Agent.create("Pendulum-v1", agent_type="mbpo", config=config, base_url=server_url) as agent:
        assert agent.info()["config"]["sac"]["gradient_steps"] == 2
        job = agent.learn(steps=250, warmup_steps=100, seed=1, timeout=120)
        # Two updates per env step after the warm-up; the model refitted at steps 100 and 200.
        assert job["status"] == "succeeded" and job["result"]["updates"] == 300
        info = agent.info()
        assert info["version"] == 1 and len(info["validation_mse"]) == 2
        obs = np.array([1.0, 0.0, 0.5], dtype=np.float32)
        greedy = agent.act(obs, seed=1)
        assert greedy.shape == (1,) and -2 <= greedy[0] <= 2
        assert not np.array_equal(agent.act(obs, seed=1, explore=True), greedy)
        with pytest.raises(NotSupported):
            agent.train(updates=5)
        agent.delete()


def test_external_simulator_agent(server_url: str):
    env = modelgym.register_external_env(
        {"type": "Box", "dtype": "float32", "shape": [2], "low": [-np.inf, -np.inf], "high": [np.inf, np.inf]},
        {"type": "Box", "dtype": "float32", "shape": [1], "low": [-1.0], "high": [1.0]},
        name="point mass",
        base_url=server_url,
    )
    with modelgym.Agent.create(external_env_id=env["id"], config=TINY, base_url=server_url) as agent:
        assert agent.info()["config"]["model"]["learned_reward"] is True
        rng = np.random.default_rng(0)
        obs, acts, rews, nxts = [], [], [], []
        state = np.array([1.0, 0.0], dtype=np.float32)
        for _ in range(40):
            a = float(rng.uniform(-1, 1))
            nxt, r = point_mass(state, a)
            obs.append(state), acts.append([a]), rews.append(r), nxts.append(nxt)
            state = nxt
        added = agent.add_transitions(np.array(obs), np.array(acts), np.array(rews), np.array(nxts))
        assert added == {"added": 40, "transitions": 40, "segment": 1}
        agent.train(timeout=120)
        action = agent.act(np.array([1.0, 0.0]))
        assert action.shape == (1,)
        with pytest.raises(InvalidArgument):
            agent.act(np.array([1.0, 0.0, 0.0]))
        agent.delete()


def test_bad_agents_raise_typed_errors(server_url: str):
    with pytest.raises(InvalidArgument):
        modelgym.Agent.create("Pendulum-v1", preset="no-such-preset", base_url=server_url)
    with pytest.raises(UnknownAgent):
        modelgym.Agent("ag-missing", base_url=server_url).info()
