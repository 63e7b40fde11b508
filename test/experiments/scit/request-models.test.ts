/**
 * One request model, two ways to compute it: on random SCIT systems, workloads, routings, strategies,
 * placements and host compromises, the fast path gives exactly the per-request results of the
 * cloudlet model (broker entity, datacenter, VMs' time-shared schedulers on CloudSim's bus). And in
 * the cloudlet model the SCIT lifecycle acts on the cloud VMs as it must. A failure prints its
 * fast-check seed and path (replay: FC_SEED=<seed>, or { seed, path } in fc.assert).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  createRunContainer,
  placeScit,
  type RequestRecord,
  type RequestWorkload,
  resolveScitConfig,
  runScit,
  type ScitConfig,
} from '../../../src/index.js';
import { type ObservedRun, observingAttack } from '../../support/scit-observer.js';

interface Case {
  system: ScitConfig;
  workload: RequestWorkload;
  routing: string;
  rotation: string;
  allocation: string | undefined;
  maxCycles: number;
  requestHorizonSeconds: number;
  compromiseEverySeconds: number;
  seed: number;
}

/** Splits `total` online VMs over `services` services, each at least one. */
const onlineSplit = (services: number, total: number) =>
  fc.array(fc.nat(10), { minLength: services, maxLength: services }).map((weights) => {
    const counts = weights.map(() => 1);
    let left = total - services;
    for (let i = 0; left > 0; i = (i + 1) % services) {
      if (weights[i] % 3 !== 0 || i === 0) {
        counts[i]++;
        left--;
      }
    }
    return counts;
  });

const systemArb: fc.Arbitrary<ScitConfig> = fc
  .record({
    hosts: fc.integer({ min: 1, max: 4 }),
    vmsPerHost: fc.integer({ min: 2, max: 4 }),
    services: fc.integer({ min: 1, max: 3 }),
    exposureSeconds: fc.constantFrom(4, 5, 8, 12.5, 20),
    cleansingSeconds: fc.constantFrom(1, 2.5, 5, 10),
    graceSeconds: fc.constantFrom(0, 0, 0.3, 2, 6),
  })
  .chain((base) => {
    const vms = base.hosts * base.vmsPerHost;
    const services = Math.min(base.services, vms);
    // Leave an offline VM when there is room for one, so that VMs rotate.
    const maxOnline = Math.max(services, vms - 1);
    return fc.integer({ min: services, max: maxOnline }).chain((online) =>
      onlineSplit(services, online).map(
        (counts): ScitConfig => ({
          hosts: base.hosts,
          vmsPerHost: base.vmsPerHost,
          exposureSeconds: base.exposureSeconds,
          cleansingSeconds: base.cleansingSeconds,
          graceSeconds: base.graceSeconds,
          services: counts.map((required, s) => ({ name: `S${s}`, required })),
        }),
      ),
    );
  });

const caseArb: fc.Arbitrary<Case> = systemArb.chain((system) =>
  fc.record({
    system: fc.constant(system),
    workload: fc.record({
      services: fc
        .array(
          fc.record({
            ratePerSecond: fc.integer({ min: 2, max: 300 }).map((tenths) => tenths / 10),
            meanLengthMi: fc.constantFrom(1, 4, 10, 60, 250, 1500),
            lengths: fc.constantFrom<'exponential' | 'fixed'>('exponential', 'fixed'),
          }),
          { minLength: system.services.length, maxLength: system.services.length },
        )
        .map((loads) => Object.fromEntries(loads.map((load, s) => [`S${s}`, load]))),
      vmMips: fc.constantFrom(100, 500, 1000, 2500),
      queueCapacity: fc.constantFrom(1, 3, 20, 100),
      resubmitOnCleansing: fc.boolean(),
    }),
    routing: fc.constantFrom('least-loaded', 'random', 'round-robin'),
    rotation: fc.constantFrom('conventional', 'redundancy-preserving', 'reserve-aware'),
    allocation: fc.constantFrom(undefined, 'simple', 'round-robin', 'random'),
    maxCycles: fc.integer({ min: 2, max: 25 }),
    requestHorizonSeconds: fc.integer({ min: 2, max: 60 }),
    compromiseEverySeconds: fc.constantFrom(0, 3, 15),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  }),
);

