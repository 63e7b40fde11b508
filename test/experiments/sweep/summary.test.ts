/**
 * The sweep's summary.csv: every metric with its interval in range, and times to failure summarized by
 * the survival estimator (never a naive mean of censored run lengths), their censored share and
 * lower-bound flag beside them. No runs: rows of metric values are given as a run would give them.
 */
import { describe, expect, it } from 'vitest';
import { meanTimeToEvent } from '../../../src/analysis/stats/survival.js';
import { splitCsv } from '../../../src/report/csv.js';
import {
  StrategyCellSummary,
  summaryHeader,
  sweepFigureSvg,
  timeToEventColumns,
} from '../../../src/sweep/output.js';
import type { SweepShape } from '../../../src/sweep/plan.js';

const metrics = [
  'availability',
  'timeToFailureSeconds',
  'failureCensored',
  'Web.timeToFailureSeconds',
  'Web.failureCensored',
];
const shape: SweepShape = {
  fingerprint: 'f',
  parameters: [{ path: 'exposureSeconds', values: [180] }],
  cells: 1,
  strategies: ['s'],
  seeds: 4,
  firstSeed: 1,
  metrics,
};

/** (availability, system time, censored, Web time, censored) of four runs: two censored at 675 s. */
const runs = [
  [1, 100, 0, 675, 1],
  [0.98, 300, 0, 300, 0],
  [1, 675, 1, 675, 1],
  [0.999, 675, 1, 675, 1],
];

function row(): Record<string, string> {
  const summary = new StrategyCellSummary(metrics);
  for (const run of runs) summary.add(run);
  const header = splitCsv(summaryHeader(shape));
  const fields = splitCsv(summary.row(shape, 0, 0));
  return Object.fromEntries(header.map((name, i) => [name, fields[i]]));
}

describe('summary.csv', () => {
  it('pairs each time to failure with its censored flag', () => {
    expect([...timeToEventColumns(metrics)]).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('summarizes a time to failure with the survival estimator, its censored share and a lower-bound flag', () => {
    const r = row();
    const expected = meanTimeToEvent(runs.map(([, t, c]) => ({ seconds: t, censored: c === 1 })));
    expect(expected.lowerBound).toBe(true);
    expect(Number(r['timeToFailureSeconds.mean'])).toBe(expected.mean);
    expect(Number(r['timeToFailureSeconds.ci95Low'])).toBe(expected.ci95[0]);
    expect(r['timeToFailureSeconds.censoredShare']).toBe('0.5');
    expect(r['timeToFailureSeconds.lowerBound']).toBe('1');
    expect(r['Web.timeToFailureSeconds.censoredShare']).toBe('0.75');
    expect(r['failureCensored.mean']).toBe('0.5');
  });

  it('keeps a share’s interval in [0, 1]', () => {
    const r = row();
    expect(Number(r['availability.ci95High'])).toBe(1);
    expect(Number(r['availability.ci95Low'])).toBeGreaterThanOrEqual(0);
  });

  it('marks lower bounds in the figure of a time to failure', async () => {
    const summary = new StrategyCellSummary(metrics);
    for (const run of runs) summary.add(run);
    const csv = `${summaryHeader(shape)}\n${summary.row(shape, 0, 0)}\n`;
    const svg = await sweepFigureSvg(shape, csv, 'timeToFailureSeconds');
    expect(svg).toContain('lower bound: censored runs');
    expect(await sweepFigureSvg(shape, csv, 'availability')).not.toContain('lower bound');
  });
});
