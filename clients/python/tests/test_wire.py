"""Encodings: tensors both ways, JSON's conventions, and JSON and msgpack agreeing end to end."""

from __future__ import annotations

import json

import msgpack
import numpy as np
import pytest

import modelgym
from modelgym import wire
from modelgym.values import decode, decode_batch, split_batch, vector_info

DTYPES = ["float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool"]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("encoding", ["msgpack", "json"])
def test_tensor_round_trip(dtype, encoding):
    _, encode, decode_body = wire.ENCODERS[encoding]
    array = (np.arange(6).reshape(2, 3) % 2 if dtype == "bool" else np.arange(6).reshape(2, 3) - 1).astype(dtype)
    body = encode({"action": array})
    raw = msgpack.unpackb(body) if encoding == "msgpack" else json.loads(body)
    assert raw["action"]["dtype"] == dtype and raw["action"]["shape"] == [2, 3]
    back = decode_body(body)["action"]
    assert back.dtype == np.dtype(dtype) and back.flags.writeable
    np.testing.assert_array_equal(back, array)


def test_tensor_bytes_are_little_endian():
    body = msgpack.unpackb(wire.pack_msgpack(np.array([1.0], dtype=">f4")))
    assert body == {"dtype": "float32", "shape": [1], "data": b"\x00\x00\x80\x3f"}


def test_dtypes_the_api_lacks_are_widened_or_refused():
    assert msgpack.unpackb(wire.pack_msgpack(np.zeros(2, np.float16)))["dtype"] == "float32"
    assert msgpack.unpackb(wire.pack_msgpack(np.zeros(2, np.uint32)))["dtype"] == "int64"
    with pytest.raises(TypeError):
        wire.pack_msgpack(np.zeros(2, np.uint64))


def test_numpy_scalars_are_plain_numbers():
    assert msgpack.unpackb(wire.pack_msgpack({"a": np.int64(3), "b": np.float32(0.5)})) == {"a": 3, "b": 0.5}
    assert json.loads(wire.dump_json({"a": np.int64(3), "b": np.bool_(True)})) == {"a": 3, "b": True}


def test_json_non_finite_numbers_are_strings():
    assert json.loads(wire.dump_json({"x": [1.0, float("nan"), float("inf"), -float("inf")]})) == {
        "x": [1.0, "nan", "inf", "-inf"]
    }


def test_values_decode_by_space():
    box = {"type": "Box", "dtype": "float32", "shape": [2, 2], "low": [0] * 4, "high": [1] * 4}
    value = decode(box, [[0.5, 0.25], [0.125, 1.0]])
    assert value.dtype == np.float32 and value.shape == (2, 2)
    assert isinstance(decode({"type": "Discrete", "n": 3}, 2), np.int64)
    desc = {"type": "Dict", "spaces": {"a": {"type": "Discrete", "n": 3}, "b": {"type": "Tuple", "spaces": [box]}}}
    batch = decode_batch(desc, [{"a": 1, "b": [[[0, 0], [0, 0]]]}, {"a": 2, "b": [[[1, 1], [1, 1]]]}], 2)
    assert batch["a"].tolist() == [1, 2] and batch["a"].dtype == np.int64
    assert batch["b"][0].shape == (2, 2, 2) and batch["b"][0].dtype == np.float32


def test_split_batch_for_dict_actions():
    desc = {"type": "Dict", "spaces": {"move": {"type": "Discrete", "n": 3}, "force": {"type": "Box", "dtype": "float32", "shape": [2], "low": [-1, -1], "high": [1, 1]}}}
    actions = {"move": np.array([0, 2]), "force": np.array([[0.1, 0.2], [0.3, 0.4]], dtype=np.float32)}
    rows = split_batch(desc, actions, 2)
    assert len(rows) == 2 and rows[1]["move"] == 2
    np.testing.assert_array_equal(rows[1]["force"], np.array([0.3, 0.4], dtype=np.float32))
    assert split_batch(desc, [{"move": 1, "force": [0, 0]}] * 2, 2)[0]["move"] == 1
    leaf = split_batch({"type": "Discrete", "n": 3}, [0, 1, 2], 3)
    assert isinstance(leaf, np.ndarray) and leaf.tolist() == [0, 1, 2]


def test_vector_info_becomes_numpy():
    obs = {"type": "Box", "dtype": "float32", "shape": [1], "low": [0], "high": [1]}
    info = vector_info(
        {
            "final_obs": [[0.5], None],
            "_final_obs": [True, False],
            "final_info": {"x": [1.5, 0], "_x": [True, False]},
            "name": ["a", None],
        },
        obs,
    )
    assert info["_final_obs"].dtype == bool and info["final_obs"].dtype == object
    assert info["final_obs"][0].dtype == np.float32 and info["final_obs"][1] is None
    assert info["final_info"]["x"].dtype == np.float64 and info["final_info"]["_x"].tolist() == [True, False]
    assert info["name"].dtype == object and info["name"].tolist() == ["a", None]


def test_json_and_msgpack_give_the_same_episode(server_url):
    with modelgym.make("CartPole-v1", server_url) as mp, modelgym.make("CartPole-v1", server_url, encoding="json") as js:
        assert js.transport.encoding == "json"
        assert js.observation_space == mp.observation_space  # "inf" strings parsed
        np.testing.assert_array_equal(js.reset(seed=9)[0], mp.reset(seed=9)[0])
        for action in [0, 1, np.int64(1), 0]:
            a, b = js.step(action), mp.step(action)
            np.testing.assert_array_equal(a[0], b[0])
            assert a[1:] == b[1:]
        frame = js.render()
        assert frame.dtype == np.uint8 and frame.shape == (400, 600, 3)
        np.testing.assert_array_equal(frame, mp.render())


def test_json_vector_env(server_url):
    with modelgym.make_vec("Pendulum-v1", 3, server_url, encoding="json") as js, modelgym.make_vec("Pendulum-v1", 3, server_url) as mp:
        np.testing.assert_array_equal(js.reset(seed=1)[0], mp.reset(seed=1)[0])
        actions = np.array([[0.5], [-1.0], [2.0]], dtype=np.float32)
        a, b = js.step(actions), mp.step(actions)
        for x, y in zip(a[:4], b[:4]):
            assert x.dtype == y.dtype
            np.testing.assert_array_equal(x, y)


def test_json_nan_action_is_invalid_action(server_url):
    with modelgym.make("Pendulum-v1", server_url, encoding="json") as env:
        env.reset(seed=0)
        with pytest.raises(modelgym.InvalidAction):
            env.step([float("nan")])
