import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsNodeFlags, SCALE_NODE_FLAGS, SWEEP_NODE_FLAGS } from '../../../bin/sweep-process.mjs';
import { sweepManifestSchema } from '../../../src/experiments/scit/result-schema.js';
import { heartbeatBuffer } from '../../../src/parallel/heartbeat.js';
import { seedsPerTask } from '../../../src/sweep/engine.js';
import {
  cellDocument,
  gridParameters,
  mergeShards,
  parsePath,
  planSweep,
  runSweep,
  type Shard,
  setPath,
} from '../../../src/sweep/index.js';
import { type SweepTask, SweepTaskRunner } from '../../../src/sweep/worker.js';
import { cli } from '../../support/in-process-cli.js';
import { paperScenarioSystem } from '../../support/paper-scenario.js';
import { useTempDirs } from '../../support/temp-dirs.js';

/** Runs the sweep of `file` in this thread (workers: 0), as the command would. */
async function sweepHere(file: string, outDir: string, options: { shard?: Shard; resume?: boolean } = {}) {
  return runSweep(await planSweep(file), { outDir, workers: 0, clockMillis: () => 0, ...options });
}

const tempDir = useTempDirs('scitsim-sweep-');
/**
 * `scitsim args` in this process (its worker threads are real: bin/sweep-worker.mjs): resolves with the output on exit code 0, rejects with `{ code, stdout, stderr }` otherwise.
 */
async function scitsim(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const { code, out, err } = await cli(...args);
  if (code !== 0)
    throw Object.assign(new Error(`scitsim exited ${code}: ${err}`), { code, stdout: out, stderr: err });
  return { stdout: out, stderr: err };
}

/** A small sweep: 3 cells × 2 strategies × 20 seeds on the paper's system. */
const SWEEP = {
  ...paperScenarioSystem(),
  seeds: 20,
  cycles: 20,
  sweep: { exposureSeconds: [120, 180, 300] },
};

async function scenarioFile(content: unknown = SWEEP, name = 'sweep.json'): Promise<string> {
  const dir = await tempDir();
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(content));
  return file;
}

/**
 * SWEEP run in this thread, whole or one shard of two, once for the file: several cases compare with
 * the same output (a sweep's files are a function of its scenario and shard, which the first case
 * checks against 2 workers), and none of them writes into it.
 */
const sweptHere = new Map<string, Promise<{ file: string; out: string }>>();
function sweptOnce(shard?: Shard): Promise<{ file: string; out: string }> {
  const key = shard === undefined ? 'whole' : `${shard.index}/${shard.count}`;
  let swept = sweptHere.get(key);
  if (swept === undefined) {
    swept = (async () => {
      const [file, out] = [await scenarioFile(), await tempDir()];
      await sweepHere(file, out, shard === undefined ? {} : { shard });
      return { file, out };
    })();
    sweptHere.set(key, swept);
  }
  return swept;
}

async function files(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).filter((name) => name !== 'cells').sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')])),
  );
}

