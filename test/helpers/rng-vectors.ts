/**
 * Typed loader for test/fixtures/rng-vectors.json (written by scripts/gen-rng-vectors.py from
 * numpy 1.24). Test-only: imported by the src/rng tests, never by runtime code. Read with
 * fs rather than a JSON import so tsc does not have to infer a type for ~300 KB of numbers.
 */

import { readFileSync } from 'node:fs';
import type { RngState } from '../../src/rng/generator.ts';

/** One step of the interleaved integers()/random() script. */
export type IntegersOp =
  | { op: 'integers'; low: number; high: number; value: number }
  | { op: 'random'; value: number }
  | { op: 'state'; value: RngState };

/** Everything recorded for one seed; each list starts from a fresh `default_rng(seed)`. */
export interface SeedCase {
  seed: string;
  pool: number[];
  generate_state_u64: string[];
  initial_state: RngState;
  uint64: string[];
  uint32: number[];
  state_after_uint32: RngState;
  double: number[];
  random: number[];
  uniform: number[];
  integers: IntegersOp[];
  standard_normal: number[];
  state_after_standard_normal: RngState;
  normal: number[];
  standard_exponential: number[];
  exponential: number[];
}

/** Long streams compared by sha256 of their little-endian float64 bytes. */
export interface StreamCase {
  seed: string;
  count: number;
  standard_normal_sha256: string;
  standard_normal_tail: [number, number][];
  standard_exponential_sha256: string;
  standard_exponential_tail: [number, number][];
}

/** A state captured mid-stream (with a buffered uint32) and what numpy draws after it. */
export interface RoundTripCase {
  seed: string;
  prefix: number[];
  state: RngState;
  continuation: {
    random: number[];
    integers_0_10: number[];
    standard_normal: number[];
    standard_exponential: number[];
  };
  end_state: RngState;
}

/** glibc log1p outputs on deterministic inputs, for both x86-64 builds of glibc. */
export interface Log1pCase {
  sections: { seed: number; count: number; scale: number }[];
  glibc: string;
  sse2_sha256: string;
  sse2_first: number[];
  fma_sha256: string | null;
  fma_first: number[] | null;
}

/** The whole fixture file. */
export interface RngVectors {
  numpy_version: string;
  seeds: SeedCase[];
  streams: StreamCase[];
  round_trip: RoundTripCase;
  log1p: Log1pCase;
}

/** Parses the fixture file once per test file. */
export function loadRngVectors(): RngVectors {
  const url = new URL('../fixtures/rng-vectors.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as RngVectors;
}
