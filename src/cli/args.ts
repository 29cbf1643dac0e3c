/**
 * The `learn` command's options: parsed with `node:util`'s `parseArgs`, checked, defaulted.
 * Mistakes throw {@link UsageError} (exit code 2) with a one-line message.
 * @module
 */
import { parseArgs } from 'node:util';

/** A command-line mistake: the CLI prints the message and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The `learn` command's settings, defaults filled in. */
export interface LearnOptions {
  env: string;
  /** The agent type (`mpc`, `sac`, `mbpo`; the server or the in-process service checks it). */
  agent: string;
  /** Absent: the family's default preset (MPC: `fast`). */
  preset?: string;
  steps: number;
  /** Absent: the family's default (MPC 200 steps, SAC and MBPO their config's `learning_starts`). */
  warmup?: number;
  /** MPC: env steps between refits (absent: 200). */
  refitEvery?: number;
  /** SAC and MBPO: env steps between checkpoints (absent: 1000). */
  checkpointEvery?: number;
  seed: number;
  /** `--config`: the family's config overrides, field by field over the preset. */
  config?: Record<string, unknown>;
  /** `--url`: a running server's base URL (no trailing slash); absent: run in process. */
  url?: string;
  /** `--data-dir` (in process only); absent: a fresh temp dir. */
  dataDir?: string;
  /** Evaluation episodes after learning. */
  evalEpisodes: number;
  json: boolean;
}

/** What the command line asks for: the help text, or a run. */
export type LearnArgs = { help: true } | { help: false; options: LearnOptions };

/** The defaults of the numeric options and the preset. */
export const LEARN_DEFAULTS = {
  agent: 'mpc',
  /** MPC's preset when none is named: small and quick. Other families use their own default. */
  mpcPreset: 'fast',
  steps: 2000,
  seed: 0,
  evalEpisodes: 0,
} as const;

/** `modelgym learn --help`. */
export const learnUsage = `usage: modelgym learn --env <id> [options]

RL on a served env, with the agent's learn job: random actions for --warmup steps, then the
agent's policy. MPC plans with the latest model, refitted every --refit-every steps; SAC samples
from its actor and updates every step, with a checkpoint (a version) every --checkpoint-every
steps; MBPO does as SAC, updating on rollouts of a model it refits on schedule. Progress goes to stderr (a bar on a terminal, a line per episode otherwise); the final
table (or --json) to stdout.

options:
  --env <id>              env to learn, e.g. Pendulum-v1 (required)
  --agent <type>          agent type: mpc, sac or mbpo (default mpc)
  --preset <name>         the agent's preset (MPC: default, pets, icem, pddm, fast - default fast,
                          small and quick; SAC: default, pendulum; MBPO: default,
                          inverted-pendulum, pendulum - default default)
  --steps <n>             env steps in all, warm-up included (default 2000)
  --warmup <n>            random-action steps first (MPC default 200, SAC/MBPO learning_starts)
  --refit-every <n>       MPC: env steps between model refits (default 200)
  --checkpoint-every <n>  SAC/MBPO: env steps between checkpoints (default 1000)
  --seed <n>              episode k starts from seed + k (default 0)
  --config <json>         config overrides, e.g. '{"planner":{"horizon":10}}' (MPC) or
                          '{"learning_rate":0.001}' (SAC), '{"sac":{"gradient_steps":5}}' (MBPO)
  --eval <n>            evaluation episodes after learning, seeds 0..n-1 (default 0)
  --url <base>          talk to a running server (e.g. http://127.0.0.1:8080) instead of running in process
  --data-dir <dir>      in process: where the agent is stored (default: a fresh temp dir, printed)
  --json                print the result as JSON instead of the table
  -h, --help            this text

exit codes: 0 done, 1 failed (server unreachable, job failed), 2 bad arguments or unknown env
`;

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  }
  return value;
}

function configFrom(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new UsageError(`--config is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('--config must be a JSON object, e.g. \'{"planner":{"horizon":10}}\'');
  }
  return value as Record<string, unknown>;
}

function urlFrom(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url must be an http(s) URL such as http://127.0.0.1:8080, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must be an http(s) URL, got "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}

/** Parses the arguments after `learn`; throws {@link UsageError}. */
export function parseLearnArgs(argv: readonly string[]): LearnArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        env: { type: 'string' },
        agent: { type: 'string' },
        preset: { type: 'string' },
        steps: { type: 'string' },
        warmup: { type: 'string' },
        'refit-every': { type: 'string' },
        'checkpoint-every': { type: 'string' },
        seed: { type: 'string' },
        config: { type: 'string' },
        eval: { type: 'string' },
        url: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    // parseArgs's messages name the option; some take several lines.
    throw new UsageError((err as Error).message.replaceAll('\n', ' '));
  }
  if (values.help) return { help: true };
  const str = (name: string) => values[name] as string | undefined;
  const env = str('env');
  if (env === undefined || env === '') throw new UsageError('--env is required, e.g. --env Pendulum-v1');
  const agent = str('agent') ?? LEARN_DEFAULTS.agent;
  if (!/^[a-z][a-z0-9-]*$/.test(agent))
    throw new UsageError(`--agent must be an agent type such as mpc, sac or mbpo, got "${agent}"`);
  const optional = (name: string, key: keyof LearnOptions) => {
    const raw = str(name);
    return raw === undefined ? {} : { [key]: integer(name, raw, 0, key === 'warmup' ? 0 : 1, 1_000_000) };
  };
  const preset = str('preset') ?? (agent === 'mpc' ? LEARN_DEFAULTS.mpcPreset : undefined);
  const url = urlFrom(str('url'));
  const dataDir = str('data-dir');
  if (url !== undefined && dataDir !== undefined) {
    throw new UsageError(
      '--data-dir is for in-process runs: the server keeps its agents in its own data dir',
    );
  }
  const config = configFrom(str('config'));
  const options: LearnOptions = {
    env,
    agent,
    ...(preset !== undefined ? { preset } : {}),
    steps: integer('steps', str('steps'), LEARN_DEFAULTS.steps, 1, 1_000_000),
    ...optional('warmup', 'warmup'),
    ...optional('refit-every', 'refitEvery'),
    ...optional('checkpoint-every', 'checkpointEvery'),
    seed: integer('seed', str('seed'), LEARN_DEFAULTS.seed, 0, 4_294_967_295),
    evalEpisodes: integer('eval', str('eval'), LEARN_DEFAULTS.evalEpisodes, 0, 1000),
    json: values.json === true,
    ...(config !== undefined ? { config } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(dataDir !== undefined ? { dataDir } : {}),
  };
  return { help: false, options };
}