describe('sweep tasks', () => {
  it("hold a fifth of a second of a worker's runs, from 100 to 2,000 seeds, and 16 tasks per worker at least", () => {
    // Before any task has ended, the speed is unknown: 100 seeds.
    expect(seedsPerTask(96_000, 2)).toBe(100);
    expect(seedsPerTask(96_000, 2, 22_000)).toBe(2000);
    expect(seedsPerTask(96_000, 2, 5_000)).toBe(1000);
    // Runs of 50 ms: 100 seeds, not 2,000 (100 s between two counts of the progress).
    expect(seedsPerTask(96_000, 2, 20)).toBe(100);
    expect(seedsPerTask(9_600, 2, 22_000)).toBe(300);
    expect(seedsPerTask(4_800, 2, 22_000)).toBe(150);
    expect(seedsPerTask(1_200, 2, 22_000)).toBe(100);
    expect(seedsPerTask(10, 4, 22_000)).toBe(100);
    for (const [runs, workers] of [
      [96_000, 2],
      [9_600, 2],
      [4_800, 2],
      [40_000, 8],
      [1_000_000, 1],
    ] as const) {
      const perTask = seedsPerTask(runs, workers, 1e6);
      expect(perTask).toBeGreaterThan(100);
      expect(perTask).toBeLessThanOrEqual(2000);
      expect(Math.ceil(runs / perTask)).toBeGreaterThanOrEqual(16 * workers);
    }
  });

  it('grow with the speed measured so far, and give the same bytes whatever their size', async () => {
    // 2 cells × 2 strategies × 800 seeds: at most 200 seeds a task (16 tasks); the first cell in tasks
    // of 100 (no speed known yet), the second in tasks of 200 when the runs look fast (a clock that moves
    // 1 µs a run), of 100 when the clock stands still (no speed to measure).
    const file = await scenarioFile({
      ...SWEEP,
      seeds: 800,
      cycles: 2,
      sweep: { exposureSeconds: [120, 180] },
    });
    const sweep = async (clock: 'fast' | 'still') => {
      const out = await tempDir();
      let done = 0;
      let counts = 0;
      await runSweep(await planSweep(file), {
        outDir: out,
        workers: 0,
        clockMillis: () => (clock === 'fast' ? done / 1000 : 0),
        onProgress: (runs) => {
          if (runs > done) counts++;
          done = runs;
        },
      });
      return { counts, files: await files(out) };
    };
    const fast = await sweep('fast');
    const still = await sweep('still');
    expect(still.counts).toBe(32);
    expect(fast.counts).toBe(16 + 8);
    expect(fast.files).toEqual(still.files);
  });

  it('fill the buffers an earlier result brings back, and give the same rows as in new ones', async () => {
    const plan = await planSweep(await scenarioFile());
    const task = (firstSeed: number, seeds: number, spare?: ArrayBuffer[]): SweepTask => ({
      cell: 1,
      strategy: 1,
      firstSeed,
      seeds,
      rowPrefix: '1,180,x',
      heartbeat: heartbeatBuffer(),
      ...(spare === undefined ? {} : { spare }),
    });
    const job = { scenarioFile: plan.scenarioFile, document: plan.document, fingerprint: plan.fingerprint };
    const reusing = new SweepTaskRunner(job);
    // A larger task first: its buffers hold more rows than the next task writes over them.
    const first = await reusing.run(task(1, 20));
    const buffers = [first.values.buffer as ArrayBuffer, first.lines.buffer as ArrayBuffer];
    const reused = await reusing.run(task(21, 12, buffers));
    const fresh = await new SweepTaskRunner(job).run(task(21, 12));
    expect(buffers).toContain(reused.values.buffer);
    expect(buffers).toContain(reused.lines.buffer);
    expect(reused.values.length).toBe(12 * reused.columns);
    expect(reused.values).toEqual(fresh.values);
    expect(new TextDecoder().decode(reused.lines)).toBe(new TextDecoder().decode(fresh.lines));
    expect(new TextDecoder().decode(reused.lines).split('\n')).toHaveLength(13);
  });
});

