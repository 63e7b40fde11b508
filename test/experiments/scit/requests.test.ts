import { describe, expect, it } from 'vitest';
import {
  buildScitSystem,
  CloudletSchedulerSpaceShared,
  CloudletSchedulerTimeSharedFast,
  ConfigError,
  createRunContainer,
  placeScit,
  type RequestWorkload,
  ROTATION_STRATEGY,
  RunScope,
  resolveScitConfig,
  runScit,
  type ScitConfig,
} from '../../../src/index.js';
import { ConventionalRotation } from '../../../src/policies/scit/conventional-rotation.js';
import { prepareRequests } from '../../../src/runs/requests.js';

function config(graceSeconds: number): ScitConfig {
  return {
    hosts: 1,
    vmsPerHost: 3,
    services: [{ name: 'A', required: 1 }],
    exposureSeconds: 20,
    graceSeconds,
    cleansingSeconds: 5,
    layout: [['A', 'spare', 'spare']],
  };
}

const workload: RequestWorkload = {
  services: { A: { ratePerSecond: 8, meanLengthMi: 100 } }, // 0.8 utilisation of one 1000-MIPS VM
  vmMips: 1000,
  queueCapacity: 1000,
};

function requestsOf(graceSeconds: number, extra: Partial<RequestWorkload> = {}) {
  const result = runScit(
    createRunContainer({ rotation: ConventionalRotation }),
    resolveScitConfig(config(graceSeconds)),
    {
      seed: 4,
      maxCycles: 20,
      requests: { ...workload, ...extra },
      requestHorizonSeconds: 400,
      recordRequests: true,
    },
  );
  const [a] = result.requests ?? [];
  return { a, result };
}

describe('client requests (via runScit)', () => {
  it('accounts for every request: served + dropped + in flight = generated', () => {
    for (const grace of [0, 1, 30]) {
      const { a } = requestsOf(grace);
      expect(a.generated).toBeGreaterThan(2500);
      expect(a.served + a.dropped + a.inFlight).toBe(a.generated);
      expect(a.dropped).toBe(a.rejected + a.droppedByCleansing + a.droppedByCompromise);
      expect(a.responseTimes.count).toBe(a.served);
      expect(a.responseTimes.values()).toHaveLength(a.served);
    }
  });
  it('cuts off unfinished work when G = 0 and lets a long grace drain it', () => {
    const none = requestsOf(0).a;
    const long = requestsOf(30).a;
    expect(none.droppedByCleansing).toBeGreaterThan(0);
    expect(long.droppedByCleansing).toBeLessThan(none.droppedByCleansing);
  });
  it('resubmits the cut-off requests to an Active VM when asked, keeping their arrival time', () => {
    const dropped = requestsOf(0).a;
    const { a, result } = requestsOf(0, { resubmitOnCleansing: true });
    expect(a.resubmitted).toBe(dropped.droppedByCleansing);
    expect(a.droppedByCleansing).toBe(0);
    expect(a.served).toBeGreaterThan(dropped.served);
    const again = (result.requestLog ?? []).filter((r) => r.attempts > 1);
    expect(again.length).toBe(a.resubmitted);
    for (const r of again) expect(r.endSeconds - r.arrivalSeconds).toBeGreaterThan(0);
  });
  it('generates the same requests whatever happens to the VMs (same seed, same horizon)', () => {
    expect(requestsOf(0).a.generated).toBe(requestsOf(30).a.generated);
  });
  it('keeps running until both the cycle count and the request horizon are reached', () => {
    const { result } = requestsOf(0);
    expect(result.cycles).toBe(20);
    expect(result.stopReason).toBe('cycles');
    expect(result.endTimeSeconds).toBeGreaterThanOrEqual(400);
  });
  it('runs the fast path with the built-in time-shared scheduler, the cloudlet model otherwise', () => {
    expect(requestsOf(0).result.requestEngine).toBe('fast');
    expect(requestsOf(0, { engine: 'cloudlets' }).result.requestEngine).toBe('cloudlets');
    const spaceShared = runScit(
      createRunContainer({ cloudletScheduler: 'space-shared' }),
      resolveScitConfig(config(0)),
      {
        seed: 1,
        maxCycles: 3,
        requests: workload,
        requestHorizonSeconds: 20,
      },
    );
    expect(spaceShared.requestEngine).toBe('cloudlets');
  });
  it('refuses the fast path for a scheduler it does not compute, and a bad workload, naming the field', () => {
    const run = (container: ReturnType<typeof createRunContainer>, requests: RequestWorkload) =>
      runScit(container, resolveScitConfig(config(0)), {
        seed: 1,
        maxCycles: 3,
        requests,
        requestHorizonSeconds: 20,
      });
    expect(() =>
      run(createRunContainer({ cloudletScheduler: 'space-shared' }), { ...workload, engine: 'fast' }),
    ).toThrow(/requests\.engine.*time-shared/);
    expect(() =>
      run(createRunContainer(), {
        ...workload,
        services: { A: { ratePerSecond: 1, meanLengthMi: 2.5, lengths: 'fixed' } },
      }),
    ).toThrow(ConfigError);
    expect(() => run(createRunContainer(), { ...workload, priority: 1 } as RequestWorkload)).toThrow(
      /requests\.priority: unknown field/,
    );
  });
});

