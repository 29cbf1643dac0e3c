#!/usr/bin/python3
"""Parity vectors for the classic-control envs (test/fixtures/classic-control-vectors.json).

Run with Debian's numpy 1.24, the numpy whose arithmetic modelgym mirrors:

    /usr/bin/python3 scripts/gen-classic-vectors.py

Gymnasium is not needed: each env's reset/step below is a line-by-line transcription of
Gymnasium 1.x (classic_control/*.py), numpy calls, float32 casts and order of operations
included, so the numbers are what `gymnasium.make(id)` gives under numpy 1.24 on this machine.

Caveat recorded in the fixture: numpy 1.24 computes float64 np.sin/np.cos with SVML on CPUs
with AVX512_SKX (up to a few ulp away from libm); elsewhere it calls libm. `--libm` swaps those
calls for math.sin/math.cos, i.e. the numbers of a machine without AVX512_SKX.
"""

import argparse
import json
import math
import sys

import numpy as np

PARSER = argparse.ArgumentParser()
PARSER.add_argument("--out", default="test/fixtures/classic-control-vectors.json")
PARSER.add_argument("--libm", action="store_true", help="float64 sin/cos from libm, not numpy")
ARGS = PARSER.parse_args()

if ARGS.libm:

    def cos(x):
        return np.cos(x) if np.asarray(x).dtype == np.float32 else np.float64(math.cos(x))

    def sin(x):
        return np.sin(x) if np.asarray(x).dtype == np.float32 else np.float64(math.sin(x))

else:
    cos = np.cos
    sin = np.sin

pi = np.pi


# --- gymnasium/envs/classic_control/utils.py ---------------------------------------------------
def verify_number_and_cast(x):
    try:
        x = float(x)
    except (ValueError, TypeError) as e:
        raise ValueError(f"An option ({x}) could not be converted to a float.") from e
    return x


def maybe_parse_reset_bounds(options, default_low, default_high):
    if options is None:
        return default_low, default_high
    low = options.get("low") if "low" in options else default_low
    high = options.get("high") if "high" in options else default_high
    low = verify_number_and_cast(low)
    high = verify_number_and_cast(high)
    if low > high:
        raise ValueError(f"Lower bound ({low}) must be lower than higher bound ({high}).")
    return low, high


class Env:
    def reset_rng(self, seed):
        # gymnasium.Env.reset(seed=...): a fresh Generator(PCG64(SeedSequence(seed))); with no
        # seed the existing generator keeps drawing.
        if seed is not None:
            self.np_random = np.random.default_rng(seed)


# --- cartpole.py -------------------------------------------------------------------------------
class CartPole(Env):
    id = "CartPole-v1"
    discrete = 2

    def __init__(self, sutton_barto_reward=False):
        self._sutton_barto_reward = sutton_barto_reward
        self.gravity = 9.8
        self.masscart = 1.0
        self.masspole = 0.1
        self.total_mass = self.masspole + self.masscart
        self.length = 0.5
        self.polemass_length = self.masspole * self.length
        self.force_mag = 10.0
        self.tau = 0.02
        self.kinematics_integrator = "euler"
        self.theta_threshold_radians = 12 * 2 * math.pi / 360
        self.x_threshold = 2.4
        self.steps_beyond_terminated = None

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = self.force_mag if action == 1 else -self.force_mag
        costheta = cos(theta)
        sintheta = sin(theta)
        temp = (force + self.polemass_length * np.square(theta_dot) * sintheta) / self.total_mass
        thetaacc = (self.gravity * sintheta - costheta * temp) / (
            self.length * (4.0 / 3.0 - self.masspole * np.square(costheta) / self.total_mass)
        )
        xacc = temp - self.polemass_length * thetaacc * costheta / self.total_mass
        x = x + self.tau * x_dot
        x_dot = x_dot + self.tau * xacc
        theta = theta + self.tau * theta_dot
        theta_dot = theta_dot + self.tau * thetaacc
        self.state = np.array((x, x_dot, theta, theta_dot), dtype=np.float64)
        terminated = bool(
            x < -self.x_threshold
            or x > self.x_threshold
            or theta < -self.theta_threshold_radians
            or theta > self.theta_threshold_radians
        )
        if not terminated:
            reward = 0.0 if self._sutton_barto_reward else 1.0
        elif self.steps_beyond_terminated is None:
            self.steps_beyond_terminated = 0
            reward = -1.0 if self._sutton_barto_reward else 1.0
        else:
            self.steps_beyond_terminated += 1
            reward = -1.0 if self._sutton_barto_reward else 0.0
        return np.array(self.state, dtype=np.float32), reward, terminated

    def reset(self, seed=None, options=None):
        self.reset_rng(seed)
        low, high = maybe_parse_reset_bounds(options, -0.05, 0.05)
        self.state = self.np_random.uniform(low=low, high=high, size=(4,))
        self.steps_beyond_terminated = None
        return np.array(self.state, dtype=np.float32)


