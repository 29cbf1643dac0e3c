#!/usr/bin/env python3
"""Autograder: scores a policy on fixed seeds, reproducibly, and verifies submitted episodes.

Every episode starts from ``reset(seed=s)``, which the server seeds as Gymnasium does, and the
dynamics are a pure function of the state token and the action, so the same seeds and the same
policy give the same score on any replica (the fingerprint printed at the end lets two runs
be compared at a glance). Each episode is then checked the way a grader checks a student's
submission: its action sequence is replayed server-side (``POST /v1/envs/{id}/replay``),
which recomputes the return; a claimed return that differs is rejected.

Usage:
    python3 examples/autograder.py --base-url http://127.0.0.1:8080 --env CartPole-v1 --seeds 0 1 2
    python3 examples/autograder.py --submission episodes.json      # verify submitted episodes

A submission file is ``[{"seed": 0, "actions": [1, 0, ...], "return": 42.0}, ...]`` (or one
such object, optionally with ``"env"`` and ``"kwargs"``). Exit status: 0 when every episode is
verified, 1 otherwise.

Needs the client package: ``PYTHONPATH=clients/python`` (or ``pip install -e clients/python``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

try:
    import modelgym
except ImportError:  # run from a checkout without PYTHONPATH
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "clients" / "python"))
    import modelgym

from modelgym.transport import Transport, env_path

Policy = Callable[[np.ndarray], Any]


def cartpole_policy(obs: np.ndarray) -> int:
    """Push the cart the way the pole is falling: right (1) when the pole angle plus its
    angular velocity is positive. Hand-written and deterministic; it balances CartPole-v1 for
    the full 500 steps on most seeds and lets the pole fall on some (the cart drifts off)."""
    _x, _x_dot, theta, theta_dot = (float(v) for v in obs)
    return 1 if theta + theta_dot > 0 else 0


@dataclass
class Episode:
    """One graded episode: what the policy did and what it earned."""

    seed: int
    actions: list = field(default_factory=list)
    ret: float = 0.0
    length: int = 0
    terminated: bool = False
    truncated: bool = False


@dataclass
class Verdict:
    """The server's replay of a submitted episode, and whether it backs the claimed return."""

    ok: bool
    claimed: float
    replayed: float
    length: int
    ended: bool
    reason: str = ""


def run_episode(env: modelgym.RemoteEnv, policy: Policy, seed: int, max_steps: int | None = None) -> Episode:
    """Plays one episode from ``reset(seed=seed)`` until it terminates, is truncated (the env's
    time limit) or reaches ``max_steps``."""
    episode = Episode(seed=seed)
    obs, _info = env.reset(seed=seed)
    while max_steps is None or episode.length < max_steps:
        action = policy(obs)
        obs, reward, terminated, truncated, _info = env.step(action)
        episode.actions.append(action)
        episode.ret += reward  # summed in step order, as the server sums a replay
        episode.length += 1
        if terminated or truncated:
            episode.terminated, episode.truncated = terminated, truncated
            break
    return episode


def verify(
    transport: Transport,
    env_id: str,
    seed: int,
    actions: Sequence[Any],
    claimed_return: float,
    kwargs: dict[str, Any] | None = None,
) -> Verdict:
    """Replays ``actions`` from ``seed`` on the server and compares its return with the claim.

    The replay is a pure function of the request, so it is the ground truth on any replica.
    Actions the env refuses, or actions after the episode ended, reject the submission.
    """
    body: dict[str, Any] = {"seed": int(seed), "actions": _actions_for_wire(actions)}
    if kwargs:
        body["kwargs"] = kwargs
    try:
        replay = transport.post(env_path(env_id, "replay"), body)
    except (modelgym.InvalidAction, modelgym.ResetNeeded, modelgym.ValidationError) as err:
        return Verdict(False, float(claimed_return), math.nan, 0, False, f"replay refused: {err.detail}")
    replayed = float(replay["return"])
    # Tolerance for a claim summed in another order (numpy's pairwise sum, say), not for cheating.
    ok = math.isclose(replayed, float(claimed_return), rel_tol=1e-9, abs_tol=1e-6)
    reason = "" if ok else f"claimed {claimed_return}, replay gives {replayed}"
    return Verdict(ok, float(claimed_return), replayed, int(replay["length"]), bool(replay["ended"]), reason)


