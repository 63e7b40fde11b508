/**
 * SCIT at data-center scale (issue 4): H hosts × 10 VMs, 20 services (70 % of VMs online, dealt
 * round-robin so each service sits on as many distinct hosts as it has VMs — every target is tight),
 * E = 180 s, C = 60 s, redundancy-preserving rotation, seed 1. Sizes 1k, 10k and 100k VMs; 24 h
 * simulated (quick: 1 h).
 *
 * Per size: wall time, switches, switches per wall second, ns per switch (decision included) and peak
 * RSS; then the growth between sizes — wall-time ratio next to the switch ratio (10×). Near-linear
 * growth (wall ratio close to the switch ratio) shows that a switch does not scan all VMs.
 *
 * Each size runs in a fresh child process (this file, run with `--scit-scale-child`), so its peak RSS
 * is its own and no size warms the JIT for another. Rotation only: the SCIT VMs are not backed by
 * cloud Vm/Host objects here (placement never changes during SCIT rotation).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveScitConfig } from '../src/entities/scit/config.js';
import { RedundancyPreservingRotation } from '../src/policies/scit/redundancy-preserving-rotation.js';
import { createRunContainer } from '../src/runs/container.js';
import { runScit } from '../src/runs/scit-run.js';
import type { BenchResult } from './run.js';

const VMS_PER_HOST = 10;
const SERVICES = 20;
const HOST_COUNTS = [100, 1000, 10_000];
const CHILD_FLAG = '--scit-scale-child';

/** What one size reports from its child process. */
interface SizeResult {
  hosts: number;
  vms: number;
  horizonSeconds: number;
  wallSeconds: number;
  switches: number;
  peakRssMb: number;
  rssAtStartMb: number;
  degradedCycles: number;
  waited: number;
}

function scaleConfig(hosts: number) {
  const perService = (hosts * VMS_PER_HOST * 0.7) / SERVICES;
  return resolveScitConfig({
    hosts,
    vmsPerHost: VMS_PER_HOST,
    services: Array.from({ length: SERVICES }, (_, s) => ({ name: `svc${s}`, required: perService })),
    exposureSeconds: 180,
    cleansingSeconds: 60,
  });
}

/**
 * Peak RSS of this process image in MB. Linux's VmHWM belongs to the current image; `resourceUsage().maxRSS`
 * is carried across exec, so in a freshly spawned child it reports the parent's RSS at spawn time.
 */
function peakRssMb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** One size, in this process: the child's work. Wall time covers building the system and the run. */
function measureSize(hosts: number, horizonSeconds: number): SizeResult {
  const rssAtStartMb = process.memoryUsage().rss / 2 ** 20;
  const config = scaleConfig(hosts);
  const started = performance.now();
  const result = runScit(createRunContainer({ rotation: RedundancyPreservingRotation }), config, {
    seed: 1,
    horizonSeconds,
    keepExtraExposures: false,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  return {
    hosts,
    vms: hosts * VMS_PER_HOST,
    horizonSeconds,
    wallSeconds,
    switches: result.cycles,
    peakRssMb: peakRssMb(),
    rssAtStartMb,
    degradedCycles: result.degradedCycles.reduce((a, b) => a + b, 0),
    waited: result.extraExposure.waited,
  };
}

function runChild(hosts: number, horizonSeconds: number): SizeResult {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG, String(hosts), String(horizonSeconds)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0)
    throw new Error(`scit-scale: child for ${hosts} hosts failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as SizeResult;
}

function sizeLabel(r: SizeResult): string {
  return `${r.vms / 1000}k VMs, ${r.horizonSeconds / 3600} h`;
}

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const horizonSeconds = opts.quick ? 3600 : 24 * 3600;
  const sizes = HOST_COUNTS.map((hosts) => runChild(hosts, horizonSeconds));
  const results: BenchResult[] = [];
  for (const r of sizes) {
    const label = sizeLabel(r);
    results.push(
      { name: `${label}: wall time`, value: r.wallSeconds, unit: 's' },
      { name: `${label}: switches`, value: r.switches, unit: 'switches' },
      { name: `${label}: switches per wall second`, value: r.switches / r.wallSeconds, unit: 'switches/s' },
      { name: `${label}: time per switch`, value: (1e9 * r.wallSeconds) / r.switches, unit: 'ns' },
      { name: `${label}: peak RSS (own process)`, value: Math.round(r.peakRssMb), unit: 'MB' },
      {
        name: `${label}: RSS growth during the run`,
        value: Math.round(r.peakRssMb - r.rssAtStartMb),
        unit: 'MB',
      },
      { name: `${label}: cycles below target`, value: r.degradedCycles, unit: 'cycles' },
      { name: `${label}: switches that waited`, value: r.waited, unit: 'switches' },
    );
  }
  for (let i = 1; i < sizes.length; i++) {
    const [small, large] = [sizes[i - 1], sizes[i]];
    const label = `${small.vms / 1000}k → ${large.vms / 1000}k VMs`;
    results.push(
      { name: `${label}: switch growth`, value: large.switches / small.switches, unit: '×' },
      { name: `${label}: wall-time growth`, value: large.wallSeconds / small.wallSeconds, unit: '×' },
      {
        name: `${label}: time-per-switch growth`,
        value: large.wallSeconds / large.switches / (small.wallSeconds / small.switches),
        unit: '× (1 = linear)',
      },
    );
  }
  return results;
}

if (process.argv[2] === CHILD_FLAG) {
  const [hosts, horizonSeconds] = process.argv.slice(3).map(Number);
  console.log(JSON.stringify(measureSize(hosts, horizonSeconds)));
}