# --- pendulum.py -------------------------------------------------------------------------------
DEFAULT_X = np.pi
DEFAULT_Y = 1.0


def angle_normalize(x):
    return ((x + np.pi) % (2 * np.pi)) - np.pi


class Pendulum(Env):
    id = "Pendulum-v1"
    box = (-2.0, 2.0)

    def __init__(self, g=10.0):
        self.max_speed = 8
        self.max_torque = 2.0
        self.dt = 0.05
        self.g = g
        self.m = 1.0
        self.l = 1.0

    def step(self, u):
        th, thdot = self.state
        g, m, l, dt = self.g, self.m, self.l, self.dt
        u = np.clip(u, -self.max_torque, self.max_torque)[0]
        costs = angle_normalize(th) ** 2 + 0.1 * thdot**2 + 0.001 * (u**2)
        newthdot = thdot + (3 * g / (2 * l) * sin(th) + 3.0 / (m * l**2) * u) * dt
        newthdot = np.clip(newthdot, -self.max_speed, self.max_speed)
        newth = th + newthdot * dt
        self.state = np.array([newth, newthdot])
        return self._get_obs(), -costs, False

    def reset(self, seed=None, options=None):
        self.reset_rng(seed)
        if options is None:
            high = np.array([DEFAULT_X, DEFAULT_Y])
        else:
            x = options.get("x_init") if "x_init" in options else DEFAULT_X
            y = options.get("y_init") if "y_init" in options else DEFAULT_Y
            x = verify_number_and_cast(x)
            y = verify_number_and_cast(y)
            high = np.array([x, y])
        low = -high
        self.state = self.np_random.uniform(low=low, high=high)
        return self._get_obs()

    def _get_obs(self):
        theta, thetadot = self.state
        return np.array([cos(theta), sin(theta), thetadot], dtype=np.float32)


# --- mountain_car.py ---------------------------------------------------------------------------
class MountainCar(Env):
    id = "MountainCar-v0"
    discrete = 3

    def __init__(self, goal_velocity=0):
        self.min_position = -1.2
        self.max_position = 0.6
        self.max_speed = 0.07
        self.goal_position = 0.5
        self.goal_velocity = goal_velocity
        self.force = 0.001
        self.gravity = 0.0025

    def step(self, action):
        position, velocity = self.state
        velocity += (action - 1) * self.force + math.cos(3 * position) * (-self.gravity)
        velocity = np.clip(velocity, -self.max_speed, self.max_speed)
        position += velocity
        position = np.clip(position, self.min_position, self.max_position)
        if position == self.min_position and velocity < 0:
            velocity = 0
        terminated = bool(position >= self.goal_position and velocity >= self.goal_velocity)
        reward = -1.0
        self.state = (position, velocity)
        return np.array(self.state, dtype=np.float32), reward, terminated

    def reset(self, seed=None, options=None):
        self.reset_rng(seed)
        low, high = maybe_parse_reset_bounds(options, -0.6, -0.4)
        self.state = np.array([self.np_random.uniform(low=low, high=high), 0])
        return np.array(self.state, dtype=np.float32)


# --- continuous_mountain_car.py ----------------------------------------------------------------
class MountainCarContinuous(Env):
    id = "MountainCarContinuous-v0"
    box = (-1.0, 1.0)

    def __init__(self, goal_velocity=0):
        self.min_action = -1.0
        self.max_action = 1.0
        self.min_position = -1.2
        self.max_position = 0.6
        self.max_speed = 0.07
        self.goal_position = 0.45
        self.goal_velocity = goal_velocity
        self.power = 0.0015

    def step(self, action):
        position = self.state[0]
        velocity = self.state[1]
        force = min(max(action[0], self.min_action), self.max_action)
        velocity += force * self.power - 0.0025 * math.cos(3 * position)
        if velocity > self.max_speed:
            velocity = self.max_speed
        if velocity < -self.max_speed:
            velocity = -self.max_speed
        position += velocity
        if position > self.max_position:
            position = self.max_position
        if position < self.min_position:
            position = self.min_position
        if position == self.min_position and velocity < 0:
            velocity = 0
        terminated = bool(position >= self.goal_position and velocity >= self.goal_velocity)
        reward = 0
        if terminated:
            reward = 100.0
        reward -= math.pow(action[0], 2) * 0.1
        self.state = np.array([position, velocity], dtype=np.float32)
        return self.state, reward, terminated

    def reset(self, seed=None, options=None):
        self.reset_rng(seed)
        low, high = maybe_parse_reset_bounds(options, -0.6, -0.4)
        self.state = np.array([self.np_random.uniform(low=low, high=high), 0])
        return np.array(self.state, dtype=np.float32)


