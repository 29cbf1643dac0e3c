"""Both code paths: without Gymnasium (pure numpy) and with it (subclasses, gymnasium.spaces).

Each runs in a fresh interpreter, since the choice is made once at import time. Real Gymnasium
is not installable everywhere this suite runs, so the "with" path runs against a small stub
package that has Gymnasium's module layout and constructor signatures: it checks the client's
wiring (imports, subclassing, which constructors get called), not Gymnasium itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

CLIENT_DIR = Path(__file__).resolve().parents[1]


def run_python(code: str, *args: str, extra_path: Path | None = None) -> str:
    """Runs ``code`` in a fresh interpreter with the client importable; returns its stdout."""
    path = [str(CLIENT_DIR)] + ([str(extra_path)] if extra_path else [])
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_works_without_gymnasium(server_url):
    out = run_python(
        """
        import sys
        sys.modules["gymnasium"] = None  # import gymnasium now fails, even where it is installed
        import numpy as np
        import modelgym
        from modelgym import _compat

        assert not modelgym.HAVE_GYMNASIUM
        env = modelgym.make("CartPole-v1", sys.argv[1])
        assert _compat._EnvBase in type(env).__mro__
        assert type(env.observation_space) is modelgym.spaces.Box
        assert type(env.spec) is modelgym.EnvSpec
        obs, info = env.reset(seed=0)
        assert obs.dtype == np.float32 and obs in env.observation_space
        while True:
            obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
            if terminated or truncated:
                break
        try:
            env.step(0)
            raise AssertionError("expected ResetNeeded")
        except modelgym.ResetNeeded:
            pass
        env.close()
        vec = modelgym.make_vec("CartPole-v1", 2, sys.argv[1])
        assert _compat._VectorEnvBase in type(vec).__mro__
        assert type(vec.observation_space) is modelgym.spaces.Box
        vec.reset(seed=0)
        vec.step(vec.action_space.sample())
        vec.close()
        assert vec.closed
        print("ok")
        """,
        server_url,
    )
    assert out.strip() == "ok"


STUB = {
    "gymnasium/__init__.py": """
        from . import envs, error, spaces, vector

        class Env:
            metadata = {"render_modes": []}
            render_mode = None
            spec = None
            _np_random = None

            def reset(self, *, seed=None, options=None):
                self.stub_reset_seed = seed

            @property
            def unwrapped(self):
                return self

            def close(self):
                pass

            def __enter__(self):
                return self

            def __exit__(self, *args):
                self.close()
                return False
    """,
    "gymnasium/error.py": """
        class Error(Exception):
            pass

        class ResetNeeded(Error):
            pass
    """,
    "gymnasium/spaces.py": """
        import numpy as np

        class Space:
            pass

        class Box(Space):
            def __init__(self, low, high, shape=None, dtype=np.float32, seed=None):
                self.low, self.high, self.shape, self.dtype = low, high, tuple(shape), np.dtype(dtype)

        class Discrete(Space):
            def __init__(self, n, seed=None, start=0):
                self.n, self.start = n, start

        class MultiBinary(Space):
            def __init__(self, n, seed=None):
                self.n = n

        class MultiDiscrete(Space):
            def __init__(self, nvec, dtype=np.int64, seed=None, start=None):
                self.nvec, self.start = nvec, start

        class Dict(Space):
            def __init__(self, spaces=None, seed=None, **kwargs):
                self.spaces = dict(sorted(spaces.items()))

        class Tuple(Space):
            def __init__(self, spaces, seed=None):
                self.spaces = tuple(spaces)
    """,
    "gymnasium/vector/__init__.py": """
        import enum

        class AutoresetMode(enum.Enum):
            NEXT_STEP = "NextStep"
            SAME_STEP = "SameStep"
            DISABLED = "Disabled"

        class VectorEnv:
            metadata = {}
            spec = None
            render_mode = None
            closed = False

            def reset(self, *, seed=None, options=None):
                self.stub_reset_seed = seed

            def close(self, **kwargs):
                if self.closed:
                    return
                self.close_extras(**kwargs)
                self.closed = True

            def close_extras(self, **kwargs):
                pass
    """,
    "gymnasium/vector/utils.py": """
        def batch_space(space, n=1):
            return ("batched", space, n)
    """,
    "gymnasium/envs/__init__.py": "",
    "gymnasium/envs/registration.py": """
        from dataclasses import dataclass, field
        from typing import Any

        @dataclass
        class EnvSpec:
            id: str
            entry_point: Any = None
            reward_threshold: Any = None
            nondeterministic: bool = False
            max_episode_steps: Any = None
            order_enforce: bool = True
            disable_env_checker: bool = False
            kwargs: dict = field(default_factory=dict)
    """,
}


def test_gymnasium_code_path_with_a_stub(server_url, tmp_path):
    for name, text in STUB.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(text))
    out = run_python(
        """
        import sys
        import numpy as np
        import gymnasium
        import modelgym

        assert modelgym.HAVE_GYMNASIUM and gymnasium.__file__.startswith(sys.argv[2])
        env = modelgym.make("CartPole-v1", sys.argv[1])
        assert isinstance(env, gymnasium.Env)
        assert isinstance(env.observation_space, gymnasium.spaces.Box)
        assert env.observation_space.dtype == np.float32 and np.isinf(env.observation_space.high[1])
        assert isinstance(env.action_space, gymnasium.spaces.Discrete) and env.action_space.n == 2
        assert isinstance(env.spec, gymnasium.envs.registration.EnvSpec) and env.spec.max_episode_steps == 500
        obs, _ = env.reset(seed=0)
        assert env.stub_reset_seed == 0 and obs.dtype == np.float32
        while not any(env.step(1)[2:4]):
            pass
        try:
            env.step(1)
            raise AssertionError("expected ResetNeeded")
        except gymnasium.error.ResetNeeded as err:  # Gymnasium's class catches ours
            assert isinstance(err, modelgym.ResetNeeded) and err.status == 409
        fork = env.fork()
        fork.close()
        env.close()
        vec = modelgym.make_vec("CartPole-v1", 2, sys.argv[1], autoreset_mode=gymnasium.vector.AutoresetMode.SAME_STEP)
        assert isinstance(vec, gymnasium.vector.VectorEnv)
        assert vec.metadata["autoreset_mode"] is gymnasium.vector.AutoresetMode.SAME_STEP
        assert vec.observation_space == ("batched", vec.single_observation_space, 2)
        obs, _ = vec.reset(seed=0)
        assert vec.stub_reset_seed == 0 and obs.shape == (2, 4)
        vec.step(np.array([0, 1]))
        vec.close()
        assert vec.closed
        print("ok")
        """,
        server_url,
        str(tmp_path),
        extra_path=tmp_path,
    )
    assert out.strip() == "ok"
