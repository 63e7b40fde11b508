/**
 * The checker in a worker (long: a whole check on a fresh worker): a built-in by name gives the same
 * kind of report as the in-thread API. `scitsim check` cases (test/cli/check.test.ts) take this path too.
 */
import { describe, expect, it } from 'vitest';
import { checkStrategyModule } from '../../src/checks/host/check-host.js';
import { ConfigError } from '../../src/core/errors.js';

describe('checkStrategyModule (long): a built-in checked in the worker, and what it refuses', () => {
  it.concurrent('checks a built-in by name and resolves with the same kind of report as the in-thread API', async () => {
    const report = await checkStrategyModule(
      { builtin: 'redundancy-preserving' },
      { numRuns: 8, seed: 3, claims: { progress: true } },
    );
    expect(report).toMatchObject({ strategy: 'redundancy-preserving', ok: true, seed: 3, numRuns: 8 });
    expect(report.outcomes.map((o) => o.property)).toContain('progress');
    expect(report.timings?.totalSeconds).toBeGreaterThan(0);
  });

  it.concurrent('rejects with a ConfigError for a module it cannot load, and for a bad budget', async () => {
    await expect(checkStrategyModule({ file: 'test/no-such-strategy.ts' }, { numRuns: 1 })).rejects.toThrow(
      /file: cannot load it/,
    );
    await expect(checkStrategyModule({ builtin: 'bogus' }, { numRuns: 1 })).rejects.toBeInstanceOf(
      ConfigError,
    );
    await expect(
      checkStrategyModule({ builtin: 'conventional' }, { decisionTimeoutSeconds: -1 }),
    ).rejects.toThrow(/decisionTimeoutSeconds: must be a number of seconds > 0/);
  });
});