describe('sweep grid', () => {
  it('parses JSON paths and sets values without touching the original', () => {
    expect(parsePath('services[1].required')).toEqual(['services', 1, 'required']);
    expect(() => parsePath('services..required')).toThrow(/is not a JSON path/);
    const document = { services: [{ required: 1 }, { required: 2 }] };
    expect(setPath(document, parsePath('services[1].required'), 5, 'sweep')).toEqual({
      services: [{ required: 1 }, { required: 5 }],
    });
    expect(document.services[1].required).toBe(2);
    expect(() => setPath(document, parsePath('services[4].required'), 5, 'sweep')).toThrow(
      /list that has 2 entries/,
    );
  });

  it('makes the cartesian product with the first path varying slowest', () => {
    const parameters = gridParameters({ a: [1, 2], 'b.c': ['x', 'y', 'z'] });
    const base = { a: 0, b: { c: '' }, sweep: {} };
    const cells = [0, 1, 2, 3].map((i) => cellDocument(base, parameters, i));
    expect(cells).toEqual([
      { a: 1, b: { c: 'x' } },
      { a: 1, b: { c: 'y' } },
      { a: 1, b: { c: 'z' } },
      { a: 2, b: { c: 'x' } },
    ]);
  });

  it('validates every cell before any run, naming the cell and the field', async () => {
    const file = await scenarioFile({ ...SWEEP, sweep: { 'services[1].required': [2, 0], exposure: [1] } });
    await expect(planSweep(file)).rejects.toThrow(
      /cell 1 \(services\[1\]\.required=0, exposure=1\): services\[1\]\.required: must be ≥ 1 \(got 0\)/,
    );
    await expect(planSweep(file)).rejects.toThrow(/exposure: unknown field; valid fields are: .* \(got 1\)/);
    await expect(planSweep(await scenarioFile({ ...SWEEP, sweep: { exposureSeconds: [] } }))).rejects.toThrow(
      /sweep\.exposureSeconds: must have ≥ 1 entries/,
    );
  });

  it('checks the grid with the scenario (paths, values, cells), every problem at once', async () => {
    const bad = await scenarioFile({
      ...SWEEP,
      sweep: { 'services..required': [1], strategies: [['conventional']], exposureSeconds: [] },
    });
    const error = await planSweep(bad).catch((e: unknown) => e);
    expect(error).toMatchObject({
      issues: [
        { path: 'sweep.exposureSeconds', value: [], message: 'must have ≥ 1 entries' },
        {
          path: 'sweep["services..required"]',
          value: 'services..required',
          message: 'is not a JSON path like "services[1].required"',
        },
        { path: 'sweep.strategies', value: 'strategies', message: expect.stringMatching(/cannot be swept/) },
      ],
    });
    const wide = Array.from({ length: 1000 }, (_, i) => 60 + i);
    await expect(
      planSweep(await scenarioFile({ ...SWEEP, sweep: { exposureSeconds: wide, cleansingSeconds: wide } })),
    ).rejects.toThrow(
      /sweep: must have ≤ 100000 cells \(a sweep of more cells should be split.*\(got 1000000\)/,
    );
    await expect(planSweep(await scenarioFile({ ...SWEEP, sweep: {} }))).rejects.toThrow(
      /sweep: needs at least one path with values/,
    );
  });

  it('checks what needs the scenario when making a cell (a list that is not there)', async () => {
    const file = await scenarioFile({ ...SWEEP, sweep: { 'services[5].required': [1] } });
    await expect(planSweep(file)).rejects.toThrow(
      /sweep\["services\[5\]\.required"\]: names entry 5 of a list/,
    );
  });
});

// Each command starts worker threads (and some a process) that load the sources: slow on a loaded machine.
describe('scitsim sweep', { timeout: 180_000 }, () => {
  it('writes the same bytes with 2 workers as in this thread: runs.csv, summary.csv, the figure and the manifest', async () => {
    const { file, out: here } = await sweptOnce();
    const two = await tempDir();
    await scitsim('sweep', file, '--out', two, '--workers', '2');
    const a = await files(here);
    expect(Object.keys(a)).toEqual([
      'Web.degradedCycleShare.svg',
      'report.html',
      'runs.csv',
      'summary.csv',
      'sweep.json',
    ]);
    expect(await files(two)).toEqual(a);
    const runs = a['runs.csv'].trim().split('\n');
    expect(runs).toHaveLength(1 + 3 * 2 * 20);
    expect(runs[0]).toMatch(/^cell,exposureSeconds,strategy,seed,cycles,/);
    const summary = a['summary.csv'].trim().split('\n');
    expect(summary).toHaveLength(1 + 3 * 2);
    expect(summary[1]).toMatch(/^0,120,conventional,20,/);
    // The output contract: sweep.json has the result format's version and kind.
    expect(sweepManifestSchema.parse(JSON.parse(a['sweep.json']))).toMatchObject({
      schemaVersion: 1,
      kind: 'sweep',
    });
  });

  it('shards merge into exactly the bytes of the unsharded run (in this thread: workers 0)', async () => {
    const { out: whole } = await sweptOnce();
    const { out: s0 } = await sweptOnce({ index: 0, count: 2 });
    const { out: s1 } = await sweptOnce({ index: 1, count: 2 });
    const merged = await tempDir();
    expect((await readdir(join(s0, 'cells'))).sort()).toEqual(['000000.csv', '000002.csv']);
    await mergeShards(merged, [s1, s0]);
    expect(await files(merged)).toEqual(await files(whole));
  });

  it('takes its shard from Slurm’s array variables', async () => {
    const file = await scenarioFile({ ...SWEEP, seeds: 2 });
    const out = await tempDir();
    process.env.SLURM_ARRAY_TASK_ID = '1';
    process.env.SLURM_ARRAY_TASK_COUNT = '2';
    try {
      const { stdout } = await scitsim('sweep', file, '--out', out, '--workers', '1');
      expect(stdout).toContain('shard 1/2: 1 cell run (4 runs), 0 kept, 1 worker → ');
    } finally {
      delete process.env.SLURM_ARRAY_TASK_ID;
      delete process.env.SLURM_ARRAY_TASK_COUNT;
    }
    expect(await readdir(join(out, 'cells'))).toEqual(['000001.csv']);
  });

  it('refuses to merge shards of different sweeps or a missing shard, writing nothing', async () => {
    const { out: s0 } = await sweptOnce({ index: 0, count: 2 });
    const [other, out] = [await tempDir(), await tempDir()];
    await sweepHere(await scenarioFile({ ...SWEEP, seeds: 10 }), other, { shard: { index: 1, count: 2 } });
    await expect(mergeShards(out, [s0, other])).rejects.toThrow(/holds a different sweep/);
    await expect(mergeShards(out, [s0])).rejects.toThrow(/misses shard\(s\) 1\/2/);
    await expect(scitsim('merge', out, s0)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('misses shard(s) 1/2'),
    });
    expect(await readdir(out)).toEqual([]);
  });

  it('--resume keeps complete cells and gives the same bytes', async () => {
    const { file, out: reference } = await sweptOnce();
    const out = await tempDir();
    await sweepHere(file, out);
    await rm(join(out, 'cells', '000001.csv'));
    await rm(join(out, 'runs.csv'));
    const outcome = await sweepHere(file, out, { resume: true });
    expect(outcome).toMatchObject({ ran: 1, kept: 2, runs: 40 });
    expect(await files(out)).toEqual(await files(reference));
  });

  it('rejects a bad shard and an output directory of another sweep (exit 2)', async () => {
    const file = await scenarioFile();
    const out = await tempDir();
    await expect(scitsim('sweep', file, '--out', out, '--shard', '2/2')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--shard: must be i/n with 0 ≤ i < n'),
    });
    const { out: swept } = await sweptOnce();
    await expect(
      scitsim('sweep', await scenarioFile({ ...SWEEP, seeds: 5 }), '--out', swept, '--workers', '1'),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('holds the results of another sweep'),
    });
  });

  it('knows which commands need Node relaunched with flags of their own', () => {
    expect(needsNodeFlags('sweep', [])).toBe(true);
    expect(needsNodeFlags('sweep', [...SWEEP_NODE_FLAGS])).toBe(false);
    expect(needsNodeFlags('paper', [])).toBe(false);
    expect(needsNodeFlags('constructor', [])).toBe(false);
    expect(needsNodeFlags('scale', [])).toBe(true);
    expect(needsNodeFlags('scale', [...SWEEP_NODE_FLAGS])).toBe(true);
    expect(needsNodeFlags('scale', [...SCALE_NODE_FLAGS])).toBe(false);
  });

  it('stops a strategy that never returns, naming it and the decision (exit 1)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    await writeFile(
      join(dir, 'forever.ts'),
      [
        'export class Forever {',
        "  readonly name = 'forever';",
        '  choose(): never { for (;;) {} }',
        '}',
      ].join('\n'),
    );
    const file = join(dir, 'sweep.json');
    await writeFile(file, JSON.stringify({ ...SWEEP, strategies: [{ file: 'forever.ts' }] }));
    await expect(
      scitsim('sweep', file, '--out', join(dir, 'out'), '--workers', '1', '--decision-timeout', '1'),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /rotation strategy "forever" did not return within 1 s when asked to replace VM \d+ \((?:Web|DNS), host \d\) at t=[\d.]+s \(cell 0, seed 1\); the sweep stopped/,
      ),
    });
  });

  it('stops a strategy whose constructor never returns in a run, naming it (exit 1)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    // Built once to learn its name (the plan, and each worker's cell), then once per run: that one hangs.
    await writeFile(
      join(dir, 'stuck.ts'),
      [
        'let made = 0;',
        'export class Stuck {',
        "  readonly name = 'stuck';",
        '  constructor() { if (++made > 1) for (;;) {} }',
        "  choose() { return { kind: 'wait', reason: 'never' } as const; }",
        '}',
      ].join('\n'),
    );
    const file = join(dir, 'sweep.json');
    await writeFile(file, JSON.stringify({ ...SWEEP, strategies: [{ file: 'stuck.ts' }] }));
    await expect(
      scitsim('sweep', file, '--out', join(dir, 'out'), '--workers', '1', '--decision-timeout', '1'),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /rotation strategy "stuck": its constructor did not return within 1 s \(cell 0, seed 1\)/,
      ),
    });
  });
});
