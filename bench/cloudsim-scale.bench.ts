/**
 * CloudSim's scale scenario (cloudsim-examples.md) at (H, V, C) = (10, 40, 400), (100, 400, 4000),
 * (1000, 4000, 40000) and, when not quick, (1000, 4000, 200000) and (10000, 40000, 1000000).
 * Reports wall time, CloudSim events per second, peak RSS and heap (sampled every 4096 kernel events)
 * and the finish-time sum, checked against CloudSim 7.0.1's where known. CloudSim 7.0.1 itself takes
 * ~405 s at (1000, 4000, 40000) on this machine (issue 3).
 *
 * Then (issue 21) the peak RSS of the scenario at C = 10^4, 10^5 and (when not quick) 10^6 cloudlets,
 * with H = C/100 hosts and V = C/25 VMs as in (10000, 40000, 10^6), each in a child process of its
 * own (bench/scale-child.ts), and the bytes per cloudlet between the two largest sizes.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SCALE_NODE_FLAGS } from '../bin/sweep-process.mjs';
import type { Simulation } from '../src/core/index.js';
import { runScale } from '../src/experiments/cloudsim/scale-scenario.js';
import { createRunContainer } from '../src/runs/container.js';
import type { BenchResult } from './run.js';

/** CloudSim 7.0.1's finish-time sums (3 decimals), from issue 3. */
const CLOUDSIM_SUMS: Record<number, number> = { 400: 80949.607, 4000: 837096.659, 40000: 8284368.459 };
const CLOUDSIM_SECONDS_AT_40000 = 405;

const SIZES: ReadonlyArray<readonly [number, number, number]> = [
  [10, 40, 400],
  [100, 400, 4000],
  [1000, 4000, 40000],
  [1000, 4000, 200000],
  [10000, 40000, 1000000],
];

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const sizes = opts.quick ? SIZES.slice(0, 3) : SIZES;
  for (const [hosts, vms, cloudlets] of sizes) {
    let peakRss = process.memoryUsage().rss;
    let peakHeap = process.memoryUsage().heapUsed;
    let seen = 0;
    const started = performance.now();
    const result = runScale(createRunContainer(), {
      hosts,
      vms,
      cloudlets,
      observe: (sim: Simulation) => {
        sim.hooks.eventProcessed.subscribe(() => {
          if ((++seen & 4095) !== 0) return;
          const memory = process.memoryUsage();
          if (memory.rss > peakRss) peakRss = memory.rss;
          if (memory.heapUsed > peakHeap) peakHeap = memory.heapUsed;
        });
      },
    });
    const wallSeconds = (performance.now() - started) / 1000;
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
    const sum = Number(result.finishTimeSum.toFixed(3));
    const expected = CLOUDSIM_SUMS[cloudlets];
    const size = { hosts, vms, cloudlets };
    const label = `C=${cloudlets}`;
    results.push(
      { name: `${label} wall time`, value: wallSeconds, unit: 's', ...size },
      {
        name: `${label} events/s`,
        value: result.events / wallSeconds,
        unit: 'events/s',
        events: result.events,
      },
      { name: `${label} peak rss`, value: peakRss / 2 ** 20, unit: 'MiB' },
      { name: `${label} peak heap`, value: peakHeap / 2 ** 20, unit: 'MiB' },
      {
        name: `${label} finish-time sum`,
        value: sum,
        unit: 's',
        cloudsim: expected ?? null,
        matchesCloudSim: expected === undefined ? null : sum === expected,
        endTime: result.endTime,
        finished: result.finishedCount,
      },
    );
    if (cloudlets === 40000) {
      results.push({
        name: `${label} speed-up vs CloudSim 7.0.1`,
        value: CLOUDSIM_SECONDS_AT_40000 / wallSeconds,
        unit: 'x',
      });
    }
  }
  results.push(...childPeaks(opts.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]));
  return results;
}

/** Peak RSS of the scale scenario at each size, each in a fresh process; bytes per cloudlet. */
function childPeaks(sizes: readonly number[]): BenchResult[] {
  const child = fileURLToPath(new URL('./scale-child.ts', import.meta.url));
  const results: BenchResult[] = [];
  const peaks: number[] = [];
  for (const cloudlets of sizes) {
    const run = spawnSync(
      process.execPath,
      // With the Node flags of `scitsim scale` (bin/sweep-process.mjs), as the installed command runs.
      [
        ...SCALE_NODE_FLAGS,
        '--import',
        'tsx',
        child,
        String(cloudlets / 100),
        String(cloudlets / 25),
        String(cloudlets),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (run.status !== 0) throw new Error(`scale child at C=${cloudlets} exited ${run.status}`);
    const measured = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
      wallSeconds: number;
      maxRssBytes: number;
      finishTimeSum: number;
      events: number;
    };
    peaks.push(measured.maxRssBytes);
    results.push({
      name: `(C/100, C/25, C) at C=${cloudlets}, own process: peak RSS`,
      value: measured.maxRssBytes / 2 ** 20,
      unit: 'MiB',
      wallSeconds: measured.wallSeconds,
      finishTimeSum: measured.finishTimeSum,
      events: measured.events,
    });
  }
  const last = sizes.length - 1;
  results.push({
    name: `bytes per cloudlet, peak RSS from C=${sizes[last - 1]} to C=${sizes[last]}`,
    value: (peaks[last] - peaks[last - 1]) / (sizes[last] - sizes[last - 1]),
    unit: 'B',
  });
  return results;
}
