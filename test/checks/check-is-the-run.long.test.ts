/**
 * What the checker passes is what runs (long): a strategy that goes wrong only after many runs (module
 * state) fails the check, and its replay alone in a fresh worker does not — the report says so.
 */
import { describe, expect, it } from 'vitest';
import { checkStrategyModule } from '../../src/checks/host/check-host.js';

const FIXTURES = 'test/checks/fixtures/user-strategies.ts';

describe('checkStrategyModule (long): a failure that only earlier cases cause', () => {
  it.concurrent('a failure that needs earlier cases says so: not reproducible alone, re-run with the seed', async () => {
    const report = await checkStrategyModule(
      { file: FIXTURES, exportName: 'WrongAfterManyRuns' },
      { numRuns: 20, seed: 11, shrink: false, properties: ['redundancy'] },
    );
    const redundancy = report.outcomes.find((o) => o.property === 'redundancy');
    expect(redundancy?.ok).toBe(false);
    expect(redundancy).toMatchObject({
      reproducible: false,
      replayedIn: 'fresh-process',
      needsEarlierCases: true,
    });
    expect(report.warnings.join('\n')).toMatch(
      /does not fail when replayed alone in a fresh process, only after the earlier cases/,
    );
  });
});

describe('checkStrategyModule (long): a deterministic failure replayed alone', () => {
  it.concurrent('a deterministic failure reproduces alone in a fresh process, as its replay command does', async () => {
    const report = await checkStrategyModule(
      { file: FIXTURES, exportName: 'LateConventional' },
      { numRuns: 8, seed: 11, properties: ['redundancy'] },
    );
    const redundancy = report.outcomes.find((o) => o.property === 'redundancy');
    expect(redundancy).toMatchObject({ ok: false, reproducible: true, replayedIn: 'fresh-process' });
    expect(redundancy?.needsEarlierCases).toBeUndefined();
  });
});
