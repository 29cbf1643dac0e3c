import { describe, expect, it } from 'vitest';
import type { EpisodeState } from '../envs/episode.ts';
import { Generator } from '../rng/generator.ts';
import { decodeEpisodeToken, encodeEpisodeToken } from './episode-token.ts';
import { Keyring, stateKeyFromSecret } from './keyring.ts';

const keyring = new Keyring(stateKeyFromSecret('episode token test secret'));
const base: EpisodeState = {
  env: 'tasks/Thing-v0',
  kwargs: { k: 3 },
  physical: [0.1, -2.5, 1e-300],
  rng: Generator.fromSeed(1).getState(),
  steps: 7,
  done: false,
};

describe('episode tokens', () => {
  it('round-trip every field exactly, task and schedule included', () => {
    expect(decodeEpisodeToken(encodeEpisodeToken(base, keyring), base.env, keyring)).toEqual(base);
    const withTask: EpisodeState = {
      ...base,
      task: { goal: [0.25, -0.5] },
      reveal: true,
      schedule: { switches: [{ at_step: 3, task: { goal: [1, 1] } }], probability: 0.1, split: 'test' },
    };
    expect(decodeEpisodeToken(encodeEpisodeToken(withTask, keyring), base.env, keyring)).toEqual(withTask);
  });

  it('keep the task unreadable without the key', () => {
    const token = encodeEpisodeToken({ ...base, task: { secret_goal: 0.123456 } }, keyring);
    const bytes = Buffer.from(token.split('.')[2]!, 'base64url');
    expect(bytes.includes(Buffer.from('secret_goal'))).toBe(false);
  });
});
