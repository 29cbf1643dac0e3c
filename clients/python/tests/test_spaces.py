"""The pure-numpy spaces: Gymnasium's sampling (vectors), contains, seeding, descriptions."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import modelgym
from modelgym.spaces import Box, Dict, Discrete, MultiBinary, MultiDiscrete, Tuple, batch_space, from_description

# Seeded samples written by scripts/gen-space-vectors.py with Gymnasium 1.x's sampling logic.
VECTORS = Path(__file__).resolve().parents[3] / "test" / "fixtures" / "space-vectors.json"


def _cases():
    if not VECTORS.exists():
        return []
    doc = json.loads(VECTORS.read_text())
    # Dict/Tuple cases there share one generator (server-side spaces); ours follow Gymnasium.
    return [c for c in doc["cases"] if c["space"]["type"] not in ("Dict", "Tuple")]


@pytest.mark.skipif(not VECTORS.exists(), reason="test/fixtures/space-vectors.json not found")
@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["name"])
def test_seeded_samples_match_gymnasium(case):
    space = from_description(case["space"], use_gymnasium=False)
    space.seed(7)
    for expected in case["samples"]:
        sample = space.sample()
        assert sample in space
        if isinstance(space, Discrete):
            assert isinstance(sample, np.int64) and sample == expected
        else:
            assert sample.dtype == space.dtype and sample.shape == space.shape
            np.testing.assert_array_equal(sample, np.asarray(expected).astype(space.dtype))


def test_box_from_description_with_json_infinities():
    desc = {"type": "Box", "dtype": "float32", "shape": [2, 2], "low": [-1, "-inf", 0, "-inf"], "high": [1, 2, "inf", "inf"]}
    box = from_description(desc, use_gymnasium=False)
    assert box.shape == (2, 2) and box.dtype == np.float32
    np.testing.assert_array_equal(box.bounded_below, [[True, False], [True, False]])
    np.testing.assert_array_equal(box.bounded_above, [[True, True], [False, False]])
    same = from_description({**desc, "low": [-1, float("-inf"), 0, float("-inf")], "high": [1, 2, float("inf"), float("inf")]}, use_gymnasium=False)
    assert box == same
    assert not box.is_bounded() and Box(-1, 1, (3,)).is_bounded()


def test_integer_box_infinite_bounds_become_dtype_limits():
    box = from_description({"type": "Box", "dtype": "int32", "shape": [2], "low": ["-inf", 0], "high": [5, "inf"]}, use_gymnasium=False)
    assert box.low.tolist() == [np.iinfo(np.int32).min, 0] and box.high.tolist() == [5, np.iinfo(np.int32).max]
    assert box.bounded_below.tolist() == [False, True] and box.bounded_above.tolist() == [True, False]
    with pytest.raises(ValueError):
        Box(0, np.inf, (2,), np.uint8)


def test_box_contains():
    box = Box(-1.0, 1.0, (2,), np.float32)
    assert box.contains(np.array([0.5, -1.0], dtype=np.float32))
    assert np.array([0.5, -1.0], dtype=np.float32) in box
    assert [0.5, 0.5] in box  # lists are cast, as in Gymnasium
    assert np.array([0.5, 1.5], dtype=np.float32) not in box
    assert np.array([0.5], dtype=np.float32) not in box
    assert np.array([0.5, 0.5], dtype=np.float64) not in box  # float64 does not cast safely to float32
    assert np.array([np.nan, 0.0], dtype=np.float32) not in box
    assert "ab" not in box


def test_discrete_contains_and_sample():
    space = Discrete(3, start=-1, seed=0)
    assert all(space.sample() in space for _ in range(20))
    assert -1 in space and 1 in space and np.int64(0) in space and np.array(0) in space
    assert 2 not in space and -2 not in space and 0.0 not in space and [0] not in space
    assert space == Discrete(3, start=-1) and space != Discrete(3)


def test_multi_binary_and_multi_discrete():
    mb = MultiBinary([2, 3], seed=1)
    assert mb.shape == (2, 3) and mb.dtype == np.int8 and mb.sample() in mb
    assert [[0, 1, 1], [1, 0, 0]] in mb and [[0, 2, 1], [1, 0, 0]] not in mb and [0, 1] not in mb
    md = MultiDiscrete([3, 4], start=[1, -2], seed=1)
    assert md.shape == (2,) and md.dtype == np.int64
    assert all(md.sample() in md for _ in range(20))
    assert [3, 1] in md and [4, 1] not in md and [0, 0] not in md and [1, 1, 1] not in md


def test_dict_and_tuple_spaces():
    space = Dict({"z": Discrete(4), "a": Box(-1, 1, (2,))}, seed=3)
    assert list(space.keys()) == ["a", "z"]  # sorted, as Gymnasium sorts a dict
    sample = space.sample()
    assert sample in space and list(sample) == ["a", "z"]
    again = Dict({"z": Discrete(4), "a": Box(-1, 1, (2,))}, seed=3).sample()
    np.testing.assert_array_equal(sample["a"], again["a"])
    assert sample["z"] == again["z"]
    assert {"a": np.zeros(2, np.float32)} not in space
    tup = Tuple([Discrete(2), MultiBinary(3)], seed=3)
    value = tup.sample()
    assert isinstance(value, tuple) and value in tup and list(value) in tup
    assert (0,) not in tup
    assert tup[0] == Discrete(2) and len(tup) == 2


def test_dict_and_tuple_from_description():
    desc = {
        "type": "Dict",
        "spaces": {
            "achieved_goal": {"type": "Box", "dtype": "float64", "shape": [3], "low": ["-inf"] * 3, "high": ["inf"] * 3},
            "observation": {"type": "Tuple", "spaces": [{"type": "Discrete", "n": 5, "start": 0}, {"type": "MultiDiscrete", "dtype": "int64", "shape": [2], "nvec": [2, 3], "start": [0, 0]}]},
        },
    }
    space = from_description(desc, use_gymnasium=False)
    assert isinstance(space, Dict) and isinstance(space["observation"], Tuple)
    assert space["achieved_goal"].dtype == np.float64
    assert space.sample() in space


def test_batch_space():
    assert batch_space(Box(-1, 1, (3,)), 4) == Box(-1, 1, (4, 3))
    batched = batch_space(Discrete(3, start=1), 4)
    assert isinstance(batched, MultiDiscrete) and batched.nvec.tolist() == [3] * 4 and batched.start.tolist() == [1] * 4
    md = batch_space(MultiDiscrete([2, 5]), 3)
    assert isinstance(md, Box) and md.shape == (3, 2) and md.high[0].tolist() == [1, 4]
    mb = batch_space(MultiBinary(2), 3)
    assert isinstance(mb, Box) and mb.shape == (3, 2) and mb.dtype == np.int8
    d = batch_space(Dict({"a": Discrete(2), "b": Box(0, 1, (2,))}), 5)
    assert d["b"].shape == (5, 2) and isinstance(d["a"], MultiDiscrete)
    t = batch_space(Tuple([Discrete(2)]), 5)
    assert isinstance(t, Tuple) and t[0].shape == (5,)


def test_seed_returns_seed_and_reproduces():
    box = Box(-1, 1, (3,))
    assert box.seed(42) == 42
    first = box.sample()
    box.seed(42)
    np.testing.assert_array_equal(first, box.sample())
    np.testing.assert_array_equal(Box(-1, 1, (3,), seed=42).sample(), first)
    with pytest.raises(ValueError):
        box.seed(-1)


@pytest.mark.skipif(modelgym.HAVE_GYMNASIUM, reason="Gymnasium is installed: envs use gymnasium.spaces")
def test_env_spaces_are_modelgym_spaces(cartpole):
    assert isinstance(cartpole.observation_space, Box) and isinstance(cartpole.action_space, Discrete)
    obs, _ = cartpole.reset(seed=0)
    assert obs in cartpole.observation_space
    cartpole.action_space.seed(0)
    assert cartpole.action_space.sample() in cartpole.action_space