def _actions_for_wire(actions: Sequence[Any]) -> Any:
    """Numbers and arrays as one binary tensor (time first); anything else as a list."""
    try:
        array = np.asarray(actions)
    except ValueError:
        return list(actions)
    return array if array.dtype != object and array.size else list(actions)


def fingerprint(episodes: Sequence[Episode]) -> str:
    """A short hash of every seed, action and return: equal on any replica for the same grading."""
    digest = hashlib.sha256()
    for e in episodes:
        digest.update(json.dumps([e.seed, np.asarray(e.actions).tolist(), repr(e.ret)]).encode())
    return digest.hexdigest()[:16]


def grade(
    base_url: str, env_id: str, seeds: Sequence[int], policy: Policy, max_steps: int | None = None, **kwargs: Any
) -> tuple[list[Episode], list[Verdict]]:
    """Runs the policy on every seed, then verifies every episode by server-side replay."""
    with modelgym.RemoteEnv(env_id, base_url, **kwargs) as env:
        episodes = [run_episode(env, policy, s, max_steps) for s in seeds]
        verdicts = [verify(env.transport, env_id, e.seed, e.actions, e.ret, kwargs) for e in episodes]
    return episodes, verdicts


def print_report(episodes: Sequence[Episode], verdicts: Sequence[Verdict], out=sys.stdout) -> float:
    """Prints the per-episode table and the mean score; returns the mean."""
    out.write(f"{'seed':>8}  {'return':>10}  {'length':>6}  {'end':<10}  verified\n")
    for e, v in zip(episodes, verdicts):
        end = "terminated" if e.terminated else "truncated" if e.truncated else "cut"
        check = "yes" if v.ok else f"NO ({v.reason})"
        out.write(f"{e.seed:>8}  {e.ret:>10.3f}  {e.length:>6}  {end:<10}  {check}\n")
    mean = float(np.mean([e.ret for e in episodes])) if episodes else math.nan
    out.write(f"mean score: {mean:.3f} over {len(episodes)} episodes\n")
    out.write(f"verified: {sum(v.ok for v in verdicts)}/{len(verdicts)}\n")
    out.write(f"fingerprint: {fingerprint(episodes)}\n")
    return mean


def verify_submission_file(base_url: str, path: Path, default_env: str, out=sys.stdout) -> bool:
    """Verifies every episode of a submission file; prints one line each; True when all pass."""
    data = json.loads(path.read_text())
    entries = data if isinstance(data, list) else [data]
    all_ok = True
    with Transport(base_url) as transport:
        for i, entry in enumerate(entries):
            env_id = entry.get("env", default_env)
            v = verify(transport, env_id, entry["seed"], entry["actions"], entry["return"], entry.get("kwargs"))
            all_ok &= v.ok
            status = "ok" if v.ok else f"REJECTED: {v.reason}"
            out.write(f"submission[{i}] {env_id} seed={entry['seed']} steps={len(entry['actions'])}: {status}\n")
    return all_ok


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=modelgym.DEFAULT_BASE_URL, help="modelgym server (default %(default)s)")
    parser.add_argument("--env", default="CartPole-v1", help="env id (default %(default)s)")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(range(10)), help="seeds to grade on")
    parser.add_argument("--max-steps", type=int, default=None, help="cut episodes at this many steps")
    parser.add_argument("--submission", type=Path, help="verify the episodes in this JSON file instead")
    args = parser.parse_args(argv)

    if args.submission is not None:
        return 0 if verify_submission_file(args.base_url, args.submission, args.env) else 1
    if args.env != "CartPole-v1":
        parser.error("the example policy is for CartPole-v1; use --submission for other envs")
    episodes, verdicts = grade(args.base_url, args.env, args.seeds, cartpole_policy, args.max_steps)
    print_report(episodes, verdicts)
    return 0 if all(v.ok for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
