"""Body encodings: msgpack (default) and JSON, with numpy arrays as wire tensors.

A wire tensor is ``{"dtype", "shape", "data"}`` with ``data`` the little-endian bytes (msgpack
``bin``; base64 text in JSON). Encoding turns every numpy array in a body into one, and numpy
scalars into plain numbers; decoding turns every tensor in a response back into a numpy array,
through the decoders' object hooks, so no Python code walks large nested bodies.
"""

from __future__ import annotations

import base64
import json
import math
from typing import Any, Callable

import msgpack
import numpy as np

MSGPACK = "application/msgpack"
JSON = "application/json"

TENSOR_DTYPES = frozenset(["float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool"])
"""Element types the API takes in tensors."""

# numpy dtypes the API has no name for, and the API dtype that holds their values exactly.
_WIDEN = {"float16": "float32", "uint16": "int32", "uint32": "int64"}


def tensor_fields(array: np.ndarray) -> tuple[str, list[int], bytes]:
    """``(dtype, shape, little-endian bytes)`` of an array, widened to a dtype the API knows.

    Raises:
        TypeError: for dtypes with no exact API equivalent (uint64, complex, object...).
    """
    name = array.dtype.name
    if name not in TENSOR_DTYPES:
        if name not in _WIDEN:
            raise TypeError(f"cannot send a numpy array of dtype {name}; use one of {sorted(TENSOR_DTYPES)}")
        name = _WIDEN[name]
    little = np.dtype(name).newbyteorder("<")
    data = np.ascontiguousarray(array, dtype=little).tobytes()
    return name, list(array.shape), data


def _decode_tensor(dtype: str, shape: list[int], data: bytes) -> np.ndarray:
    # frombuffer views the (immutable) bytes; the copy makes the array writable, as arrays
    # from a Gymnasium env are.
    little = np.dtype(dtype).newbyteorder("<")
    return np.frombuffer(data, dtype=little).astype(np.dtype(dtype)).reshape(shape)


def _is_tensor(d: dict) -> bool:
    return (
        len(d) == 3
        and isinstance(d.get("dtype"), str)
        and isinstance(d.get("shape"), list)
        and isinstance(d.get("data"), (bytes, str))
        and d["dtype"] in TENSOR_DTYPES
    )


# --- msgpack ---------------------------------------------------------------------------------


def _msgpack_default(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        dtype, shape, data = tensor_fields(value)
        return {"dtype": dtype, "shape": shape, "data": data}
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot encode {type(value).__name__} as msgpack")


def _msgpack_hook(d: dict) -> Any:
    if _is_tensor(d) and isinstance(d["data"], bytes):
        return _decode_tensor(d["dtype"], d["shape"], d["data"])
    return d


def pack_msgpack(body: Any) -> bytes:
    """Encodes a request body as standard msgpack (numpy arrays as tensors)."""
    return msgpack.packb(body, default=_msgpack_default, use_bin_type=True)


def unpack_msgpack(data: bytes) -> Any:
    """Decodes a msgpack response (tensors become numpy arrays)."""
    return msgpack.unpackb(data, raw=False, object_hook=_msgpack_hook, strict_map_key=False)


# --- JSON ------------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        dtype, shape, data = tensor_fields(value)
        return {"dtype": dtype, "shape": shape, "data": base64.b64encode(data).decode("ascii")}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def _json_hook(d: dict) -> Any:
    if _is_tensor(d) and isinstance(d["data"], str):
        return _decode_tensor(d["dtype"], d["shape"], base64.b64decode(d["data"]))
    return d


def _finite_or_strings(value: Any) -> Any:
    """Non-finite floats as the strings "inf", "-inf", "nan" (the API's JSON convention)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, dict):
        return {k: _finite_or_strings(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_or_strings(v) for v in value]
    return value


def dump_json(body: Any) -> bytes:
    """Encodes a request body as JSON (numpy arrays as base64 tensors).

    JSON has no NaN or infinity; such floats (rare: in a bad action, say) are sent as the
    strings the API uses for them, so the server answers a precise 422 instead of a 400 for
    undecodable JSON.
    """
    try:
        text = json.dumps(body, default=_json_default, allow_nan=False, separators=(",", ":"))
    except ValueError:
        text = json.dumps(_finite_or_strings(body), default=_json_default, separators=(",", ":"))
    return text.encode("utf-8")


def load_json(data: bytes) -> Any:
    """Decodes a JSON response (tensors become numpy arrays)."""
    return json.loads(data, object_hook=_json_hook)


ENCODERS: dict[str, tuple[str, Callable[[Any], bytes], Callable[[bytes], Any]]] = {
    "msgpack": (MSGPACK, pack_msgpack, unpack_msgpack),
    "json": (JSON, dump_json, load_json),
}
"""Content type, encoder and decoder of each encoding."""


def parse_bound(value: Any) -> float:
    """A space bound: a number, or "inf"/"-inf"/"nan" as JSON carries non-finite values."""
    if isinstance(value, str):
        return float(value)  # float() reads "inf", "-inf", "+inf" and "nan"
    return float(value)
