/**
 * Client requests over many seeds, with rotation on: per service, the response time (mean and p99
 * over every served request of every run), the requests dropped at cleansing and the throughput.
 * Requests never change a rotation decision (they have their own random streams and the controllers
 * never hear of them), so these runs are the rotation summary's own seeds run again with requests.
 */
import type { Container } from 'inversify';
import { type Spread, sampleSpread } from '../../analysis/stats/spread.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { RequestWorkload } from '../../entities/scit/request-workload.js';
import { ResponseTimes } from '../../entities/scit/response-times.js';
import type { Vm } from '../../entities/vm.js';
import { RunScope } from '../../runs/container.js';
import { runScit } from '../../runs/scit-run.js';

/** Requests of one service over many runs. */
export interface ServiceRequestSeedSummary {
  runs: number;
  generated: number;
  served: number;
  /** Not served, all causes (rejected, dropped at cleansing, dropped at a host compromise). */
  dropped: number;
  /** Unfinished when their VM started cleansing (and not resubmitted). */
  droppedByCleansing: number;
  /** `droppedByCleansing / generated`. */
  droppedByCleansingShare: number;
  rejected: number;
  droppedByCompromise: number;
  resubmitted: number;
  /** Still on a VM when their run ended (generated = served + dropped + inFlight). */
  inFlight: number;
  /** Served requests per second of arrivals: served / (runs × the arrival window). */
  throughputPerSecond: number;
  /** Over every served request of every run (p99 interpolated between order statistics, as `spread`). */
  responseTimeSeconds: Spread;
}

/** Options of {@link summarizeRequestSeeds}. */
export interface RequestSeedOptions {
  seeds: number;
  /** Seeds are firstSeed, firstSeed + 1, … (default 1). */
  firstSeed?: number;
  /** Clock cycles per run (give this or `horizonSeconds`). */
  cycles?: number;
  horizonSeconds?: number;
  requests: RequestWorkload;
  /** End of request arrivals in each run (seconds). */
  requestHorizonSeconds: number;
  attack?: unknown;
  cloudVms?: readonly Vm[];
  /** Called after each run with the number of runs done. */
  onProgress?: (done: number) => void;
}

/** Runs `seeds` seeds with requests and summarizes the requests per service name (services with a load). */
export function summarizeRequestSeeds(
  container: Container | RunScope,
  config: ResolvedScitConfig,
  options: RequestSeedOptions,
): Record<string, ServiceRequestSeedSummary> {
  const scope = RunScope.of(container);
  const loaded = config.services.map((s) => options.requests.services[s.name] !== undefined);
  const totals = config.services.map(() => ({
    generated: 0,
    served: 0,
    dropped: 0,
    droppedByCleansing: 0,
    rejected: 0,
    droppedByCompromise: 0,
    resubmitted: 0,
    inFlight: 0,
  }));
  const responses = config.services.map(() => new ResponseTimes(SUMMARY_EXACT_RESPONSE_TIMES));
  const firstSeed = options.firstSeed ?? 1;
  for (let i = 0; i < options.seeds; i++) {
    const result = runScit(scope, config, {
      seed: firstSeed + i,
      maxCycles: options.cycles,
      horizonSeconds: options.horizonSeconds,
      requests: options.requests,
      requestHorizonSeconds: options.requestHorizonSeconds,
      cloudVms: options.cloudVms,
      attack: options.attack,
      keepExtraExposures: false,
    });
    (result.requests ?? []).forEach((stats, s) => {
      const total = totals[s];
      total.generated += stats.generated;
      total.served += stats.served;
      total.dropped += stats.dropped;
      total.droppedByCleansing += stats.droppedByCleansing;
      total.rejected += stats.rejected;
      total.droppedByCompromise += stats.droppedByCompromise;
      total.resubmitted += stats.resubmitted;
      total.inFlight += stats.inFlight;
      responses[s].addAll(stats.responseTimes);
    });
    options.onProgress?.(i + 1);
  }
  const window = options.seeds * options.requestHorizonSeconds;
  const summary: Record<string, ServiceRequestSeedSummary> = {};
  config.services.forEach((service, s) => {
    if (!loaded[s]) return;
    const total = totals[s];
    summary[service.name] = {
      runs: options.seeds,
      ...total,
      droppedByCleansingShare: total.generated === 0 ? 0 : total.droppedByCleansing / total.generated,
      throughputPerSecond: window === 0 ? 0 : total.served / window,
      responseTimeSeconds: sampleSpread(responses[s], exactSpread),
    };
  });
  return summary;
}

/** Response times kept exactly over all seeds of a summary before its histogram takes over (64 MiB). */
export const SUMMARY_EXACT_RESPONSE_TIMES = 1 << 23;

/**
 * Mean, p99 and max of every value, with `spread`'s definitions (p99 at (n − 1)·0.99 between order
 * statistics), by selection instead of a full sort: linear time on millions of values. Rearranges `a`.
 */
function exactSpread(a: Float64Array): Spread {
  const n = a.length;
  if (n === 0) return { mean: 0, p99: 0, max: 0 };
  let sum = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    sum += a[i];
    if (a[i] > max) max = a[i];
  }
  const index = 0.99 * (n - 1);
  const low = Math.floor(index);
  const fraction = index - low;
  const left = select(a, low);
  let p99 = left;
  if (fraction > 0) {
    // The next order statistic: the smallest value right of the selected one.
    let right = Number.POSITIVE_INFINITY;
    for (let i = low + 1; i < n; i++) if (a[i] < right) right = a[i];
    p99 = left * (1 - fraction) + right * fraction;
  }
  return { mean: sum / n, p99, max };
}

/** Rearranges `a` so that `a[k]` is its k-th smallest value (smaller before, larger after); returns it. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    // Median of three as the pivot (deterministic: the same values give the same work).
    const middle = (left + right) >>> 1;
    const pivot = medianOf(a[left], a[middle], a[right]);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}

function medianOf(x: number, y: number, z: number): number {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}
