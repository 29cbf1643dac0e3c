import { describe, expect, it } from 'vitest';
import type { EnvDefinition } from './env.ts';
import { UnknownEnvError } from './errors.ts';
import { EnvRegistry, parseEnvId } from './registry.ts';

const fake = (id: string) => ({ id }) as unknown as EnvDefinition;

describe('env ids', () => {
  it("parses Gymnasium's grammar", () => {
    expect(parseEnvId('CartPole-v1')).toEqual({ namespace: undefined, name: 'CartPole', version: 1 });
    expect(parseEnvId('tasks/Point2D-v0')).toEqual({ namespace: 'tasks', name: 'Point2D', version: 0 });
    expect(parseEnvId('MountainCar')).toEqual({
      namespace: undefined,
      name: 'MountainCar',
      version: undefined,
    });
    expect(() => parseEnvId('a/b/c-v0')).toThrow(/malformed/);
  });
});

describe('EnvRegistry', () => {
  it('registers versioned ids once and suggests the right one for a near miss', () => {
    const r = new EnvRegistry();
    r.register(fake('CartPole-v1'));
    r.register(fake('ns/Thing-v3'));
    expect(() => r.register(fake('CartPole-v1'))).toThrow(/already registered/);
    expect(() => r.register(fake('NoVersion'))).toThrow(/needs a -vN/);
    expect(r.get('CartPole-v1').id).toBe('CartPole-v1');
    const miss = (() => {
      try {
        r.get('cartpole-v0');
      } catch (e) {
        return e as UnknownEnvError;
      }
    })();
    expect(miss).toBeInstanceOf(UnknownEnvError);
    expect(miss?.suggestion).toBe('CartPole-v1');
    expect(() => r.get('Thing-v3')).toThrow(/did you mean "ns\/Thing-v3"/);
    expect(r.list().map((d) => d.id)).toEqual(['CartPole-v1', 'ns/Thing-v3']);
  });
});
