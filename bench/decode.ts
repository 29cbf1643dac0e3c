/**
 * `npm run bench -- decode`: the strict msgpack decoder (src/wire/msgpack-decode.ts) against
 * msgpackr's unpack (the decoder it replaced, native string extraction included) on typical
 * request bodies, and what the JSON limit scan adds to `JSON.parse`. Both decoders run in the
 * same process, interleaved in short rounds; the table gives the fastest round (least disturbed
 * by other work on the machine) and the median.
 */
import { Packr } from 'msgpackr';
import { checkJsonLimits, stringifyJson } from '../src/wire/json.ts';
import { defaultDecodeLimits } from '../src/wire/limits.ts';
import { PACKR_OPTIONS, packMsgpack } from '../src/wire/msgpack.ts';
import { decodeMsgpack } from '../src/wire/msgpack-decode.ts';

/** msgpackr with the server's settings: what it decoded with before the strict decoder. */
const packr = new Packr(PACKR_OPTIONS);

function bodies(): Record<string, unknown> {
  const token = `v1.k7f3a9.${Buffer.from(Array.from({ length: 180 }, (_, i) => (i * 37) & 255)).toString('base64url')}`;
  const rows = Array.from({ length: 1000 }, (_, i) => [Math.cos(i), Math.sin(i), i * 0.01]);
  return {
    'step request': { state: token, action: [0.5] },
    '1024 floats': { observation: Array.from({ length: 1024 }, (_, i) => Math.sin(i) * 1.2345), seed: 3 },
    'tensor (32 KiB bin)': {
      state: token,
      action: { dtype: 'float32', shape: [1024, 8], data: Uint8Array.from({ length: 32768 }, (_, i) => i) },
    },
    '1000 transitions': {
      observation: rows,
      action: rows.map((r) => [r[0]]),
      reward: rows.map((r) => r[1]),
      next_observation: rows,
    },
    'step response': {
      observation: [0.1, 0.2, 0.3],
      reward: -1.25,
      terminated: false,
      truncated: false,
      info: { 'TimeLimit.truncated': false },
      state: token,
    },
  };
}

/** Fastest and median microseconds per call of each function, interleaved over `rounds`. */
function race(
  fns: Record<string, () => unknown>,
  iters: number,
  rounds: number,
): Record<string, [number, number]> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(fns)) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < iters; i++) fn();
      times[name]!.push(Number(process.hrtime.bigint() - t0) / iters / 1000);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([k, t]) => {
      const sorted = [...t].sort((a, b) => a - b);
      return [k, [sorted[0]!, sorted[sorted.length >> 1]!]];
    }),
  );
}

export async function benchDecode(quick: boolean) {
  const rounds = quick ? 40 : 300;
  // As the server gets bodies: plain Uint8Arrays over fresh ArrayBuffers.
  const inputs = Object.entries(bodies()).map(([name, body]) => ({
    name,
    msgpack: new Uint8Array(packMsgpack(body)),
    json: new Uint8Array(Buffer.from(stringifyJson(body))),
  }));
  for (const { msgpack } of inputs) {
    for (let i = 0; i < 2000; i++) {
      packr.unpack(msgpack);
      decodeMsgpack(msgpack);
    }
  }
  const msgpackRows = [];
  const jsonRows = [];
  for (const { name, msgpack, json } of inputs) {
    const m = race(
      { msgpackr: () => packr.unpack(msgpack), strict: () => decodeMsgpack(msgpack) },
      Math.max(20, Math.floor(1e5 / msgpack.length)),
      rounds,
    );
    msgpackRows.push({
      body: name,
      bytes: msgpack.length,
      msgpackr_us: m.msgpackr!,
      strict_us: m.strict!,
      ratio: [m.strict![0] / m.msgpackr![0], m.strict![1] / m.msgpackr![1]],
    });
    const j = race(
      {
        parse: () => JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8')),
        scan: () => checkJsonLimits(json, defaultDecodeLimits),
      },
      Math.max(20, Math.floor(1e5 / json.length)),
      rounds,
    );
    jsonRows.push({ body: name, bytes: json.length, parse_us: j.parse!, scan_us: j.scan! });
  }
  const f = (x: number) => x.toFixed(2);
  const pair = ([a, b]: [number, number]) => `${f(a)} / ${f(b)}`;
  const markdown = [
    '# Request body decoding',
    '',
    'Strict msgpack decoder against msgpackr `unpack` (µs per body, fastest round / median round;',
    'ratio < 1: the strict decoder is faster).',
    '',
    '| body | bytes | msgpackr | strict | strict / msgpackr |',
    '| ---- | ----: | -------: | -----: | ----------------: |',
    ...msgpackRows.map(
      (r) =>
        `| ${r.body} | ${r.bytes} | ${pair(r.msgpackr_us)} | ${pair(r.strict_us)} | ${pair(r.ratio as [number, number])} |`,
    ),
    '',
    'The JSON limit scan (depth and item count) against `JSON.parse` of the same body as the API',
    'writes it in JSON (bin as base64; µs, fastest round / median round).',
    '',
    '| body | bytes | JSON.parse | limit scan |',
    '| ---- | ----: | ---------: | ---------: |',
    ...jsonRows.map((r) => `| ${r.body} | ${r.bytes} | ${pair(r.parse_us)} | ${pair(r.scan_us)} |`),
    '',
  ].join('\n');
  return { json: { msgpack: msgpackRows, json: jsonRows }, markdown };
}
