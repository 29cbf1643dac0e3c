/**
 * Progress of a `learn` run on stderr. On a terminal: one line redrawn in place (a bar, steps
 * done of total, %, elapsed, the last episode's return, the model version). Elsewhere (CI logs,
 * pipes): one line per episode. The line formatters are pure and exported for tests.
 * @module
 */
import { formatClock, formatNumber } from './format.ts';
import type { EpisodeRow } from './report.ts';

/** Where progress goes (process.stderr, or a stand-in in tests). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What the progress line shows. */
export interface ProgressSnapshot {
  done: number;
  total: number;
  elapsedMs: number;
  /** The last finished episode's return (null before the first). */
  lastReturn: number | null;
  /** The latest model version (0: none yet, random warm-up). */
  version: number;
}

/** The bar line, at most `width` characters. */
export function formatProgressLine(s: ProgressSnapshot, width = 80): string {
  const fraction = s.total > 0 ? Math.min(1, Math.max(0, s.done / s.total)) : 0;
  const digits = String(s.total).length;
  const tail =
    `${String(s.done).padStart(digits)}/${s.total}  ${String(Math.floor(fraction * 100)).padStart(3)}%` +
    `  ${formatClock(s.elapsedMs)}  return ${formatNumber(s.lastReturn)}  model ${s.version > 0 ? `v${s.version}` : '-'}`;
  const barWidth = Math.min(30, width - tail.length - 4);
  if (barWidth < 5) return tail.slice(0, Math.max(0, width));
  const filled = Math.round(fraction * barWidth);
  return `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]  ${tail}`;
}

/** The line of one finished episode (non-terminal output). */
export function formatEpisodeLine(e: EpisodeRow, total: number, elapsedMs: number, agent = 'mpc'): string {
  const kind = e.random ? 'random' : `${agent.toUpperCase()} v${e.version}`;
  return (
    `episode ${e.index} (${kind}): return ${formatNumber(e.return)}, length ${e.length}, ` +
    `steps ${e.steps}/${total}, ${formatClock(elapsedMs)}`
  );
}

/** Options of {@link ProgressDisplay}. */
export interface ProgressOptions {
  /** Clock (ms); default `Date.now`. */
  now?: () => number;
  /** The terminal line is redrawn at most this often (ms); default 100. */
  redrawMs?: number;
  /** The agent type, for the episode lines (default `mpc`). */
  agent?: string;
}

/** Draws a run's progress; call {@link ProgressDisplay.finish} at the end. */
export class ProgressDisplay {
  readonly #stream: ProgressStream;
  readonly #tty: boolean;
  readonly #now: () => number;
  readonly #redrawMs: number;
  readonly #agent: string;
  readonly #started: number;
  #snapshot: ProgressSnapshot;
  #drawnAt = Number.NEGATIVE_INFINITY;
  #lineShown = false;
  #finished = false;

  constructor(stream: ProgressStream, total: number, options: ProgressOptions = {}) {
    this.#stream = stream;
    this.#tty = stream.isTTY === true;
    this.#now = options.now ?? Date.now;
    this.#redrawMs = options.redrawMs ?? 100;
    this.#agent = options.agent ?? 'mpc';
    this.#started = this.#now();
    this.#snapshot = { done: 0, total, elapsedMs: 0, lastReturn: null, version: 0 };
  }

  /** Env steps done so far. */
  steps(done: number): void {
    this.#snapshot.done = done;
    this.#draw(false);
  }

  /** A new model version is in use. */
  version(version: number): void {
    this.#snapshot.version = version;
    this.#draw(false);
  }

  /** An episode ended. */
  episode(e: EpisodeRow): void {
    this.#snapshot.done = Math.max(this.#snapshot.done, e.steps);
    this.#snapshot.lastReturn = e.return;
    if (this.#tty) this.#draw(true);
    else this.#stream.write(`${formatEpisodeLine(e, this.#snapshot.total, this.#elapsed(), this.#agent)}\n`);
  }

  /** A line of its own (e.g. an evaluation episode), above the bar on a terminal. */
  note(text: string): void {
    this.#clear();
    this.#stream.write(`${text}\n`);
    if (this.#tty) this.#draw(true);
  }

  /** Draws the final state and ends the bar's line; later notes are plain lines. Idempotent. */
  finish(): void {
    if (!this.#tty || this.#finished) return;
    this.#draw(true);
    this.#stream.write('\n');
    this.#lineShown = false;
    this.#finished = true;
  }

  #elapsed(): number {
    return this.#now() - this.#started;
  }

  #clear(): void {
    if (this.#tty && this.#lineShown) this.#stream.write('\r\x1b[K');
    this.#lineShown = false;
  }

  #draw(force: boolean): void {
    if (!this.#tty || this.#finished) return;
    const now = this.#now();
    if (!force && now - this.#drawnAt < this.#redrawMs) return;
    this.#drawnAt = now;
    this.#snapshot.elapsedMs = now - this.#started;
    // Some terminals (and pseudo-terminals) report 0 columns.
    const width = (this.#stream.columns || 80) - 1;
    this.#stream.write(`\r${formatProgressLine(this.#snapshot, width)}\x1b[K`);
    this.#lineShown = true;
  }
}
