import { describe, expect, it } from 'vitest';
import { checkStrategyModule } from '../../src/checks/host/check-host.js';

const LOOPING = 'test/policies/scit/fixtures/looping-strategy.ts';

describe('checkStrategyModule (the checker in a worker, with a watchdog)', () => {
  it.concurrent('reports a constructor that never returns, naming the strategy class, before any case (it is built once first)', async () => {
    const started = performance.now();
    const report = await checkStrategyModule(
      { file: LOOPING, exportName: 'LoopsInConstructor' },
      { numRuns: 5, seed: 1, decisionTimeoutSeconds: 0.3 },
    );
    expect(report.ok).toBe(false);
    expect(report.outcomes).toHaveLength(1);
    expect(report.outcomes[0]).toMatchObject({ property: 'decision-timeout', ok: false });
    expect(report.outcomes[0].violation).toMatch(
      /^rotation strategy "LoopsInConstructor": its constructor did not return within 0\.3 s$/,
    );
    expect(report.outcomes[0].counterexample).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
