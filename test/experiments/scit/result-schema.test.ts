/**
 * The output contract: the published schema/results.schema.json is the one the code generates, and it
 * rejects what the contract forbids. Each command's own test validates its output against it
 * (test/cli/paper.test.ts, test/cli/security.test.ts, test/experiments/sweep/sweep.test.ts,
 * test/experiments/scenario/scenario.test.ts for run).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { experimentResultSchema, resultsJsonSchema } from '../../../src/experiments/scit/result-schema.js';

describe('schema/results.schema.json', () => {
  it('is what the code generates (npm run schema)', async () => {
    const published = JSON.parse(await readFile('schema/results.schema.json', 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(resultsJsonSchema())));
  });

  it('rejects metadata beside strategies, a missing version and a strategy name with a path separator', () => {
    const valid = {
      schemaVersion: 1,
      kind: 'experiment',
      settings: {
        seeds: 1,
        firstSeed: 1,
        cyclesPerRun: 30,
        horizonSeconds: null,
        requestsInSummary: false,
        requestSeeds: { first: 1, count: 0 },
        attack: null,
        security: null,
      },
      targets: { Web: 3 },
      warnings: [],
      strategies: {},
    };
    expect(experimentResultSchema.safeParse(valid).success).toBe(true);
    expect(experimentResultSchema.safeParse({ ...valid, conventional: {} }).success).toBe(false);
    const { schemaVersion: _, ...unversioned } = valid;
    expect(experimentResultSchema.safeParse(unversioned).success).toBe(false);
    const strategy = {
      degradedCycleShare: {},
      degradedRunShare: 0,
      minLevel: {},
      belowTarget: {},
      delay: {
        probability: 0,
        probabilityCi95: [0, 0],
        meanGivenDelaySeconds: null,
        meanGivenDelayCi95: [null, null],
        maxSeconds: 0,
        meanRunMaxSeconds: 0,
        meanRunMaxCi95: [0, 0],
        delayedSwitches: 0,
        switches: 0,
      },
      maxExposureWindowSeconds: 180,
      waitedSwitchShare: 0,
      starvedRuns: 0,
    };
    expect(experimentResultSchema.safeParse({ ...valid, strategies: { ok: strategy } }).success).toBe(true);
    expect(experimentResultSchema.safeParse({ ...valid, strategies: { 'sub/dir': strategy } }).success).toBe(
      false,
    );
  });
});
