/**
 * `scitsim paper`: options, output and exit codes in this process (test/support/in-process-cli.ts),
 * with a strategy class of one's own (bin/scitsim.mjs and exit codes are spawned in
 * test/cli/scitsim.test.ts; a decorated `.ts` strategy compiled with the package's tsconfig, in an ES
 * module folder and in a CommonJS one, is in paper.long.test.ts).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentResultSchema } from '../../src/experiments/scit/result-schema.js';
import { cli } from '../support/in-process-cli.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-paper-');
/** `scitsim args` in this process; resolves with its exit code and output. */
const scitsim = (args: string[]) => cli(...args);

describe('scitsim paper', () => {
  it('prints the summary as one JSON object with --json', async () => {
    const out = await tempDir();
    const run = await scitsim(['paper', '--seeds', '50', '--request-seeds', '3', '--json', '--out', out]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    // The output contract: the published schema's shape, per-strategy results under `strategies`.
    experimentResultSchema.parse(json);
    expect(json).toMatchObject({ schemaVersion: 1, kind: 'experiment', warnings: [] });
    expect(json.settings).toMatchObject({
      seeds: 50,
      cyclesPerRun: 30,
      requestSeeds: { first: 1, count: 3 },
    });
    expect(json.settings.security).toMatchObject({
      seeds: 50,
      horizonBasis: 'every-service',
      maxSwitches: 100000,
    });
    expect(json.settings.security.derivation.seeds).toBe('default min(seeds, 200); set security.seeds');
    const summary = json.strategies;
    for (const strategy of ['conventional', 'redundancy-preserving']) {
      const s = summary[strategy];
      expect(Object.keys(s.degradedCycleShare)).toEqual(['Web', 'DNS']);
      // The keys the security study promises, each MTTSF with its interval and censored runs.
      expect(s.mttsf.system.mean).toBeGreaterThan(0);
      expect(s.mttsf.system.ci95).toHaveLength(2);
      expect(s.mttsf.system.censored).toBeGreaterThanOrEqual(0);
      expect(Object.keys(s.mttsf.services)).toEqual(['Web', 'DNS']);
      expect(s.mttsf.services.DNS.mean).toBeGreaterThan(0);
      expect(typeof s.delay.probability).toBe('number');
      expect(typeof s.delay.maxSeconds).toBe('number');
      expect(s.maxExposureWindowSeconds).toBe(180 + s.delay.maxSeconds);
      // Requests over seeds 1…3, rotation on: per service response time, drops at cleansing, throughput.
      for (const service of ['Web', 'DNS'])
        expect(summary[strategy].requests[service]).toMatchObject({
          runs: 3,
          responseTimeSeconds: { mean: expect.any(Number), p99: expect.any(Number) },
          droppedByCleansing: expect.any(Number),
          throughputPerSecond: expect.any(Number),
        });
    }
    expect(summary.conventional.delay.meanGivenDelaySeconds).toBeNull();
    expect(summary['redundancy-preserving'].delay.meanGivenDelaySeconds).toBeGreaterThan(0);
    expect(summary['redundancy-preserving'].degradedCycleShare).toEqual({ Web: 0, DNS: 0 });
  });

  it('runs the Figure 7 layout with --layout figure-7 and names an unknown layout (exit 2)', async () => {
    const out = await tempDir();
    const run = await scitsim([
      'paper',
      '--seeds',
      '20',
      '--request-seeds',
      '0',
      '--layout',
      'figure-7',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^SCIT with service redundancy — the paper's system, figure-7 layout:/);
    const bad = await scitsim(['paper', '--layout', 'figure-8', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--layout: unknown paper layout; valid values are: table-1, figure-7/);
  });

  it('compares any built-in strategies with --strategies, and names a bad or repeated one (exit 2)', async () => {
    const out = await tempDir();
    const run = await scitsim([
      'paper',
      '--seeds',
      '30',
      '--request-seeds',
      '0',
      '--json',
      '--out',
      out,
      '--strategies',
      'conventional,reserve-aware',
    ]);
    expect(run.code).toBe(0);
    expect(Object.keys(JSON.parse(run.out).strategies)).toEqual(
      expect.arrayContaining(['conventional', 'reserve-aware']),
    );
    const unknown = await scitsim(['paper', '--strategies', 'random', '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(
      /strategies\[0\]: unknown rotation strategy; valid values are: .* \(got "random"\)/,
    );
    const repeated = await scitsim(['paper', '--strategies', 'conventional,conventional', '--out', out]);
    expect(repeated.code).toBe(2);
    expect(repeated.err).toContain('strategies[1]: duplicate strategy');
  });

  it('runs your own strategy class (--strategy-file, in another directory) beside the built-ins', async () => {
    const project = await tempDir();
    await writeFile(
      join(project, 'first-spare.mts'),
      [
        "import { type RotationStrategy, type DistributionView, waitDecision } from 'scitsim';",
        'export class FirstSpareRotation implements RotationStrategy {',
        "  readonly name = 'first-spare';",
        '  choose(_request: unknown, view: DistributionView) {',
        "    return view.totalSpares === 0 ? waitDecision('none') : { kind: 'switch' as const, spare: view.spareAt(0) };",
        '  }',
        '}',
      ].join('\n'),
    );
    const run = await scitsim([
      'paper',
      '--seeds',
      '20',
      '--request-seeds',
      '1',
      '--json',
      '--out',
      join(project, 'out'),
      '--strategy-file',
      join(project, 'first-spare.mts'),
    ]);
    expect(run.code).toBe(0);
    expect(Object.keys(JSON.parse(run.out).strategies)).toEqual(
      expect.arrayContaining(['conventional', 'redundancy-preserving', 'first-spare']),
    );
  });

  it('names a strategy file with no strategy class, one that cannot be injected or whose constructor throws (exit 2)', async () => {
    const project = await tempDir();
    const out = join(project, 'out');
    await writeFile(join(project, 'none.mts'), 'export const answer = 42;\n');
    await writeFile(
      join(project, 'throws.mts'),
      "export class Broken { readonly name = 'broken'; constructor() { throw new Error('no spares for you'); } choose() { return { kind: 'wait', reason: 'x' }; } }\n",
    );
    await writeFile(
      join(project, 'needs.mts'),
      "export class NeedsThing { readonly name = 'needs'; constructor(readonly thing: { size: number }) {} choose() { return { kind: 'wait', reason: 'x' }; } }\n",
    );
    const none = await scitsim(['paper', '--strategy-file', join(project, 'none.mts'), '--out', out]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/file: exports no class with a choose\(\) method .*\(got ".*none.mts"\)/);
    const needs = await scitsim(['paper', '--strategy-file', join(project, 'needs.mts'), '--out', out]);
    expect(needs.code).toBe(2);
    expect(needs.err).toMatch(/strategies\[2\]: cannot be bound: .*NeedsThing.*@inject\(TOKEN\)/);
    const throws = await scitsim(['paper', '--strategy-file', join(project, 'throws.mts'), '--out', out]);
    expect(throws.code).toBe(2);
    expect(throws.err).toMatch(/strategies\[2\]: cannot build it: no spares for you \(got "Broken"\)/);
  });

  it('rejects a bad option with a message and exit 2', async () => {
    const run = await scitsim(['paper', '--cycles', 'ten']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--cycles must be a whole number');
  });
});