# --- acrobot.py --------------------------------------------------------------------------------
def wrap(x, m, M):
    diff = M - m
    while x > M:
        x = x - diff
    while x < m:
        x = x + diff
    return x


def bound(x, m, M=None):
    if M is None:
        M = m[1]
        m = m[0]
    return min(max(x, m), M)


def rk4(derivs, y0, t):
    try:
        Ny = len(y0)
    except TypeError:
        yout = np.zeros((len(t),), np.float64)
    else:
        yout = np.zeros((len(t), Ny), np.float64)
    yout[0] = y0
    for i in np.arange(len(t) - 1):
        this = t[i]
        dt = t[i + 1] - this
        dt2 = dt / 2.0
        y0 = yout[i]
        k1 = np.asarray(derivs(y0))
        k2 = np.asarray(derivs(y0 + dt2 * k1))
        k3 = np.asarray(derivs(y0 + dt2 * k2))
        k4 = np.asarray(derivs(y0 + dt * k3))
        yout[i + 1] = y0 + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return yout[-1][:4]


class Acrobot(Env):
    id = "Acrobot-v1"
    discrete = 3
    dt = 0.2
    LINK_LENGTH_1 = 1.0
    LINK_LENGTH_2 = 1.0
    LINK_MASS_1 = 1.0
    LINK_MASS_2 = 1.0
    LINK_COM_POS_1 = 0.5
    LINK_COM_POS_2 = 0.5
    LINK_MOI = 1.0
    MAX_VEL_1 = 4 * pi
    MAX_VEL_2 = 9 * pi
    AVAIL_TORQUE = [-1.0, 0.0, +1]
    torque_noise_max = 0.0
    book_or_nips = "book"

    def reset(self, seed=None, options=None):
        self.reset_rng(seed)
        low, high = maybe_parse_reset_bounds(options, -0.1, 0.1)
        self.state = self.np_random.uniform(low=low, high=high, size=(4,)).astype(np.float32)
        return self._get_ob()

    def step(self, a):
        s = self.state
        torque = self.AVAIL_TORQUE[a]
        if self.torque_noise_max > 0:
            torque += self.np_random.uniform(-self.torque_noise_max, self.torque_noise_max)
        s_augmented = np.append(s, torque)
        ns = rk4(self._dsdt, s_augmented, [0, self.dt])
        ns[0] = wrap(ns[0], -pi, pi)
        ns[1] = wrap(ns[1], -pi, pi)
        ns[2] = bound(ns[2], -self.MAX_VEL_1, self.MAX_VEL_1)
        ns[3] = bound(ns[3], -self.MAX_VEL_2, self.MAX_VEL_2)
        self.state = ns
        terminated = self._terminal()
        reward = -1.0 if not terminated else 0.0
        return self._get_ob(), reward, terminated

    def _get_ob(self):
        s = self.state
        return np.array([cos(s[0]), sin(s[0]), cos(s[1]), sin(s[1]), s[2], s[3]], dtype=np.float32)

    def _terminal(self):
        s = self.state
        return bool(-cos(s[0]) - cos(s[1] + s[0]) > 1.0)

    def _dsdt(self, s_augmented):
        m1 = self.LINK_MASS_1
        m2 = self.LINK_MASS_2
        l1 = self.LINK_LENGTH_1
        lc1 = self.LINK_COM_POS_1
        lc2 = self.LINK_COM_POS_2
        I1 = self.LINK_MOI
        I2 = self.LINK_MOI
        g = 9.8
        a = s_augmented[-1]
        s = s_augmented[:-1]
        theta1 = s[0]
        theta2 = s[1]
        dtheta1 = s[2]
        dtheta2 = s[3]
        d1 = m1 * lc1**2 + m2 * (l1**2 + lc2**2 + 2 * l1 * lc2 * cos(theta2)) + I1 + I2
        d2 = m2 * (lc2**2 + l1 * lc2 * cos(theta2)) + I2
        phi2 = m2 * lc2 * g * cos(theta1 + theta2 - pi / 2.0)
        phi1 = (
            -m2 * l1 * lc2 * dtheta2**2 * sin(theta2)
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin(theta2)
            + (m1 * lc1 + m2 * l1) * g * cos(theta1 - pi / 2)
            + phi2
        )
        if self.book_or_nips == "nips":
            ddtheta2 = (a + d2 / d1 * phi1 - phi2) / (m2 * lc2**2 + I2 - d2**2 / d1)
        else:
            ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * dtheta1**2 * sin(theta2) - phi2) / (
                m2 * lc2**2 + I2 - d2**2 / d1
            )
        ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
        return dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0


