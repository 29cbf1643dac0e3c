"""Gymnasium-native use: pickling and copying a mid-episode env, and the served envs registered
in Gymnasium's registry (those tests need real Gymnasium and are skipped without it)."""

from __future__ import annotations

import copy
import pickle
import warnings

import numpy as np
import pytest

import modelgym


def steps(env, actions):
    return [env.step(a) for a in actions]


def test_pickle_round_trip_continues_the_episode_identically(server_url):
    env = modelgym.make("Pendulum-v1", base_url=server_url, encoding="json", timeout=12.5)
    env.reset(seed=3)
    env.action_space.seed(5)
    env.step(np.array([0.5], dtype=np.float32))
    restored = pickle.loads(pickle.dumps(env))
    assert restored.transport is not env.transport
    assert (restored.transport.base_url, restored.transport.encoding, restored.transport.timeout) == (
        server_url,
        "json",
        12.5,
    )
    actions = [np.array([a], dtype=np.float32) for a in (-1.0, 0.25, 2.0)]
    mine, theirs = steps(env, actions), steps(restored, actions)
    for a, b in zip(mine, theirs):
        np.testing.assert_array_equal(a[0], b[0])
        assert a[1:4] == b[1:4]
    # The spaces' generators came along too.
    np.testing.assert_array_equal(env.action_space.sample(), restored.action_space.sample())
    restored.close()
    env.close()


def test_deepcopy_has_its_own_connection_and_branches(server_url):
    env = modelgym.make("CartPole-v1", base_url=server_url)
    env.reset(seed=0)
    twin = copy.deepcopy(env)
    assert twin.transport is not env.transport
    a = env.step(0)
    b = twin.step(0)
    np.testing.assert_array_equal(a[0], b[0])
    env.step(1)
    env.close()
    # Closing the original leaves the copy's connection open.
    assert twin.step(1)[1] == 1.0
    twin.close()
    with pytest.raises(RuntimeError):
        pickle.dumps(env)


def test_vector_env_pickles_mid_episode(server_url):
    envs = modelgym.make_vec("Pendulum-v1", 3, base_url=server_url)
    envs.reset(seed=0)
    actions = np.full((3, 1), 0.5, dtype=np.float32)
    envs.step(actions)
    restored = pickle.loads(pickle.dumps(envs))
    twin = copy.deepcopy(envs)
    a, b, c = envs.step(actions), restored.step(actions), twin.step(actions)
    for x in (b, c):
        np.testing.assert_array_equal(a[0], x[0])
        np.testing.assert_array_equal(a[1], x[1])
    for e in (envs, restored, twin):
        e.close()


def test_gymnasium_ids():
    assert modelgym.gymnasium_id("CartPole-v1") == "modelgym/CartPole-v1"
    assert modelgym.gymnasium_id("goal/BitFlip-v0") == "modelgym/goal.BitFlip-v0"


def test_register_envs_makes_every_served_env_with_gymnasium_make(server_url, monkeypatch):
    gym = pytest.importorskip("gymnasium")
    monkeypatch.setenv("MODELGYM_URL", server_url)
    ids = modelgym.register_envs()
    served = [e["id"] for e in modelgym.Transport(server_url).get("/v1/envs")["envs"]]
    assert ids == [modelgym.gymnasium_id(i) for i in served]
    for gym_id in ids:
        env = gym.make(gym_id)
        assert isinstance(env.unwrapped, modelgym.RemoteEnv)
        env.reset(seed=0)
        env.step(env.action_space.sample())
        env.close()
    env = gym.make("modelgym/CartPole-v1", max_episode_steps=5)
    env.reset(seed=0)
    results = [env.step(0) for _ in range(5)]
    # Gymnasium's TimeLimit truncates at 5 (pushing left for 5 steps does not drop the pole).
    assert [r[2] for r in results] == [False] * 5
    assert [r[3] for r in results] == [False] * 4 + [True]
    assert env.spec.max_episode_steps == 5
    longer = gym.make("modelgym/Pendulum-v1", max_episode_steps=205)
    longer.reset(seed=0)
    flags = [longer.step(np.zeros(1, dtype=np.float32))[3] for _ in range(205)]
    assert flags == [False] * 204 + [True]
    longer.close()
    rebuilt = env.spec.make()
    assert rebuilt.spec.id == "modelgym/CartPole-v1"
    rebuilt.close()
    env.close()
    # The reference env and ours agree through Gymnasium's own make.
    ours, theirs = gym.make("modelgym/CartPole-v1"), gym.make("CartPole-v1")
    np.testing.assert_array_equal(ours.reset(seed=4)[0], theirs.reset(seed=4)[0])
    vec = gym.make_vec("modelgym/Pendulum-v1", num_envs=2, vectorization_mode="sync")
    obs, _ = vec.reset(seed=1)
    assert obs.shape == (2, 3)
    vec.close()


