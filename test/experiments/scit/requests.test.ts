import { describe, expect, it } from 'vitest';
import { resolveScitConfig, type ScitConfig } from '../../../src/entities/scit/config.js';
import { createRunContainer } from '../../../src/experiments/container.js';
import { runScit } from '../../../src/experiments/scit/run.js';
import { ConventionalRotation } from '../../../src/policies/scit/conventional-rotation.js';

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

const workload = {
  services: { A: { ratePerSecond: 8, meanLengthMi: 100 } }, // 0.8 utilisation of one 1000-MIPS VM
  vmMips: 1000,
  queueCapacity: 1000,
};

function requestsOf(graceSeconds: number) {
  const result = runScit(
    createRunContainer({ rotation: ConventionalRotation }),
    resolveScitConfig(config(graceSeconds)),
    {
      seed: 4,
      maxCycles: 20,
      requests: workload,
      requestHorizonSeconds: 400,
    },
  );
  const [a] = result.requests ?? [];
  return { a, result };
}

describe('RequestBroker (via runScit)', () => {
  it('accounts for every request: served + dropped + in flight = generated', () => {
    for (const grace of [0, 1, 30]) {
      const { a } = requestsOf(grace);
      expect(a.generated).toBeGreaterThan(2500);
      expect(a.served + a.dropped + a.inFlight).toBe(a.generated);
      expect(a.responseTimesSeconds).toHaveLength(a.served);
    }
  });
  it('cuts off queued work when G = 0 and lets a long grace drain it', () => {
    const none = requestsOf(0).a;
    const long = requestsOf(30).a;
    expect(none.droppedByCleansing).toBeGreaterThan(0);
    expect(long.droppedByCleansing).toBeLessThan(none.droppedByCleansing);
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
});
