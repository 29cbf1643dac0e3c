/**
 * The final table of a `learn` run, for monospace output: one row per episode, then the summary
 * lines and, when asked for, the evaluation's returns.
 * @module
 */
import { formatDuration, formatNumber } from './format.ts';
import { type LearnReport, summarize } from './report.ts';

type Align = 'left' | 'right';

/** Lays out rows under a header: columns padded to their widest cell, two spaces apart. */
export function formatColumns(
  header: readonly string[],
  rows: readonly string[][],
  align: readonly Align[],
): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (align[c] === 'left' ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Label/value lines, values aligned. */
function formatPairs(pairs: ReadonlyArray<[string, string]>): string[] {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
}

/** The whole report as text (ends with a newline). */
export function formatLearnTable(report: LearnReport): string {
  const rows = report.episodes.map((e) => [
    String(e.index),
    e.random ? 'random' : report.agent.toUpperCase(),
    e.random ? '-' : `v${e.version}`,
    String(e.steps),
    formatNumber(e.return),
    String(e.length),
  ]);
  const table = formatColumns(['episode', 'policy', 'model', 'steps', 'return', 'length'], rows, [
    'right',
    'left',
    'right',
    'right',
    'right',
    'right',
  ]);
  const s = summarize(report);
  const pairs: Array<[string, string]> = [
    [
      `best ${report.agent.toUpperCase()} return`,
      s.best
        ? `${formatNumber(s.best.return)} (episode ${s.best.index})`
        : `- (no ${report.agent.toUpperCase()} episode)`,
    ],
    ['mean of last 3', formatNumber(s.meanLast3)],
    ['wall-clock', formatDuration(s.wallMs)],
    ['ms per env step', s.msPerStep === null ? '-' : s.msPerStep.toFixed(2)],
    ['model', `v${report.version} of agent ${report.agentId}`],
    report.mode === 'server'
      ? ['server', `${report.url} (learn job ${report.jobId})`]
      : ['data dir', `${report.dataDir} (serve it: MODELGYM_DATA_DIR=<dir> npm start)`],
  ];
  const ev = report.evaluation;
  if (ev) {
    pairs.push([
      'evaluation',
      `${ev.returns.length} episode${ev.returns.length === 1 ? '' : 's'} with v${ev.version}: mean ${formatNumber(ev.mean)} ± ${formatNumber(ev.std)}`,
    ]);
    pairs.push(['eval returns', ev.returns.map((r) => formatNumber(r)).join(', ')]);
  }
  return `${[...table, '', ...formatPairs(pairs)].join('\n')}\n`;
}
