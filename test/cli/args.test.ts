import { describe, expect, it } from 'vitest';
import { LEARN_DEFAULTS, parseLearnArgs, UsageError } from '../../src/cli/args.ts';

/** The options of a run (fails the test on --help). */
function options(argv: string[]) {
  const args = parseLearnArgs(argv);
  if (args.help) throw new Error('expected a run');
  return args.options;
}

describe('learn arguments', () => {
  it('fills in the defaults', () => {
    expect(options(['--env', 'Pendulum-v1'])).toEqual({
      env: 'Pendulum-v1',
      agent: 'mpc',
      preset: 'fast',
      steps: 2000,
      seed: 0,
      evalEpisodes: 0,
      json: false,
    });
    expect(LEARN_DEFAULTS.mpcPreset).toBe('fast');
    // Other families start from their own default preset; the warm-up is the job's default.
    expect(options(['--env', 'Pendulum-v1', '--agent', 'sac'])).toEqual({
      env: 'Pendulum-v1',
      agent: 'sac',
      steps: 2000,
      seed: 0,
      evalEpisodes: 0,
      json: false,
    });
    expect(
      options(['--env', 'Pendulum-v1', '--agent', 'sac', '--checkpoint-every', '500']).checkpointEvery,
    ).toBe(500);
  });

  it('reads every option, in either --name value or --name=value form', () => {
    expect(
      options([
        '--env=tasks/PointMass1D-v0',
        '--agent',
        'mpc',
        '--preset',
        'pets',
        '--steps',
        '90',
        '--warmup=30',
        '--refit-every',
        '30',
        '--seed',
        '7',
        '--config',
        '{"planner":{"type":"cem","horizon":5}}',
        '--eval',
        '3',
        '--url',
        'http://127.0.0.1:8080/',
        '--json',
      ]),
    ).toEqual({
      env: 'tasks/PointMass1D-v0',
      agent: 'mpc',
      preset: 'pets',
      steps: 90,
      warmup: 30,
      refitEvery: 30,
      seed: 7,
      config: { planner: { type: 'cem', horizon: 5 } },
      evalEpisodes: 3,
      url: 'http://127.0.0.1:8080',
      json: true,
    });
    expect(options(['--env', 'Pendulum-v1', '--data-dir', '/tmp/x']).dataDir).toBe('/tmp/x');
  });

  it('answers help for -h and --help, whatever else is given', () => {
    expect(parseLearnArgs(['--help'])).toEqual({ help: true });
    expect(parseLearnArgs(['-h', '--env', 'Pendulum-v1'])).toEqual({ help: true });
  });

  it('refuses mistakes with a one-line message naming the option', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /--env is required/],
      [['--env', ''], /--env is required/],
      [
        ['--env', 'Pendulum-v1', '--agent', 'P P O'],
        /--agent must be an agent type such as mpc, sac or mbpo/,
      ],
      [
        ['--env', 'Pendulum-v1', '--checkpoint-every', '0'],
        /--checkpoint-every must be an integer in \[1, 1000000\]/,
      ],
      [['--env', 'Pendulum-v1', '--steps', '0'], /--steps must be an integer in \[1, 1000000\], got "0"/],
      [['--env', 'Pendulum-v1', '--steps', '1.5'], /--steps must be an integer/],
      [['--env', 'Pendulum-v1', '--steps', 'many'], /--steps must be an integer/],
      [['--env', 'Pendulum-v1', '--steps=-3'], /--steps must be an integer/],
      [['--env', 'Pendulum-v1', '--steps', '-3'], /'--steps' argument is ambiguous/],
      [['--env', 'Pendulum-v1', '--warmup', '-1'], /--warmup/],
      [['--env', 'Pendulum-v1', '--refit-every', '0'], /--refit-every must be an integer in \[1,/],
      [['--env', 'Pendulum-v1', '--eval', '1001'], /--eval must be an integer in \[0, 1000\]/],
      [['--env', 'Pendulum-v1', '--config', '{bad'], /--config is not valid JSON/],
      [['--env', 'Pendulum-v1', '--config', '[1]'], /--config must be a JSON object/],
      [['--env', 'Pendulum-v1', '--config', 'null'], /--config must be a JSON object/],
      [['--env', 'Pendulum-v1', '--url', 'localhost'], /--url must be an http\(s\) URL/],
      [['--env', 'Pendulum-v1', '--url', 'ftp://x'], /--url must be an http\(s\) URL/],
      [['--env', 'Pendulum-v1', '--url', 'http://x', '--data-dir', 'd'], /--data-dir is for in-process runs/],
      [['--env', 'Pendulum-v1', '--bogus'], /Unknown option '--bogus'/],
      [['--env', 'Pendulum-v1', 'extra'], /Unexpected argument 'extra'/],
      [['--env'], /argument missing/],
    ];
    for (const [argv, message] of cases) {
      let error: unknown;
      try {
        parseLearnArgs(argv);
      } catch (err) {
        error = err;
      }
      expect(error, argv.join(' ')).toBeInstanceOf(UsageError);
      expect((error as Error).message, argv.join(' ')).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
