/**
 * Upper bounds of what a run may ask for, and why: one source of truth for the command line, the
 * library and scenario files. Sizes that hold memory are bounded by this process's JavaScript heap
 * (measured per object, with the estimate printed when a request is refused); counts that only cost
 * time are bounded so that a run finishes in hours, not years.
 */
import { getHeapStatistics } from 'node:v8';
import { ConfigError } from '../core/errors.js';
import { type Limit, SCIT_LIMITS } from '../entities/scit/config-limits.js';

export { checkLimit, type Limit } from '../entities/scit/config-limits.js';

/** Bounds that do not depend on this machine (the SCIT configuration's included). */
export const LIMITS = {
  ...SCIT_LIMITS,
  seeds: { max: 10_000_000, why: 'at ~1 ms per run of a small system, 10^7 runs take hours per strategy' },
  cycles: {
    max: 10_000_000,
    why: 'each switch is a few microseconds: 10^7 cycles per run take about a minute',
  },
  seedCycles: {
    max: 50_000_000,
    why: 'the summary keeps every switch’s extra exposure (8 bytes, twice): at most ~800 MB over all runs',
  },
  sweepCells: { max: 100_000, why: 'a sweep of more cells should be split into several sweeps' },
  sweepPaths: { max: 64, why: 'each swept path is a column of every file the sweep writes' },
  studyPoints: {
    max: 1_000,
    why: 'each value is a point of a figure, run with every seed of every strategy',
  },
  checkRuns: { max: 100_000, why: 'each generated case runs a whole simulation' },
} as const satisfies Record<string, Limit>;

/** Bytes of JavaScript heap this process may use (V8's limit). */
export function heapLimitBytes(): number {
  return getHeapStatistics().heap_size_limit;
}

/** Measured heap cost of the CloudSim scale scenario's objects (bench: 1.4 GB at 10^6 cloudlets). */
const BYTES = { cloudlet: 1_300, vm: 4_000, host: 8_000 } as const;

/**
 * Refuses a CloudSim scenario that cannot fit this process's heap, before building anything: the
 * estimate (hosts, VMs and cloudlets at their measured cost) must stay under 80% of the heap limit.
 */
export function checkCloudFits(field: string, hosts: number, vms: number, cloudlets: number): void {
  const estimate = BYTES.host * hosts + BYTES.vm * vms + BYTES.cloudlet * cloudlets;
  const budget = 0.8 * heapLimitBytes();
  if (estimate > budget)
    throw new ConfigError(
      field,
      { hosts, vms, cloudlets },
      `needs about ${gib(estimate)} of memory (${BYTES.host} B per host, ${BYTES.vm} per VM, ${BYTES.cloudlet} per cloudlet), ` +
        `more than 80% of this process's ${gib(heapLimitBytes())} heap (node --max-old-space-size raises it)`,
    );
}

function gib(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

/** Seeds are 32-bit: the largest a seed option takes. */
export const SEED_LIMIT: Limit = { max: 2 ** 31 - 1, why: 'seeds are 32-bit signed integers' };
