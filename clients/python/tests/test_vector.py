"""RemoteVectorEnv against a real server: batching, seeding, the three autoreset modes."""

from __future__ import annotations

import numpy as np
import pytest

import modelgym
from modelgym import AutoresetMode, InvalidAction, ResetNeeded


def test_vector_equals_single_envs_seeded_s_plus_i(server_url):
    """Sub-env i of reset(seed=s) is a single env reset(seed=s + i), through episode ends:
    next_step autoreset resets an ended sub-env on the following step, as reset() without a
    seed (continuing its generator) does for the single env."""
    n, seed = 4, 10
    singles = [modelgym.make("CartPole-v1", server_url) for _ in range(n)]
    with modelgym.make_vec("CartPole-v1", n, server_url) as vec:
        obs, info = vec.reset(seed=seed)
        assert info == {}
        for i, env in enumerate(singles):
            np.testing.assert_array_equal(obs[i], env.reset(seed=seed + i)[0])
        rng = np.random.default_rng(0)
        ended = np.zeros(n, dtype=bool)
        episodes_ended = 0
        for _ in range(60):
            actions = rng.integers(0, 2, size=n)
            obs, rewards, terminated, truncated, _ = vec.step(actions)
            for i, env in enumerate(singles):
                if ended[i]:  # autoreset step: action ignored, reset observation, reward 0
                    expected = (env.reset()[0], 0.0, False, False)
                else:
                    expected = env.step(int(actions[i]))[:4]
                np.testing.assert_array_equal(obs[i], expected[0])
                assert (rewards[i], terminated[i], truncated[i]) == expected[1:]
            ended = terminated | truncated
            episodes_ended += int(ended.sum())
        assert episodes_ended >= 2  # random actions end CartPole episodes in ~20 steps
    for env in singles:
        env.close()


def test_batched_types_and_spaces(server_url):
    with modelgym.make_vec("CartPole-v1", 3, server_url) as vec:
        assert vec.num_envs == 3
        assert vec.single_observation_space.shape == (4,)
        assert vec.observation_space.shape == (3, 4) and vec.observation_space.dtype == np.float32
        assert vec.single_action_space.n == 2
        np.testing.assert_array_equal(vec.action_space.nvec, [2, 2, 2])
        assert vec.metadata["autoreset_mode"] == AutoresetMode.NEXT_STEP
        assert vec.spec.id == "CartPole-v1" and vec.spec.max_episode_steps == 500
        obs, _ = vec.reset(seed=0)
        assert obs.dtype == np.float32 and obs.shape == (3, 4) and obs.flags.writeable
        assert vec.observation_space.contains(obs)
        obs, rewards, terminated, truncated, info = vec.step(vec.action_space.sample())
        assert obs.dtype == np.float32 and obs.shape == (3, 4)
        assert rewards.dtype == np.float64 and rewards.shape == (3,)
        assert terminated.dtype == bool and truncated.dtype == bool and terminated.shape == (3,)
        assert isinstance(info, dict)
        vec.step([0, 1, 0])  # a plain list works too


def test_next_step_autoreset(server_url):
    with modelgym.make_vec("CartPole-v1", 2, server_url) as vec:
        vec.reset(seed=0)
        for _ in range(50):
            obs, rewards, terminated, truncated, _ = vec.step(np.ones(2, dtype=np.int64))
            if terminated.any():
                break
        ended = terminated | truncated
        assert ended.any() and not truncated.any()  # always pushing right: the pole falls
        last = obs.copy()
        obs, rewards, terminated, truncated, _ = vec.step(np.ones(2, dtype=np.int64))
        # ended sub-envs: reset observation, reward 0, both flags false, action ignored
        np.testing.assert_array_equal(rewards[ended], 0.0)
        assert not terminated[ended].any() and not truncated[ended].any()
        assert np.all(np.abs(obs[ended]) <= 0.05) and not np.array_equal(obs[ended], last[ended])
        np.testing.assert_array_equal(rewards[~ended], 1.0)  # the others step on


