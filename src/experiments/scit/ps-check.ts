/**
 * The request model checked against queueing theory. With rotation off (exposure longer than the
 * run), one service on k VMs of m MIPS, Poisson arrivals at λ per second, request lengths of mean L MI,
 * random routing and the time-shared cloudlet scheduler, each VM is an M/G/1 processor-sharing queue
 * (random routing splits a Poisson stream into independent Poisson streams of rate λ/k; the
 * time-shared scheduler gives each of n running cloudlets 1/n of the VM). Its mean response time is
 * E[S]/(1 − ρ) with E[S] = L/m and ρ = λL/(k·m), whatever the distribution of the lengths
 * (Kleinrock 1967; e.g. Harchol-Balter, Performance Modeling and Design of Computer Systems, 2013,
 * ch. 22).
 *
 * CloudSim's own arithmetic makes a small, known difference: a cloudlet is submitted up to one
 * minimum gap (0.01 s) after the datacenter's last update and is credited from that update on, and
 * it is seen finished at the next update, which the cadence may put up to ~0.02 s late. With service
 * times of seconds (default L/m = 5 s) that is well under 1% of a response time.
 *
 * The estimate excludes requests that arrive during a warm-up (the system starts empty) and comes
 * with a 95% confidence interval from batch means (consecutive requests are correlated, so the
 * plain standard error would be too small).
 */

import { estimateOf, inRange, NON_NEGATIVE } from '../../analysis/stats/interval.js';
import { ConfigError } from '../../core/errors.js';
import { resolveScitConfig } from '../../entities/scit/config.js';
import type { RequestEngineChoice, RequestLengths } from '../../entities/scit/request-workload.js';
import { createRunContainer } from '../../runs/container.js';
import { runScit } from '../../runs/scit-run.js';

/** What to check. */
export interface ProcessorSharingCheckOptions {
  /** Utilization ρ = λL/(k·m), 0 < ρ < 1. */
  rho: number;
  /** Length distribution (default exponential; `fixed`: every request exactly L MI). */
  lengths?: RequestLengths;
  /** Requests to measure after the warm-up, at least (default 100,000). */
  requests?: number;
  /** VMs k (default 4). */
  vms?: number;
  /** MIPS m of each VM (default 1000). */
  vmMips?: number;
  /** Mean length L in MI (default 5000: 5 s of service at 1000 MIPS). */
  meanLengthMi?: number;
  /** Share of the arrival window treated as warm-up (default 0.05). */
  warmupFraction?: number;
  seed?: number;
  /** Request model (default `cloudlets`: the broker, datacenter and schedulers themselves). */
  engine?: RequestEngineChoice;
}

/** What the simulation measured, beside the theory. */
export interface ProcessorSharingCheck {
  rho: number;
  lengths: RequestLengths;
  /** Requests measured (served, arrived after the warm-up). */
  requests: number;
  vms: number;
  vmMips: number;
  meanLengthMi: number;
  arrivalsPerSecond: number;
  /** Mean response time measured (arrival to return), seconds. */
  meanResponseSeconds: number;
  /** Its 95% confidence interval (batch means). */
  meanResponseCi95Seconds: [number, number];
  /** (L/m)/(1 − ρ). */
  theoryResponseSeconds: number;
  /** 100 · (measured − theory) / theory. */
  errorPercent: number;
  /** Utilization the generated lengths actually offered during the arrival window. */
  offeredRho: number;
  warmupSeconds: number;
  arrivalWindowSeconds: number;
  /** Requests not measured because they were still running when the run ended (expected 0). */
  unfinished: number;
  engine: string;
  seed: number;
}

const BATCHES = 30;

