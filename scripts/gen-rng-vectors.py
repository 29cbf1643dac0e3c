#!/usr/bin/python3
"""Generate test vectors for src/rng (numpy-compatible Generator) from numpy itself.

Run with Debian's numpy 1.24 (NOT a pyenv/venv numpy 2.x, whose streams we do
not promise to match):

    /usr/bin/python3 scripts/gen-rng-vectors.py            # writes test/fixtures/rng-vectors.json
    /usr/bin/python3 scripts/gen-rng-vectors.py --check    # exits 1 if the file is stale

It also records glibc's log1p (called through ctypes, exactly as numpy's C code
calls it) on deterministic inputs, for both of glibc's x86-64 builds: the
baseline SSE2 one (a subprocess with GLIBC_TUNABLES masking FMA/AVX2) and, when
this CPU selects it, the FMA one. numpy's ziggurat tails return r - log1p(-u),
so src/rng/libm.ts ports log1p bit for bit and is checked against these.

The output is fully deterministic (fixed seeds, sorted keys, floats written
with repr so they round-trip bit-exactly through JSON.parse), so re-running it
rewrites an identical file on the same kind of machine. Caveat: numpy's tail
draws and the log1p digests come from the local glibc; the committed file was
made on x86-64 with FMA and glibc 2.36 (Debian 12). On a non-FMA CPU,
"fma_sha256" becomes null and the FMA test is skipped.

Integers that may exceed 2**53 (seeds, uint64 draws, 128-bit PCG64 state) are
written as decimal strings; TypeScript reads them as BigInt.
"""

import ctypes
import hashlib
import json
import os
import platform
import struct
import subprocess
import sys

import numpy as np

EXPECTED_NUMPY = "1.24"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "rng-vectors.json")

SEEDS = [0, 1, 42, 12345, 2**32 + 5, 2**64 + 7, 2**100 + 3]

# Ranges for integers(low, high); chosen to hit every branch of numpy's
# random_bounded_uint64_fill: rng == 0, Lemire-32 (buffered uint32),
# rng == 0xFFFFFFFF (raw next_uint32) and Lemire-64.
INT_RANGES = [
    (0, 2),
    (0, 10),
    (0, 1000),
    (-5, 5),
    (7, 8),  # rng == 0: returns low without drawing
    (0, 2**32),  # rng == 0xFFFFFFFF
    (0, 2**32 + 1),  # smallest 64-bit Lemire range
    (0, 2**40),
    (-(2**40), 2**40),
    (-(2**53) + 1, 2**53 - 1),
    (3, 2**31 + 3),
]

N_DIGEST = 100_000

# log1p inputs: x = scale * u with u = default_rng(seed).random(count); every scale is a power
# of two so TypeScript rebuilds the same inputs exactly from its own (verified) random().
LOG1P_SECTIONS = [
    {"seed": 7, "count": 200_000, "scale": -1.0},  # the ziggurat tails' domain: log1p(-u)
    {"seed": 8, "count": 5_000, "scale": -(2.0**-29)},  # |x| < 2^-29 branch
    {"seed": 9, "count": 5_000, "scale": -(2.0**-40)},
    {"seed": 10, "count": 5_000, "scale": 1.0},  # positive arguments, for completeness
]
# Masks FMA/AVX2 so glibc's ifunc resolver picks the baseline build (old and new tunable names).
NO_FMA_TUNABLES = "glibc.cpu.hwcaps=-AVX2,-FMA,-AVX2_Usable,-FMA_Usable,-FMA4_Usable"


def state_dict(bg):
    st = bg.state
    return {
        "bit_generator": st["bit_generator"],
        "state": {"state": str(st["state"]["state"]), "inc": str(st["state"]["inc"])},
        "has_uint32": int(st["has_uint32"]),
        "uinteger": int(st["uinteger"]),
    }


def floats(arr):
    return [float(x) for x in arr]


def digest(values):
    """sha256 of the float64 values packed little-endian, so big streams can be compared exactly."""
    return hashlib.sha256(struct.pack("<%dd" % len(values), *values)).hexdigest()


def integers_script(seed):
    """Interleave integers() and random() so the buffered uint32 half is exercised."""
    rng = np.random.default_rng(seed)
    ops = []
    for rep in range(3):
        for low, high in INT_RANGES:
            ops.append({"op": "integers", "low": low, "high": high, "value": int(rng.integers(low, high))})
            if (rep + low + high) % 3 == 0:
                ops.append({"op": "random", "value": float(rng.random())})
        ops.append({"op": "state", "value": state_dict(rng.bit_generator)})
    # An odd number of 32-bit draws leaves has_uint32 == 1; record it.
    ops.append({"op": "integers", "low": 0, "high": 6, "value": int(rng.integers(0, 6))})
    ops.append({"op": "state", "value": state_dict(rng.bit_generator)})
    ops.append({"op": "random", "value": float(rng.random())})
    ops.append({"op": "integers", "low": 0, "high": 6, "value": int(rng.integers(0, 6))})
    ops.append({"op": "state", "value": state_dict(rng.bit_generator)})
    for low, high in INT_RANGES:
        ops.append({"op": "integers", "low": low, "high": high, "value": int(rng.integers(low, high))})
    ops.append({"op": "state", "value": state_dict(rng.bit_generator)})
    return ops


