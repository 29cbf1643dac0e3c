#!/usr/bin/python3
"""Writes test/fixtures/space-vectors.json: seeded samples of Gymnasium spaces.

Gymnasium is not installed where this runs (Debian's numpy 1.24 only), so the few lines of
Gymnasium 1.x's ``Space.sample`` that matter are reimplemented below in plain numpy, drawing
from ``np.random.default_rng(seed)`` exactly as ``space.np_random`` would after
``space.seed(seed)``. Each case gets a fresh generator and ``SAMPLES`` consecutive samples.

Composite cases (Tuple, Dict) share ONE generator across sub-spaces, in order: that is what
src/spaces does (it has one episode RNG), not what Gymnasium does (one RNG per sub-space).
They are here to pin down how sub-spaces interleave their draws (numpy buffers half of a
64-bit draw for 32-bit integer sampling, and that buffer carries across sub-spaces).

Usage: /usr/bin/python3 scripts/gen-space-vectors.py  (from the repository root)
"""

import json
import math
import pathlib

import numpy as np

SEED = 7
SAMPLES = 5
OUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "space-vectors.json"


# --- spaces: (description, sample(rng) -> JSON-able value) -------------------------------------


def _bound(value: float) -> object:
    """Bounds go into JSON as numbers, or "inf"/"-inf" (as the modelgym JSON codec writes them)."""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def box(low, high, shape, dtype):
    """Gymnasium 1.x Box: __init__'s bound casting and sample(), for flat per-element bounds."""
    dtype = np.dtype(dtype)
    shape = tuple(shape)
    size = int(np.prod(shape))
    low = [float(v) for v in np.broadcast_to(np.asarray(low, dtype=float), shape).flatten()]
    high = [float(v) for v in np.broadcast_to(np.asarray(high, dtype=float), shape).flatten()]

    bounded_below = np.array([-math.inf < v for v in low]).reshape(shape)
    bounded_above = np.array([v < math.inf for v in high]).reshape(shape)
    # Box._cast_low/_cast_high: signed ints replace -inf/+inf with the dtype's min/max
    # (assigned as Python ints so int64's max stays exact), everything else is cast.
    if dtype.kind == "i":
        info = np.iinfo(dtype)
        low_cast = [int(info.min) if math.isinf(v) else v for v in low]
        high_cast = [int(info.max) if math.isinf(v) else v for v in high]
    else:
        low_cast, high_cast = low, high
    s_low = np.empty(size, dtype=dtype)
    s_high = np.empty(size, dtype=dtype)
    for i in range(size):
        s_low[i] = low_cast[i]
        s_high[i] = high_cast[i]
    s_low = s_low.reshape(shape)
    s_high = s_high.reshape(shape)

    def sample(np_random):
        # --- verbatim logic of gymnasium/spaces/box.py Box.sample (1.x) ---
        high = s_high if dtype.kind == "f" else s_high.astype("int64") + 1
        sample = np.empty(shape)

        unbounded = ~bounded_below & ~bounded_above
        upp_bounded = ~bounded_below & bounded_above
        low_bounded = bounded_below & ~bounded_above
        bounded = bounded_below & bounded_above

        sample[unbounded] = np_random.normal(size=unbounded[unbounded].shape)
        sample[low_bounded] = np_random.exponential(size=low_bounded[low_bounded].shape) + s_low[low_bounded]
        sample[upp_bounded] = -np_random.exponential(size=upp_bounded[upp_bounded].shape) + high[upp_bounded]
        sample[bounded] = np_random.uniform(low=s_low[bounded], high=high[bounded], size=bounded[bounded].shape)

        if dtype.kind in ["i", "u", "b"]:
            sample = np.floor(sample)

        if np.issubdtype(dtype, np.integer):
            iinfo = np.iinfo(dtype)
            dtype_min, dtype_max = iinfo.min, iinfo.max
            if np.issubdtype(dtype, np.signedinteger):
                dtype_min += 2
                dtype_max -= 2
            sample = sample.clip(min=dtype_min, max=dtype_max)

        sample = sample.astype(dtype)

        if dtype == np.int64:
            sample = sample.clip(min=s_low, max=s_high)
        # --- end of Box.sample ---
        return sample.astype(int).tolist() if dtype.kind == "b" else sample.tolist()

    desc_low = [_bound(float(v)) if math.isinf(low[i]) else float(s_low.flat[i]) for i, v in enumerate(low)]
    desc_high = [_bound(float(v)) if math.isinf(high[i]) else float(s_high.flat[i]) for i, v in enumerate(high)]
    if dtype.kind != "f":
        desc_low = [v if isinstance(v, str) else int(v) for v in desc_low]
        desc_high = [v if isinstance(v, str) else int(v) for v in desc_high]
    desc = {"type": "Box", "dtype": dtype.name, "shape": list(shape), "low": desc_low, "high": desc_high}
    return desc, sample


