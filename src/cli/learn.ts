/**
 * `modelgym learn`: model-based RL on a served env with a progress display on stderr and a final
 * table (or JSON) on stdout, in process or through a server (`--url`). See `learnUsage`.
 * @module
 */
import { type LearnOptions, learnUsage, parseLearnArgs, UsageError } from './args.ts';
import { describeFailure } from './errors.ts';
import { formatNumber } from './format.ts';
import type { LearnEvents } from './learn-events.ts';
import { ProgressDisplay, type ProgressStream } from './progress.ts';
import { type LearnReport, summarize } from './report.ts';
import { formatLearnTable } from './table.ts';

/** Where the command reads its signal from and writes to (the process's streams by default). */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  /** Aborted on Ctrl-C: the run stops (a server job is cancelled). */
  signal?: AbortSignal;
}

const PREFIX = 'modelgym learn: ';

/** The JSON printed by `--json`: the report with its summary. */
export function reportJson(report: LearnReport): string {
  const s = summarize(report);
  return `${JSON.stringify(
    {
      ...report,
      summary: {
        best_return: s.best?.return ?? null,
        best_episode: s.best?.index ?? null,
        mean_last_3: s.meanLast3,
        wall_ms: s.wallMs,
        ms_per_step: s.msPerStep,
      },
    },
    null,
    2,
  )}\n`;
}

async function run(options: LearnOptions, io: CliIo): Promise<LearnReport> {
  const display = new ProgressDisplay(io.stderr, options.steps, { agent: options.agent });
  const events: LearnEvents = {
    onSteps: (done) => display.steps(done),
    onEpisode: (e) => display.episode(e),
    onVersion: (v) => display.version(v),
    onLearnEnd: () => display.finish(),
    onEvalEpisode: (i, total, ret) =>
      display.note(`evaluation episode ${i + 1}/${total}: return ${formatNumber(ret)}`),
    onInfo: (text) => display.note(text),
  };
  const signal = io.signal ?? new AbortController().signal;
  try {
    // Loaded on demand: --help and argument errors need neither tfjs nor the server code.
    if (options.url !== undefined)
      return await (await import('./learn-remote.ts')).learnOnServer(options, events, signal);
    return await (await import('./learn-local.ts')).learnInProcess(options, events, signal);
  } finally {
    display.finish();
  }
}

/** Runs the command with the arguments after `learn`; resolves with the exit code. */
export async function learnCommand(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseLearnArgs(argv);
    if (args.help) {
      io.stdout.write(learnUsage);
      return 0;
    }
    const report = await run(args.options, io);
    io.stdout.write(args.options.json ? reportJson(report) : formatLearnTable(report));
    return 0;
  } catch (err) {
    const failure = describeFailure(err);
    const hint = err instanceof UsageError ? ' (see modelgym learn --help)' : '';
    io.stderr.write(`${PREFIX}${failure.message}${hint}\n`);
    return failure.exitCode;
  }
}
