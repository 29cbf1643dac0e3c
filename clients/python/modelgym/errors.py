"""Exceptions raised by the client, one class per problem ``type`` of the API.

The server answers every error as an RFC 9457 problem whose ``type`` URI is stable per error
class (``https://modelgym.dev/problems/<kind>``); :func:`error_from_problem` picks the class
from that URI (falling back on the HTTP status for bodies that are not problems, e.g. from a
proxy). Every class derives from :class:`ModelgymError`, which carries the problem's fields.
"""

from __future__ import annotations

from typing import Any

from ._compat import gym

PROBLEM_BASE = "https://modelgym.dev/problems/"


class ModelgymError(Exception):
    """An error answered by a modelgym server (or met on the way to one).

    Attributes:
        status: HTTP status (None for errors raised before a response, e.g. connection errors).
        type: the problem ``type`` URI (None when the body was not a problem).
        title: short summary of the error class.
        detail: what went wrong with this request.
        errors: for ``validation`` problems, ``[{"pointer": ..., "message": ...}, ...]``.
        request_id: the server's request id (``instance``, or the ``X-Request-Id`` header);
            quote it when reporting a problem, it finds the server's log line.
        problem: the whole problem body as received.
    """

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        type: str | None = None,
        title: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        request_id: str | None = None,
        problem: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.errors = errors or []
        self.request_id = request_id
        self.problem = problem or {}

    def __str__(self) -> str:
        parts = [f"{self.status} {self.title}: {self.detail}" if self.status else self.detail]
        parts += [f"  {e.get('pointer', '')}: {e.get('message', '')}" for e in self.errors]
        if self.request_id:
            parts.append(f"  (request id {self.request_id})")
        return "\n".join(parts)


class TransportError(ModelgymError):
    """The server could not be reached or did not answer (connection refused, timeout...)."""


class NotFound(ModelgymError):
    """404 ``not-found``: no such route or resource."""


class UnknownEnv(NotFound):
    """404 ``unknown-env``: no environment with this id is registered on the server."""


class MethodNotAllowed(ModelgymError):
    """405 ``method-not-allowed``."""


class NotAcceptable(ModelgymError):
    """406 ``not-acceptable``: the server cannot answer in the requested format."""


class InvalidState(ModelgymError):
    """400 ``invalid-state``: a tampered, foreign-env, unknown-key, wrong-version or malformed state token."""


class MalformedBody(ModelgymError):
    """400 ``malformed-body``: the request body could not be decoded."""


class MalformedRequest(ModelgymError):
    """400 ``malformed-request``: the request target could not be read (e.g. a raw backslash in the path)."""


# Gymnasium code catches gymnasium.error.ResetNeeded (raised by its OrderEnforcing wrapper);
# deriving from it when Gymnasium is present lets that code catch ours too.
_ResetNeededBases: tuple[type, ...] = (ModelgymError,)
if gym is not None:
    try:
        from gymnasium.error import ResetNeeded as _GymResetNeeded

        _ResetNeededBases = (ModelgymError, _GymResetNeeded)
    except ImportError:  # pragma: no cover - every Gymnasium 1.x has it
        pass


class ResetNeeded(*_ResetNeededBases):  # type: ignore[misc]
    """409 ``reset-needed``: the episode has ended (or never started); call ``reset()``."""


class PayloadTooLarge(ModelgymError):
    """413 ``payload-too-large``: the request body is over the server's limit."""


class UnsupportedMediaType(ModelgymError):
    """415 ``unsupported-media-type``."""


class ValidationError(ModelgymError, ValueError):
    """422 ``validation``: the request breaks the API schema; see :attr:`errors`."""


class InvalidAction(ModelgymError, ValueError):
    """422 ``invalid-action``: wrong shape or dtype, NaN/inf, or outside the action space."""


class InvalidArgument(ModelgymError, ValueError):
    """422 ``invalid-argument``: bad kwargs or reset options."""


class ServerError(ModelgymError):
    """5xx: the server failed (``internal``, or a proxy's gateway error)."""


class UnknownAgent(NotFound):
    """404 ``unknown-agent``: no agent with this id."""


