"""examples/autograder.py against the test server: reproducible grading, replay verification."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "examples" / "autograder.py"


@pytest.fixture(scope="module")
def autograder():
    spec = importlib.util.spec_from_file_location("autograder", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["autograder"] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    yield module
    del sys.modules["autograder"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def test_cli_grades_reproducibly(server_url):
    args = ["--base-url", server_url, "--env", "CartPole-v1", "--seeds", "0", "3", "--max-steps", "150"]
    first, second = run(*args), run(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout  # same seeds, same policy: same table, same fingerprint
    lines = first.stdout.splitlines()
    assert lines[0].split()[:4] == ["seed", "return", "length", "end"]
    rows = [line.split() for line in lines[1:3]]
    assert [r[0] for r in rows] == ["0", "3"] and all(r[-1] == "yes" for r in rows)
    assert any(line.startswith("mean score: ") for line in lines)
    assert "verified: 2/2" in first.stdout


def test_policy_episode_is_verified_and_a_wrong_claim_is_not(server_url, autograder):
    import modelgym

    with modelgym.make("CartPole-v1", server_url) as env:
        episode = autograder.run_episode(env, autograder.cartpole_policy, seed=0, max_steps=400)
        assert episode.length == 334 and episode.terminated  # the pole falls at step 334 on seed 0
        good = autograder.verify(env.transport, "CartPole-v1", 0, episode.actions, episode.ret)
        assert good.ok and good.replayed == episode.ret == 334.0 and good.length == 334 and good.ended
        inflated = autograder.verify(env.transport, "CartPole-v1", 0, episode.actions, episode.ret + 1)
        assert not inflated.ok and "claimed" in inflated.reason
        other_seed = autograder.verify(env.transport, "CartPole-v1", 1, episode.actions, episode.ret)
        assert not other_seed.ok  # the same actions from another seed: the pole falls early
        too_long = autograder.verify(env.transport, "CartPole-v1", 0, episode.actions + [0], episode.ret + 1)
        assert not too_long.ok and "ended" in too_long.reason


def test_cli_verifies_a_submission_file(server_url, tmp_path):
    submission = [
        {"seed": 0, "actions": [1] * 9, "return": 9.0},
        {"env": "Pendulum-v1", "seed": 0, "actions": [[0.5], [1.0]], "return": -1.4},
    ]
    path = tmp_path / "submission.json"
    path.write_text(json.dumps(submission))
    result = run("--base-url", server_url, "--submission", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "REJECTED" in lines[0] and "ended" in lines[0]  # the pole fell at step 8
    assert "REJECTED" in lines[1] and "claimed -1.4" in lines[1]
    submission[0]["actions"] = [1] * 8
    submission[0]["return"] = 8.0
    del submission[1]
    path.write_text(json.dumps(submission))
    result = run("--base-url", server_url, "--submission", str(path))
    assert result.returncode == 0 and result.stdout.strip().endswith(": ok")