def test_max_episode_steps_kwarg_sets_the_servers_time_limit(server_url):
    env = modelgym.make("Pendulum-v1", base_url=server_url, max_episode_steps=3)
    assert env.spec.max_episode_steps == 3
    env.reset(seed=0)
    assert [env.step(np.zeros(1, dtype=np.float32))[3] for _ in range(3)] == [False, False, True]
    env.close()


def test_render_mode_and_metadata_follow_the_server(server_url):
    cartpole = modelgym.make("CartPole-v1", base_url=server_url)
    assert cartpole.render_mode == "rgb_array"
    assert cartpole.metadata == {"render_modes": ["rgb_array"], "render_fps": 50}
    cartpole.close()
    bits = modelgym.make("goal/BitFlip-v0", base_url=server_url)
    assert bits.render_mode is None and bits.metadata == {"render_modes": [], "render_fps": None}
    bits.close()
    with pytest.raises(ValueError, match="cannot be rendered"):
        modelgym.make("goal/BitFlip-v0", base_url=server_url, render_mode="rgb_array")


def test_check_env_passes_on_every_served_env(server_url):
    gym = pytest.importorskip("gymnasium")
    from gymnasium.utils.env_checker import check_env

    failed = []
    for gym_id in modelgym.register_envs(server_url):
        env = gym.make(gym_id).unwrapped
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # e.g. "unbounded Box": advice, not failures
                check_env(env)
        except Exception as err:  # noqa: BLE001 - every env's failure is collected
            failed.append(f"{gym_id}: {type(err).__name__}: {err}")
        finally:
            env.close()
    assert failed == []


def test_compute_reward_matches_the_step_reward(server_url):
    env = modelgym.make("goal/PointReach-v0", base_url=server_url)
    obs, _ = env.reset(seed=2)
    achieved, desired, rewards = [], [], []
    for _ in range(5):
        obs, reward, *_ = env.step(env.action_space.sample())
        achieved.append(obs["achieved_goal"]), desired.append(obs["desired_goal"]), rewards.append(reward)
    batch = env.compute_reward(np.array(achieved), np.array(desired), {})
    assert batch.shape == (5,)
    np.testing.assert_allclose(batch, rewards, rtol=1e-6)
    one = env.compute_reward(achieved[0], desired[0], {})
    assert isinstance(one, float) and one == pytest.approx(rewards[0], rel=1e-6)
    # Relabelled with the achieved goal itself: the best reward there is.
    assert env.compute_reward(achieved[0], achieved[0], {}) >= max(rewards)
    env.close()
    cartpole = modelgym.make("CartPole-v1", base_url=server_url)
    with pytest.raises(NotImplementedError):
        cartpole.compute_reward([0.0], [0.0], {})
    cartpole.close()


def test_sample_tasks_and_reset_with_one(server_url):
    env = modelgym.make("tasks/PointNav-v0", base_url=server_url)
    tasks = env.sample_tasks(3, split="test", seed=7)
    assert len(tasks) == 3 and tasks == env.sample_tasks(3, split="test", seed=7)
    assert tasks != env.sample_tasks(3, split="test", seed=8)
    _, info = env.reset(seed=0, options={"task": tasks[0]})
    env.step(env.action_space.sample())
    env.close()
    cartpole = modelgym.make("CartPole-v1", base_url=server_url)
    with pytest.raises(modelgym.ModelgymError):
        cartpole.sample_tasks(1)
    cartpole.close()
