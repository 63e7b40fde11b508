/**
 * Bytes allocated per sweep run (issue 21): the runs a sweep worker does (`SweepTaskRunner`, the bench
 * sweep's paper preset, both strategies, tasks of 100 seeds as the engine makes them), in this thread,
 * after a warm-up. The figure is exact, not sampled: V8's `GCProfiler` reports the heap's used bytes
 * before and after every collection, so the bytes allocated over the measured runs are the growth of the
 * used heap plus everything each collection freed. Nothing else runs in this thread meanwhile.
 *
 * `node --single-threaded-gc --import tsx bench/sweep-alloc.ts [runs] [--where]` prints the figure;
 * `--where` also samples the allocations (the inspector's sampling heap profiler, keeping the objects the
 * collector has freed) and prints the functions that allocated most, by self bytes. Environment knobs
 * of `--where`: SWEEP_ALLOC_TOP=N lines (default 40); SWEEP_ALLOC_CALLERS=1 names each function's
 * caller too; SWEEP_ALLOC_PROMOTED=1 (with node --expose-gc) keeps only what outlived the young
 * generation. The byte figure moves by ~±1 KB between processes (what the optimizer removes differs):
 * compare medians of several processes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GCProfiler } from 'node:v8';
import { heartbeatBuffer } from '../src/parallel/heartbeat.js';
import { planSweep } from '../src/sweep/plan.js';
import { type SweepTask, SweepTaskRunner } from '../src/sweep/worker.js';
import { paperScenarioSystem } from '../test/support/paper-scenario.js';

/** The bench sweep's scenario: the paper preset under VM-escape attacks (bench/sweep.bench.ts sweeps it). */
export const PAPER = {
  ...paperScenarioSystem(),
  attack: { model: 'vm-escape', meanIntervalSeconds: 300, escapeSeconds: 30, recoverySeconds: 60 },
  cycles: 30,
};

export interface AllocationFigure {
  runs: number;
  bytesPerRun: number;
  /** Bytes per run that young-generation collections moved to the old generation (they outlived two). */
  promotedPerRun: number;
  collections: number;
  /** Per-function self bytes per run (with `where`), largest first. */
  where?: { name: string; bytesPerRun: number }[];
}

/** Runs `runs` sweep runs (after as many to warm up) and returns the bytes they allocated per run. */
export async function allocationPerRun(runs: number, where = false): Promise<AllocationFigure> {
  const dir = await mkdtemp(join(tmpdir(), 'scitsim-sweep-alloc-'));
  try {
    const file = join(dir, 'sweep.json');
    await writeFile(file, JSON.stringify({ ...PAPER, seeds: 100, sweep: { exposureSeconds: [180] } }));
    const plan = await planSweep(file);
    const runner = new SweepTaskRunner({
      scenarioFile: plan.scenarioFile,
      document: plan.document,
      fingerprint: plan.fingerprint,
    });
    const heartbeat = heartbeatBuffer();
    let seed = 1;
    const runSome = async (count: number) => {
      for (let done = 0; done < count; ) {
        const seeds = Math.min(100, count - done);
        const task: SweepTask = {
          cell: 0,
          strategy: (done / 100) & 1,
          firstSeed: seed,
          seeds,
          rowPrefix: '180,x',
          heartbeat,
        };
        await runner.run(task);
        seed += seeds;
        done += seeds;
      }
    };
    await runSome(Math.max(2000, runs));
    const session = where ? new Session() : undefined;
    if (session !== undefined) {
      session.connect();
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: 256,
        includeObjectsCollectedByMajorGC: true,
        // SWEEP_ALLOC_PROMOTED=1 (with --expose-gc): only what outlived the young generation.
        includeObjectsCollectedByMinorGC: process.env.SWEEP_ALLOC_PROMOTED === undefined,
      });
    }
    const profiler = new GCProfiler();
    profiler.start();
    const before = process.memoryUsage().heapUsed;
    await runSome(runs);
    const after = process.memoryUsage().heapUsed;
    const { statistics } = profiler.stop();
    let freed = 0;
    let promoted = 0;
    const oldUsed = (spaces: { spaceName: string; spaceUsedSize: number }[]) =>
      spaces.reduce((sum, space) => sum + (space.spaceName === 'old_space' ? space.spaceUsedSize : 0), 0);
    for (const gc of statistics) {
      freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
      if (gc.gcType === 'Scavenge')
        promoted += oldUsed(gc.afterGC.heapSpaceStatistics) - oldUsed(gc.beforeGC.heapSpaceStatistics);
    }
    const figure: AllocationFigure = {
      runs,
      bytesPerRun: (after - before + freed) / runs,
      promotedPerRun: promoted / runs,
      collections: statistics.length,
    };
    if (session !== undefined) {
      const gc = (globalThis as { gc?: (options: object) => void }).gc;
      if (process.env.SWEEP_ALLOC_PROMOTED !== undefined && gc !== undefined)
        for (let i = 0; i < 2; i++) gc({ type: 'minor', execution: 'sync' });
      const { profile } = await session.post('HeapProfiler.stopSampling');
      session.disconnect();
      const self = new Map<string, number>();
      const frame = (node: (typeof profile)['head']) => {
        const { functionName, url } = node.callFrame;
        return `${functionName || '(anonymous)'} ${url.replace(/^.*\/(src|node_modules)\//, '$1/')}`;
      };
      const visit = (node: (typeof profile)['head'], caller: string) => {
        const name = `${frame(node)}${process.env.SWEEP_ALLOC_CALLERS ? ` < ${caller}` : ''}`;
        self.set(name, (self.get(name) ?? 0) + node.selfSize);
        for (const child of node.children) visit(child, frame(node));
      };
      visit(profile.head, '');
      figure.where = [...self]
        .map(([name, bytes]) => ({ name, bytesPerRun: bytes / runs }))
        .sort((a, b) => b.bytesPerRun - a.bytesPerRun);
    }
    return figure;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 20000);
  const figure = await allocationPerRun(runs, process.argv.includes('--where'));
  console.log(
    `${figure.bytesPerRun.toFixed(0)} bytes allocated per run, ${figure.promotedPerRun.toFixed(0)} promoted (${figure.runs} runs, ${figure.collections} collections)`,
  );
  for (const { name, bytesPerRun } of figure.where?.slice(0, Number(process.env.SWEEP_ALLOC_TOP ?? 40)) ?? [])
    console.log(`${bytesPerRun.toFixed(0).padStart(7)}  ${name}`);
}
