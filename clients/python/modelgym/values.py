"""Space values between the wire and numpy, driven by the server's space descriptions.

Observations arrive as nested lists (one env) or as one ``[n, ...]`` tensor (a batch) and
leave here as arrays of the space's dtype, shaped as Gymnasium would return them; batched
actions of Dict/Tuple spaces are split into one action per sub-env (the wire form).
"""

from __future__ import annotations

from typing import Any

import numpy as np

_LEAF_DTYPES = {"Discrete": "int64", "MultiBinary": "int8", "MultiDiscrete": "int64"}


def leaf_dtype(desc: dict[str, Any]) -> np.dtype:
    """numpy dtype of a Box/Discrete/MultiBinary/MultiDiscrete value."""
    return np.dtype(desc["dtype"] if desc["type"] == "Box" else _LEAF_DTYPES[desc["type"]])


def leaf_shape(desc: dict[str, Any]) -> tuple[int, ...]:
    """Shape of a Box/Discrete/MultiBinary/MultiDiscrete value (``()`` for Discrete)."""
    if desc["type"] == "Discrete":
        return ()
    if "shape" in desc:
        return tuple(desc["shape"])
    return (len(desc["nvec"]),)


def is_composite(desc: dict[str, Any]) -> bool:
    """Whether the space is a Dict or a Tuple."""
    return desc["type"] in ("Dict", "Tuple")


def decode(desc: dict[str, Any], value: Any) -> Any:
    """One value from the wire: an array of the space's dtype and shape (``np.int64`` for
    Discrete, a dict for Dict, a tuple for Tuple)."""
    kind = desc["type"]
    if kind == "Dict":
        return {k: decode(sub, value[k]) for k, sub in desc["spaces"].items()}
    if kind == "Tuple":
        return tuple(decode(sub, v) for sub, v in zip(desc["spaces"], value))
    if kind == "Discrete":
        return np.int64(value)
    # float32 values travel as exact float64 numbers; the cast restores them bit for bit.
    return np.asarray(value, dtype=leaf_dtype(desc)).reshape(leaf_shape(desc))


def decode_batch(desc: dict[str, Any], value: Any, n: int) -> Any:
    """A batch from the wire (a ``[n, ...]`` tensor, or a list of n values) in Gymnasium's
    batched layout: one ``[n, ...]`` array per leaf space (a dict of them for Dict, a tuple
    for Tuple)."""
    kind = desc["type"]
    if kind == "Dict":
        return {k: decode_batch(sub, [v[k] for v in value], n) for k, sub in desc["spaces"].items()}
    if kind == "Tuple":
        return tuple(decode_batch(sub, [v[i] for v in value], n) for i, sub in enumerate(desc["spaces"]))
    return np.asarray(value, dtype=leaf_dtype(desc)).reshape((n, *leaf_shape(desc)))


def to_wire(action: Any) -> Any:
    """An action as the API takes it: numpy arrays stay arrays (sent as tensors), tuples
    become lists, booleans become 0/1 (the API takes numbers for Discrete)."""
    if isinstance(action, (bool, np.bool_)):
        return int(action)
    if isinstance(action, dict):
        return {k: to_wire(v) for k, v in action.items()}
    if isinstance(action, tuple):
        return [to_wire(v) for v in action]
    return action


def split_batch(desc: dict[str, Any], actions: Any, n: int) -> Any:
    """Batched actions for the wire: one ``[n, ...]`` array for leaf spaces; for Dict/Tuple
    spaces (batched as a dict/tuple of arrays, Gymnasium's layout) a list of n actions."""
    if not is_composite(desc):
        array = np.asarray(actions)
        if array.dtype == object:
            raise ValueError(f"actions do not form an array: {actions!r}")
        return array
    if isinstance(actions, list) and len(actions) == n:  # already one action per sub-env
        return [to_wire(a) for a in actions]
    prepared = _leaves_as_arrays(desc, actions)
    return [_row(desc, prepared, i) for i in range(n)]


def _leaves_as_arrays(desc: dict[str, Any], batched: Any) -> Any:
    if desc["type"] == "Dict":
        return {k: _leaves_as_arrays(sub, batched[k]) for k, sub in desc["spaces"].items()}
    if desc["type"] == "Tuple":
        return [_leaves_as_arrays(sub, batched[i]) for i, sub in enumerate(desc["spaces"])]
    return np.asarray(batched)


def _row(desc: dict[str, Any], prepared: Any, i: int) -> Any:
    if desc["type"] == "Dict":
        return {k: _row(sub, prepared[k], i) for k, sub in desc["spaces"].items()}
    if desc["type"] == "Tuple":
        return [_row(sub, prepared[j], i) for j, sub in enumerate(desc["spaces"])]
    return prepared[i]


def vector_info(info: dict[str, Any], obs_desc: dict[str, Any]) -> dict[str, Any]:
    """Gymnasium's vector info from the wire's: per-sub-env lists become numpy arrays (bool
    masks ``_key``, numbers, or object arrays with None where a sub-env had no value), nested
    dicts recurse, and ``final_obs`` entries become observations of the space's dtype."""
    out: dict[str, Any] = {}
    for key, value in info.items():
        if isinstance(value, dict):
            out[key] = vector_info(value, obs_desc)
        elif key == "final_obs" and isinstance(value, list):
            out[key] = _objects([None if v is None else decode(obs_desc, v) for v in value])
        elif isinstance(value, list):
            out[key] = _array(value)
        else:
            out[key] = value
    return out


def _array(values: list) -> np.ndarray:
    if all(isinstance(v, (bool, np.bool_)) for v in values):
        return np.array(values, dtype=bool)
    if all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in values):
        return np.array(values)
    if not any(v is None or isinstance(v, (str, dict)) for v in values):
        try:  # equal-shape arrays: one array, as Gymnasium stacks ndarray infos
            array = np.array(values)
            if array.dtype != object:
                return array
        except ValueError:
            pass
    return _objects(values)


def _objects(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = v
    return out
