#!/usr/bin/env python3
"""Python client throughput next to a raw httpx loop, measured side by side in one run.

    /usr/bin/python3 bench/python-client.py --base-url http://127.0.0.1:8080 [--steps 3000]

Against a running server it measures, for CartPole-v1 over msgpack:

- ``single``: sequential ``RemoteEnv.step`` calls (a deterministic policy; ``reset(seed)`` when
  an episode ends, not counted as steps) in steps/s;
- ``vector``: ``RemoteVectorEnv.step`` at batch 64 and 1024 (random actions, next_step
  autoreset), in env-steps/s;

each next to a raw loop sending byte-identical requests: the run is recorded once (untimed),
then the client replays it through its API (tokens are immutable, so every round replays the
same episodes) and the raw loop posts the recorded msgpack bodies, encoded and with URLs
parsed beforehand, over the same kind of keep-alive TCP_NODELAY ``httpx.Client``, reading the
answers' bytes without decoding them. The server does the same work for both, so
``client_over_raw`` is the share of the floor rate for a Python client on this machine that
the client keeps. Client and raw rounds alternate (``--rounds``); each rate is the median
round. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import httpx
import msgpack
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "clients" / "python"))

import modelgym  # noqa: E402
from modelgym._http import http_client  # noqa: E402
from modelgym.transport import env_path  # noqa: E402
from modelgym.wire import pack_msgpack  # noqa: E402

ENV_ID = "CartPole-v1"
HEADERS = {"Content-Type": "application/msgpack", "Accept": "application/msgpack"}


def rate(run: Callable[[int], int], calls: int) -> float:
    """Units per second of ``run(calls)`` (which returns how many units it did)."""
    start = time.perf_counter()
    units = run(calls)
    return units / (time.perf_counter() - start)


def policy(obs: np.ndarray) -> int:
    """CartPole: push the way the pole falls (long episodes, so resets are rare)."""
    return 1 if obs[2] + obs[3] > 0 else 0


def bench_single(base_url: str, steps: int, rounds: int) -> dict:
    """Records ``steps`` policy steps (with a seeded reset whenever an episode ends), then
    times the client and the raw loop replaying exactly these requests."""
    env = modelgym.RemoteEnv(ENV_ID, base_url)
    calls: list[tuple[str, int]] = []  # ("reset", seed) or ("step", action), in order
    bodies: list[tuple[httpx.URL, bytes]] = []
    reset_url = httpx.URL(base_url + env_path(ENV_ID, "reset"))
    step_url = httpx.URL(base_url + env_path(ENV_ID, "step"))
    episodes = 0
    obs, _ = env.reset(seed=episodes)
    calls.append(("reset", episodes))
    bodies.append((reset_url, pack_msgpack({"seed": episodes})))
    for _ in range(steps):
        action = policy(obs)
        calls.append(("step", action))
        bodies.append((step_url, pack_msgpack({"state": env.state_token, "action": action})))
        obs, _, terminated, truncated, _ = env.step(action)
        if terminated or truncated:
            episodes += 1
            obs, _ = env.reset(seed=episodes)
            calls.append(("reset", episodes))
            bodies.append((reset_url, pack_msgpack({"seed": episodes})))

    def client_loop(limit: int) -> int:
        done = 0
        for kind, arg in calls[:limit]:
            if kind == "step":
                env.step(arg)
                done += 1
            else:
                env.reset(seed=arg)
        return done

    raw = http_client(headers=HEADERS)

    def raw_loop(limit: int) -> int:
        for url, body in bodies[:limit]:
            raw.post(url, content=body).read()
        return sum(1 for kind, _ in calls[:limit] if kind == "step")

    client_rates, raw_rates = measure(client_loop, raw_loop, len(calls), rounds)
    env.close()
    raw.close()
    return {"resets_per_round": episodes + 1, **summary("steps_per_s", steps, client_rates, raw_rates, per_unit_us=True)}


def bench_vector(base_url: str, num_envs: int, steps: int, rounds: int) -> dict:
    """Records ``steps`` batched steps with random actions (next_step autoreset restarts ended
    sub-envs), then times the client and the raw loop replaying exactly these requests."""
    vec = modelgym.RemoteVectorEnv(ENV_ID, num_envs, base_url)
    url = httpx.URL(base_url + env_path(ENV_ID, "vector", "step"))
    rng = np.random.default_rng(0)
    vec.reset(seed=0)
    start = vec.state_token
    actions, bodies = [], []
    for _ in range(steps):
        action = rng.integers(0, 2, size=num_envs)
        actions.append(action)
        bodies.append(pack_msgpack({"state": vec.state_token, "action": action}))
        vec.step(action)

    def client_loop(limit: int) -> int:
        vec.state_token = start  # tokens are immutable: every round replays the same episodes
        for action in actions[:limit]:
            vec.step(action)
        return limit * num_envs

    raw = http_client(headers=HEADERS)

    def raw_loop(limit: int) -> int:
        for body in bodies[:limit]:
            raw.post(url, content=body).read()
        return limit * num_envs

    client_rates, raw_rates = measure(client_loop, raw_loop, steps, rounds)
    vec.close()
    raw.close()
    return {"num_envs": num_envs, **summary("env_steps_per_s", steps, client_rates, raw_rates)}


def measure(client: Callable[[int], int], raw: Callable[[int], int], calls: int, rounds: int) -> tuple[list, list]:
    """Warms both up (the first tenth of the calls), then alternates client and raw rounds so
    that drift on a shared machine hits both alike."""
    client(max(1, calls // 10))
    raw(max(1, calls // 10))
    client_rates, raw_rates = [], []
    for _ in range(rounds):
        client_rates.append(rate(client, calls))
        raw_rates.append(rate(raw, calls))
    return client_rates, raw_rates


def summary(unit: str, steps: int, client_rates: list, raw_rates: list, per_unit_us: bool = False) -> dict:
    c, r = statistics.median(client_rates), statistics.median(raw_rates)
    out = {
        "steps_per_round": steps,
        f"client_{unit}": round(c, 1),
        f"raw_{unit}": round(r, 1),
        "client_over_raw": round(c / r, 3),
        f"client_{unit}_rounds": [round(x, 1) for x in client_rates],
        f"raw_{unit}_rounds": [round(x, 1) for x in raw_rates],
    }
    if per_unit_us:
        out["client_us_per_step"] = round(1e6 / c, 1)
        out["raw_us_per_step"] = round(1e6 / r, 1)
        out["client_overhead_us_per_step"] = round(1e6 / c - 1e6 / r, 1)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=modelgym.DEFAULT_BASE_URL)
    parser.add_argument("--steps", type=int, default=3000, help="single-env steps per round")
    parser.add_argument("--vector-steps", type=int, nargs=2, default=[300, 40], metavar=("B64", "B1024"),
                        help="vector steps per round at batch 64 and 1024")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    base_url = args.base_url.rstrip("/")

    with modelgym.Transport(base_url) as transport:
        health = transport.get("/v1/health")
    result = {
        "benchmark": "python-client",
        "env_id": ENV_ID,
        "encoding": "msgpack",
        "base_url": base_url,
        "server_version": health.get("version"),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "msgpack": ".".join(map(str, msgpack.version)),
        "httpx": httpx.__version__,
        "gymnasium": modelgym.HAVE_GYMNASIUM,
        "raw_loop": "the same recorded requests: bodies pre-encoded, URLs pre-parsed, answers read not decoded; keep-alive TCP_NODELAY httpx.Client",
        "rounds": args.rounds,
        "single": bench_single(base_url, args.steps, args.rounds),
        "vector": [
            bench_vector(base_url, 64, args.vector_steps[0], args.rounds),
            bench_vector(base_url, 1024, args.vector_steps[1], args.rounds),
        ],
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