def seed_case(seed):
    ss = np.random.SeedSequence(seed)
    case = {
        "seed": str(seed),
        "pool": [int(x) for x in ss.pool],
        "generate_state_u64": [str(int(x)) for x in ss.generate_state(4, np.uint64)],
    }

    rng = np.random.default_rng(seed)
    case["initial_state"] = state_dict(rng.bit_generator)

    bg = np.random.default_rng(seed).bit_generator
    case["uint64"] = [str(int(x)) for x in bg.random_raw(20)]

    bg = np.random.default_rng(seed).bit_generator
    case["uint32"] = [int(bg.ctypes.next_uint32(bg.ctypes.state)) for _ in range(11)]
    case["state_after_uint32"] = state_dict(bg)

    bg = np.random.default_rng(seed).bit_generator
    case["double"] = [float(bg.ctypes.next_double(bg.ctypes.state)) for _ in range(10)]

    rng = np.random.default_rng(seed)
    case["random"] = [float(rng.random()) for _ in range(10)]

    rng = np.random.default_rng(seed)
    case["uniform"] = [float(rng.uniform(-0.05, 0.05)) for _ in range(10)]

    case["integers"] = integers_script(seed)

    rng = np.random.default_rng(seed)
    case["standard_normal"] = [float(rng.standard_normal()) for _ in range(1000)]
    case["state_after_standard_normal"] = state_dict(rng.bit_generator)

    rng = np.random.default_rng(seed)
    case["normal"] = [float(rng.normal(1.5, 0.25)) for _ in range(20)]

    rng = np.random.default_rng(seed)
    case["standard_exponential"] = [float(rng.standard_exponential()) for _ in range(200)]

    rng = np.random.default_rng(seed)
    case["exponential"] = [float(rng.exponential(2.5)) for _ in range(20)]
    return case


def tail_sample(values, threshold):
    """Index/value pairs of draws beyond `threshold` (ziggurat tail), to localise a digest mismatch."""
    return [[i, v] for i, v in enumerate(values) if abs(v) > threshold]


def streams():
    """Long streams compared by digest: enough draws to exercise the ziggurat tail and wedge paths many times."""
    out = []
    for seed in (0, 42, 2**64 + 7):
        rng = np.random.default_rng(seed)
        normals = floats(rng.standard_normal(N_DIGEST))
        rng = np.random.default_rng(seed)
        expos = floats(rng.standard_exponential(N_DIGEST))
        out.append(
            {
                "seed": str(seed),
                "count": N_DIGEST,
                "standard_normal_sha256": digest(normals),
                "standard_normal_tail": tail_sample(normals, 3.6541528853610088),
                "standard_exponential_sha256": digest(expos),
                "standard_exponential_tail": tail_sample(expos, 7.69711747013105),
            }
        )
    return out


def round_trip():
    """Get the state mid-stream (with a buffered uint32 pending), then record what follows."""
    rng = np.random.default_rng(42)
    prefix = [float(rng.random()) for _ in range(5)] + [int(rng.integers(0, 10)) for _ in range(3)]
    mid = state_dict(rng.bit_generator)
    assert mid["has_uint32"] == 1
    cont = {
        "random": [float(rng.random()) for _ in range(5)],
        "integers_0_10": [int(rng.integers(0, 10)) for _ in range(3)],
        "standard_normal": [float(rng.standard_normal()) for _ in range(5)],
        "standard_exponential": [float(rng.standard_exponential()) for _ in range(5)],
    }
    end = state_dict(rng.bit_generator)
    return {"seed": "42", "prefix": prefix, "state": mid, "continuation": cont, "end_state": end}


def log1p_inputs():
    xs = []
    for sec in LOG1P_SECTIONS:
        u = np.random.default_rng(sec["seed"]).random(sec["count"])
        xs.extend(float(sec["scale"] * v) for v in u)
    return xs


def libm_log1p_values():
    libm = ctypes.CDLL("libm.so.6")
    libm.log1p.restype = ctypes.c_double
    libm.log1p.argtypes = [ctypes.c_double]
    return [libm.log1p(x) for x in log1p_inputs()]


def log1p_case():
    native = libm_log1p_values()
    env = dict(os.environ, GLIBC_TUNABLES=NO_FMA_TUNABLES)
    sse2 = json.loads(
        subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--log1p-worker"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    native_digest = digest(native)
    fma = native_digest != sse2["sha256"]
    return {
        "sections": LOG1P_SECTIONS,
        "glibc": platform.libc_ver()[1],
        "sse2_sha256": sse2["sha256"],
        "sse2_first": sse2["first"],
        # null when this machine's libm did not pick a distinct FMA build.
        "fma_sha256": native_digest if fma else None,
        "fma_first": native[:50] if fma else None,
    }


def main():
    if "--log1p-worker" in sys.argv[1:]:
        values = libm_log1p_values()
        print(json.dumps({"sha256": digest(values), "first": values[:50]}))
        return
    if not np.__version__.startswith(EXPECTED_NUMPY + "."):
        sys.exit(f"need numpy {EXPECTED_NUMPY}.x (run with /usr/bin/python3), got {np.__version__}")
    data = {
        "numpy_version": np.__version__,
        "generated_by": "scripts/gen-rng-vectors.py",
        "seeds": [seed_case(s) for s in SEEDS],
        "streams": streams(),
        "round_trip": round_trip(),
        "log1p": log1p_case(),
    }
    text = json.dumps(data, sort_keys=True, indent=1) + "\n"
    if "--check" in sys.argv[1:]:
        with open(OUT) as f:
            if f.read() != text:
                sys.exit(f"{OUT} is stale; re-run {sys.argv[0]}")
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
