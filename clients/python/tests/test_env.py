"""RemoteEnv against a real server: Gymnasium semantics, types, errors, fork, render."""

from __future__ import annotations

import numpy as np
import pytest

import modelgym
from modelgym import InvalidAction, InvalidArgument, ModelgymError, NotFound, ResetNeeded, UnknownEnv

# Gymnasium's CartPole-v1 reset(seed=0), as its docs print it.
CARTPOLE_SEED0 = [0.01369617, -0.02302133, -0.04590265, -0.04834723]


def cartpole_initial(rng: np.random.Generator) -> np.ndarray:
    """CartPole's initial observation drawn as Gymnasium draws it: uniform(-0.05, 0.05, 4)."""
    return rng.uniform(-0.05, 0.05, size=(4,)).astype(np.float32)


def test_reset_seed_0_gives_gymnasium_observation(cartpole):
    obs, info = cartpole.reset(seed=0)
    assert isinstance(obs, np.ndarray) and obs.dtype == np.float32 and obs.shape == (4,)
    np.testing.assert_allclose(obs, np.array(CARTPOLE_SEED0, dtype=np.float32), rtol=1e-6)
    # bit for bit: numpy's default_rng(0), as Gymnasium seeds the env
    np.testing.assert_array_equal(obs, cartpole_initial(np.random.default_rng(0)))
    assert info == {}


def test_step_returns_gymnasium_types(cartpole):
    cartpole.reset(seed=1)
    obs, reward, terminated, truncated, info = cartpole.step(1)
    assert isinstance(obs, np.ndarray) and obs.dtype == np.float32 and obs.shape == (4,)
    assert obs.flags.writeable
    assert type(reward) is float and reward == 1.0
    assert type(terminated) is bool and type(truncated) is bool
    assert terminated is False and truncated is False
    assert isinstance(info, dict)
    assert cartpole.observation_space.contains(obs)


def test_step_accepts_numpy_scalars_and_arrays(cartpole):
    cartpole.reset(seed=2)
    token = cartpole.state_token
    expected = cartpole.step(1)[0]
    for action in (np.int64(1), np.array(1), True, cartpole.action_space.sample() * 0 + 1):
        cartpole.state_token = token
        np.testing.assert_array_equal(cartpole.step(action)[0], expected)


def test_step_after_episode_end_raises_reset_needed(cartpole):
    cartpole.reset(seed=0)
    for steps in range(1, 100):
        _, _, terminated, truncated, _ = cartpole.step(1)  # always right: the pole falls fast
        if terminated or truncated:
            break
    assert terminated and not truncated and steps < 20
    with pytest.raises(ResetNeeded) as caught:
        cartpole.step(1)
    assert caught.value.status == 409
    assert caught.value.type == "https://modelgym.dev/problems/reset-needed"
    assert caught.value.request_id
    obs, _ = cartpole.reset(seed=0)  # a reset makes the env usable again
    assert cartpole.step(0)[0].shape == (4,)


def test_truncation_at_max_episode_steps(server_url):
    with modelgym.make("MountainCar-v0", server_url) as env:
        assert env.spec.max_episode_steps == 200
        env.reset(seed=0)
        for steps in range(1, 201):
            _, reward, terminated, truncated, _ = env.step(1)  # no push: never reaches the goal
            assert reward == -1.0
            if terminated or truncated:
                break
        assert (steps, terminated, truncated) == (200, False, True)


def test_step_before_reset_raises_reset_needed(cartpole):
    with pytest.raises(ResetNeeded) as caught:
        cartpole.step(0)
    assert caught.value.status is None  # raised by the client, no request made


def test_invalid_action_changes_nothing(cartpole):
    cartpole.reset(seed=3)
    token = cartpole.state_token
    for bad in (2, -1, 0.5, [0, 1], np.array([0.5])):
        with pytest.raises(InvalidAction) as caught:
            cartpole.step(bad)
        assert caught.value.status == 422 and isinstance(caught.value, ValueError)
    assert cartpole.state_token == token
    assert cartpole.step(0)[0].shape == (4,)


def test_nan_action_is_invalid(server_url):
    with modelgym.make("Pendulum-v1", server_url) as env:
        env.reset(seed=0)
        with pytest.raises(InvalidAction, match="NaN"):
            env.step(np.array([np.nan], dtype=np.float32))


def test_unknown_env(server_url):
    with pytest.raises(UnknownEnv) as caught:
        modelgym.RemoteEnv("Nope-v0", server_url)
    err = caught.value
    assert isinstance(err, NotFound) and isinstance(err, ModelgymError)
    assert err.status == 404 and err.type.endswith("/unknown-env") and "Nope-v0" in err.detail
    # a namespaced id is percent-encoded into one path segment: unknown env, not unknown route
    with pytest.raises(UnknownEnv, match="ns/Nope-v0"):
        modelgym.RemoteEnv("ns/Nope-v0", server_url)