/** Runs the check (see the module documentation). */
export function processorSharingCheck(options: ProcessorSharingCheckOptions): ProcessorSharingCheck {
  const rho = options.rho;
  if (!(rho > 0 && rho < 1)) throw new ConfigError('rho', rho, 'must be > 0 and < 1');
  const lengths = options.lengths ?? 'exponential';
  const requests = options.requests ?? 100_000;
  if (!Number.isInteger(requests) || requests < 1000)
    throw new ConfigError('requests', requests, `must be an integer >= 1000 (${BATCHES} batches)`);
  const k = options.vms ?? 4;
  const vmMips = options.vmMips ?? 1000;
  const meanLengthMi = options.meanLengthMi ?? 5000;
  const warmupFraction = options.warmupFraction ?? 0.05;
  if (!(warmupFraction >= 0 && warmupFraction < 0.5))
    throw new ConfigError('warmupFraction', warmupFraction, 'must be >= 0 and < 0.5');
  const seed = options.seed ?? 1;
  const serviceSeconds = meanLengthMi / vmMips;
  const lambda = (rho * k * vmMips) / meanLengthMi;
  // Enough arrivals that at least `requests` fall after the warm-up (4 standard deviations of margin).
  const window = (requests + 4 * Math.sqrt(requests)) / lambda / (1 - warmupFraction);
  const warmup = warmupFraction * window;
  const theory = serviceSeconds / (1 - rho);
  // Long enough after the last arrival for what is left to finish (the backlog drains at rate 1 − ρ).
  const horizon = window + 1000 * theory;
  const config = resolveScitConfig({
    hosts: k,
    vmsPerHost: 2,
    services: [{ name: 'S', required: k }],
    exposureSeconds: 1e9, // longer than the run: rotation off
    cleansingSeconds: 1,
    layout: Array.from({ length: k }, () => ['S', 'spare']),
  });
  // The first VM would expire at E/k: the run must end before it (no rotation at all).
  if (horizon >= Math.min(...config.firstExpirySeconds))
    throw new ConfigError('requests', requests, 'is too many for one run with rotation off');
  const result = runScit(createRunContainer({ routing: 'random' }), config, {
    seed,
    horizonSeconds: horizon,
    requests: {
      services: { S: { ratePerSecond: lambda, meanLengthMi, lengths } },
      vmMips,
      queueCapacity: 1_000_000,
      engine: options.engine ?? 'cloudlets',
    },
    requestHorizonSeconds: window,
    recordRequests: true,
  });
  if (result.cycles !== 0)
    throw new Error(`processorSharingCheck: ${result.cycles} switches in a run without rotation`);
  const log = result.requestLog ?? [];
  let offeredMi = 0;
  let unfinished = 0;
  const responses: number[] = [];
  for (const record of log) {
    offeredMi += record.lengthMi;
    if (record.arrivalSeconds < warmup) continue;
    if (record.outcome === 'served') responses.push(record.endSeconds - record.arrivalSeconds);
    else unfinished++;
  }
  const batch = Math.floor(responses.length / BATCHES);
  const batchMeans: number[] = [];
  let sum = 0;
  for (let i = 0; i < batch * BATCHES; i++) {
    sum += responses[i];
    if ((i + 1) % batch === 0) {
      batchMeans.push(sum / batch);
      sum = 0;
    }
  }
  const mean = responses.reduce((a, b) => a + b, 0) / responses.length;
  const ci = estimateOf(batchMeans).ci95;
  return {
    rho,
    lengths,
    requests: responses.length,
    vms: k,
    vmMips,
    meanLengthMi,
    arrivalsPerSecond: lambda,
    meanResponseSeconds: mean,
    meanResponseCi95Seconds: inRange([mean - (ci[1] - ci[0]) / 2, mean + (ci[1] - ci[0]) / 2], NON_NEGATIVE),
    theoryResponseSeconds: theory,
    errorPercent: (100 * (mean - theory)) / theory,
    offeredRho: offeredMi / (k * vmMips * window),
    warmupSeconds: warmup,
    arrivalWindowSeconds: window,
    unfinished,
    engine: result.requestEngine ?? '',
    seed,
  };
}
