/**
 * `scitsim security`, in this process with a tiny grid: the figures, the CSV with the analytic values
 * beside the simulated ones, the --json keys the issue promises, and bad input (exit 2, field and
 * value named, nothing written).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { securityStudyResultSchema } from '../../src/experiments/scit/result-schema.js';
import { cli } from '../support/in-process-cli.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-security-');
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const TINY = [
  '--workers',
  '1',
  '--seeds',
  '20',
  '--preset-seeds',
  '20',
  '--schedules',
  '1',
  '--exposures',
  '90,180',
  '--intervals',
  '150,300',
];

describe('scitsim security', () => {
  it('writes the three figures and the CSV, analytic beside simulated, and prints the tables', async () => {
    const out = join(await tempDir(), 'study');
    const run = await cli('security', ...TINY, '--out', out);
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'availability-vs-interval.svg',
      'mttsf-vs-exposure.svg',
      'mttsf-vs-interval.svg',
      'report.html',
      'security.csv',
      'security.json',
    ]);
    for (const figure of ['mttsf-vs-exposure.svg', 'mttsf-vs-interval.svg', 'availability-vs-interval.svg']) {
      const svg = await readFile(join(out, figure), 'utf8');
      expect(svg).toMatch(/^<svg/);
      expect(svg).toContain('strategy: redundancy-preserving');
    }
    const [header, ...rows] = (await readFile(join(out, 'security.csv'), 'utf8')).trim().split('\n');
    const fields = header.split(',');
    // Two exposures and two intervals, two strategies each.
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      const cells = row.split(',');
      const at = (name: string) => Number(cells[fields.indexOf(name)]);
      expect(at('mttsf_s')).toBeGreaterThan(0);
      expect(at('mttsf_ci95_low_s')).toBeLessThanOrEqual(at('mttsf_s'));
      expect(at('analytic_mttsf_s')).toBeGreaterThan(0);
      expect(at('availability')).toBeGreaterThan(0.5);
      expect(at('availability')).toBeLessThanOrEqual(1);
    }
    expect(run.out).toContain('MTTSF, system');
    expect(run.out).toMatch(/Chain vs simulation: largest \|deviation\| [\d.]+%/);
    expect(run.out).toContain(join(out, 'security.csv'));
  });

  it('--json: per strategy the keys the issue names, and the sweeps with their analytic values', async () => {
    const out = join(await tempDir(), 'study');
    const run = await cli('security', ...TINY, '--json', '--out', out, '--strategies', 'conventional');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    securityStudyResultSchema.parse(json);
    expect(json).toMatchObject({ schemaVersion: 1, kind: 'security-study', warnings: [] });
    expect(json.settings).toMatchObject({
      seedsPerPoint: 20,
      presetSeeds: 20,
      schedules: 1,
      exposures: [90, 180],
      attackIntervals: [150, 300],
      attack: { meanIntervalSeconds: 300 },
      security: { seeds: 20, horizonBasis: 'system' },
    });
    // security.json is the same object.
    expect(JSON.parse(await readFile(join(out, 'security.json'), 'utf8'))).toEqual(json);
    const s = json.strategies.conventional;
    expect(s.mttsf.system.mean).toBeGreaterThan(0);
    expect(s.mttsf.system.ci95).toHaveLength(2);
    expect(s.mttsf.system.ci95[0]).toBeLessThanOrEqual(s.mttsf.system.mean);
    expect(s.mttsf.system.censored).toBeGreaterThanOrEqual(0);
    expect(s.mttsf.services.Web.mean).toBeGreaterThan(s.mttsf.services.DNS.mean);
    expect(s.mttsf.services.DNS.mean).toBeGreaterThan(0);
    expect(s.delay.probability).toBe(0);
    expect(s.delay.meanGivenDelaySeconds).toBeNull();
    expect(s.delay.maxSeconds).toBe(0);
    expect(s.maxExposureWindowSeconds).toBe(180);
    expect(json.points).toHaveLength(4);
    expect(json.points[0]).toMatchObject({
      sweep: 'exposure',
      exposureSeconds: 90,
      strategy: 'conventional',
    });
    expect(json.points[0].analyticMttsf).toBeGreaterThan(0);
  });

  it.each([
    [['--attack-interval', '0'], 'attack.meanIntervalSeconds', '(got 0)'],
    [['--escape', '-5'], 'attack.escapeSeconds', '(got -5)'],
    [['--recovery', 'NaN'], 'attack.recoverySeconds', '(got NaN)'],
    [['--escape-distribution', 'normal'], 'attack.escapeDistribution', '(got "normal")'],
    [['--exposures', '30,0'], 'exposures[1]', '(got 0)'],
    [['--intervals', 'x'], 'intervals[0]', '(got NaN)'],
  ])('refuses %j by field and value (exit 2), writing nothing', async (args, field, value) => {
    const out = join(await tempDir(), 'study');
    const run = await cli('security', ...TINY, ...args, '--out', out);
    expect(run.code).toBe(2);
    expect(run.err).toContain(field);
    expect(run.err).toContain(value);
    await expect(readdir(out)).rejects.toThrow();
  });

  it('a bad --seeds is a usage error (exit 2)', async () => {
    const run = await cli('security', '--seeds', '0');
    expect(run.code).toBe(2);
    expect(run.err).toContain('--seeds must be a whole number');
  });
});

describe('scitsim security SCENARIO', () => {
  /** A 5-host system of one's own, its study set by the scenario's `security` block. */
  const ownSystem = (security: Record<string, unknown>) => ({
    kind: 'scit',
    name: 'own system',
    hosts: 5,
    vmsPerHost: 4,
    services: [
      { name: 'Web', required: 5 },
      { name: 'DNS', required: 2 },
      { name: 'Mail', required: 3 },
      { name: 'SSH', required: 2 },
    ],
    exposureSeconds: 150,
    cleansingSeconds: 45,
    graceSeconds: 15,
    strategies: ['conventional'],
    attack: { model: 'vm-escape', meanIntervalSeconds: 300, escapeSeconds: 30, recoverySeconds: 60 },
    security,
  });

  it('runs the study of the scenario’s system, printing every setting and the defaults that applied', async () => {
    const dir = await tempDir();
    const file = join(dir, 'own.json');
    await writeFile(
      file,
      JSON.stringify(
        ownSystem({ seeds: 8, presetSeeds: 8, exposures: [150], attackIntervals: [300], maxSwitches: 5000 }),
      ),
    );
    const run = await cli('security', file, '--workers', '1', '--out', join(dir, 'out'));
    expect(run.code).toBe(0);
    expect(run.out).toContain('under VM-escape attacks on own system');
    expect(run.out).toContain('seeds per grid point and strategy: 8; preset seeds: 8 (given)');
    expect(run.out).toContain('horizon basis system');
    expect(run.out).toContain('capped at 5000 switches');
    // 4^5 chain states: no analytic values unless asked, and the report says why.
    expect(run.out).toMatch(/Markov chain: 0 rotation schedules \(default 0: the chain has 1024 states/);
  });

  it('gives the same files on two worker threads as in one, with a strategy file the workers load themselves', async () => {
    const dir = await tempDir();
    const file = join(dir, 'own.json');
    await writeFile(
      join(dir, 'first-spare.ts'),
      [
        "import { type DistributionView, waitDecision } from 'scitsim';",
        'export class FirstSpare {',
        "  readonly name = 'first-spare';",
        '  choose(_request: unknown, view: DistributionView) {',
        "    return view.totalSpares === 0 ? waitDecision('none') : { kind: 'switch' as const, spare: view.spareAt(0) };",
        '  }',
        '}',
      ].join('\n'),
    );
    const study = { seeds: 10, presetSeeds: 10, exposures: [75, 150], attackIntervals: [100] };
    await writeFile(
      file,
      JSON.stringify({ ...ownSystem(study), strategies: ['conventional', { file: 'first-spare.ts' }] }),
    );
    const one = await cli('security', file, '--workers', '1', '--out', join(dir, 'one'));
    const two = await cli('security', file, '--workers', '2', '--out', join(dir, 'two'));
    expect([one.code, two.code, two.err]).toEqual([0, 0, '']);
    expect(two.out).toContain('first-spare');
    const files = (await readdir(join(dir, 'one'))).sort();
    expect(files).toContain('security.json');
    expect((await readdir(join(dir, 'two'))).sort()).toEqual(files);
    for (const name of files)
      expect(await readFile(join(dir, 'two', name), 'utf8'), name).toBe(
        await readFile(join(dir, 'one', name), 'utf8'),
      );
  });

  it('refuses a bad field of the security block by path and value (exit 2), writing nothing', async () => {
    const dir = await tempDir();
    const file = join(dir, 'own.json');
    await writeFile(file, JSON.stringify(ownSystem({ stop: 'nope' })));
    const run = await cli('security', file, '--out', join(dir, 'out'));
    expect(run.code).toBe(2);
    expect(run.err).toContain('security.stop');
    expect(run.err).toContain('(got "nope")');
    await expect(readdir(join(dir, 'out'))).rejects.toThrow();
  });
});
