"""Fixtures: a real modelgym server for the whole session.

The server is ``node bin/modelgym.js serve`` on a free port (PORT=0) with a temporary data
directory; its port comes from the "modelgym listening" log line. Set ``MODELGYM_TEST_URL``
to test against a server that is already running instead, and ``MODELGYM_NODE`` to pick the
node executable.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CLIENT_DIR = ROOT / "clients" / "python"
if str(CLIENT_DIR) not in sys.path:  # so the tests also run without PYTHONPATH
    sys.path.insert(0, str(CLIENT_DIR))

START_TIMEOUT_S = 90  # tsx compiles the server on start; slow on a busy 2-core machine


def _listening_url(log: Path) -> str | None:
    """The ``url`` of the "modelgym listening" line, once the server has written it."""
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("msg") == "modelgym listening":
            return entry["url"]
    return None


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory):
    """Base URL of a running modelgym server (started here, stopped after the session)."""
    external = os.environ.get("MODELGYM_TEST_URL")
    if external:
        yield external.rstrip("/")
        return
    workdir = tmp_path_factory.mktemp("modelgym-server")
    log = workdir / "server.log"
    env = {
        **os.environ,
        "PORT": "0",
        "HOST": "127.0.0.1",
        "MODELGYM_DATA_DIR": str(workdir / "data"),
        "LOG_LEVEL": "info",
    }
    env.pop("MODELGYM_SECRET", None)  # a key file in the temp dir, never a shared secret
    node = os.environ.get("MODELGYM_NODE", "node")
    # Logs go to a file, not a pipe: one line per request would fill a pipe nobody reads.
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [node, "bin/modelgym.js", "serve"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        url = None
        while url is None:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()[-4000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not start in {START_TIMEOUT_S} s:\n{log.read_text()[-4000:]}")
            time.sleep(0.1)
            url = _listening_url(log)
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture()
def cartpole(server_url: str):
    """A CartPole-v1 RemoteEnv (msgpack), closed after the test."""
    import modelgym

    env = modelgym.RemoteEnv("CartPole-v1", server_url)
    yield env
    env.close()
