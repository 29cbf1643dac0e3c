"""An ``httpx.Client`` whose connections send small requests at once (TCP_NODELAY).

httpx writes a POST's headers and body with two ``send`` calls. With Nagle's algorithm on
(the default), the body then waits for the server to acknowledge the headers, and servers
delay that ACK by up to 40 ms on Linux: every step took ~44 ms instead of ~1 ms. httpx 0.24+
takes socket options; older httpx (Debian 12 has 0.23) gets its connection pool's network
backend wrapped instead.
"""

from __future__ import annotations

import socket
from typing import Any

import httpx

_NODELAY = (socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _NoDelayBackend:
    """Wraps an httpcore network backend: every TCP connection it opens gets TCP_NODELAY."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def connect_tcp(self, *args: Any, **kwargs: Any) -> Any:
        stream = self._inner.connect_tcp(*args, **kwargs)
        sock = stream.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(*_NODELAY)
        return stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def nodelay_transport() -> httpx.HTTPTransport:
    """An ``httpx.HTTPTransport`` (keep-alive pool) whose sockets have TCP_NODELAY set."""
    try:
        return httpx.HTTPTransport(socket_options=[_NODELAY])  # type: ignore[call-arg]
    except TypeError:  # httpx < 0.24 has no socket_options
        transport = httpx.HTTPTransport()
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and hasattr(backend, "connect_tcp"):
            pool._network_backend = _NoDelayBackend(backend)  # type: ignore[union-attr]
        return transport


def http_client(timeout: float = 30.0, **kwargs: Any) -> httpx.Client:
    """A keep-alive ``httpx.Client`` with TCP_NODELAY connections (see the module docstring)."""
    return httpx.Client(timeout=timeout, transport=nodelay_transport(), **kwargs)