def test_reset_without_seed_continues_the_generator(server_url):
    with modelgym.make("CartPole-v1", server_url) as a, modelgym.make("CartPole-v1", server_url) as b:
        first, _ = a.reset(seed=5)
        second, _ = a.reset()
        b.reset(seed=5)
        for _ in range(3):  # CartPole steps draw nothing: steps between resets change nothing
            b.step(0)
        again, _ = b.reset()
        np.testing.assert_array_equal(second, again)
        assert not np.array_equal(first, second)
        rng = np.random.default_rng(5)
        np.testing.assert_array_equal(first, cartpole_initial(rng))
        np.testing.assert_array_equal(second, cartpole_initial(rng))


def test_first_reset_without_seed_is_random(server_url):
    with modelgym.make("CartPole-v1", server_url) as a, modelgym.make("CartPole-v1", server_url) as b:
        assert not np.array_equal(a.reset()[0], b.reset()[0])


def test_render_returns_rgb_array(cartpole):
    with pytest.raises(ResetNeeded):
        cartpole.render()
    cartpole.reset(seed=0)
    frame = cartpole.render()
    assert isinstance(frame, np.ndarray) and frame.dtype == np.uint8
    assert frame.ndim == 3 and frame.shape[2] == 3 and frame.shape[:2] == (400, 600)
    assert frame.min() < frame.max()  # not a blank image


def test_render_mode_none_returns_none(server_url):
    with modelgym.make("CartPole-v1", server_url, render_mode=None) as env:
        env.reset(seed=0)
        with pytest.warns(UserWarning):
            assert env.render() is None
    with pytest.raises(ValueError):
        modelgym.make("CartPole-v1", server_url, render_mode="human")


def test_fork_branches_the_episode(cartpole):
    cartpole.reset(seed=4)
    cartpole.step(1)
    fork = cartpole.fork()
    assert fork.state_token == cartpole.state_token and fork is not cartpole
    assert fork.action_space is not cartpole.action_space
    left = fork.step(0)[0]
    right = cartpole.step(1)[0]
    assert not np.array_equal(left, right)
    twin = cartpole.fork()
    np.testing.assert_array_equal(twin.step(0)[0], cartpole.step(0)[0])
    fork.close()
    twin.close()
    cartpole.step(0)  # closing forks leaves the shared connection open


def test_state_token_resumes_in_another_env(server_url, cartpole):
    cartpole.reset(seed=6)
    cartpole.step(0)
    with modelgym.make("CartPole-v1", server_url) as other:
        other.state_token = cartpole.state_token
        np.testing.assert_array_equal(other.step(1)[0], cartpole.step(1)[0])


def test_spec_metadata_and_spaces(cartpole):
    spec = cartpole.spec
    assert spec.id == "CartPole-v1"
    assert spec.max_episode_steps == 500 and spec.reward_threshold == 475
    assert spec.kwargs == {"sutton_barto_reward": False}
    assert cartpole.metadata["render_modes"] == ["rgb_array"]
    assert cartpole.render_mode == "rgb_array"
    assert cartpole.unwrapped is cartpole
    assert cartpole.observation_space.shape == (4,) and cartpole.observation_space.dtype == np.float32
    assert np.isinf(cartpole.observation_space.high[1])
    assert cartpole.action_space.n == 2
    assert "CartPole-v1" in str(cartpole)


def test_kwargs_are_validated_and_carried(server_url):
    with modelgym.make("Pendulum-v1", server_url, g=9.81) as env:
        assert env.spec.kwargs == {"g": 9.81}
        env.reset(seed=0)
        obs, _ = env.reset()  # the token carries the kwargs
        assert obs.shape == (3,)
        obs, reward, *_ = env.step(np.array([0.5], dtype=np.float32))
        assert obs.dtype == np.float32 and isinstance(reward, float)
    with pytest.raises(InvalidArgument) as caught:
        modelgym.make("CartPole-v1", server_url, bogus=1)
    assert "bogus" in caught.value.detail and caught.value.errors


def test_reset_options(cartpole):
    obs, _ = cartpole.reset(seed=0, options={"low": -0.001, "high": 0.001})
    assert np.all(np.abs(obs) <= 0.001)
    state = np.array([0.1, 0.0, -0.05, 0.2])
    obs, _ = cartpole.reset(options={"state": state})
    np.testing.assert_array_equal(obs, state.astype(np.float32))


def test_float_actions_as_tensor_or_list_agree(server_url):
    with modelgym.make("Pendulum-v1", server_url) as env:
        env.reset(seed=0)
        token = env.state_token
        as_tensor = env.step(np.array([0.5], dtype=np.float32))
        env.state_token = token
        as_list = env.step([0.5])
        np.testing.assert_array_equal(as_tensor[0], as_list[0])
        assert as_tensor[1] == as_list[1]


def test_context_manager_closes(server_url):
    with modelgym.make("CartPole-v1", server_url) as env:
        env.reset(seed=0)
    assert env.transport.closed
    with pytest.raises(RuntimeError, match="closed"):
        env.step(0)
    env.close()  # idempotent


def test_shared_transport(server_url):
    with modelgym.Transport(server_url) as transport:
        a = modelgym.RemoteEnv("CartPole-v1", transport=transport)
        b = modelgym.RemoteEnv("Acrobot-v1", transport=transport)
        a.close()
        obs, _ = b.reset(seed=0)
        assert obs.shape == (6,)
        b.close()
        assert not transport.closed  # still held by the with-block
    assert transport.closed