function run(spec: Case, engine: 'cloudlets' | 'fast', observed: ObservedRun[] = []) {
  const container = createRunContainer({
    routing: spec.routing,
    rotation: spec.rotation,
    attack: observingAttack(observed),
    ...(spec.allocation === undefined ? {} : { allocation: spec.allocation }),
  });
  let config = resolveScitConfig(spec.system);
  let cloudVms: ReturnType<typeof placeScit>['vms'] | undefined;
  if (spec.allocation !== undefined) {
    // The policy decides the initial layout: `random` may stack a service below its target (a
    // ConfigError naming the allocation); such a system is not a case.
    let placed: ReturnType<typeof placeScit>;
    try {
      placed = placeScit(container, spec.system, { vmMips: spec.workload.vmMips });
    } catch (error) {
      fc.pre(!(error instanceof ConfigError && error.field === 'allocation'));
      throw error;
    }
    config = placed.config;
    cloudVms = placed.vms;
  }
  const result = runScit(container, config, {
    seed: spec.seed,
    maxCycles: spec.maxCycles,
    requests: { ...spec.workload, engine },
    requestHorizonSeconds: spec.requestHorizonSeconds,
    recordRequests: true,
    cloudVms,
    attack: { meanIntervalSeconds: spec.compromiseEverySeconds },
  });
  return { result, hostOf: config.layout.flatMap((slots, h) => slots.map(() => h)) };
}

/** Checks the lifecycle against what the observer saw: the records of one cloudlet-model run. */
function checkLifecycle(
  records: readonly RequestRecord[],
  observed: ObservedRun,
  vmCount: number,
  hostOf: (vm: number) => number,
  endSeconds: number,
) {
  const history: { time: number; to: string }[][] = Array.from({ length: vmCount }, () => []);
  for (const change of observed.transitions) history[change.vm].push({ time: change.time, to: change.to });
  const stateAt = (vm: number, time: number, initial: string) => {
    let state = initial;
    for (const change of history[vm]) if (change.time <= time) state = change.to;
    return state;
  };
  const cleansings = (vm: number) => history[vm].filter((c) => c.to === 'cleansing').map((c) => c.time);
  for (const r of records) {
    if (r.outcome === 'rejected') {
      expect(r.vm).toBe(-1);
      continue;
    }
    // Only an Active VM takes a new request (first attempts: a resubmission arrives later than its arrival).
    if (r.attempts === 1) expect(stateAt(r.vm, r.arrivalSeconds, 'active')).toBe('active');
    if (r.outcome === 'served') {
      // Served by a VM that stayed online from arrival to return: no cleansing cut it off in between.
      if (r.attempts === 1)
        for (const time of cleansings(r.vm))
          expect(time > r.arrivalSeconds && time < r.endSeconds).toBe(false);
      expect(r.endSeconds).toBeGreaterThanOrEqual(r.arrivalSeconds);
    } else if (r.outcome === 'dropped-cleansing') {
      expect(cleansings(r.vm)).toContain(r.endSeconds);
    } else if (r.outcome === 'dropped-compromise') {
      expect(
        observed.compromises.some((c) => c.host === hostOf(r.vm) && c.timeSeconds === r.endSeconds),
      ).toBe(true);
    } else {
      // In flight at the end: its VM is still online — or started cleansing at the very instant the run
      // stopped, before the datacenter could cut it off — and (a VM starts clean) was not cleansed since.
      const last = cleansings(r.vm).at(-1);
      if (last !== endSeconds) expect(['active', 'grace']).toContain(stateAt(r.vm, endSeconds, 'active'));
      if (r.attempts === 1)
        for (const time of cleansings(r.vm))
          if (time !== endSeconds) expect(time).toBeLessThan(r.arrivalSeconds);
    }
  }
}

describe('client requests: the cloudlet model and its fast path', () => {
  it('give the same result for every request, and the lifecycle acts on the cloud VMs', () => {
    const seen = {
      requests: 0,
      cleansingDrops: 0,
      resubmitted: 0,
      compromiseDrops: 0,
      rejected: 0,
      inFlight: 0,
    };
    fc.assert(
      fc.property(caseArb, (spec) => {
        const observed: ObservedRun[] = [];
        const { result: cloudlets, hostOf } = run(spec, 'cloudlets', observed);
        const { result: fast } = run(spec, 'fast');
        expect(cloudlets.requestEngine).toBe('cloudlets');
        expect(fast.requestEngine).toBe('fast');
        expect(fast.requestLog).toEqual(cloudlets.requestLog);
        expect(fast.requests).toEqual(cloudlets.requests);
        expect(fast.endTimeSeconds).toBe(cloudlets.endTimeSeconds);
        checkLifecycle(
          cloudlets.requestLog ?? [],
          observed[0],
          hostOf.length,
          (vm) => hostOf[vm],
          cloudlets.endTimeSeconds,
        );
        for (const stats of cloudlets.requests ?? []) {
          expect(stats.served + stats.dropped + stats.inFlight).toBe(stats.generated);
          seen.cleansingDrops += stats.droppedByCleansing;
          seen.resubmitted += stats.resubmitted;
          seen.compromiseDrops += stats.droppedByCompromise;
          seen.rejected += stats.rejected;
          seen.inFlight += stats.inFlight;
          seen.requests += stats.generated;
        }
      }),
      { numRuns: 60 },
    );
    // The cases reach every path: cut off by cleansing, resubmitted, cut off by a compromise, rejected.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
  });
});
