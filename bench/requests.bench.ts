/**
 * Client requests on the CloudSim layer:
 * - the paper experiment with requests on (Web 20/s, DNS 50/s) over 100 seeds × 30 cycles, both
 *   strategies (target ≤ 10 s): `runPaperExperiment({ seeds: 100, requestSeeds: 100 })`;
 * - runs of the paper's system (rotation on) with 10^4, 10^5 and 10^6 requests, and 10^7 on the fast
 *   path (10^6 in all at each of the first three sizes: 100, 10 and 1 runs), on the fast path and as cloudlets through the broker and the datacenter:
 *   requests per second and time per request (the same at every size when the cost grows linearly),
 *   and the peak memory of the 10^6 and 10^7 runs. Each size runs in a fresh process (after a warm-up of 2·10^5
 *   requests), so that the peak resident memory (`resourceUsage().maxRSS`) is its own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { paperScitConfig } from '../src/entities/scit/paper-system.js';
import { PAPER_REQUESTS, runPaperExperiment } from '../src/experiments/scit/paper-experiment.js';
import { createRunContainer } from '../src/runs/container.js';
import { placeScit } from '../src/runs/placement.js';
import { runScit } from '../src/runs/scit-run.js';
import type { BenchResult } from './run.js';

const ONE_RUN = '--one-request-run';

interface OneRun {
  engine: string;
  requests: number;
  seconds: number;
  maxRssMb: number;
  baselineRssMb: number;
}

/** One run of the paper's system with about `target` requests (Web 20/s + DNS 50/s), in this process. */
function oneRun(engine: 'fast' | 'cloudlets', target: number): OneRun {
  const container = createRunContainer();
  const cloud = placeScit(container, paperScitConfig(), { vmMips: PAPER_REQUESTS.vmMips });
  const perSecond = Object.values(PAPER_REQUESTS.services).reduce((sum, s) => sum + s.ratePerSecond, 0);
  const run = (requests: number) => {
    const arrivals = requests / perSecond;
    return runScit(container, cloud.config, {
      seed: 1,
      horizonSeconds: arrivals + 10,
      requests: { ...PAPER_REQUESTS, engine },
      requestHorizonSeconds: arrivals,
      cloudVms: cloud.vms,
      keepExtraExposures: false,
    });
  };
  run(200_000); // warm-up (JIT)
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
  // Small runs are repeated (10^6 requests in all), so that each size is timed over the same work.
  const repeats = Math.max(1, Math.round(1e6 / target));
  let requests = 0;
  let engineRun = '';
  const started = performance.now();
  for (let i = 0; i < repeats; i++) {
    const result = run(target);
    requests += (result.requests ?? []).reduce((sum, s) => sum + s.generated, 0);
    engineRun = result.requestEngine ?? engine;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    engine: engineRun,
    requests,
    seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    baselineRssMb,
  };
}

function inChild(engine: 'fast' | 'cloudlets', target: number): OneRun {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ONE_RUN, engine, String(target)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`requests bench: the ${engine} run of ${target} failed`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as OneRun;
}

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const seeds = opts.quick ? 20 : 100;
  await runPaperExperiment({ seeds: 5, requestSeeds: 5, outDir: null }); // warm-up (JIT, mathjs)
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const paper = await runPaperExperiment({ seeds, requestSeeds: seeds, outDir: null });
  const paperSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  let paperRequests = 0;
  for (const strategy of Object.values(paper.requestSummary ?? {}))
    for (const service of Object.values(strategy)) paperRequests += service.generated;
  results.push(
    {
      name: `paper experiment, ${seeds} seeds × 30 cycles with requests (both strategies; target ≤ 10 s at 100)`,
      value: paperSeconds,
      unit: 's',
    },
    {
      name: '… its CPU time (what the wall time would be on an idle core)',
      value: (cpu.user + cpu.system) / 1e6,
      unit: 's',
    },
    { name: 'requests simulated in it', value: paperRequests, unit: 'requests' },
    { name: 'requests per second in it', value: paperRequests / paperSeconds, unit: 'req/s' },
  );
  const sizes = opts.quick ? [1e4, 1e5] : [1e4, 1e5, 1e6];
  // 10^7 requests on the fast path: memory bounded by the requests in flight and the summary (issue 21:
  // ≤ 300 MB peak), not by the requests served.
  const runs = [
    ...(['fast', 'cloudlets'] as const).flatMap((engine) => sizes.map((size) => ({ engine, size }))),
    ...(opts.quick ? [] : [{ engine: 'fast' as const, size: 1e7 }]),
  ];
  for (const { engine, size } of runs) {
    const one = inChild(engine, size);
    const label = `runs of ${size.toExponential(0).replace('e+', 'e')} requests, ${engine === 'fast' ? 'fast path' : 'cloudlets'}`;
    results.push(
      { name: `${label}: requests per second`, value: one.requests / one.seconds, unit: 'req/s' },
      { name: `${label}: time per request`, value: (1e6 * one.seconds) / one.requests, unit: 'µs' },
    );
    if (size >= 1e6)
      results.push({
        name: `${label}: peak memory (process; ${one.baselineRssMb.toFixed(0)} MB before the run)`,
        value: one.maxRssMb,
        unit: 'MB',
      });
  }
  return results;
}

if (process.argv[2] === ONE_RUN) {
  const engine = process.argv[3] === 'cloudlets' ? 'cloudlets' : 'fast';
  console.log(JSON.stringify(oneRun(engine, Number(process.argv[4]))));
}
