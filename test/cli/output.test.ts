import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatNumber } from '../../src/cli/format.ts';
import { formatEpisodeLine, formatProgressLine, ProgressDisplay } from '../../src/cli/progress.ts';
import { type LearnReport, summarize } from '../../src/cli/report.ts';
import { formatColumns, formatLearnTable } from '../../src/cli/table.ts';

const report: LearnReport = {
  mode: 'in-process',
  env: 'Pendulum-v1',
  agentId: 'ag-test',
  agent: 'mpc',
  preset: 'fast',
  dataDir: '/tmp/d',
  steps: 600,
  version: 2,
  wallMs: 12_345,
  episodes: [
    { index: 0, random: true, version: 0, steps: 200, return: -1071.93, length: 200 },
    { index: 1, random: false, version: 1, steps: 400, return: -812.5, length: 200 },
    { index: 2, random: false, version: 2, steps: 600, return: -0.1234, length: 200 },
  ],
};

describe('numbers and durations', () => {
  it('formats returns short and readable', () => {
    expect(
      [-1071.93, -812.5, -2.214, -0.1234, 0, 0.000123, null, Number.NaN, -Infinity].map(formatNumber),
    ).toEqual(['-1071.9', '-812.50', '-2.21', '-0.123', '0', '0.000123', '-', '-', '-inf']);
  });

  it('formats clocks and durations', () => {
    expect([0, 999, 65_000, 3_725_000].map(formatClock)).toEqual(['0:00', '0:00', '1:05', '1:02:05']);
    expect([850, 12_345, 245_000].map(formatDuration)).toEqual(['850 ms', '12.3 s', '4 min 05 s']);
  });
});

describe('the final table', () => {
  it('summarizes: best MPC return, mean of the last 3, ms per step', () => {
    expect(summarize(report)).toEqual({
      best: { index: 2, return: -0.1234 },
      meanLast3: (-1071.93 - 812.5 - 0.1234) / 3,
      wallMs: 12_345,
      msPerStep: 12_345 / 600,
    });
    const warmupOnly = { ...report, episodes: report.episodes.slice(0, 1), steps: 0 };
    expect(summarize(warmupOnly)).toMatchObject({ best: null, meanLast3: -1071.93, msPerStep: null });
  });

  it('aligns columns: text left, numbers right', () => {
    expect(
      formatColumns(
        ['a', 'num'],
        [
          ['xyz', '1'],
          ['b', '100'],
        ],
        ['left', 'right'],
      ),
    ).toEqual(['a    num', '---  ---', 'xyz    1', 'b    100']);
  });

  it('has one row per episode, then the summary lines', () => {
    const text = formatLearnTable({
      ...report,
      evaluation: {
        version: 2,
        seeds: [0, 1],
        returns: [-1.5, -2.5],
        lengths: [200, 200],
        mean: -2,
        std: 0.5,
        wallMs: 1,
      },
    });
    expect(text).toBe(
      [
        'episode  policy  model  steps   return  length',
        '-------  ------  -----  -----  -------  ------',
        '      0  random      -    200  -1071.9     200',
        '      1  MPC        v1    400  -812.50     200',
        '      2  MPC        v2    600   -0.123     200',
        '',
        'best MPC return  -0.123 (episode 2)',
        'mean of last 3   -628.18',
        'wall-clock       12.3 s',
        'ms per env step  20.57',
        'model            v2 of agent ag-test',
        'data dir         /tmp/d (serve it: MODELGYM_DATA_DIR=<dir> npm start)',
        'evaluation       2 episodes with v2: mean -2.00 ± 0.500',
        'eval returns     -1.50, -2.50',
        '',
      ].join('\n'),
    );
    const server = formatLearnTable({
      ...report,
      mode: 'server',
      url: 'http://h:1',
      jobId: 'job_1',
      episodes: [],
    });
    expect(server).toContain('best MPC return  - (no MPC episode)');
    expect(server).toContain('server           http://h:1 (learn job job_1)');
  });
});

describe('progress', () => {
  const snapshot = { done: 450, total: 2000, elapsedMs: 72_000, lastReturn: -123.456, version: 2 };

  it('draws a bar line that fits the width', () => {
    const line = formatProgressLine(snapshot, 100);
    expect(line).toBe('[#######.......................]   450/2000   22%  1:12  return -123.46  model v2');
    expect(formatProgressLine({ ...snapshot, done: 0, lastReturn: null, version: 0 }, 100)).toBe(
      '[..............................]     0/2000    0%  1:12  return -  model -',
    );
    for (const width of [79, 60, 40, 20])
      expect(formatProgressLine(snapshot, width).length).toBeLessThanOrEqual(width);
    expect(formatProgressLine(snapshot, 60)).toMatch(/^\[#+\.+\] +450\/2000/);
  });

  it('formats a line per episode', () => {
    expect(formatEpisodeLine(report.episodes[1]!, 2000, 5_000)).toBe(
      'episode 1 (MPC v1): return -812.50, length 200, steps 400/2000, 0:05',
    );
    expect(formatEpisodeLine(report.episodes[0]!, 2000, 0)).toMatch(/^episode 0 \(random\)/);
  });

  it('without a terminal: one line per episode and per note, no escapes', () => {
    const out: string[] = [];
    const display = new ProgressDisplay({ write: (t) => out.push(t) }, 600, { now: () => 0 });
    display.steps(10);
    display.version(1);
    display.episode(report.episodes[0]!);
    display.note('evaluation episode 1/1: return -1');
    display.finish();
    expect(out).toEqual([
      'episode 0 (random): return -1071.9, length 200, steps 200/600, 0:00\n',
      'evaluation episode 1/1: return -1\n',
    ]);
  });

  it('on a terminal: redraws one line in place, at most every redrawMs, and ends it', () => {
    const out: string[] = [];
    let now = 0;
    const display = new ProgressDisplay({ write: (t) => out.push(t), isTTY: true, columns: 100 }, 600, {
      now: () => now,
      redrawMs: 100,
    });
    display.steps(1);
    now = 50;
    display.steps(2); // too soon: not drawn
    now = 150;
    display.steps(3);
    display.episode(report.episodes[0]!); // always drawn
    display.note('hello');
    display.finish();
    expect(out.every((t) => !t.includes('\n') || t === '\n' || t === 'hello\n')).toBe(true);
    const drawn = out.filter((t) => t.startsWith('\r['));
    expect(drawn.map((t) => t.match(/(\d+)\/600/)![1])).toEqual(['1', '3', '200', '200', '200']);
    expect(drawn.every((t) => t.endsWith('\x1b[K'))).toBe(true);
    expect(out.slice(-5)).toEqual([
      '\r\x1b[K',
      'hello\n',
      expect.stringMatching(/^\r\[/),
      expect.stringMatching(/^\r\[/),
      '\n',
    ]);
    expect(out.at(-1)).toBe('\n');
    // Finished: no more drawing, notes are plain lines.
    const before = out.length;
    display.finish();
    display.steps(600);
    display.note('evaluation episode 1/1: return -1');
    expect(out.slice(before)).toEqual(['evaluation episode 1/1: return -1\n']);
  });
});
