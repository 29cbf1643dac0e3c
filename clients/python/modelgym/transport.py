"""HTTP transport: one keep-alive ``httpx.Client`` per server, msgpack or JSON bodies."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from ._http import http_client
from .errors import ModelgymError, TransportError, error_from_problem
from .wire import ENCODERS, load_json, unpack_msgpack

DEFAULT_BASE_URL = "http://127.0.0.1:8080"


def env_path(env_id: str, *rest: str) -> str:
    """``/v1/envs/{env_id}/...`` with the id percent-encoded (``ns/Name-v0`` -> ``ns%2FName-v0``)."""
    return "/".join(["/v1/envs", quote(env_id, safe=""), *rest])


def connect_env(
    env_id: str,
    kwargs: dict[str, Any],
    transport: Transport | None,
    *,
    base_url: str,
    encoding: str,
    timeout: float,
    headers: dict[str, str] | None,
) -> tuple[Transport, dict[str, Any]]:
    """Shares ``transport`` (or opens one) and asks the server to make ``env_id`` with ``kwargs``:
    the transport and the env's detail. The transport is closed again if the server refuses."""
    if transport is not None:
        t = transport.share()
    else:
        t = Transport(base_url, encoding=encoding, timeout=timeout, headers=headers)
    try:
        return t, t.post(env_path(env_id, "make"), {"kwargs": kwargs})
    except BaseException:
        t.close()
        raise


class Transport:
    """Sends API requests and decodes their answers, raising :mod:`modelgym.errors` on failure.

    One Transport holds one connection pool, so every request after the first reuses a
    kept-alive connection. Environments made from the same Transport share it (see
    :meth:`share`); it closes when its last user closes it.

    Args:
        base_url: the server, e.g. ``http://127.0.0.1:8080``.
        encoding: ``"msgpack"`` (default: binary tensors, no float-to-text round trips) or ``"json"``.
        timeout: seconds per request (connect, read and write each).
        headers: extra headers for every request (an auth header for a gateway, say).
        client: an ``httpx.Client`` to use instead of a new one (its base URL is ignored;
            the Transport does not close a client it was given).
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        encoding: str = "msgpack",
        timeout: float = 30.0,
        headers: dict[str, str] | None = None,
        client: httpx.Client | None = None,
    ) -> None:
        if encoding not in ENCODERS:
            raise ValueError(f"encoding must be one of {sorted(ENCODERS)}, got {encoding!r}")
        self.base_url = base_url.rstrip("/")
        self.encoding = encoding
        self.timeout = timeout
        #: The extra headers it was given (what a copy of it, e.g. on unpickling, needs again).
        self.extra_headers = dict(headers or {})
        self._content_type, self._encode, _ = ENCODERS[encoding]
        all_headers = {"Content-Type": self._content_type, "Accept": self._content_type, **(headers or {})}
        self._owns_client = client is None
        # Our own client carries the headers itself (merged once, not per request).
        self._client = client if client is not None else http_client(timeout, headers=all_headers)
        self._headers = all_headers if client is not None else None
        # Parsed URLs by path: httpx 0.23 spends ~100 us re-parsing a URL string per request.
        self._urls: dict[str, httpx.URL] = {}
        self._users = 1

    def share(self) -> Transport:
        """Registers one more user of this Transport (each user calls :meth:`close` once)."""
        if self._users <= 0:
            raise RuntimeError("this Transport is closed")
        self._users += 1
        return self

    @property
    def closed(self) -> bool:
        """Whether every user has closed the Transport."""
        return self._users <= 0

    def close(self) -> None:
        """Drops one user; the connection pool closes with the last one."""
        if self._users <= 0:
            return
        self._users -= 1
        if self._users == 0 and self._owns_client:
            self._client.close()

    def post(self, path: str, body: Any) -> Any:
        """POSTs ``body`` (encoded) to ``path`` and returns the decoded answer."""
        return self.request("POST", path, body)

    def get(self, path: str) -> Any:
        """GETs ``path`` and returns the decoded answer."""
        return self.request("GET", path)

    def request(self, method: str, path: str, body: Any = None) -> Any:
        """Sends one request; raises a :class:`~modelgym.errors.ModelgymError` subclass on errors."""
        if self._users <= 0:
            raise RuntimeError("this Transport (or the environment using it) is closed")
        content = None if body is None else self._encode(body)
        url = self._urls.get(path)
        if url is None:
            url = self._urls[path] = httpx.URL(self.base_url + path)
        try:
            response = self._client.request(method, url, content=content, headers=self._headers)
        except httpx.HTTPError as err:
            raise TransportError(f"{method} {self.base_url}{path} failed: {err}") from err
        return self._decode(response)

    @staticmethod
    def _decode(response: httpx.Response) -> Any:
        content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        try:
            if content_type in ("application/msgpack", "application/x-msgpack", "application/vnd.msgpack"):
                body: Any = unpack_msgpack(response.content)
            elif content_type in ("application/json", "application/problem+json"):
                body = load_json(response.content)
            else:
                body = response.content if response.is_success else response.text
        except ValueError as err:  # msgpack and json errors both derive from ValueError
            if response.is_success:
                raise ModelgymError(
                    f"undecodable {content_type} response: {err}", status=response.status_code
                ) from err
            body = response.text
        if response.is_success:
            return body
        raise error_from_problem(response.status_code, body, response.headers.get("x-request-id"))

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *args: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Transport({self.base_url!r}, encoding={self.encoding!r})"