# --- recording ---------------------------------------------------------------------------------
def f32list(a):
    """float32 values as the exact doubles they are (repr round-trips)."""
    return [float(v) for v in np.asarray(a, dtype=np.float32)]


def state_list(env):
    return [float(v) for v in np.asarray(env.state, dtype=np.float64)]


def random_action(cls, arng):
    if hasattr(cls, "discrete"):
        return int(arng.integers(0, cls.discrete))
    lo, hi = cls.box
    # Reach a little past the bounds so that clipping is exercised.
    return np.array([arng.uniform(1.25 * lo, 1.25 * hi)], dtype=np.float32)


def goal_action(cls, obs):
    """A swing-up heuristic, so that terminal steps appear in the vectors."""
    if cls is MountainCar:
        return 2 if obs[1] >= 0 else 0
    if cls is MountainCarContinuous:
        return np.array([1.0 if obs[1] >= 0 else -1.0], dtype=np.float32)
    if cls is Acrobot:
        return 0 if obs[4] >= 0 else 2
    raise ValueError(cls)


def action_json(a):
    return a if isinstance(a, int) else f32list(a)


def episode(cls, seed, kwargs=None, options=None, max_steps=200, policy="random"):
    env = cls(**(kwargs or {}))
    obs = env.reset(seed=seed, options=options)
    rec = {
        "seed": seed,
        "kwargs": kwargs or {},
        "options": options,
        "policy": policy,
        "reset_obs": f32list(obs),
        "reset_state": state_list(env),
        "steps": [],
    }
    arng = np.random.default_rng(1000 + seed)
    for _ in range(max_steps):
        a = random_action(cls, arng) if policy == "random" else goal_action(cls, obs)
        before = state_list(env)
        obs, reward, terminated = env.step(a)
        rec["steps"].append(
            {
                "state": before,
                "action": action_json(a),
                "obs": f32list(obs),
                "reward": float(reward),
                "terminated": terminated,
            }
        )
        if terminated:
            break
    rec["final_state"] = state_list(env)
    if policy == "random" and options is None:
        # reset() without a seed continues the episode's generator.
        obs2 = env.reset()
        rec["second_reset"] = {"obs": f32list(obs2), "state": state_list(env)}
    return rec


def main():
    features = np.core._multiarray_umath.__cpu_features__
    trig = "libm" if ARGS.libm else ("numpy-svml" if features.get("AVX512_SKX") else "numpy-libm")
    out = {
        "generator": {
            "script": "scripts/gen-classic-vectors.py",
            "numpy": np.__version__,
            "python": sys.version.split()[0],
            "float64_trig": trig,
            "float32_trig": "numpy-simd-fma" if features.get("FMA3") else "libm",
            "note": "Gymnasium 1.x dynamics transcribed; float32 values are exact doubles.",
        },
        "envs": {},
    }
    seeds = [0, 1, 42]
    specs = [
        (CartPole, [({"sutton_barto_reward": True}, 0)], {"low": -0.2, "high": 0.3}),
        (Pendulum, [({"g": 9.81}, 0)], {"x_init": 0.5, "y_init": 2.0}),
        (MountainCar, [({"goal_velocity": 0.05}, None)], {"low": -0.9, "high": -0.1}),
        (MountainCarContinuous, [({"goal_velocity": 0.05}, None)], {"low": -1.0, "high": 0.0}),
        (Acrobot, [], {"low": -1.0, "high": 1.0}),
    ]
    max_steps = {"CartPole-v1": 500, "Pendulum-v1": 200, "MountainCar-v0": 200,
                 "MountainCarContinuous-v0": 999, "Acrobot-v1": 500}
    for cls, kwarg_cases, opts in specs:
        eps = [episode(cls, s) for s in seeds]
        for kw, seed in kwarg_cases:
            if seed is None:  # a goal-reaching run, to see the kwarg change termination
                eps.append(episode(cls, 7, kw, max_steps=max_steps[cls.id], policy="goal"))
            else:
                eps.append(episode(cls, seed, kw, max_steps=50))
        eps.append(episode(cls, 3, options=opts, max_steps=20))
        if cls in (MountainCar, MountainCarContinuous, Acrobot):
            eps.append(episode(cls, 7, max_steps=max_steps[cls.id], policy="goal"))
        out["envs"][cls.id] = eps
    # One partial-options case: only `low` given, `high` keeps its default.
    out["envs"]["MountainCar-v0"].append(episode(MountainCar, 5, options={"low": -0.45}, max_steps=5))
    out["envs"]["Pendulum-v1"].append(episode(Pendulum, 5, options={"y_init": 0.25}, max_steps=5))
    with open(ARGS.out, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    for k, eps in out["envs"].items():
        print(k, [(e["seed"], e["policy"], len(e["steps"]), e["steps"][-1]["terminated"]) for e in eps])


main()
