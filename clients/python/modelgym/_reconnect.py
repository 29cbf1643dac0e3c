"""Pickling and deep copies of remote envs: everything but the connection travels; the copy
opens its own connection to the same server with the same settings. The server keeps nothing
between requests, so the state token (with the spaces and local generators) is the whole env."""

from __future__ import annotations

import copy
from typing import Any

from .transport import Transport


class Reconnecting:
    """Mixin for classes that hold their connection in ``self._transport``."""

    def _is_closed(self) -> bool:
        raise NotImplementedError

    def _reopened(self) -> None:
        """Marks the unpickled copy open."""
        raise NotImplementedError

    def __getstate__(self) -> dict[str, Any]:
        if self._is_closed():
            raise RuntimeError("cannot pickle a closed env")
        state = self.__dict__.copy()
        t: Transport = state.pop("_transport")
        state["_transport_settings"] = {
            "base_url": t.base_url,
            "encoding": t.encoding,
            "timeout": t.timeout,
            "headers": t.extra_headers,
        }
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        settings = state.pop("_transport_settings")
        self.__dict__.update(state)
        self._transport = Transport(
            settings["base_url"], encoding=settings["encoding"], timeout=settings["timeout"], headers=settings["headers"]
        )
        self._reopened()

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        """A copy at the same state with its own connection (as unpickling gives)."""
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        clone.__setstate__(copy.deepcopy(self.__getstate__(), memo))
        return clone
