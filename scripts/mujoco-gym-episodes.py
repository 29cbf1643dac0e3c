"""Episodes of Gymnasium's MuJoCo envs, for scripts/compare-mujoco.ts.

Needs `pip install gymnasium mujoco imageio` (a venv). For seeds 0-2: reset with the seed, step
uniform random actions from numpy's default_rng(100 + seed) until the episode ends or `steps`,
and write the actions and every observation to <out>/<env>.gym.json.

    python scripts/mujoco-gym-episodes.py Walker2d-v5 200 '{"terminate_when_unhealthy": false}' /tmp
"""

import json
import sys

import gymnasium as gym
import numpy as np

env_id, steps = sys.argv[1], int(sys.argv[2])
kwargs = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
out_dir = sys.argv[4] if len(sys.argv) > 4 else "/tmp"
episodes = []
for seed in range(3):
    env = gym.make(env_id, **kwargs)
    obs, _ = env.reset(seed=seed)
    rng = np.random.default_rng(100 + seed)
    actions, observations = [], [obs.tolist()]
    for _ in range(steps):
        a = rng.uniform(env.action_space.low, env.action_space.high).astype(np.float32)
        obs, _, terminated, truncated, _ = env.step(a)
        actions.append(a.tolist())
        observations.append(obs.tolist())
        if terminated or truncated:
            break
    episodes.append({"seed": seed, "kwargs": kwargs, "actions": actions, "obs": observations})
with open(f"{out_dir}/{env_id}.gym.json", "w") as f:
    json.dump(episodes, f)