def test_same_step_autoreset_reports_final_obs(server_url):
    with modelgym.make_vec("CartPole-v1", 2, server_url, autoreset_mode="same_step") as vec:
        assert vec.metadata["autoreset_mode"] == AutoresetMode.SAME_STEP
        vec.reset(seed=0)
        for _ in range(50):
            obs, rewards, terminated, truncated, info = vec.step(np.ones(2, dtype=np.int64))
            if terminated.any():
                break
        done = terminated | truncated
        mask = info["_final_obs"]
        assert mask.dtype == bool
        np.testing.assert_array_equal(mask, done)
        for i in np.flatnonzero(done):
            final = info["final_obs"][i]
            assert final.dtype == np.float32 and final.shape == (4,)
            assert abs(final[2]) > 0.2  # the pole had fallen
            assert np.all(np.abs(obs[i]) <= 0.05)  # the observation is already the reset one
        assert rewards[done].tolist() == [1.0] * int(done.sum())


def test_disabled_autoreset_needs_masked_reset(server_url):
    with modelgym.make_vec("CartPole-v1", 2, server_url, autoreset_mode="disabled") as vec:
        vec.reset(seed=0)
        for _ in range(50):
            obs, _, terminated, truncated, _ = vec.step(np.array([1, 0]))
            if (terminated | truncated).any():
                break
        ended, last = terminated | truncated, obs
        with pytest.raises(ResetNeeded):
            vec.step(np.array([1, 0]))
        obs, _ = vec.reset(options={"reset_mask": ended})
        assert np.all(np.abs(obs[ended]) <= 0.05)
        np.testing.assert_array_equal(obs[~ended], last[~ended])  # unmasked sub-envs keep their episode
        vec.step(np.array([0, 0]))


def test_seed_lists(server_url):
    with modelgym.make_vec("CartPole-v1", 3, server_url) as vec:
        by_int, _ = vec.reset(seed=7)
        by_list, _ = vec.reset(seed=[7, 8, 9])
        np.testing.assert_array_equal(by_int, by_list)
        mixed, _ = vec.reset(seed=[9, 7, 8])
        np.testing.assert_array_equal(mixed, by_list[[2, 0, 1]])
        kept, _ = vec.reset(seed=[None, 7, None])  # None: that sub-env continues its generator
        np.testing.assert_array_equal(kept[1], by_list[0])
        with pytest.raises(ValueError):
            vec.reset(seed=[7, 8])


def test_vector_reset_without_seed_continues_generators(server_url):
    with modelgym.make_vec("CartPole-v1", 2, server_url) as vec:
        vec.reset(seed=3)
        second, _ = vec.reset()
    for i in range(2):
        with modelgym.make("CartPole-v1", server_url) as env:
            env.reset(seed=3 + i)
            np.testing.assert_array_equal(second[i], env.reset()[0])


def test_vector_errors(server_url):
    with modelgym.make_vec("CartPole-v1", 2, server_url) as vec:
        with pytest.raises(ResetNeeded):
            vec.step(np.zeros(2, dtype=np.int64))
        vec.reset(seed=0)
        with pytest.raises(InvalidAction):
            vec.step(np.zeros(3, dtype=np.int64))
        with pytest.raises(InvalidAction):
            vec.step(np.array([0, 2]))
    with pytest.raises(ValueError):
        modelgym.make_vec("CartPole-v1", 0, server_url)
    with pytest.raises(ValueError):
        modelgym.make_vec("CartPole-v1", 2, server_url, autoreset_mode="sometimes")


def test_continuous_vector_env(server_url):
    with modelgym.make_vec("Pendulum-v1", 8, server_url, g=9.81) as vec:
        assert vec.spec.kwargs == {"g": 9.81}
        obs, _ = vec.reset(seed=0)
        assert obs.shape == (8, 3)
        assert vec.action_space.shape == (8, 1)
        obs, rewards, *_ = vec.step(vec.action_space.sample())
        assert obs.shape == (8, 3) and rewards.shape == (8,) and np.all(rewards <= 0)
        vec.reset()  # unseeded: continues, kwargs carried by the token


def test_large_batch_is_one_request(server_url):
    with modelgym.make_vec("CartPole-v1", 1024, server_url) as vec:
        calls = []
        post = vec.transport.post
        vec.transport.post = lambda path, body: calls.append(path) or post(path, body)
        obs, _ = vec.reset(seed=0)
        obs, rewards, *_ = vec.step(np.zeros(1024, dtype=np.int64))
        assert obs.shape == (1024, 4) and rewards.sum() == 1024.0
        assert calls == ["/v1/envs/CartPole-v1/vector/reset", "/v1/envs/CartPole-v1/vector/step"]
