"""modelgym client: Gymnasium environments served over HTTP by a modelgym server.

>>> import modelgym
>>> env = modelgym.make("CartPole-v1", base_url="http://127.0.0.1:8080")
>>> obs, info = env.reset(seed=0)
>>> obs, reward, terminated, truncated, info = env.step(env.action_space.sample())

Works with numpy, msgpack and httpx alone; when Gymnasium is importable, envs are real
``gymnasium.Env`` / ``gymnasium.vector.VectorEnv`` objects with ``gymnasium.spaces``.
"""

from . import errors, spaces
from ._compat import HAVE_GYMNASIUM, AutoresetMode
from .agents import Agent, JobFailed, register_external_env, wait_for_job
from .env import RemoteEnv
from .errors import (
    InvalidAction,
    InvalidArgument,
    InvalidState,
    ModelgymError,
    NotFound,
    PayloadTooLarge,
    ResetNeeded,
    ServerError,
    TransportError,
    UnknownEnv,
    UnsupportedMediaType,
    ValidationError,
)
from .registration import EnvSpec, gymnasium_id, make, make_vec, register_envs
from .transport import DEFAULT_BASE_URL, Transport
from .vector import RemoteVectorEnv

__version__ = "0.1.0"

__all__ = [
    "Agent",
    "DEFAULT_BASE_URL",
    "HAVE_GYMNASIUM",
    "AutoresetMode",
    "EnvSpec",
    "InvalidAction",
    "InvalidArgument",
    "InvalidState",
    "JobFailed",
    "ModelgymError",
    "NotFound",
    "PayloadTooLarge",
    "RemoteEnv",
    "RemoteVectorEnv",
    "ResetNeeded",
    "ServerError",
    "Transport",
    "TransportError",
    "UnknownEnv",
    "UnsupportedMediaType",
    "ValidationError",
    "errors",
    "gymnasium_id",
    "make",
    "make_vec",
    "register_envs",
    "register_external_env",
    "spaces",
    "wait_for_job",
]