describe('the cloudlet model’s cloud', () => {
  it('is a datacenter whose VMs sit where the allocation policy placed them, with the container’s schedulers', () => {
    for (const cloudletScheduler of ['time-shared', 'space-shared'] as const) {
      const container = createRunContainer({ allocation: 'round-robin', cloudletScheduler });
      const { layout: _layout, ...unplaced } = config(0);
      const placed = placeScit(container, { ...unplaced, hosts: 3, vmsPerHost: 2 }, { vmMips: 1000 });
      const scope = new RunScope(container);
      const sim = scope.begin({ seed: 1 });
      const prepared = prepareRequests(
        scope,
        sim,
        placed.config,
        { ...workload, engine: 'cloudlets' },
        {
          arrivalsEndSeconds: 30,
          cloudVms: placed.vms,
        },
      );
      const system = buildScitSystem(sim, placed.config, scope.get(ROTATION_STRATEGY), { maxCycles: 2 });
      const model = prepared.start(system.view);
      sim.run({ until: 30 });
      const report = model.finish();
      expect(report.engine).toBe('cloudlets');
      expect(report.stats[0].served).toBeGreaterThan(100);
      const datacenter = prepared.datacenter;
      const vms = prepared.vms ?? [];
      expect(vms).toHaveLength(6);
      // Each run builds its own VMs, placed on the hosts the experiment's placement chose.
      vms.forEach((vm, i) => {
        expect(vm).not.toBe(placed.vms[i]);
        expect(datacenter?.vmPlacements.get(vm.uid)).toBe(placed.vms[i].host?.id);
        expect(vm.cloudletScheduler).toBeInstanceOf(
          cloudletScheduler === 'space-shared'
            ? CloudletSchedulerSpaceShared
            : CloudletSchedulerTimeSharedFast,
        );
      });
    }
  });
  it('with space-shared VMs, serves each VM’s requests one at a time, in arrival order', () => {
    const result = runScit(
      createRunContainer({ cloudletScheduler: 'space-shared' }),
      resolveScitConfig(config(30)),
      {
        seed: 2,
        maxCycles: 5,
        requests: workload,
        requestHorizonSeconds: 100,
        recordRequests: true,
      },
    );
    const served = (result.requestLog ?? []).filter((r) => r.outcome === 'served');
    expect(served.length).toBeGreaterThan(300);
    for (const vm of new Set(served.map((r) => r.vm))) {
      const ends = served.filter((r) => r.vm === vm).map((r) => r.endSeconds);
      expect(ends).toEqual([...ends].sort((x, y) => x - y));
    }
  });
});