def discrete(n, start=0):
    """Gymnasium 1.x Discrete.sample: start + np_random.integers(n)."""
    desc = {"type": "Discrete", "dtype": "int64", "n": n, "start": start}
    return desc, lambda np_random: int(np.int64(start) + np_random.integers(np.int64(n)))


def multi_binary(shape):
    """Gymnasium 1.x MultiBinary.sample: integers(0, 2, size=n, dtype=int8) (the int8 path)."""
    desc = {"type": "MultiBinary", "dtype": "int8", "shape": list(shape)}
    return desc, lambda np_random: np_random.integers(low=0, high=2, size=tuple(shape), dtype=np.int8).tolist()


def multi_discrete(nvec, start=None):
    """Gymnasium 1.x MultiDiscrete.sample: (random(shape) * nvec).astype(int64) + start."""
    nvec = np.array(nvec, dtype=np.int64)
    start = np.zeros(nvec.shape, dtype=np.int64) if start is None else np.array(start, dtype=np.int64)
    desc = {
        "type": "MultiDiscrete",
        "dtype": "int64",
        "shape": list(nvec.shape),
        "nvec": nvec.flatten().tolist(),
        "start": start.flatten().tolist(),
    }
    return desc, lambda np_random: ((np_random.random(nvec.shape) * nvec).astype(np.int64) + start).tolist()


def tuple_(*parts):
    """Tuple sampled with ONE shared generator, sub-spaces in order (modelgym, not Gymnasium)."""
    desc = {"type": "Tuple", "spaces": [d for d, _ in parts]}
    return desc, lambda np_random: [s(np_random) for _, s in parts]


def dict_(**parts):
    """Dict (keys sorted, as Gymnasium sorts a dict) sampled with ONE shared generator."""
    keys = sorted(parts)
    desc = {"type": "Dict", "spaces": {k: parts[k][0] for k in keys}}
    return desc, lambda np_random: {k: parts[k][1](np_random) for k in keys}


INF = math.inf
CASES = {
    # required by the spec of src/spaces
    "box_f32_bounded": box(-1.0, 1.0, (3,), np.float32),
    "box_f64_unbounded": box(-INF, INF, (2,), np.float64),
    # one of each interval kind, listed in the reverse of numpy's fill order
    "box_f32_mixed": box([-1.0, -INF, 0.5, -INF], [1.0, 2.0, INF, INF], (4,), np.float32),
    "box_i64_bounded": box(0, 5, (3,), np.int64),
    "discrete_5_start_-2": discrete(5, start=-2),
    "multi_binary_6": multi_binary((6,)),
    "multi_discrete_3_5_7": multi_discrete([3, 5, 7]),
    # extra coverage
    "box_f64_mixed": box([-1.0, -INF, 0.5, -INF], [1.0, 2.0, INF, INF], (4,), np.float64),
    "box_f32_2x2_per_element": box([[-1.0, 0.1], [-3.5, 10.0]], [[1.0, 0.2], [3.5, 1e6]], (2, 2), np.float32),
    "box_i32_mixed": box([-3, -INF, 2, -INF], [3, 4, INF, INF], (4,), np.int32),
    "box_i8_unbounded": box(-INF, INF, (3,), np.int8),
    "box_i8_full_range": box(-128, 127, (4,), np.int8),
    "box_u8_image": box(0, 255, (2, 3), np.uint8),
    "box_bool": box(0, 1, (4,), np.bool_),
    "discrete_3": discrete(3),
    "multi_binary_3": multi_binary((3,)),
    "multi_binary_2x5": multi_binary((2, 5)),
    "multi_discrete_2x2_start": multi_discrete([[2, 3], [4, 5]], start=[[0, -1], [10, 100]]),
    "tuple_shared_rng": tuple_(discrete(3), multi_binary((3,)), box(-1.0, 1.0, (2,), np.float64), discrete(7)),
    "dict_shared_rng": dict_(b=discrete(4), a=box(-2.0, 2.0, (2,), np.float32), c=multi_discrete([2, 9])),
}


def main() -> None:
    cases = []
    for name, (desc, sample) in CASES.items():
        np_random = np.random.default_rng(SEED)
        cases.append({"name": name, "space": desc, "samples": [sample(np_random) for _ in range(SAMPLES)]})
    doc = {
        "generator": f"numpy {np.__version__} np.random.default_rng({SEED}), Gymnasium 1.x sample logic",
        "seed": SEED,
        "cases": cases,
    }
    OUT.write_text(json.dumps(doc, indent=1, allow_nan=False) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
