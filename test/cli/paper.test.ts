import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dirs.js';

const exec = promisify(execFile);
const BIN = join(process.cwd(), 'bin/scitsim.mjs');
const tempDir = useTempDirs('scitsim-paper-');
const scitsim = (args: string[], cwd = process.cwd()) =>
  exec(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CI: 'true' } });

describe('scitsim paper', () => {
  it('prints the summary as one JSON object with --json', async () => {
    const out = await tempDir();
    const { stdout } = await scitsim([
      'paper',
      '--seeds',
      '50',
      '--request-seeds',
      '3',
      '--json',
      '--out',
      out,
    ]);
    const summary = JSON.parse(stdout);
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
    const { stdout } = await scitsim(['paper', '--seeds', '20', '--layout', 'figure-7', '--out', out]);
    expect(stdout).toMatch(/^SCIT with service redundancy — the paper's system, figure-7 layout:/);
    await expect(scitsim(['paper', '--layout', 'figure-8', '--out', out])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--layout: unknown paper layout; valid values are: table-1, figure-7/),
    });
  });

  it('compares any built-in strategies with --strategies, and names a bad or repeated one (exit 2)', async () => {
    const out = await tempDir();
    const { stdout } = await scitsim([
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
    expect(Object.keys(JSON.parse(stdout))).toEqual(
      expect.arrayContaining(['conventional', 'reserve-aware']),
    );
    await expect(scitsim(['paper', '--strategies', 'random', '--out', out])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /strategies\[0\]: unknown rotation strategy; valid values are: .* \(got "random"\)/,
      ),
    });
    await expect(
      scitsim(['paper', '--strategies', 'conventional,conventional', '--out', out]),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('strategies[1]: duplicate strategy'),
    });
  });

  it('runs your own strategy class (--strategy-file, from another directory) beside the built-ins', async () => {
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
    const { stdout } = await scitsim(
      [
        'paper',
        '--seeds',
        '20',
        '--request-seeds',
        '1',
        '--json',
        '--out',
        'out',
        '--strategy-file',
        'first-spare.mts',
      ],
      project,
    );
    expect(Object.keys(JSON.parse(stdout))).toEqual(
      expect.arrayContaining(['conventional', 'redundancy-preserving', 'first-spare']),
    );
  });

  it('compiles a plain .ts strategy with inversify decorators, ES module or CommonJS by its folder', async () => {
    const source = [
      "import { type DistributionView, inject, injectable, SIMULATION, type Simulation, waitDecision } from 'scitsim';",
      '@injectable()',
      'export class Injected {',
      "  readonly name = 'injected';",
      '  constructor(@inject(SIMULATION) private readonly sim: Simulation) {}',
      '  choose(_request: unknown, view: DistributionView) {',
      "    if (!(this.sim.now >= 0)) throw new Error('no clock');",
      "    return view.totalSpares === 0 ? waitDecision('none') : { kind: 'switch' as const, spare: view.spareAt(0) };",
      '  }',
      '}',
    ].join('\n');
    const commonJs = await tempDir(); // no package.json: Node takes a .ts file here for CommonJS
    const esm = await tempDir();
    await writeFile(join(esm, 'package.json'), '{ "type": "module" }\n');
    for (const project of [commonJs, esm]) {
      await writeFile(join(project, 'injected.ts'), source);
      const { stdout } = await scitsim(
        [
          'paper',
          '--seeds',
          '5',
          '--request-seeds',
          '0',
          '--json',
          '--out',
          'out',
          '--strategy-file',
          'injected.ts',
        ],
        project,
      );
      expect(Object.keys(JSON.parse(stdout))).toContain('injected');
    }
  });

  it('names a strategy file with no strategy class, one that cannot be injected or whose constructor throws (exit 2)', async () => {
    const project = await tempDir();
    await writeFile(join(project, 'none.mts'), 'export const answer = 42;\n');
    await writeFile(
      join(project, 'throws.mts'),
      "export class Broken { readonly name = 'broken'; constructor() { throw new Error('no spares for you'); } choose() { return { kind: 'wait', reason: 'x' }; } }\n",
    );
    await expect(scitsim(['paper', '--strategy-file', 'none.mts'], project)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/file: exports no class with a choose\(\) method .*\(got "none.mts"\)/),
    });
    await writeFile(
      join(project, 'needs.mts'),
      "export class NeedsThing { readonly name = 'needs'; constructor(readonly thing: { size: number }) {} choose() { return { kind: 'wait', reason: 'x' }; } }\n",
    );
    await expect(scitsim(['paper', '--strategy-file', 'needs.mts'], project)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/strategies\[2\]: cannot be bound: .*NeedsThing.*@inject\(TOKEN\)/),
    });
    await expect(scitsim(['paper', '--strategy-file', 'throws.mts'], project)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/strategies\[2\]: cannot build it: no spares for you \(got "Broken"\)/),
    });
  });

  it('rejects a bad option with a message and a non-zero exit', async () => {
    await expect(scitsim(['paper', '--cycles', 'ten'])).rejects.toMatchObject({
      stderr: expect.stringContaining('--cycles must be a whole number'),
    });
  });
});