class UnknownExternalEnv(NotFound):
    """404 ``unknown-external-env``: no registered external env with this id."""


class UnknownJob(NotFound):
    """404 ``unknown-job``: no job with this id."""


class PreconditionFailed(ModelgymError):
    """412 ``precondition-failed``: ``If-Match`` is not the resource's current ETag."""


class Conflict(ModelgymError):
    """409 ``conflict``."""


class NotTrained(ModelgymError):
    """409 ``not-trained``: the agent has no trained version to plan with yet."""


class NotSupported(ModelgymError, ValueError):
    """422 ``not-supported``: the agent's type does not offer this operation (e.g. ``plan``)."""


class TaskHidden(ModelgymError, PermissionError):
    """403 ``task-hidden``: the episode's task was drawn by the server; revealing it needs the grader key."""


class TooManyStreams(ServerError):
    """503 ``too-many-streams``: the server has as many job event streams open as it serves; retry later."""


class InsufficientStorage(ServerError):
    """507 ``insufficient-storage``: the server's disk is full; nothing was stored."""


class InvalidContext(ModelgymError, ValueError):
    """400 ``invalid-context``: a tampered, foreign or other agent's plan context."""


class CorruptData(ServerError):
    """500 ``corrupt-data``: stored data failed its checksum (it was not used)."""


PROBLEM_CLASSES: dict[str, type[ModelgymError]] = {
    "unknown-env": UnknownEnv,
    "not-found": NotFound,
    "method-not-allowed": MethodNotAllowed,
    "not-acceptable": NotAcceptable,
    "invalid-state": InvalidState,
    "malformed-body": MalformedBody,
    "malformed-request": MalformedRequest,
    "reset-needed": ResetNeeded,
    "payload-too-large": PayloadTooLarge,
    "unsupported-media-type": UnsupportedMediaType,
    "validation": ValidationError,
    "invalid-action": InvalidAction,
    "invalid-argument": InvalidArgument,
    "internal": ServerError,
    "unknown-agent": UnknownAgent,
    "unknown-external-env": UnknownExternalEnv,
    "unknown-job": UnknownJob,
    "precondition-failed": PreconditionFailed,
    "conflict": Conflict,
    "not-trained": NotTrained,
    "not-supported": NotSupported,
    "task-hidden": TaskHidden,
    "too-many-streams": TooManyStreams,
    "insufficient-storage": InsufficientStorage,
    "invalid-context": InvalidContext,
    "corrupt-data": CorruptData,
}
"""Exception class by problem kind (the last segment of the ``type`` URI)."""

_STATUS_CLASSES: dict[int, type[ModelgymError]] = {
    404: NotFound,
    405: MethodNotAllowed,
    406: NotAcceptable,
    409: ResetNeeded,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
}


def error_from_problem(status: int, body: Any, request_id: str | None = None) -> ModelgymError:
    """The exception for an error response: by problem ``type``, else by HTTP status.

    Args:
        status: the HTTP status.
        body: the decoded body (a problem dict), or anything else (text of a proxy's page...).
        request_id: the ``X-Request-Id`` response header, used when the body has no ``instance``.
    """
    if isinstance(body, dict) and isinstance(body.get("type"), str):
        kind = body["type"].removeprefix(PROBLEM_BASE) if body["type"].startswith(PROBLEM_BASE) else None
        cls = PROBLEM_CLASSES.get(kind or "") or _class_for_status(status)
        return cls(
            str(body.get("detail") or body.get("title") or f"HTTP {status}"),
            status=status,
            type=body["type"],
            title=body.get("title"),
            errors=body.get("errors") if isinstance(body.get("errors"), list) else None,
            request_id=body.get("instance") or request_id,
            problem=body,
        )
    text = body if isinstance(body, str) else repr(body)
    return _class_for_status(status)(
        text[:500] or f"HTTP {status}", status=status, title=f"HTTP {status}", request_id=request_id
    )


def _class_for_status(status: int) -> type[ModelgymError]:
    if status >= 500:
        return ServerError
    return _STATUS_CLASSES.get(status, ModelgymError)
